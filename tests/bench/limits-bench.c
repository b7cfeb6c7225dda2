/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whether the role-play stays responsive with text at the lint's limits,
 * for build-aux/bench: a scenario whose customer line and feedback are
 * ATTUNE_LINT_MAX_LINE characters and whose four replies are
 * ATTUNE_LINT_MAX_REPLY characters each, against a shipped scenario of
 * ordinary length (late-parcel), measured the same way in the same run:
 * the time from asking for a screen to the end of the frame that paints
 * it, for the opening (line and replies), the feedback after a choice,
 * and a resize between 360 and 1280 px. Prints medians in µs, one line
 * per scenario.
 */
#include "config.h"

#include <stdio.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "attune-content.h"
#include "attune-lint.h"
#include "attune-practice.h"
#include "attune-role-play.h"
#include "attune-session.h"

#define RUNS 7

static gboolean painted;

static void
after_paint (GdkFrameClock *clock,
             gpointer       data)
{
  painted = TRUE;
}

/* Runs the main loop until a frame has been painted after now. */
static gint64
until_painted (gint64 since)
{
  painted = FALSE;
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  return g_get_monotonic_time () - since;
}

/* @length characters of plain words, different for each @seed. */
static char *
words (guint length,
       guint seed)
{
  static const char *pool[] = { "parcel", "order", "today", "refund", "courier", "arrive", "message", "account",
                                "waiting", "answer", "replace", "check", "promise", "morning", "driver", "number" };
  GString *text = g_string_new (NULL);

  for (guint i = 0; text->len < length; i++)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, pool[(i * 7 + seed * 3) % G_N_ELEMENTS (pool)]);
    }
  g_string_truncate (text, length - 1);
  g_string_append_c (text, '.');
  return g_string_free (text, FALSE);
}

static char *
write_scenario (const char *dir)
{
  g_autofree char *line = words (ATTUNE_LINT_MAX_LINE, 1);
  g_autofree char *feedback = words (ATTUNE_LINT_MAX_LINE, 2);
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<scenario id=\"at-the-limits\" situation=\"third-party\" difficulty=\"1\""
                               " start=\"opening\" mood=\"-1\">\n"
                               "  <title>At the limits</title>\n"
                               "  <summary>Every text as long as the format allows.</summary>\n"
                               "  <customer gender=\"feminine\"><name>Ada</name><about>Ada, a customer.</about></customer>\n"
                               "  <practises strategy=\"active-listening\"/>\n"
                               "  <node id=\"opening\">\n");
  g_autofree char *path = g_build_filename (dir, "at-the-limits.xml", NULL);
  g_autoptr(GError) error = NULL;

  g_string_append_printf (xml, "    <line>%s</line>\n", line);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *reply = words (ATTUNE_LINT_MAX_REPLY, 10 + i);

      g_string_append_printf (xml, "    <choice next=\"end\" mood=\"%d\">\n      <reply>%s</reply>\n"
                                   "      <feedback>%s</feedback>\n"
                                   "      <evidence strategy=\"active-listening\" weight=\"%d\"/>\n    </choice>\n",
                              i == 1 ? 1 : -1, reply, feedback, i == 1 ? 2 : (i == 2 ? 1 : -1));
    }
  g_string_append_printf (xml, "  </node>\n  <ending id=\"end\" outcome=\"resolved\">\n    <line>%s</line>\n"
                               "    <debrief>%s</debrief>\n  </ending>\n</scenario>\n", line, feedback);
  if (!g_file_set_contents (path, xml->str, -1, &error))
    g_error ("%s", error->message);
  g_string_free (xml, TRUE);
  return g_steal_pointer (&path);
}

static int
compare_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static gint64
median (gint64 *samples)
{
  qsort (samples, RUNS, sizeof (gint64), compare_gint64);
  return samples[RUNS / 2];
}

static void
measure (GtkWindow      *window,
         AttuneRolePlay *play,
         AttuneScenario *scenario)
{
  gint64 open[RUNS], feedback[RUNS], narrow[RUNS], wide[RUNS];

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 start;

      gtk_window_set_default_size (window, 1280, 800);
      until_painted (g_get_monotonic_time ());

      start = g_get_monotonic_time ();
      attune_role_play_start (play, scenario);
      open[run] = until_painted (start);

      start = g_get_monotonic_time ();
      g_assert_true (attune_role_play_choose (play, 0));
      feedback[run] = until_painted (start);

      start = g_get_monotonic_time ();
      gtk_window_set_default_size (window, 360, 720);
      narrow[run] = until_painted (start);

      start = g_get_monotonic_time ();
      gtk_window_set_default_size (window, 1280, 800);
      wide[run] = until_painted (start);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, 1280);
    }
  printf ("scenario=%s open_us=%" G_GINT64_FORMAT " feedback_us=%" G_GINT64_FORMAT
          " narrow_us=%" G_GINT64_FORMAT " wide_us=%" G_GINT64_FORMAT "\n",
          attune_scenario_get_id (scenario), median (open), median (feedback), median (narrow), median (wide));
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("attune-limits-XXXXXX", NULL);
  /* Not in the watched folder: writing it would reload the library. */
  g_autofree char *database = g_build_filename (g_get_tmp_dir (), "attune-limits-bench.db", NULL);
  g_autofree char *file = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(AttuneSession) session = NULL;
  g_autoptr(AttunePractice) practice = NULL;
  AttuneLibrary *library;
  AttuneScenario *limits, *ordinary;
  GtkWidget *window;
  AttuneRolePlay *play;

  gtk_init ();
  adw_init ();
  attune_content_init ();
  file = write_scenario (dir);
  settings = g_settings_new (APP_ID);
  session = attune_session_new (settings, database);
  library = attune_session_get_library (session);
  attune_session_set_extra_folders (session, (const char * const[]) { dir, NULL });
  attune_session_reload_library (session, TRUE);
  for (gint64 give_up = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
       attune_library_find_scenario (library, "at-the-limits") == NULL && g_get_monotonic_time () < give_up;)
    g_main_context_iteration (NULL, TRUE);
  /* Let any other load in flight finish before taking the scenarios. */
  for (gint64 settle = g_get_monotonic_time () + G_USEC_PER_SEC; g_get_monotonic_time () < settle;)
    g_main_context_iteration (NULL, FALSE);
  limits = attune_library_find_scenario (library, "at-the-limits");
  ordinary = attune_library_find_scenario (library, "late-parcel");
  if (limits == NULL || ordinary == NULL)
    g_error ("The benchmark's scenarios did not load (%u problems)",
             g_list_model_get_n_items (attune_library_get_problems (library)));
  practice = attune_practice_new (session);

  window = gtk_window_new ();
  play = attune_role_play_new (practice);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (play));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint), NULL);
  until_painted (g_get_monotonic_time ());

  /* An argument measures only one of them ("late-parcel" or
   * "at-the-limits"), for profiling. */
  if (argc < 2 || g_strcmp0 (argv[1], "late-parcel") == 0)
    measure (GTK_WINDOW (window), play, ordinary);
  if (argc < 2 || g_strcmp0 (argv[1], "at-the-limits") == 0)
    measure (GTK_WINDOW (window), play, limits);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (file);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strconcat (database, (const char *[]) { "", "-wal", "-shm" }[i], NULL);

      g_unlink (name);
    }
  g_rmdir (dir);
  return 0;
}
