/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneWindow: the main window. A view switcher over Learn, Practise and
 * Progress (a bottom bar when narrow), a banner when content files could
 * not be loaded, and remembered size.
 *
 * It gets the session, and hands each view only what it needs, at
 * construction: the lesson browser and the role-play picker the library
 * and the progress model, the role-play a practice (its recording path),
 * the Progress view the progress model. (GTK 4.8's GtkBuilder cannot bind
 * construct-only properties, so the views are made here, not in the .ui.)
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-first-frame.h"
#include "attune-lesson-browser.h"
#include "attune-handout.h"
#include "attune-presenter-console.h"
#include "attune-print.h"
#include "attune-lesson-page.h"
#include "attune-presenter-window.h"
#include "attune-progress-report.h"
#include "attune-progress-view.h"
#include "attune-role-play.h"
#include "attune-scenario-picker.h"
#include "attune-list-row.h"
#include "attune-problems-window.h"
#include "attune-window.h"
#include "attune-map-window.h"

struct _AttuneWindow
{
  AdwApplicationWindow parent_instance;

  AttuneSession *session;
  AttuneProgressModel *progress;
  AttunePractice *practice;            /* the role-play's */
  AttuneLibrary *library;
  GSettings *settings;

  AdwViewStack *stack;
  GtkRevealer *banner_revealer;
  GtkLabel *banner_label;
  AdwToastOverlay *toasts;
  GtkStack *learn_stack;
  AdwBin *learn_bin;
  AdwBin *picker_bin;
  AttuneLessonBrowser *lesson_browser;
  AdwBin *progress_bin;
  GtkStack *practise_mode;
  AdwBin *play_bin;
  AttuneRolePlay *role_play;           /* built when first needed */
  char *pending_scenario;              /* asked for before the library loaded */
  gboolean pending_present;            /* … to present rather than play */
  AttuneProgressView *progress_view;   /* built the first time it is shown */
  AttuneScenarioPicker *scenario_picker;
};

G_DEFINE_FINAL_TYPE (AttuneWindow, attune_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * attune_window_filter_practise:
 * @strategy: a lesson id
 *
 * Shows only the role-plays that practise @strategy.
 */
void
attune_window_filter_practise (AttuneWindow *self,
                               const char   *strategy)
{
  attune_scenario_picker_filter_strategy (self->scenario_picker, strategy);
}

static void
role_play_left (AttuneWindow *self)
{
  gtk_stack_set_visible_child_name (self->practise_mode, "picker");
  gtk_widget_child_focus (GTK_WIDGET (self->scenario_picker), GTK_DIR_TAB_FORWARD);
}

static void
ensure_role_play (AttuneWindow *self)
{
  if (self->role_play == NULL)
    {
      self->role_play = attune_role_play_new (self->practice);
      g_signal_connect_object (self->role_play, "left", G_CALLBACK (role_play_left), self, G_CONNECT_SWAPPED);
      adw_bin_set_child (self->play_bin, GTK_WIDGET (self->role_play));
    }
  attune_window_show_view (self, "practise");
  gtk_stack_set_visible_child_name (self->practise_mode, "play");
}

/**
 * attune_window_start_scenario:
 *
 * Opens the Practise view on a new role-play of @id (the deep link
 * `attune --scenario ID`). Returns %FALSE for an unknown id.
 */
gboolean
attune_window_start_scenario (AttuneWindow *self,
                              const char   *id)
{
  AttuneScenario *scenario = attune_library_find_scenario (self->library, id);

  g_return_val_if_fail (ATTUNE_IS_WINDOW (self), FALSE);

  if (scenario == NULL)
    {
      /* Translators: %s is what the user asked for, such as “late-parcel” */
      g_autofree char *text = g_strdup_printf (_("There is no role-play “%s”."), id);

      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
      return FALSE;
    }
  ensure_role_play (self);
  attune_role_play_start (self->role_play, scenario);
  return TRUE;
}

/* A trainer's rehearsal from a node picked on the map: nothing recorded. */
static void
rehearse_from (AttuneWindow   *self,
               AttuneScenario *scenario,
               const char     *node_id)
{
  ensure_role_play (self);
  attune_role_play_rehearse (self->role_play, scenario, node_id);
  gtk_window_present (GTK_WINDOW (self));
}

/* The map of role-play @id, from its card's menu. */
static void
show_map (AttuneWindow *self,
          const char   *id)
{
  AttuneScenario *scenario = attune_library_find_scenario (self->library, id);
  AttuneMapWindow *map;

  if (scenario == NULL)
    return;
  map = attune_map_window_new (scenario);
  gtk_window_set_transient_for (GTK_WINDOW (map), GTK_WINDOW (self));
  g_signal_connect_object (map, "play-from", G_CALLBACK (rehearse_from), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (map));
}

static void
start_pending_scenario (AttuneWindow *self)
{
  g_autofree char *id = NULL;

  if (self->pending_scenario == NULL || !attune_library_get_loaded (self->library))
    return;
  id = g_steal_pointer (&self->pending_scenario);
  if (self->pending_present)
    attune_window_present_scenario (self, id);
  else
    attune_window_start_scenario (self, id);
}

/* Like attune_window_start_scenario(), but waits for the library if it is
 * still loading (a deep link at start-up). */
void
attune_window_start_scenario_when_loaded (AttuneWindow *self,
                                          const char   *id,
                                          gboolean      present)
{
  g_return_if_fail (ATTUNE_IS_WINDOW (self));

  self->pending_present = present;
  g_free (self->pending_scenario);
  self->pending_scenario = g_strdup (id);
  start_pending_scenario (self);
}

/**
 * attune_window_present_scenario:
 *
 * Presenter mode for @id (the deep link `attune --present ID`, and F5).
 */
gboolean
attune_window_present_scenario (AttuneWindow *self,
                                const char   *id)
{
  AttuneScenario *scenario = attune_library_find_scenario (self->library, id);
  AttunePresenterWindow *presenter;

  if (scenario == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("There is no role-play “%s”."), id);

      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
      return FALSE;
    }
  {
    /* A practice of its own: it records its own attempt, if any. */
    g_autoptr(AttunePractice) practice = attune_practice_new (self->session);

    presenter = attune_presenter_window_new (practice, scenario);
  }
  gtk_window_set_application (GTK_WINDOW (presenter), gtk_window_get_application (GTK_WINDOW (self)));
  gtk_window_set_transient_for (GTK_WINDOW (presenter), GTK_WINDOW (self));
  {
    /* The trainer's console: on this window's monitor when there is a
     * second one for the projector, else beneath the projected window. */
    AttunePresenterConsole *console = attune_presenter_console_new (presenter);

    gtk_window_set_application (GTK_WINDOW (console), gtk_window_get_application (GTK_WINDOW (self)));
    attune_presenter_console_open (console, GTK_WINDOW (self));
  }
  return TRUE;
}

/**
 * attune_window_get_handout:
 *
 * What Ctrl+P prints: the lesson open in Learn, or the trainer sheet of the
 * role-play being played in Practise; %NULL when neither is open.
 */
AttuneHandout *
attune_window_get_handout (AttuneWindow *self)
{
  const char *view = adw_view_stack_get_visible_child_name (self->stack);
  AttuneConversation *conversation = self->role_play != NULL ? attune_role_play_get_conversation (self->role_play) : NULL;

  if (g_strcmp0 (view, "learn") == 0 && attune_lesson_browser_get_lesson_id (self->lesson_browser) != NULL)
    {
      AttuneLesson *lesson = attune_library_find_lesson (self->library, attune_lesson_browser_get_lesson_id (self->lesson_browser));

      if (lesson != NULL)
        return attune_handout_new_for_lesson (lesson);
    }
  if (g_strcmp0 (view, "practise") == 0 && conversation != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->practise_mode), "play") == 0)
    return attune_handout_new_for_scenario (attune_conversation_get_scenario (conversation), self->library);
  return NULL;
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AttuneWindow *self = ATTUNE_WINDOW (widget);
  g_autoptr(AttuneHandout) handout = attune_window_get_handout (self);

  if (handout == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Open a lesson or a role-play to print it.")));
      return;
    }
  attune_print_handout (GTK_WINDOW (self), handout);
}

/* F5: present the role-play being played, or else the first one listed. */
static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AttuneWindow *self = ATTUNE_WINDOW (widget);
  AttuneConversation *conversation = self->role_play != NULL ? attune_role_play_get_conversation (self->role_play) : NULL;
  GListModel *shown = attune_scenario_picker_get_shown (self->scenario_picker);

  if (conversation != NULL)
    attune_window_present_scenario (self, attune_scenario_get_id (attune_conversation_get_scenario (conversation)));
  else if (g_list_model_get_n_items (shown) > 0)
    {
      g_autoptr(AttuneScenario) first = g_list_model_get_item (shown, 0);

      attune_window_present_scenario (self, attune_scenario_get_id (first));
    }
}

AttuneRolePlay *
attune_window_get_role_play (AttuneWindow *self)
{
  g_return_val_if_fail (ATTUNE_IS_WINDOW (self), NULL);
  return self->role_play;
}

static void
practise_strategy (AttuneWindow *self,
                   const char   *strategy)
{
  attune_window_filter_practise (self, strategy);
  attune_window_show_view (self, "practise");
}

static void
search_lessons (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AttuneWindow *self = ATTUNE_WINDOW (widget);

  attune_window_show_view (self, "learn");
  attune_lesson_browser_focus_search (self->lesson_browser);
}

/* The Progress view is built when first shown: nothing of it is needed
 * for the first frame. */
static void
ensure_progress_view (AttuneWindow *self)
{
  if (self->progress_view != NULL ||
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "progress") != 0)
    return;

  self->progress_view = attune_progress_view_new (self->progress);
  adw_bin_set_child (self->progress_bin, GTK_WIDGET (self->progress_view));
}

/**
 * attune_window_show_lesson:
 *
 * Opens the Learn view on the lesson with @id (the deep link
 * `attune --lesson ID`). An unknown id is reported in a toast.
 */
void
attune_window_show_lesson (AttuneWindow *self,
                           const char   *id)
{
  g_return_if_fail (ATTUNE_IS_WINDOW (self));

  attune_window_show_view (self, "learn");
  if (!attune_lesson_browser_show_lesson (self->lesson_browser, id))
    {
      /* Translators: %s is what the user asked for, such as “active-listening” */
      g_autofree char *text = g_strdup_printf (_("There is no lesson “%s”."), id);

      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
    }
}

static void
lesson_aside_open (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       data)
{
  AttuneLessonPage *page = data;
  AttuneLibrary *library = g_object_get_data (G_OBJECT (page), "attune-library");
  AttuneLesson *lesson = attune_library_find_lesson (library, g_variant_get_string (parameter, NULL));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (page));

  if (lesson == NULL)
    return;
  attune_lesson_page_set_lesson (page, library, lesson);
  gtk_window_set_title (GTK_WINDOW (root), attune_lesson_get_title (lesson));
}

/**
 * attune_window_show_lesson_aside:
 *
 * Opens the lesson with @id in a window of its own over this one, so
 * that closing it (Esc) returns to what was open: a role-play's chips
 * use this. Returns the window, or %NULL for an unknown id.
 */
GtkWindow *
attune_window_show_lesson_aside (AttuneWindow *self,
                                 const char   *id)
{
  AttuneLesson *lesson;
  GtkWidget *window, *view, *page;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) open = g_simple_action_new ("open", G_VARIANT_TYPE_STRING);
  g_autoptr(GSimpleAction) practise = g_simple_action_new ("practise", G_VARIANT_TYPE_STRING);
  GtkEventController *keys;

  g_return_val_if_fail (ATTUNE_IS_WINDOW (self), NULL);

  lesson = attune_library_find_lesson (self->library, id);
  if (lesson == NULL)
    {
      attune_window_show_lesson (self, id);
      return NULL;
    }
  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), attune_lesson_get_title (lesson));
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 720);
  view = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (view), adw_header_bar_new ());
  page = g_object_new (ATTUNE_TYPE_LESSON_PAGE, "vexpand", TRUE, NULL);
  g_object_set_data_full (G_OBJECT (page), "attune-library", g_object_ref (self->library), g_object_unref);
  attune_lesson_page_set_lesson (ATTUNE_LESSON_PAGE (page), self->library, lesson);
  gtk_box_append (GTK_BOX (view), page);
  adw_window_set_content (ADW_WINDOW (window), view);

  /* Related lessons open here too; practising waits until the
   * role-play under this window is over. */
  g_signal_connect_object (open, "activate", G_CALLBACK (lesson_aside_open), page, 0);
  g_simple_action_set_enabled (practise, FALSE);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (open));
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (practise));
  gtk_widget_insert_action_group (window, "lesson", G_ACTION_GROUP (group));
  keys = GTK_EVENT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, keys);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static void
update_content_state (AttuneWindow *self)
{
  guint n_bad = attune_library_get_n_bad_files (self->library);
  gboolean loaded = attune_library_get_loaded (self->library);
  guint n_lessons = g_list_model_get_n_items (attune_library_get_lessons (self->library));

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

  /* Back is Alt+Right in a right-to-left language (the lesson browser's keys follow the text direction). */
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    {
      g_object_set (gtk_builder_get_object (builder, "back_shortcut"), "accelerator", "<Alt>Right", NULL);
      g_object_set (gtk_builder_get_object (builder, "forward_shortcut"), "accelerator", "<Alt>Left", NULL);
    }
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
  g_clear_object (&self->practice);
  g_clear_object (&self->progress);
  g_clear_object (&self->session);
  g_clear_pointer (&self->pending_scenario, g_free);

  G_OBJECT_CLASS (attune_window_parent_class)->dispose (object);
}

static void
attune_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AttuneWindow *self = ATTUNE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AttuneWindow *self = ATTUNE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_window_constructed (GObject *object)
{
  AttuneWindow *self = ATTUNE_WINDOW (object);
  g_autofree char *last_view = NULL;

  G_OBJECT_CLASS (attune_window_parent_class)->constructed (object);
  g_return_if_fail (self->session != NULL);

  self->settings = g_object_ref (attune_session_get_settings (self->session));
  self->library = g_object_ref (attune_session_get_library (self->session));
  self->progress = attune_progress_model_new (self->session);
  self->practice = attune_practice_new (self->session);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->lesson_browser = attune_lesson_browser_new (self->library, self->progress);
  adw_bin_set_child (self->learn_bin, GTK_WIDGET (self->lesson_browser));
  self->scenario_picker = attune_scenario_picker_new (self->library, self->progress);
  adw_bin_set_child (self->picker_bin, GTK_WIDGET (self->scenario_picker));

  last_view = g_settings_get_string (self->settings, "last-view");
  attune_window_show_view (self, last_view);

  g_signal_connect_object (self->stack, "notify::visible-child", G_CALLBACK (ensure_progress_view),
                           self, G_CONNECT_SWAPPED);
  ensure_progress_view (self);
  g_signal_connect_swapped (self->library, "notify::loaded", G_CALLBACK (update_content_state), self);
  g_signal_connect_swapped (self->library, "notify::loaded", G_CALLBACK (start_pending_scenario), self);
  g_signal_connect_swapped (self->library, "notify::n-bad-files", G_CALLBACK (update_content_state), self);
  update_content_state (self);

  attune_first_frame_watch (GTK_WINDOW (self));
}

static void
open_lesson_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  attune_window_show_lesson (ATTUNE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
open_lesson_aside_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  attune_window_show_lesson_aside (ATTUNE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
start_scenario_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  attune_window_start_scenario (ATTUNE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
practise_strategy_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  practise_strategy (ATTUNE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
show_map_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  show_map (ATTUNE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
attune_window_class_init (AttuneWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  static const char *views[] = { "learn", "practise", "progress" };

  object_class->dispose = attune_window_dispose;
  object_class->constructed = attune_window_constructed;
  object_class->get_property = attune_window_get_property;
  object_class->set_property = attune_window_set_property;
  window_class->close_request = attune_window_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ATTUNE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attune/Attune/attune-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, learn_stack);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, learn_bin);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, progress_bin);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, practise_mode);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, play_bin);
  gtk_widget_class_bind_template_child (widget_class, AttuneWindow, picker_bin);

  /* Navigation: the views ask for these, and never reach the window. */
  gtk_widget_class_install_action (widget_class, "win.open-lesson", "s", open_lesson_action);
  gtk_widget_class_install_action (widget_class, "win.open-lesson-aside", "s", open_lesson_aside_action);
  gtk_widget_class_install_action (widget_class, "win.start-scenario", "s", start_scenario_action);
  gtk_widget_class_install_action (widget_class, "win.practise-strategy", "s", practise_strategy_action);
  gtk_widget_class_install_action (widget_class, "win.show-map", "s", show_map_action);
  gtk_widget_class_install_action (widget_class, "win.show-problems", NULL, show_problems);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-shortcuts", NULL, show_shortcuts);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_lessons);
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.present", NULL);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
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
 * A window onto @session, sized as the user last left it.
 */
AttuneWindow *
attune_window_new (GtkApplication *app,
                   AttuneSession  *session)
{
  return g_object_new (ATTUNE_TYPE_WINDOW, "application", app, "session", session, NULL);
}

AttuneSession *
attune_window_get_session (AttuneWindow *self)
{
  g_return_val_if_fail (ATTUNE_IS_WINDOW (self), NULL);
  return self->session;
}

AttuneProgressModel *
attune_window_get_progress (AttuneWindow *self)
{
  g_return_val_if_fail (ATTUNE_IS_WINDOW (self), NULL);
  return self->progress;
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
