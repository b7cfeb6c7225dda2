/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneApplication: the command line, the application's actions and its
 * windows. What a running Attune works with (settings, library, progress
 * store, active profile) belongs to one AttuneSession, made when the
 * first window is needed; windows get it as a property.
 */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "attune-application.h"
#include "attune-content.h"
#include "attune-export.h"
#include "attune-lrs-sync.h"
#include "attune-store-queue.h"
#include "attune-handout-layout.h"
#include "attune-library.h"
#include "attune-map-window.h"
#include "attune-preview-window.h"
#include "attune-preferences-window.h"
#include "attune-problem.h"
#include "attune-report.h"
#include "attune-validator.h"
#include "attune-window.h"

struct _AttuneApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  AttuneSession *session;   /* NULL until the first window */
  GStrv extra_folders;      /* from --library, for this run */
  gboolean defer_load;      /* the library loads after the first frame */
};

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

  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->extra_folders, g_strfreev);

  G_OBJECT_CLASS (attune_application_parent_class)->dispose (object);
}

/* `attune --print lesson:ID|scenario:ID --output FILE.pdf`: the handout
 * straight to a PDF, with no window and no display. */
static int
print_command (GVariantDict *options)
{
  g_autoptr(AttuneLibrary) library = attune_library_new ();
  g_autoptr(AttuneHandout) handout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree const char **folders = NULL;
  const char *target = NULL, *output = NULL;

  g_variant_dict_lookup (options, "print", "&s", &target);
  if (!g_variant_dict_lookup (options, "output", "^&ay", &output) || output == NULL || *output == '\0')
    {
      /* Translators: keep --print and --output untranslated */
      g_printerr ("%s\n", _("--print needs --output FILE.pdf."));
      return 2;
    }
  attune_library_add_standard_folders (library);
  if (g_variant_dict_lookup (options, "library", "^a&ay", &folders) && folders != NULL)
    for (guint i = 0; folders[i] != NULL; i++)
      attune_library_add_folder (library, folders[i], FALSE);
  attune_library_load (library);
  handout = attune_handout_new_for_target (library, target, &error);
  if (handout == NULL)
    {
      g_printerr ("%s\n", error->message);
      return error->code == G_IO_ERROR_INVALID_ARGUMENT ? 2 : 1;
    }
  if (!attune_handout_write_pdf (handout, output, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

/* What the app loads, in its order: bundled content, the user's folders,
 * then the folders in Preferences. --validate checks against all of them. */
static GStrv
dup_library_folders (void)
{
  g_auto(GStrv) standard = attune_library_dup_standard_folders ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source != NULL ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  g_strv_builder_addv (builder, (const char **) standard);
  if (schema != NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      g_auto(GStrv) configured = g_settings_get_strv (settings, "library-folders");

      g_strv_builder_addv (builder, (const char **) configured);
    }
  return g_strv_builder_end (builder);
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

  if (g_variant_dict_contains (options, "sync"))
    {
      g_autoptr(GString) output = g_string_new (NULL);
      g_autoptr(GString) message = g_string_new (NULL);
      const char *database = NULL, *lrs = NULL, *credentials = NULL;
      int status;

      g_variant_dict_lookup (options, "database", "^&ay", &database);
      g_variant_dict_lookup (options, "lrs", "&s", &lrs);
      g_variant_dict_lookup (options, "lrs-credentials", "^&ay", &credentials);
      status = attune_lrs_sync_command (database, lrs, credentials, output, message);
      fputs (output->str, stdout);
      if (message->len > 0)
        g_printerr ("%s\n", message->str);
      return status;
    }
  if (g_variant_dict_contains (options, "print"))
    return print_command (options);

  if (g_variant_dict_contains (options, "validate"))
    {
      g_autoptr(GString) errors = g_string_new (NULL);
      g_autoptr(GString) summary = g_string_new (NULL);
      AttuneValidateStatus status;

      g_auto(GStrv) folders = dup_library_folders ();

      status = attune_validate_paths (remaining, (const char * const *) folders,
                                      g_variant_dict_contains (options, "strict"), errors, summary);
      fputs (errors->str, stderr);
      fputs (summary->str, status == ATTUNE_VALIDATE_OK ? stdout : stderr);
      return status;
    }

  if (g_variant_dict_contains (options, "report"))
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(GString) errors = g_string_new (NULL);
      g_auto(GStrv) folders = dup_library_folders ();
      const char *format_name = NULL;
      AttuneReportFormat format;
      int status;

      g_variant_dict_lookup (options, "format", "&s", &format_name);
      if (!attune_report_format_from_string (format_name, &format))
        {
          /* Translators: %s is what the user typed; keep text and html untranslated */
          g_printerr (_("Unknown report format “%s”: use text or html.\n"), format_name);
          return 2;
        }
      status = attune_report_paths (remaining, (const char * const *) folders, format, out, errors);
      fputs (out->str, stdout);
      fputs (errors->str, stderr);
      return status;
    }

  if ((g_variant_dict_contains (options, "map") || g_variant_dict_contains (options, "preview")) &&
      (remaining == NULL || remaining[0] == NULL || remaining[1] != NULL))
    {
      g_printerr ("%s\n", _("Name exactly one scenario file."));
      return 2;
    }

  if (remaining != NULL && remaining[0] != NULL &&
      !g_variant_dict_contains (options, "map") && !g_variant_dict_contains (options, "preview"))
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

/* libxml2 frees its global tables when the process exits: no file may
 * still be parsing then; and every decision queued must reach the disk. */
static void
attune_application_shutdown (GApplication *app)
{
  AttuneApplication *self = ATTUNE_APPLICATION (app);

  if (self->session != NULL)
    attune_session_shutdown (self->session);
  G_APPLICATION_CLASS (attune_application_parent_class)->shutdown (app);
}

static void
first_frame_painted (GdkFrameClock     *clock,
                     AttuneApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_painted, self);
  self->defer_load = FALSE;
  attune_session_load_library (self->session);
  /* Lesson pages show the learner's level, so the store opens now too. */
  attune_session_open_store (self->session);
}

static void
first_window_mapped (GtkWidget         *window,
                     AttuneApplication *self)
{
  g_signal_handlers_disconnect_by_func (window, first_window_mapped, self);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (first_frame_painted), self);
}

/* The session, made once, with the progress file named by --database or
 * ATTUNE_DATABASE (read now, once). At start-up the window is shown first
 * and the content read after its first frame: reading and checking every
 * file takes longer than drawing an empty list, and both competing for
 * the processor slowed the window. */
static AttuneSession *
ensure_session (AttuneApplication *self,
                const char        *database)
{
  if (self->session == NULL)
    {
      self->session = attune_session_new (self->settings, database);
      attune_session_set_extra_folders (self->session, (const char * const *) self->extra_folders);
      attune_session_reload_library (self->session, FALSE);
      self->defer_load = TRUE;
    }
  return self->session;
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
    {
      window = attune_window_new (GTK_APPLICATION (self), ensure_session (self, NULL));
      if (self->defer_load)
        g_signal_connect (window, "map", G_CALLBACK (first_window_mapped), self);
    }
  return window;
}

/* --map FILE: the file is read off the GTK thread once the library (for
 * the lessons its strategies name) has loaded. */
typedef struct
{
  AttuneApplication *self;
  GWeakRef window;            /* the window may be closed before the file is read */
  char *path;
} MapLoad;

static void
map_load_free (MapLoad *load)
{
  g_object_unref (load->self);
  g_weak_ref_clear (&load->window);
  g_free (load->path);
  g_free (load);
}

static void
open_preview (AttuneApplication *self,
              const char        *path,
              const char        *node_id)
{
  g_autoptr(AttunePractice) practice = attune_practice_new (ensure_session (self, NULL));
  AttunePreviewWindow *preview = attune_preview_window_new (practice, path, node_id);
  AttuneLibrary *library = attune_session_get_library (self->session);

  gtk_application_add_window (GTK_APPLICATION (self), GTK_WINDOW (preview));
  if (!attune_library_get_loaded (library))
    {
      g_signal_connect_object (library, "notify::loaded", G_CALLBACK (attune_preview_window_reload),
                               preview, G_CONNECT_SWAPPED);
      attune_session_load_library (self->session);
    }
  gtk_window_present (GTK_WINDOW (preview));
}

/* "Play from here" on the map of a file: its live preview, from there. */
static void
map_play_from (AttuneMapWindow *window,
               AttuneScenario  *scenario,
               const char      *node_id,
               const char      *path)
{
  open_preview (ATTUNE_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))), path, node_id);
}

static void
map_loaded (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  MapLoad *load = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneContentSet) set = attune_content_load_file_finish (result, &error);
  g_autoptr(AttuneMapWindow) window = g_weak_ref_get (&load->window);

  if (set == NULL)
    g_printerr ("%s\n", error->message);

  for (guint i = 0; set != NULL && i < set->problems->len; i++)
    {
      g_autofree char *line = attune_problem_to_string (g_ptr_array_index (set->problems, i));

      g_printerr ("%s\n", line);
    }
  if (window != NULL && set != NULL && set->scenarios->len > 0)
    {
      AttuneScenario *scenario = g_ptr_array_index (set->scenarios, 0);
      /* Translators: the map window's title; %s is the scenario's title */
      g_autofree char *title = g_strdup_printf (_("Map of “%s”"), attune_scenario_get_title (scenario));

      attune_scenario_map_set_scenario (attune_map_window_get_map (window), scenario);
      gtk_window_set_title (GTK_WINDOW (window), title);
    }
  else if (window != NULL)
    gtk_window_set_title (GTK_WINDOW (window), _("The scenario has problems: see the terminal"));
  map_load_free (load);
}

static void
map_library_loaded (AttuneLibrary *library,
                    GParamSpec    *pspec,
                    MapLoad       *load)
{
  GListModel *lessons = attune_library_get_lessons (library);
  g_autoptr(GPtrArray) reference = g_ptr_array_new_with_free_func (g_object_unref);

  if (!attune_library_get_loaded (library))
    return;
  g_signal_handlers_disconnect_by_func (library, map_library_loaded, load);
  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    g_ptr_array_add (reference, g_list_model_get_item (lessons, i));
  attune_content_load_file_async (load->path, reference, NULL, map_loaded, load);
}

static void
open_map (AttuneApplication *self,
          const char        *path)
{
  MapLoad *load = g_new0 (MapLoad, 1);
  AttuneLibrary *library = attune_session_get_library (ensure_session (self, NULL));
  AttuneMapWindow *window = g_object_new (ATTUNE_TYPE_MAP_WINDOW, NULL);

  load->self = g_object_ref (self);
  load->path = g_strdup (path);
  g_weak_ref_init (&load->window, window);
  gtk_application_add_window (GTK_APPLICATION (self), GTK_WINDOW (window));
  g_signal_connect_data (window, "play-from", G_CALLBACK (map_play_from), g_strdup (path),
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  if (attune_library_get_loaded (library))
    map_library_loaded (library, NULL, load);
  else
    {
      g_signal_connect (library, "notify::loaded", G_CALLBACK (map_library_loaded), load);
      attune_session_load_library (self->session);
    }
  gtk_window_present (GTK_WINDOW (window));
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
  const char *database = NULL;
  AttuneWindow *window;

  /* --database is read once, into the session. A second instance cannot
   * move a running Attune to another file: it says so and fails. */
  if (g_variant_dict_lookup (options, "database", "^&ay", &database))
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, database);
      g_autofree char *path = g_file_get_path (file);

      if (self->session == NULL)
        ensure_session (self, path);
      else if (g_strcmp0 (path, attune_session_get_database (self->session)) != 0)
        {
          g_application_command_line_printerr (command_line,
                                               /* Translators: the first %s is the progress file Attune is using, the second the one asked for */
                                               _("Attune is already running with the progress file %s. Quit it first to use %s.\n"),
                                               attune_session_get_database (self->session), path);
          return 1;
        }
    }

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
      if (self->session != NULL)
        {
          attune_session_set_extra_folders (self->session, (const char * const *) self->extra_folders);
          attune_session_reload_library (self->session, !self->defer_load);
        }
    }

  if (g_variant_dict_contains (options, "map") || g_variant_dict_contains (options, "preview"))
    {
      g_autofree const char **files = NULL;
      g_autoptr(GFile) file = NULL;
      g_autofree char *path = NULL;

      g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files);
      if (files == NULL || files[0] == NULL)
        return 2;
      file = g_application_command_line_create_file_for_arg (command_line, files[0]);
      path = g_file_get_path (file);
      if (g_variant_dict_contains (options, "preview"))
        open_preview (self, path, NULL);
      else
        open_map (self, path);
      return 0;
    }

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
  gtk_window_present (GTK_WINDOW (ensure_window (ATTUNE_APPLICATION (app))));
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

static gpointer
read_learner_id (AttuneStore   *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return attune_store_get_profile_uid (store, *(gint64 *) data, error);
}

static void
learner_id_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AttunePreferencesWindow) preferences = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *learner_id = attune_store_call_finish (ATTUNE_STORE (source), result, &error);

  if (learner_id == NULL)
    g_warning ("Reading the learner’s id failed: %s", error->message);
  attune_preferences_window_set_learner_id (preferences, learner_id);
}

static void
show_preferences (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  AttuneApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  AttunePreferencesWindow *preferences = attune_preferences_window_new (self->settings);
  AttuneStore *store = self->session != NULL ? attune_session_get_store (self->session) : NULL;

  /* The learner's id, which a trainer matches with LRS accounts: read off
   * the GTK thread, shown when read. */
  if (store != NULL && attune_session_get_profile (self->session) != 0)
    {
      gint64 *profile = g_new (gint64, 1);

      *profile = attune_session_get_profile (self->session);
      attune_store_call_async (store, read_learner_id, profile, g_free, g_free, NULL,
                               learner_id_read, g_object_ref (preferences));
    }
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
  apply_color_scheme (self);
}

static void
attune_application_class_init (AttuneApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = attune_application_dispose;

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
    { "strict", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("With --validate: treat warnings as errors"), NULL },
    { "report", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Describe every path through each scenario file named: endings, scores, strategies and warnings"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --report: text (the default) or html"), N_("FORMAT") },
    { "map", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Show a map of the scenario file named: its nodes, replies and endings"), NULL },
    { "preview", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Play the scenario file named beside its map, and reload both every time the file is saved"), NULL },
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
    { "print", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Print a lesson or a role-play’s trainer sheet to the PDF file given with --output, without opening a window"), N_("lesson:ID|scenario:ID") },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Keep progress in this file instead of the usual one (also ATTUNE_DATABASE)"), N_("FILE") },
    { "export-progress", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Export progress as csv or xapi (xAPI 1.0.3 statements), without opening a window"), N_("FORMAT") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("With --export-progress: the file to write, or - for the terminal; with --print: the PDF file to write"), N_("FILE") },
    { "profile", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --export-progress: only this learner's profile"), N_("NAME") },
    { "sync", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Send queued learning records to a learning record store (xAPI), without opening a window"), NULL },
    { "lrs", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --sync: the learning record store’s xAPI endpoint"), N_("URL") },
    { "lrs-credentials", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("With --sync: a file only you can read, holding key:secret"), N_("FILE") },
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
                                                   "Problems are printed as FILE:LINE: error: MESSAGE, and replies that give the answer "
                                                   "away as FILE:LINE: warning: MESSAGE. The exit status is 0 when every file is valid "
                                                   "(warnings allowed, unless --strict), 1 when any is not, and 2 for a usage error."));
}

/* The session, or %NULL before the first window. */
AttuneSession *
attune_application_get_session (AttuneApplication *self)
{
  g_return_val_if_fail (ATTUNE_IS_APPLICATION (self), NULL);
  return self->session;
}
