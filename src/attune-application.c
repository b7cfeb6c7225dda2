/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneApplication: command line, application actions, and the content
 * library every window shares.
 */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "attune-application.h"
#include "attune-export.h"
#include "attune-store.h"
#include "attune-preferences-window.h"
#include "attune-validator.h"
#include "attune-window.h"

struct _AttuneApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  AttuneLibrary *library;
  GStrv extra_folders;      /* from --library, for this run */
  GCancellable *load_cancellable;

  AttuneStore *store;       /* NULL until opened, or when it cannot be */
  GError *store_error;      /* why there is no store */
  AttuneStoreOpenResult store_result;
  gint64 profile;           /* the active profile */
  gboolean store_opening;
  gboolean defer_load;
  guint loads_in_flight;
};

enum {
  STORE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AttuneApplication, attune_application, ADW_TYPE_APPLICATION)

static const char *view_names[] = { "learn", "practise", "progress", NULL };

AttuneApplication *
attune_application_new (void)
{
  return g_object_new (ATTUNE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/attune/Attune",
                       NULL);
}

static void
attune_application_dispose (GObject *object)
{
  AttuneApplication *self = ATTUNE_APPLICATION (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->library);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->extra_folders, g_strfreev);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);

  G_OBJECT_CLASS (attune_application_parent_class)->dispose (object);
}

/* Runs in the process that was started, before any display is needed:
 * --version and --validate never open a window. */
static int
attune_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  g_autofree const char **remaining = NULL;
  const char *view = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      printf ("attune %s\n", PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &remaining);

  if (g_variant_dict_contains (options, "export-progress"))
    {
      g_autoptr(GString) message = g_string_new (NULL);
      const char *format = NULL, *output = NULL, *profile = NULL, *database = NULL;
      int status;

      g_variant_dict_lookup (options, "export-progress", "&s", &format);
      g_variant_dict_lookup (options, "output", "^&ay", &output);
      g_variant_dict_lookup (options, "profile", "&s", &profile);
      g_variant_dict_lookup (options, "database", "^&ay", &database);
      status = attune_export_command (format, output, profile, database, message);
      if (status != 0)
        g_printerr ("%s\n", message->str);
      return status;
    }

  if (g_variant_dict_contains (options, "validate"))
    {
      g_autoptr(GString) errors = g_string_new (NULL);
      g_autoptr(GString) summary = g_string_new (NULL);
      AttuneValidateStatus status;

      status = attune_validate_paths (remaining, attune_content_dir (), errors, summary);
      fputs (errors->str, stderr);
      fputs (summary->str, status == ATTUNE_VALIDATE_OK ? stdout : stderr);
      return status;
    }

  {
    const char *database = NULL;

    /* --database works like ATTUNE_DATABASE, for this process. */
    if (g_variant_dict_lookup (options, "database", "^&ay", &database))
      g_setenv ("ATTUNE_DATABASE", database, TRUE);
  }

  if (remaining != NULL && remaining[0] != NULL)
    {
      /* Translators: %s is a command-line argument the user typed */
      g_printerr (_("Unexpected argument “%s”. Run “attune --help” for the options.\n"), remaining[0]);
      return 2;
    }

  if (g_variant_dict_lookup (options, "view", "&s", &view) &&
      !g_strv_contains (view_names, view))
    {
      /* Translators: %s is what the user typed; keep learn, practise and progress untranslated */
      g_printerr (_("Unknown view “%s”: use learn, practise or progress.\n"), view);
      return 2;
    }

  return -1;
}

static void
library_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AttuneApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  self->loads_in_flight--;
  if (!attune_library_load_finish (ATTUNE_LIBRARY (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Loading the library failed: %s", error->message);
  g_object_unref (self);
}

/* libxml2 frees its global tables when the process exits: no file may
 * still be parsing then. Cancel, and wait for the worker to stop. */
static void
attune_application_shutdown (GApplication *app)
{
  AttuneApplication *self = ATTUNE_APPLICATION (app);

  g_cancellable_cancel (self->load_cancellable);
  while (self->loads_in_flight > 0 || self->store_opening)
    g_main_context_iteration (NULL, TRUE);

  /* A last try for anything still waiting to be saved, then the backup
   * taken at quit. */
  if (self->store != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!attune_store_retry (self->store))
        g_warning ("%s", attune_store_get_saving_error (self->store)->message);
      if (!attune_store_backup_at_quit (self->store, &error))
        g_warning ("The backup at quit failed: %s", error->message);
    }

  G_APPLICATION_CLASS (attune_application_parent_class)->shutdown (app);
}

static void load_after_first_frame (AttuneApplication *self,
                                    GtkWindow         *window);

/**
 * attune_application_reload_library:
 *
 * Rebuilds the library from the bundled content, the user's folder, the
 * folders in Preferences and those given with --library, in that order
 * of priority, and loads it in the background.
 */
void
attune_application_reload_library (AttuneApplication *self)
{
  g_auto(GStrv) configured = g_settings_get_strv (self->settings, "library-folders");

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  if (self->library == NULL)
    self->library = attune_library_new ();
  else
    attune_library_clear_folders (self->library);

  attune_library_add_standard_folders (self->library);
  for (guint i = 0; configured[i] != NULL; i++)
    attune_library_add_folder (self->library, configured[i], FALSE);
  for (guint i = 0; self->extra_folders != NULL && self->extra_folders[i] != NULL; i++)
    attune_library_add_folder (self->library, self->extra_folders[i], FALSE);

  if (self->defer_load)
    return;
  self->loads_in_flight++;
  attune_library_load_async (self->library, self->load_cancellable, library_loaded, g_object_ref (self));
}

static void
first_frame_painted (GdkFrameClock     *clock,
                     AttuneApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_painted, self);
  self->defer_load = FALSE;
  self->loads_in_flight++;
  attune_library_load_async (self->library, self->load_cancellable, library_loaded, g_object_ref (self));
  /* Lesson pages show the learner's level, so the store opens now too. */
  attune_application_open_store (self);
}

static void
first_window_mapped (GtkWidget         *window,
                     AttuneApplication *self)
{
  g_signal_handlers_disconnect_by_func (window, first_window_mapped, self);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (first_frame_painted), self);
}

/* At start-up the window is shown first and the content read after its
 * first frame: reading and checking every file takes longer than drawing
 * an empty list, and both competing for the processor slowed the window.
 * The lists fill a frame or two later; until then no "empty" state is
 * shown, as the library is not yet loaded. */
static void
load_after_first_frame (AttuneApplication *self,
                        GtkWindow         *window)
{
  g_signal_connect (window, "map", G_CALLBACK (first_window_mapped), self);
}

typedef struct
{
  AttuneStore *store;
  AttuneStoreOpenResult result;
} OpenedStore;

static void
opened_store_free (OpenedStore *opened)
{
  g_clear_object (&opened->store);
  g_free (opened);
}

static void
open_store_in_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  g_autofree char *path = attune_store_default_path ();
  OpenedStore *opened = g_new0 (OpenedStore, 1);
  GError *error = NULL;

  opened->store = attune_store_open (path, &opened->result, &error);
  if (opened->store == NULL)
    {
      opened_store_free (opened);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, opened, (GDestroyNotify) opened_store_free);
}

/* The profile to show: the remembered one, else the first, else a new
 * one named after the person logged in. */
static gint64
choose_profile (AttuneStore *store)
{
  gint64 profile = attune_store_get_active_profile (store);
  g_autoptr(GPtrArray) profiles = NULL;

  if (profile != 0)
    return profile;
  profiles = attune_store_list_profiles (store, NULL);
  if (profiles != NULL && profiles->len > 0)
    profile = ((AttuneProfileRecord *) profiles->pdata[0])->id;
  else
    {
      const char *name = g_get_real_name ();

      if (name == NULL || *name == '\0' || g_str_equal (name, "Unknown"))
        name = g_get_user_name ();
      profile = attune_store_create_profile (store, name, NULL);
      if (profile == 0)
        profile = attune_store_create_profile (store, C_("profile name", "Learner"), NULL);
    }
  if (profile != 0)
    attune_store_set_active_profile (store, profile, NULL);
  return profile;
}

static void
store_opened (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AttuneApplication *self = ATTUNE_APPLICATION (source);
  OpenedStore *opened = g_task_propagate_pointer (G_TASK (result), &self->store_error);

  self->store_opening = FALSE;
  if (opened != NULL)
    {
      self->store = g_steal_pointer (&opened->store);
      /* Saving paused or resumed: views showing it update. */
      g_signal_connect_object (self->store, "saving-changed", G_CALLBACK (attune_application_progress_changed),
                               self, G_CONNECT_SWAPPED);
      self->store_result = opened->result;
      self->profile = choose_profile (self->store);
      opened_store_free (opened);
    }
  g_signal_emit (self, signals[STORE_CHANGED], 0);
}

/**
 * attune_application_open_store:
 *
 * Opens the progress store in a worker thread (checking a large file takes
 * a moment, and must not delay the first frame); "store-changed" follows.
 */
void
attune_application_open_store (AttuneApplication *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->store != NULL || self->store_opening)
    return;
  self->store_opening = TRUE;
  g_clear_error (&self->store_error);
  task = g_task_new (self, NULL, store_opened, NULL);
  g_task_run_in_thread (task, open_store_in_thread);
}

/**
 * attune_application_retry_store:
 *
 * Tries again to open the progress store after it could not be opened
 * (another program had it locked, the disk was full…).
 */
void
attune_application_retry_store (AttuneApplication *self)
{
  g_return_if_fail (ATTUNE_IS_APPLICATION (self));

  if (self->store != NULL || self->store_opening)
    return;
  attune_application_open_store (self);
  g_signal_emit (self, signals[STORE_CHANGED], 0);
}

AttuneStore *
attune_application_get_store (AttuneApplication *self)
{
  g_return_val_if_fail (ATTUNE_IS_APPLICATION (self), NULL);
  return self->store;
}

/* Why progress is not being saved, or NULL when it is. */
const GError *
attune_application_get_store_error (AttuneApplication *self)
{
  g_return_val_if_fail (ATTUNE_IS_APPLICATION (self), NULL);
  return self->store_error;
}

AttuneStoreOpenResult
attune_application_get_store_result (AttuneApplication *self)
{
  return self->store_result;
}

gint64
attune_application_get_profile (AttuneApplication *self)
{
  g_return_val_if_fail (ATTUNE_IS_APPLICATION (self), 0);
  return self->profile;
}

void
attune_application_set_profile (AttuneApplication *self,
                                gint64             profile)
{
  g_return_if_fail (ATTUNE_IS_APPLICATION (self));

  self->profile = profile;
  if (self->store != NULL)
    attune_store_set_active_profile (self->store, profile, NULL);
  g_signal_emit (self, signals[STORE_CHANGED], 0);
}

/* Something was recorded or changed: views showing progress refresh. */
void
attune_application_progress_changed (AttuneApplication *self)
{
  g_signal_emit (self, signals[STORE_CHANGED], 0);
}

/**
 * attune_application_get_main_window:
 *
 * The main window, or %NULL: other windows (presenter mode, dialogs) may
 * be the active one.
 */
AttuneWindow *
attune_application_get_main_window (AttuneApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (ATTUNE_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static AttuneWindow *
ensure_window (AttuneApplication *self)
{
  AttuneWindow *window = attune_application_get_main_window (self);

  if (window == NULL)
    window = attune_window_new (self);
  return window;
}

static AttuneWindow *
ensure_window_with_deferred_load (AttuneApplication *self)
{
  AttuneWindow *window;

  self->defer_load = TRUE;
  attune_application_reload_library (self);
  window = ensure_window (self);
  load_after_first_frame (self, GTK_WINDOW (window));
  return window;
}

static int
attune_application_command_line (GApplication            *app,
                                 GApplicationCommandLine *command_line)
{
  AttuneApplication *self = ATTUNE_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree const char **folders = NULL;
  const char *view = NULL;
  const char *lesson = NULL;
  const char *scenario = NULL;
  AttuneWindow *window;

  if (g_variant_dict_lookup (options, "library", "^a&ay", &folders) && folders != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      if (self->extra_folders != NULL)
        g_strv_builder_addv (builder, (const char **) self->extra_folders);
      for (guint i = 0; folders[i] != NULL; i++)
        {
          g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, folders[i]);
          g_autofree char *path = g_file_get_path (file);

          if (self->extra_folders == NULL || !g_strv_contains ((const char * const *) self->extra_folders, path))
            g_strv_builder_add (builder, path);
        }
      g_strfreev (self->extra_folders);
      self->extra_folders = g_strv_builder_end (builder);
      if (self->library != NULL)
        attune_application_reload_library (self);
    }

  if (self->library == NULL)
    {
      /* The window needs the library object to exist; its content comes later. */
      window = ensure_window_with_deferred_load (self);
    }
  else
    window = ensure_window (self);
  if (g_variant_dict_lookup (options, "view", "&s", &view))
    attune_window_show_view (window, view);
  if (g_variant_dict_lookup (options, "lesson", "&s", &lesson))
    attune_window_show_lesson (window, lesson);
  if (g_variant_dict_lookup (options, "scenario", "&s", &scenario))
    attune_window_start_scenario_when_loaded (window, scenario, FALSE);
  if (g_variant_dict_lookup (options, "present", "&s", &scenario))
    attune_window_start_scenario_when_loaded (window, scenario, TRUE);
  gtk_window_present (GTK_WINDOW (window));
  return 0;
}

static void
attune_application_activate (GApplication *app)
{
  AttuneApplication *self = ATTUNE_APPLICATION (app);

  if (self->library == NULL)
    gtk_window_present (GTK_WINDOW (ensure_window_with_deferred_load (self)));
  else
    gtk_window_present (GTK_WINDOW (ensure_window (self)));
}

static void
show_about (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  AttuneApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Attune contributors"), NULL };
  const char *articles[] = {
    "Empathy in customer service — MGI, Mindset, Language & Actions Toolkit",
    "The Importance of Empathy in Customer Service",
    "The Power of Empathy: Optimising Your Customer Service in the Post-Pandemic World — MOJO-CX",
    "Expressing Empathy in Customer Service",
    "Developing Empathy",
    NULL
  };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), window);
  adw_about_window_set_application_name (about, _("Attune"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Attune contributors"));
  adw_about_window_set_comments (about, _("Practise expressing empathy in customer service: lessons on every strategy, branching role-plays with feedback, and a private record of your progress."));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_copyright (about, _("© 2026 The Attune contributors"));
  adw_about_window_set_developers (about, developers);
  /* Translators: replace with your names, one per line, to be credited */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  /* Translators: the articles the lessons are drawn from; their titles stay in English */
  adw_about_window_add_acknowledgement_section (about, _("Source Articles"), articles);
  gtk_window_present (GTK_WINDOW (about));
}

static void
show_preferences (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  AttuneApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  AttunePreferencesWindow *preferences = attune_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), window);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
quit_app (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Closing through the window lets it save its size first. */
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_close (windows->data);
      windows = next;
    }
}

static const GActionEntry app_actions[] = {
  { "about", show_about },
  { "preferences", show_preferences },
  { "quit", quit_app },
};

static void
apply_color_scheme (AttuneApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme value = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    value = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    value = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), value);
}

static void
attune_application_startup (GApplication *app)
{
  AttuneApplication *self = ATTUNE_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (attune_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-shortcuts", shortcuts_accels);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_swapped (self->settings, "changed::color-scheme", G_CALLBACK (apply_color_scheme), self);
  g_signal_connect_swapped (self->settings, "changed::library-folders",
                            G_CALLBACK (attune_application_reload_library), self);
  apply_color_scheme (self);
}

static void
attune_application_class_init (AttuneApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = attune_application_dispose;

  /**
   * AttuneApplication::store-changed:
   *
   * The progress store opened (or failed to), the profile changed, or
   * something was recorded.
   */
  signals[STORE_CHANGED] =
    g_signal_new ("store-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  app_class->handle_local_options = attune_application_handle_local_options;
  app_class->command_line = attune_application_command_line;
  app_class->activate = attune_application_activate;
  app_class->startup = attune_application_startup;
  app_class->shutdown = attune_application_shutdown;
}

static void
attune_application_init (AttuneApplication *self)
{
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Show the version and exit"), NULL },
    { "validate", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Check lesson and scenario files (or folders of them) and report problems, without opening a window"), NULL },
    { "library", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
      N_("Also load lessons and scenarios from this folder (may be repeated)"), N_("FOLDER") },
    { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Open on this view: learn, practise or progress"), N_("VIEW") },
    { "lesson", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Open the lesson with this id, such as active-listening"), N_("ID") },
    { "scenario", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Start the role-play with this id, such as late-parcel"), N_("ID") },
    { "present", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Present the role-play with this id to a class, full screen"), N_("ID") },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Keep progress in this file instead of the usual one (also ATTUNE_DATABASE)"), N_("FILE") },
    { "export-progress", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Export progress as csv or xapi (xAPI 1.0.3 statements), without opening a window"), N_("FORMAT") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("With --export-progress: the file to write, or - for the terminal"), N_("FILE") },
    { "profile", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --export-progress: only this learner's profile"), N_("NAME") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  /* GOptionContext translates the entries but not these: main() has
   * bound the catalogue already, so translate them here. */
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[PATH…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Practise expressing empathy in customer service."));
  g_application_set_option_context_description (G_APPLICATION (self),
                                                _("With --validate, each PATH is a lesson or scenario file, or a folder of them. "
                                                   "Problems are printed as FILE:LINE: error: MESSAGE. The exit status is 0 when "
                                                   "every file is valid, 1 when any is not, and 2 for a usage error."));
}

AttuneLibrary *
attune_application_get_library (AttuneApplication *self)
{
  g_return_val_if_fail (ATTUNE_IS_APPLICATION (self), NULL);
  return self->library;
}

GSettings *
attune_application_get_settings (AttuneApplication *self)
{
  g_return_val_if_fail (ATTUNE_IS_APPLICATION (self), NULL);
  return self->settings;
}
