/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneMapWindow: a scenario's map on its own, opened from a role-play
 * card's menu or with `attune --map FILE`. It explains its line styles,
 * lets the trainer pick a node to play from (by clicking it, or from a
 * list for the keyboard) and exports the map as SVG or PNG.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-map-window.h"

struct _AttuneMapWindow
{
  AdwWindow parent_instance;

  AttuneScenarioMap *map;
  AdwToastOverlay *toasts;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (AttuneMapWindow, attune_map_window, ADW_TYPE_WINDOW)

enum { PLAY_FROM, N_SIGNALS };
static guint signals[N_SIGNALS];

/* What the line styles and borders mean, in words: never colour alone. */
GtkWidget *
attune_map_legend_new (void)
{
  GtkWidget *legend = gtk_label_new (_("Replies: solid line = strong, dashed = partly right, dotted = weak. "
                                       "Endings have a double border and name their outcome. "
                                       "Click a node to play from it."));

  gtk_label_set_wrap (GTK_LABEL (legend), TRUE);
  gtk_label_set_xalign (GTK_LABEL (legend), 0);
  gtk_widget_add_css_class (legend, "dim-label");
  gtk_widget_set_margin_start (legend, 12);
  gtk_widget_set_margin_end (legend, 12);
  gtk_widget_set_margin_top (legend, 6);
  gtk_widget_set_margin_bottom (legend, 6);
  return legend;
}

static void
play_selected (GtkButton *button,
               GtkDropDown *nodes)
{
  AttuneScenarioMap *map = g_object_get_data (G_OBJECT (nodes), "map");
  GtkStringObject *item = gtk_drop_down_get_selected_item (nodes);

  if (item != NULL)
    g_signal_emit_by_name (map, "node-activated", gtk_string_object_get_string (item));
}

static void
fill_nodes (AttuneScenarioMap *map,
            GParamSpec        *pspec,
            GtkDropDown       *nodes)
{
  AttuneScenario *scenario = attune_scenario_map_get_scenario (map);
  g_autoptr(GtkStringList) ids = gtk_string_list_new (NULL);
  GPtrArray *list = scenario != NULL ? attune_scenario_get_nodes (scenario) : NULL;

  for (guint i = 0; list != NULL && i < list->len; i++)
    gtk_string_list_append (ids, ((AttuneScenarioNode *) g_ptr_array_index (list, i))->id);
  gtk_drop_down_set_model (nodes, G_LIST_MODEL (ids));
}

/* "Play from [node ▾] [Play]": the keyboard's way to what a click on the
 * map does. */
GtkWidget *
attune_map_play_from_new (AttuneScenarioMap *map)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("Play _from"));
  GtkWidget *nodes = gtk_drop_down_new (NULL, NULL);
  GtkWidget *play = gtk_button_new_with_label (C_("verb", "Play"));

  gtk_widget_add_css_class (box, "linked-none");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), nodes);
  gtk_accessible_update_property (GTK_ACCESSIBLE (nodes), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Node to play from"), -1);
  g_object_set_data (G_OBJECT (nodes), "map", map);
  g_signal_connect_object (map, "notify::scenario", G_CALLBACK (fill_nodes), nodes, 0);
  fill_nodes (map, NULL, GTK_DROP_DOWN (nodes));
  g_signal_connect (play, "clicked", G_CALLBACK (play_selected), nodes);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), nodes);
  gtk_box_append (GTK_BOX (box), play);
  return box;
}

static void
export_response (GtkNativeDialog *chooser,
                 int              response,
                 AttuneMapWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gboolean svg = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "svg"));
  gboolean saved;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
      saved = svg ? attune_scenario_map_export_svg (self->map, path, &error)
                  : attune_scenario_map_export_png (self->map, path, &error);
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (saved ? _("Map saved") : error->message));
    }
  g_clear_object (&self->chooser);
}

static void
export (AttuneMapWindow *self,
        gboolean         svg)
{
  AttuneScenario *scenario = attune_scenario_map_get_scenario (self->map);
  g_autofree char *name = NULL;

  if (scenario == NULL)
    return;
  name = g_strdup_printf ("%s-map.%s", attune_scenario_get_id (scenario), svg ? "svg" : "png");
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (svg ? _("Export Map as SVG") : _("Export Map as PNG"),
                                               GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_object_set_data (G_OBJECT (self->chooser), "svg", GINT_TO_POINTER (svg));
  g_signal_connect (self->chooser, "response", G_CALLBACK (export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_svg (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  export (ATTUNE_MAP_WINDOW (widget), TRUE);
}

static void
export_png (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  export (ATTUNE_MAP_WINDOW (widget), FALSE);
}

static void
node_activated (AttuneMapWindow *self,
                const char      *id)
{
  g_signal_emit (self, signals[PLAY_FROM], 0, attune_scenario_map_get_scenario (self->map), id);
}

static void
attune_map_window_dispose (GObject *object)
{
  AttuneMapWindow *self = ATTUNE_MAP_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  G_OBJECT_CLASS (attune_map_window_parent_class)->dispose (object);
}

static void
attune_map_window_class_init (AttuneMapWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = attune_map_window_dispose;

  /**
   * AttuneMapWindow::play-from:
   * @scenario: the scenario shown
   * @id: the node to play from
   */
  signals[PLAY_FROM] =
    g_signal_new ("play-from", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, ATTUNE_TYPE_SCENARIO, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "map.export-svg", NULL, export_svg);
  gtk_widget_class_install_action (widget_class, "map.export-png", NULL, export_png);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
attune_map_window_init (AttuneMapWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *export_button = gtk_menu_button_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  g_menu_append (menu, _("Export as _SVG…"), "map.export-svg");
  g_menu_append (menu, _("Export as _PNG…"), "map.export-png");
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (export_button), "document-save-as-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (export_button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (export_button, _("Export the Map"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (export_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Export the Map"), -1);

  self->map = ATTUNE_SCENARIO_MAP (attune_scenario_map_new (NULL));
  g_signal_connect_swapped (self->map, "node-activated", G_CALLBACK (node_activated), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->map));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self->map), GTK_ALIGN_CENTER);

  adw_header_bar_pack_end (ADW_HEADER_BAR (header), export_button);
  gtk_box_append (GTK_BOX (box), header);
  {
    GtkWidget *play_from = attune_map_play_from_new (self->map);

    gtk_widget_set_margin_start (play_from, 12);
    gtk_widget_set_margin_top (play_from, 6);
    gtk_box_append (GTK_BOX (box), play_from);
  }
  gtk_box_append (GTK_BOX (box), attune_map_legend_new ());
  gtk_box_append (GTK_BOX (box), scrolled);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toasts));
  gtk_window_set_default_size (GTK_WINDOW (self), 900, 700);
}

AttuneMapWindow *
attune_map_window_new (AttuneScenario *scenario)
{
  AttuneMapWindow *self = g_object_new (ATTUNE_TYPE_MAP_WINDOW, NULL);
  g_autofree char *title = NULL;

  attune_scenario_map_set_scenario (self->map, scenario);
  /* Translators: the map window's title; %s is the scenario's title */
  title = g_strdup_printf (_("Map of “%s”"), attune_scenario_get_title (scenario));
  gtk_window_set_title (GTK_WINDOW (self), title);
  return self;
}

AttuneScenarioMap *
attune_map_window_get_map (AttuneMapWindow *self)
{
  g_return_val_if_fail (ATTUNE_IS_MAP_WINDOW (self), NULL);
  return self->map;
}
