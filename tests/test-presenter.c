/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Presenter mode on a 1280×720 projector: replies labelled A–D, letters
 * pick the class's choice, the feedback stays hidden until Space reveals
 * it, no learner statistics, nothing recorded unless turned on, text size
 * changed with Ctrl+plus and remembered, Esc leaves. A class run from the
 * trainer's console by keyboard: votes, the tally, reveal, a retry, the
 * recap, its CSV and PDF. Printing through GtkPrintOperation. Renders
 * each stage.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>

#include "attune-application.h"
#include "attune-presenter-console.h"
#include "attune-handout-layout.h"
#include "attune-print.h"
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

static AttunePresenterConsole *
find_console (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) candidate = g_list_model_get_item (toplevels, i);

      if (ATTUNE_IS_PRESENTER_CONSOLE (candidate) && gtk_widget_get_visible (GTK_WIDGET (candidate)))
        return ATTUNE_PRESENTER_CONSOLE (candidate);
    }
  return NULL;
}

static gboolean
console_gone (gpointer data)
{
  return find_console () == NULL;
}

/* The whole recap is in the file: it ends with the outcome. */
static gboolean
file_written (gpointer path)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, ",outcome,") != NULL;
}

static guint
pdf_pages (const char *pdf,
           char      **text)
{
  g_autofree char *info = NULL;
  const char *argv_info[] = { "pdfinfo", pdf, NULL };
  const char *argv_text[] = { "pdftotext", pdf, "-", NULL };
  const char *pages;

  g_assert_true (g_spawn_sync (NULL, (char **) argv_info, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &info, NULL, NULL, NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv_text, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, text, NULL, NULL, NULL));
  pages = strstr (info, "Pages:");
  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

/* PNGs of the first pages of @pdf, for a person to look at. */
static void
render_pdf (const char *pdf,
            const char *name)
{
  g_autofree char *prefix = NULL;
  const char *argv_png[] = { "pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "2", pdf, NULL, NULL };

  if (g_getenv ("ATTUNE_SCREENSHOT_DIR") == NULL)
    return;
  prefix = g_build_filename (g_getenv ("ATTUNE_SCREENSHOT_DIR"), name, NULL);
  argv_png[9] = prefix;
  g_assert_true (g_spawn_sync (NULL, (char **) argv_png, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL));
}

/* Where @window is in the X stacking order, 0 at the bottom: with no
 * window manager (Xvfb), top-level windows are the root's children. */
static int
stacking_index (GtkWidget *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  Display *xdisplay = gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface));
  Window xid = gdk_x11_surface_get_xid (surface);
  Window root, parent, *children = NULL;
  unsigned int n = 0;
  int index = -1;

  g_assert_true (XQueryTree (xdisplay, DefaultRootWindow (xdisplay), &root, &parent, &children, &n));
  for (unsigned int i = 0; i < n; i++)
    if (children[i] == xid)
      index = (int) i;
  XFree (children);
  g_assert_cmpint (index, >=, 0);
  return index;
}

/* With one monitor (which may be mirrored on the projector), the console
 * opens beneath the projected window, never over it: the class must not
 * see the strongest reply. */
static void
test_console_one_monitor (void)
{
  AttuneWindow *window = attune_application_get_main_window (app);
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (window)));
  AttunePresenterWindow *presenter;
  AttunePresenterConsole *console;

  g_assert_cmpuint (g_list_model_get_n_items (monitors), ==, 1);
  g_assert_true (attune_window_present_scenario (window, "late-parcel"));
  presenter = find_presenter ();
  console = find_console ();
  g_assert_nonnull (presenter);
  g_assert_nonnull (console);
  attune_test_wait_for_frame (GTK_WIDGET (console));
  attune_test_wait_for_frame (GTK_WIDGET (presenter));
  g_assert_cmpint (stacking_index (GTK_WIDGET (console)), <, stacking_index (GTK_WIDGET (presenter)));
  /* Both on the one monitor, the console a window of its own. */
  g_assert_true (gdk_display_get_monitor_at_surface (gtk_widget_get_display (GTK_WIDGET (console)),
                                                     gtk_native_get_surface (GTK_NATIVE (console))) ==
                 gdk_display_get_monitor_at_surface (gtk_widget_get_display (GTK_WIDGET (presenter)),
                                                     gtk_native_get_surface (GTK_NATIVE (presenter))));
  g_assert_true (GTK_WINDOW (console) != GTK_WINDOW (presenter));
  gtk_window_destroy (GTK_WINDOW (presenter));
  attune_test_wait_until (console_gone, NULL);
}

/* A class of one role-play run from the console by keyboard, as with a
 * clicker: votes counted, the tally on the projector, reveal, next, a
 * retry, the recap, its CSV; keys work from either window. */
static void
test_class_with_console (void)
{
  AttuneWindow *window = attune_application_get_main_window (app);
  AttunePresenterWindow *presenter;
  AttunePresenterConsole *console;
  AttuneClassSession *session;
  AttuneClassDecision *current;
  AttuneConversation *conversation;
  GArray *decisions;
  g_autoptr(GPtrArray) attempts = NULL;
  g_autofree char *csv_path = g_build_filename (g_get_tmp_dir (), "attune-class-recap-test.csv", NULL);
  g_autofree char *csv = NULL;
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  AttuneChoice *strongest;

  g_assert_true (attune_window_present_scenario (window, "late-parcel"));
  presenter = find_presenter ();
  console = find_console ();
  g_assert_nonnull (presenter);
  g_assert_nonnull (console);
  g_assert_true (attune_presenter_console_get_presenter (console) == presenter);
  attune_test_wait_for_frame (GTK_WIDGET (console));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (console)), >=, 1260);
  session = attune_presenter_window_get_class_session (presenter);
  conversation = attune_presenter_window_get_conversation (presenter);
  current = attune_class_session_get_current (session);

  /* The console shows what the class does not: the trainer notes, each
   * reply's feedback, the strongest marked. */
  strongest = attune_class_decision_get_choice (current, current->best);
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (console), "Watch for two traps", TRUE));
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (console), strongest->feedback, FALSE));
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (console), "★ Strongest", FALSE));
  g_assert_null (attune_test_find_label (GTK_WIDGET (presenter), strongest->feedback, FALSE));

  /* Votes: 1 and 2 count for A and B, from either window; Ctrl+1 takes one back. */
  attune_test_press (GTK_WIDGET (console), GDK_KEY_1, 0);
  attune_test_press (GTK_WIDGET (console), GDK_KEY_1, 0);
  attune_test_press (GTK_WIDGET (presenter), GDK_KEY_1, 0);
  attune_test_press (GTK_WIDGET (presenter), GDK_KEY_1, GDK_CONTROL_MASK);
  attune_test_press (GTK_WIDGET (console), GDK_KEY_2, 0);
  g_assert_cmpuint (current->votes[0], ==, 2);
  g_assert_cmpuint (current->votes[1], ==, 1);
  /* T shows the tally on the projected screen: counts and shares in words. */
  g_assert_null (attune_test_find_label (GTK_WIDGET (presenter), "2 votes · 67%", FALSE));
  attune_test_press (GTK_WIDGET (console), GDK_KEY_t, 0);
  g_assert_true (attune_presenter_window_get_show_tally (presenter));
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (presenter), "2 votes · 67%", FALSE));
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (presenter), "1 vote · 33%", FALSE));
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (presenter), "3 votes counted", FALSE));
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (console), "2 votes · 67%", FALSE));
  attune_test_wait_for_frame (GTK_WIDGET (presenter));
  g_free (attune_test_render_png (GTK_WIDGET (presenter), "presenter-tally"));
  g_free (attune_test_render_png (GTK_WIDGET (console), "console-question"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  attune_test_wait_for_frame (GTK_WIDGET (console));
  attune_test_wait_for_frame (GTK_WIDGET (presenter));
  g_free (attune_test_render_png (GTK_WIDGET (console), "console-question-dark"));
  g_free (attune_test_render_png (GTK_WIDGET (presenter), "presenter-tally-dark"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  /* Narrow, the path and notes fold away behind a header button. */
  gtk_window_set_default_size (GTK_WINDOW (console), 360, 720);
  attune_test_wait_for_frame (GTK_WIDGET (console));
  attune_test_wait_for_frame (GTK_WIDGET (console));
  g_free (attune_test_render_png (GTK_WIDGET (console), "console-narrow"));
  gtk_window_set_default_size (GTK_WINDOW (console), 1280, 720);
  attune_test_wait_for_frame (GTK_WIDGET (console));

  /* Page Down with nothing picked reveals the reply most hands went up for. */
  attune_test_press (GTK_WIDGET (console), GDK_KEY_Page_Down, 0);
  g_assert_true (attune_presenter_window_get_revealed (presenter));
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (presenter), _("The class chose A"), FALSE));
  g_assert_false (attune_presenter_window_get_show_tally (presenter));
  g_free (attune_test_render_png (GTK_WIDGET (console), "console-revealed"));
  attune_test_press (GTK_WIDGET (presenter), GDK_KEY_Page_Down, 0);
  g_assert_false (attune_presenter_window_get_revealed (presenter));

  /* Decision 2: B picked by letter from the console; then back to it. */
  attune_test_press (GTK_WIDGET (console), GDK_KEY_3, 0);
  attune_test_press (GTK_WIDGET (console), GDK_KEY_b, 0);
  attune_test_press (GTK_WIDGET (console), GDK_KEY_Return, 0);
  attune_test_press (GTK_WIDGET (console), GDK_KEY_Return, 0);
  decisions = attune_class_session_get_decisions (session);
  g_assert_cmpuint (decisions->len, ==, 2);
  g_assert_cmpint (g_array_index (decisions, AttuneClassDecision, 1).chosen, ==, 1);
  g_assert_cmpuint (g_array_index (decisions, AttuneClassDecision, 1).votes[2], ==, 1);
  {
    /* Numbered as on the trainer sheet's map. */
    g_autofree char *line = g_strdup_printf ("%u. Chose B (0 of 1 vote)", g_array_index (decisions, AttuneClassDecision, 1).number);

    g_assert_nonnull (attune_test_find_label (GTK_WIDGET (console), line, TRUE));
  }
  gtk_widget_activate_action (GTK_WIDGET (console), "console.retry", "u", 1);
  g_assert_cmpuint (decisions->len, ==, 1);
  g_assert_cmpuint (attune_conversation_get_steps (conversation)->len, ==, 1);
  /* The votes of the decision the retry undid are kept for the recap. */
  g_assert_cmpuint (attune_class_session_get_history (session)->len, ==, 2);
  g_assert_true (g_array_index (attune_class_session_get_history (session), AttuneClassDecision, 1).undone);
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (console), "1 decision undone by a retry: its votes are kept for the recap.", FALSE));

  /* On to the end, the strongest reply each time: votes, Space, Space. */
  for (guint i = 0; i < 40 && !attune_conversation_is_finished (conversation); i++)
    {
      current = attune_class_session_get_current (session);
      attune_test_press (GTK_WIDGET (console), GDK_KEY_1 + current->best, 0);
      attune_test_press (GTK_WIDGET (presenter), GDK_KEY_1 + current->best, 0);
      attune_test_press (GTK_WIDGET (console), GDK_KEY_1 + (current->best + 1) % current->n_shown, 0);
      attune_test_press (GTK_WIDGET (presenter), GDK_KEY_space, 0);
      attune_test_press (GTK_WIDGET (presenter), GDK_KEY_space, 0);
    }
  g_assert_true (attune_conversation_is_finished (conversation));
  g_assert_false (attune_presenter_window_get_show_recap (presenter));
  /* The ending, then the recap. */
  attune_test_press (GTK_WIDGET (console), GDK_KEY_space, 0);
  g_assert_true (attune_presenter_window_get_show_recap (presenter));
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (presenter), "The class’s recap", FALSE));
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (presenter), "Outcome: Resolved", FALSE));
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (presenter), "A: 2 of 3 votes (67%)", FALSE));
  /* Both passes, labelled; the undone decision with its vote. */
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (presenter), "First pass", FALSE));
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (presenter), "Pass 2: retried from decision ", TRUE));
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (presenter), "B: 0 of 1 vote (0%)", FALSE));
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (presenter), " · undone by a retry", TRUE));
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (presenter), "✓ Shown: ", TRUE));
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (console), "The class sees the recap", FALSE));
  attune_test_wait_for_frame (GTK_WIDGET (presenter));
  g_free (attune_test_render_png (GTK_WIDGET (presenter), "presenter-recap"));
  g_free (attune_test_render_png (GTK_WIDGET (console), "console-recap"));

  /* The recap as CSV, written off the GTK thread. */
  g_unlink (csv_path);
  g_assert_true (attune_presenter_console_export_csv (console, csv_file));
  attune_test_wait_until (file_written, csv_path);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "scenario,pass,step,decision,node,customer,letter,reply,votes,percent,class_choice,strongest,seconds,undone\r\n"));
  g_assert_nonnull (strstr (csv, "late-parcel,2,outcome,"));
  /* The first pass's second decision, undone by the retry, is still there. */
  g_assert_nonnull (strstr (csv, ",1,100,no,"));
  g_assert_nonnull (strstr (csv, ",yes\r\n"));
  g_unlink (csv_path);

  /* The recap on paper: the same pages the print dialog would print. */
  {
    g_autoptr(AttuneHandout) recap = attune_handout_new_for_recap (session, attune_test_library (app));
    g_autofree char *pdf = g_build_filename (g_get_tmp_dir (), "attune-class-recap-test.pdf", NULL);
    g_autofree char *text = NULL;
    guint pages = 0;

    g_assert_true (attune_handout_write_pdf (recap, pdf, &pages, NULL));
    g_assert_cmpuint (pdf_pages (pdf, &text), ==, pages);
    g_assert_nonnull (strstr (text, "Class recap: The birthday telescope"));
    g_assert_nonnull (strstr (text, "Outcome: Resolved"));
    g_assert_nonnull (strstr (text, "2 votes (67%)"));
    g_assert_nonnull (strstr (text, "Page 1 of"));
    render_pdf (pdf, "print-recap");
    g_unlink (pdf);
  }

  /* Esc from the console leaves both windows; nothing was recorded. */
  attune_test_press (GTK_WIDGET (console), GDK_KEY_Escape, 0);
  attune_test_wait_until (console_gone, NULL);
  g_assert_null (find_presenter ());
  g_assert_null (find_console ());
  attempts = attune_store_list_attempts (attune_test_store (app), 0, 10, NULL);
  g_assert_cmpuint (attempts->len, ==, 0);
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

/* Ctrl+P's handout is the lesson open, or the role-play being played;
 * GtkPrintOperation lays it out with the same page drawing as --print. */
static void
test_print_operation (void)
{
  AttuneWindow *window = attune_application_get_main_window (app);
  g_autoptr(AttuneHandout) lesson = NULL;
  g_autoptr(AttuneHandout) sheet = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *pdf = g_build_filename (g_get_tmp_dir (), "attune-print-operation-test.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  guint pages;

  attune_window_show_lesson (window, "active-listening");
  lesson = attune_window_get_handout (window);
  g_assert_nonnull (lesson);
  g_assert_cmpstr (attune_handout_get_title (lesson), ==, "Listen actively");
  g_assert_true (attune_window_start_scenario (window, "late-parcel"));
  sheet = attune_window_get_handout (window);
  g_assert_nonnull (sheet);
  g_assert_cmpstr (attune_handout_get_title (sheet), ==, "Trainer sheet: The birthday telescope");

  operation = attune_print_operation_new (sheet);
  gtk_print_operation_set_export_filename (operation, pdf);
  g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error), ==,
                   GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  pages = pdf_pages (pdf, &text);
  g_assert_cmpuint (pages, >=, 3);
  g_assert_nonnull (strstr (text, "Map of decisions"));
  g_assert_nonnull (strstr (text, "Discussion questions"));
  {
    g_autofree char *last = g_strdup_printf ("Page %u of %u", pages, pages);

    g_assert_nonnull (strstr (text, last));
  }
  render_pdf (pdf, "print-operation");
  g_unlink (pdf);
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
  g_test_add_func ("/presenter/class-with-console", test_class_with_console);
  g_test_add_func ("/presenter/console-one-monitor", test_console_one_monitor);
  g_test_add_func ("/presenter/recording-when-enabled", test_recording_when_enabled);
  g_test_add_func ("/presenter/print-operation", test_print_operation);
  g_test_add_func ("/presenter/every-node-fits", test_every_node_fits);
  g_test_add_func ("/presenter/notes-and-recap", test_notes_and_recap);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
