/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lesson search: case- and accent-insensitive, every word must match, and
 * a match in the title ranks above one in the keywords, the summary or
 * the body. Also checks the shipped curriculum as a whole.
 */
#include "config.h"

#include <libxml/parser.h>

#include "attune-library.h"
#include "attune-search.h"

static AttuneLibrary *library;

static guint
score (const char *id,
       const char *query)
{
  g_auto(GStrv) terms = attune_search_parse_query (query);
  AttuneLesson *lesson = attune_library_find_lesson (library, id);

  g_assert_nonnull (lesson);
  return attune_search_score_lesson (lesson, (const char * const *) terms);
}

static void
test_fold (void)
{
  g_autofree char *a = attune_search_fold ("Résumé ÉCOUTE Straße");
  g_autofree char *b = attune_search_fold ("ﬁne");

  g_assert_cmpstr (a, ==, "resume ecoute strasse");
  /* Compatibility forms fold too. */
  g_assert_cmpstr (b, ==, "fine");
}

static void
test_parse_query (void)
{
  g_auto(GStrv) terms = attune_search_parse_query ("  Listen,   ACTIVELY ");
  g_auto(GStrv) none = attune_search_parse_query ("   ");

  g_assert_cmpuint (g_strv_length (terms), ==, 2);
  g_assert_cmpstr (terms[0], ==, "listen");
  g_assert_cmpstr (terms[1], ==, "actively");
  g_assert_cmpuint (g_strv_length (none), ==, 0);
}

static void
test_matching (void)
{
  /* Case and accents do not matter. */
  g_assert_cmpuint (score ("active-listening", "LISTEN"), >, 0);
  g_assert_cmpuint (score ("active-listening", "lísten"), >, 0);
  /* Every word must be found. */
  g_assert_cmpuint (score ("active-listening", "listen xylophone"), ==, 0);
  /* The body is searched, not only the title. */
  g_assert_cmpuint (score ("active-listening", "interrupt"), >, 0);
  /* No terms: everything matches. */
  g_assert_cmpuint (score ("active-listening", ""), ==, 1);
}

static void
test_ranking (void)
{
  /* "apolog" is in the title of one lesson and only in the body or
   * keywords of others: the title wins. */
  guint title = score ("apologise-when-responsible", "apologise");
  guint elsewhere = score ("what-empathy-is", "pity");

  g_assert_cmpuint (title, >=, ATTUNE_SEARCH_WEIGHT_TITLE * 2 - 1);
  g_assert_cmpuint (elsewhere, >, 0);

  for (guint i = 0; i < g_list_model_get_n_items (attune_library_get_lessons (library)); i++)
    {
      g_autoptr(AttuneLesson) lesson = g_list_model_get_item (attune_library_get_lessons (library), i);
      g_auto(GStrv) terms = attune_search_parse_query ("apologise");

      if (g_strcmp0 (attune_lesson_get_id (lesson), "apologise-when-responsible") != 0)
        g_assert_cmpuint (attune_search_score_lesson (lesson, (const char * const *) terms), <, title);
    }
}

static void
test_curriculum_is_complete (void)
{
  static const char *ids[] = {
    "what-empathy-is", "put-yourself-in-their-shoes", "emotional-awareness", "withhold-judgement",
    "keep-practising", "active-listening", "hear-the-whole-message", "reflective-responses",
    "clarify-and-investigate", "acknowledge-the-impact", "validate-without-agreeing",
    "show-care-and-attention", "use-their-name", "language-and-tone", "reassure",
    "apologise-when-responsible", "focus-on-solutions", "empower-the-customer", "follow-up",
    "say-no-with-compassion", "professional-boundaries", "manage-time", "avoid-over-empathising",
    "patience-and-calm", "examine-your-own-position", "situation-third-party",
    "situation-we-are-blamed", "situation-personal-matter",
  };
  GListModel *lessons = attune_library_get_lessons (library);

  g_assert_cmpuint (attune_library_get_n_bad_files (library), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      AttuneLesson *lesson = attune_library_find_lesson (library, ids[i]);

      g_assert_nonnull (lesson);
      g_assert_cmpuint (attune_lesson_get_works (lesson)->len, >=, 3);
      g_assert_cmpuint (attune_lesson_get_backfires (lesson)->len, >=, 3);
      g_assert_cmpuint (attune_lesson_get_example_lines (lesson)->len, >=, 4);
      g_assert_cmpuint (g_strv_length ((GStrv) attune_lesson_get_steps (lesson)), >=, 3);
      g_assert_cmpuint (g_strv_length ((GStrv) attune_lesson_get_sources (lesson)), >=, 1);
    }
  g_assert_cmpuint (g_list_model_get_n_items (lessons), ==, G_N_ELEMENTS (ids));
}

/* Every related lesson, and every strategy a shipped scenario names,
 * resolves to a shipped lesson. */
static void
test_references_resolve (void)
{
  GListModel *lessons = attune_library_get_lessons (library);
  GListModel *scenarios = attune_library_get_scenarios (library);

  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr(AttuneLesson) lesson = g_list_model_get_item (lessons, i);
      GPtrArray *related = attune_lesson_get_related (lesson);

      g_assert_cmpuint (related->len, >=, 1);
      for (guint j = 0; j < related->len; j++)
        g_assert_nonnull (attune_library_find_lesson (library, ((AttuneReference *) related->pdata[j])->id));
    }

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr(AttuneScenario) scenario = g_list_model_get_item (scenarios, i);
      GPtrArray *nodes = attune_scenario_get_nodes (scenario);
      GPtrArray *practises = attune_scenario_get_practises (scenario);

      for (guint j = 0; j < practises->len; j++)
        g_assert_nonnull (attune_library_find_lesson (library, ((AttuneReference *) practises->pdata[j])->id));
      for (guint j = 0; j < nodes->len; j++)
        {
          AttuneScenarioNode *node = g_ptr_array_index (nodes, j);

          for (guint k = 0; k < node->choices->len; k++)
            {
              AttuneChoice *choice = g_ptr_array_index (node->choices, k);

              for (guint e = 0; e < choice->evidence->len; e++)
                g_assert_nonnull (attune_library_find_lesson (library, ((AttuneEvidence *) choice->evidence->pdata[e])->strategy));
            }
        }
    }
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

  g_test_add_func ("/search/fold", test_fold);
  g_test_add_func ("/search/parse-query", test_parse_query);
  g_test_add_func ("/search/matching", test_matching);
  g_test_add_func ("/search/ranking", test_ranking);
  g_test_add_func ("/curriculum/complete", test_curriculum_is_complete);
  g_test_add_func ("/curriculum/references-resolve", test_references_resolve);

  status = g_test_run ();
  g_clear_object (&library);
  return status;
}
