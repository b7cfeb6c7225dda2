/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Start-up measurement for build-aux/bench. With ATTUNE_BENCH_FIRST_FRAME
 * set, the first painted frame of the watched window prints the resident
 * memory and quits, so that "exec to first frame" is simply the process's
 * run time. The minimal reference window in tests/bench/ links this same
 * file, so both are measured in exactly the same way.
 */
#include "config.h"

#include <stdio.h>

#include "attune-first-frame.h"

gboolean
attune_first_frame_requested (void)
{
  return g_getenv ("ATTUNE_BENCH_FIRST_FRAME") != NULL;
}

static long
resident_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  /* Only for build-aux/bench, which refuses a -1 with the line it read. */
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + strlen ("VmRSS:"), NULL, 10) : -1;
}

static void
after_paint (GdkFrameClock *clock,
             GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (clock, after_paint, window);
  printf ("first-frame rss-kib=%ld\n", resident_kib ());
  fflush (stdout);
  g_application_quit (g_application_get_default ());
}

static void
on_map (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), widget);
}

/* Quits after @window's first frame when the benchmark asked for it. */
void
attune_first_frame_watch (GtkWindow *window)
{
  if (attune_first_frame_requested ())
    g_signal_connect (window, "map", G_CALLBACK (on_map), NULL);
}
