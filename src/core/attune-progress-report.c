/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Progress view's data, gathered by the core so that the view only
 * draws: summary, mastery per strategy, what to practise next, the weekly
 * trend and the history. build-aux/bench times exactly this.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-progress-report.h"

void
attune_progress_report_free (AttuneProgressReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->mastery, g_hash_table_unref);
  g_clear_pointer (&report->next, attune_recommendation_free);
  g_clear_pointer (&report->trend, g_array_unref);
  g_clear_pointer (&report->attempts, g_ptr_array_unref);
  g_clear_pointer (&report->stats, g_ptr_array_unref);
  g_clear_pointer (&report->last_played, g_hash_table_unref);
  g_clear_pointer (&report->lessons_read, g_hash_table_unref);
  g_free (report);
}

/**
 * attune_progress_report_read:
 * @now: µs since the epoch; the clock the report is judged by
 *
 * The part of a report that reads the store: run it on the store's worker
 * thread, then attune_progress_report_complete() on the GTK thread.
 */
AttuneProgressReport *
attune_progress_report_read (AttuneStore  *store,
                             gint64        profile,
                             gint64        now,
                             GError      **error)
{
  g_autoptr(AttuneProgressReport) report = g_new0 (AttuneProgressReport, 1);

  report->profile = profile;
  report->now = now;
  if (!attune_store_get_summary (store, profile, now, &report->summary, error))
    return NULL;
  report->stats = attune_store_get_strategy_stats (store, profile, now, attune_mastery_utc_offset (now), error);
  if (report->stats == NULL)
    return NULL;
  report->last_played = attune_store_get_last_played (store, profile, error);
  if (report->last_played == NULL)
    return NULL;
  report->trend = attune_store_get_trend (store, profile, ATTUNE_PROGRESS_TREND_WEEKS, now, error);
  if (report->trend == NULL)
    return NULL;
  report->attempts = attune_store_list_attempts (store, profile, ATTUNE_PROGRESS_HISTORY, error);
  if (report->attempts == NULL)
    return NULL;
  report->lessons_read = attune_store_get_lessons_read (store, profile, error);
  if (report->lessons_read == NULL)
    return NULL;
  return g_steal_pointer (&report);
}

/**
 * attune_progress_report_complete:
 *
 * The part of a report that needs no disk, only the library: mastery from
 * the sums read, the count handled well, and what to practise next. Cheap:
 * it grows with the number of strategies and role-plays, not with the
 * history.
 */
void
attune_progress_report_complete (AttuneProgressReport *report,
                                 AttuneLibrary        *library)
{
  GListModel *lessons = attune_library_get_lessons (library);

  g_clear_pointer (&report->mastery, g_hash_table_unref);
  g_clear_pointer (&report->next, attune_recommendation_free);
  report->mastery = attune_mastery_compute_from_stats (report->stats, report->now);
  report->n_strategies = g_list_model_get_n_items (lessons);
  report->n_handled_well = 0;
  for (guint i = 0; i < report->n_strategies; i++)
    {
      g_autoptr(AttuneLesson) lesson = g_list_model_get_item (lessons, i);

      if (attune_mastery_level_for (report->mastery, attune_lesson_get_id (lesson)) == ATTUNE_MASTERY_HANDLES_WELL)
        report->n_handled_well++;
    }
  report->next = attune_mastery_recommend (report->mastery, library, report->last_played, report->now);
}

/**
 * attune_progress_report_new:
 * @now: µs since the epoch; the clock the report is judged by
 *
 * Reads everything the Progress view needs for @profile, in one go (for
 * the command line and benchmarks; the interface reads in two steps).
 */
AttuneProgressReport *
attune_progress_report_new (AttuneStore    *store,
                            AttuneLibrary  *library,
                            gint64          profile,
                            gint64          now,
                            GError        **error)
{
  AttuneProgressReport *report = attune_progress_report_read (store, profile, now, error);

  if (report != NULL)
    attune_progress_report_complete (report, library);
  return report;
}

/* The chart in words, for screen readers and as its caption. */
char *
attune_progress_trend_describe (GArray *trend)
{
  guint good = 0, total = 0, weeks_practised = 0;
  AttuneTrendPoint *last;

  for (guint i = 0; i < trend->len; i++)
    {
      AttuneTrendPoint *point = &g_array_index (trend, AttuneTrendPoint, i);

      good += point->good;
      total += point->total;
      weeks_practised += point->total > 0;
    }
  if (total == 0)
    return g_strdup_printf (ngettext ("No decisions in the last %u week.",
                                      "No decisions in the last %u weeks.", trend->len), trend->len);

  last = &g_array_index (trend, AttuneTrendPoint, trend->len - 1);
  {
    /* One number per plural sentence: a plural form can follow only one. */
    g_autofree char *good_of_total = g_strdup_printf (
      /* Translators: a summary of the trend chart; the first %u is the number
       * of good decisions, the second the number of decisions (which picks
       * the plural form) */
      ngettext ("%u of %u decision was good.", "%u of %u decisions were good.", total),
      good, total);
    g_autofree char *weeks = g_strdup_printf (
      /* Translators: part of the trend chart's summary; %u is a number of weeks */
      ngettext ("You practised in %u week.", "You practised in %u weeks.", weeks_practised),
      weeks_practised);
    g_autofree char *overall = NULL;
    g_autofree char *this_week = last->total > 0
      ? g_strdup_printf (
          /* Translators: the first %u is the number of good decisions this
           * week, the second the number of decisions (which picks the plural form) */
          ngettext ("This week: %u of %u decision was good.", "This week: %u of %u decisions were good.", last->total),
          last->good, last->total)
      : g_strdup (_("No practice yet this week."));

    /* Translators: two sentences, joined: keep the order or swap as your language needs */
    overall = g_strdup_printf (C_("two sentences", "%s %s"), good_of_total, weeks);
    /* Translators: two sentences, joined: keep the order or swap as your language needs */
    return g_strdup_printf (C_("two sentences", "%s %s"), overall, this_week);
  }
}

/* "2 h 05 min", "12 min", "40 s": how long someone practised. */
char *
attune_progress_format_duration (gint64 microseconds)
{
  gint64 seconds = microseconds / G_USEC_PER_SEC;

  if (seconds < 60)
    /* Translators: a duration in seconds */
    return g_strdup_printf (_("%u s"), (guint) seconds);
  if (seconds < 3600)
    /* Translators: a duration in minutes */
    return g_strdup_printf (_("%u min"), (guint) (seconds / 60));
  /* Translators: a duration in hours and minutes */
  return g_strdup_printf (_("%u h %02u min"), (guint) (seconds / 3600), (guint) ((seconds % 3600) / 60));
}

/**
 * attune_progress_report_describe_lesson:
 *
 * One or two sentences for a lesson page, from a completed report: the
 * learner's level with the strategy and the figure behind it, or whether
 * they read the lesson before.
 */
char *
attune_progress_report_describe_lesson (AttuneProgressReport *report,
                                        const char           *strategy)
{
  AttuneStrategyMastery *found = g_hash_table_lookup (report->mastery, strategy);
  g_autofree char *level = NULL;
  g_autofree char *figure = NULL;

  /* Translators: %s is a level, such as “Getting there” */
  level = g_strdup_printf (_("Your level: %s."),
                           attune_mastery_level_get_label (found != NULL ? found->level : ATTUNE_MASTERY_NOT_PRACTISED));
  figure = found != NULL ? attune_mastery_describe (found)
                         : g_strdup (g_hash_table_contains (report->lessons_read, strategy)
                                     ? _("You have read this lesson before.") : _("You have not practised this yet."));
  /* Translators: two sentences, joined: keep the order or swap as your language needs */
  return g_strdup_printf (C_("two sentences", "%s %s"), level, figure);
}

/**
 * attune_progress_describe_lesson:
 *
 * One or two sentences for a lesson page: the learner's level with the
 * strategy and the figure behind it, and whether they read the lesson
 * before. Returns %NULL when the store cannot be read.
 */
char *
attune_progress_describe_lesson (AttuneStore *store,
                                 gint64       profile,
                                 const char  *strategy,
                                 gint64       now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stats = attune_store_get_strategy_stats (store, profile, now, attune_mastery_utc_offset (now), &error);
  g_autoptr(GHashTable) mastery = NULL;
  g_autofree char *level = NULL;
  g_autofree char *figure = NULL;
  AttuneStrategyMastery *found;

  if (stats == NULL)
    {
      g_message ("Could not read progress for a lesson page: %s", error->message);
      return NULL;
    }
  mastery = attune_mastery_compute_from_stats (stats, now);
  found = g_hash_table_lookup (mastery, strategy);
  /* Translators: %s is a level, such as “Getting there” */
  level = g_strdup_printf (_("Your level: %s."),
                           attune_mastery_level_get_label (found != NULL ? found->level : ATTUNE_MASTERY_NOT_PRACTISED));
  figure = found != NULL ? attune_mastery_describe (found)
                         : g_strdup (attune_store_lesson_was_read (store, profile, strategy)
                                     ? _("You have read this lesson before.") : _("You have not practised this yet."));
  /* Translators: two sentences, joined: keep the order or swap as your language needs */
  return g_strdup_printf (C_("two sentences", "%s %s"), level, figure);
}
