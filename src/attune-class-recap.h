/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "attune-class-session.h"
#include "attune-library.h"

G_BEGIN_DECLS

GtkWidget *attune_class_recap_new (AttuneClassSession *session,
                                   AttuneLibrary      *library);

G_END_DECLS
