/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window in German from the fixture catalogue (tests/fixtures/po),
 * whose strings are deliberately long, rendered wide and at 360 px so
 * that layouts can be checked with long words.
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "attune-application.h"
#include "attune-test-utils.h"
#include "attune-window.h"

static AttuneApplication *app;

static gboolean
library_loaded (gpointer data)
{
  return attune_library_get_loaded (attune_test_library (app));
}

static AttuneWindow *
open_at_width (int width)
{
  AttuneWindow *window = attune_test_reopen_window (app, NULL, width, 720);

  attune_test_wait_until (library_loaded, NULL);
  attune_test_wait_for_frame (GTK_WIDGET (window));
  return window;
}

static void
test_long_german_strings (void)
{
  AttuneWindow *window = open_at_width (1000);

  /* The catalogue really is in use: the group heading is translated. */
  g_assert_true (attune_test_find_label (GTK_WIDGET (window), "Lösungsorientierte Gesprächsführung", FALSE) != NULL ||
                 attune_test_find_label (GTK_WIDGET (window), "Lerneinheiten", FALSE) != NULL);
  attune_window_show_lesson (window, "fixture-extra-lesson");
  g_free (attune_test_render_png (GTK_WIDGET (window), "translated-wide"));

  window = open_at_width (360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
  g_free (attune_test_render_png (GTK_WIDGET (window), "translated-narrow"));
  attune_window_show_lesson (window, "fixture-extra-lesson");
  attune_test_wait_for_frame (GTK_WIDGET (window));
  g_free (attune_test_render_png (GTK_WIDGET (window), "translated-narrow-lesson"));

  /* A role-play at 360 px in German: a wrong reply's feedback and the
   * debrief, with long verdicts, chips and buttons, fit the width. */
  {
    AttuneRolePlay *play;
    AttuneConversation *conversation;
    int min, nat;

    g_assert_true (attune_window_start_scenario (window, "flooded-home"));
    play = attune_window_get_role_play (window);
    conversation = attune_role_play_get_conversation (play);
    attune_role_play_choose (play, 0);
    attune_test_wait_for_frame (GTK_WIDGET (window));
    gtk_widget_measure (GTK_WIDGET (play), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
    g_assert_cmpint (nat, <=, 360);
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
    g_free (attune_test_render_png (GTK_WIDGET (window), "translated-narrow-feedback"));
    for (guint i = 0; i < 60 && !attune_conversation_is_finished (conversation); i++)
      {
        attune_role_play_continue (play);
        attune_role_play_choose (play, 0);
      }
    attune_role_play_continue (play);
    g_assert_true (attune_conversation_is_finished (conversation));
    attune_test_wait_for_frame (GTK_WIDGET (window));
    attune_test_wait_for_frame (GTK_WIDGET (window));
    g_free (attune_test_render_png (GTK_WIDGET (window), "translated-narrow-debrief"));
    gtk_widget_measure (GTK_WIDGET (play), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
    g_test_message ("German debrief at 360 px: minimum %d, natural %d, window %d", min, nat,
                    gtk_widget_get_width (GTK_WIDGET (window)));
    g_assert_cmpint (nat, <=, 360);
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
    attune_role_play_leave (play);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *fixtures = NULL;
  const char *folders[2] = { NULL, NULL };
  int status;

  g_setenv ("LANGUAGE", "de", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  g_free (attune_test_isolate_database ());
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ATTUNE_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  bindtextdomain (GETTEXT_CONTENT_PACKAGE, g_getenv ("ATTUNE_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_CONTENT_PACKAGE, "UTF-8");

  app = attune_test_new_application ();
  /* The fixture lesson has a translated title and summary. */
  fixtures = g_test_build_filename (G_TEST_DIST, "fixtures", "good", NULL);
  folders[0] = fixtures;
  g_settings_set_strv (attune_test_settings (), "library-folders", folders);

  g_test_add_func ("/translated/long-german-strings", test_long_german_strings);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
