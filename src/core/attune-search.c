/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lesson search, in the language being shown: lessons are translated as
 * they load, so the text searched is the text on screen. Matching ignores
 * case and accents ("resume" finds "résumé"); every word of the query
 * must be found somewhere in the lesson, and a lesson scores more the more
 * prominent the places it is found: title, then keywords, then summary,
 * then the body.
 */
#include "config.h"

#include "attune-search.h"

/**
 * attune_search_fold:
 *
 * @text without case or accents: decomposed (NFKD), combining marks
 * dropped, case-folded. Used on both the query and the lessons.
 */
char *
attune_search_fold (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text != NULL ? text : "", -1, G_NORMALIZE_NFKD);
  g_autoptr(GString) stripped = g_string_sized_new (strlen (decomposed));

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type != G_UNICODE_NON_SPACING_MARK && type != G_UNICODE_SPACING_MARK &&
          type != G_UNICODE_ENCLOSING_MARK)
        g_string_append_unichar (stripped, c);
    }
  return g_utf8_casefold (stripped->str, -1);
}

/* Splits a query into folded words; empty when there is nothing to find. */
GStrv
attune_search_parse_query (const char *query)
{
  g_autofree char *folded = attune_search_fold (query);
  g_auto(GStrv) parts = g_strsplit_set (folded, " \t\n,;", -1);
  g_autoptr(GStrvBuilder) terms = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (terms, parts[i]);
  return g_strv_builder_end (terms);
}

static void
append_all (GString            *into,
            const char * const *texts)
{
  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    {
      g_string_append (into, texts[i]);
      g_string_append_c (into, '\n');
    }
}

static void
append_phrases (GString   *into,
                GPtrArray *phrases)
{
  for (guint i = 0; i < phrases->len; i++)
    {
      AttunePhrase *phrase = g_ptr_array_index (phrases, i);

      g_string_append_printf (into, "%s\n%s\n", phrase->say, phrase->reason != NULL ? phrase->reason : "");
    }
}

typedef struct
{
  char *title;
  char *keywords;
  char *summary;
  char *body;
} SearchIndex;

static void
search_index_free (SearchIndex *index)
{
  g_free (index->title);
  g_free (index->keywords);
  g_free (index->summary);
  g_free (index->body);
  g_free (index);
}

/* Folded copies of the lesson's text, made on the first search and kept
 * on the lesson. */
static SearchIndex *
get_index (AttuneLesson *lesson)
{
  SearchIndex *index = g_object_get_data (G_OBJECT (lesson), "attune-search-index");
  g_autoptr(GString) body = NULL;
  GPtrArray *lines;

  if (index != NULL)
    return index;

  body = g_string_new (NULL);
  append_all (body, attune_lesson_get_what (lesson));
  append_all (body, attune_lesson_get_why (lesson));
  append_all (body, attune_lesson_get_how_intro (lesson));
  append_all (body, attune_lesson_get_steps (lesson));
  append_phrases (body, attune_lesson_get_works (lesson));
  append_phrases (body, attune_lesson_get_backfires (lesson));
  lines = attune_lesson_get_example_lines (lesson);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (body, "%s\n", ((AttuneExampleLine *) g_ptr_array_index (lines, i))->text);
  if (attune_lesson_get_example_setting (lesson) != NULL)
    g_string_append_printf (body, "%s\n", attune_lesson_get_example_setting (lesson));
  if (attune_lesson_get_example_comment (lesson) != NULL)
    g_string_append_printf (body, "%s\n", attune_lesson_get_example_comment (lesson));

  index = g_new0 (SearchIndex, 1);
  index->title = attune_search_fold (attune_lesson_get_title (lesson));
  index->keywords = attune_search_fold (attune_lesson_get_keywords (lesson));
  index->summary = attune_search_fold (attune_lesson_get_summary (lesson));
  index->body = attune_search_fold (body->str);
  g_object_set_data_full (G_OBJECT (lesson), "attune-search-index", index, (GDestroyNotify) search_index_free);
  return index;
}

/* A term that starts a word counts a little more than one inside a word. */
static guint
field_score (const char *field,
             const char *term,
             guint       weight)
{
  const char *found = strstr (field, term);

  if (found == NULL)
    return 0;
  if (found == field || !g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (found))))
    return weight * 2;
  return weight * 2 - 1;
}

/**
 * attune_search_score_lesson:
 * @terms: from attune_search_parse_query()
 *
 * Returns 0 when @lesson does not match (some term is found nowhere),
 * otherwise a score: higher is a better match. With no terms every lesson
 * matches with score 1.
 */
guint
attune_search_score_lesson (AttuneLesson       *lesson,
                            const char * const *terms)
{
  SearchIndex *index;
  guint total = 0;

  g_return_val_if_fail (ATTUNE_IS_LESSON (lesson), 0);

  if (terms == NULL || terms[0] == NULL)
    return 1;

  index = get_index (lesson);
  for (guint i = 0; terms[i] != NULL; i++)
    {
      guint best = field_score (index->title, terms[i], ATTUNE_SEARCH_WEIGHT_TITLE);

      best = MAX (best, field_score (index->keywords, terms[i], ATTUNE_SEARCH_WEIGHT_KEYWORDS));
      best = MAX (best, field_score (index->summary, terms[i], ATTUNE_SEARCH_WEIGHT_SUMMARY));
      best = MAX (best, field_score (index->body, terms[i], ATTUNE_SEARCH_WEIGHT_BODY));
      if (best == 0)
        return 0;
      total += best;
    }
  return total;
}
