/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How long the main loop stalls while the interface's heaviest store
 * work runs, for build-aux/bench: with a progress file of N decisions,
 * through the very objects the window uses (AttuneSession, AttunePractice,
 * AttuneProgressModel), a 1 ms ticker on the main context records the
 * longest gap between its ticks while
 *   - the main loop idles (the floor, measured the same way),
 *   - a role-play is played and finished (its decisions, the day's backup
 *     of the whole file, and the Progress refresh that follows),
 *   - the whole history is exported as CSV,
 *   - a profile is deleted.
 * Prints one line: the longest gap in µs for each, and how long each
 * operation took.
 */
#include "config.h"

#include <stdio.h>

#include <glib/gstdio.h>

#include "attune-content.h"
#include "attune-conversation.h"
#include "attune-practice.h"
#include "attune-progress-model.h"
#include "attune-session.h"
#include "bench-fill.h"

static gint64 last_tick;
static gint64 longest_gap;

static gboolean
tick (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0)
    longest_gap = MAX (longest_gap, now - last_tick);
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
start_window (void)
{
  last_tick = 0;
  longest_gap = 0;
}

static void
run_until (gboolean *done)
{
  while (!*done)
    g_main_context_iteration (NULL, TRUE);
}

static void
set_done (gpointer data)
{
  *(gboolean *) data = TRUE;
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GError) error = NULL;

  if (!attune_progress_model_finish (ATTUNE_PROGRESS_MODEL (source), result, &error))
    g_error ("%s", error->message);
  set_done (data);
}

static void
on_changed (AttuneProgressModel *model,
            gpointer             data)
{
  set_done (data);
}

static void
on_store_state (AttuneSession *session,
                GParamSpec    *pspec,
                gpointer       data)
{
  if (attune_session_get_store_state (session) >= ATTUNE_SESSION_STORE_OPEN)
    set_done (data);
}

int
main (int argc, char *argv[])
{
  g_autoptr(AttuneLibrary) library = NULL;
  g_autoptr(AttuneSession) session = NULL;
  g_autoptr(AttuneProgressModel) model = NULL;
  g_autoptr(AttunePractice) practice = NULL;
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(AttuneConversation) conversation = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) csv = NULL;
  g_autofree char *csv_path = NULL;
  gint64 floor_gap, finish_gap, export_gap, delete_gap, finish_us, export_us, delete_us, start;
  gboolean done = FALSE;
  guint ticker;
  gulong handler;
  const char *path;

  if (argc != 3)
    {
      g_printerr ("usage: %s DATABASE CHOICES\n", argv[0]);
      return 2;
    }
  path = argv[1];
  attune_content_init ();

  /* The file: schema from the store, then the history. */
  library = attune_library_new ();
  attune_library_add_standard_folders (library);
  attune_library_load (library);
  store = attune_store_open (path, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  bench_fill (path, g_ascii_strtoull (argv[2], NULL, 10), library);

  /* The app's objects, as the window has them. */
  session = attune_session_new (NULL, path);
  attune_session_load_library (session);
  handler = g_signal_connect (session, "notify::store-state", G_CALLBACK (on_store_state), &done);
  attune_session_open_store (session);
  run_until (&done);
  g_signal_handler_disconnect (session, handler);
  g_assert_cmpint (attune_session_get_store_state (session), ==, ATTUNE_SESSION_STORE_OPEN);
  attune_session_set_profile (session, 1);
  model = attune_progress_model_new (session);
  practice = attune_practice_new (session);
  done = FALSE;
  handler = g_signal_connect (model, "changed", G_CALLBACK (on_changed), &done);
  attune_progress_model_refresh (model);
  run_until (&done);
  g_assert_nonnull (attune_progress_model_get_report (model));

  ticker = g_timeout_add (1, tick, NULL);

  /* The floor: the same ticker with nothing else to do, for one second. */
  start_window ();
  done = FALSE;
  g_timeout_add_once (1000, set_done, &done);
  run_until (&done);
  floor_gap = longest_gap;

  /* A role-play, played to its end and finished: the best reply at each
   * decision, recorded as the role-play pane records it. */
  conversation = attune_conversation_new (attune_library_find_scenario (library, "late-parcel"));
  start_window ();
  start = g_get_monotonic_time ();
  attune_practice_begin (practice, conversation, ATTUNE_ATTEMPT_COACH, ATTUNE_ATTEMPT_FIRST);
  while (!attune_conversation_is_finished (conversation))
    {
      GArray *steps;

      g_assert_nonnull (attune_conversation_choose (conversation, 0, &error));
      g_assert_no_error (error);
      steps = attune_conversation_get_steps (conversation);
      attune_practice_record (practice, &g_array_index (steps, AttuneStep, steps->len - 1), 2000);
      g_main_context_iteration (NULL, FALSE);
    }
  done = FALSE;
  attune_practice_end (practice, conversation);
  /* Written, backed up, and the Progress view's data read again. */
  while (attune_practice_get_n_pending (practice) > 0)
    g_main_context_iteration (NULL, TRUE);
  done = FALSE;
  attune_progress_model_refresh (model);
  run_until (&done);
  finish_us = g_get_monotonic_time () - start;
  finish_gap = longest_gap;
  g_signal_handler_disconnect (model, handler);
  g_assert_null (attune_practice_get_not_saved_reason (practice));

  /* Export the whole history. */
  csv_path = g_strconcat (path, ".csv", NULL);
  csv = g_file_new_for_path (csv_path);
  start_window ();
  start = g_get_monotonic_time ();
  done = FALSE;
  attune_progress_model_export_async (model, ATTUNE_EXPORT_CSV, csv, NULL, async_done, &done);
  run_until (&done);
  export_us = g_get_monotonic_time () - start;
  export_gap = longest_gap;
  g_unlink (csv_path);

  /* Delete the active profile. */
  start_window ();
  start = g_get_monotonic_time ();
  done = FALSE;
  attune_progress_model_delete_profile_async (model, NULL, async_done, &done);
  run_until (&done);
  delete_us = g_get_monotonic_time () - start;
  delete_gap = longest_gap;

  g_source_remove (ticker);
  attune_session_shutdown (session);
  printf ("floor_gap_us=%" G_GINT64_FORMAT " finish_gap_us=%" G_GINT64_FORMAT " export_gap_us=%" G_GINT64_FORMAT
          " delete_gap_us=%" G_GINT64_FORMAT " finish_us=%" G_GINT64_FORMAT " export_us=%" G_GINT64_FORMAT
          " delete_us=%" G_GINT64_FORMAT "\n",
          floor_gap, finish_gap, export_gap, delete_gap, finish_us, export_us, delete_us);
  return 0;
}
