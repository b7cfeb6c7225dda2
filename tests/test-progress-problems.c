/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When the progress file cannot be used, Attune still runs and says so:
 * a damaged file is kept aside and the Progress view tells the learner
 * where; an unwritable place shows that practice is not being saved; a
 * file locked by another program says so and can be tried again; a -wal
 * from another database is set aside with a banner; and a disk that
 * fills during a role-play pauses saving with a notice that goes when
 * saving resumes, with every choice saved. Each case runs in its own
 * process, with its own ATTUNE_DATABASE; faults come from the failing
 * SQLite VFS in attune-test-vfs.c. Each message is rendered to PNG.
 */
#include "config.h"

#include <sqlite3.h>

#include <glib/gstdio.h>

#include "attune-application.h"
#include "attune-progress-view.h"
#include "attune-test-utils.h"
#include "attune-test-vfs.h"
#include "attune-window.h"

static AttuneApplication *app;

static gboolean
store_settled (gpointer data)
{
  return attune_test_store (app) != NULL || attune_session_get_store_error (attune_application_get_session (app)) != NULL;
}

static GtkWidget *
start_on_progress (void)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  app = attune_test_new_application ();
  g_settings_set_string (attune_test_settings (), "last-view", "progress");
  g_application_activate (G_APPLICATION (app));
  window = GTK_WINDOW (attune_application_get_main_window (app));
  attune_test_wait_for_frame (GTK_WIDGET (window));
  attune_session_open_store (attune_application_get_session (app));
  attune_test_wait_until (store_settled, NULL);
  attune_test_wait_for_frame (GTK_WIDGET (window));
  return GTK_WIDGET (window);
}

/* The notices slide in: wait until one saying @awaited is on screen. */
static const char *awaited;

static gboolean
awaited_label_mapped (gpointer window)
{
  GtkWidget *label = attune_test_find_label (window, awaited, TRUE);

  return label != NULL && gtk_widget_get_mapped (label);
}

static void
wait_for_label (GtkWidget  *window,
                const char *text)
{
  awaited = text;
  attune_test_wait_until (awaited_label_mapped, window);
}

static gboolean
notice_mapped (gpointer window)
{
  GtkWidget *label = attune_test_find_label (window, ".corrupt-", TRUE);

  return label != NULL && gtk_widget_get_mapped (label);
}

static void
test_damaged_file (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = attune_test_isolate_database ();
      GtkWidget *window;

      g_assert_true (g_file_set_contents (path, "not a database, but someone's notes\n", -1, NULL));
      window = start_on_progress ();
      /* Still works, with a fresh file, and says where the old one went. */
      g_assert_nonnull (attune_test_store (app));
      /* Shown, not merely present: the notice slides in, and under load
       * that can take more than the frame after the store opens. */
      attune_test_wait_until (notice_mapped, window);
      wait_for_label (window, "damaged");
      g_assert_true (gtk_widget_get_mapped (attune_test_find_label (window, "damaged", TRUE)));
      g_free (attune_test_render_png (window, "progress-damaged"));
      gtk_window_destroy (GTK_WINDOW (window));
      g_clear_object (&app);
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_unwritable (void)
{
  if (g_test_subprocess ())
    {
      GtkWidget *window;

      g_setenv ("ATTUNE_DATABASE", "/proc/attune-test/progress.db", TRUE);
      window = start_on_progress ();
      g_assert_null (attune_test_store (app));
      wait_for_label (window, "Progress Is Not Being Saved");
      g_assert_true (gtk_widget_get_mapped (attune_test_find_label (window, "Progress Is Not Being Saved", TRUE)));
      wait_for_label (window, "not recorded");
      g_assert_true (gtk_widget_get_mapped (attune_test_find_label (window, "not recorded", TRUE)));
      g_free (attune_test_render_png (window, "progress-unwritable"));
      gtk_window_destroy (GTK_WINDOW (window));
      g_clear_object (&app);
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A progress file with @n decisions, made outside the app. */
static void
make_progress (const char *path, guint n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = attune_store_open (path, NULL, &error);
  AttuneStoreEvidence evidence[] = { { "reassure", 2 } };
  gint64 profile, attempt;

  g_assert_no_error (error);
  profile = attune_store_create_profile (store, "Dana", &error);
  attune_store_set_active_profile (store, profile, &error);
  attempt = attune_store_begin_attempt (store, profile, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (attune_store_record_choice (store, attempt, "opening", 0, 1000, evidence, 1, &error), >, 0);
  g_assert_true (attune_store_finish_attempt (store, attempt, "resolved", 2, &error));
  g_assert_no_error (error);
}

static gint64
count_choices (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM choice", -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Another program holds the file locked: the Progress view says it is in
 * use, nothing is moved, and Try Again opens it once the lock is gone. */
static void
test_locked (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = attune_test_isolate_database ();
      GtkWidget *window, *retry;
      sqlite3 *other;

      make_progress (path, 4);
      g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (other, "PRAGMA journal_mode = DELETE; BEGIN EXCLUSIVE;", NULL, NULL, NULL), ==, SQLITE_OK);
      g_setenv ("ATTUNE_STORE_BUSY_TIMEOUT_MS", "200", TRUE);
      window = start_on_progress ();
      g_assert_null (attune_test_store (app));
      wait_for_label (window, "in use by another program");
      g_assert_true (gtk_widget_get_mapped (attune_test_find_label (window, "in use by another program", TRUE)));
      retry = attune_test_find_widget (window, GTK_TYPE_BUTTON, "retry_button");
      g_assert_true (gtk_widget_get_mapped (retry));
      g_free (attune_test_render_png (window, "progress-locked"));

      g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (other);
      /* What the button does (activating the button itself clicks it
       * only after its pressed-look timeout). */
      g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (retry)), ==, "progress.retry-store");
      g_assert_true (gtk_widget_activate_action (retry, "progress.retry-store", NULL));
      attune_test_wait_until (store_settled, NULL);
      g_assert_nonnull (attune_test_store (app));
      g_assert_null (attune_store_get_damaged_copy (attune_test_store (app)));
      gtk_window_destroy (GTK_WINDOW (window));
      g_clear_object (&app);
      g_assert_cmpint (count_choices (path), ==, 4);
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* No room on the disk at start-up: said so, the file left as it was. */
static void
test_disk_full_at_start (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = attune_test_isolate_database ();
      GtkWidget *window;

      make_progress (path, 4);
      attune_test_vfs_install ();
      attune_test_vfs_fail (ATTUNE_TEST_FAULT_FULL);
      window = start_on_progress ();
      attune_test_vfs_fail (ATTUNE_TEST_FAULT_NONE);
      g_assert_null (attune_test_store (app));
      wait_for_label (window, "disk is full");
      g_assert_true (gtk_widget_get_mapped (attune_test_find_label (window, "disk is full", TRUE)));
      g_free (attune_test_render_png (window, "progress-disk-full"));
      gtk_window_destroy (GTK_WINDOW (window));
      g_clear_object (&app);
      g_assert_cmpint (count_choices (path), ==, 4);
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A -wal from another database: set aside, the banner says where, the
 * learner's own progress is shown. */
static void
test_foreign_wal (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = attune_test_isolate_database ();
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *other = g_build_filename (dir, "other.db", NULL);
      g_autofree char *other_wal = g_strconcat (other, "-wal", NULL);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      GtkWidget *window;
      gsize len;

      make_progress (path, 6);
      make_progress (other, 1);
      {
        g_autoptr(AttuneStore) writer = attune_store_open (other, NULL, &error);
        gint64 attempt = attune_store_begin_attempt (writer, 1, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);

        g_assert_cmpint (attune_store_record_choice (writer, attempt, "opening", 1, 500, NULL, 0, &error), >, 0);
        g_assert_true (g_file_get_contents (other_wal, &data, &len, NULL));
        g_assert_true (g_file_set_contents (wal, data, len, NULL));
      }
      window = start_on_progress ();
      g_assert_nonnull (attune_test_store (app));
      g_assert_nonnull (attune_store_get_foreign_log (attune_test_store (app)));
      wait_for_label (window, "belonged to another database");
      g_assert_true (gtk_widget_get_mapped (attune_test_find_label (window, "belonged to another database", TRUE)));
      wait_for_label (window, ".foreign-wal-");
      g_assert_true (gtk_widget_get_mapped (attune_test_find_label (window, ".foreign-wal-", TRUE)));
      g_free (attune_test_render_png (window, "progress-foreign-wal"));
      gtk_window_destroy (GTK_WINDOW (window));
      g_clear_object (&app);
      g_assert_cmpint (count_choices (path), ==, 6);
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* As the interface hears it (saving runs on the store's worker thread). */
static gboolean
saving_paused (gpointer data)
{
  return attune_session_get_saving_problem (attune_application_get_session (app)) != NULL;
}

static gboolean
saving_resumed (gpointer data)
{
  return attune_session_get_saving_problem (attune_application_get_session (app)) == NULL;
}

/* The disk fills in the middle of a role-play: the notice says saving is
 * paused and choices are kept, the role-play goes on; when there is room
 * again the notice goes and every choice is in the file. */
static void
test_saving_paused (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = attune_test_isolate_database ();
      AttuneWindow *window;
      AttuneRolePlay *play;
      GtkWidget *notice;

      make_progress (path, 2);
      attune_test_vfs_install ();
      app = attune_test_new_application ();
      g_application_activate (G_APPLICATION (app));
      attune_test_wait_until (attune_test_app_ready, app);
      window = attune_application_get_main_window (app);
      g_assert_true (attune_window_start_scenario (window, "late-parcel"));
      play = attune_window_get_role_play (window);
      g_assert_true (attune_role_play_choose (play, 0));
      g_assert_true (attune_role_play_continue (play));

      attune_test_vfs_fail (ATTUNE_TEST_FAULT_FULL);
      g_assert_true (attune_role_play_choose (play, 1));
      attune_test_wait_until (saving_paused, NULL);
      notice = attune_test_find_label (GTK_WIDGET (play), "Saving is paused because the disk is full", TRUE);
      g_assert_true (gtk_widget_get_mapped (notice));
      g_free (attune_test_render_png (GTK_WIDGET (window), "role-play-saving-paused"));
      attune_window_show_view (window, "progress");
      attune_test_wait_for_frame (GTK_WIDGET (window));
      {
        GtkWidget *view = attune_test_find_widget (GTK_WIDGET (window), ATTUNE_TYPE_PROGRESS_VIEW, NULL);

        wait_for_label (view, "Saving is paused");
        g_assert_true (gtk_widget_get_mapped (attune_test_find_label (view, "Saving is paused", TRUE)));
      }
      g_free (attune_test_render_png (GTK_WIDGET (window), "progress-saving-paused"));
      attune_window_show_view (window, "practise");
      g_assert_true (attune_role_play_continue (play));

      attune_test_vfs_fail (ATTUNE_TEST_FAULT_NONE);
      attune_test_wait_until (saving_resumed, NULL);
      attune_test_wait_for_frame (GTK_WIDGET (window));
      g_assert_false (gtk_widget_get_visible (notice));
      g_free (attune_test_render_png (GTK_WIDGET (window), "role-play-saving-resumed"));
      gtk_window_destroy (GTK_WINDOW (window));
      g_clear_object (&app);
      /* Two before, two in this role-play. */
      g_assert_cmpint (count_choices (path), ==, 4);
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/progress-problems/locked", test_locked);
  g_test_add_func ("/progress-problems/disk-full-at-start", test_disk_full_at_start);
  g_test_add_func ("/progress-problems/foreign-wal", test_foreign_wal);
  g_test_add_func ("/progress-problems/saving-paused", test_saving_paused);
  g_test_add_func ("/progress-problems/damaged-file", test_damaged_file);
  g_test_add_func ("/progress-problems/unwritable", test_unwritable);
  return g_test_run ();
}
