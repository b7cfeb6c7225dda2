/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttunePreviewWindow: `attune --preview FILE`. The trainer's scenario in
 * the role-play beside its map, reloaded every time the file is saved.
 * Editors save in bursts (a temporary file, a rename, attribute changes),
 * so changes are debounced; the file is read and checked on a worker
 * thread; the play keeps its place when the node it was at still exists;
 * the map scrolls to follow the node being played;
 * and problems are shown inline, FILE:LINE first, as --validate prints
 * them. Nothing played here is recorded in anyone's progress.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-content.h"
#include "attune-fairness.h"
#include "attune-map-window.h"
#include "attune-preview-window.h"
#include "attune-problem.h"

#define DEBOUNCE_MS 300

struct _AttunePreviewWindow
{
  AdwWindow parent_instance;

  AttunePractice *practice;
  char *path;
  char *current;               /* the node being played */
  GFileMonitor *monitor;
  guint debounce_id;
  GCancellable *cancellable;
  guint n_loads;
  char *problems_text;

  AttuneRolePlay *role_play;
  AttuneScenarioMap *map;
  GtkScrolledWindow *map_scroller;
  gboolean follow_pending;     /* scroll to the current node once laid out */
  GtkLabel *problems;
  GtkRevealer *problems_revealer;
};

G_DEFINE_FINAL_TYPE (AttunePreviewWindow, attune_preview_window, ADW_TYPE_WINDOW)

enum { PROP_0, PROP_PRACTICE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { LOADED, N_SIGNALS };
static guint signals[N_SIGNALS];

static GPtrArray *
reference_lessons (AttunePreviewWindow *self)
{
  GListModel *lessons = attune_library_get_lessons (attune_practice_get_library (self->practice));
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    g_ptr_array_add (copy, g_list_model_get_item (lessons, i));
  return copy;
}

static void
show_problems (AttunePreviewWindow *self,
               GPtrArray           *problems,
               GPtrArray           *warnings)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = attune_problem_to_string (g_ptr_array_index (problems, i));

      g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", line);
    }
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    {
      g_autofree char *line = attune_problem_to_string (g_ptr_array_index (warnings, i));

      g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", line);
    }
  g_free (self->problems_text);
  self->problems_text = g_strdup (text->str);
  gtk_label_set_text (self->problems, text->str);
  gtk_revealer_set_reveal_child (self->problems_revealer, text->len > 0);
}

static void
loaded (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  AttunePreviewWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneContentSet) set = attune_content_load_file_finish (result, &error);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_object_unref);

  if (set == NULL)
    {
      g_object_unref (self);
      return;
    }
  if (set->scenarios->len > 0)
    {
      AttuneScenario *scenario = g_ptr_array_index (set->scenarios, 0);
      const char *keep = NULL;

      attune_lint_scenario_cues (scenario, warnings);
      attune_lint_scenario_design (scenario, warnings);
      if (self->current != NULL && attune_scenario_find_node (scenario, self->current) != NULL)
        keep = self->current;
      gtk_window_set_title (GTK_WINDOW (self), attune_scenario_get_title (scenario));
      attune_scenario_map_set_scenario (self->map, scenario);
      {
        g_autofree char *node = g_strdup (keep);

        attune_role_play_rehearse (self->role_play, scenario, node);
      }
    }
  else if (set->problems->len == 0)
    attune_problems_add (set->problems, self->path, 0, _("This file holds no scenario."));
  show_problems (self, set->problems, warnings);
  self->n_loads++;
  g_signal_emit (self, signals[LOADED], 0);
  g_object_unref (self);
}

/**
 * attune_preview_window_reload:
 *
 * Reads the file again now (a save also does this, after a short pause).
 */
void
attune_preview_window_reload (AttunePreviewWindow *self)
{
  g_autoptr(GPtrArray) lessons = reference_lessons (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  attune_content_load_file_async (self->path, lessons, self->cancellable, loaded, g_object_ref (self));
}

static gboolean
debounced (gpointer data)
{
  AttunePreviewWindow *self = data;

  self->debounce_id = 0;
  attune_preview_window_reload (self);
  return G_SOURCE_REMOVE;
}

static void
file_changed (GFileMonitor        *monitor,
              GFile               *file,
              GFile               *other,
              GFileMonitorEvent    event,
              AttunePreviewWindow *self)
{
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    return;
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add (DEBOUNCE_MS, debounced, self);
}

/* Scrolls one axis as little as needed to show [start, end], with room
 * around it. Returns FALSE while the map is not laid out at its size. */
static gboolean
reveal (GtkAdjustment *adjustment,
        double         start,
        double         end)
{
  const double room = 24;
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);

  if (page <= 0 || gtk_adjustment_get_upper (adjustment) < end)
    return FALSE;
  if (end - start > page)
    value = start - MIN (room, page / 4);       /* too big: show its start */
  else if (end - start + 2 * room > page)
    value = start - (page - (end - start)) / 2; /* it fits, just: centre it */
  else if (start - room < value)
    value = start - room;
  else if (end + room > value + page)
    value = end + room - page;
  gtk_adjustment_set_value (adjustment, value);  /* clamped to the map */
  return TRUE;
}

/* Keeps the node being played in view, as the preview advances or reloads. */
static void
follow_current (AttunePreviewWindow *self)
{
  graphene_rect_t box;
  gboolean across, down;

  if (self->current == NULL || !attune_scenario_map_get_node_bounds (self->map, self->current, &box))
    return;
  /* Only once the map has its new size: until then the adjustments still
   * describe the last one, and the next "changed" tries again. */
  across = reveal (gtk_scrolled_window_get_hadjustment (self->map_scroller),
                   box.origin.x, box.origin.x + box.size.width);
  down = reveal (gtk_scrolled_window_get_vadjustment (self->map_scroller),
                 box.origin.y, box.origin.y + box.size.height);
  self->follow_pending = !across || !down;
}

static void
map_resized (AttunePreviewWindow *self)
{
  if (self->follow_pending)
    follow_current (self);
}

static void
node_shown (AttunePreviewWindow *self,
            const char          *id)
{
  if (id == NULL)
    return;   /* at an ending: keep the last node for a reload */
  g_free (self->current);
  self->current = g_strdup (id);
  attune_scenario_map_set_current (self->map, id);
  follow_current (self);
}

static void
play_from (AttunePreviewWindow *self,
           const char          *id)
{
  AttuneScenario *scenario = attune_scenario_map_get_scenario (self->map);

  if (scenario != NULL)
    attune_role_play_rehearse (self->role_play, scenario, id);
}

static void
attune_preview_window_dispose (GObject *object)
{
  AttunePreviewWindow *self = ATTUNE_PREVIEW_WINDOW (object);

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  if (self->role_play != NULL)
    attune_role_play_leave (self->role_play);
  g_clear_object (&self->practice);
  G_OBJECT_CLASS (attune_preview_window_parent_class)->dispose (object);
}

static void
attune_preview_window_finalize (GObject *object)
{
  AttunePreviewWindow *self = ATTUNE_PREVIEW_WINDOW (object);

  g_free (self->path);
  g_free (self->current);
  g_free (self->problems_text);
  G_OBJECT_CLASS (attune_preview_window_parent_class)->finalize (object);
}

static void
attune_preview_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  AttunePreviewWindow *self = ATTUNE_PREVIEW_WINDOW (object);

  if (prop_id == PROP_PRACTICE)
    self->practice = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
attune_preview_window_constructed (GObject *object)
{
  AttunePreviewWindow *self = ATTUNE_PREVIEW_WINDOW (object);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *paned = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *map_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *problems_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  G_OBJECT_CLASS (attune_preview_window_parent_class)->constructed (object);

  self->role_play = attune_role_play_new (self->practice);
  g_signal_connect_object (self->role_play, "node-shown", G_CALLBACK (node_shown), self, G_CONNECT_SWAPPED);
  self->map = ATTUNE_SCENARIO_MAP (attune_scenario_map_new (NULL));
  g_signal_connect_object (self->map, "node-activated", G_CALLBACK (play_from), self, G_CONNECT_SWAPPED);

  self->problems = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_selectable (self->problems, TRUE);
  gtk_label_set_wrap (self->problems, TRUE);
  gtk_label_set_xalign (self->problems, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problems), "monospace");
  gtk_widget_set_margin_start (GTK_WIDGET (self->problems), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->problems), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->problems), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->problems), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->problems), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Problems in the file"), -1);
  gtk_box_append (GTK_BOX (problems_box), GTK_WIDGET (self->problems));
  gtk_widget_add_css_class (problems_box, "attune-preview-problems");
  self->problems_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->problems_revealer, problems_box);

  /* Side by side in a box: GtkPaned in GTK 4.8 mismeasures children
   * whose height depends on their width (wrapping text). */
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->map));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_hexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (map_box), scrolled);
  self->map_scroller = GTK_SCROLLED_WINDOW (scrolled);
  /* A new or reloaded map is laid out after the node is shown. */
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->map_scroller), "changed",
                           G_CALLBACK (map_resized), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->map_scroller), "changed",
                           G_CALLBACK (map_resized), self, G_CONNECT_SWAPPED);
  gtk_widget_set_size_request (map_box, 320, -1);
  gtk_widget_set_hexpand (GTK_WIDGET (self->role_play), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->role_play), 360, -1);
  gtk_box_append (GTK_BOX (paned), GTK_WIDGET (self->role_play));
  gtk_box_append (GTK_BOX (paned), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (paned), map_box);
  gtk_widget_set_vexpand (paned, TRUE);

  adw_header_bar_pack_start (ADW_HEADER_BAR (header), attune_map_play_from_new (self->map));
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->problems_revealer));
  gtk_box_append (GTK_BOX (box), attune_map_legend_new ());
  gtk_box_append (GTK_BOX (box), paned);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_size (GTK_WINDOW (self), 1280, 800);
}

static void
attune_preview_window_class_init (AttunePreviewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = attune_preview_window_dispose;
  object_class->finalize = attune_preview_window_finalize;
  object_class->set_property = attune_preview_window_set_property;
  object_class->constructed = attune_preview_window_constructed;

  properties[PROP_PRACTICE] =
    g_param_spec_object ("practice", NULL, NULL, ATTUNE_TYPE_PRACTICE,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The file was read again (and shown, if it loads). */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
attune_preview_window_init (AttunePreviewWindow *self)
{
}

/**
 * attune_preview_window_new:
 * @path: the scenario file to preview and watch
 * @node_id: (nullable): where to start playing
 */
AttunePreviewWindow *
attune_preview_window_new (AttunePractice *practice,
                           const char     *path,
                           const char     *node_id)
{
  AttunePreviewWindow *self = g_object_new (ATTUNE_TYPE_PREVIEW_WINDOW, "practice", practice, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  self->path = g_strdup (path);
  self->current = g_strdup (node_id);
  gtk_window_set_title (GTK_WINDOW (self), _("Scenario Preview"));
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->monitor != NULL)
    g_signal_connect (self->monitor, "changed", G_CALLBACK (file_changed), self);
  attune_preview_window_reload (self);
  return self;
}

AttuneRolePlay *
attune_preview_window_get_role_play (AttunePreviewWindow *self)
{
  return self->role_play;
}

AttuneScenarioMap *
attune_preview_window_get_map (AttunePreviewWindow *self)
{
  return self->map;
}

/* The problems shown, one FILE:LINE line each; "" when none. */
const char *
attune_preview_window_get_problems (AttunePreviewWindow *self)
{
  return self->problems_text != NULL ? self->problems_text : "";
}

guint
attune_preview_window_get_n_loads (AttunePreviewWindow *self)
{
  return self->n_loads;
}
