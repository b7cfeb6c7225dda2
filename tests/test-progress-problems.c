/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When the progress file cannot be used, Attune still runs and says so:
 * a damaged file is kept aside and the Progress view tells the learner
 * where; an unwritable place shows that practice is not being saved.
 * Each case runs in its own process, with its own ATTUNE_DATABASE.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "attune-application.h"
#include "attune-progress-view.h"
#include "attune-test-utils.h"
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
      /* Shown, not merely present. */
      g_assert_true (gtk_widget_get_mapped (attune_test_find_label (window, ".corrupt-", TRUE)));
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
      g_assert_true (gtk_widget_get_mapped (attune_test_find_label (window, "Progress Is Not Being Saved", TRUE)));
      g_assert_true (gtk_widget_get_mapped (attune_test_find_label (window, "not recorded", TRUE)));
      g_free (attune_test_render_png (window, "progress-unwritable"));
      gtk_window_destroy (GTK_WINDOW (window));
      g_clear_object (&app);
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
  g_test_add_func ("/progress-problems/damaged-file", test_damaged_file);
  g_test_add_func ("/progress-problems/unwritable", test_unwritable);
  return g_test_run ();
}
