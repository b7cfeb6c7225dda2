/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneProgressModel: the learner's progress, for every view that shows
 * it: the Progress view's report, what to practise next, the status of a
 * lesson, the profiles. It is the one place these are computed. It reads
 * the store on the store's worker thread and completes the report on the
 * GTK thread from the per-strategy sums, so a refresh never waits on the
 * disk; "changed" says a new report is in.
 *
 * It also carries out what the Progress view asks for on the store:
 * creating, renaming and deleting profiles, and exports, which can be
 * cancelled (cancelling stops the statement; SQLite rolls back).
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "attune-progress-model.h"

struct _AttuneProgressModel
{
  GObject parent_instance;

  AttuneSession *session;
  AttuneProgressReport *report;    /* NULL until read, or without a store */
  GPtrArray *profiles;             /* AttuneProfileRecord */
  char *error;
  guint generation;                /* drops a refresh overtaken by another */
  gint64 now;                      /* 0: the real clock */
  guint refresh_source;
};

G_DEFINE_FINAL_TYPE (AttuneProgressModel, attune_progress_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  gint64 profile;
  gint64 now;
  AttuneProgressReport *report;
  GPtrArray *profiles;
} Reading;

static void
reading_free (Reading *reading)
{
  g_clear_pointer (&reading->report, attune_progress_report_free);
  g_clear_pointer (&reading->profiles, g_ptr_array_unref);
  g_free (reading);
}

/* On the store's worker thread. */
static gpointer
read_progress (AttuneStore   *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  Reading *reading = data;

  reading->profiles = attune_store_list_profiles (store, error);
  if (reading->profiles == NULL)
    return NULL;
  reading->report = attune_progress_report_read (store, reading->profile, reading->now, error);
  return reading->report != NULL ? GINT_TO_POINTER (TRUE) : NULL;
}

typedef struct
{
  AttuneProgressModel *self;
  guint generation;
  Reading *reading;
} Refresh;

static void
progress_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Refresh *refresh = user_data;
  g_autoptr(AttuneProgressModel) self = refresh->self;
  Reading *reading = refresh->reading;
  g_autoptr(GError) error = NULL;

  if (attune_store_call_finish (ATTUNE_STORE (source), result, &error) == NULL)
    {
      if (refresh->generation == self->generation)
        {
          g_warning ("Reading progress failed: %s", error->message);
          g_free (self->error);
          self->error = g_strdup (error->message);
          g_signal_emit (self, signals[CHANGED], 0);
        }
    }
  else if (refresh->generation == self->generation)
    {
      attune_progress_report_complete (reading->report, attune_session_get_library (self->session));
      g_clear_pointer (&self->report, attune_progress_report_free);
      g_clear_pointer (&self->profiles, g_ptr_array_unref);
      g_clear_pointer (&self->error, g_free);
      self->report = g_steal_pointer (&reading->report);
      self->profiles = g_steal_pointer (&reading->profiles);
      g_signal_emit (self, signals[CHANGED], 0);
    }
  g_free (refresh);
}

static gboolean
refresh_now (gpointer data)
{
  AttuneProgressModel *self = data;
  AttuneStore *store = attune_session_get_store (self->session);
  gint64 profile = attune_session_get_profile (self->session);
  Refresh *refresh;
  Reading *reading;

  self->refresh_source = 0;
  self->generation++;
  if (store == NULL || profile == 0 || !attune_library_get_loaded (attune_session_get_library (self->session)))
    {
      gboolean had = self->report != NULL;

      g_clear_pointer (&self->report, attune_progress_report_free);
      if (had)
        g_signal_emit (self, signals[CHANGED], 0);
      return G_SOURCE_REMOVE;
    }
  reading = g_new0 (Reading, 1);
  reading->profile = profile;
  reading->now = self->now != 0 ? self->now : g_get_real_time ();
  refresh = g_new0 (Refresh, 1);
  refresh->self = g_object_ref (self);
  refresh->generation = self->generation;
  refresh->reading = reading;
  attune_store_call_async (store, read_progress, reading, (GDestroyNotify) reading_free, NULL,
                           NULL, progress_read, refresh);
  return G_SOURCE_REMOVE;
}

/**
 * attune_progress_model_refresh:
 *
 * Reads progress again, soon: several reasons to refresh at once (a
 * decision recorded, a profile switched) make one read.
 */
void
attune_progress_model_refresh (AttuneProgressModel *self)
{
  g_return_if_fail (ATTUNE_IS_PROGRESS_MODEL (self));

  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_now, self);
}

static void
attune_progress_model_dispose (GObject *object)
{
  AttuneProgressModel *self = ATTUNE_PROGRESS_MODEL (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (attune_session_get_library (self->session), self);
      g_signal_handlers_disconnect_by_data (self->session, self);
    }
  g_clear_object (&self->session);
  G_OBJECT_CLASS (attune_progress_model_parent_class)->dispose (object);
}

static void
attune_progress_model_finalize (GObject *object)
{
  AttuneProgressModel *self = ATTUNE_PROGRESS_MODEL (object);

  g_clear_pointer (&self->report, attune_progress_report_free);
  g_clear_pointer (&self->profiles, g_ptr_array_unref);
  g_free (self->error);
  G_OBJECT_CLASS (attune_progress_model_parent_class)->finalize (object);
}

static void
attune_progress_model_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  AttuneProgressModel *self = ATTUNE_PROGRESS_MODEL (object);

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
attune_progress_model_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  AttuneProgressModel *self = ATTUNE_PROGRESS_MODEL (object);

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
attune_progress_model_constructed (GObject *object)
{
  AttuneProgressModel *self = ATTUNE_PROGRESS_MODEL (object);

  G_OBJECT_CLASS (attune_progress_model_parent_class)->constructed (object);
  g_return_if_fail (self->session != NULL);
  g_signal_connect_object (self->session, "progress-changed", G_CALLBACK (attune_progress_model_refresh),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::profile", G_CALLBACK (attune_progress_model_refresh),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::store-state", G_CALLBACK (attune_progress_model_refresh),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (attune_session_get_library (self->session), "notify::loaded",
                           G_CALLBACK (attune_progress_model_refresh), self, G_CONNECT_SWAPPED);
  attune_progress_model_refresh (self);
}

static void
attune_progress_model_class_init (AttuneProgressModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = attune_progress_model_dispose;
  object_class->finalize = attune_progress_model_finalize;
  object_class->get_property = attune_progress_model_get_property;
  object_class->set_property = attune_progress_model_set_property;
  object_class->constructed = attune_progress_model_constructed;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ATTUNE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AttuneProgressModel::changed:
   *
   * A new report is in, or it could not be read (see get_error()).
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
attune_progress_model_init (AttuneProgressModel *self)
{
}

AttuneProgressModel *
attune_progress_model_new (AttuneSession *session)
{
  return g_object_new (ATTUNE_TYPE_PROGRESS_MODEL, "session", session, NULL);
}

AttuneSession *
attune_progress_model_get_session (AttuneProgressModel *self)
{
  g_return_val_if_fail (ATTUNE_IS_PROGRESS_MODEL (self), NULL);
  return self->session;
}

AttuneLibrary *
attune_progress_model_get_library (AttuneProgressModel *self)
{
  g_return_val_if_fail (ATTUNE_IS_PROGRESS_MODEL (self), NULL);
  return attune_session_get_library (self->session);
}

/* For tests and screenshots: judge progress as of @now (µs; 0 for the
 * real clock), and read it again. */
void
attune_progress_model_set_now (AttuneProgressModel *self,
                               gint64               now)
{
  g_return_if_fail (ATTUNE_IS_PROGRESS_MODEL (self));

  self->now = now;
  attune_progress_model_refresh (self);
}

/* The latest report, or %NULL before the first is read (or without a store). */
AttuneProgressReport *
attune_progress_model_get_report (AttuneProgressModel *self)
{
  g_return_val_if_fail (ATTUNE_IS_PROGRESS_MODEL (self), NULL);
  return self->report;
}

/* Every profile (AttuneProfileRecord), or %NULL before the first report. */
GPtrArray *
attune_progress_model_get_profiles (AttuneProgressModel *self)
{
  g_return_val_if_fail (ATTUNE_IS_PROGRESS_MODEL (self), NULL);
  return self->profiles;
}

/* Why the last refresh failed, or %NULL. */
const char *
attune_progress_model_get_error (AttuneProgressModel *self)
{
  g_return_val_if_fail (ATTUNE_IS_PROGRESS_MODEL (self), NULL);
  return self->error;
}

/* A lesson page's status line, or %NULL while nothing is known. */
char *
attune_progress_model_describe_lesson (AttuneProgressModel *self,
                                       const char          *lesson)
{
  g_return_val_if_fail (ATTUNE_IS_PROGRESS_MODEL (self), NULL);

  if (self->report == NULL)
    return NULL;
  return attune_progress_report_describe_lesson (self->report, lesson);
}

typedef struct
{
  gint64 profile;
  char *name;
  AttuneExportFormat format;
  GFile *file;
} Request;

static void
request_free (Request *request)
{
  g_free (request->name);
  g_clear_object (&request->file);
  g_free (request);
}

static Request *
request_new (AttuneProgressModel *self)
{
  Request *request = g_new0 (Request, 1);

  request->profile = attune_session_get_profile (self->session);
  return request;
}

static gpointer
mark_read (AttuneStore   *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Request *request = data;

  return attune_store_mark_lesson_read (store, request->profile, request->name, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
marked_read (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (attune_store_call_finish (ATTUNE_STORE (source), result, &error) == NULL)
    g_warning ("Noting a lesson as read failed: %s", error->message);
}

/* Notes that @lesson was read; the status already shown stays as it is. */
void
attune_progress_model_mark_lesson_read (AttuneProgressModel *self,
                                        const char          *lesson)
{
  AttuneStore *store;
  Request *request;

  g_return_if_fail (ATTUNE_IS_PROGRESS_MODEL (self));

  store = attune_session_get_store (self->session);
  if (store == NULL || attune_session_get_profile (self->session) == 0)
    return;
  if (self->report != NULL && self->report->profile == attune_session_get_profile (self->session))
    g_hash_table_add (self->report->lessons_read, g_strdup (lesson));
  request = request_new (self);
  request->name = g_strdup (lesson);
  attune_store_call_async (store, mark_read, request, (GDestroyNotify) request_free, NULL, NULL, marked_read, NULL);
}

/* Store operations: each runs on the worker, then finishes a task of ours
 * on the GTK thread, where the session learns of the change. */
typedef enum { OP_CREATE, OP_RENAME, OP_DELETE, OP_EXPORT } Op;

static gpointer
run_op (AttuneStore   *store,
        gpointer       data,
        GCancellable  *cancellable,
        GError       **error)
{
  GTask *task = data;
  Request *request = g_task_get_task_data (task);
  Op op = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "op"));
  gint64 *id = g_new0 (gint64, 1);

  switch (op)
    {
    case OP_CREATE:
      *id = attune_store_create_profile (store, request->name, error);
      break;
    case OP_RENAME:
      *id = attune_store_rename_profile (store, request->profile, request->name, error) ? request->profile : 0;
      break;
    case OP_DELETE:
      if (attune_store_delete_profile (store, request->profile, error))
        {
          g_autoptr(GPtrArray) left = attune_store_list_profiles (store, error);

          if (left != NULL && left->len > 0)
            *id = ((AttuneProfileRecord *) left->pdata[0])->id;
          else if (left != NULL)
            *id = attune_store_create_profile (store, C_("profile name", "Learner"), error);
        }
      break;
    case OP_EXPORT:
      {
        g_autofree char *text = attune_export_progress (store, request->profile, request->format, error);

        if (text != NULL && !g_cancellable_is_cancelled (cancellable) &&
            g_file_replace_contents (request->file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_NONE,
                                     NULL, cancellable, error))
          *id = request->profile;
      }
      break;
    default:
      g_assert_not_reached ();
    }
  if (*id == 0)
    {
      g_free (id);
      return NULL;
    }
  return id;
}

static void
op_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AttuneProgressModel *self = g_task_get_source_object (task);
  Op op = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "op"));
  GError *error = NULL;
  g_autofree gint64 *id = attune_store_call_finish (ATTUNE_STORE (source), result, &error);

  if (id == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (op == OP_CREATE || op == OP_DELETE)
    attune_session_set_profile (self->session, *id);
  if (op != OP_EXPORT)
    attune_session_progress_changed (self->session);
  g_task_return_boolean (task, TRUE);
}

static void
start_op (AttuneProgressModel *self,
          Op                   op,
          Request             *request,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  AttuneStore *store = attune_session_get_store (self->session);

  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_object_set_data (G_OBJECT (task), "op", GINT_TO_POINTER (op));
  if (store == NULL)
    {
      g_task_return_new_error (task, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED,
                               "%s", _("Your progress file is not open."));
      return;
    }
  attune_store_call_async (store, run_op, g_object_ref (task), g_object_unref, g_free, cancellable,
                           op_done, g_object_ref (task));
}

/* Creates a profile called @name and switches to it. */
void
attune_progress_model_create_profile_async (AttuneProgressModel *self,
                                            const char          *name,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  Request *request = request_new (self);

  request->name = g_strdup (name);
  start_op (self, OP_CREATE, request, NULL, callback, user_data);
}

/* Renames the active profile. */
void
attune_progress_model_rename_profile_async (AttuneProgressModel *self,
                                            const char          *name,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  Request *request = request_new (self);

  request->name = g_strdup (name);
  start_op (self, OP_RENAME, request, NULL, callback, user_data);
}

/* Deletes the active profile (after a backup) and switches to another. */
void
attune_progress_model_delete_profile_async (AttuneProgressModel *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  start_op (self, OP_DELETE, request_new (self), cancellable, callback, user_data);
}

/* Exports the active profile's progress to @file. */
void
attune_progress_model_export_async (AttuneProgressModel *self,
                                    AttuneExportFormat   format,
                                    GFile               *file,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  Request *request = request_new (self);

  request->format = format;
  request->file = g_object_ref (file);
  start_op (self, OP_EXPORT, request, cancellable, callback, user_data);
}

gboolean
attune_progress_model_finish (AttuneProgressModel  *self,
                              GAsyncResult         *result,
                              GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
