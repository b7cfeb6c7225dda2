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

typedef struct
{
  GArray *weights;        /* int, oldest first */
  GArray *times;          /* gint64 */
} Series;

static void
series_free (Series *series)
{
  g_array_unref (series->weights);
  g_array_unref (series->times);
  g_free (series);
}

static gint64
day_of (gint64 time)
{
  return time / DAY;
}

static AttuneStrategyMastery *
assess (const char *strategy,
        Series     *series,
        gint64      now)
{
  AttuneStrategyMastery *mastery = g_new0 (AttuneStrategyMastery, 1);
  double good = 0, bad = 0;
  guint n = series->weights->len;
  guint first_recent = n > ATTUNE_MASTERY_RECENT_DECISIONS ? n - ATTUNE_MASTERY_RECENT_DECISIONS : 0;

  mastery->strategy = g_strdup (strategy);
  for (guint i = 0; i < n; i++)
    {
      int weight = g_array_index (series->weights, int, i);
      gint64 at = g_array_index (series->times, gint64, i);
      double age_days = MAX (0.0, (double) (now - at) / (double) DAY);
      double recency = exp2 (-age_days / ATTUNE_MASTERY_HALF_LIFE_DAYS);

      if (weight > 0)
        good += recency * weight;
      else
        bad += recency * -weight;

      if (i >= first_recent)
        {
          mastery->recent_total++;
          if (weight > 0)
            mastery->recent_good++;
        }
      mastery->last_practised = MAX (mastery->last_practised, at);
    }

  mastery->amount = good + bad;
  mastery->estimate = (good + 1.0) / (good + bad + 2.0);
  mastery->level = level_of (mastery->estimate, mastery->amount, n);

  if (mastery->level == ATTUNE_MASTERY_HANDLES_WELL)
    {
      /* Days with good practice, each doubling the next interval. */
      gint64 last_day = -1;
      guint good_days = 0;
      gint64 interval;

      for (guint i = 0; i < n; i++)
        {
          gint64 day = day_of (g_array_index (series->times, gint64, i));

          if (g_array_index (series->weights, int, i) > 0 && day != last_day)
            {
              good_days++;
              last_day = day;
            }
        }
      interval = MIN ((gint64) FIRST_REVIEW_DAYS << MIN (MAX (good_days, 1) - 1, 8), MAX_REVIEW_DAYS);
      mastery->due_at = mastery->last_practised + interval * DAY;
      mastery->due = now >= mastery->due_at;
    }
  return mastery;
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
  g_autoptr(GHashTable) by_strategy = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) series_free);
  GHashTable *result = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) strategy_mastery_free);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < evidence->len; i++)
    {
      AttuneEvidenceRecord *record = g_ptr_array_index (evidence, i);
      Series *series = g_hash_table_lookup (by_strategy, record->strategy);

      if (series == NULL)
        {
          series = g_new0 (Series, 1);
          series->weights = g_array_new (FALSE, FALSE, sizeof (int));
          series->times = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (by_strategy, record->strategy, series);
        }
      g_array_append_val (series->weights, record->weight);
      g_array_append_val (series->times, record->at);
    }

  g_hash_table_iter_init (&iter, by_strategy);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      AttuneStrategyMastery *mastery = assess (key, value, now);

      g_hash_table_insert (result, mastery->strategy, mastery);
    }
  return result;
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
