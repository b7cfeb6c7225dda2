/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "attune-class-session.h"

G_BEGIN_DECLS

GtkWidget *attune_tally_bars_new (const AttuneClassDecision *decision);

G_END_DECLS
