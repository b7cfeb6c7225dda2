/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mastery model's promises: more good evidence never lowers it, old
 * evidence fades, one lucky answer is not "handles well", handled-well
 * strategies come back for review after growing intervals, and "practise
 * next" is deterministic and explains itself.
 */
#include "config.h"

#include <sqlite3.h>

#include <glib/gstdio.h>
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

/* The Progress view sums evidence inside SQLite; the result must be the
 * same as the model computed in C from the same evidence. */
static void
test_sql_agrees (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attune-mastery-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "progress.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = attune_store_open (path, NULL, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  static const char *strategies[] = { "reassure", "active-listening", "follow-up" };
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GHashTable) from_c = NULL;
  g_autoptr(GHashTable) from_sql = NULL;
  sqlite3 *db;

  g_assert_no_error (error);
  attune_store_create_profile (store, "Dana", &error);
  g_clear_object (&store);

  /* Two hundred decisions over a year, written as the store would. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "BEGIN; INSERT INTO attempt VALUES (1, 1, 'late-parcel', 'coach', 0, NULL, NULL, NULL)", NULL, NULL, NULL);
  for (guint i = 0; i < 200; i++)
    {
      gint64 at = NOW - (gint64) (200 - i) * (DAY * 365 / 200);
      int weight = g_rand_int_range (rand, -3, 4);
      g_autofree char *sql = g_strdup_printf ("INSERT INTO choice VALUES (%u, 1, %u, 'n', 0, %" G_GINT64_FORMAT ", 1000);"
                                              "INSERT INTO evidence VALUES (%u, 1, '%s', %d, %" G_GINT64_FORMAT ");",
                                              i + 1, i + 1, at, i + 1, strategies[i % 3], weight == 0 ? 2 : weight, at);

      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);

  store = attune_store_open (path, NULL, &error);
  evidence = attune_store_get_evidence (store, 1, &error);
  stats = attune_store_get_strategy_stats (store, 1, NOW, &error);
  g_assert_no_error (error);
  from_c = attune_mastery_compute (evidence, NOW);
  from_sql = attune_mastery_compute_from_stats (stats, NOW);
  g_assert_cmpuint (g_hash_table_size (from_c), ==, 3);
  g_assert_cmpuint (g_hash_table_size (from_sql), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (strategies); i++)
    {
      AttuneStrategyMastery *c = g_hash_table_lookup (from_c, strategies[i]);
      AttuneStrategyMastery *q = g_hash_table_lookup (from_sql, strategies[i]);

      g_assert_cmpfloat_with_epsilon (c->estimate, q->estimate, 1e-9);
      g_assert_cmpfloat_with_epsilon (c->amount, q->amount, 1e-9);
      g_assert_cmpint (c->level, ==, q->level);
      g_assert_cmpuint (c->recent_good, ==, q->recent_good);
      g_assert_cmpuint (c->recent_total, ==, q->recent_total);
      g_assert_cmpint (c->last_practised, ==, q->last_practised);
      g_assert_cmpint (c->due_at, ==, q->due_at);
    }
  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_unlink (file);
      }
    g_rmdir (dir);
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
  g_test_add_func ("/mastery/sql-agrees", test_sql_agrees);
  status = g_test_run ();
  g_clear_object (&library);
  return status;
}
