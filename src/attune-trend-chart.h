/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ATTUNE_TYPE_TREND_CHART (attune_trend_chart_get_type ())
G_DECLARE_FINAL_TYPE (AttuneTrendChart, attune_trend_chart, ATTUNE, TREND_CHART, GtkWidget)

GtkWidget *attune_trend_chart_new      (void);
void       attune_trend_chart_set_data (AttuneTrendChart *self,
                                        GArray           *trend,
                                        const char       *description);

G_END_DECLS
