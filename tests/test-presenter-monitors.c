/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Presenting with two monitors, side by side, each 1280×720: the class's
 * window fills the monitor the trainer's window is not on, and the console
 * fills the trainer's; the other way round when the trainer's window is on
 * the second monitor.
 *
 * Run by tests/with-monitors.py under Xorg with the dummy video driver:
 * GDK's X11 backend makes one GdkMonitor per connected RandR output, and
 * Xvfb has one output whatever its screens (with +xinerama too) or its
 * RandR monitors (xrandr --setmonitor), so under Xvfb GDK sees one
 * monitor. Fewer or more than two monitors here is an error.
 */
#include "config.h"

#include "attune-application.h"
#include "attune-presenter-console.h"
#include "attune-presenter-window.h"
#include "attune-test-utils.h"
#include "attune-window.h"

static AttuneApplication *app;

static GtkWindow *
find_visible (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) candidate = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (candidate, type) && gtk_widget_get_visible (GTK_WIDGET (candidate)))
        return candidate;
    }
  return NULL;
}

static GdkMonitor *
monitor_of (GtkWindow *window)
{
  attune_test_wait_for_frame (GTK_WIDGET (window));
  return gdk_display_get_monitor_at_surface (gtk_widget_get_display (GTK_WIDGET (window)),
                                             gtk_native_get_surface (GTK_NATIVE (window)));
}

static gboolean
on_monitor (gpointer data)
{
  GtkWindow *window = ((gpointer *) data)[0];

  return monitor_of (window) == ((gpointer *) data)[1];
}

static void
wait_on_monitor (GtkWindow  *window,
                 GdkMonitor *monitor)
{
  gpointer data[] = { window, monitor };

  attune_test_wait_until (on_monitor, data);
}

static gboolean
presenter_gone (gpointer data)
{
  return find_visible (ATTUNE_TYPE_PRESENTER_WINDOW) == NULL && find_visible (ATTUNE_TYPE_PRESENTER_CONSOLE) == NULL;
}

/* Presents from @window (on @trainer): the class's window goes to
 * @projector, the console stays on @trainer. */
static void
present_and_check (AttuneWindow *window,
                   GdkMonitor   *trainer,
                   GdkMonitor   *projector)
{
  GtkWindow *presenter;
  GtkWindow *console;
  GdkRectangle geometry;

  g_assert_true (attune_window_present_scenario (window, "late-parcel"));
  presenter = find_visible (ATTUNE_TYPE_PRESENTER_WINDOW);
  console = find_visible (ATTUNE_TYPE_PRESENTER_CONSOLE);
  g_assert_nonnull (presenter);
  g_assert_nonnull (console);
  wait_on_monitor (presenter, projector);
  wait_on_monitor (console, trainer);
  g_assert_true (monitor_of (presenter) != monitor_of (console));
  gdk_monitor_get_geometry (projector, &geometry);
  g_test_message ("projector at %d,%d %d×%d", geometry.x, geometry.y, geometry.width, geometry.height);
  gtk_window_destroy (presenter);
  attune_test_wait_until (presenter_gone, NULL);
}

static void
test_two_monitors (void)
{
  AttuneWindow *window = attune_application_get_main_window (app);
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (window)));
  g_autoptr(GdkMonitor) first = NULL;
  g_autoptr(GdkMonitor) second = NULL;
  GdkRectangle a, b;

  g_assert_cmpuint (g_list_model_get_n_items (monitors), ==, 2);
  first = g_list_model_get_item (monitors, 0);
  second = g_list_model_get_item (monitors, 1);
  gdk_monitor_get_geometry (first, &a);
  gdk_monitor_get_geometry (second, &b);
  /* Side by side, as a laptop and a projector. */
  g_assert_false (gdk_rectangle_intersect (&a, &b, NULL));
  g_assert_cmpint (a.width, ==, 1280);
  g_assert_cmpint (b.width, ==, 1280);

  /* The trainer's window on the first monitor: the class sees the second. */
  wait_on_monitor (GTK_WINDOW (window), first);
  present_and_check (window, first, second);

  /* The trainer's window on the second: the class sees the first. */
  gtk_window_fullscreen_on_monitor (GTK_WINDOW (window), second);
  wait_on_monitor (GTK_WINDOW (window), second);
  present_and_check (window, second, first);
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

  g_test_add_func ("/presenter-monitors/two-monitors", test_two_monitors);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
