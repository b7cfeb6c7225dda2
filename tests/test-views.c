/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each view on its own, built from just what it needs, as construct-only
 * properties: no application, no window. Each must then go away cleanly:
 * g_assert_finalize_object() fails if anything still holds it.
 */
#include "config.h"

#include "attune-content.h"
#include "attune-lesson-browser.h"
#include "attune-practice.h"
#include "attune-presenter-window.h"
#include "attune-progress-model.h"
#include "attune-progress-view.h"
#include "attune-role-play.h"
#include "attune-scenario-picker.h"
#include "attune-test-utils.h"

static AttuneSession *session;

static gboolean
store_settled (gpointer data)
{
  AttuneSessionStoreState state = attune_session_get_store_state (session);

  return state == ATTUNE_SESSION_STORE_OPEN || state == ATTUNE_SESSION_STORE_FAILED;
}

static void
test_lesson_browser (void)
{
  g_autoptr(AttuneProgressModel) progress = attune_progress_model_new (session);
  GtkWidget *browser = g_object_ref_sink (GTK_WIDGET (attune_lesson_browser_new (attune_session_get_library (session),
                                                                                  progress)));

  g_assert_true (attune_lesson_browser_show_lesson (ATTUNE_LESSON_BROWSER (browser), "reassure"));
  g_assert_cmpstr (attune_lesson_browser_get_lesson_id (ATTUNE_LESSON_BROWSER (browser)), ==, "reassure");
  g_assert_finalize_object (browser);
}

static void
test_scenario_picker (void)
{
  GtkWidget *picker = g_object_ref_sink (GTK_WIDGET (attune_scenario_picker_new (attune_session_get_library (session), NULL)));

  g_assert_cmpuint (g_list_model_get_n_items (attune_scenario_picker_get_shown (ATTUNE_SCENARIO_PICKER (picker))), >=, 16);
  g_assert_finalize_object (picker);
}

static void
test_progress_view (void)
{
  g_autoptr(AttuneProgressModel) progress = attune_progress_model_new (session);
  GtkWidget *view = g_object_ref_sink (GTK_WIDGET (attune_progress_view_new (progress)));

  attune_test_wait_report (progress);
  attune_progress_view_refresh (ATTUNE_PROGRESS_VIEW (view));
  g_assert_nonnull (attune_test_find_label (view, "History", FALSE));
  g_assert_finalize_object (view);
}

static void
test_role_play_and_presenter (void)
{
  g_autoptr(AttunePractice) practice = attune_practice_new (session);
  AttuneScenario *scenario = attune_library_find_scenario (attune_session_get_library (session), "late-parcel");
  GtkWidget *play = g_object_ref_sink (GTK_WIDGET (attune_role_play_new (practice)));
  GtkWidget *presenter;

  attune_role_play_start (ATTUNE_ROLE_PLAY (play), scenario);
  g_assert_true (attune_role_play_choose (ATTUNE_ROLE_PLAY (play), 0));
  /* Its pending scroll to the newest line holds it until it has run. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (play);
  /* Left mid-way: recorded as abandoned, with its decision. */
  attune_practice_flush (practice);
  attune_store_drain (attune_session_get_store (session));
  {
    g_autoptr(GPtrArray) attempts = attune_store_list_attempts (attune_session_get_store (session), 0, 1, NULL);

    g_assert_cmpstr (((AttuneAttemptRecord *) attempts->pdata[0])->outcome, ==, "abandoned");
    g_assert_cmpuint (((AttuneAttemptRecord *) attempts->pdata[0])->n_choices, ==, 1);
  }

  presenter = GTK_WIDGET (attune_presenter_window_new (practice, scenario));
  g_object_ref (presenter);
  gtk_window_destroy (GTK_WINDOW (presenter));
  g_assert_finalize_object (presenter);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  attune_content_init ();
  g_free (attune_test_isolate_database ());
  session = attune_session_new (attune_test_settings (), NULL);
  attune_session_reload_library (session, FALSE);
  attune_library_load (attune_session_get_library (session));
  attune_session_open_store (session);
  attune_test_wait_until (store_settled, NULL);
  g_assert_nonnull (attune_session_get_store (session));

  g_test_add_func ("/views/lesson-browser", test_lesson_browser);
  g_test_add_func ("/views/scenario-picker", test_scenario_picker);
  g_test_add_func ("/views/progress-view", test_progress_view);
  g_test_add_func ("/views/role-play-and-presenter", test_role_play_and_presenter);
  status = g_test_run ();
  attune_session_shutdown (session);
  g_assert_finalize_object (session);
  return status;
}
