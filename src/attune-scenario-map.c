/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneScenarioMap: a scenario's conversation as a map. Nodes are boxes
 * with the customer's line; endings are double-bordered boxes named by
 * their outcome; each reply is an arrow whose line style (solid, dashed,
 * dotted) and words ("strong", "partly right", "weak") give its quality,
 * with colour only as a third cue. Clicking a node asks to play from it.
 *
 * Graphviz (libgvc, "dot") lays the map out; it is not thread-safe, so it
 * only ever runs on the GTK thread, here. The drawing is our own, with
 * GtkSnapshot, so that it follows the theme and exports to PNG exactly as
 * seen; SVG export is Graphviz's own renderer over the same graph, with
 * the same styles and words set as attributes.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <graphviz/gvc.h>

#include "attune-scenario-map.h"

#define NODE_WIDTH_IN 2.6
#define NODE_HEIGHT_IN 0.95
#define MARGIN 16.0

typedef struct
{
  char *id;
  gboolean ending;
  gboolean start;
  AttuneOutcome outcome;
  char *text;
  graphene_rect_t box;         /* in widget pixels, margin included */
} MapNode;

typedef struct
{
  AttuneReplyQuality quality;
  char *label;
  GArray *points;              /* graphene_point_t: start, then cubic bezier triples */
  gboolean has_arrow;
  graphene_point_t arrow_tip;
  gboolean has_start_arrow;     /* a loop back: Graphviz may put the head at the start */
  graphene_point_t start_tip;
  graphene_point_t target;      /* the centre of the node the reply leads to */
  gboolean has_label;
  graphene_point_t label_at;
} MapEdge;

struct _AttuneScenarioMap
{
  GtkWidget parent_instance;

  AttuneScenario *scenario;
  char *current;
  GArray *nodes;               /* MapNode */
  GArray *edges;               /* MapEdge */
  double width, height;
  Agraph_t *graph;             /* kept for SVG export */
};

G_DEFINE_FINAL_TYPE (AttuneScenarioMap, attune_scenario_map, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_SCENARIO, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { NODE_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* One Graphviz context for the process, used on the GTK thread only. */
static GVC_t *
get_gvc (void)
{
  static GVC_t *gvc;
  static GThread *owner;

  if (gvc == NULL)
    {
      /* Errors only: long labels are clipped on purpose. */
      agseterr (AGERR);
      gvc = gvContext ();
      owner = g_thread_self ();
    }
  g_assert (owner == g_thread_self ());
  return gvc;
}

static void
map_node_clear (MapNode *node)
{
  g_free (node->id);
  g_free (node->text);
}

static void
map_edge_clear (MapEdge *edge)
{
  g_free (edge->label);
  g_clear_pointer (&edge->points, g_array_unref);
}

static void
free_graph (AttuneScenarioMap *self)
{
  if (self->graph != NULL)
    {
      gvFreeLayout (get_gvc (), self->graph);
      agclose (self->graph);
      self->graph = NULL;
    }
}

static const char *
quality_words (AttuneReplyQuality quality)
{
  switch (quality)
    {
    case ATTUNE_REPLY_STRONG:
      return C_("reply quality", "strong");
    case ATTUNE_REPLY_PARTLY:
      return C_("reply quality", "partly right");
    case ATTUNE_REPLY_WEAK:
    default:
      return C_("reply quality", "weak");
    }
}

static const char *
quality_style (AttuneReplyQuality quality)
{
  return quality == ATTUNE_REPLY_STRONG ? "solid" : quality == ATTUNE_REPLY_PARTLY ? "dashed" : "dotted";
}

static const char *
quality_color (AttuneReplyQuality quality)
{
  return quality == ATTUNE_REPLY_STRONG ? "#26a269" : quality == ATTUNE_REPLY_PARTLY ? "#c88800" : "#c01c28";
}

static const char *
outcome_color (AttuneOutcome outcome)
{
  static const char *colors[] = { "#26a269", "#c88800", "#e66100", "#c01c28" };

  return outcome < ATTUNE_N_OUTCOMES ? colors[outcome] : "#777777";
}

static char *
shorten (const char *text,
         guint       max)
{
  if (g_utf8_strlen (text, -1) <= max)
    return g_strdup (text);
  {
    g_autofree char *start = g_utf8_substring (text, 0, max - 1);

    return g_strdup_printf ("%s…", start);
  }
}

static void
set (void       *object,
     const char *name,
     const char *value)
{
  agsafeset (object, (char *) name, (char *) value, (char *) "");
}

static graphene_point_t
to_widget (AttuneScenarioMap *self,
           pointf             p,
           double             top)
{
  graphene_point_t out = { (float) (p.x + MARGIN), (float) (top - p.y + MARGIN) };

  return out;
}

/* Builds the Graphviz graph from the scenario and reads the layout back. */
static void
relayout (AttuneScenarioMap *self)
{
  GVC_t *gvc = get_gvc ();
  g_autoptr(GHashTable) agnodes = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *nodes, *endings;
  double top;

  free_graph (self);
  g_array_set_size (self->nodes, 0);
  g_array_set_size (self->edges, 0);
  self->width = self->height = 0;
  if (self->scenario == NULL)
    {
      gtk_widget_queue_resize (GTK_WIDGET (self));
      return;
    }

  nodes = attune_scenario_get_nodes (self->scenario);
  endings = attune_scenario_get_endings (self->scenario);
  self->graph = agopen ((char *) "scenario", Agdirected, NULL);
  set (self->graph, "nodesep", "0.35");
  set (self->graph, "ranksep", "0.6");
  set (self->graph, "fontname", "Cantarell");
  agattr (self->graph, AGNODE, (char *) "shape", (char *) "box");
  agattr (self->graph, AGNODE, (char *) "style", (char *) "rounded");
  agattr (self->graph, AGNODE, (char *) "fixedsize", (char *) "shape");
  agattr (self->graph, AGNODE, (char *) "fontname", (char *) "Cantarell");
  agattr (self->graph, AGNODE, (char *) "fontsize", (char *) "9");
  agattr (self->graph, AGEDGE, (char *) "fontname", (char *) "Cantarell");
  agattr (self->graph, AGEDGE, (char *) "fontsize", (char *) "9");
  {
    g_autofree char *w = g_strdup_printf ("%.2f", NODE_WIDTH_IN);
    g_autofree char *h = g_strdup_printf ("%.2f", NODE_HEIGHT_IN);

    agattr (self->graph, AGNODE, (char *) "width", w);
    agattr (self->graph, AGNODE, (char *) "height", h);
  }

  for (guint i = 0; i < nodes->len; i++)
    {
      AttuneScenarioNode *node = g_ptr_array_index (nodes, i);
      Agnode_t *n = agnode (self->graph, node->id, TRUE);
      g_autofree char *line = shorten (node->text, 70);
      g_autofree char *label = NULL;
      MapNode entry = { g_strdup (node->id), FALSE, FALSE, 0, NULL };

      entry.start = g_strcmp0 (node->id, attune_scenario_get_start_id (self->scenario)) == 0;
      /* Translators: a node on the scenario map: “Start” marks the first */
      entry.text = entry.start ? g_strdup_printf (_("Start: %s"), line) : g_strdup (line);
      label = g_strdup_printf ("%s\\n%s", node->id, entry.text);
      set (n, "label", label);
      if (entry.start)
        set (n, "penwidth", "3");
      g_hash_table_insert (agnodes, node->id, n);
      g_array_append_val (self->nodes, entry);
    }
  for (guint i = 0; i < endings->len; i++)
    {
      AttuneScenarioEnding *ending = g_ptr_array_index (endings, i);
      Agnode_t *n = agnode (self->graph, ending->id, TRUE);
      g_autofree char *label = NULL;
      MapNode entry = { g_strdup (ending->id), TRUE, FALSE, ending->outcome, NULL };

      /* Translators: an ending on the scenario map: its outcome, such as “Ending: Resolved” */
      entry.text = g_strdup_printf (_("Ending: %s"), attune_outcome_get_label (ending->outcome));
      label = g_strdup_printf ("%s\\n%s", ending->id, entry.text);
      set (n, "label", label);
      set (n, "peripheries", "2");
      set (n, "color", outcome_color (ending->outcome));
      g_hash_table_insert (agnodes, ending->id, n);
      g_array_append_val (self->nodes, entry);
    }
  for (guint i = 0; i < nodes->len; i++)
    {
      AttuneScenarioNode *node = g_ptr_array_index (nodes, i);

      for (guint j = 0; j < node->choices->len; j++)
        {
          AttuneChoice *choice = g_ptr_array_index (node->choices, j);
          Agnode_t *to = g_hash_table_lookup (agnodes, choice->next);
          AttuneReplyQuality quality = attune_scenario_node_get_quality (node, j);
          g_autofree char *name = g_strdup_printf ("%s/%u", node->id, j + 1);
          Agedge_t *e;
          g_autofree char *label = NULL;

          if (to == NULL)
            continue;
          e = agedge (self->graph, g_hash_table_lookup (agnodes, node->id), to, name, TRUE);
          /* Translators: a reply on the scenario map: its number and quality, such as “2: partly right” */
          label = g_strdup_printf (_("%u: %s"), j + 1, quality_words (quality));
          set (e, "label", label);
          set (e, "style", quality_style (quality));
          set (e, "color", quality_color (quality));
          set (e, "fontcolor", quality_color (quality));
          set (e, "penwidth", quality == ATTUNE_REPLY_STRONG ? "2.5" : "1.5");
        }
    }

  gvLayout (gvc, self->graph, "dot");
  top = GD_bb (self->graph).UR.y;
  self->width = GD_bb (self->graph).UR.x + 2 * MARGIN;
  self->height = top + 2 * MARGIN;

  for (guint i = 0; i < self->nodes->len; i++)
    {
      MapNode *entry = &g_array_index (self->nodes, MapNode, i);
      Agnode_t *n = agnode (self->graph, entry->id, FALSE);
      graphene_point_t centre = to_widget (self, ND_coord (n), top);
      float w = (float) (ND_width (n) * 72), h = (float) (ND_height (n) * 72);

      graphene_rect_init (&entry->box, centre.x - w / 2, centre.y - h / 2, w, h);
    }

  for (guint i = 0; i < nodes->len; i++)
    {
      AttuneScenarioNode *node = g_ptr_array_index (nodes, i);

      for (guint j = 0; j < node->choices->len; j++)
        {
          g_autofree char *name = g_strdup_printf ("%s/%u", node->id, j + 1);
          AttuneChoice *choice = g_ptr_array_index (node->choices, j);
          Agnode_t *from = g_hash_table_lookup (agnodes, node->id);
          Agnode_t *to = g_hash_table_lookup (agnodes, choice->next);
          Agedge_t *e = to != NULL ? agedge (self->graph, from, to, name, FALSE) : NULL;
          MapEdge edge = { attune_scenario_node_get_quality (node, j), NULL, NULL };
          splines *spl;

          if (e == NULL || (spl = ED_spl (e)) == NULL || spl->size == 0)
            continue;
          edge.label = g_strdup (agget (e, (char *) "label"));
          edge.points = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
          for (guint k = 0; k < (guint) spl->list[0].size; k++)
            {
              graphene_point_t p = to_widget (self, spl->list[0].list[k], top);

              g_array_append_val (edge.points, p);
            }
          edge.has_arrow = spl->list[0].eflag != 0;
          if (edge.has_arrow)
            edge.arrow_tip = to_widget (self, spl->list[0].ep, top);
          edge.has_start_arrow = spl->list[0].sflag != 0;
          if (edge.has_start_arrow)
            edge.start_tip = to_widget (self, spl->list[0].sp, top);
          edge.target = to_widget (self, ND_coord (to), top);
          if (ED_label (e) != NULL && ED_label (e)->set)
            {
              edge.has_label = TRUE;
              edge.label_at = to_widget (self, ED_label (e)->pos, top);
            }
          g_array_append_val (self->edges, edge);
        }
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
rgba_parse (GdkRGBA    *rgba,
            const char *spec)
{
  gdk_rgba_parse (rgba, spec);
}

static void
draw_arrow_head (cairo_t          *cr,
                 graphene_point_t  from,
                 graphene_point_t  tip,
                 gboolean          shaft)
{
  double dx = tip.x - from.x, dy = tip.y - from.y;
  double length = sqrt (dx * dx + dy * dy);
  double ux, uy;

  if (length <= 0)
    return;
  ux = dx / length;
  uy = dy / length;
  if (shaft)
    {
      cairo_move_to (cr, from.x, from.y);
      cairo_line_to (cr, tip.x, tip.y);
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_move_to (cr, tip.x, tip.y);
  cairo_line_to (cr, tip.x - 9 * ux + 4.5 * uy, tip.y - 9 * uy - 4.5 * ux);
  cairo_line_to (cr, tip.x - 9 * ux - 4.5 * uy, tip.y - 9 * uy + 4.5 * ux);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* Points along the whole curve, 16 per Bézier segment. */
static GArray *
sample_curve (MapEdge *edge)
{
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  graphene_point_t *p = (graphene_point_t *) edge->points->data;

  g_array_append_val (samples, p[0]);
  for (guint k = 1; k + 2 < edge->points->len; k += 3)
    for (guint step = 1; step <= 16; step++)
      {
        float t = step / 16.f, u = 1 - t;
        graphene_point_t at = {
          u * u * u * p[k - 1].x + 3 * u * u * t * p[k].x + 3 * u * t * t * p[k + 1].x + t * t * t * p[k + 2].x,
          u * u * u * p[k - 1].y + 3 * u * u * t * p[k].y + 3 * u * t * t * p[k + 1].y + t * t * t * p[k + 2].y,
        };

        g_array_append_val (samples, at);
      }
  if (edge->has_arrow)
    g_array_append_val (samples, edge->arrow_tip);
  if (edge->has_start_arrow)
    g_array_prepend_val (samples, edge->start_tip);
  return samples;
}

static const graphene_rect_t *
target_box (AttuneScenarioMap *self,
            MapEdge           *edge)
{
  for (guint i = 0; i < self->nodes->len; i++)
    {
      MapNode *node = &g_array_index (self->nodes, MapNode, i);

      if (graphene_rect_contains_point (&node->box, &edge->target))
        return &node->box;
    }
  return NULL;
}

/* The curves are clipped to the space between boxes (Graphviz may end
 * them a little inside a box); the heads are drawn on top, unclipped. */
static void
draw_edges (cairo_t           *cr,
            AttuneScenarioMap *self,
            const GdkRGBA     *fg)
{
  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_rectangle (cr, 0, 0, self->width, self->height);
  for (guint i = 0; i < self->nodes->len; i++)
    {
      MapNode *node = &g_array_index (self->nodes, MapNode, i);

      cairo_rectangle (cr, node->box.origin.x, node->box.origin.y, node->box.size.width, node->box.size.height);
    }
  cairo_clip (cr);
  for (guint pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        cairo_restore (cr);
      for (guint i = 0; i < self->edges->len; i++)
        {
          MapEdge *edge = &g_array_index (self->edges, MapEdge, i);
          graphene_point_t *p = (graphene_point_t *) edge->points->data;
          GdkRGBA color;
          double dash_dashed[] = { 7.0, 4.0 }, dash_dotted[] = { 1.5, 3.5 };

          if (edge->points->len < 4)
            continue;
          rgba_parse (&color, quality_color (edge->quality));
          gdk_cairo_set_source_rgba (cr, &color);
          cairo_set_line_width (cr, edge->quality == ATTUNE_REPLY_STRONG ? 2.5 : 1.6);
          if (pass == 0)
            {
              cairo_set_line_cap (cr, edge->quality == ATTUNE_REPLY_WEAK ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
              if (edge->quality == ATTUNE_REPLY_PARTLY)
                cairo_set_dash (cr, dash_dashed, 2, 0);
              else if (edge->quality == ATTUNE_REPLY_WEAK)
                cairo_set_dash (cr, dash_dotted, 2, 0);
              else
                cairo_set_dash (cr, NULL, 0, 0);
              cairo_move_to (cr, p[0].x, p[0].y);
              for (guint k = 1; k + 2 < edge->points->len; k += 3)
                cairo_curve_to (cr, p[k].x, p[k].y, p[k + 1].x, p[k + 1].y, p[k + 2].x, p[k + 2].y);
              cairo_stroke (cr);
              continue;
            }

          /* The head goes where the curve meets the box of the node the
           * reply leads to, whichever end that is: for a loop back, dot
           * may draw the curve the other way, and may end it inside. */
          {
            g_autoptr(GArray) samples = sample_curve (edge);
            graphene_point_t *q = (graphene_point_t *) samples->data;
            const graphene_rect_t *box = target_box (self, edge);
            gboolean at_end = graphene_point_distance (&q[samples->len - 1], &edge->target, NULL, NULL) <=
                              graphene_point_distance (&q[0], &edge->target, NULL, NULL);
            guint n = samples->len;

            for (guint k = 0; k + 1 < n; k++)
              {
                guint here = at_end ? n - 1 - k : k, next = at_end ? here - 1 : here + 1;

                if (box == NULL || !graphene_rect_contains_point (box, &q[here]) || k + 2 == n)
                  {
                    graphene_point_t tip = q[here], from = q[next];

                    /* Step back a little along the curve for a steady direction. */
                    for (guint j = 0; j < 3 && (at_end ? next > 0 : next + 1 < n); j++)
                      from = q[at_end ? --next : ++next];
                    draw_arrow_head (cr, from, tip, FALSE);
                    break;
                  }
              }
          }
        }
    }
  (void) fg;
}

static void
draw_text (GtkSnapshot       *snapshot,
           PangoLayout       *layout,
           float              x,
           float              y,
           const GdkRGBA     *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* Draws the whole map: used for the widget and for PNG export. */
static void
draw_map (AttuneScenarioMap *self,
          GtkSnapshot       *snapshot,
          const GdkRGBA     *fg,
          const GdkRGBA     *bg)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  g_autoptr(PangoLayout) layout = pango_layout_new (context);
  cairo_t *cr;

  if (bg != NULL)
    gtk_snapshot_append_color (snapshot, bg, &GRAPHENE_RECT_INIT (0, 0, self->width, self->height));

  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  for (guint i = 0; i < self->nodes->len; i++)
    {
      MapNode *node = &g_array_index (self->nodes, MapNode, i);
      GskRoundedRect outline;
      GdkRGBA border, fill = *fg, text_color = *fg;
      gboolean current = g_strcmp0 (node->id, self->current) == 0;
      float width = node->start || current ? 3.f : 1.5f;
      g_autofree char *markup = NULL;

      if (node->ending)
        rgba_parse (&border, outcome_color (node->outcome));
      else
        border = *fg, border.alpha = 0.55f;
      if (current)
        rgba_parse (&border, "#3584e4");
      fill.alpha = node->ending ? 0.04f : 0.08f;
      if (bg != NULL)
        gtk_snapshot_append_color (snapshot, bg, &node->box);

      gsk_rounded_rect_init_from_rect (&outline, &node->box, 8);
      gtk_snapshot_push_rounded_clip (snapshot, &outline);
      gtk_snapshot_append_color (snapshot, &fill, &node->box);
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_append_border (snapshot, &outline,
                                  (float[4]) { width, width, width, width },
                                  (GdkRGBA[4]) { border, border, border, border });
      if (node->ending)
        {
          GskRoundedRect inner = outline;

          gsk_rounded_rect_shrink (&inner, 4, 4, 4, 4);
          gtk_snapshot_append_border (snapshot, &inner, (float[4]) { 1, 1, 1, 1 },
                                      (GdkRGBA[4]) { border, border, border, border });
        }

      markup = g_markup_printf_escaped ("<b>%s</b>\n<span size=\"small\">%s</span>", node->id, node->text);
      pango_layout_set_markup (layout, markup, -1);
      pango_layout_set_width (layout, (int) ((node->box.size.width - 16) * PANGO_SCALE));
      pango_layout_set_height (layout, (int) ((node->box.size.height - 10) * PANGO_SCALE));
      draw_text (snapshot, layout, node->box.origin.x + 8, node->box.origin.y + 6, &text_color);
    }

  /* Replies last, so that an arrow head touching a box stays visible. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, self->width, self->height));
  draw_edges (cr, self, fg);
  cairo_destroy (cr);

  /* Their words on top of everything. */
  for (guint i = 0; i < self->edges->len; i++)
    {
      MapEdge *edge = &g_array_index (self->edges, MapEdge, i);
      GdkRGBA color;
      int w, h;

      if (!edge->has_label)
        continue;
      rgba_parse (&color, quality_color (edge->quality));
      pango_layout_set_width (layout, -1);
      pango_layout_set_height (layout, -1);
      pango_layout_set_markup (layout, "", -1);
      {
        g_autofree char *markup = g_markup_printf_escaped ("<span size=\"small\">%s</span>", edge->label);

        pango_layout_set_markup (layout, markup, -1);
      }
      pango_layout_get_pixel_size (layout, &w, &h);
      if (bg != NULL)
        gtk_snapshot_append_color (snapshot, bg, &GRAPHENE_RECT_INIT (edge->label_at.x - w / 2.f - 2, edge->label_at.y - h / 2.f,
                                                                      w + 4, h));
      draw_text (snapshot, layout, edge->label_at.x - w / 2.f, edge->label_at.y - h / 2.f, &color);
    }
}

static void
get_colors (AttuneScenarioMap *self,
            GdkRGBA           *fg,
            GdkRGBA           *bg)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  /* Label backgrounds: the opposite of the text, from the same theme. */
  if (fg->red + fg->green + fg->blue > 1.5)
    gdk_rgba_parse (bg, "#242424");
  else
    gdk_rgba_parse (bg, "#fafafa");
}

static void
attune_scenario_map_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  AttuneScenarioMap *self = ATTUNE_SCENARIO_MAP (widget);
  GdkRGBA fg, bg;

  get_colors (self, &fg, &bg);
  draw_map (self, snapshot, &fg, &bg);
}

static void
attune_scenario_map_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  AttuneScenarioMap *self = ATTUNE_SCENARIO_MAP (widget);

  *minimum = *natural = (int) ceil (orientation == GTK_ORIENTATION_HORIZONTAL ? self->width : self->height);
}

const char *
attune_scenario_map_node_at (AttuneScenarioMap *self,
                             double             x,
                             double             y)
{
  g_return_val_if_fail (ATTUNE_IS_SCENARIO_MAP (self), NULL);

  for (guint i = 0; i < self->nodes->len; i++)
    {
      MapNode *node = &g_array_index (self->nodes, MapNode, i);

      if (!node->ending && graphene_rect_contains_point (&node->box, &GRAPHENE_POINT_INIT (x, y)))
        return node->id;
    }
  return NULL;
}

/* The centre of a node or ending, in widget coordinates. */
gboolean
attune_scenario_map_get_node_center (AttuneScenarioMap *self,
                                     const char        *node_id,
                                     double            *x,
                                     double            *y)
{
  for (guint i = 0; i < self->nodes->len; i++)
    {
      MapNode *node = &g_array_index (self->nodes, MapNode, i);

      if (g_strcmp0 (node->id, node_id) == 0)
        {
          *x = node->box.origin.x + node->box.size.width / 2;
          *y = node->box.origin.y + node->box.size.height / 2;
          return TRUE;
        }
    }
  return FALSE;
}

/* The box of a node or ending, in widget coordinates. */
gboolean
attune_scenario_map_get_node_bounds (AttuneScenarioMap *self,
                                     const char        *node_id,
                                     graphene_rect_t   *bounds)
{
  g_return_val_if_fail (ATTUNE_IS_SCENARIO_MAP (self), FALSE);

  for (guint i = 0; i < self->nodes->len; i++)
    {
      MapNode *node = &g_array_index (self->nodes, MapNode, i);

      if (g_strcmp0 (node->id, node_id) == 0)
        {
          *bounds = node->box;
          return TRUE;
        }
    }
  return FALSE;
}

static void
clicked (GtkGestureClick   *gesture,
         int                n_press,
         double             x,
         double             y,
         AttuneScenarioMap *self)
{
  const char *id = attune_scenario_map_node_at (self, x, y);

  if (id != NULL)
    g_signal_emit (self, signals[NODE_ACTIVATED], 0, id);
}

static void
attune_scenario_map_dispose (GObject *object)
{
  AttuneScenarioMap *self = ATTUNE_SCENARIO_MAP (object);

  free_graph (self);
  g_clear_object (&self->scenario);
  G_OBJECT_CLASS (attune_scenario_map_parent_class)->dispose (object);
}

static void
attune_scenario_map_finalize (GObject *object)
{
  AttuneScenarioMap *self = ATTUNE_SCENARIO_MAP (object);

  g_array_unref (self->nodes);
  g_array_unref (self->edges);
  g_free (self->current);
  G_OBJECT_CLASS (attune_scenario_map_parent_class)->finalize (object);
}

static void
attune_scenario_map_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AttuneScenarioMap *self = ATTUNE_SCENARIO_MAP (object);

  if (prop_id == PROP_SCENARIO)
    g_value_set_object (value, self->scenario);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
attune_scenario_map_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AttuneScenarioMap *self = ATTUNE_SCENARIO_MAP (object);

  if (prop_id == PROP_SCENARIO)
    attune_scenario_map_set_scenario (self, g_value_get_object (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
attune_scenario_map_class_init (AttuneScenarioMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attune_scenario_map_dispose;
  object_class->finalize = attune_scenario_map_finalize;
  object_class->get_property = attune_scenario_map_get_property;
  object_class->set_property = attune_scenario_map_set_property;
  widget_class->snapshot = attune_scenario_map_snapshot;
  widget_class->measure = attune_scenario_map_measure;

  properties[PROP_SCENARIO] =
    g_param_spec_object ("scenario", NULL, NULL, ATTUNE_TYPE_SCENARIO,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AttuneScenarioMap::node-activated:
   * @id: the node clicked
   *
   * The trainer wants to play the scenario from this node.
   */
  signals[NODE_ACTIVATED] =
    g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "scenario-map");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
attune_scenario_map_init (AttuneScenarioMap *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->nodes = g_array_new (FALSE, TRUE, sizeof (MapNode));
  g_array_set_clear_func (self->nodes, (GDestroyNotify) map_node_clear);
  self->edges = g_array_new (FALSE, TRUE, sizeof (MapEdge));
  g_array_set_clear_func (self->edges, (GDestroyNotify) map_edge_clear);
  g_signal_connect (click, "released", G_CALLBACK (clicked), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Map of the scenario: nodes, replies and endings"), -1);
}

GtkWidget *
attune_scenario_map_new (AttuneScenario *scenario)
{
  return g_object_new (ATTUNE_TYPE_SCENARIO_MAP, "scenario", scenario, NULL);
}

void
attune_scenario_map_set_scenario (AttuneScenarioMap *self,
                                  AttuneScenario    *scenario)
{
  g_return_if_fail (ATTUNE_IS_SCENARIO_MAP (self));

  g_set_object (&self->scenario, scenario);
  relayout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
}

AttuneScenario *
attune_scenario_map_get_scenario (AttuneScenarioMap *self)
{
  g_return_val_if_fail (ATTUNE_IS_SCENARIO_MAP (self), NULL);
  return self->scenario;
}

/* Highlights the node being played (or none). */
void
attune_scenario_map_set_current (AttuneScenarioMap *self,
                                 const char        *node_id)
{
  g_return_if_fail (ATTUNE_IS_SCENARIO_MAP (self));
  g_free (self->current);
  self->current = g_strdup (node_id);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * attune_scenario_map_export_svg:
 *
 * Writes the map as SVG with Graphviz's renderer: the same layout, line
 * styles, words and colours.
 */
gboolean
attune_scenario_map_export_svg (AttuneScenarioMap *self,
                                const char        *path,
                                GError           **error)
{
  FILE *file;
  int status;

  g_return_val_if_fail (ATTUNE_IS_SCENARIO_MAP (self), FALSE);
  if (self->graph == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("There is no scenario to export."));
      return FALSE;
    }
  file = g_fopen (path, "w");
  if (file == NULL)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("The map could not be saved: %s"), g_strerror (saved));
      return FALSE;
    }
  status = gvRender (get_gvc (), self->graph, "svg", file);
  if (fclose (file) != 0 || status != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The map could not be saved."));
      return FALSE;
    }
  return TRUE;
}

/**
 * attune_scenario_map_export_png:
 *
 * Writes the map as drawn on screen, in the current theme, as PNG.
 */
gboolean
attune_scenario_map_export_png (AttuneScenarioMap *self,
                                const char        *path,
                                GError           **error)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GdkTexture) texture = NULL;
  GdkRGBA fg, bg;

  g_return_val_if_fail (ATTUNE_IS_SCENARIO_MAP (self), FALSE);
  if (self->width <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("There is no scenario to export."));
      return FALSE;
    }
  get_colors (self, &fg, &bg);
  draw_map (self, snapshot, &fg, &bg);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (!gsk_renderer_realize (renderer, NULL, error))
    return FALSE;
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, self->width, self->height));
  gsk_renderer_unrealize (renderer);
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The map could not be saved."));
      return FALSE;
    }
  return TRUE;
}
