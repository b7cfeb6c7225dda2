/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttunePractice: the one recording path for a conversation, used by the
 * role-play and by presenter mode alike. It begins an attempt, records
 * each decision with the order its replies were shown in, and ends the
 * attempt with its outcome (or as abandoned), through the store's worker
 * thread, so that the interface never waits on the disk.
 *
 * One error policy: the store keeps a write it cannot save yet (the file
 * locked by another program, a full disk) in memory, in order, and
 * retries it (attune-store-pending.c); "not-saved-reason" says why saving
 * is paused and clears once it resumes. A write the worker could not even
 * queue is kept here and retried every few seconds. Nothing the learner saw as taken is
 * dropped. Writes asked for while the store is still opening wait for it.
 * When the store cannot be opened at all, or presenter mode is not set
 * to record, nothing is recorded and the reason (if any) says so.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attune-practice.h"

#define RETRY_SECONDS 2

/* One attempt, shared by its writes; its id is only touched on the
 * store's worker thread, where the writes run in order. */
typedef struct
{
  gint64 id;
  gint64 profile;
  char *scenario;
  AttuneAttemptMode mode;
  AttuneAttemptKind kind;
} Attempt;

static void
attempt_clear (Attempt *attempt)
{
  g_free (attempt->scenario);
}

typedef enum { WRITE_BEGIN, WRITE_CHOICE, WRITE_END } WriteKind;

typedef struct
{
  WriteKind kind;
  Attempt *attempt;                /* a reference (g_rc_box) */
  /* WRITE_CHOICE */
  char *node;
  guint choice_index;
  guint8 shown_order[ATTUNE_MAX_CHOICES];
  guint n_shown;
  guint time_taken_ms;
  GArray *evidence;                /* AttuneStoreEvidence, strategies owned */
  char *own_reply;                 /* written first by the learner, or NULL */
  /* WRITE_END */
  char *outcome;                   /* NULL: abandoned */
  int final_mood;
} Write;

static void
write_free (Write *write)
{
  g_rc_box_release_full (write->attempt, (GDestroyNotify) attempt_clear);
  g_free (write->node);
  g_free (write->own_reply);
  if (write->evidence != NULL)
    {
      for (guint i = 0; i < write->evidence->len; i++)
        g_free ((char *) g_array_index (write->evidence, AttuneStoreEvidence, i).strategy);
      g_array_unref (write->evidence);
    }
  g_free (write->outcome);
  g_free (write);
}

struct _AttunePractice
{
  GObject parent_instance;

  AttuneSession *session;
  Attempt *attempt;                /* the attempt being recorded, or NULL */
  GQueue pending;                  /* Write, not yet confirmed, in order */
  gboolean in_flight;              /* the head of pending is with the worker */
  guint retry_source;
  char *not_saved_reason;
  gboolean recording;
};

G_DEFINE_FINAL_TYPE (AttunePractice, attune_practice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_RECORDING,
  PROP_NOT_SAVED_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void send_next       (AttunePractice *self);
static void pending_emptied (AttunePractice *self);

static void
set_reason (AttunePractice *self,
            const char     *reason)
{
  if (g_strcmp0 (reason, self->not_saved_reason) == 0)
    return;
  g_free (self->not_saved_reason);
  self->not_saved_reason = g_strdup (reason);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOT_SAVED_REASON]);
}

static void
set_recording (AttunePractice *self,
               gboolean        recording)
{
  if (self->recording == recording)
    return;
  self->recording = recording;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORDING]);
}

/* Runs on the store's worker thread. */
static gpointer
run_write (AttuneStore   *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Write *write = data;
  Attempt *attempt = write->attempt;

  switch (write->kind)
    {
    case WRITE_BEGIN:
      if (attempt->id == 0)
        attempt->id = attune_store_begin_attempt_full (store, attempt->profile, attempt->scenario,
                                                       attempt->mode, attempt->kind, error);
      return attempt->id != 0 ? GINT_TO_POINTER (TRUE) : NULL;
    case WRITE_CHOICE:
      {
        gint64 choice = attune_store_record_choice_with_own_reply (store, attempt->id, write->node,
                                                                   write->choice_index, write->shown_order,
                                                                   write->n_shown, write->time_taken_ms,
                                                                   (AttuneStoreEvidence *) write->evidence->data,
                                                                   write->evidence->len, write->own_reply, error);

        return choice != 0 ? GINT_TO_POINTER (TRUE) : NULL;
      }
    case WRITE_END:
      if (write->outcome == NULL)
        return attune_store_abandon_attempt (store, attempt->id, error) ? GINT_TO_POINTER (TRUE) : NULL;
      return attune_store_finish_attempt (store, attempt->id, write->outcome, write->final_mood, error)
             ? GINT_TO_POINTER (TRUE) : NULL;
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
retry (gpointer data)
{
  AttunePractice *self = data;

  self->retry_source = 0;
  send_next (self);
  return G_SOURCE_REMOVE;
}

static void
written (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AttunePractice) self = user_data;
  g_autoptr(GError) error = NULL;
  Write *write;

  self->in_flight = FALSE;
  if (attune_store_call_finish (ATTUNE_STORE (source), result, &error) == NULL &&
      (g_error_matches (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND) ||
       g_error_matches (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_EXISTS)))
    {
      /* Not a passing problem: retrying would fail the same way. */
      g_warning ("A practice write was refused: %s", error->message);
    }
  else if (error != NULL)
    {
      /* Kept at the head of the queue, with everything after it. */
      g_message ("Saving practice is paused: %s", error->message);
      set_reason (self, error->message);
      if (self->retry_source == 0)
        self->retry_source = g_timeout_add_seconds (RETRY_SECONDS, retry, self);
      return;
    }
  write = g_queue_pop_head (&self->pending);
  if (write->kind == WRITE_END)
    attune_session_progress_changed (self->session);
  write_free (write);
  if (g_queue_is_empty (&self->pending))
    {
      pending_emptied (self);
      return;
    }
  send_next (self);
}

/* Sends the oldest unconfirmed write, once the store is open. */
static void
send_next (AttunePractice *self)
{
  AttuneStore *store = attune_session_get_store (self->session);
  Write *write = g_queue_peek_head (&self->pending);

  if (write == NULL || self->in_flight || self->retry_source != 0 || store == NULL)
    return;
  /* Begun before the store had opened (a deep link at start-up): the
   * profile is known now. */
  if (write->kind == WRITE_BEGIN && write->attempt->profile <= 0)
    write->attempt->profile = attune_session_get_profile (self->session);
  self->in_flight = TRUE;
  /* The queue keeps the write; the worker only borrows it. */
  attune_store_call_async (store, run_write, write, NULL, NULL, NULL, written, g_object_ref (self));
}

/* The store keeps what it cannot save yet and retries; say so meanwhile. */
static void
saving_problem_changed (AttunePractice *self)
{
  set_reason (self, attune_session_get_saving_problem (self->session));
}

static void
store_state_changed (AttunePractice *self)
{
  switch (attune_session_get_store_state (self->session))
    {
    case ATTUNE_SESSION_STORE_OPEN:
      send_next (self);
      break;
    case ATTUNE_SESSION_STORE_FAILED:
      /* Nothing can be saved this session: say why, keep nothing. */
      set_recording (self, FALSE);
      if (!g_queue_is_empty (&self->pending))
        {
          g_queue_clear_full (&self->pending, (GDestroyNotify) write_free);
          attune_session_release_writes (self->session);
          g_object_unref (self);
        }
      set_reason (self, attune_session_get_store_error (self->session)->message);
      break;
    case ATTUNE_SESSION_STORE_CLOSED:
    case ATTUNE_SESSION_STORE_OPENING:
    default:
      break;
    }
}

/* While writes wait, the practice keeps itself alive, so that closing a
 * window never drops a decision still on its way to the disk. */
static void
queue_write (AttunePractice *self,
             Write          *write)
{
  write->attempt = g_rc_box_acquire (self->attempt);
  if (g_queue_is_empty (&self->pending))
    {
      g_object_ref (self);
      attune_session_hold_writes (self->session);
    }
  g_queue_push_tail (&self->pending, write);
  send_next (self);
}

static void
pending_emptied (AttunePractice *self)
{
  /* Handed to the store; it may still be holding them while paused. */
  set_reason (self, attune_session_get_saving_problem (self->session));
  attune_session_release_writes (self->session);
  g_object_unref (self);
}

static void
attune_practice_dispose (GObject *object)
{
  AttunePractice *self = ATTUNE_PRACTICE (object);

  g_clear_handle_id (&self->retry_source, g_source_remove);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (attune_practice_parent_class)->dispose (object);
}

static void
attune_practice_finalize (GObject *object)
{
  AttunePractice *self = ATTUNE_PRACTICE (object);

  if (!g_queue_is_empty (&self->pending))
    g_warning ("%u practice writes could not be saved", g_queue_get_length (&self->pending));
  g_queue_clear_full (&self->pending, (GDestroyNotify) write_free);
  if (self->attempt != NULL)
    g_rc_box_release_full (self->attempt, (GDestroyNotify) attempt_clear);
  g_free (self->not_saved_reason);
  G_OBJECT_CLASS (attune_practice_parent_class)->finalize (object);
}

static void
attune_practice_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AttunePractice *self = ATTUNE_PRACTICE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_RECORDING:
      g_value_set_boolean (value, self->recording);
      break;
    case PROP_NOT_SAVED_REASON:
      g_value_set_string (value, self->not_saved_reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_practice_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AttunePractice *self = ATTUNE_PRACTICE (object);

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
attune_practice_constructed (GObject *object)
{
  AttunePractice *self = ATTUNE_PRACTICE (object);

  G_OBJECT_CLASS (attune_practice_parent_class)->constructed (object);
  g_return_if_fail (self->session != NULL);
  g_signal_connect_object (self->session, "notify::store-state", G_CALLBACK (store_state_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::saving-problem", G_CALLBACK (saving_problem_changed),
                           self, G_CONNECT_SWAPPED);
}

static void
attune_practice_class_init (AttunePracticeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = attune_practice_dispose;
  object_class->finalize = attune_practice_finalize;
  object_class->get_property = attune_practice_get_property;
  object_class->set_property = attune_practice_set_property;
  object_class->constructed = attune_practice_constructed;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ATTUNE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORDING] =
    g_param_spec_boolean ("recording", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOT_SAVED_REASON] =
    g_param_spec_string ("not-saved-reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
attune_practice_init (AttunePractice *self)
{
  g_queue_init (&self->pending);
}

AttunePractice *
attune_practice_new (AttuneSession *session)
{
  return g_object_new (ATTUNE_TYPE_PRACTICE, "session", session, NULL);
}

AttuneSession *
attune_practice_get_session (AttunePractice *self)
{
  g_return_val_if_fail (ATTUNE_IS_PRACTICE (self), NULL);
  return self->session;
}

AttuneLibrary *
attune_practice_get_library (AttunePractice *self)
{
  g_return_val_if_fail (ATTUNE_IS_PRACTICE (self), NULL);
  return attune_session_get_library (self->session);
}

GSettings *
attune_practice_get_settings (AttunePractice *self)
{
  g_return_val_if_fail (ATTUNE_IS_PRACTICE (self), NULL);
  return attune_session_get_settings (self->session);
}

/**
 * attune_practice_begin:
 * @kind: what the learner had seen before (retries count less)
 *
 * Ends the attempt being recorded, if any, and begins one for
 * @conversation. Presenter mode records only when the trainer turned that
 * on in Preferences.
 */
void
attune_practice_begin (AttunePractice     *self,
                       AttuneConversation *conversation,
                       AttuneAttemptMode   mode,
                       AttuneAttemptKind   kind)
{
  GSettings *settings = attune_session_get_settings (self->session);
  AttuneSessionStoreState state = attune_session_get_store_state (self->session);
  Write *write;

  g_return_if_fail (ATTUNE_IS_PRACTICE (self));

  if (self->attempt != NULL)
    g_warning ("An attempt began before the last one ended");
  if (self->attempt != NULL)
    g_rc_box_release_full (g_steal_pointer (&self->attempt), (GDestroyNotify) attempt_clear);

  if (mode == ATTUNE_ATTEMPT_PRESENTER && (settings == NULL || !g_settings_get_boolean (settings, "presenter-records")))
    {
      set_recording (self, FALSE);
      return;
    }
  if (state == ATTUNE_SESSION_STORE_FAILED)
    {
      set_reason (self, attune_session_get_store_error (self->session)->message);
      set_recording (self, FALSE);
      return;
    }
  if (state == ATTUNE_SESSION_STORE_CLOSED)
    attune_session_open_store (self->session);

  self->attempt = g_rc_box_new0 (Attempt);
  self->attempt->profile = attune_session_get_profile (self->session);
  self->attempt->scenario = g_strdup (attune_scenario_get_id (attune_conversation_get_scenario (conversation)));
  self->attempt->mode = mode;
  self->attempt->kind = kind;
  write = g_new0 (Write, 1);
  write->kind = WRITE_BEGIN;
  queue_write (self, write);
  set_recording (self, TRUE);
}

/* Records @step, the decision just taken in the attempt being recorded. */
void
attune_practice_record (AttunePractice *self,
                        AttuneStep     *step,
                        guint           time_taken_ms)
{
  attune_practice_record_with_own_reply (self, step, time_taken_ms, NULL);
}

/**
 * attune_practice_record_with_own_reply:
 * @own_reply: (nullable): what the learner wrote before the replies showed
 *
 * Like attune_practice_record(), keeping @own_reply with the decision.
 */
void
attune_practice_record_with_own_reply (AttunePractice *self,
                                       AttuneStep     *step,
                                       guint           time_taken_ms,
                                       const char     *own_reply)
{
  Write *write;

  g_return_if_fail (ATTUNE_IS_PRACTICE (self));

  if (self->attempt == NULL)
    return;
  write = g_new0 (Write, 1);
  write->kind = WRITE_CHOICE;
  write->node = g_strdup (step->node->id);
  write->choice_index = step->choice_index;
  memcpy (write->shown_order, step->shown_order, sizeof write->shown_order);
  write->n_shown = step->n_shown;
  write->time_taken_ms = time_taken_ms;
  write->own_reply = own_reply != NULL && *own_reply != '\0' ? g_strdup (own_reply) : NULL;
  write->evidence = g_array_new (FALSE, FALSE, sizeof (AttuneStoreEvidence));
  for (guint k = 0; k < step->choice->evidence->len; k++)
    {
      AttuneEvidence *e = g_ptr_array_index (step->choice->evidence, k);
      AttuneStoreEvidence record = { g_strdup (e->strategy), e->weight };

      g_array_append_val (write->evidence, record);
    }
  queue_write (self, write);
}

/**
 * attune_practice_end:
 *
 * Ends the attempt being recorded as its conversation stands: finished
 * with its outcome and final mood, or abandoned. "progress-changed"
 * follows on the session once it is written.
 */
void
attune_practice_end (AttunePractice     *self,
                     AttuneConversation *conversation)
{
  AttuneScenarioEnding *ending;
  Write *write;

  g_return_if_fail (ATTUNE_IS_PRACTICE (self));

  if (self->attempt == NULL)
    return;
  ending = attune_conversation_get_ending (conversation);
  write = g_new0 (Write, 1);
  write->kind = WRITE_END;
  if (ending != NULL)
    {
      write->outcome = g_strdup (attune_outcome_get_id (ending->outcome));
      write->final_mood = attune_conversation_get_mood (conversation);
    }
  queue_write (self, write);
  g_rc_box_release_full (g_steal_pointer (&self->attempt), (GDestroyNotify) attempt_clear);
}

/* Whether the attempt under way is being recorded. */
gboolean
attune_practice_get_recording (AttunePractice *self)
{
  g_return_val_if_fail (ATTUNE_IS_PRACTICE (self), FALSE);
  return self->recording;
}

/* Why practice is not being saved just now, or %NULL when it is. */
const char *
attune_practice_get_not_saved_reason (AttunePractice *self)
{
  g_return_val_if_fail (ATTUNE_IS_PRACTICE (self), NULL);
  return self->not_saved_reason;
}

/* Writes not yet confirmed by the store. */
guint
attune_practice_get_n_pending (AttunePractice *self)
{
  g_return_val_if_fail (ATTUNE_IS_PRACTICE (self), 0);
  return g_queue_get_length (&self->pending);
}

/**
 * attune_practice_flush:
 *
 * Waits until every write has been confirmed, or has failed and waits for
 * a retry: for shutdown and tests, never for the interface.
 */
void
attune_practice_flush (AttunePractice *self)
{
  g_return_if_fail (ATTUNE_IS_PRACTICE (self));

  while ((self->in_flight || (!g_queue_is_empty (&self->pending) && self->retry_source == 0 &&
                              attune_session_get_store (self->session) != NULL)))
    g_main_context_iteration (NULL, TRUE);
}
