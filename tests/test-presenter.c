/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Presenter mode on a 1280×720 projector: replies labelled A–D, letters
 * pick the class's choice, the feedback stays hidden until Space reveals
 * it, no learner statistics, nothing recorded unless turned on, text size
 * changed with Ctrl+plus and remembered, Esc leaves. Renders each stage.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-application.h"
#include "attune-presenter-window.h"
#include "attune-test-utils.h"
#include "attune-window.h"

static AttuneApplication *app;

static AttunePresenterWindow *
find_presenter (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) candidate = g_list_model_get_item (toplevels, i);

      if (ATTUNE_IS_PRESENTER_WINDOW (candidate) && gtk_widget_get_visible (GTK_WIDGET (candidate)))
        return ATTUNE_PRESENTER_WINDOW (candidate);
    }
  return NULL;
}

static void
test_present_a_class (void)
{
  AttuneWindow *window = attune_application_get_main_window (app);
  AttuneStore *store = attune_test_store (app);
  AttunePresenterWindow *presenter;
  AttuneScenarioNode *node;
  AttuneChoice *chosen;
  GSettings *settings = attune_test_settings ();
  g_autoptr(GPtrArray) attempts = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  g_assert_true (attune_window_present_scenario (window, "cancelled-flight"));
  presenter = find_presenter ();
  g_assert_nonnull (presenter);
  /* Xvfb has no window manager to make it fullscreen: it opens at the
   * 1280×720 of a common projector instead, which is what we check. */
  attune_test_wait_for_frame (GTK_WIDGET (presenter));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (presenter)), >=, 1260);

  /* Large type: twice the normal size by default. */
  g_assert_cmpint (g_settings_get_int (settings, "presenter-zoom"), ==, 200);
  g_assert_true ((attune_test_find_label (GTK_WIDGET (presenter), "A", TRUE) != NULL));
  g_free (attune_test_render_png (GTK_WIDGET (presenter), "presenter-question"));

  node = attune_conversation_get_node (attune_presenter_window_get_conversation (presenter));
  /* Space before a choice does nothing; B picks, the feedback stays hidden. */
  g_assert_false (attune_presenter_window_advance (presenter));
  attune_test_press (GTK_WIDGET (presenter), GDK_KEY_b, 0);
  g_assert_cmpint (attune_presenter_window_get_selected (presenter), ==, 1);
  g_assert_false (attune_presenter_window_get_revealed (presenter));
  /* Letters follow the shuffled order shown. */
  chosen = g_ptr_array_index (node->choices,
                              attune_conversation_authored_index (attune_presenter_window_get_conversation (presenter), 1));
  g_assert_false ((attune_test_find_label (GTK_WIDGET (presenter), chosen->feedback, TRUE) != NULL));
  /* The class changes its mind: C. */
  attune_test_press (GTK_WIDGET (presenter), GDK_KEY_c, 0);
  g_assert_cmpint (attune_presenter_window_get_selected (presenter), ==, 2);
  g_free (attune_test_render_png (GTK_WIDGET (presenter), "presenter-picked"));

  /* Space reveals. */
  chosen = g_ptr_array_index (node->choices,
                              attune_conversation_authored_index (attune_presenter_window_get_conversation (presenter), 2));
  attune_test_press (GTK_WIDGET (presenter), GDK_KEY_space, 0);
  g_assert_true (attune_presenter_window_get_revealed (presenter));
  g_assert_cmpuint (g_array_index (attune_conversation_get_steps (attune_presenter_window_get_conversation (presenter)),
                                   AttuneStep, 0).choice->reply == chosen->reply, ==, TRUE);
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (presenter), _("The class chose C"), TRUE));
  g_assert_true ((attune_test_find_label (GTK_WIDGET (presenter), chosen->feedback, TRUE) != NULL));
  g_free (attune_test_render_png (GTK_WIDGET (presenter), "presenter-revealed"));
  /* No learner statistics on screen. */
  g_assert_false ((attune_test_find_label (GTK_WIDGET (presenter), "Score", TRUE) != NULL));
  g_assert_false ((attune_test_find_label (GTK_WIDGET (presenter), "%", TRUE) != NULL));

  /* Ctrl+plus makes the text larger, and it is remembered. */
  attune_test_press (GTK_WIDGET (presenter), GDK_KEY_plus, GDK_CONTROL_MASK);
  g_assert_cmpint (g_settings_get_int (settings, "presenter-zoom"), ==, 220);
  attune_test_press (GTK_WIDGET (presenter), GDK_KEY_0, GDK_CONTROL_MASK);
  g_assert_cmpint (g_settings_get_int (settings, "presenter-zoom"), ==, 200);

  /* On to the end by keyboard: always A, then Space, Space. */
  attune_test_press (GTK_WIDGET (presenter), GDK_KEY_space, 0);
  for (guint i = 0; i < 40 && !attune_conversation_is_finished (attune_presenter_window_get_conversation (presenter)); i++)
    {
      attune_test_press (GTK_WIDGET (presenter), GDK_KEY_a, 0);
      attune_test_press (GTK_WIDGET (presenter), GDK_KEY_space, 0);
      if (!attune_conversation_is_finished (attune_presenter_window_get_conversation (presenter)))
        attune_test_press (GTK_WIDGET (presenter), GDK_KEY_space, 0);
    }
  g_assert_true (attune_conversation_is_finished (attune_presenter_window_get_conversation (presenter)));
  attune_presenter_window_advance (presenter);
  g_free (attune_test_render_png (GTK_WIDGET (presenter), "presenter-ending"));

  /* Esc leaves; nothing was recorded to the learner's profile. */
  attune_test_press (GTK_WIDGET (presenter), GDK_KEY_Escape, 0);
  attempts = attune_store_list_attempts (store, 0, 10, NULL);
  g_assert_cmpuint (attempts->len, ==, 0);
}

static gboolean
presenter_attempt_ended (gpointer data)
{
  g_autoptr(GPtrArray) attempts = NULL;

  attune_store_drain (attune_test_store (app));
  attempts = attune_store_list_attempts (attune_test_store (app), 0, 10, NULL);
  return attempts->len == 1 && ((AttuneAttemptRecord *) attempts->pdata[0])->outcome != NULL;
}

static void
test_recording_when_enabled (void)
{
  AttuneWindow *window = attune_application_get_main_window (app);
  AttunePresenterWindow *presenter;
  g_autoptr(GPtrArray) attempts = NULL;

  g_settings_set_boolean (attune_test_settings (), "presenter-records", TRUE);
  attune_window_present_scenario (window, "late-parcel");
  presenter = find_presenter ();
  attune_presenter_window_select (presenter, 0);
  attune_presenter_window_advance (presenter);
  gtk_window_destroy (GTK_WINDOW (presenter));
  /* Written off the GTK thread: wait until the attempt has ended. */
  attune_test_wait_until (presenter_attempt_ended, NULL);
  attempts = attune_store_list_attempts (attune_test_store (app), 0, 10, NULL);
  g_assert_cmpuint (attempts->len, ==, 1);
  g_assert_cmpstr (((AttuneAttemptRecord *) attempts->pdata[0])->outcome, ==, "abandoned");
  g_assert_cmpuint (((AttuneAttemptRecord *) attempts->pdata[0])->n_choices, ==, 1);
  g_assert_cmpstr (((AttuneAttemptRecord *) attempts->pdata[0])->mode, ==, "presenter");
  g_settings_reset (attune_test_settings (), "presenter-records");
}

static gboolean
fitted (gpointer data)
{
  return !attune_presenter_window_get_fitting (data);
}

static guint n_nodes_checked;

/* Every question reachable from here fits the window without scrolling. */
static void
check_nodes_from (AttunePresenterWindow *presenter,
                  GHashTable            *seen)
{
  AttuneConversation *conversation = attune_presenter_window_get_conversation (presenter);
  AttuneScenarioNode *node = attune_conversation_get_node (conversation);
  guint depth = attune_conversation_get_steps (conversation)->len;
  int needed, available;

  if (node == NULL || !g_hash_table_add (seen, node))
    return;
  attune_test_wait_until (fitted, presenter);
  attune_test_wait_for_frame (GTK_WIDGET (presenter));
  if (!attune_presenter_window_fits (presenter, &needed, &available))
    g_error ("%s: “%.40s…” needs %d px of %d", attune_scenario_get_id (attune_conversation_get_scenario (conversation)),
             node->text, needed, available);
  n_nodes_checked++;
  for (guint j = 0; j < node->choices->len; j++)
    {
      guint8 order[ATTUNE_MAX_CHOICES];
      guint n = attune_conversation_get_order (conversation, order);
      guint position = 0;

      while (position + 1 < n && order[position] != j)
        position++;
      g_assert_true (attune_presenter_window_select (presenter, position));
      g_assert_true (attune_presenter_window_advance (presenter));
      g_assert_true (attune_presenter_window_advance (presenter));
      check_nodes_from (presenter, seen);
      g_assert_true (attune_presenter_window_go_back (presenter, depth));
    }
}

/* At the default size, every question of every shipped role-play fits a
 * 1280×720 projector, and each question starts at the top. */
static void
test_every_node_fits (void)
{
  AttuneWindow *window = attune_application_get_main_window (app);
  GListModel *scenarios = attune_library_get_scenarios (attune_test_library (app));

  g_assert_cmpint (g_settings_get_int (attune_test_settings (), "presenter-zoom"), ==, 200);
  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr(AttuneScenario) scenario = g_list_model_get_item (scenarios, i);
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
      AttunePresenterWindow *presenter;

      g_assert_true (attune_window_present_scenario (window, attune_scenario_get_id (scenario)));
      presenter = find_presenter ();
      attune_test_wait_for_frame (GTK_WIDGET (presenter));
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (presenter)), <=, 720);
      check_nodes_from (presenter, seen);
      gtk_window_destroy (GTK_WINDOW (presenter));
    }
  g_test_message ("%u questions fit 1280×720", n_nodes_checked);
  g_assert_cmpuint (n_nodes_checked, >=, g_list_model_get_n_items (scenarios) * 3);
}

/* N shows the trainer notes and hides them again; the end recaps the
 * class's path, one line per decision. */
static void
test_notes_and_recap (void)
{
  AttuneWindow *window = attune_application_get_main_window (app);
  AttunePresenterWindow *presenter;
  AttuneConversation *conversation;
  AttuneScenario *scenario;

  attune_window_present_scenario (window, "late-parcel");
  presenter = find_presenter ();
  conversation = attune_presenter_window_get_conversation (presenter);
  scenario = attune_conversation_get_scenario (conversation);
  attune_test_wait_until (fitted, presenter);
  /* Not shown to the class by default. */
  g_assert_null (attune_test_find_label (GTK_WIDGET (presenter), _("Trainer Notes"), FALSE));
  attune_test_press (GTK_WIDGET (presenter), GDK_KEY_n, 0);
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (presenter), _("Trainer Notes"), FALSE));
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (presenter), attune_scenario_get_trainer_notes (scenario)[0], FALSE));
  attune_test_wait_for_frame (GTK_WIDGET (presenter));
  g_free (attune_test_render_png (GTK_WIDGET (presenter), "presenter-notes"));
  attune_test_press (GTK_WIDGET (presenter), GDK_KEY_n, 0);
  g_assert_null (attune_test_find_label (GTK_WIDGET (presenter), _("Trainer Notes"), FALSE));

  for (guint i = 0; i < 40 && !attune_conversation_is_finished (conversation); i++)
    {
      attune_presenter_window_select (presenter, 0);
      attune_presenter_window_advance (presenter);
      attune_presenter_window_advance (presenter);
    }
  g_assert_true (attune_conversation_is_finished (conversation));
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (presenter), _("The Class’s Path"), FALSE));
  {
    AttuneStep *first = &g_array_index (attune_conversation_get_steps (conversation), AttuneStep, 0);

    g_assert_nonnull (attune_test_find_label (GTK_WIDGET (presenter), first->choice->reply, TRUE));
  }
  attune_test_wait_until (fitted, presenter);
  attune_test_wait_for_frame (GTK_WIDGET (presenter));
  g_free (attune_test_render_png (GTK_WIDGET (presenter), "presenter-recap"));
  gtk_window_destroy (GTK_WINDOW (presenter));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  g_free (attune_test_isolate_database ());
  app = attune_test_new_application ();
  g_application_activate (G_APPLICATION (app));
  attune_test_wait_until (attune_test_app_ready, app);

  g_test_add_func ("/presenter/present-a-class", test_present_a_class);
  g_test_add_func ("/presenter/recording-when-enabled", test_recording_when_enabled);
  g_test_add_func ("/presenter/every-node-fits", test_every_node_fits);
  g_test_add_func ("/presenter/notes-and-recap", test_notes_and_recap);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
