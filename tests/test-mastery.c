/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mastery model's promises: more good evidence never lowers it, old
 * evidence fades, one lucky answer is not "handles well", handled-well
 * strategies come back for review after growing intervals, and "practise
 * next" is deterministic and explains itself.
 */
#include "config.h"

#include <libxml/parser.h>

#include "attune-mastery.h"
#include "attune-store.h"

#define DAY (G_USEC_PER_SEC * (gint64) 86400)
#define NOW ((gint64) 1800000000 * G_USEC_PER_SEC)

static GPtrArray *
evidence_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) attune_evidence_record_free);
}

static void
add (GPtrArray  *evidence,
     const char *strategy,
     int         weight,
     gint64      at)
{
  AttuneEvidenceRecord *record = g_new0 (AttuneEvidenceRecord, 1);

  record->strategy = g_strdup (strategy);
  record->weight = weight;
  record->at = at;
  g_ptr_array_add (evidence, record);
}

static AttuneStrategyMastery *
assess (GPtrArray  *evidence,
        GHashTable **keep)
{
  *keep = attune_mastery_compute (evidence, NOW);
  return g_hash_table_lookup (*keep, "reassure");
}

static void
test_no_evidence (void)
{
  g_autoptr(GPtrArray) evidence = evidence_new ();
  g_autoptr(GHashTable) mastery = attune_mastery_compute (evidence, NOW);

  g_assert_cmpint (attune_mastery_level_for (mastery, "reassure"), ==, ATTUNE_MASTERY_NOT_PRACTISED);
}

static void
test_one_lucky_answer (void)
{
  g_autoptr(GPtrArray) evidence = evidence_new ();
  g_autoptr(GHashTable) mastery = NULL;
  AttuneStrategyMastery *m;

  add (evidence, "reassure", 3, NOW - DAY);
  m = assess (evidence, &mastery);
  g_assert_cmpint (m->level, ==, ATTUNE_MASTERY_NOT_ENOUGH);
  g_assert_cmpfloat (m->estimate, >, 0.5);
}

static void
test_more_good_never_lowers (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint trial = 0; trial < 500; trial++)
    {
      g_autoptr(GPtrArray) evidence = evidence_new ();
      g_autoptr(GHashTable) before = NULL;
      g_autoptr(GHashTable) after = NULL;
      AttuneStrategyMastery *a, *b;
      guint n = g_rand_int_range (rand, 0, 30);

      for (guint i = 0; i < n; i++)
        {
          int weight = g_rand_int_range (rand, -3, 4);

          add (evidence, "reassure", weight == 0 ? 1 : weight, NOW - g_rand_int_range (rand, 0, 200) * DAY);
        }
      before = attune_mastery_compute (evidence, NOW);
      add (evidence, "reassure", g_rand_int_range (rand, 1, 4), NOW - g_rand_int_range (rand, 0, 200) * DAY);
      after = attune_mastery_compute (evidence, NOW);
      a = g_hash_table_lookup (before, "reassure");
      b = g_hash_table_lookup (after, "reassure");
      if (a != NULL)
        {
          g_assert_cmpfloat (b->estimate, >=, a->estimate);
          /* Levels only move up too, once there is a verdict. */
          if (a->level >= ATTUNE_MASTERY_LEARNING)
            g_assert_cmpint (b->level, >=, a->level);
        }
    }
}

static void
test_old_evidence_fades (void)
{
  g_autoptr(GPtrArray) recent_bad = evidence_new ();
  g_autoptr(GPtrArray) old_bad = evidence_new ();
  g_autoptr(GHashTable) m1 = NULL;
  g_autoptr(GHashTable) m2 = NULL;
  AttuneStrategyMastery *a, *b;

  for (guint i = 0; i < 6; i++)
    {
      add (recent_bad, "reassure", -2, NOW - 1 * DAY);
      add (old_bad, "reassure", -2, NOW - 180 * DAY);
    }
  for (guint i = 0; i < 6; i++)
    {
      add (recent_bad, "reassure", 2, NOW - 1 * DAY);
      add (old_bad, "reassure", 2, NOW - 1 * DAY);
    }
  a = assess (recent_bad, &m1);
  b = assess (old_bad, &m2);
  /* The same mistakes made half a year ago weigh far less than this week's. */
  g_assert_cmpfloat (b->estimate, >, a->estimate);
  g_assert_cmpint (b->level, ==, ATTUNE_MASTERY_HANDLES_WELL);
  g_assert_cmpint (a->level, <, ATTUNE_MASTERY_HANDLES_WELL);

  /* One half-life halves the weight: 30 days old counts half of today. */
  {
    g_autoptr(GPtrArray) today = evidence_new ();
    g_autoptr(GPtrArray) month = evidence_new ();
    g_autoptr(GHashTable) t = NULL;
    g_autoptr(GHashTable) o = NULL;

    add (today, "reassure", 2, NOW);
    add (month, "reassure", 2, NOW - (gint64) (ATTUNE_MASTERY_HALF_LIFE_DAYS * DAY));
    g_assert_cmpfloat_with_epsilon (assess (month, &o)->amount, assess (today, &t)->amount / 2, 1e-9);
  }
}

static void
test_levels_and_figure (void)
{
  g_autoptr(GPtrArray) evidence = evidence_new ();
  g_autoptr(GHashTable) mastery = NULL;
  g_autofree char *text = NULL;
  AttuneStrategyMastery *m;

  /* 7 good and 2 bad, recently. */
  for (guint i = 0; i < 9; i++)
    add (evidence, "reassure", i < 7 ? 2 : -1, NOW - (9 - i) * DAY);
  m = assess (evidence, &mastery);
  g_assert_cmpuint (m->recent_good, ==, 7);
  g_assert_cmpuint (m->recent_total, ==, 9);
  g_assert_cmpint (m->level, ==, ATTUNE_MASTERY_HANDLES_WELL);
  text = attune_mastery_describe (m);
  g_assert_cmpstr (text, ==, "7 of your last 9 decisions showed this.");

  /* Mostly against: learning. */
  {
    g_autoptr(GPtrArray) poor = evidence_new ();
    g_autoptr(GHashTable) pm = NULL;

    for (guint i = 0; i < 8; i++)
      add (poor, "reassure", i < 2 ? 1 : -2, NOW - DAY);
    g_assert_cmpint (assess (poor, &pm)->level, ==, ATTUNE_MASTERY_LEARNING);
  }
}

static void
test_review_intervals_grow (void)
{
  gint64 previous_interval = 0;

  /* The more days of good practice, the longer until the next review. */
  for (guint days = 1; days <= 5; days++)
    {
      g_autoptr(GPtrArray) evidence = evidence_new ();
      g_autoptr(GHashTable) mastery = NULL;
      AttuneStrategyMastery *m;
      gint64 interval;

      for (guint d = 0; d < days; d++)
        for (guint i = 0; i < 4; i++)
          add (evidence, "reassure", 3, NOW - (days - d) * DAY);
      m = assess (evidence, &mastery);
      g_assert_cmpint (m->level, ==, ATTUNE_MASTERY_HANDLES_WELL);
      interval = m->due_at - m->last_practised;
      g_assert_cmpint (interval, >, previous_interval);
      previous_interval = interval;
    }

  /* And once the interval has passed, it is due. */
  {
    g_autoptr(GPtrArray) evidence = evidence_new ();
    g_autoptr(GHashTable) mastery = NULL;

    for (guint i = 0; i < 4; i++)
      add (evidence, "reassure", 3, NOW - 20 * DAY);
    g_assert_true (assess (evidence, &mastery)->due);
  }
}

static AttuneLibrary *library;

static void
test_recommend (void)
{
  g_autoptr(GPtrArray) evidence = evidence_new ();
  g_autoptr(GHashTable) mastery = NULL;
  g_autoptr(GHashTable) played = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(AttuneRecommendation) first = NULL;
  g_autoptr(AttuneRecommendation) again = NULL;
  g_autoptr(AttuneRecommendation) after_playing = NULL;
  gint64 *when;

  /* A learner who handles everything but saying no well, recently. */
  {
    GListModel *lessons = attune_library_get_lessons (library);

    for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
      {
        g_autoptr(AttuneLesson) lesson = g_list_model_get_item (lessons, i);

        if (g_str_equal (attune_lesson_get_id (lesson), "say-no-with-compassion"))
          continue;
        for (guint j = 0; j < 4; j++)
          add (evidence, attune_lesson_get_id (lesson), 3, NOW - DAY);
      }
  }
  mastery = attune_mastery_compute (evidence, NOW);

  first = attune_mastery_recommend (mastery, library, NULL, NOW);
  g_assert_nonnull (first);
  g_assert_true (attune_scenario_practises (first->scenario, "say-no-with-compassion"));
  g_assert_nonnull (strstr (first->reason, "yet"));

  /* Deterministic. */
  again = attune_mastery_recommend (mastery, library, NULL, NOW);
  g_assert_true (again->scenario == first->scenario);
  g_assert_cmpstr (again->reason, ==, first->reason);

  /* Played an hour ago: the other scenario that trains it comes first. */
  when = g_new (gint64, 1);
  *when = NOW - (gint64) G_USEC_PER_SEC * 3600;
  g_hash_table_insert (played, g_strdup (attune_scenario_get_id (first->scenario)), when);
  after_playing = attune_mastery_recommend (mastery, library, played, NOW);
  g_assert_false (after_playing->scenario == first->scenario);
  g_assert_true (attune_scenario_practises (after_playing->scenario, "say-no-with-compassion"));
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  xmlInitParser ();
  library = attune_library_new ();
  attune_library_add_standard_folders (library);
  attune_library_load (library);

  g_test_add_func ("/mastery/no-evidence", test_no_evidence);
  g_test_add_func ("/mastery/one-lucky-answer", test_one_lucky_answer);
  g_test_add_func ("/mastery/more-good-never-lowers", test_more_good_never_lowers);
  g_test_add_func ("/mastery/old-evidence-fades", test_old_evidence_fades);
  g_test_add_func ("/mastery/levels-and-figure", test_levels_and_figure);
  g_test_add_func ("/mastery/review-intervals-grow", test_review_intervals_grow);
  g_test_add_func ("/mastery/recommend", test_recommend);
  status = g_test_run ();
  g_clear_object (&library);
  return status;
}
