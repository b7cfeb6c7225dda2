/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneSession: what one running Attune works with, and the one owner of
 * each of these facts: the settings, the content library (and which
 * folders it reads), the progress store (opened off the GTK thread) and
 * the active profile. Views get the parts they need as properties; they
 * never reach for the application.
 *
 * Notifications: "notify::store-state" when the store opens or fails,
 * "notify::profile" when the learner switches, and "progress-changed"
 * when something was recorded, so that progress views refresh.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-lrs-service.h"
#include "attune-session.h"
#include "attune-folder-watch.h"

struct _AttuneSession
{
  GObject parent_instance;

  GSettings *settings;
  char *database;            /* the progress file, fixed for the session */
  AttuneLibrary *library;
  GStrv extra_folders;       /* --library, for this run */
  GCancellable *load_cancellable;
  guint loads_in_flight;
  AttuneFolderWatch *watch;  /* the user's folders, and the folders in them */
  guint reload_id;           /* a debounced reload after a change */

  AttuneSessionStoreState store_state;
  AttuneStore *store;
  GError *store_error;
  AttuneStoreOpenResult store_result;
  gint64 profile;
  AttuneLrsService *lrs;     /* background sync; made once the store is open */
  guint writes_held;         /* practices with writes not yet on disk */
};

G_DEFINE_FINAL_TYPE (AttuneSession, attune_session, G_TYPE_OBJECT)
G_DEFINE_ENUM_TYPE (AttuneSessionStoreState, attune_session_store_state,
  G_DEFINE_ENUM_VALUE (ATTUNE_SESSION_STORE_CLOSED, "closed"),
  G_DEFINE_ENUM_VALUE (ATTUNE_SESSION_STORE_OPENING, "opening"),
  G_DEFINE_ENUM_VALUE (ATTUNE_SESSION_STORE_OPEN, "open"),
  G_DEFINE_ENUM_VALUE (ATTUNE_SESSION_STORE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_DATABASE,
  PROP_LIBRARY,
  PROP_STORE,
  PROP_STORE_STATE,
  PROP_PROFILE,
  PROP_SAVING_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PROGRESS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
stop_watching (AttuneSession *self)
{
  if (self->watch != NULL)
    g_signal_handlers_disconnect_by_data (self->watch, self);
  g_clear_object (&self->watch);
}

static void
attune_session_dispose (GObject *object)
{
  AttuneSession *self = ATTUNE_SESSION (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  stop_watching (self);
  g_clear_object (&self->settings);
  g_clear_object (&self->library);
  g_clear_object (&self->lrs);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (attune_session_parent_class)->dispose (object);
}

static void
attune_session_finalize (GObject *object)
{
  AttuneSession *self = ATTUNE_SESSION (object);

  g_free (self->database);
  g_strfreev (self->extra_folders);
  g_clear_error (&self->store_error);
  G_OBJECT_CLASS (attune_session_parent_class)->finalize (object);
}

static void
attune_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AttuneSession *self = ATTUNE_SESSION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_DATABASE:
      g_value_set_string (value, self->database);
      break;
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_STORE_STATE:
      g_value_set_enum (value, self->store_state);
      break;
    case PROP_PROFILE:
      g_value_set_int64 (value, self->profile);
      break;
    case PROP_SAVING_PROBLEM:
      g_value_set_string (value, attune_session_get_saving_problem (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_session_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AttuneSession *self = ATTUNE_SESSION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_DATABASE:
      self->database = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
library_folders_changed (AttuneSession *self)
{
  attune_session_reload_library (self, self->loads_in_flight > 0 || attune_library_get_loaded (self->library));
}

static void
attune_session_constructed (GObject *object)
{
  AttuneSession *self = ATTUNE_SESSION (object);

  G_OBJECT_CLASS (attune_session_parent_class)->constructed (object);

  /* Read once: a later change of ATTUNE_DATABASE does not move the file. */
  if (self->database == NULL)
    self->database = attune_store_default_path ();
  self->library = attune_library_new ();
  if (self->settings != NULL)
    g_signal_connect_swapped (self->settings, "changed::library-folders",
                              G_CALLBACK (library_folders_changed), self);
}

static void
attune_session_class_init (AttuneSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = attune_session_dispose;
  object_class->finalize = attune_session_finalize;
  object_class->get_property = attune_session_get_property;
  object_class->set_property = attune_session_set_property;
  object_class->constructed = attune_session_constructed;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATABASE] =
    g_param_spec_string ("database", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, ATTUNE_TYPE_LIBRARY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ATTUNE_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE_STATE] =
    g_param_spec_enum ("store-state", NULL, NULL, ATTUNE_TYPE_SESSION_STORE_STATE, ATTUNE_SESSION_STORE_CLOSED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE] =
    g_param_spec_int64 ("profile", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVING_PROBLEM] =
    g_param_spec_string ("saving-problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AttuneSession::progress-changed:
   *
   * Something was recorded, or a profile's data changed.
   */
  signals[PROGRESS_CHANGED] =
    g_signal_new ("progress-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
attune_session_init (AttuneSession *self)
{
}

/**
 * attune_session_new:
 * @settings: (nullable): the app's settings
 * @database: (nullable): the progress file; %NULL for the usual one (or
 *   $ATTUNE_DATABASE, read now)
 */
AttuneSession *
attune_session_new (GSettings  *settings,
                    const char *database)
{
  return g_object_new (ATTUNE_TYPE_SESSION, "settings", settings, "database", database, NULL);
}

GSettings *
attune_session_get_settings (AttuneSession *self)
{
  g_return_val_if_fail (ATTUNE_IS_SESSION (self), NULL);
  return self->settings;
}

AttuneLibrary *
attune_session_get_library (AttuneSession *self)
{
  g_return_val_if_fail (ATTUNE_IS_SESSION (self), NULL);
  return self->library;
}

const char *
attune_session_get_database (AttuneSession *self)
{
  g_return_val_if_fail (ATTUNE_IS_SESSION (self), NULL);
  return self->database;
}

/* Folders given with --library, added to those from the settings. */
void
attune_session_set_extra_folders (AttuneSession      *self,
                                  const char * const *folders)
{
  g_return_if_fail (ATTUNE_IS_SESSION (self));

  g_strfreev (self->extra_folders);
  self->extra_folders = g_strdupv ((char **) folders);
}

static void
library_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AttuneSession) self = user_data;
  g_autoptr(GError) error = NULL;

  self->loads_in_flight--;
  if (!attune_library_load_finish (ATTUNE_LIBRARY (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Loading the library failed: %s", error->message);
}

/* Starts reading the library's folders in the background. */
void
attune_session_load_library (AttuneSession *self)
{
  g_return_if_fail (ATTUNE_IS_SESSION (self));

  if (self->load_cancellable == NULL)
    self->load_cancellable = g_cancellable_new ();
  self->loads_in_flight++;
  attune_library_load_async (self->library, self->load_cancellable, library_loaded, g_object_ref (self));
}

static gboolean
reload_after_change (gpointer data)
{
  AttuneSession *self = data;

  self->reload_id = 0;
  if (attune_library_get_loaded (self->library))
    attune_session_load_library (self);
  return G_SOURCE_REMOVE;
}

/* A trainer saved, added or removed a file in one of their folders (or a
 * folder inside one): read the library again once the burst of changes an
 * editor makes is over. */
static void
user_folder_changed (AttuneFolderWatch *watch,
                     AttuneSession     *self)
{
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (ATTUNE_SESSION_RELOAD_DELAY_MS, reload_after_change, self);
}

/* Watches the folders a trainer writes to (not the bundled content), with
 * every folder inside them: the personal folders, those in Preferences and
 * --library. A folder that does not exist yet is watched through its
 * parent, so creating it is noticed too. */
static void
watch_user_folders (AttuneSession      *self,
                    const char * const *configured)
{
  g_auto(GStrv) standard = attune_library_dup_standard_folders ();
  g_autoptr(GStrvBuilder) roots = g_strv_builder_new ();
  g_auto(GStrv) all = NULL;

  stop_watching (self);
  for (guint i = 2; standard[i] != NULL; i++)
    g_strv_builder_add (roots, standard[i]);
  if (configured != NULL)
    g_strv_builder_addv (roots, (const char **) configured);
  if (self->extra_folders != NULL)
    g_strv_builder_addv (roots, (const char **) self->extra_folders);
  all = g_strv_builder_end (roots);

  self->watch = attune_folder_watch_new ();
  g_signal_connect (self->watch, "changed", G_CALLBACK (user_folder_changed), self);
  attune_folder_watch_set_folders (self->watch, (const char * const *) all);
}

/**
 * attune_session_reload_library:
 * @load_now: start reading now; otherwise attune_session_load_library()
 *   does later (after the first frame, at start-up)
 *
 * Sets the library's folders: the bundled content, the user's folder, the
 * folders in Preferences and those given with --library, in that order of
 * priority.
 */
void
attune_session_reload_library (AttuneSession *self,
                               gboolean       load_now)
{
  g_auto(GStrv) configured = NULL;

  g_return_if_fail (ATTUNE_IS_SESSION (self));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  attune_library_clear_folders (self->library);
  attune_library_add_standard_folders (self->library);
  configured = self->settings != NULL ? g_settings_get_strv (self->settings, "library-folders") : g_new0 (char *, 1);
  for (guint i = 0; configured[i] != NULL; i++)
    attune_library_add_folder (self->library, configured[i], FALSE);
  for (guint i = 0; self->extra_folders != NULL && self->extra_folders[i] != NULL; i++)
    attune_library_add_folder (self->library, self->extra_folders[i], FALSE);
  watch_user_folders (self, (const char * const *) configured);
  if (load_now)
    attune_session_load_library (self);
}

typedef struct
{
  AttuneStore *store;
  AttuneStoreOpenResult result;
  gint64 profile;
} OpenedStore;

static void
opened_store_free (OpenedStore *opened)
{
  g_clear_object (&opened->store);
  g_free (opened);
}

/* The profile to show: the remembered one, else the first, else a new
 * one named after the person logged in. */
static gint64
choose_profile (AttuneStore *store)
{
  gint64 profile = attune_store_get_active_profile (store);
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GError) error = NULL;

  if (profile != 0)
    return profile;
  profiles = attune_store_list_profiles (store, &error);
  if (profiles == NULL)
    g_warning ("Listing profiles failed: %s", error->message);
  if (profiles != NULL && profiles->len > 0)
    profile = ((AttuneProfileRecord *) profiles->pdata[0])->id;
  else
    {
      const char *name = g_get_real_name ();

      if (name == NULL || *name == '\0' || g_str_equal (name, "Unknown"))
        name = g_get_user_name ();
      g_clear_error (&error);
      profile = attune_store_create_profile (store, name, &error);
      if (profile == 0)
        {
          g_debug ("Creating a profile named “%s” failed: %s", name, error->message);
          g_clear_error (&error);
          profile = attune_store_create_profile (store, C_("profile name", "Learner"), &error);
        }
      if (profile == 0)
        g_warning ("Creating a profile failed: %s", error->message);
    }
  g_clear_error (&error);
  if (profile != 0 && !attune_store_set_active_profile (store, profile, &error))
    g_warning ("Remembering the active profile failed: %s", error->message);
  return profile;
}

static void
open_store_in_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  const char *path = task_data;
  OpenedStore *opened = g_new0 (OpenedStore, 1);
  GError *error = NULL;

  opened->store = attune_store_open (path, &opened->result, &error);
  if (opened->store == NULL)
    {
      opened_store_free (opened);
      g_task_return_error (task, error);
      return;
    }
  if (!attune_store_reclaim_unfinished (opened->store, &error))
    {
      g_warning ("Marking unfinished attempts as abandoned failed: %s", error->message);
      g_clear_error (&error);
    }
  opened->profile = choose_profile (opened->store);
  g_task_return_pointer (task, opened, (GDestroyNotify) opened_store_free);
}

static void
set_store_state (AttuneSession           *self,
                 AttuneSessionStoreState  state)
{
  self->store_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE_STATE]);
}

/* Saving paused (the file locked, the disk full) or resumed. */
static void
saving_changed (AttuneSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING_PROBLEM]);
}

static void
store_opened (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AttuneSession *self = ATTUNE_SESSION (source);
  OpenedStore *opened;

  g_clear_error (&self->store_error);
  opened = g_task_propagate_pointer (G_TASK (result), &self->store_error);
  if (opened == NULL)
    {
      g_message ("Progress is not being saved: %s", self->store_error->message);
      set_store_state (self, ATTUNE_SESSION_STORE_FAILED);
      return;
    }
  self->store = g_steal_pointer (&opened->store);
  self->store_result = opened->result;
  self->profile = opened->profile;
  opened_store_free (opened);
  g_signal_connect_object (self->store, "saving-changed", G_CALLBACK (saving_changed), self, G_CONNECT_SWAPPED);
  /* Only now: the sync's own connection must not race the migration. */
  if (self->lrs == NULL && self->settings != NULL)
    self->lrs = attune_lrs_service_new (self->settings, attune_store_get_path (self->store));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
  set_store_state (self, ATTUNE_SESSION_STORE_OPEN);
}

/**
 * attune_session_open_store:
 *
 * Opens the progress store in a worker thread (checking a large file takes
 * a moment, and must not delay the first frame); "notify::store-state"
 * follows. Does nothing if it is open or opening.
 */
void
attune_session_open_store (AttuneSession *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATTUNE_IS_SESSION (self));

  if (self->store_state == ATTUNE_SESSION_STORE_OPEN || self->store_state == ATTUNE_SESSION_STORE_OPENING)
    return;
  set_store_state (self, ATTUNE_SESSION_STORE_OPENING);
  task = g_task_new (self, NULL, store_opened, NULL);
  g_task_set_task_data (task, g_strdup (self->database), g_free);
  g_task_run_in_thread (task, open_store_in_thread);
}

/**
 * attune_session_retry_store:
 *
 * Tries again to open the progress store after it could not be opened
 * (another program had it locked, the disk was full…).
 */
void
attune_session_retry_store (AttuneSession *self)
{
  g_return_if_fail (ATTUNE_IS_SESSION (self));

  if (self->store_state != ATTUNE_SESSION_STORE_FAILED)
    return;
  g_clear_error (&self->store_error);
  self->store_state = ATTUNE_SESSION_STORE_CLOSED;
  attune_session_open_store (self);
}

/* Why saving is paused (recordings wait in memory and are retried), or
 * %NULL while everything is saved. */
const char *
attune_session_get_saving_problem (AttuneSession *self)
{
  g_return_val_if_fail (ATTUNE_IS_SESSION (self), NULL);
  return self->store != NULL ? attune_store_get_saving_message (self->store) : NULL;
}

AttuneSessionStoreState
attune_session_get_store_state (AttuneSession *self)
{
  g_return_val_if_fail (ATTUNE_IS_SESSION (self), ATTUNE_SESSION_STORE_CLOSED);
  return self->store_state;
}

/* The store, or %NULL until it is open (or when it cannot be). */
AttuneStore *
attune_session_get_store (AttuneSession *self)
{
  g_return_val_if_fail (ATTUNE_IS_SESSION (self), NULL);
  return self->store;
}

/* Why progress is not being saved, or %NULL when it is. */
const GError *
attune_session_get_store_error (AttuneSession *self)
{
  g_return_val_if_fail (ATTUNE_IS_SESSION (self), NULL);
  return self->store_error;
}

AttuneStoreOpenResult
attune_session_get_store_result (AttuneSession *self)
{
  g_return_val_if_fail (ATTUNE_IS_SESSION (self), ATTUNE_STORE_OPENED);
  return self->store_result;
}

gint64
attune_session_get_profile (AttuneSession *self)
{
  g_return_val_if_fail (ATTUNE_IS_SESSION (self), 0);
  return self->profile;
}

typedef struct
{
  gint64 profile;
} ActiveProfile;

static gpointer
remember_profile (AttuneStore   *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  ActiveProfile *active = data;

  return attune_store_set_active_profile (store, active->profile, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
profile_remembered (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (attune_store_call_finish (ATTUNE_STORE (source), result, &error) == NULL)
    g_warning ("Remembering the active profile failed: %s", error->message);
}

/* Switches to @profile, and remembers it for next time. */
void
attune_session_set_profile (AttuneSession *self,
                            gint64         profile)
{
  g_return_if_fail (ATTUNE_IS_SESSION (self));

  if (self->profile == profile)
    return;
  self->profile = profile;
  if (self->store != NULL)
    {
      ActiveProfile *active = g_new (ActiveProfile, 1);

      active->profile = profile;
      attune_store_call_async (self->store, remember_profile, active, g_free, NULL, NULL, profile_remembered, NULL);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
  attune_session_progress_changed (self);
}

/* Something was recorded or changed: views showing progress refresh. */
void
attune_session_progress_changed (AttuneSession *self)
{
  g_return_if_fail (ATTUNE_IS_SESSION (self));
  if (self->lrs != NULL)
    attune_lrs_service_queue_changed (self->lrs);
  g_signal_emit (self, signals[PROGRESS_CHANGED], 0);
}

/* The background sync to a learning record store, or %NULL until the
 * progress store is open. */
AttuneLrsService *
attune_session_get_lrs_service (AttuneSession *self)
{
  g_return_val_if_fail (ATTUNE_IS_SESSION (self), NULL);
  return self->lrs;
}

/* A practice has writes on their way to the disk: shutdown waits for them. */
void
attune_session_hold_writes (AttuneSession *self)
{
  g_return_if_fail (ATTUNE_IS_SESSION (self));
  self->writes_held++;
}

void
attune_session_release_writes (AttuneSession *self)
{
  g_return_if_fail (ATTUNE_IS_SESSION (self));
  g_return_if_fail (self->writes_held > 0);
  self->writes_held--;
}

static gboolean
give_up (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * attune_session_shutdown:
 *
 * Cancels loading and waits for it, for the store to finish opening, and
 * for every write queued on the store: libxml2 frees its global tables
 * when the process exits, and no decision may be lost.
 */
void
attune_session_shutdown (AttuneSession *self)
{
  g_return_if_fail (ATTUNE_IS_SESSION (self));

  g_cancellable_cancel (self->load_cancellable);
  if (self->lrs != NULL)
    attune_lrs_service_shutdown (self->lrs);
  while (self->loads_in_flight > 0 || self->store_state == ATTUNE_SESSION_STORE_OPENING)
    g_main_context_iteration (NULL, TRUE);
  if (self->writes_held > 0 && self->store != NULL)
    {
      /* Decisions on their way to the disk; while saving is paused (the
       * file locked by another program, say) wait a little, not for ever. */
      gboolean late = FALSE;
      guint timeout = g_timeout_add_seconds (10, give_up, &late);

      while (self->writes_held > 0 && !late)
        g_main_context_iteration (NULL, TRUE);
      if (late)
        g_warning ("Quitting with practice not yet saved: the progress file did not accept it in time");
      else
        g_source_remove (timeout);
    }
  if (self->store != NULL)
    {
      g_autoptr(GError) error = NULL;

      attune_store_drain (self->store);
      /* The worker is idle now. A last try for anything still waiting to
       * be saved, then the backup taken at quit. */
      if (!attune_store_retry (self->store))
        g_message ("Quitting while saving is paused: %s", attune_store_get_saving_error (self->store)->message);
      if (!attune_store_backup_at_quit (self->store, &error))
        g_message ("The backup at quit failed: %s", error->message);
    }
}
