/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The command line as the primary instance sees it: --view opens on a
 * view, --library adds a folder for this run. The application runs for
 * real (g_application_run) until its first frame, then quits.
 */
#include "config.h"

#include <string.h>

#include "attune-application.h"
#include "attune-lesson-browser.h"
#include "attune-presenter-window.h"
#include "attune-test-utils.h"
#include "attune-window.h"

static AttuneApplication *app;
static char *seen_view;
static char *seen_lesson;
static char *seen_scenario;
static char *seen_presented;
static gboolean seen_extra_lesson;

static void
loaded (AttuneLibrary *library)
{
  if (attune_library_get_loaded (library))
    seen_extra_lesson = attune_library_find_lesson (library, "fixture-extra-lesson") != NULL;
}

static GtkWidget *
find_browser (GtkWidget *root)
{
  if (ATTUNE_IS_LESSON_BROWSER (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_browser (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint recorded_choices;
static gboolean recorded_check;
static gboolean chose;

/* For the deep-link test: one reply as soon as the role-play is up (the
 * progress file may not be open yet), then, once the file is open and
 * the writes are through, what it holds. */
static gboolean
record_deep_link (GtkWindow *window)
{
  AttuneRolePlay *play = attune_window_get_role_play (ATTUNE_WINDOW (window));
  AttuneStore *store;
  g_autoptr(GPtrArray) attempts = NULL;

  if (play == NULL || attune_role_play_get_conversation (play) == NULL)
    return FALSE;
  if (!chose)
    {
      chose = attune_role_play_choose (play, 0);
      g_assert_true (chose);
    }
  store = attune_test_store (app);
  if (store == NULL)
    return FALSE;
  attune_test_flush (attune_role_play_get_practice (play));
  attempts = attune_store_list_attempts (store, attune_test_profile (app), 10, NULL);
  g_assert_nonnull (attempts);
  g_assert_cmpuint (attempts->len, ==, 1);
  g_assert_cmpstr (((AttuneAttemptRecord *) attempts->pdata[0])->scenario, ==, "late-parcel");
  recorded_choices = ((AttuneAttemptRecord *) attempts->pdata[0])->n_choices;
  /* Nothing says "not saved" any more. */
  g_assert_null (attune_practice_get_not_saved_reason (attune_role_play_get_practice (play)));
  return TRUE;
}

static gboolean
inspect_and_quit (gpointer data)
{
  GtkWindow *window = GTK_WINDOW (attune_application_get_main_window (app));
  AttuneLibrary *library = attune_test_library (app);

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)) || !attune_library_get_loaded (library))
    return G_SOURCE_CONTINUE;

  if (recorded_check && !record_deep_link (window))
    return G_SOURCE_CONTINUE;
  loaded (library);
  seen_view = g_strdup (attune_window_get_view (ATTUNE_WINDOW (window)));
  seen_lesson = g_strdup (attune_lesson_browser_get_lesson_id (ATTUNE_LESSON_BROWSER (find_browser (GTK_WIDGET (window)))));
  {
    AttuneRolePlay *play = attune_window_get_role_play (ATTUNE_WINDOW (window));
    GListModel *toplevels = gtk_window_get_toplevels ();

    if (play != NULL && attune_role_play_get_conversation (play) != NULL)
      seen_scenario = g_strdup (attune_scenario_get_id (attune_conversation_get_scenario (attune_role_play_get_conversation (play))));
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) candidate = g_list_model_get_item (toplevels, i);

        if (ATTUNE_IS_PRESENTER_WINDOW (candidate))
          {
            seen_presented = g_strdup (attune_scenario_get_id (
              attune_conversation_get_scenario (attune_presenter_window_get_conversation (ATTUNE_PRESENTER_WINDOW (candidate)))));
            gtk_window_destroy (GTK_WINDOW (candidate));
            break;
          }
      }
  }
  gtk_window_destroy (window);
  return G_SOURCE_REMOVE;
}

static void
run_app (char **argv,
         int    argc)
{
  int status;

  g_clear_pointer (&seen_view, g_free);
  g_clear_pointer (&seen_lesson, g_free);
  g_clear_pointer (&seen_scenario, g_free);
  g_clear_pointer (&seen_presented, g_free);
  seen_extra_lesson = FALSE;
  app = attune_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
  g_timeout_add (20, inspect_and_quit, NULL);
  status = g_application_run (G_APPLICATION (app), argc, argv);
  g_assert_cmpint (status, ==, 0);
  g_clear_object (&app);
}

static void
test_view_and_library (void)
{
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "fixtures", "good", NULL);
  char *argv[] = { "attune", "--view", "progress", "--library", good, NULL };

  run_app (argv, G_N_ELEMENTS (argv) - 1);
  g_assert_cmpstr (seen_view, ==, "progress");
  g_assert_true (seen_extra_lesson);
}

/* `attune --lesson ID` opens the Learn view on that lesson, even though
 * the library is still loading when the option is handled. */
static void
test_lesson_deep_link (void)
{
  char *argv[] = { "attune", "--lesson", "reassure", NULL };

  run_app (argv, G_N_ELEMENTS (argv) - 1);
  g_assert_cmpstr (seen_view, ==, "learn");
  g_assert_cmpstr (seen_lesson, ==, "reassure");
}

/* `attune --scenario ID` starts a role-play; `--present ID` opens
 * presenter mode; both once the library has loaded. */
static void
test_scenario_deep_links (void)
{
  {
    char *argv[] = { "attune", "--scenario", "late-parcel", NULL };

    run_app (argv, G_N_ELEMENTS (argv) - 1);
    g_assert_cmpstr (seen_view, ==, "practise");
    g_assert_cmpstr (seen_scenario, ==, "late-parcel");
  }
  {
    char *argv[] = { "attune", "--present", "expired-coupon", NULL };

    run_app (argv, G_N_ELEMENTS (argv) - 1);
    g_assert_cmpstr (seen_presented, ==, "expired-coupon");
  }
}

/* A role-play deep-linked at start-up, played before the progress file
 * has opened, is recorded once it opens. */
static void
test_deep_link_recorded (void)
{
  char *argv[] = { "attune", "--scenario", "late-parcel", NULL };

  g_free (attune_test_isolate_database ());
  recorded_check = TRUE;
  chose = FALSE;
  recorded_choices = 0;
  run_app (argv, G_N_ELEMENTS (argv) - 1);
  recorded_check = FALSE;
  g_assert_cmpstr (seen_scenario, ==, "late-parcel");
  g_assert_cmpuint (recorded_choices, ==, 1);
}

/* Quitting while content is still loading (here: right after the first
 * frame, as the start-up benchmark does) must exit cleanly every time:
 * libxml2 frees its tables at exit, so the load must be stopped first. */
static void
test_quit_while_loading (void)
{
  for (guint i = 0; i < 15; i++)
    {
      const char *argv[] = { g_getenv ("ATTUNE_BINARY"), NULL };
      g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "ATTUNE_BENCH_FIRST_FRAME", "1", TRUE);
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                   &out, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_true (g_str_has_prefix (out, "first-frame rss-kib="));
    }
}

/* A second `attune --database B` sent to a running Attune that keeps its
 * progress in A refuses with a message and a non-zero exit, instead of
 * pretending to switch; the same file is fine. */
typedef struct
{
  int status;
  char *err;
  gboolean done;
} Second;

static void
second_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Second *second = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, NULL, &second->err, &error));
  g_assert_no_error (error);
  second->status = g_subprocess_get_exit_status (G_SUBPROCESS (source));
  second->done = TRUE;
}

static void
run_second (const char *database,
            Second     *second)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process =
    g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                      g_getenv ("ATTUNE_BINARY"), "--database", database, NULL);

  g_assert_no_error (error);
  /* Asynchronously: the primary, this process, must answer it meanwhile. */
  g_subprocess_communicate_utf8_async (process, NULL, NULL, second_done, second);
  while (!second->done)
    g_main_context_iteration (NULL, TRUE);
}

static char *database_a;
static char *database_b;
static Second other_file, same_file;

static gboolean
send_second_instances (gpointer data)
{
  GtkWindow *window = GTK_WINDOW (attune_application_get_main_window (app));

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return G_SOURCE_CONTINUE;
  run_second (database_b, &other_file);
  run_second (database_a, &same_file);
  gtk_window_destroy (window);
  return G_SOURCE_REMOVE;
}

static void
test_second_instance_database (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attune-second-XXXXXX", NULL);
  char *argv[] = { "attune", "--database", NULL, NULL };
  int status;

  database_a = g_build_filename (dir, "a.db", NULL);
  database_b = g_build_filename (dir, "b.db", NULL);
  argv[2] = database_a;
  app = attune_application_new ();
  g_timeout_add (20, send_second_instances, NULL);
  status = g_application_run (G_APPLICATION (app), 3, argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (attune_session_get_database (attune_application_get_session (app)), ==, database_a);
  g_clear_object (&app);

  g_assert_cmpint (other_file.status, ==, 1);
  g_assert_nonnull (strstr (other_file.err, "already running with the progress file"));
  g_assert_nonnull (strstr (other_file.err, database_b));
  g_assert_cmpint (same_file.status, ==, 0);
  g_assert_false (g_file_test (database_b, G_FILE_TEST_EXISTS));
  g_clear_pointer (&other_file.err, g_free);
  g_clear_pointer (&same_file.err, g_free);
  g_clear_pointer (&database_a, g_free);
  g_clear_pointer (&database_b, g_free);
}

/* Closing the window in the middle of a role-play: no warning or critical
 * (the tests make them fatal), and the attempt is kept, as abandoned, with
 * the decision taken. */
static gboolean
choose_then_close (gpointer data)
{
  AttuneWindow *window = attune_application_get_main_window (app);
  AttuneRolePlay *play = window != NULL ? attune_window_get_role_play (window) : NULL;

  if (play == NULL || attune_role_play_get_conversation (play) == NULL ||
      !gtk_widget_get_mapped (GTK_WIDGET (play)))
    return G_SOURCE_CONTINUE;
  g_assert_true (attune_role_play_choose (play, 0));
  gtk_window_close (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
test_close_during_role_play (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attune-close-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "progress.db", NULL);
  char *argv[] = { "attune", "--database", path, "--scenario", "late-parcel", NULL };
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(GPtrArray) attempts = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  app = attune_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
  g_timeout_add (20, choose_then_close, NULL);
  status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv);
  g_assert_cmpint (status, ==, 0);
  g_clear_object (&app);

  store = attune_store_open (path, NULL, &error);
  g_assert_no_error (error);
  attempts = attune_store_list_attempts (store, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attempts->len, ==, 1);
  g_assert_cmpstr (((AttuneAttemptRecord *) attempts->pdata[0])->outcome, ==, "abandoned");
  g_assert_cmpuint (((AttuneAttemptRecord *) attempts->pdata[0])->n_choices, ==, 1);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_free (attune_test_isolate_database ());
  g_test_add_func ("/command-line/view-and-library", test_view_and_library);
  g_test_add_func ("/command-line/lesson-deep-link", test_lesson_deep_link);
  g_test_add_func ("/command-line/scenario-deep-links", test_scenario_deep_links);
  g_test_add_func ("/command-line/deep-link-recorded", test_deep_link_recorded);
  g_test_add_func ("/command-line/quit-while-loading", test_quit_while_loading);
  g_test_add_func ("/command-line/second-instance-database", test_second_instance_database);
  g_test_add_func ("/command-line/close-during-role-play", test_close_during_role_play);
  return g_test_run ();
}
