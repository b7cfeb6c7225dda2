/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneWindow: the main window. A view switcher over Learn, Practise and
 * Progress (a bottom bar when narrow), a banner when content files could
 * not be loaded, and remembered size.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-first-frame.h"
#include "attune-problems-window.h"
#include "attune-window.h"

struct _AttuneWindow
{
  AdwApplicationWindow parent_instance;

  AttuneApplication *app;
  AttuneLibrary *library;
  GSettings *settings;

  AdwViewStack *stack;
  GtkRevealer *banner_revealer;
  GtkLabel *banner_label;
  GtkStack *learn_stack;
  GtkBox *lesson_groups;
  GtkStack *practise_stack;
  GtkListBox *scenario_list;
};

G_DEFINE_FINAL_TYPE (AttuneWindow, attune_window, ADW_TYPE_APPLICATION_WINDOW)

static GtkWidget *
create_lesson_row (gpointer item,
                   gpointer user_data)
{
  AttuneLesson *lesson = item;
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), attune_lesson_get_title (lesson));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), attune_lesson_get_summary (lesson));
  gtk_widget_set_name (row, attune_lesson_get_id (lesson));
  return row;
}

static GtkWidget *
create_scenario_row (gpointer item,
                     gpointer user_data)
{
  AttuneScenario *scenario = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *difficulty = NULL;
  GtkWidget *label;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), attune_scenario_get_title (scenario));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), attune_scenario_get_summary (scenario));
  gtk_widget_set_name (row, attune_scenario_get_id (scenario));

  /* Translators: %u is 1, 2 or 3 */
  difficulty = g_strdup_printf (_("Level %u of 3"), attune_scenario_get_difficulty (scenario));
  label = gtk_label_new (difficulty);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static gboolean
lesson_in_group (gpointer item,
                 gpointer user_data)
{
  return attune_lesson_get_group (item) == GPOINTER_TO_UINT (user_data);
}

static void
group_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     GtkWidget  *group_box)
{
  gtk_widget_set_visible (group_box, g_list_model_get_n_items (model) > 0);
}

/* One titled boxed list per lesson group, each a filtered view of the
 * library's lessons, so that the lists follow every reload. */
static void
build_lesson_groups (AttuneWindow *self)
{
  GListModel *lessons = attune_library_get_lessons (self->library);

  for (guint group = 0; group < ATTUNE_N_LESSON_GROUPS; group++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *title = g_object_new (GTK_TYPE_LABEL,
                                       "label", attune_lesson_group_get_label (group),
                                       "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                       NULL);
      GtkWidget *list = gtk_list_box_new ();
      GtkCustomFilter *filter = gtk_custom_filter_new (lesson_in_group, GUINT_TO_POINTER (group), NULL);
      g_autoptr(GtkFilterListModel) filtered =
        gtk_filter_list_model_new (g_object_ref (lessons), GTK_FILTER (filter));

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "heading");
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      attune_lesson_group_get_label (group), -1);
      gtk_list_box_bind_model (GTK_LIST_BOX (list), G_LIST_MODEL (filtered), create_lesson_row, NULL, NULL);
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), list);
      gtk_box_append (self->lesson_groups, box);

      g_signal_connect_object (filtered, "items-changed", G_CALLBACK (group_items_changed), box, 0);
      group_items_changed (G_LIST_MODEL (filtered), 0, 0, 0, box);
    }
}

static void
update_content_state (AttuneWindow *self)
{
  guint n_bad = attune_library_get_n_bad_files (self->library);
  gboolean loaded = attune_library_get_loaded (self->library);
  guint n_lessons = g_list_model_get_n_items (attune_library_get_lessons (self->library));
  guint n_scenarios = g_list_model_get_n_items (attune_library_get_scenarios (self->library));

  if (n_bad > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u file could not be loaded.",
                                                         "%u files could not be loaded.", n_bad),
                                               n_bad);
      gtk_label_set_text (self->banner_label, text);
    }
  gtk_revealer_set_reveal_child (self->banner_revealer, n_bad > 0);

  /* Before the first load finishes, an empty list is not yet "no lessons". */
  gtk_stack_set_visible_child_name (self->learn_stack, !loaded || n_lessons > 0 ? "list" : "empty");
  gtk_stack_set_visible_child_name (self->practise_stack, !loaded || n_scenarios > 0 ? "list" : "empty");
}

static void
show_problems (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttuneWindow *self = ATTUNE_WINDOW (widget);
  AttuneProblemsWindow *problems = attune_problems_window_new (attune_library_get_problems (self->library));

  gtk_window_set_transient_for (GTK_WINDOW (problems), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (problems));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  attune_window_show_view (ATTUNE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static gboolean
attune_window_close_request (GtkWindow *window)
{
  AttuneWindow *self = ATTUNE_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_string (self->settings, "last-view", attune_window_get_view (self));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (attune_window_parent_class)->close_request (window);
}

static void
attune_window_dispose (GObject *object)
{
  AttuneWindow *self = ATTUNE_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTUNE_TYPE_WINDOW);
  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (self->library, self);
  g_clear_object (&self->library);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (attune_window_parent_class)->dispose (object);
}

static void
attune_window_class_init (AttuneWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  static const char *views[] = { "learn", "practise", "progress" };

  object_class->dispose = attune_window_dispose;
  window_class->close_request = attune_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attune/Attune/attune-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, learn_stack);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, lesson_groups);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, practise_stack);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, scenario_list);

  gtk_widget_class_install_action (widget_class, "win.show-problems", NULL, show_problems);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-view", "s", views[i]);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
attune_window_init (AttuneWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * attune_window_new:
 *
 * A window onto @app's library, sized as the user last left it.
 */
AttuneWindow *
attune_window_new (AttuneApplication *app)
{
  AttuneWindow *self = g_object_new (ATTUNE_TYPE_WINDOW, "application", app, NULL);
  g_autofree char *last_view = NULL;

  self->settings = g_object_ref (attune_application_get_settings (app));
  self->library = g_object_ref (attune_application_get_library (app));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  last_view = g_settings_get_string (self->settings, "last-view");
  attune_window_show_view (self, last_view);

  build_lesson_groups (self);
  gtk_list_box_bind_model (self->scenario_list, attune_library_get_scenarios (self->library),
                           create_scenario_row, NULL, NULL);
  g_signal_connect_swapped (self->library, "notify::loaded", G_CALLBACK (update_content_state), self);
  g_signal_connect_swapped (self->library, "notify::n-bad-files", G_CALLBACK (update_content_state), self);
  update_content_state (self);

  attune_first_frame_watch (GTK_WINDOW (self));
  return self;
}

/* Switches to "learn", "practise" or "progress"; other names are ignored. */
void
attune_window_show_view (AttuneWindow *self,
                         const char   *name)
{
  g_return_if_fail (ATTUNE_IS_WINDOW (self));

  if (name != NULL && adw_view_stack_get_child_by_name (self->stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, name);
}

const char *
attune_window_get_view (AttuneWindow *self)
{
  g_return_val_if_fail (ATTUNE_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->stack);
}
