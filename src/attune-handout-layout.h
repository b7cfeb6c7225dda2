/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "attune-handout.h"

G_BEGIN_DECLS

/* A4 in points, and the margin of a PDF written straight to a file. */
#define ATTUNE_PAGE_WIDTH  595.276
#define ATTUNE_PAGE_HEIGHT 841.890
#define ATTUNE_PAGE_MARGIN 56.0

#define ATTUNE_TYPE_HANDOUT_LAYOUT (attune_handout_layout_get_type ())
G_DECLARE_FINAL_TYPE (AttuneHandoutLayout, attune_handout_layout, ATTUNE, HANDOUT_LAYOUT, GObject)

AttuneHandoutLayout *attune_handout_layout_new       (AttuneHandout       *handout);
guint                attune_handout_layout_paginate  (AttuneHandoutLayout *self,
                                                      cairo_t             *cr,
                                                      double               width,
                                                      double               height,
                                                      double               margin);
guint                attune_handout_layout_get_n_pages (AttuneHandoutLayout *self);
void                 attune_handout_layout_draw_page (AttuneHandoutLayout *self,
                                                      cairo_t             *cr,
                                                      guint                page);
gboolean             attune_handout_write_pdf        (AttuneHandout       *handout,
                                                      const char          *path,
                                                      guint               *n_pages,
                                                      GError             **error);

G_END_DECLS
