/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The learning record store's queue: every attempt, decision and ending is
 * queued in the transaction that records it; rows leave only when removed
 * (accepted); refused rows are kept aside; a deleted profile takes its
 * queue with it; identities are random and stored once.
 */
#include "config.h"

#include <sqlite3.h>

#include <glib/gstdio.h>

#include "attune-store-queue.h"

static char *dir;

static AttuneStore *
fresh_store (const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  AttuneStore *store = attune_store_open (path, NULL, &error);

  g_assert_no_error (error);
  return store;
}

static guint
pending (AttuneStore *store)
{
  AttuneQueueStatus status;
  g_autoptr(GError) error = NULL;
  guint n;

  g_assert_true (attune_store_queue_get_status (store, &status, &error));
  n = status.pending;
  attune_queue_status_clear (&status);
  return n;
}

static void
test_recording_queues (void)
{
  g_autoptr(AttuneStore) store = fresh_store ("record.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  AttuneStoreEvidence good[] = { { "reassure", 2 } };
  gint64 profile, attempt, ids[2];
  AttuneQueueStatus status;

  profile = attune_store_create_profile (store, "Ana", &error);
  attempt = attune_store_begin_attempt (store, profile, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  g_assert_cmpuint (pending (store), ==, 1);
  attune_store_record_choice (store, attempt, "opening", 0, 1000, good, 1, &error);
  g_assert_cmpuint (pending (store), ==, 2);
  attune_store_finish_attempt (store, attempt, "resolved", 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending (store), ==, 4);

  rows = attune_store_queue_peek (store, 10, &error);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpint (g_array_index (rows, AttuneQueuedStatement, 0).kind, ==, ATTUNE_QUEUED_ATTEMPTED);
  g_assert_cmpint (g_array_index (rows, AttuneQueuedStatement, 1).kind, ==, ATTUNE_QUEUED_ANSWERED);
  g_assert_cmpint (g_array_index (rows, AttuneQueuedStatement, 1).choice, !=, 0);
  g_assert_cmpint (g_array_index (rows, AttuneQueuedStatement, 2).kind, ==, ATTUNE_QUEUED_COMPLETED);
  g_assert_cmpint (g_array_index (rows, AttuneQueuedStatement, 3).kind, ==, ATTUNE_QUEUED_JUDGED);

  ids[0] = g_array_index (rows, AttuneQueuedStatement, 0).id;
  ids[1] = g_array_index (rows, AttuneQueuedStatement, 1).id;
  g_assert_true (attune_store_queue_remove (store, ids, 2, &error));
  g_assert_true (attune_store_queue_refuse (store, g_array_index (rows, AttuneQueuedStatement, 2).id, "bad", &error));
  g_assert_true (attune_store_queue_set_result (store, 42, "It failed.", &error));
  g_assert_true (attune_store_queue_get_status (store, &status, &error));
  g_assert_cmpuint (status.pending, ==, 1);
  g_assert_cmpuint (status.refused, ==, 1);
  g_assert_cmpint (status.last_synced, ==, 42);
  g_assert_cmpstr (status.last_error, ==, "It failed.");
  attune_queue_status_clear (&status);
  g_assert_true (attune_store_queue_set_result (store, 43, NULL, &error));
  g_assert_true (attune_store_queue_get_status (store, &status, &error));
  g_assert_null (status.last_error);
  attune_queue_status_clear (&status);

  g_assert_true (attune_store_queue_retry_refused (store, &error));
  g_assert_cmpuint (pending (store), ==, 2);

  /* An abandoned attempt has no completed or judged statement. */
  attempt = attune_store_begin_attempt (store, profile, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  attune_store_abandon_attempt (store, attempt, &error);
  g_assert_cmpuint (pending (store), ==, 3);

  g_assert_true (attune_store_delete_profile (store, profile, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pending (store), ==, 0);
}

static void
test_identity (void)
{
  g_autoptr(AttuneStore) a = fresh_store ("a.db");
  g_autoptr(AttuneStore) b = fresh_store ("b.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *ia = attune_store_get_installation_id (a, &error);
  g_autofree char *ib = attune_store_get_installation_id (b, &error);
  gint64 pa = attune_store_create_profile (a, "Learner", &error);
  gint64 pb = attune_store_create_profile (b, "Learner", &error);
  g_autofree char *ua = attune_store_get_profile_uid (a, pa, &error);
  g_autofree char *ub = attune_store_get_profile_uid (b, pb, &error);
  g_autofree char *ua_renamed = NULL;
  g_autofree char *ia_again = NULL;

  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (ia));
  g_assert_true (g_uuid_string_is_valid (ua));
  g_assert_cmpint (ia[14], ==, '4');
  g_assert_cmpstr (ia, !=, ib);
  g_assert_cmpstr (ua, !=, ub);
  g_assert_cmpint (pa, ==, pb);

  g_assert_true (attune_store_rename_profile (a, pa, "Someone Else", &error));
  ua_renamed = attune_store_get_profile_uid (a, pa, &error);
  g_assert_cmpstr (ua, ==, ua_renamed);

  /* Stored once: reopening gives the same installation id. */
  g_clear_object (&a);
  a = fresh_store ("a.db");
  ia_again = attune_store_get_installation_id (a, &error);
  g_assert_cmpstr (ia, ==, ia_again);
}

/* A file from before the queue (schema 2) gets identities, and its whole
 * history is queued, oldest first, when it is upgraded. */
static void
test_upgrade_queues_history (void)
{
  g_autofree char *path = g_build_filename (dir, "upgrade.db", NULL);
  g_autoptr(AttuneStore) store = fresh_store ("upgrade.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *installation = NULL;
  AttuneStoreEvidence good[] = { { "reassure", 2 } };
  gint64 profile, attempt;
  sqlite3 *db;

  profile = attune_store_create_profile (store, "Ana", &error);
  attempt = attune_store_begin_attempt (store, profile, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  attune_store_record_choice (store, attempt, "opening", 0, 1000, good, 1, &error);
  attune_store_finish_attempt (store, attempt, "resolved", 2, &error);
  attempt = attune_store_begin_attempt (store, profile, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  attune_store_abandon_attempt (store, attempt, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Back to schema 3, before the queue, as an older Attune left it. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP TRIGGER evidence_totals; DROP TRIGGER attempt_totals_started;"
                                 "DROP TRIGGER attempt_totals_ended; DROP TABLE strategy_total;"
                                 "DROP TABLE strategy_scenario; DROP TABLE strategy_slot; DROP TABLE decision_day;"
                                 "DROP TABLE scenario_played; DROP TABLE profile_total;"
                                 "DROP TRIGGER lrs_queue_attempted; DROP TRIGGER lrs_queue_answered;"
                                 "DROP TRIGGER lrs_queue_completed; DROP TRIGGER profile_uid; DROP TABLE lrs_queue;"
                                 "DROP INDEX profile_by_uid; ALTER TABLE profile DROP COLUMN uid;"
                                 "DELETE FROM app_state WHERE key = 'installation-id';"
                                 "ALTER TABLE choice DROP COLUMN own_reply; PRAGMA user_version = 3;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = fresh_store ("upgrade.db");
  installation = attune_store_get_installation_id (store, &error);
  uid = attune_store_get_profile_uid (store, profile, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (installation));
  g_assert_true (g_uuid_string_is_valid (uid));
  rows = attune_store_queue_peek (store, 100, &error);
  g_assert_cmpuint (rows->len, ==, 5);
  g_assert_cmpint (g_array_index (rows, AttuneQueuedStatement, 0).kind, ==, ATTUNE_QUEUED_ATTEMPTED);
  g_assert_cmpint (g_array_index (rows, AttuneQueuedStatement, 1).kind, ==, ATTUNE_QUEUED_ANSWERED);
  g_assert_cmpint (g_array_index (rows, AttuneQueuedStatement, 2).kind, ==, ATTUNE_QUEUED_COMPLETED);
  g_assert_cmpint (g_array_index (rows, AttuneQueuedStatement, 3).kind, ==, ATTUNE_QUEUED_JUDGED);
  g_assert_cmpint (g_array_index (rows, AttuneQueuedStatement, 4).kind, ==, ATTUNE_QUEUED_ATTEMPTED);
  g_assert_cmpint (g_array_index (rows, AttuneQueuedStatement, 4).attempt, ==, attempt);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("attune-queue-XXXXXX", NULL);
  g_test_add_func ("/queue/recording", test_recording_queues);
  g_test_add_func ("/queue/identity", test_identity);
  g_test_add_func ("/queue/upgrade", test_upgrade_queues_history);
  status = g_test_run ();
  g_free (dir);
  return status;
}
