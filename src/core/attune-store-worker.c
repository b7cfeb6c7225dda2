/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneStore, continued: the serial worker. Every call the interface
 * makes to the store runs here, one at a time and in the order asked, on
 * one thread that is not the GTK thread: the window never waits on the
 * disk, and SQLite sees one user of the connection at a time. The
 * synchronous API remains for the command line and for tests.
 */
#include "config.h"

#ifdef __linux__
#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "attune-store-private.h"

/* How much lower than the GTK thread the worker runs (nice, added to the
 * process's own): when the CPU
 * is busy, a long export or backup waits rather than the next frame. */
#define WORKER_NICENESS 10

typedef struct
{
  AttuneStoreCall call;
  gpointer data;
  GDestroyNotify data_free;
  GDestroyNotify result_free;
} Job;

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

/* Cancelling a call stops the statement it is running: SQLite rolls back
 * and the call fails with "interrupted". */
static void
interrupt (GCancellable *cancellable,
           AttuneStore  *self)
{
  sqlite3_interrupt (self->db);
}

static void
run_job (gpointer task_pointer,
         gpointer pool_data)
{
  g_autoptr(GTask) task = task_pointer;
  AttuneStore *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;
  gpointer result;
  gulong handler = 0;
  static _Thread_local gboolean lowered;

  if (!lowered)
    {
#ifdef __linux__
      /* Linux gives each thread its own nice value. */
      id_t thread = (id_t) syscall (SYS_gettid);
      int nice_now = getpriority (PRIO_PROCESS, thread);

      if (setpriority (PRIO_PROCESS, thread, MIN (nice_now + WORKER_NICENESS, 19)) != 0)
        g_debug ("The store's worker keeps its priority: %s", g_strerror (errno));
#endif
      lowered = TRUE;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (cancellable != NULL && self->db != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (interrupt), self, NULL);
  result = job->call (self, job->data, cancellable, &error);
  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (&error);
      if (result != NULL && job->result_free != NULL)
        job->result_free (result);
      g_task_return_error_if_cancelled (task);
      return;
    }
  if (result == NULL)
    g_task_return_error (task, error != NULL ? error
                         : g_error_new_literal (ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED, "no result"));
  else
    g_task_return_pointer (task, result, job->result_free);
}

/* The worker is made on first use, and _attune_store_stop_worker() waits
 * for it to finish what it was given. */
static GThreadPool *
worker (AttuneStore *self)
{
  if (g_once_init_enter (&self->worker))
    {
      GThreadPool *pool = g_thread_pool_new (run_job, NULL, 1, FALSE, NULL);

      g_once_init_leave (&self->worker, pool);
    }
  return self->worker;
}

void
_attune_store_stop_worker (AttuneStore *self)
{
  if (self->worker != NULL)
    g_thread_pool_free (g_steal_pointer (&self->worker), FALSE, TRUE);
}

/**
 * attune_store_call_async:
 * @call: runs on the store's worker thread; returns a non-%NULL result, or
 *   %NULL with an error set
 * @data: (transfer full): given to @call, freed with @data_free
 * @result_free: frees what @call returns, if nobody takes it
 *
 * Queues @call behind every call queued before it. @callback runs on the
 * thread-default main context of the caller.
 */
void
attune_store_call_async (AttuneStore         *self,
                         AttuneStoreCall      call,
                         gpointer             data,
                         GDestroyNotify       data_free,
                         GDestroyNotify       result_free,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (ATTUNE_IS_STORE (self));

  job->call = call;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attune_store_call_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_thread_pool_push (worker (self), task, NULL);
}

/* The result of @call, or %NULL with @error set. */
gpointer
attune_store_call_finish (AttuneStore   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Blocks until everything queued so far has run: for shutdown and tests,
 * never for the interface. */
static gpointer
barrier (AttuneStore   *self,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  return GINT_TO_POINTER (TRUE);
}

static void
barrier_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
}

void
attune_store_drain (AttuneStore *self)
{
  gboolean done = FALSE;

  attune_store_call_async (self, barrier, NULL, NULL, NULL, NULL, barrier_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}
