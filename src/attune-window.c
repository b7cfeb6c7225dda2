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
  GtkListView *lesson_list;
  GtkStack *practise_stack;
  GtkListView *scenario_list;
};

G_DEFINE_FINAL_TYPE (AttuneWindow, attune_window, ADW_TYPE_APPLICATION_WINDOW)

/* List rows are recycled by GtkListView, so only the visible ones are
 * built and measured: with long, wrapping summaries that is most of the
 * cost of the first frame. Each row is a card holding a title, a summary
 * and an optional suffix, with a group heading above it when it starts a
 * new group. */
static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *root = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = g_object_new (GTK_TYPE_LABEL,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                    "xalign", 0.0f,
                                    "wrap", TRUE,
                                    NULL);
  /* One label per row, title and summary in markup: half the widgets and
   * measurements of a title label plus a summary label. */
  GtkWidget *card = g_object_new (GTK_TYPE_LABEL,
                                  "xalign", 0.0f,
                                  "wrap", TRUE,
                                  "wrap-mode", PANGO_WRAP_WORD,
                                  "use-markup", TRUE,
                                  NULL);

  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "attune-group-heading");
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "attune-row");
  gtk_box_append (GTK_BOX (root), header);
  gtk_box_append (GTK_BOX (root), card);

  g_object_set_data (G_OBJECT (root), "header", header);
  g_object_set_data (G_OBJECT (root), "card", card);
  gtk_list_item_set_child (item, root);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
fill_row (GtkListItem *item,
          const char  *id,
          const char  *heading,
          const char  *title,
          const char  *summary,
          const char  *detail)
{
  GtkWidget *root = gtk_list_item_get_child (item);
  GtkWidget *card = g_object_get_data (G_OBJECT (root), "card");
  GtkWidget *header = g_object_get_data (G_OBJECT (root), "header");
  g_autofree char *markup = NULL;

  if (detail != NULL)
    markup = g_markup_printf_escaped ("<span weight=\"bold\">%s</span>\n"
                                      "<span size=\"small\" alpha=\"70%%\">%s</span>\n"
                                      "<span size=\"small\" alpha=\"55%%\">%s</span>",
                                      title, summary, detail);
  else
    markup = g_markup_printf_escaped ("<span weight=\"bold\">%s</span>\n"
                                      "<span size=\"small\" alpha=\"70%%\">%s</span>",
                                      title, summary);

  gtk_widget_set_name (card, id);
  gtk_label_set_text (GTK_LABEL (header), heading != NULL ? heading : "");
  gtk_widget_set_visible (header, heading != NULL);
  gtk_label_set_markup (GTK_LABEL (card), markup);
  /* A screen reader reads the title, then the summary. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (card),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  -1);
}

static void
bind_lesson_row (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 GListModel               *lessons)
{
  AttuneLesson *lesson = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);
  AttuneLessonGroup group = attune_lesson_get_group (lesson);
  const char *heading = NULL;

  if (position == 0)
    heading = attune_lesson_group_get_label (group);
  else
    {
      g_autoptr(AttuneLesson) previous = g_list_model_get_item (lessons, position - 1);

      if (attune_lesson_get_group (previous) != group)
        heading = attune_lesson_group_get_label (group);
    }

  fill_row (item, attune_lesson_get_id (lesson), heading, attune_lesson_get_title (lesson),
            attune_lesson_get_summary (lesson), NULL);
}

static void
bind_scenario_row (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  AttuneScenario *scenario = gtk_list_item_get_item (item);
  g_autofree char *difficulty = NULL;

  /* Translators: the difficulty of a role-play; %u is 1, 2 or 3 */
  difficulty = g_strdup_printf (_("Level %u of 3"), attune_scenario_get_difficulty (scenario));
  fill_row (item, attune_scenario_get_id (scenario), NULL, attune_scenario_get_title (scenario),
            attune_scenario_get_summary (scenario), difficulty);
}

static void
bind_list (GtkListView *view,
           GListModel  *model,
           GCallback    bind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = gtk_no_selection_new (g_object_ref (model));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", bind, model);
  gtk_list_view_set_factory (view, factory);
  gtk_list_view_set_model (view, GTK_SELECTION_MODEL (selection));
  g_object_unref (factory);
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

/* Built on demand: GtkApplication would otherwise build the whole
 * shortcuts window with every main window, at start-up. */
static void
show_shortcuts (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/attune/Attune/attune-shortcuts-window.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_present (shortcuts);
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
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, lesson_list);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, practise_stack);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, scenario_list);

  gtk_widget_class_install_action (widget_class, "win.show-problems", NULL, show_problems);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-shortcuts", NULL, show_shortcuts);
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

  bind_list (self->lesson_list, attune_library_get_lessons (self->library), G_CALLBACK (bind_lesson_row));
  bind_list (self->scenario_list, attune_library_get_scenarios (self->library), G_CALLBACK (bind_scenario_row));
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
