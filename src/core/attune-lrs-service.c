/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneLrsService: background sync to the learning record store.
 *
 * It syncs when an LRS is configured (GSettings lrs-endpoint and lrs-key,
 * the secret in the keyring) and GNetworkMonitor says the network is up:
 * at start, a little after something is recorded, when the network comes
 * back, and when the settings change. A failure that may pass (no answer,
 * a time-out, a 5xx) is retried after 30 s, then 1, 2, 4 … minutes, up to
 * an hour. The work runs on a worker thread with its own connection to
 * the progress file, one task at a time; the GTK thread only reads the
 * outcome. "changed" is emitted whenever describe() would say something
 * new.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-lrs-secret.h"
#include "attune-lrs-service.h"
#include "attune-lrs-sync.h"
#include "attune-store-queue.h"

#define SETTLE_SECONDS 2
#define FIRST_RETRY_SECONDS 30
#define LAST_RETRY_SECONDS 3600

struct _AttuneLrsService
{
  GObject parent_instance;

  GSettings *settings;
  GNetworkMonitor *monitor;
  GCancellable *cancellable;
  char *database;
  AttuneStore *store;         /* used by the worker thread only */

  gboolean busy;
  gboolean syncing;
  gboolean again;             /* something changed while busy */
  gboolean retry_refused;     /* offer refused statements again in the next sync */
  guint settle_id;
  guint retry_id;
  guint retry_seconds;

  /* What the last look at the queue found. */
  gboolean known;
  AttuneQueueStatus status;
  char *error;                /* this session's last sync error */
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AttuneLrsService, attune_lrs_service, G_TYPE_OBJECT)

static void start (AttuneLrsService *self, gboolean sync);

/* A store on this machine needs no network. */
static gboolean
can_reach (AttuneLrsService *self)
{
  g_autofree char *endpoint = g_settings_get_string (self->settings, "lrs-endpoint");

  return g_network_monitor_get_network_available (self->monitor) || attune_lrs_endpoint_is_loopback (endpoint);
}

static void
attune_lrs_service_dispose (GObject *object)
{
  AttuneLrsService *self = ATTUNE_LRS_SERVICE (object);

  attune_lrs_service_shutdown (self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->monitor);
  G_OBJECT_CLASS (attune_lrs_service_parent_class)->dispose (object);
}

static void
attune_lrs_service_finalize (GObject *object)
{
  AttuneLrsService *self = ATTUNE_LRS_SERVICE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_free (self->database);
  g_free (self->error);
  attune_queue_status_clear (&self->status);
  G_OBJECT_CLASS (attune_lrs_service_parent_class)->finalize (object);
}

static void
attune_lrs_service_class_init (AttuneLrsServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = attune_lrs_service_dispose;
  object_class->finalize = attune_lrs_service_finalize;

  /**
   * AttuneLrsService::changed:
   *
   * The queue, the last sync or whether a sync is running changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
attune_lrs_service_init (AttuneLrsService *self)
{
  self->cancellable = g_cancellable_new ();
  self->retry_seconds = FIRST_RETRY_SECONDS;
}

gboolean
attune_lrs_service_is_configured (AttuneLrsService *self)
{
  g_autofree char *endpoint = g_settings_get_string (self->settings, "lrs-endpoint");

  return *endpoint != '\0';
}

gboolean
attune_lrs_service_is_busy (AttuneLrsService *self)
{
  return self->syncing;
}

/* What the worker was given and what it found. */
typedef struct
{
  gboolean sync;
  gboolean retry_refused;
  char *endpoint;
  char *key;
  char *secret;
  gboolean ok;
  gboolean transient;
  char *error;
  AttuneQueueStatus status;
} Job;

static void
job_free (Job *job)
{
  g_free (job->endpoint);
  g_free (job->key);
  if (job->secret != NULL)
    memset (job->secret, 0, strlen (job->secret));
  g_free (job->secret);
  g_free (job->error);
  attune_queue_status_clear (&job->status);
  g_free (job);
}

static void
work (GTask        *task,
      gpointer      source,
      gpointer      data,
      GCancellable *cancellable)
{
  AttuneLrsService *self = source;
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) store_error = NULL;

  if (self->store == NULL)
    self->store = attune_store_open (self->database, NULL, &error);
  if (self->store == NULL)
    {
      job->error = g_strdup (error->message);
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (job->sync)
    {
      g_autoptr(AttuneLrsClient) client = attune_lrs_client_new (job->endpoint, job->key, job->secret, &error);
      AttuneLrsSyncReport report;

      attune_lrs_sync_report_init (&report);
      if (job->retry_refused && !attune_store_queue_retry_refused (self->store, &store_error))
        {
          g_message ("Could not offer refused statements again: %s", store_error->message);
          g_clear_error (&store_error);
        }
      job->ok = client != NULL && attune_lrs_sync (self->store, client, &report, cancellable, &error);
      if (!job->ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          job->transient = g_error_matches (error, ATTUNE_LRS_ERROR, ATTUNE_LRS_ERROR_UNAVAILABLE);
          job->error = g_strdup (error->message);
          if (!attune_store_queue_set_result (self->store, 0, job->error, &store_error))
            g_message ("Could not note the sync's result: %s", store_error->message);
        }
      else if (job->ok && !attune_store_queue_set_result (self->store, g_get_real_time (), NULL, &store_error))
        g_message ("Could not note the sync's result: %s", store_error->message);
      g_clear_error (&store_error);
      attune_lrs_sync_report_clear (&report);
    }
  if (!attune_store_queue_get_status (self->store, &job->status, &store_error))
    g_message ("Could not count the statements still queued: %s", store_error->message);
  g_task_return_boolean (task, TRUE);
}

static gboolean
retry_now (gpointer data)
{
  AttuneLrsService *self = data;

  self->retry_id = 0;
  attune_lrs_service_sync (self);
  return G_SOURCE_REMOVE;
}

static void
done (GObject      *source,
      GAsyncResult *result,
      gpointer      data)
{
  AttuneLrsService *self = ATTUNE_LRS_SERVICE (source);
  Job *job = g_task_get_task_data (G_TASK (result));

  self->busy = FALSE;
  self->syncing = FALSE;
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  attune_queue_status_clear (&self->status);
  self->status = job->status;
  memset (&job->status, 0, sizeof job->status);
  self->known = TRUE;
  if (job->sync)
    {
      g_clear_pointer (&self->error, g_free);
      self->error = g_steal_pointer (&job->error);
      g_clear_handle_id (&self->retry_id, g_source_remove);
      if (job->ok)
        self->retry_seconds = FIRST_RETRY_SECONDS;
      else if (job->transient)
        {
          self->retry_id = g_timeout_add_seconds (self->retry_seconds, retry_now, self);
          self->retry_seconds = MIN (self->retry_seconds * 2, LAST_RETRY_SECONDS);
        }
    }
  else if (job->error != NULL)
    {
      g_free (self->error);
      self->error = g_steal_pointer (&job->error);
    }
  g_signal_emit (self, signals[CHANGED], 0);

  if (self->again)
    {
      self->again = FALSE;
      start (self, TRUE);
    }
}

static void
run (AttuneLrsService *self,
     Job              *job)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, done, NULL);

  self->busy = TRUE;
  self->syncing = job->sync;
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, work);
  if (job->sync)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
secret_found (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(AttuneLrsService) self = data;
  g_autoptr(GError) error = NULL;
  Job *job = g_new0 (Job, 1);

  job->sync = TRUE;
  job->retry_refused = self->retry_refused;
  self->retry_refused = FALSE;
  job->secret = attune_lrs_secret_lookup_finish (result, &error);
  self->busy = FALSE;
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      job_free (job);
      return;
    }
  job->endpoint = g_settings_get_string (self->settings, "lrs-endpoint");
  job->key = g_settings_get_string (self->settings, "lrs-key");
  if (error != NULL || job->secret == NULL)
    {
      g_clear_pointer (&self->error, g_free);
      self->error = error != NULL
        ? g_strdup_printf (_("The keyring could not be read (%s). Unlock it, or enter the secret again in Preferences."), error->message)
        : g_strdup (_("The secret for the learning record store is not in the keyring. Enter it in Preferences."));
      job->sync = FALSE;
    }
  run (self, job);
}

/* Starts a look at the queue, or a sync (secret first, on this thread). */
static void
start (AttuneLrsService *self,
       gboolean          sync)
{
  g_autofree char *endpoint = g_settings_get_string (self->settings, "lrs-endpoint");
  g_autofree char *key = g_settings_get_string (self->settings, "lrs-key");

  if (self->busy)
    {
      self->again |= sync;
      return;
    }
  if (sync && (*endpoint == '\0' || !can_reach (self)))
    sync = FALSE;
  if (!sync)
    {
      run (self, g_new0 (Job, 1));
      return;
    }
  self->busy = TRUE;
  self->syncing = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
  attune_lrs_secret_lookup (endpoint, key, self->cancellable, secret_found, g_object_ref (self));
}

/* Syncs now if an LRS is set up and the network is up. */
void
attune_lrs_service_sync (AttuneLrsService *self)
{
  g_return_if_fail (ATTUNE_IS_LRS_SERVICE (self));
  start (self, TRUE);
}

/**
 * attune_lrs_service_sync_all:
 *
 * Sync Now: as attune_lrs_service_sync(), and statements the LRS refused
 * before are offered again (the organisation may have fixed its store).
 */
void
attune_lrs_service_sync_all (AttuneLrsService *self)
{
  g_return_if_fail (ATTUNE_IS_LRS_SERVICE (self));
  self->retry_refused = TRUE;
  start (self, TRUE);
}

static gboolean
settled (gpointer data)
{
  AttuneLrsService *self = data;

  self->settle_id = 0;
  start (self, attune_lrs_service_is_configured (self));
  return G_SOURCE_REMOVE;
}

/* Something was recorded: sync a moment later, once a burst has passed. */
void
attune_lrs_service_queue_changed (AttuneLrsService *self)
{
  g_return_if_fail (ATTUNE_IS_LRS_SERVICE (self));
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add_seconds (SETTLE_SECONDS, settled, self);
}

static void
network_changed (AttuneLrsService *self)
{
  if (g_network_monitor_get_network_available (self->monitor))
    {
      self->retry_seconds = FIRST_RETRY_SECONDS;
      attune_lrs_service_sync (self);
    }
  else
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
settings_changed (AttuneLrsService *self)
{
  self->retry_refused = TRUE;
  g_clear_pointer (&self->error, g_free);
  self->retry_seconds = FIRST_RETRY_SECONDS;
  g_clear_handle_id (&self->retry_id, g_source_remove);
  attune_lrs_service_sync (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * attune_lrs_service_new:
 * @settings: the application's settings (lrs-endpoint, lrs-key)
 * @database: the progress file
 */
AttuneLrsService *
attune_lrs_service_new (GSettings  *settings,
                        const char *database)
{
  AttuneLrsService *self = g_object_new (ATTUNE_TYPE_LRS_SERVICE, NULL);

  self->settings = g_object_ref (settings);
  self->database = g_strdup (database);
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_swapped (self->settings, "changed::lrs-endpoint", G_CALLBACK (settings_changed), self);
  g_signal_connect_swapped (self->settings, "changed::lrs-key", G_CALLBACK (settings_changed), self);
  g_signal_connect_swapped (self->monitor, "notify::network-available", G_CALLBACK (network_changed), self);
  if (attune_lrs_service_is_configured (self))
    start (self, TRUE);
  return self;
}

/**
 * attune_lrs_service_describe:
 *
 * One line in plain words for the Progress view: when records were last
 * sent, how many wait, and the last error. %NULL when no LRS is set up
 * and nothing is to be said.
 */
char *
attune_lrs_service_describe (AttuneLrsService *self)
{
  g_autofree char *when = NULL;
  guint waiting = self->status.pending;

  if (!attune_lrs_service_is_configured (self))
    return NULL;
  if (self->syncing)
    return g_strdup (_("Sending learning records to your organisation’s learning record store…"));
  if (self->status.last_synced > 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (self->status.last_synced / G_USEC_PER_SEC);
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);

      /* Translators: a date and time format, see g_date_time_format() */
      when = g_date_time_format (local, _("%e %B %Y at %H:%M"));
      g_strstrip (when);
    }
  if (self->error != NULL || (self->known && self->status.last_error != NULL))
    {
      const char *error = self->error != NULL ? self->error : self->status.last_error;

      if (when != NULL)
        /* Translators: the first %s is the reason, a whole sentence or two; the second a date and time */
        return g_strdup_printf (ngettext ("%s Last synced %s; %u record is waiting.",
                                          "%s Last synced %s; %u records are waiting.", waiting),
                                error, when, waiting);
      /* Translators: %s is the reason, a whole sentence or two; then the count */
      return g_strdup_printf (ngettext ("%s %u record is waiting.", "%s %u records are waiting.", waiting),
                              error, waiting);
    }
  if (!can_reach (self))
    return g_strdup_printf (ngettext ("Offline: %u learning record will be sent when the network is back.",
                                      "Offline: %u learning records will be sent when the network is back.", waiting),
                            waiting);
  if (self->status.refused > 0)
    return g_strdup_printf (ngettext ("The learning record store refused %u record; ask your organisation to check it.",
                                      "The learning record store refused %u records; ask your organisation to check them.",
                                      self->status.refused),
                            self->status.refused);
  if (when == NULL)
    return g_strdup_printf (ngettext ("Not synced yet: %u learning record is waiting.",
                                      "Not synced yet: %u learning records are waiting.", waiting),
                            waiting);
  if (waiting == 0)
    /* Translators: %s is a date and time */
    return g_strdup_printf (_("All learning records sent. Last synced %s."), when);
  /* Translators: %s is a date and time */
  return g_strdup_printf (ngettext ("Last synced %s; %u learning record is waiting.",
                                    "Last synced %s; %u learning records are waiting.", waiting),
                          when, waiting);
}

/* Stops syncing and waits for the worker, before the application quits. */
void
attune_lrs_service_shutdown (AttuneLrsService *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  while (self->busy)
    g_main_context_iteration (NULL, TRUE);
}
