/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "attune-application.h"
#include "attune-window.h"

G_BEGIN_DECLS

void  attune_test_wait_for_frame (GtkWidget  *widget);
void  attune_test_wait_until     (gboolean  (*condition) (gpointer),
                                  gpointer    data);
char *attune_test_render_png     (GtkWidget  *widget,
                                  const char *name);
double attune_test_text_contrast (GtkWidget  *root,
                                  GtkWidget  *area,
                                  const char *what);
double attune_test_ring_contrast (GtkWidget  *root,
                                  GtkWidget  *widget,
                                  const char *name);
void   attune_test_assert_ring   (GtkWidget  *root,
                                  GtkWidget  *widget,
                                  const char *what,
                                  const char *scheme);

char *attune_test_isolate_database (void);
GSettings     *attune_test_settings  (void);
AttuneLibrary *attune_test_library   (AttuneApplication *app);
AttuneStore   *attune_test_store     (AttuneApplication *app);
gint64         attune_test_profile   (AttuneApplication *app);
void           attune_test_flush     (AttunePractice    *practice);
void           attune_test_progress_at (AttuneWindow    *window,
                                      gint64             now);
void           attune_test_wait_report (AttuneProgressModel *progress);
AttuneApplication *attune_test_new_application (void);
gboolean      attune_test_app_ready         (gpointer           data);
AttuneWindow *attune_test_reopen_window     (AttuneApplication *app,
                                             const char        *view,
                                             int                width,
                                             int                height);
void  attune_test_press            (GtkWidget       *widget,
                                    guint            keyval,
                                    GdkModifierType  modifiers);

GtkWidget *attune_test_find_widget (GtkWidget  *root,
                                    GType       type,
                                    const char *name);
GtkWidget *attune_test_find_label  (GtkWidget  *root,
                                    const char *text,
                                    gboolean    containing);

char      *attune_test_unnamed_controls (GtkWidget *root,
                                        guint     *n_checked);

G_END_DECLS
