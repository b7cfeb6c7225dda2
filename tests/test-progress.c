/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Progress view with real data: attempts walked through shipped
 * scenarios and recorded through the core store API over several weeks,
 * then shown — summary, Practise Next, trend, levels, history, a
 * transcript — and rendered light, dark and 360 px wide. Profiles are
 * created and switched.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-application.h"
#include "attune-progress-report.h"
#include "attune-progress-view.h"
#include "attune-lrs-secret.h"
#include "attune-store-queue.h"
#include "attune-test-keyring.h"
#include "attune-test-utils.h"
#include "attune-window.h"

#define DAY (G_USEC_PER_SEC * (gint64) 86400)

static AttuneApplication *app;
static gint64 now;

/* Plays @id through the store API, choosing choice (seed + step) % n at
 * each node, as a learner would through the role-play pane. */
static void
play (AttuneStore *store,
      gint64       profile,
      const char  *id,
      guint        seed)
{
  AttuneScenario *scenario = attune_library_find_scenario (attune_test_library (app), id);
  AttuneScenarioNode *node = attune_scenario_find_node (scenario, attune_scenario_get_start_id (scenario));
  g_autoptr(GError) error = NULL;
  gint64 attempt = attune_store_begin_attempt (store, profile, id, ATTUNE_ATTEMPT_COACH, &error);
  int mood = attune_scenario_get_start_mood (scenario);

  g_assert_no_error (error);
  for (guint step = 0; node != NULL; step++)
    {
      guint index = (seed + step) % node->choices->len;
      AttuneChoice *choice = g_ptr_array_index (node->choices, index);
      g_autoptr(GArray) evidence = g_array_new (FALSE, FALSE, sizeof (AttuneStoreEvidence));
      AttuneScenarioEnding *ending;

      for (guint k = 0; k < choice->evidence->len; k++)
        {
          AttuneEvidence *e = g_ptr_array_index (choice->evidence, k);
          AttuneStoreEvidence record = { e->strategy, e->weight };

          g_array_append_val (evidence, record);
        }
      g_assert_cmpint (attune_store_record_choice (store, attempt, node->id, index, 2000 + 700 * step,
                                                   (AttuneStoreEvidence *) evidence->data, evidence->len, &error), >, 0);
      mood = CLAMP (mood + choice->mood, -5, 5);
      ending = attune_scenario_find_ending (scenario, choice->next);
      if (ending != NULL)
        {
          static const char *outcomes[] = { "resolved", "partly-resolved", "escalated", "lost" };

          g_assert_true (attune_store_finish_attempt (store, attempt, outcomes[ending->outcome], mood, &error));
          return;
        }
      node = attune_scenario_find_node (scenario, choice->next);
      g_assert_true (step < 50);
    }
}

static AttuneProgressView *
show_progress (void)
{
  AttuneWindow *window = attune_application_get_main_window (app);
  AttuneProgressView *view;

  attune_window_show_view (window, "progress");
  attune_test_wait_for_frame (GTK_WIDGET (window));
  view = ATTUNE_PROGRESS_VIEW (attune_test_find_widget (GTK_WIDGET (window), ATTUNE_TYPE_PROGRESS_VIEW, NULL));
  attune_test_progress_at (window, now);
  attune_test_wait_for_frame (GTK_WIDGET (window));
  return view;
}

/* Whether any label below @widget has text selected. */
static gboolean
has_selection (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_selection_bounds (GTK_LABEL (widget), NULL, NULL))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (has_selection (child))
      return TRUE;
  return FALSE;
}

static void
test_new_profile_empty_state (void)
{
  AttuneProgressView *view = show_progress ();

  /* A new learner: no wall of zeros or of identical "Not practised"
   * rows, but what the page will show, how to begin, and a first
   * role-play to start. */
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (view), _("Your Progress Starts With One Role-Play"), FALSE));
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (view), "Start Your First Role-Play", FALSE));
  g_assert_null (attune_test_find_label (GTK_WIDGET (view), C_("mastery level", "Not practised"), FALSE));
  g_assert_null (attune_test_find_label (GTK_WIDGET (view), _("sessions this week"), FALSE));
  g_assert_true ((attune_test_find_label (GTK_WIDGET (view), "No role-plays yet. Each one you play appears here, and you can read it back.", FALSE) != NULL));
  g_free (attune_test_render_png (gtk_widget_get_root (GTK_WIDGET (view)) != NULL
                                  ? GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (view))) : GTK_WIDGET (view),
                                  "progress-new-profile"));
}

static void
test_with_history (void)
{
  AttuneStore *store = attune_test_store (app);
  gint64 profile = attune_test_profile (app);
  GListModel *scenarios = attune_library_get_scenarios (attune_test_library (app));
  AttuneProgressView *view;
  GtkWidget *window, *row, *bar;
  guint played = 0;

  /* Every shipped scenario, twice, with different choices. */
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
      {
        g_autoptr(AttuneScenario) scenario = g_list_model_get_item (scenarios, i);

        play (store, profile, attune_scenario_get_id (scenario), round == 0 ? 0 : i);
        played++;
      }
  attune_session_progress_changed (attune_application_get_session (app));

  view = show_progress ();
  window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (view)));
  g_assert_true ((attune_test_find_label (GTK_WIDGET (view), _("History"), FALSE) != NULL));
  {
    g_autofree char *sessions = g_strdup_printf ("%u", played);
    g_assert_true ((attune_test_find_label (GTK_WIDGET (view), sessions, FALSE) != NULL));
  }

  /* Each strategy row: its level in words, and a bar whose value text is that level. */
  row = attune_test_find_widget (GTK_WIDGET (view), ADW_TYPE_ACTION_ROW, "active-listening");
  g_assert_nonnull (row);
  bar = attune_test_find_widget (row, GTK_TYPE_LEVEL_BAR, NULL);
  g_assert_nonnull (bar);
  gtk_test_accessible_assert_role (bar, GTK_ACCESSIBLE_ROLE_METER);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_free (attune_test_render_png (window, "progress-report-light"));
  {
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
      GTK_SCROLLED_WINDOW (attune_test_find_widget (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW, NULL)));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    g_free (attune_test_render_png (window, "progress-report-history"));
    gtk_adjustment_set_value (adjustment, 0);
  }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_free (attune_test_render_png (window, "progress-report-dark"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* A history row opens the transcript. */
  gtk_widget_activate_action (GTK_WIDGET (view), "progress.open-attempt", "x",
                              (gint64) 1);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWindow *transcript = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) candidate = g_list_model_get_item (toplevels, i);

        if (g_str_equal (G_OBJECT_TYPE_NAME (candidate), "AttuneTranscriptWindow"))
          transcript = candidate;
      }
    g_assert_nonnull (transcript);
    g_free (attune_test_render_png (GTK_WIDGET (transcript), "transcript"));
    /* It opens scrollable by keyboard, with no words selected. */
    g_assert_true (GTK_IS_SCROLLED_WINDOW (gtk_window_get_focus (transcript)));
    g_assert_false (has_selection (GTK_WIDGET (transcript)));
    gtk_window_destroy (transcript);
  }
}

/* A lesson page says how the learner is doing with its strategy, and the
 * lesson is then recorded as read. */
static void
test_lesson_status (void)
{
  AttuneWindow *window = attune_application_get_main_window (app);
  AttuneStore *store = attune_test_store (app);
  gint64 profile = attune_test_profile (app);
  g_autofree char *expected = NULL;

  g_assert_false (attune_store_lesson_was_read (store, profile, "active-listening"));
  attune_window_show_lesson (window, "active-listening");
  attune_test_wait_for_frame (GTK_WIDGET (window));
  /* The same status as the store gives, read the slow way, at the report's time. */
  expected = attune_progress_describe_lesson (store, profile, "active-listening",
                                              attune_progress_model_get_report (attune_window_get_progress (window))->now);
  g_assert_true (g_str_has_prefix (expected, "Your level: "));
  g_assert_true ((attune_test_find_label (GTK_WIDGET (window), expected, FALSE) != NULL));
  /* Recorded as read, off the GTK thread. */
  attune_store_drain (store);
  g_assert_true (attune_store_lesson_was_read (store, profile, "active-listening"));
  g_free (attune_test_render_png (GTK_WIDGET (window), "lesson-with-level"));
}

static void
test_profiles (void)
{
  AttuneStore *store = attune_test_store (app);
  gint64 first = attune_test_profile (app);
  g_autoptr(GError) error = NULL;
  gint64 second = attune_store_create_profile (store, "Sam Okafor", &error);
  AttuneProgressView *view;

  g_assert_no_error (error);
  view = show_progress ();
  gtk_widget_activate_action (GTK_WIDGET (view), "progress.switch-profile", "x", second);
  g_assert_cmpint (attune_test_profile (app), ==, second);
  attune_test_wait_report (attune_window_get_progress (attune_application_get_main_window (app)));
  /* Remembered in the store. */
  attune_store_drain (store);
  g_assert_cmpint (attune_store_get_active_profile (store), ==, second);
  attune_test_wait_for_frame (GTK_WIDGET (view));
  g_assert_true ((attune_test_find_label (GTK_WIDGET (view), "No role-plays yet. Each one you play appears here, and you can read it back.", FALSE) != NULL));
  gtk_widget_activate_action (GTK_WIDGET (view), "progress.switch-profile", "x", first);
  attune_test_wait_report (attune_window_get_progress (attune_application_get_main_window (app)));
  g_assert_false ((attune_test_find_label (GTK_WIDGET (view), "No role-plays yet. Each one you play appears here, and you can read it back.", FALSE) != NULL));
}

static gboolean
sync_settled (gpointer data)
{
  AttuneLrsService *lrs = attune_session_get_lrs_service (attune_application_get_session (app));
  g_autofree char *line = lrs != NULL ? attune_lrs_service_describe (lrs) : NULL;

  return line != NULL && !attune_lrs_service_is_busy (lrs) && strstr (line, "could not be reached") != NULL;
}

static void
secret_stored (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_assert_true (attune_lrs_secret_store_finish (result, NULL));
  *(gboolean *) data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* The status line: hidden until an LRS is set up; then it says in plain
 * words how the last sync went and how many records wait. The LRS here is
 * a closed port on loopback, and the secret is in a real (test) keyring. */
static void
test_sync_status (void)
{
  GSettings *settings = attune_test_settings ();
  g_autofree char *dir = g_dir_make_tmp ("attune-progress-keyring-XXXXXX", NULL);
  g_autoptr(GSubprocess) keyring = attune_test_keyring_start (dir);
  AttuneProgressView *view;
  AttuneQueueStatus status;
  GtkWidget *line;
  gboolean saved = FALSE;

  attune_test_reopen_window (app, "progress", 1000, 760);
  view = show_progress ();
  g_assert_null (attune_test_find_label (GTK_WIDGET (view), "learning record", TRUE));
  play (attune_test_store (app), attune_test_profile (app), "late-parcel", 1);
  attune_lrs_secret_store ("http://127.0.0.1:9/xAPI/", "attune", "test-secret", NULL, secret_stored, &saved);
  attune_test_wait_until (is_true, &saved);

  g_settings_set_string (settings, "lrs-key", "attune");
  g_settings_set_string (settings, "lrs-endpoint", "http://127.0.0.1:9/xAPI/");
  attune_test_wait_until (sync_settled, NULL);
  attune_test_wait_for_frame (GTK_WIDGET (view));

  g_assert_true (attune_store_queue_get_status (attune_test_store (app), &status, NULL));
  g_assert_cmpuint (status.pending, >, 0);
  attune_queue_status_clear (&status);
  line = attune_test_find_label (GTK_WIDGET (view), "could not be reached", TRUE);
  g_assert_nonnull (line);
  g_assert_true (gtk_widget_is_visible (line));
  g_free (attune_test_render_png (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (view))), "progress-sync-status"));

  g_settings_reset (settings, "lrs-endpoint");
  g_settings_reset (settings, "lrs-key");
  attune_test_wait_for_frame (GTK_WIDGET (view));
  attune_lrs_service_shutdown (attune_session_get_lrs_service (attune_application_get_session (app)));
  attune_test_keyring_stop (g_steal_pointer (&keyring));
}

static void
test_narrow (void)
{
  AttuneWindow *window = attune_test_reopen_window (app, "progress", 360, 760);

  attune_test_progress_at (window, now);
  attune_test_wait_for_frame (GTK_WIDGET (window));
  g_free (attune_test_render_png (GTK_WIDGET (window), "progress-narrow"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  g_setenv ("ATTUNE_LRS_RETRY_MS", "20", TRUE);
  g_free (attune_test_isolate_database ());
  now = g_get_real_time ();

  app = attune_test_new_application ();
  g_settings_set_int (attune_test_settings (), "window-width", 1000);
  g_settings_set_int (attune_test_settings (), "window-height", 760);
  g_application_activate (G_APPLICATION (app));
  attune_session_open_store (attune_application_get_session (app));
  attune_test_wait_until (attune_test_app_ready, app);

  g_test_add_func ("/progress/new-profile-empty-state", test_new_profile_empty_state);
  g_test_add_func ("/progress/with-history", test_with_history);
  g_test_add_func ("/progress/lesson-status", test_lesson_status);
  g_test_add_func ("/progress/profiles", test_profiles);
  g_test_add_func ("/progress/narrow", test_narrow);
  g_test_add_func ("/progress/sync-status", test_sync_status);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
