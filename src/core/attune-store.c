/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneStore: the learner's progress, in one SQLite file that must never
 * lose what it has been told.
 *
 *  - WAL with synchronous=FULL: a call that recorded something has made it
 *    durable before it returns.
 *  - The schema is versioned with PRAGMA user_version; each migration runs
 *    in one transaction, after a backup. A file from a newer Attune is
 *    refused and left exactly as it was (nothing is written to it, not even
 *    the journal mode).
 *  - Every SQLite failure is classified (below): only SQLITE_CORRUPT,
 *    SQLITE_NOTADB or a quick_check other than "ok" mean damage. Opening,
 *    damage, foreign -wal files and read-only opening are in
 *    attune-store-open.c; backups in attune-store-backup.c; writes that
 *    cannot be saved yet wait in attune-store-pending.c.
 *  - Only prepared statements with bound parameters.
 */
#include "config.h"

#include <errno.h>
#include <sqlite3.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "attune-decay.h"
#include "attune-store-private.h"

/* A random (version 4) UUID, in SQL, for the migrations and triggers. */
#define ATTUNE_SQL_UUID \
  "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||" \
  " substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"

G_DEFINE_FINAL_TYPE (AttuneStore, attune_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (attune-store-error-quark, attune_store_error)

/* Decayed sums are kept relative to a reference time per row: a piece
 * of evidence at @at adds weight × credit × 2^((at − ref_at) / half-life),
 * and the reader multiplies by 2^((ref_at − now) / half-life). A row is
 * moved to a newer reference once evidence is ten years past its own, so
 * the sums stay far from overflow. */
#define ATTUNE_SQL_HALF_LIFE_US "(" G_STRINGIFY (ATTUNE_MASTERY_HALF_LIFE_DAYS) " * 86400000000.0)"
#define ATTUNE_SQL_REBASE_US "315360000000000"
#define ATTUNE_SQL_SLOT_US G_STRINGIFY (ATTUNE_STORE_SLOT_US)

#define ATTUNE_STORE_TOTALS_SQL \
  /* Per profile and strategy: mastery's sums. */ \
  "CREATE TABLE strategy_total (" \
  "  profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE," \
  "  strategy_id TEXT NOT NULL," \
  "  ref_at INTEGER NOT NULL," \
  "  good REAL NOT NULL," \
  "  bad REAL NOT NULL," \
  "  raw REAL NOT NULL," \
  "  n INTEGER NOT NULL," \
  "  last_at INTEGER NOT NULL," \
  "  PRIMARY KEY (profile_id, strategy_id)) WITHOUT ROWID;" \
  /* The role-plays that showed a strategy at full credit. */ \
  "CREATE TABLE strategy_scenario (" \
  "  profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE," \
  "  strategy_id TEXT NOT NULL," \
  "  scenario_id TEXT NOT NULL," \
  "  PRIMARY KEY (profile_id, strategy_id, scenario_id)) WITHOUT ROWID;" \
  /* The quarter-hours (UTC) in which a strategy was shown at full credit: \
   * every time zone's day is a whole number of them, so local days are \
   * counted from these exactly. */ \
  "CREATE TABLE strategy_slot (" \
  "  profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE," \
  "  strategy_id TEXT NOT NULL," \
  "  slot INTEGER NOT NULL," \
  "  PRIMARY KEY (profile_id, strategy_id, slot)) WITHOUT ROWID;" \
  /* Decisions and good decisions per day (UTC, as the weekly trend's \
   * weeks are). */ \
  "CREATE TABLE decision_day (" \
  "  profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE," \
  "  day INTEGER NOT NULL," \
  "  good INTEGER NOT NULL," \
  "  total INTEGER NOT NULL," \
  "  PRIMARY KEY (profile_id, day)) WITHOUT ROWID;" \
  /* When each role-play was last started, and the time practised. */ \
  "CREATE TABLE scenario_played (" \
  "  profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE," \
  "  scenario_id TEXT NOT NULL," \
  "  last_started INTEGER NOT NULL," \
  "  PRIMARY KEY (profile_id, scenario_id)) WITHOUT ROWID;" \
  /* Sessions this week from the index alone. */ \
  "DROP INDEX attempt_by_profile;" \
  "CREATE INDEX attempt_by_profile ON attempt (profile_id, started_at, ended_at, outcome);" \
  "CREATE TABLE profile_total (" \
  "  profile_id INTEGER PRIMARY KEY REFERENCES profile(id) ON DELETE CASCADE," \
  "  practised_us INTEGER NOT NULL);" \
  \
  /* Evidence, as it is recorded. */ \
  "CREATE TRIGGER evidence_totals AFTER INSERT ON evidence BEGIN" \
  "  INSERT INTO strategy_total (profile_id, strategy_id, ref_at, good, bad, raw, n, last_at)" \
  "   VALUES (NEW.profile_id, NEW.strategy_id, NEW.at," \
  "           CASE WHEN NEW.weight > 0 THEN NEW.weight * NEW.credit ELSE 0.0 END," \
  "           CASE WHEN NEW.weight < 0 THEN -NEW.weight * NEW.credit ELSE 0.0 END," \
  "           abs(NEW.weight) * NEW.credit, 1, NEW.at)" \
  "   ON CONFLICT (profile_id, strategy_id) DO UPDATE SET" \
  "    good = CASE WHEN excluded.ref_at - ref_at > " ATTUNE_SQL_REBASE_US \
  "           THEN good * pow(2.0, (ref_at - excluded.ref_at) / " ATTUNE_SQL_HALF_LIFE_US ") + excluded.good" \
  "           ELSE good + excluded.good * pow(2.0, (excluded.ref_at - ref_at) / " ATTUNE_SQL_HALF_LIFE_US ") END," \
  "    bad = CASE WHEN excluded.ref_at - ref_at > " ATTUNE_SQL_REBASE_US \
  "           THEN bad * pow(2.0, (ref_at - excluded.ref_at) / " ATTUNE_SQL_HALF_LIFE_US ") + excluded.bad" \
  "           ELSE bad + excluded.bad * pow(2.0, (excluded.ref_at - ref_at) / " ATTUNE_SQL_HALF_LIFE_US ") END," \
  "    ref_at = CASE WHEN excluded.ref_at - ref_at > " ATTUNE_SQL_REBASE_US " THEN excluded.ref_at ELSE ref_at END," \
  "    raw = raw + excluded.raw, n = n + 1, last_at = max(last_at, excluded.last_at);" \
  "  INSERT OR IGNORE INTO strategy_scenario (profile_id, strategy_id, scenario_id)" \
  "   SELECT NEW.profile_id, NEW.strategy_id, NEW.scenario_id WHERE NEW.weight > 0 AND NEW.credit >= 1.0;" \
  "  INSERT OR IGNORE INTO strategy_slot (profile_id, strategy_id, slot)" \
  "   SELECT NEW.profile_id, NEW.strategy_id, NEW.at / " ATTUNE_SQL_SLOT_US " WHERE NEW.weight > 0 AND NEW.credit >= 1.0;" \
  /* A decision is good when its weights add up to more than zero; its \
   * evidence arrives one row at a time, so each row corrects the count. */ \
  "  INSERT INTO decision_day (profile_id, day, good, total)" \
  "   SELECT NEW.profile_id, NEW.at / 86400000000," \
  "          (net > 0) - (earlier > 0 AND net - NEW.weight > 0), earlier = 0" \
  "   FROM (SELECT total(weight) AS net, count(*) - 1 AS earlier FROM evidence WHERE choice_id = NEW.choice_id) WHERE 1" \
  "   ON CONFLICT (profile_id, day) DO UPDATE SET good = good + excluded.good, total = total + excluded.total;" \
  "END;" \
  /* Attempts, as they start and end. */ \
  "CREATE TRIGGER attempt_totals_started AFTER INSERT ON attempt BEGIN" \
  "  INSERT INTO scenario_played (profile_id, scenario_id, last_started)" \
  "   VALUES (NEW.profile_id, NEW.scenario_id, NEW.started_at)" \
  "   ON CONFLICT (profile_id, scenario_id) DO UPDATE SET last_started = max(last_started, excluded.last_started);" \
  "  INSERT INTO profile_total (profile_id, practised_us)" \
  "   VALUES (NEW.profile_id, coalesce(NEW.ended_at - NEW.started_at, 0))" \
  "   ON CONFLICT (profile_id) DO UPDATE SET practised_us = practised_us + excluded.practised_us;" \
  "END;" \
  "CREATE TRIGGER attempt_totals_ended AFTER UPDATE OF started_at, ended_at ON attempt BEGIN" \
  "  UPDATE profile_total SET practised_us = practised_us" \
  "   + coalesce(NEW.ended_at - NEW.started_at, 0) - coalesce(OLD.ended_at - OLD.started_at, 0)" \
  "   WHERE profile_id = NEW.profile_id;" \
  "END;" \
  \
  /* The history recorded so far. */ \
  "INSERT INTO strategy_total (profile_id, strategy_id, ref_at, good, bad, raw, n, last_at)" \
  " SELECT e.profile_id, e.strategy_id, m.ref," \
  "   total(CASE WHEN e.weight > 0 THEN e.weight * e.credit * pow(2.0, (e.at - m.ref) / " ATTUNE_SQL_HALF_LIFE_US ") END)," \
  "   total(CASE WHEN e.weight < 0 THEN -e.weight * e.credit * pow(2.0, (e.at - m.ref) / " ATTUNE_SQL_HALF_LIFE_US ") END)," \
  "   total(abs(e.weight) * e.credit), count(*), max(e.at)" \
  " FROM evidence e JOIN (SELECT profile_id, strategy_id, max(at) AS ref FROM evidence GROUP BY 1, 2) m" \
  "  ON m.profile_id = e.profile_id AND m.strategy_id = e.strategy_id" \
  " GROUP BY e.profile_id, e.strategy_id;" \
  "INSERT INTO strategy_scenario (profile_id, strategy_id, scenario_id)" \
  " SELECT DISTINCT profile_id, strategy_id, scenario_id FROM evidence WHERE weight > 0 AND credit >= 1.0;" \
  "INSERT INTO strategy_slot (profile_id, strategy_id, slot)" \
  " SELECT DISTINCT profile_id, strategy_id, at / " ATTUNE_SQL_SLOT_US " FROM evidence WHERE weight > 0 AND credit >= 1.0;" \
  "INSERT INTO decision_day (profile_id, day, good, total)" \
  " SELECT profile_id, at / 86400000000, sum(net > 0), count(*)" \
  " FROM (SELECT profile_id, min(at) AS at, sum(weight) AS net FROM evidence GROUP BY choice_id) GROUP BY 1, 2;" \
  "INSERT INTO scenario_played (profile_id, scenario_id, last_started)" \
  " SELECT profile_id, scenario_id, max(started_at) FROM attempt GROUP BY 1, 2;" \
  "INSERT INTO profile_total (profile_id, practised_us)" \
  " SELECT id, (SELECT coalesce(sum(ended_at - started_at), 0) FROM attempt WHERE profile_id = profile.id) FROM profile;"

/* Migrations: step i takes the schema from version i to i + 1. Never edit
 * a step that has shipped; add a new one. */
static const char *migrations[] = {
  /* 0 -> 1 */
  "CREATE TABLE profile ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),"
  "  created_at INTEGER NOT NULL);"
  "CREATE TABLE profile_setting ("
  "  profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE,"
  "  key TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  PRIMARY KEY (profile_id, key)) WITHOUT ROWID;"
  "CREATE TABLE app_state ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE attempt ("
  "  id INTEGER PRIMARY KEY,"
  "  profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE,"
  "  scenario_id TEXT NOT NULL,"
  "  mode TEXT NOT NULL CHECK (mode IN ('coach', 'assessment', 'presenter')),"
  "  started_at INTEGER NOT NULL,"
  "  ended_at INTEGER,"
  "  outcome TEXT CHECK (outcome IN ('resolved', 'partly-resolved', 'escalated', 'lost', 'abandoned')),"
  "  final_mood INTEGER);"
  "CREATE INDEX attempt_by_profile ON attempt (profile_id, started_at);"
  "CREATE TABLE choice ("
  "  id INTEGER PRIMARY KEY,"
  "  attempt_id INTEGER NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,"
  "  seq INTEGER NOT NULL,"
  "  node_id TEXT NOT NULL,"
  "  choice_index INTEGER NOT NULL,"
  "  chosen_at INTEGER NOT NULL,"
  "  time_taken_ms INTEGER NOT NULL,"
  "  UNIQUE (attempt_id, seq));"
  /* Profile and time are repeated here so that mastery reads one index. */
  "CREATE TABLE evidence ("
  "  choice_id INTEGER NOT NULL REFERENCES choice(id) ON DELETE CASCADE,"
  "  profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE,"
  "  strategy_id TEXT NOT NULL,"
  "  weight INTEGER NOT NULL CHECK (weight BETWEEN -3 AND 3 AND weight <> 0),"
  "  at INTEGER NOT NULL,"
  "  PRIMARY KEY (choice_id, strategy_id)) WITHOUT ROWID;"
  "CREATE INDEX evidence_by_profile ON evidence (profile_id, strategy_id, at);"
  "CREATE TABLE lesson_read ("
  "  profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE,"
  "  lesson_id TEXT NOT NULL,"
  "  read_at INTEGER NOT NULL,"
  "  PRIMARY KEY (profile_id, lesson_id)) WITHOUT ROWID;",
  /* 1 -> 2: covering indexes, so that the Progress view reads a long
   * history from indexes alone (build-aux/bench: 1,000,000 choices). */
  "DROP INDEX evidence_by_profile;"
  "CREATE INDEX evidence_by_profile ON evidence (profile_id, strategy_id, at, weight);"
  "CREATE INDEX evidence_by_time ON evidence (profile_id, at, choice_id, weight);"
  "DROP INDEX attempt_by_profile;"
  "CREATE INDEX attempt_by_profile ON attempt (profile_id, started_at, ended_at);"
  "CREATE INDEX attempt_by_scenario ON attempt (profile_id, scenario_id, started_at);",
  /* 2 -> 3: how much each attempt counts (retries count less), the order
   * the replies were shown in, and the role-play each piece of evidence
   * came from, so that "handles well" can ask for two role-plays. */
  "ALTER TABLE attempt ADD COLUMN credit REAL NOT NULL DEFAULT 1.0;"
  "ALTER TABLE choice ADD COLUMN shown_order TEXT;"
  "ALTER TABLE evidence ADD COLUMN credit REAL NOT NULL DEFAULT 1.0;"
  "ALTER TABLE evidence ADD COLUMN scenario_id TEXT NOT NULL DEFAULT '';"
  "UPDATE evidence SET scenario_id = (SELECT a.scenario_id FROM choice c JOIN attempt a ON a.id = c.attempt_id"
  "  WHERE c.id = evidence.choice_id);"
  "DROP INDEX evidence_by_profile;"
  "CREATE INDEX evidence_by_profile ON evidence (profile_id, strategy_id, at, weight, credit, scenario_id);",
  /* 3 -> 4: stable identity and the learning record store's queue (see
   * attune-store-queue.c). A random installation id and a random id per
   * profile, stored once; statement ids derive from them, so no two
   * installations or profiles collide. The triggers queue each statement
   * in the transaction that records what it describes; history recorded
   * before this step is queued too, oldest first. */
  "ALTER TABLE profile ADD COLUMN uid TEXT;"
  "UPDATE profile SET uid = " ATTUNE_SQL_UUID ";"
  "CREATE UNIQUE INDEX profile_by_uid ON profile (uid);"
  "CREATE TRIGGER profile_uid AFTER INSERT ON profile WHEN NEW.uid IS NULL BEGIN"
  "  UPDATE profile SET uid = " ATTUNE_SQL_UUID " WHERE id = NEW.id; END;"
  "INSERT OR IGNORE INTO app_state (key, value) VALUES ('installation-id', " ATTUNE_SQL_UUID ");"
  "CREATE TABLE lrs_queue ("
  "  id INTEGER PRIMARY KEY,"
  "  attempt_id INTEGER NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,"
  "  choice_id INTEGER REFERENCES choice(id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('attempted', 'answered', 'completed', 'judged')),"
  "  queued_at INTEGER NOT NULL,"
  "  refused TEXT);"
  "CREATE INDEX lrs_queue_by_attempt ON lrs_queue (attempt_id);"
  "CREATE INDEX lrs_queue_by_choice ON lrs_queue (choice_id);"
  "INSERT INTO lrs_queue (attempt_id, choice_id, kind, queued_at)"
  "  SELECT id, NULL, 'attempted', started_at FROM attempt"
  "  UNION ALL SELECT attempt_id, id, 'answered', chosen_at FROM choice"
  "  UNION ALL SELECT id, NULL, 'completed', ended_at FROM attempt WHERE ended_at IS NOT NULL AND outcome <> 'abandoned'"
  "  UNION ALL SELECT id, NULL, 'judged', ended_at FROM attempt WHERE ended_at IS NOT NULL AND outcome <> 'abandoned'"
  "  ORDER BY 4, 1, 3;"
  "CREATE TRIGGER lrs_queue_attempted AFTER INSERT ON attempt BEGIN"
  "  INSERT INTO lrs_queue (attempt_id, kind, queued_at) VALUES (NEW.id, 'attempted', NEW.started_at); END;"
  "CREATE TRIGGER lrs_queue_answered AFTER INSERT ON choice BEGIN"
  "  INSERT INTO lrs_queue (attempt_id, choice_id, kind, queued_at) VALUES (NEW.attempt_id, NEW.id, 'answered', NEW.chosen_at); END;"
  "CREATE TRIGGER lrs_queue_completed AFTER UPDATE OF ended_at ON attempt"
  "  WHEN OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL AND NEW.outcome <> 'abandoned' BEGIN"
  "  INSERT INTO lrs_queue (attempt_id, kind, queued_at) VALUES (NEW.id, 'completed', NEW.ended_at);"
  "  INSERT INTO lrs_queue (attempt_id, kind, queued_at) VALUES (NEW.id, 'judged', NEW.ended_at); END;",
  /* 4 -> 5: what the learner wrote before seeing the replies ("Write
   * your own reply first"), kept with the decision; never graded. */
  "ALTER TABLE choice ADD COLUMN own_reply TEXT;",
  /* 5 -> 6: running totals, kept by triggers in the transaction that
   * records what they sum, so that the Progress view reads O(strategies +
   * role-plays) rows however long the history (build-aux/bench: 10,000,000
   * decisions). See attune_store_get_strategy_stats() for how they are
   * read, and test-store-totals.c for the proof that they match a full
   * recount. */
  ATTUNE_STORE_TOTALS_SQL,
};
G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ATTUNE_STORE_SCHEMA_VERSION);

enum {
  SAVING_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
attune_store_finalize (GObject *object)
{
  AttuneStore *self = ATTUNE_STORE (object);

  _attune_store_stop_worker (self);
  _attune_store_pending_clear (self);
  g_clear_pointer (&self->provisional, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  if (self->private_dir != NULL)
    {
      static const char *names[] = { "progress.db", "progress.db-wal", "progress.db-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *name = g_build_filename (self->private_dir, names[i], NULL);

          g_unlink (name);
        }
      g_rmdir (self->private_dir);
      g_free (self->private_dir);
    }
  g_free (self->path);
  g_free (self->damaged_copy);
  g_free (self->foreign_log);
  g_free (self->saving_message);
  G_OBJECT_CLASS (attune_store_parent_class)->finalize (object);
}

static void
attune_store_class_init (AttuneStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attune_store_finalize;

  /**
   * AttuneStore::saving-changed:
   *
   * Saving paused (attune_store_get_saving_error() says why) or resumed.
   * Emitted on the thread that recorded or retried.
   */
  signals[SAVING_CHANGED] =
    g_signal_new ("saving-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
attune_store_init (AttuneStore *self)
{
  g_queue_init (&self->pending);
  self->provisional = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->next_provisional = -1;
}

/* For attune-store-pending.c: saving paused or resumed. */
typedef struct
{
  AttuneStore *store;
  char *message;
} SavingChanged;

static void
saving_changed_free (SavingChanged *change)
{
  g_object_unref (change->store);
  g_free (change->message);
  g_free (change);
}

static gboolean
emit_saving_changed (gpointer data)
{
  SavingChanged *change = data;

  g_free (change->store->saving_message);
  change->store->saving_message = g_steal_pointer (&change->message);
  g_signal_emit (change->store, signals[SAVING_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

void
_attune_store_emit_saving_changed (AttuneStore *self)
{
  SavingChanged *change = g_new0 (SavingChanged, 1);

  /* Saving runs on the store's worker thread, but the interface listens
   * on the main thread: tell it there, with a copy of why. */
  change->store = g_object_ref (self);
  change->message = self->saving_error != NULL ? g_strdup (self->saving_error->message) : NULL;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, emit_saving_changed, change,
                              (GDestroyNotify) saving_changed_free);
}

/**
 * attune_store_get_saving_message:
 *
 * For the main thread: why saving is paused, as of the last
 * "saving-changed", or %NULL while everything is saved.
 */
const char *
attune_store_get_saving_message (AttuneStore *self)
{
  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);
  return self->saving_message;
}

/* $XDG_DATA_HOME/attune/progress.db, unless ATTUNE_DATABASE says otherwise. */
char *
attune_store_default_path (void)
{
  const char *env = g_getenv ("ATTUNE_DATABASE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "attune", "progress.db", NULL);
}

/* The operating system's reason behind an SQLite I/O error, when it is
 * one a person can act on (a full disk, a read-only disk). */
static int
system_errno (sqlite3 *db)
{
  return db != NULL ? sqlite3_system_errno (db) : 0;
}

/**
 * _attune_store_set_error:
 *
 * Turns an SQLite failure into a GError a person can act on. Only
 * SQLITE_CORRUPT and SQLITE_NOTADB become ATTUNE_STORE_ERROR_CORRUPT;
 * everything else says what stands in the way and leaves the file alone.
 */
gboolean
_attune_store_set_error (GError    **error,
                         sqlite3    *db,
                         int         code,
                         const char *path)
{
  int primary = code & 0xff;
  int os_error = primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN || primary == SQLITE_FULL
                 ? system_errno (db) : 0;

  if (os_error == ENOSPC
#ifdef EDQUOT
      || os_error == EDQUOT
#endif
      )
    primary = SQLITE_FULL;
  else if (os_error == EROFS || os_error == EACCES || os_error == EPERM)
    primary = SQLITE_READONLY;

  switch (primary)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_BUSY,
                   /* Translators: %s is a file path */
                   _("The progress file %s is in use by another program. Close that program and try again; nothing in the file was changed."),
                   path);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_READ_ONLY,
                   /* Translators: %s is a file path */
                   _("Your progress cannot be saved: %s cannot be written. Check that you may write to it and to its folder. Practice still works, but it is not recorded."),
                   path);
      break;
    case SQLITE_CANTOPEN:
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CANT_OPEN,
                   /* Translators: %s is a file path */
                   _("The progress file %s cannot be opened. Check that its folder exists and that you may use it. Practice still works, but it is not recorded."),
                   path);
      break;
    case SQLITE_FULL:
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FULL,
                   _("Your progress cannot be saved because the disk is full. Free some space; practice still works meanwhile."));
      break;
    case SQLITE_IOERR:
    case SQLITE_NOLFS:
    case SQLITE_PROTOCOL:
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_IO,
                   /* Translators: %s is a file path */
                   _("The progress file %s could not be read or written because of a disk error. Check the disk or the network share, then try again; nothing in the file was changed."),
                   path);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_CORRUPT,
                   /* Translators: %s is a file path */
                   _("The progress file %s is damaged."), path);
      break;
    default:
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_FAILED,
                   /* Translators: the first %s is a file path, the second SQLite's own message */
                   _("The progress file %s could not be used: %s"),
                   path, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (code));
      break;
    }
  return FALSE;
}

/* Whether a failure may go away by itself (a lock, a full disk, a disk
 * error, permissions put right), so that a write is kept and retried. */
gboolean
_attune_store_is_transient (const GError *error)
{
  if (error == NULL || error->domain != ATTUNE_STORE_ERROR)
    return FALSE;
  switch ((AttuneStoreError) error->code)
    {
    case ATTUNE_STORE_ERROR_BUSY:
    case ATTUNE_STORE_ERROR_FULL:
    case ATTUNE_STORE_ERROR_READ_ONLY:
    case ATTUNE_STORE_ERROR_CANT_OPEN:
    case ATTUNE_STORE_ERROR_IO:
    case ATTUNE_STORE_ERROR_CORRUPT:
      return TRUE;
    /* A constraint or a mistake in the request: retrying cannot help,
     * and keeping it would hold up every write behind it. */
    case ATTUNE_STORE_ERROR_FAILED:
    case ATTUNE_STORE_ERROR_NEWER_VERSION:
    case ATTUNE_STORE_ERROR_NOT_FOUND:
    case ATTUNE_STORE_ERROR_EXISTS:
    case ATTUNE_STORE_ERROR_FOREIGN_LOG:
    default:
      return FALSE;
    }
}

gboolean
_attune_store_exec (AttuneStore  *self,
                    const char   *sql,
                    GError      **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _attune_store_set_error (error, self->db, rc, self->path);
  return TRUE;
}

sqlite3_stmt *
_attune_store_prepare (AttuneStore  *self,
                       const char   *sql,
                       GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      /* Callers that have no way to report it fall back to a default
       * (no profile, not read); the failure is logged here instead. */
      if (error == NULL)
        g_warning ("Could not read the progress file %s: %s", self->path, sqlite3_errmsg (self->db));
      _attune_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }
  return stmt;
}

/* Runs a statement that returns no rows; finalises it. */
gboolean
_attune_store_step_done (AttuneStore   *self,
                         sqlite3_stmt  *stmt,
                         GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _attune_store_set_error (error, self->db, rc, self->path);
  return TRUE;
}

/* attune_decay(age): how much evidence @age µs old still counts, halving
 * every ATTUNE_MASTERY_HALF_LIFE_DAYS (see attune-mastery.c). Registered
 * on every connection so that mastery can be summed inside SQLite. */
static void
decay_function (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  double age_days = (double) sqlite3_value_int64 (argv[0]) / ((double) G_USEC_PER_SEC * 86400.0);

  sqlite3_result_double (context, attune_decay (age_days));
}

void
_attune_store_register_functions (sqlite3 *db)
{
  sqlite3_create_function_v2 (db, "attune_decay", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                              NULL, decay_function, NULL, NULL, NULL);
}

/* Takes the schema from @from to ATTUNE_STORE_SCHEMA_VERSION, one
 * transaction per step, after a backup of an existing file. */
gboolean
_attune_store_migrate (AttuneStore  *self,
                       int           from,
                       GError      **error)
{
  if (from > 0 && from < ATTUNE_STORE_SCHEMA_VERSION && !attune_store_backup (self, error))
    return FALSE;

  for (int version = from; version < ATTUNE_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!_attune_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!_attune_store_exec (self, migrations[version], error) || !_attune_store_exec (self, set_version, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      if (!_attune_store_exec (self, "COMMIT", error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
  return TRUE;
}

const char *
attune_store_get_path (AttuneStore *self)
{
  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);
  return self->path;
}

/* Where a damaged file was moved, when opening found one; else NULL. */
const char *
attune_store_get_damaged_copy (AttuneStore *self)
{
  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);
  return self->damaged_copy;
}

/* Where a -wal file that belonged to another database was moved, when
 * opening found one; else NULL. */
const char *
attune_store_get_foreign_log (AttuneStore *self)
{
  g_return_val_if_fail (ATTUNE_IS_STORE (self), NULL);
  return self->foreign_log;
}

/* How many attempts a crash had left without an outcome; opening marked
 * them abandoned. */
guint
attune_store_get_n_reclaimed (AttuneStore *self)
{
  g_return_val_if_fail (ATTUNE_IS_STORE (self), 0);
  return self->n_reclaimed;
}
