/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `attune --report FILE…`: what a trainer needs to check a branching
 * story without playing every branch. For each scenario: how many
 * complete paths there are (checked against an independent count), the
 * best and worst, how the paths share out between the outcomes, what
 * each path shows of the strategies, how long paths are, which decisions
 * lead to each ending (so its debrief can be read against them), and
 * every warning. Plain text, or an HTML page to print or share.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-content.h"
#include "attune-conversation.h"
#include "attune-fairness.h"
#include "attune-lint.h"
#include "attune-paths.h"
#include "attune-problem.h"
#include "attune-report.h"

/* Beyond this, the table of every path would be unreadable. */
#define MAX_PATHS_SHOWN 60

typedef struct
{
  AttuneReportFormat format;
  GString *out;
  gboolean in_list;
} Writer;

static void
end_list (Writer *w)
{
  if (w->in_list && w->format == ATTUNE_REPORT_HTML)
    g_string_append (w->out, "</ul>\n");
  w->in_list = FALSE;
}

static void
heading (Writer     *w,
         guint       level,
         const char *text)
{
  end_list (w);
  if (w->format == ATTUNE_REPORT_HTML)
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      g_string_append_printf (w->out, "<h%u>%s</h%u>\n", level, escaped, level);
    }
  else
    {
      gsize length = g_utf8_strlen (text, -1);

      g_string_append_printf (w->out, "\n%s\n", text);
      for (gsize i = 0; i < length; i++)
        g_string_append_c (w->out, level == 1 ? '=' : '-');
      g_string_append_c (w->out, '\n');
    }
}

static void
para (Writer     *w,
      const char *text)
{
  end_list (w);
  if (w->format == ATTUNE_REPORT_HTML)
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      g_string_append_printf (w->out, "<p>%s</p>\n", escaped);
    }
  else
    g_string_append_printf (w->out, "%s\n", text);
}

static void
item (Writer     *w,
      guint       depth,
      const char *text)
{
  if (w->format == ATTUNE_REPORT_HTML)
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      if (!w->in_list)
        g_string_append (w->out, "<ul>\n");
      g_string_append_printf (w->out, "<li%s>%s</li>\n", depth > 0 ? " class=\"sub\"" : "", escaped);
    }
  else
    g_string_append_printf (w->out, "%*s- %s\n", 2 + 4 * (int) depth, "", text);
  w->in_list = TRUE;
}

static void
itemf (Writer     *w,
       guint       depth,
       const char *format,
       ...) G_GNUC_PRINTF (3, 4);

static void
itemf (Writer     *w,
       guint       depth,
       const char *format,
       ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  item (w, depth, text);
}

static void
paraf (Writer     *w,
       const char *format,
       ...) G_GNUC_PRINTF (2, 3);

static void
paraf (Writer     *w,
       const char *format,
       ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  para (w, text);
}

/* The first words of a reply, so that a decision is recognisable. */
static char *
excerpt (const char *text)
{
  if (g_utf8_strlen (text, -1) <= 60)
    return g_strdup (text);
  {
    g_autofree char *start = g_utf8_substring (text, 0, 57);

    return g_strdup_printf ("%s…", start);
  }
}

static const char *
quality_words (AttuneReplyQuality quality)
{
  switch (quality)
    {
    case ATTUNE_REPLY_STRONG:
      return _("strong");
    case ATTUNE_REPLY_PARTLY:
      return _("partly right");
    case ATTUNE_REPLY_WEAK:
    default:
      return _("weak");
    }
}

static char *
describe_decision (const AttuneDecision *decision)
{
  AttuneChoice *choice = g_ptr_array_index (decision->node->choices, decision->choice_index);
  g_autofree char *short_reply = excerpt (choice->reply);

  /* Translators: a decision in a role-play: node id, reply number, line, quality, the start of the reply */
  return g_strdup_printf (_("at “%s”, reply %u (line %u, %s): “%s”"),
                          decision->node->id, decision->choice_index + 1, choice->line,
                          quality_words (attune_scenario_node_get_quality (decision->node, decision->choice_index)),
                          short_reply);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* "shown: a, b; missed: c". */
static char *
describe_strategies (AttunePath *path)
{
  g_autoptr(GHashTable) tally = attune_path_tally_strategies (path);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(GPtrArray) missed = g_ptr_array_new ();
  g_autofree char *shown_text = NULL;
  g_autofree char *missed_text = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, tally);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (GPOINTER_TO_INT (value) > 0)
        g_ptr_array_add (shown, key);
      else if (GPOINTER_TO_INT (value) < 0)
        g_ptr_array_add (missed, key);
    }
  g_ptr_array_sort (shown, compare_strings);
  g_ptr_array_sort (missed, compare_strings);
  g_ptr_array_add (shown, NULL);
  g_ptr_array_add (missed, NULL);
  shown_text = shown->len > 1 ? g_strjoinv (", ", (char **) shown->pdata) : g_strdup (C_("strategies", "none"));
  missed_text = missed->len > 1 ? g_strjoinv (", ", (char **) missed->pdata) : g_strdup (C_("strategies", "none"));
  /* Translators: two lists of strategy ids */
  return g_strdup_printf (_("shows: %s; misses: %s"), shown_text, missed_text);
}

static void
describe_path (Writer     *w,
               const char *label,
               AttunePath *path)
{
  g_autofree char *strategies = describe_strategies (path);

  /* Translators: "Best path" or "Worst path", then its score, the outcome, the ending id, a mood label and the number of decisions */
  paraf (w, ngettext ("%s: score %d, %s (ending “%s”), customer finally %s, %u decision.",
                      "%s: score %d, %s (ending “%s”), customer finally %s, %u decisions.",
                      path->decisions->len),
         label, path->score, attune_outcome_get_label (path->ending->outcome), path->ending->id,
         attune_mood_get_label (path->mood), path->decisions->len);
  for (guint i = 0; i < path->decisions->len; i++)
    {
      g_autofree char *text = describe_decision (&g_array_index (path->decisions, AttuneDecision, i));

      itemf (w, 0, "%u. %s", i + 1, text);
    }
  item (w, 0, strategies);
}

typedef struct
{
  guint n_paths;
  GHashTable *decisions;    /* decision key -> paths through it */
  GHashTable *last;         /* decision key -> paths ending with it */
  GHashTable *described;    /* decision key -> description */
} EndingStats;

static void
ending_stats_clear (EndingStats *stats)
{
  g_clear_pointer (&stats->decisions, g_hash_table_unref);
  g_clear_pointer (&stats->last, g_hash_table_unref);
  g_clear_pointer (&stats->described, g_hash_table_unref);
}

static void
count_key (GHashTable *table,
           const char *key)
{
  g_hash_table_insert (table, g_strdup (key), GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (table, key)) + 1));
}

static void
report_endings (Writer         *w,
                AttuneScenario *scenario,
                AttunePathSet  *set)
{
  GPtrArray *endings = attune_scenario_get_endings (scenario);
  g_autofree EndingStats *stats = g_new0 (EndingStats, endings->len);

  for (guint e = 0; e < endings->len; e++)
    {
      stats[e].decisions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      stats[e].last = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      stats[e].described = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    }

  for (guint p = 0; p < set->paths->len; p++)
    {
      AttunePath *path = g_ptr_array_index (set->paths, p);
      g_autoptr(GHashTable) on_path = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      guint e;

      for (e = 0; e < endings->len && g_ptr_array_index (endings, e) != path->ending; e++)
        ;
      stats[e].n_paths++;
      for (guint i = 0; i < path->decisions->len; i++)
        {
          AttuneDecision *decision = &g_array_index (path->decisions, AttuneDecision, i);
          g_autofree char *key = attune_decision_key (decision);

          if (!g_hash_table_contains (stats[e].described, key))
            g_hash_table_insert (stats[e].described, g_strdup (key), describe_decision (decision));
          if (g_hash_table_add (on_path, g_strdup (key)))
            count_key (stats[e].decisions, key);
          if (i + 1 == path->decisions->len)
            count_key (stats[e].last, key);
        }
    }

  heading (w, 3, _("Decisions leading to each ending"));
  para (w, _("Read each debrief against these decisions: it must be true for every path that reaches the ending."));
  for (guint e = 0; e < endings->len; e++)
    {
      AttuneScenarioEnding *ending = g_ptr_array_index (endings, e);
      g_autoptr(GPtrArray) keys = g_ptr_array_new ();
      GHashTableIter iter;
      gpointer key_data;

      /* Translators: an ending id, its outcome, the line, and how many paths reach it */
      paraf (w, ngettext ("Ending “%s” (%s, line %u): %u path.",
                          "Ending “%s” (%s, line %u): %u paths.", stats[e].n_paths),
             ending->id, attune_outcome_get_label (ending->outcome), ending->line, stats[e].n_paths);
      paraf (w, _("Debrief: %s"), ending->debrief);
      g_hash_table_iter_init (&iter, stats[e].decisions);
      while (g_hash_table_iter_next (&iter, &key_data, NULL))
        g_ptr_array_add (keys, key_data);
      g_ptr_array_sort (keys, compare_strings);
      for (guint k = 0; k < keys->len; k++)
        {
          const char *key = g_ptr_array_index (keys, k);
          guint on = GPOINTER_TO_UINT (g_hash_table_lookup (stats[e].decisions, key));
          guint last = GPOINTER_TO_UINT (g_hash_table_lookup (stats[e].last, key));
          const char *text = g_hash_table_lookup (stats[e].described, key);

          if (last > 0)
            /* Translators: a decision, then how many paths it is on and how many it ends */
            itemf (w, 0, _("%s: on %u of %u paths, the last decision on %u"), text, on, stats[e].n_paths, last);
          else
            /* Translators: a decision, then how many paths it is on */
            itemf (w, 0, _("%s: on %u of %u paths"), text, on, stats[e].n_paths);
        }
    }

  for (guint e = 0; e < endings->len; e++)
    ending_stats_clear (&stats[e]);
}

/**
 * attune_report_scenario:
 * @warnings: (element-type AttuneProblem): the scenario's warnings
 * @revisits: the loop bound for the paths
 *
 * Appends the report of one scenario that loaded without errors to @out.
 */
void
attune_report_scenario (AttuneScenario     *scenario,
                        GPtrArray          *warnings,
                        guint               revisits,
                        AttuneReportFormat  format,
                        GString            *out)
{
  Writer w = { format, out, FALSE };
  g_autoptr(AttunePathSet) set = attune_paths_enumerate (scenario, revisits);
  guint64 counted = attune_paths_count (scenario, revisits);
  guint64 total = 0;
  guint64 length_sum = 0;
  g_autofree char *title = g_strdup_printf ("%s (%s)", attune_scenario_get_title (scenario), attune_scenario_get_id (scenario));

  for (guint o = 0; o < ATTUNE_N_OUTCOMES; o++)
    total += set->by_outcome[o];
  for (guint p = 0; p < set->paths->len; p++)
    length_sum += ((AttunePath *) g_ptr_array_index (set->paths, p))->decisions->len;

  heading (&w, 2, title);
  paraf (&w, _("File: %s"), attune_scenario_get_file (scenario));

  heading (&w, 3, _("Paths"));
  /* (Counts as gulong, 64 bits here: xgettext cannot read G_GUINT64_FORMAT
   * inside a translatable string, and would cut the message short.) */
  paraf (&w, ngettext ("%lu complete path from the start to an ending.",
                       "%lu complete paths from the start to an ending.", (gulong) MIN (total, G_MAXULONG)),
         (gulong) total);
  if (set->has_loops)
    paraf (&w, ngettext ("The conversation has loops: paths were followed with each node entered at most %u more time.",
                         "The conversation has loops: paths were followed with each node entered at most %u more times.",
                         revisits),
           revisits);
  else
    para (&w, _("The conversation has no loops, so every path is listed."));
  if (counted == total && !set->truncated)
    paraf (&w, _("Independent count: %lu paths, which agrees."), (gulong) counted);
  else
    paraf (&w, _("Independent count: %lu paths, which does NOT agree with the listing; please report this."), (gulong) counted);
  if (set->truncated)
    paraf (&w, _("Only the first %u paths are analysed below."), (guint) ATTUNE_PATHS_MAX_LISTED);
  if (set->paths->len == 0)
    return;
  /* Translators: the shortest, longest and mean number of decisions on a path */
  paraf (&w, _("Path length: %u to %u decisions, %.1f on average."),
         set->min_length, set->max_length, (double) length_sum / set->paths->len);

  heading (&w, 3, _("Outcomes"));
  for (guint o = 0; o < ATTUNE_N_OUTCOMES; o++)
    /* Translators: an outcome, the share of paths in per cent, and the number of paths */
    itemf (&w, 0, _("%s: %.0f%% of paths (%lu)"), attune_outcome_get_label (o),
           total > 0 ? 100.0 * (double) set->by_outcome[o] / (double) total : 0.0, (gulong) set->by_outcome[o]);

  heading (&w, 3, _("Best and worst paths"));
  para (&w, _("A path’s score is the sum of the net evidence weights of its replies."));
  describe_path (&w, _("Best path"), g_ptr_array_index (set->paths, set->best));
  describe_path (&w, _("Worst path"), g_ptr_array_index (set->paths, set->worst));

  heading (&w, 3, _("Every path"));
  for (guint p = 0; p < set->paths->len && p < MAX_PATHS_SHOWN; p++)
    {
      AttunePath *path = g_ptr_array_index (set->paths, p);
      g_autoptr(GString) route = g_string_new (NULL);
      g_autofree char *strategies = describe_strategies (path);

      for (guint i = 0; i < path->decisions->len; i++)
        {
          g_autofree char *key = attune_decision_key (&g_array_index (path->decisions, AttuneDecision, i));

          g_string_append_printf (route, "%s → ", key);
        }
      g_string_append (route, path->ending->id);
      /* Translators: path number, route, decisions, score, outcome, strategies */
      itemf (&w, 0, _("Path %u: %s (%u decisions, score %d, %s); %s"), p + 1, route->str,
             path->decisions->len, path->score, attune_outcome_get_label (path->ending->outcome), strategies);
    }
  if (set->paths->len > MAX_PATHS_SHOWN)
    paraf (&w, _("… and %u more paths, not listed."), set->paths->len - MAX_PATHS_SHOWN);

  report_endings (&w, scenario, set);

  heading (&w, 3, _("Warnings"));
  if (warnings == NULL || warnings->len == 0)
    para (&w, _("None."));
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    {
      g_autofree char *line = attune_problem_to_string (g_ptr_array_index (warnings, i));

      item (&w, 0, line);
    }
  end_list (&w);
}

gboolean
attune_report_format_from_string (const char         *name,
                                  AttuneReportFormat *format)
{
  if (name == NULL || g_str_equal (name, "text"))
    *format = ATTUNE_REPORT_TEXT;
  else if (g_str_equal (name, "html"))
    *format = ATTUNE_REPORT_HTML;
  else
    return FALSE;
  return TRUE;
}

/**
 * attune_report_paths:
 * @library_folders: (nullable): the folders the app loads, for the
 *   lessons that strategies name
 * @errors: receives the problems of files that could not be reported on
 *
 * Returns the exit status: 0 when every scenario was reported on, 1 when
 * a file has errors, 2 when nothing was named.
 */
int
attune_report_paths (const char * const *paths,
                     const char * const *library_folders,
                     AttuneReportFormat  format,
                     GString            *out,
                     GString            *errors)
{
  g_autoptr(AttuneContentSet) set = attune_content_set_new ();
  g_autoptr(AttuneContentSet) reference = attune_content_set_new ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) lesson_files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ignored = g_ptr_array_new_with_free_func (g_object_unref);

  if (paths == NULL || paths[0] == NULL)
    {
      g_string_append_printf (errors, "%s\n", _("Name at least one scenario file to report on."));
      return 2;
    }
  for (guint i = 0; paths[i] != NULL; i++)
    attune_content_collect_files (paths[i], FALSE, files, set->problems);
  attune_content_load_files (set, files, 0, NULL);

  /* The lessons the app would load, so that strategies resolve. */
  for (guint i = 0; library_folders != NULL && library_folders[i] != NULL; i++)
    attune_content_collect_files (library_folders[i], TRUE, lesson_files, ignored);
  for (guint i = 0; i < lesson_files->len;)
    if (g_str_has_suffix (g_ptr_array_index (lesson_files, i), "README.xml"))
      g_ptr_array_remove_index (lesson_files, i);
    else
      i++;
  attune_content_load_files (reference, lesson_files, 0, NULL);
  attune_content_set_cross_check (set, reference->lessons);

  if (format == ATTUNE_REPORT_HTML)
    g_string_append_printf (out,
                            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title>\n"
                            "<style>body{font-family:sans-serif;max-width:60em;margin:auto;line-height:1.4}"
                            "h2{border-top:1px solid #888;padding-top:1em}li.sub{margin-left:2em}</style>\n"
                            "</head><body>\n<h1>%s</h1>\n",
                            _("Attune scenario report"), _("Attune scenario report"));
  else
    g_string_append_printf (out, "%s\n", _("Attune scenario report"));

  for (guint i = 0; i < set->scenarios->len; i++)
    {
      AttuneScenario *scenario = g_ptr_array_index (set->scenarios, i);
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_object_unref);

      attune_lint_scenario_cues (scenario, warnings);
      attune_lint_scenario_design (scenario, warnings);
      attune_report_scenario (scenario, warnings, ATTUNE_PATHS_DEFAULT_REVISITS, format, out);
    }

  if (format == ATTUNE_REPORT_HTML)
    g_string_append (out, "</body></html>\n");

  for (guint i = 0; i < set->problems->len; i++)
    {
      g_autofree char *line = attune_problem_to_string (g_ptr_array_index (set->problems, i));

      g_string_append_printf (errors, "%s\n", line);
    }
  if (set->problems->len == 0 && set->scenarios->len == 0)
    {
      g_string_append_printf (errors, "%s\n", _("No scenario was found to report on."));
      return 1;
    }
  return set->problems->len > 0 ? 1 : 0;
}
