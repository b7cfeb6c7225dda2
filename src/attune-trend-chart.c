/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneTrendChart: good decisions per week as bars. Each week's bar is
 * its decisions; the solid part the good ones, the outlined rest the
 * others, so the chart reads without colour. Screen readers get the
 * report's summary in words as the chart's description.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-progress-report.h"
#include "attune-trend-chart.h"

struct _AttuneTrendChart
{
  GtkWidget parent_instance;

  GArray *trend;
};

G_DEFINE_FINAL_TYPE (AttuneTrendChart, attune_trend_chart, GTK_TYPE_WIDGET)

static void
attune_trend_chart_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  AttuneTrendChart *self = ATTUNE_TREND_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA color, faint;
  guint most = 1;
  float slot, bar;

  if (self->trend == NULL || self->trend->len == 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  faint = color;
  faint.alpha = 0.35f;

  for (guint i = 0; i < self->trend->len; i++)
    most = MAX (most, g_array_index (self->trend, AttuneTrendPoint, i).total);

  slot = (float) width / self->trend->len;
  bar = MAX (4.0f, slot * 0.6f);

  /* The baseline. */
  gtk_snapshot_append_color (snapshot, &faint, &GRAPHENE_RECT_INIT (0, height - 1, width, 1));

  for (guint i = 0; i < self->trend->len; i++)
    {
      AttuneTrendPoint *point = &g_array_index (self->trend, AttuneTrendPoint, i);
      /* Time runs with the text: right to left in Arabic or Hebrew. */
      guint column = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL ? self->trend->len - 1 - i : i;
      float x = slot * column + (slot - bar) / 2;
      float total_h = (float) (height - 2) * point->total / most;
      float good_h = (float) (height - 2) * point->good / most;
      GskRoundedRect outline;
      float border[4] = { 1, 1, 0, 1 };
      GdkRGBA borders[4] = { faint, faint, faint, faint };

      if (point->total == 0)
        continue;
      gsk_rounded_rect_init_from_rect (&outline,
                                       &GRAPHENE_RECT_INIT (x, height - 1 - total_h, bar, total_h), 0);
      gtk_snapshot_append_border (snapshot, &outline, border, borders);
      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT (x, height - 1 - good_h, bar, good_h));
    }
}

static void
attune_trend_chart_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 480;
    }
  else
    {
      *minimum = 80;
      *natural = 120;
    }
}

static void
attune_trend_chart_finalize (GObject *object)
{
  AttuneTrendChart *self = ATTUNE_TREND_CHART (object);

  g_clear_pointer (&self->trend, g_array_unref);
  G_OBJECT_CLASS (attune_trend_chart_parent_class)->finalize (object);
}

static void
attune_trend_chart_class_init (AttuneTrendChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = attune_trend_chart_finalize;
  widget_class->snapshot = attune_trend_chart_snapshot;
  widget_class->measure = attune_trend_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "attune-trend-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
attune_trend_chart_init (AttuneTrendChart *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Good decisions by week"), -1);
}

GtkWidget *
attune_trend_chart_new (void)
{
  return g_object_new (ATTUNE_TYPE_TREND_CHART, NULL);
}

/* Shows @trend (kept), described in words by @description. */
void
attune_trend_chart_set_data (AttuneTrendChart *self,
                             GArray           *trend,
                             const char       *description)
{
  g_return_if_fail (ATTUNE_IS_TREND_CHART (self));

  g_clear_pointer (&self->trend, g_array_unref);
  self->trend = trend != NULL ? g_array_ref (trend) : NULL;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
