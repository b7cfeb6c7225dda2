/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATTUNE_STORE_ERROR (attune_store_error_quark ())

typedef enum
{
  ATTUNE_STORE_ERROR_NEWER_VERSION,   /* written by a newer Attune; left untouched */
  ATTUNE_STORE_ERROR_CORRUPT,         /* damaged and no good backup to restore */
  ATTUNE_STORE_ERROR_READ_ONLY,       /* the folder or file cannot be written */
  ATTUNE_STORE_ERROR_FULL,            /* the disk is full */
  ATTUNE_STORE_ERROR_FAILED,
  ATTUNE_STORE_ERROR_NOT_FOUND,
  ATTUNE_STORE_ERROR_EXISTS,
  ATTUNE_STORE_ERROR_BUSY,            /* in use by another program (locked) */
  ATTUNE_STORE_ERROR_CANT_OPEN,       /* the file or its folder cannot be opened */
  ATTUNE_STORE_ERROR_IO,              /* the disk reported an error */
  ATTUNE_STORE_ERROR_FOREIGN_LOG,     /* a -wal from another database lies beside it */
} AttuneStoreError;

/* PRAGMA application_id of every progress file: "Attu". */
#define ATTUNE_STORE_APPLICATION_ID 0x41747475

/* What happened when the store was opened, for the window to tell. */
typedef enum
{
  ATTUNE_STORE_OPENED,
  ATTUNE_STORE_CREATED,
  ATTUNE_STORE_RESTORED,              /* the file was damaged; a backup was restored */
  ATTUNE_STORE_RESET,                 /* the file was damaged and there was no backup */
} AttuneStoreOpenResult;

typedef enum
{
  ATTUNE_ATTEMPT_COACH,
  ATTUNE_ATTEMPT_ASSESSMENT,
  ATTUNE_ATTEMPT_PRESENTER,
} AttuneAttemptMode;

/* What the learner had seen before an attempt, which decides how much its
 * evidence counts (see attune-mastery.h). */
typedef enum
{
  ATTUNE_ATTEMPT_FIRST,               /* a fresh attempt */
  ATTUNE_ATTEMPT_RETRY,               /* after the feedback on this scenario */
  ATTUNE_ATTEMPT_RETRY_AFTER_EXPERT,  /* after the expert path was shown */
} AttuneAttemptKind;

/* A fresh attempt at a scenario started less than this long after the
 * last one is a retry: its feedback is still fresh. */
#define ATTUNE_RETRY_WINDOW_HOURS 12

/* One piece of evidence a choice gave, as recorded. */
typedef struct
{
  const char *strategy;
  int weight;
} AttuneStoreEvidence;

/* One row of evidence read back for mastery. */
typedef struct
{
  char *strategy;
  int weight;
  gint64 at;                          /* microseconds since the epoch, UTC */
  double credit;                      /* how much its attempt counts, 0..1 */
  char *scenario;
} AttuneEvidenceRecord;

typedef struct
{
  gint64 id;
  char *name;
} AttuneProfileRecord;

/* What mastery needs to know about one strategy, summed over its evidence. */
typedef struct
{
  char *strategy;
  double good;           /* recency- and credit-weighted sum of positive weights */
  double bad;            /* the same for negative weights, positive */
  double raw;            /* good + bad before ageing, for "due for review" */
  guint count;
  gint64 last_at;
  guint good_scenarios;  /* distinct role-plays with positive evidence at full credit */
  guint good_days;       /* distinct local days with positive evidence at full credit,
                            at most ATTUNE_STATS_MAX_DAYS */
} AttuneStrategyStats;

#define ATTUNE_STATS_MAX_DAYS 16

typedef struct
{
  gint64 id;
  gint64 profile;
  char *scenario;
  char *mode;
  gint64 started_at;
  gint64 ended_at;       /* 0 while running */
  char *outcome;         /* NULL while running */
  int final_mood;
  guint n_choices;
  guint good_weight;     /* sum of positive evidence weights */
  guint total_weight;    /* sum of absolute evidence weights */
} AttuneAttemptRecord;

typedef struct
{
  gint64 id;
  gint64 attempt;
  guint seq;
  char *node;
  guint choice_index;    /* as authored */
  char *shown_order;     /* authored indexes in the order shown, "2,0,1"; NULL if not recorded */
  char *own_reply;       /* what the learner wrote first, or NULL */
  gint64 chosen_at;
  guint time_taken_ms;
  GArray *evidence;      /* AttuneStoreEvidence, strategy owned by the record */
} AttuneChoiceRecord;

typedef struct
{
  guint sessions_this_week;
  gint64 practised_us;   /* total time in finished or abandoned attempts */
} AttuneProgressSummary;

typedef struct
{
  gint64 week_start;     /* µs, Monday 00:00 UTC */
  guint good;            /* decisions whose evidence summed above zero */
  guint total;
} AttuneTrendPoint;

#define ATTUNE_STORE_SCHEMA_VERSION 6
#define ATTUNE_STORE_BACKUPS 3

#define ATTUNE_TYPE_STORE (attune_store_get_type ())
G_DECLARE_FINAL_TYPE (AttuneStore, attune_store, ATTUNE, STORE, GObject)

/* A call that runs on the store's worker thread (attune-store-worker.c). */
typedef gpointer (*AttuneStoreCall) (AttuneStore   *store,
                                     gpointer       data,
                                     GCancellable  *cancellable,
                                     GError       **error);

GQuark                attune_store_error_quark     (void);
void                  attune_store_call_async      (AttuneStore          *self,
                                                    AttuneStoreCall       call,
                                                    gpointer              data,
                                                    GDestroyNotify        data_free,
                                                    GDestroyNotify        result_free,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gpointer              attune_store_call_finish     (AttuneStore          *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void                  attune_store_drain           (AttuneStore          *self);
const char           *attune_store_get_saving_message (AttuneStore       *self);
gboolean              attune_store_reclaim_unfinished (AttuneStore       *self,
                                                    GError              **error);
double                attune_attempt_kind_get_credit (AttuneAttemptKind kind);
char                 *attune_store_default_path    (void);
AttuneStore          *attune_store_open            (const char           *path,
                                                    AttuneStoreOpenResult *result,
                                                    GError              **error);
AttuneStore          *attune_store_open_read_only  (const char           *path,
                                                    GError              **error);
const char           *attune_store_get_path        (AttuneStore          *self);
const char           *attune_store_get_damaged_copy (AttuneStore         *self);
const char           *attune_store_get_foreign_log (AttuneStore          *self);
guint                 attune_store_get_n_reclaimed (AttuneStore          *self);
gboolean              attune_store_backup          (AttuneStore          *self,
                                                    GError              **error);
gboolean              attune_store_backup_if_due   (AttuneStore          *self,
                                                    GError              **error);
gboolean              attune_store_backup_at_quit  (AttuneStore          *self,
                                                    GError              **error);

const GError         *attune_store_get_saving_error (AttuneStore         *self);
guint                 attune_store_get_n_pending   (AttuneStore          *self);
gboolean              attune_store_retry           (AttuneStore          *self);

gint64                attune_store_create_profile  (AttuneStore          *self,
                                                    const char           *name,
                                                    GError              **error);
gboolean              attune_store_rename_profile  (AttuneStore          *self,
                                                    gint64                profile,
                                                    const char           *name,
                                                    GError              **error);
gboolean              attune_store_delete_profile  (AttuneStore          *self,
                                                    gint64                profile,
                                                    GError              **error);
GPtrArray            *attune_store_list_profiles   (AttuneStore          *self,
                                                    GError              **error);
gint64                attune_store_find_profile    (AttuneStore          *self,
                                                    const char           *name);
gboolean              attune_store_set_active_profile (AttuneStore       *self,
                                                    gint64                profile,
                                                    GError              **error);
gint64                attune_store_get_active_profile (AttuneStore       *self);

gint64                attune_store_begin_attempt   (AttuneStore          *self,
                                                    gint64                profile,
                                                    const char           *scenario,
                                                    AttuneAttemptMode     mode,
                                                    GError              **error);
gint64                attune_store_begin_attempt_full (AttuneStore       *self,
                                                    gint64                profile,
                                                    const char           *scenario,
                                                    AttuneAttemptMode     mode,
                                                    AttuneAttemptKind     kind,
                                                    GError              **error);
gint64                attune_store_record_choice_full (AttuneStore       *self,
                                                    gint64                attempt,
                                                    const char           *node,
                                                    guint                 choice_index,
                                                    const guint8         *shown_order,
                                                    guint                 n_shown,
                                                    guint                 time_taken_ms,
                                                    const AttuneStoreEvidence *evidence,
                                                    guint                 n_evidence,
                                                    GError              **error);
gint64                attune_store_record_choice_with_own_reply (AttuneStore *self,
                                                    gint64                attempt,
                                                    const char           *node,
                                                    guint                 choice_index,
                                                    const guint8         *shown_order,
                                                    guint                 n_shown,
                                                    guint                 time_taken_ms,
                                                    const AttuneStoreEvidence *evidence,
                                                    guint                 n_evidence,
                                                    const char           *own_reply,
                                                    GError              **error);
double                attune_store_get_attempt_credit (AttuneStore       *self,
                                                    gint64                attempt);
gint64                attune_store_record_choice   (AttuneStore          *self,
                                                    gint64                attempt,
                                                    const char           *node,
                                                    guint                 choice_index,
                                                    guint                 time_taken_ms,
                                                    const AttuneStoreEvidence *evidence,
                                                    guint                 n_evidence,
                                                    GError              **error);
gboolean              attune_store_finish_attempt  (AttuneStore          *self,
                                                    gint64                attempt,
                                                    const char           *outcome,
                                                    int                   final_mood,
                                                    GError              **error);
gboolean              attune_store_abandon_attempt (AttuneStore          *self,
                                                    gint64                attempt,
                                                    GError              **error);
gboolean              attune_store_mark_lesson_read (AttuneStore         *self,
                                                    gint64                profile,
                                                    const char           *lesson,
                                                    GError              **error);
gboolean              attune_store_lesson_was_read (AttuneStore          *self,
                                                    gint64                profile,
                                                    const char           *lesson);
GPtrArray            *attune_store_get_evidence    (AttuneStore          *self,
                                                    gint64                profile,
                                                    GError              **error);
gint64                attune_store_count_choices   (AttuneStore          *self,
                                                    gint64                attempt);

GPtrArray            *attune_store_list_attempts   (AttuneStore          *self,
                                                    gint64                profile,
                                                    guint                 limit,
                                                    GError              **error);
GPtrArray            *attune_store_list_choices    (AttuneStore          *self,
                                                    gint64                attempt,
                                                    GError              **error);
gboolean              attune_store_get_summary     (AttuneStore          *self,
                                                    gint64                profile,
                                                    gint64                now,
                                                    AttuneProgressSummary *summary,
                                                    GError              **error);
GArray               *attune_store_get_trend       (AttuneStore          *self,
                                                    gint64                profile,
                                                    guint                 weeks,
                                                    gint64                now,
                                                    GError              **error);
GHashTable           *attune_store_get_lessons_read (AttuneStore         *self,
                                                    gint64                profile,
                                                    GError              **error);
GHashTable           *attune_store_get_last_played (AttuneStore          *self,
                                                    gint64                profile,
                                                    GError              **error);

GPtrArray            *attune_store_get_strategy_stats (AttuneStore       *self,
                                                    gint64                profile,
                                                    gint64                now,
                                                    gint64                utc_offset,
                                                    GError              **error);

struct _AttuneConversation;
struct _AttuneStep;
gint64                attune_store_record_step     (AttuneStore          *self,
                                                    gint64                attempt,
                                                    struct _AttuneStep   *step,
                                                    guint                 time_taken_ms,
                                                    GError              **error);
gboolean              attune_store_end_conversation (AttuneStore         *self,
                                                    gint64                attempt,
                                                    struct _AttuneConversation *conversation,
                                                    GError              **error);

void                  attune_evidence_record_free  (AttuneEvidenceRecord *record);
void                  attune_strategy_stats_free   (AttuneStrategyStats  *stats);
void                  attune_attempt_record_free   (AttuneAttemptRecord  *record);
void                  attune_choice_record_free    (AttuneChoiceRecord   *record);
void                  attune_profile_record_free   (AttuneProfileRecord  *record);

G_END_DECLS
