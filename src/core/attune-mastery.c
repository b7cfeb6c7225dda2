/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How well a learner handles each strategy, and what to practise next.
 *
 * The model. Every choice gives evidence for or against strategies, with a
 * weight from -3 to 3. For one strategy:
 *
 *   - each piece of evidence counts its weight times its attempt's credit
 *     (1 for a first attempt, ¼ for a retry after the feedback, 1/10 after
 *     the expert path was shown: attune_attempt_kind_get_credit()) times
 *     r = 2^(-age / half-life), with a half-life of
 *     ATTUNE_MASTERY_HALF_LIFE_DAYS, so recent practice matters more and
 *     old evidence fades;
 *   - G is that sum over positive weights, B over negative ones; the
 *     estimate is (G + 1) / (G + B + 2), the mean of a Beta(1, 1) prior
 *     updated with the evidence. More good evidence can only raise it;
 *     more bad evidence can only lower it;
 *   - while G + B (the amount) is below ATTUNE_MASTERY_MIN_EVIDENCE there
 *     is no verdict: "not enough practice yet". If the amount was enough
 *     before ageing, the strategy is "due for review" instead, from the
 *     day the amount fell below the threshold;
 *   - levels: learning below 0.5, getting there below 0.75, handles well
 *     from 0.75, but only with good evidence at full credit from at least
 *     ATTUNE_MASTERY_MIN_SCENARIOS different role-plays on at least
 *     ATTUNE_MASTERY_MIN_DAYS different local days: one afternoon, or one
 *     role-play learnt by heart, is not yet a skill.
 *
 * Each level's caption (attune_mastery_describe()) states the figure that
 * decided it: the evidence against the threshold, the estimate as a
 * percentage against the next level, the missing role-play or day, or the
 * date a review fell due.
 *
 * The same sums are computed inside SQLite for the Progress view
 * (attune_store_get_strategy_stats(), with attune_mastery_decay()
 * registered as an SQL function), so that a long history is one pass over
 * an index; a test checks both give the same result.
 *
 * Review. A strategy handled well becomes due again after an interval that
 * doubles with each day it was practised well (3, 6, 12 … up to 60 days),
 * counted from the last practice: spaced repetition.
 *
 * Practise next. Each scenario scores the need of the strategies it
 * practises (not practised, not enough, learning and due count most),
 * less if it was played in the last two days, less if its difficulty does
 * not fit the learner's overall level. The best one wins; ties go to the
 * scenario id, so the answer is deterministic.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "attune-mastery.h"
#include "attune-store.h"

#define DAY (G_USEC_PER_SEC * (gint64) 86400)
#define FIRST_REVIEW_DAYS 3
#define MAX_REVIEW_DAYS 60
#define RECENTLY_PLAYED_DAYS 2

static void
strategy_mastery_free (AttuneStrategyMastery *mastery)
{
  g_free (mastery->strategy);
  g_free (mastery);
}

/* How much evidence @age_days old still counts: 1 today, ½ after one
 * half-life. The store uses this same function inside SQLite. */
double
attune_mastery_decay (double age_days)
{
  return attune_decay (age_days);
}

/* The learner's offset from UTC at @now, in µs: where their days begin. */
gint64
attune_mastery_utc_offset (gint64 now)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (now / G_USEC_PER_SEC);

  return local != NULL ? g_date_time_get_utc_offset (local) : 0;
}

static AttuneStrategyMastery *
assess (AttuneStrategyStats *stats,
        gint64               now)
{
  AttuneStrategyMastery *mastery = g_new0 (AttuneStrategyMastery, 1);

  mastery->strategy = g_strdup (stats->strategy);
  mastery->amount = stats->good + stats->bad;
  mastery->estimate = (stats->good + 1.0) / (stats->good + stats->bad + 2.0);
  mastery->good_scenarios = stats->good_scenarios;
  mastery->good_days = stats->good_days;
  mastery->last_practised = stats->last_at;

  if (stats->count == 0)
    mastery->level = ATTUNE_MASTERY_NOT_PRACTISED;
  else if (mastery->amount < ATTUNE_MASTERY_MIN_EVIDENCE)
    {
      mastery->level = ATTUNE_MASTERY_NOT_ENOUGH;
      if (stats->raw >= ATTUNE_MASTERY_MIN_EVIDENCE && mastery->amount > 0)
        {
          /* All evidence ages alike, so the amount t µs from now is
           * amount · 2^(-t / half-life): solve for the threshold. */
          double days = ATTUNE_MASTERY_HALF_LIFE_DAYS * log2 (mastery->amount / ATTUNE_MASTERY_MIN_EVIDENCE);

          mastery->level = ATTUNE_MASTERY_DUE_FOR_REVIEW;
          mastery->due_at = now + (gint64) (days * (double) DAY);
        }
    }
  else if (mastery->estimate < 0.5)
    {
      mastery->level = ATTUNE_MASTERY_LEARNING;
      mastery->limit = ATTUNE_MASTERY_LIMIT_SHARE;
    }
  else if (mastery->estimate < 0.75)
    {
      mastery->level = ATTUNE_MASTERY_GETTING_THERE;
      mastery->limit = ATTUNE_MASTERY_LIMIT_SHARE;
    }
  else if (stats->good_scenarios < ATTUNE_MASTERY_MIN_SCENARIOS)
    {
      mastery->level = ATTUNE_MASTERY_GETTING_THERE;
      mastery->limit = ATTUNE_MASTERY_LIMIT_SCENARIOS;
    }
  else if (stats->good_days < ATTUNE_MASTERY_MIN_DAYS)
    {
      mastery->level = ATTUNE_MASTERY_GETTING_THERE;
      mastery->limit = ATTUNE_MASTERY_LIMIT_DAYS;
    }
  else
    {
      /* Each day of good practice doubles the next interval. */
      guint doublings = MIN (MAX (stats->good_days, 1) - 1, 8);
      gint64 interval = MIN ((gint64) FIRST_REVIEW_DAYS << doublings, MAX_REVIEW_DAYS);

      mastery->level = ATTUNE_MASTERY_HANDLES_WELL;
      mastery->due_at = mastery->last_practised + interval * DAY;
      if (now >= mastery->due_at)
        mastery->level = ATTUNE_MASTERY_DUE_FOR_REVIEW;
    }
  mastery->due = mastery->level == ATTUNE_MASTERY_DUE_FOR_REVIEW;
  return mastery;
}

/**
 * attune_mastery_compute_from_stats:
 * @stats: (element-type AttuneStrategyStats): from
 *   attune_store_get_strategy_stats()
 *
 * Returns: (transfer full): strategy id → AttuneStrategyMastery.
 */
GHashTable *
attune_mastery_compute_from_stats (GPtrArray *stats,
                                   gint64     now)
{
  GHashTable *result = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) strategy_mastery_free);

  for (guint i = 0; i < stats->len; i++)
    {
      AttuneStrategyMastery *mastery = assess (g_ptr_array_index (stats, i), now);

      g_hash_table_insert (result, mastery->strategy, mastery);
    }
  return result;
}

/* The same statistics as the store computes, from evidence in memory:
 * @evidence is oldest first. */
static GPtrArray *
stats_from_evidence (GPtrArray *evidence,
                     gint64     now)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 offset = attune_mastery_utc_offset (now);
  GPtrArray *stats = g_ptr_array_new_with_free_func ((GDestroyNotify) attune_strategy_stats_free);

  for (guint i = 0; i < evidence->len; i++)
    {
      AttuneEvidenceRecord *record = g_ptr_array_index (evidence, i);
      AttuneStrategyStats *s = g_hash_table_lookup (index, record->strategy);
      double counted = attune_mastery_decay ((double) (now - record->at) / (double) DAY) * record->credit;

      if (s == NULL)
        {
          s = g_new0 (AttuneStrategyStats, 1);
          s->strategy = g_strdup (record->strategy);
          g_hash_table_insert (index, s->strategy, s);
          g_ptr_array_add (stats, s);
        }
      if (record->weight > 0)
        {
          s->good += counted * record->weight;
          if (record->credit >= 1.0)
            {
              g_autofree char *day = g_strdup_printf ("day/%s/%" G_GINT64_FORMAT, record->strategy,
                                                      (record->at + offset) / DAY);
              g_autofree char *scenario = g_strdup_printf ("scenario/%s/%s", record->strategy,
                                                           record->scenario != NULL ? record->scenario : "");

              if (g_hash_table_add (seen, g_steal_pointer (&day)))
                s->good_days = MIN (s->good_days + 1, ATTUNE_STATS_MAX_DAYS);
              if (g_hash_table_add (seen, g_steal_pointer (&scenario)))
                s->good_scenarios++;
            }
        }
      else
        s->bad += counted * -record->weight;
      s->raw += ABS (record->weight) * record->credit;
      s->count++;
      s->last_at = MAX (s->last_at, record->at);
    }
  return stats;
}

/**
 * attune_mastery_compute:
 * @evidence: (element-type AttuneEvidenceRecord): oldest first, as
 *   attune_store_get_evidence() returns it
 * @now: the time to judge at, µs since the epoch
 *
 * Returns: (transfer full): strategy id → AttuneStrategyMastery, for every
 *   strategy with evidence.
 */
GHashTable *
attune_mastery_compute (GPtrArray *evidence,
                        gint64     now)
{
  g_autoptr(GPtrArray) stats = stats_from_evidence (evidence, now);

  return attune_mastery_compute_from_stats (stats, now);
}

AttuneMasteryLevel
attune_mastery_level_for (GHashTable *mastery,
                          const char *strategy)
{
  AttuneStrategyMastery *found = g_hash_table_lookup (mastery, strategy);

  return found != NULL ? found->level : ATTUNE_MASTERY_NOT_PRACTISED;
}

const char *
attune_mastery_level_get_label (AttuneMasteryLevel level)
{
  switch (level)
    {
    case ATTUNE_MASTERY_NOT_PRACTISED:
      return C_("mastery level", "Not practised");
    case ATTUNE_MASTERY_NOT_ENOUGH:
      return C_("mastery level", "Not enough practice yet");
    case ATTUNE_MASTERY_LEARNING:
      return C_("mastery level", "Learning");
    case ATTUNE_MASTERY_GETTING_THERE:
      return C_("mastery level", "Getting there");
    case ATTUNE_MASTERY_HANDLES_WELL:
      return C_("mastery level", "Handles well");
    case ATTUNE_MASTERY_DUE_FOR_REVIEW:
      return C_("mastery level", "Due for review");
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
format_date (gint64 at)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (at / G_USEC_PER_SEC);
  char *date;

  if (local == NULL)
    return g_strdup ("?");
  /* Translators: a date, as in “Due for review since 3 March 2027”; see g_date_time_format() */
  date = g_date_time_format (local, _("%e %B %Y"));
  /* A translation with a format g_date_time_format() does not know. */
  return date != NULL ? date : g_date_time_format (local, "%e %B %Y");
}

/* The figure that decided a level, in words. */
char *
attune_mastery_describe (AttuneStrategyMastery *mastery)
{
  guint percent;

  if (mastery == NULL || mastery->level == ATTUNE_MASTERY_NOT_PRACTISED)
    return g_strdup (_("You have not practised this yet."));
  percent = (guint) round (100.0 * mastery->estimate);
  switch (mastery->level)
    {
    case ATTUNE_MASTERY_NOT_ENOUGH:
      /* Translators: both numbers are amounts of evidence, such as “2.5 of the 4” */
      return g_strdup_printf (_("Evidence so far: %.1f of the %.0f points a verdict needs."),
                              mastery->amount, ATTUNE_MASTERY_MIN_EVIDENCE);
    case ATTUNE_MASTERY_DUE_FOR_REVIEW:
      {
        g_autofree char *due = format_date (mastery->due_at);
        g_autofree char *last = format_date (mastery->last_practised);

        /* Translators: both are dates */
        return g_strdup_printf (_("Due for review since %s; last practised on %s."), g_strstrip (due), g_strstrip (last));
      }
    case ATTUNE_MASTERY_LEARNING:
      /* Translators: %u%% is a percentage; “Getting there” is a mastery level */
      return g_strdup_printf (_("Your replies showed this %u%% of the time; “Getting there” starts at 50%%."), percent);
    case ATTUNE_MASTERY_GETTING_THERE:
      if (mastery->limit == ATTUNE_MASTERY_LIMIT_SCENARIOS)
        /* Translators: %u%% is a percentage; “Handles well” is a mastery level */
        return g_strdup_printf (_("Your replies showed this %u%% of the time, all in one role-play; “Handles well” needs a second role-play."), percent);
      if (mastery->limit == ATTUNE_MASTERY_LIMIT_DAYS)
        /* Translators: %u%% is a percentage; “Handles well” is a mastery level */
        return g_strdup_printf (_("Your replies showed this %u%% of the time, all on one day; “Handles well” needs practice on a second day."), percent);
      /* Translators: %u%% is a percentage; “Handles well” is a mastery level */
      return g_strdup_printf (_("Your replies showed this %u%% of the time; “Handles well” starts at 75%%."), percent);
    case ATTUNE_MASTERY_HANDLES_WELL:
    default:
      /* Translators: %u%% is a percentage */
      return g_strdup_printf (_("Your replies showed this %u%% of the time, in more than one role-play and on more than one day."), percent);
    }
}

void
attune_recommendation_free (AttuneRecommendation *recommendation)
{
  if (recommendation == NULL)
    return;
  g_clear_object (&recommendation->scenario);
  g_free (recommendation->reason);
  g_free (recommendation);
}

/* How much practising @strategy would help, 0..1. */
static double
need_of (GHashTable *mastery,
         const char *strategy)
{
  AttuneStrategyMastery *found = g_hash_table_lookup (mastery, strategy);

  if (found == NULL)
    return 1.0;
  switch (found->level)
    {
    case ATTUNE_MASTERY_NOT_PRACTISED:
      return 1.0;
    case ATTUNE_MASTERY_NOT_ENOUGH:
      return 0.8;
    case ATTUNE_MASTERY_LEARNING:
      return 0.6 + 0.4 * (1.0 - found->estimate);
    case ATTUNE_MASTERY_GETTING_THERE:
      return 0.45;
    case ATTUNE_MASTERY_HANDLES_WELL:
      return 0.0;
    case ATTUNE_MASTERY_DUE_FOR_REVIEW:
      return 0.7;
    default:
      return 0.0;
    }
}

static guint
fitting_difficulty (GHashTable *mastery)
{
  GHashTableIter iter;
  gpointer value;
  double total = 0;
  guint n = 0;

  g_hash_table_iter_init (&iter, mastery);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      AttuneStrategyMastery *m = value;

      if (m->level >= ATTUNE_MASTERY_LEARNING)
        {
          total += m->estimate;
          n++;
        }
    }
  if (n < 3)
    return 1;
  total /= n;
  return total < 0.55 ? 1 : total < 0.75 ? 2 : 3;
}

static char *
reason_for (const char *title,
            GHashTable *mastery,
            const char *strategy,
            gint64      now)
{
  AttuneStrategyMastery *found = g_hash_table_lookup (mastery, strategy);

  if (found == NULL || found->level == ATTUNE_MASTERY_NOT_PRACTISED)
    /* Translators: %s is a lesson title, such as “Reassure” */
    return g_strdup_printf (_("You haven’t practised “%s” yet."), title);
  if (found->level == ATTUNE_MASTERY_DUE_FOR_REVIEW)
    {
      g_autofree char *last = format_date (found->last_practised);

      /* Translators: %s is a lesson title, the second %s a date */
      return g_strdup_printf (_("“%s” is due for review: you last practised it on %s."), title, g_strstrip (last));
    }
  if (found->level == ATTUNE_MASTERY_NOT_ENOUGH)
    /* Translators: %s is a lesson title */
    return g_strdup_printf (_("A little more practice will show how you handle “%s”."), title);
  if (found->limit == ATTUNE_MASTERY_LIMIT_SCENARIOS)
    /* Translators: %s is a lesson title */
    return g_strdup_printf (_("You have shown “%s” well in one role-play so far; a second will confirm it."), title);
  if (found->limit == ATTUNE_MASTERY_LIMIT_DAYS)
    /* Translators: %s is a lesson title */
    return g_strdup_printf (_("You have shown “%s” well on one day; practise it again today to confirm it."), title);
  /* Translators: %s is a lesson title; %u%% a percentage */
  return g_strdup_printf (_("“%s” needs work: your replies showed it %u%% of the time."),
                          title, (guint) round (100.0 * found->estimate));
}

/**
 * attune_mastery_recommend:
 * @mastery: from attune_mastery_compute()
 * @last_played: (nullable): scenario id → gint64* time it was last played
 *
 * The scenario to practise next and why, or %NULL when there is none.
 */
AttuneRecommendation *
attune_mastery_recommend (GHashTable    *mastery,
                          AttuneLibrary *library,
                          GHashTable    *last_played,
                          gint64         now)
{
  GListModel *scenarios = attune_library_get_scenarios (library);
  guint preferred = fitting_difficulty (mastery);
  AttuneRecommendation *best = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr(AttuneScenario) scenario = g_list_model_get_item (scenarios, i);
      GPtrArray *practises = attune_scenario_get_practises (scenario);
      const char *neediest = NULL;
      double neediest_value = -1;
      double score = 0;
      gint64 *played = last_played != NULL ? g_hash_table_lookup (last_played, attune_scenario_get_id (scenario)) : NULL;

      for (guint j = 0; j < practises->len; j++)
        {
          const char *strategy = ((AttuneReference *) g_ptr_array_index (practises, j))->id;
          double need = need_of (mastery, strategy);

          score += need;
          if (need > neediest_value)
            {
              neediest_value = need;
              neediest = strategy;
            }
        }
      if (practises->len > 0)
        score /= sqrt ((double) practises->len);
      if (played != NULL && now - *played < RECENTLY_PLAYED_DAYS * DAY)
        score *= 0.25;
      score -= 0.3 * fabs ((double) attune_scenario_get_difficulty (scenario) - (double) preferred);

      if (best == NULL || score > best->score + 1e-9 ||
          (fabs (score - best->score) <= 1e-9 &&
           g_strcmp0 (attune_scenario_get_id (scenario), attune_scenario_get_id (best->scenario)) < 0))
        {
          AttuneLesson *lesson = attune_library_find_lesson (library, neediest);

          attune_recommendation_free (best);
          best = g_new0 (AttuneRecommendation, 1);
          best->scenario = g_object_ref (scenario);
          best->score = score;
          best->reason = reason_for (lesson != NULL ? attune_lesson_get_title (lesson) : neediest,
                                     mastery, neediest, now);
        }
    }
  return best;
}
