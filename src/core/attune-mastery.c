/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How well a learner handles each strategy, and what to practise next.
 *
 * The model. Every choice gives evidence for or against strategies, with a
 * weight from -3 to 3. For one strategy:
 *
 *   - each piece of evidence counts r = 2^(-age / half-life), with a
 *     half-life of ATTUNE_MASTERY_HALF_LIFE_DAYS, so recent practice
 *     matters more and old evidence fades;
 *   - G is the recency-weighted sum of positive weights, B of negative
 *     ones; the estimate is (G + 1) / (G + B + 2), the mean of a Beta(1, 1)
 *     prior updated with the evidence. More good evidence can only raise
 *     it; more bad evidence can only lower it;
 *   - while G + B (the amount) is below ATTUNE_MASTERY_MIN_EVIDENCE there
 *     is no verdict: "not enough practice yet". One answer, even a
 *     perfect one (weight 3), is never "handles well";
 *   - levels: learning below 0.5, getting there below 0.75, handles well
 *     from 0.75.
 *
 *
 * The same sums are computed inside SQLite for the Progress view
 * (attune_store_get_strategy_stats(), with attune_mastery_decay()
 * registered as an SQL function), so that a long history is one pass over
 * an index; a test checks both give the same result.
 *
 * Review. A strategy handled well becomes due again after an interval that
 * doubles with each day it was practised well since (3, 6, 12 … up to 60
 * days), counted from the last practice: spaced repetition.
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

static AttuneMasteryLevel
level_of (double estimate,
          double amount,
          guint  count)
{
  if (count == 0)
    return ATTUNE_MASTERY_NOT_PRACTISED;
  if (amount < ATTUNE_MASTERY_MIN_EVIDENCE)
    return ATTUNE_MASTERY_NOT_ENOUGH;
  if (estimate < 0.5)
    return ATTUNE_MASTERY_LEARNING;
  if (estimate < 0.75)
    return ATTUNE_MASTERY_GETTING_THERE;
  return ATTUNE_MASTERY_HANDLES_WELL;
}

/* How much evidence @age_days old still counts: 1 today, ½ after one
 * half-life. The store uses this same function inside SQLite. */
double
attune_mastery_decay (double age_days)
{
  return exp2 (-MAX (0.0, age_days) / ATTUNE_MASTERY_HALF_LIFE_DAYS);
}

static AttuneStrategyMastery *
assess (AttuneStrategyStats *stats,
        gint64               now)
{
  AttuneStrategyMastery *mastery = g_new0 (AttuneStrategyMastery, 1);

  mastery->strategy = g_strdup (stats->strategy);
  mastery->amount = stats->good + stats->bad;
  mastery->estimate = (stats->good + 1.0) / (stats->good + stats->bad + 2.0);
  mastery->level = level_of (mastery->estimate, mastery->amount, stats->count);
  mastery->recent_good = stats->recent_good;
  mastery->recent_total = stats->recent_total;
  mastery->last_practised = stats->last_at;

  if (mastery->level == ATTUNE_MASTERY_HANDLES_WELL)
    {
      /* Each day of good practice doubles the next interval. */
      guint doublings = MIN (MAX (stats->good_days, 1) - 1, 8);
      gint64 interval = MIN ((gint64) FIRST_REVIEW_DAYS << doublings, MAX_REVIEW_DAYS);

      mastery->due_at = mastery->last_practised + interval * DAY;
      mastery->due = now >= mastery->due_at;
    }
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
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *stats = g_ptr_array_new_with_free_func ((GDestroyNotify) attune_strategy_stats_free);

  for (guint i = 0; i < evidence->len; i++)
    {
      AttuneEvidenceRecord *record = g_ptr_array_index (evidence, i);
      AttuneStrategyStats *s = g_hash_table_lookup (index, record->strategy);
      double recency = attune_mastery_decay ((double) (now - record->at) / (double) DAY);

      if (s == NULL)
        {
          s = g_new0 (AttuneStrategyStats, 1);
          s->strategy = g_strdup (record->strategy);
          g_hash_table_insert (index, s->strategy, s);
          g_ptr_array_add (stats, s);
        }
      if (record->weight > 0)
        {
          g_autofree char *day = g_strdup_printf ("%s/%" G_GINT64_FORMAT, record->strategy, record->at / DAY);

          s->good += recency * record->weight;
          if (g_hash_table_add (days, g_steal_pointer (&day)))
            s->good_days = MIN (s->good_days + 1, ATTUNE_STATS_MAX_DAYS);
        }
      else
        s->bad += recency * -record->weight;
      s->count++;
      s->last_at = MAX (s->last_at, record->at);
    }

  /* The last few decisions, newest first. */
  for (guint i = 0; i < stats->len; i++)
    {
      AttuneStrategyStats *s = g_ptr_array_index (stats, i);

      for (guint j = evidence->len; j-- > 0 && s->recent_total < ATTUNE_STATS_RECENT;)
        {
          AttuneEvidenceRecord *record = g_ptr_array_index (evidence, j);

          if (g_str_equal (record->strategy, s->strategy))
            {
              s->recent_total++;
              s->recent_good += record->weight > 0;
            }
        }
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
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The figure behind a level, in words: "7 of your last 9 decisions showed this." */
char *
attune_mastery_describe (AttuneStrategyMastery *mastery)
{
  if (mastery == NULL || mastery->recent_total == 0)
    return g_strdup (_("You have not practised this yet."));
  return g_strdup_printf (ngettext ("%u of your last %u decision showed this.",
                                    "%u of your last %u decisions showed this.",
                                    mastery->recent_total),
                          mastery->recent_good, mastery->recent_total);
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
      return found->due ? 0.7 : 0.0;
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
  if (found->level == ATTUNE_MASTERY_HANDLES_WELL)
    {
      guint days = (guint) MAX (1, (now - found->last_practised) / DAY);

      /* Translators: %s is a lesson title; %u a number of days */
      return g_strdup_printf (ngettext ("You handle “%s” well, but haven’t practised it in %u day.",
                                        "You handle “%s” well, but haven’t practised it in %u days.", days),
                              title, days);
    }
  if (found->level == ATTUNE_MASTERY_NOT_ENOUGH)
    /* Translators: %s is a lesson title */
    return g_strdup_printf (_("A little more practice will show how you handle “%s”."), title);
  /* Translators: %s is a lesson title; then "N of your last M decisions" */
  return g_strdup_printf (ngettext ("“%s” needs work: %u of your last %u decision showed it.",
                                    "“%s” needs work: %u of your last %u decisions showed it.",
                                    found->recent_total),
                          title, found->recent_good, found->recent_total);
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
