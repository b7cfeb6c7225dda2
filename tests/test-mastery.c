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

#include "attune-conversation.h"
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
add_full (GPtrArray  *evidence,
          const char *strategy,
          int         weight,
          gint64      at,
          const char *scenario,
          double      credit)
{
  AttuneEvidenceRecord *record = g_new0 (AttuneEvidenceRecord, 1);

  record->strategy = g_strdup (strategy);
  record->weight = weight;
  record->at = at;
  record->scenario = g_strdup (scenario);
  record->credit = credit;
  g_ptr_array_add (evidence, record);
}

/* First attempts, from two role-plays in turn. */
static void
add (GPtrArray  *evidence,
     const char *strategy,
     int         weight,
     gint64      at)
{
  add_full (evidence, strategy, weight, at, evidence->len % 2 ? "role-play-a" : "role-play-b", 1.0);
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
          /* Levels only move up too, once there is a verdict (review is
           * a matter of time, not a rank). */
          if (a->level >= ATTUNE_MASTERY_LEARNING && a->level != ATTUNE_MASTERY_DUE_FOR_REVIEW &&
              b->level != ATTUNE_MASTERY_DUE_FOR_REVIEW)
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
      add (recent_bad, "reassure", 2, NOW - (1 + i % 2) * DAY);
      add (old_bad, "reassure", 2, NOW - (1 + i % 2) * DAY);
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
  g_assert_cmpint (m->level, ==, ATTUNE_MASTERY_HANDLES_WELL);
  text = attune_mastery_describe (m);
  /* The caption states the very figure that decided the level. */
  {
    g_autofree char *figure = g_strdup_printf ("%u%%", (guint) (100 * m->estimate + 0.5));

    g_assert_cmpfloat (m->estimate, >=, 0.75);
    g_assert_nonnull (strstr (text, figure));
    g_assert_nonnull (strstr (text, "more than one role-play and on more than one day"));
  }

  /* Mostly against: learning. */
  {
    g_autoptr(GPtrArray) poor = evidence_new ();
    g_autoptr(GHashTable) pm = NULL;

    for (guint i = 0; i < 8; i++)
      add (poor, "reassure", i < 2 ? 1 : -2, NOW - DAY);
    m = assess (poor, &pm);
    g_assert_cmpint (m->level, ==, ATTUNE_MASTERY_LEARNING);
    g_clear_pointer (&text, g_free);
    text = attune_mastery_describe (m);
    {
      g_autofree char *figure = g_strdup_printf ("showed this %u%% of the time", (guint) (100 * m->estimate + 0.5));

      g_assert_nonnull (strstr (text, figure));
      g_assert_nonnull (strstr (text, "50%"));
    }
  }

  /* Little evidence: the caption gives the amount against the threshold. */
  {
    g_autoptr(GPtrArray) little = evidence_new ();
    g_autoptr(GHashTable) lm = NULL;

    add (little, "reassure", 2, NOW);
    m = assess (little, &lm);
    g_assert_cmpint (m->level, ==, ATTUNE_MASTERY_NOT_ENOUGH);
    g_clear_pointer (&text, g_free);
    text = attune_mastery_describe (m);
    g_assert_cmpstr (text, ==, "Evidence so far: 2.0 of the 4 points a verdict needs.");
  }
}

/* "Handles well" needs two role-plays and two days, at full credit. */
static void
test_breadth (void)
{
  g_autoptr(GPtrArray) one_play = evidence_new ();
  g_autoptr(GPtrArray) one_day = evidence_new ();
  g_autoptr(GPtrArray) both = evidence_new ();
  g_autoptr(GPtrArray) retries = evidence_new ();
  g_autoptr(GHashTable) m1 = NULL, m2 = NULL, m3 = NULL, m4 = NULL;
  AttuneStrategyMastery *m;
  g_autofree char *text = NULL;

  for (guint i = 0; i < 6; i++)
    {
      add_full (one_play, "reassure", 3, NOW - (gint64) (i % 3) * DAY, "late-parcel", 1.0);
      add_full (one_day, "reassure", 3, NOW - (gint64) i * G_USEC_PER_SEC * 60, i % 2 ? "late-parcel" : "lonely-caller", 1.0);
      add_full (both, "reassure", 3, NOW - (gint64) (i % 2) * DAY, i % 2 ? "late-parcel" : "lonely-caller", 1.0);
      add_full (retries, "reassure", 3, NOW - (gint64) (i % 2) * DAY, i % 2 ? "late-parcel" : "lonely-caller", 0.25);
    }

  m = assess (one_play, &m1);
  g_assert_cmpint (m->level, ==, ATTUNE_MASTERY_GETTING_THERE);
  g_assert_cmpint (m->limit, ==, ATTUNE_MASTERY_LIMIT_SCENARIOS);
  text = attune_mastery_describe (m);
  g_assert_nonnull (strstr (text, "all in one role-play"));

  m = assess (one_day, &m2);
  g_assert_cmpint (m->level, ==, ATTUNE_MASTERY_GETTING_THERE);
  g_assert_cmpint (m->limit, ==, ATTUNE_MASTERY_LIMIT_DAYS);
  g_clear_pointer (&text, g_free);
  text = attune_mastery_describe (m);
  g_assert_nonnull (strstr (text, "all on one day"));

  m = assess (both, &m3);
  g_assert_cmpint (m->level, ==, ATTUNE_MASTERY_HANDLES_WELL);
  g_assert_cmpuint (m->good_scenarios, ==, 2);
  g_assert_cmpuint (m->good_days, ==, 2);

  /* The same answers given as retries count a quarter and earn nothing. */
  m = assess (retries, &m4);
  g_assert_cmpfloat_with_epsilon (m->amount, ((AttuneStrategyMastery *) g_hash_table_lookup (m3, "reassure"))->amount / 4, 1e-9);
  g_assert_cmpint (m->level, <, ATTUNE_MASTERY_HANDLES_WELL);
  g_assert_cmpuint (m->good_scenarios, ==, 0);
}

/* Ageing evidence makes a strategy due for review, with a date, rather
 * than "not enough practice". */
static void
test_ageing_is_review (void)
{
  g_autoptr(GPtrArray) evidence = evidence_new ();
  g_autoptr(GHashTable) mastery = NULL;
  g_autofree char *text = NULL;
  AttuneStrategyMastery *m;

  for (guint i = 0; i < 6; i++)
    add (evidence, "reassure", 3, NOW - (gint64) (200 + i % 2) * DAY);
  m = assess (evidence, &mastery);
  g_assert_cmpfloat (m->amount, <, ATTUNE_MASTERY_MIN_EVIDENCE);
  g_assert_cmpint (m->level, ==, ATTUNE_MASTERY_DUE_FOR_REVIEW);
  g_assert_true (m->due);
  g_assert_cmpint (m->due_at, <, NOW);
  g_assert_cmpint (m->due_at, >, m->last_practised);
  text = attune_mastery_describe (m);
  g_assert_true (g_str_has_prefix (text, "Due for review since "));
  g_assert_cmpstr (attune_mastery_level_get_label (m->level), ==, "Due for review");
}

static void
test_review_intervals_grow (void)
{
  gint64 previous_interval = 0;

  /* The more days of good practice, the longer until the next review
   * (two days are the least that "handles well" needs). */
  for (guint days = 2; days <= 6; days++)
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
      add (evidence, "reassure", 3, NOW - (20 + i % 2) * DAY);
    g_assert_true (assess (evidence, &mastery)->due);
    g_assert_cmpint (assess (evidence, &mastery)->level, ==, ATTUNE_MASTERY_DUE_FOR_REVIEW);
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
  g_assert_cmpint (sqlite3_exec (db, "BEGIN;"
                                  "INSERT INTO attempt (id, profile_id, scenario_id, mode, started_at, credit)"
                                  " VALUES (1, 1, 'late-parcel', 'coach', 0, 1.0), (2, 1, 'lonely-caller', 'coach', 0, 0.25),"
                                  " (3, 1, 'flooded-home', 'coach', 0, 1.0)", NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < 200; i++)
    {
      /* Over a year, then the last 40 within a few days, so that
       * "handles well" and review both occur. */
      gint64 at = i < 160 ? NOW - (gint64) (200 - i) * (DAY * 365 / 200) : NOW - (gint64) (200 - i) * (DAY / 8);
      int weight = g_rand_int_range (rand, -3, 4);
      guint attempt = 1 + g_rand_int_range (rand, 0, 3);
      g_autofree char *sql =
        g_strdup_printf ("INSERT INTO choice (id, attempt_id, seq, node_id, choice_index, chosen_at, time_taken_ms)"
                         " VALUES (%u, %u, %u, 'n', 0, %" G_GINT64_FORMAT ", 1000);"
                         "INSERT INTO evidence (choice_id, profile_id, strategy_id, weight, at, credit, scenario_id)"
                         " SELECT %u, 1, '%s', %d, %" G_GINT64_FORMAT ", credit, scenario_id FROM attempt WHERE id = %u;",
                         i + 1, attempt, i + 1, at, i + 1, strategies[i % 3], weight == 0 ? 2 : (i >= 160 ? ABS (weight) : weight),
                         at, attempt);

      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);

  store = attune_store_open (path, NULL, &error);
  evidence = attune_store_get_evidence (store, 1, &error);
  stats = attune_store_get_strategy_stats (store, 1, NOW, attune_mastery_utc_offset (NOW), &error);
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
      g_assert_cmpint (c->limit, ==, q->limit);
      g_assert_cmpuint (c->good_scenarios, ==, q->good_scenarios);
      g_assert_cmpuint (c->good_days, ==, q->good_days);
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
          add (evidence, attune_lesson_get_id (lesson), 3, NOW - (1 + j % 2) * DAY);
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

/* Plays the best path of @scenario as a learner would at @at, adding its
 * evidence with @credit. */
static void
play_best_path (GPtrArray      *evidence,
                AttuneScenario *scenario,
                gint64          at,
                double          credit)
{
  g_autoptr(AttuneScenarioAnalysis) analysis = attune_scenario_analyse (scenario);
  g_autoptr(AttuneConversation) conversation = attune_conversation_new (scenario);

  g_assert_false (analysis->truncated);
  for (guint i = 0; i < analysis->best_path->len; i++)
    {
      AttuneChoice *choice = attune_conversation_choose (conversation, g_array_index (analysis->best_path, guint, i), NULL);

      g_assert_nonnull (choice);
      for (guint k = 0; k < choice->evidence->len; k++)
        {
          AttuneEvidence *e = g_ptr_array_index (choice->evidence, k);

          add_full (evidence, e->strategy, e->weight, at + (gint64) i * G_USEC_PER_SEC * 30,
                    attune_scenario_get_id (scenario), credit);
        }
    }
  g_assert_true (attune_conversation_is_finished (conversation));
}

/* Local noon, @days_ago days before NOW. */
static gint64
noon (guint days_ago)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (NOW / G_USEC_PER_SEC);
  g_autoptr(GDateTime) day = g_date_time_add_days (now, -(int) days_ago);
  g_autoptr(GDateTime) at = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                                   g_date_time_get_day_of_month (day), 12, 0, 0);

  return g_date_time_to_unix (at) * G_USEC_PER_SEC;
}

static guint
count_handled_well (GHashTable *mastery)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&iter, mastery);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += ((AttuneStrategyMastery *) value)->level == ATTUNE_MASTERY_HANDLES_WELL;
  return n;
}

/* One afternoon of best paths through every shipped role-play is not yet
 * "handles well" for anything; a second day earns it. */
static void
test_one_day_is_not_enough (void)
{
  GListModel *scenarios = attune_library_get_scenarios (library);
  GListModel *lessons = attune_library_get_lessons (library);
  g_autoptr(GPtrArray) evidence = evidence_new ();
  g_autoptr(GHashTable) after_one = NULL;
  g_autoptr(GHashTable) after_two = NULL;
  guint n = g_list_model_get_n_items (scenarios);

  g_assert_cmpuint (n, >=, 16);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttuneScenario) scenario = g_list_model_get_item (scenarios, i);

      play_best_path (evidence, scenario, noon (1) + (gint64) i * G_USEC_PER_SEC * 600, 1.0);
    }
  after_one = attune_mastery_compute (evidence, NOW);
  g_assert_cmpuint (count_handled_well (after_one), ==, 0);

  /* The next day, first attempts again (more than a few hours later, so
   * they are not retries). */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttuneScenario) scenario = g_list_model_get_item (scenarios, (i + 5) % n);

      play_best_path (evidence, scenario, noon (0) + (gint64) i * G_USEC_PER_SEC * 600, 1.0);
    }
  after_two = attune_mastery_compute (evidence, NOW + DAY / 2);
  /* Every strategy of the curriculum that a role-play practises is earned. */
  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr(AttuneLesson) lesson = g_list_model_get_item (lessons, i);
      const char *id = attune_lesson_get_id (lesson);
      gboolean practised = FALSE;

      for (guint j = 0; j < n && !practised; j++)
        {
          g_autoptr(AttuneScenario) scenario = g_list_model_get_item (scenarios, j);

          practised = attune_scenario_practises (scenario, id);
        }
      if (!practised)
        continue;
      if (attune_mastery_level_for (after_two, id) != ATTUNE_MASTERY_HANDLES_WELL)
        g_test_fail_printf ("“%s” is not handled well after two days of best paths", id);
    }
}

/* Every strategy can be earned on its own: the best paths of two
 * role-plays that show it, on different days, until it is handled well. */
static void
test_every_strategy_can_be_earned (void)
{
  GListModel *scenarios = attune_library_get_scenarios (library);
  GListModel *lessons = attune_library_get_lessons (library);
  guint n = g_list_model_get_n_items (scenarios);
  guint earned = 0;

  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr(AttuneLesson) lesson = g_list_model_get_item (lessons, i);
      const char *id = attune_lesson_get_id (lesson);
      g_autoptr(GPtrArray) showing = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) evidence = evidence_new ();
      g_autoptr(GHashTable) mastery = NULL;
      gboolean practised = FALSE;

      /* The role-plays whose best path shows this strategy. */
      for (guint j = 0; j < n; j++)
        {
          g_autoptr(AttuneScenario) scenario = g_list_model_get_item (scenarios, j);
          g_autoptr(GPtrArray) probe = evidence_new ();

          practised |= attune_scenario_practises (scenario, id);
          play_best_path (probe, scenario, NOW, 1.0);
          for (guint k = 0; k < probe->len; k++)
            {
              AttuneEvidenceRecord *r = g_ptr_array_index (probe, k);

              if (g_str_equal (r->strategy, id) && r->weight > 0)
                {
                  g_ptr_array_add (showing, g_object_ref (scenario));
                  break;
                }
            }
        }
      if (!practised)
        continue;
      if (showing->len < 2)
        {
          g_test_fail_printf ("only %u role-play shows “%s” on its best path", showing->len, id);
          continue;
        }

      /* Day by day, alternating role-plays, at most six days. */
      for (guint day = 0; day < 6; day++)
        {
          g_clear_pointer (&mastery, g_hash_table_unref);
          play_best_path (evidence, g_ptr_array_index (showing, day % showing->len), noon (6 - day), 1.0);
          mastery = attune_mastery_compute (evidence, noon (6 - day) + (gint64) G_USEC_PER_SEC * 3600);
          if (attune_mastery_level_for (mastery, id) == ATTUNE_MASTERY_HANDLES_WELL)
            {
              /* One day is never enough. */
              g_assert_cmpuint (day, >, 0);
              break;
            }
        }
      if (attune_mastery_level_for (mastery, id) != ATTUNE_MASTERY_HANDLES_WELL)
        g_test_fail_printf ("“%s” was not earned in six days of best paths", id);
      earned++;
    }
  g_assert_cmpuint (earned, >=, 28);
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
  g_test_add_func ("/mastery/breadth", test_breadth);
  g_test_add_func ("/mastery/ageing-is-review", test_ageing_is_review);
  g_test_add_func ("/mastery/recommend", test_recommend);
  g_test_add_func ("/mastery/sql-agrees", test_sql_agrees);
  g_test_add_func ("/mastery/one-day-is-not-enough", test_one_day_is_not_enough);
  g_test_add_func ("/mastery/every-strategy-can-be-earned", test_every_strategy_can_be_earned);
  status = g_test_run ();
  g_clear_object (&library);
  return status;
}
