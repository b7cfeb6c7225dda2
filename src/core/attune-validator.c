/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `attune --validate PATH…`: checks content files exactly as the app loads
 * them (safe reader, schema, lint, cross-references against everything
 * the app loads) and reports problems
 * in GNU style, so a trainer can check a file before class and an editor
 * can jump to each line. Needs no display.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-content.h"
#include "attune-fairness.h"
#include "attune-lint.h"
#include "attune-problem.h"
#include "attune-validator.h"

/* Whether @problem concerns one of the files being validated, directly
 * or as the other side of an id clash. */
static gboolean
concerns_validated (AttuneProblem *problem,
                    GHashTable    *validated_names)
{
  const char *related = attune_problem_get_related_file (problem);

  return g_hash_table_contains (validated_names, attune_problem_get_file (problem)) ||
         (related != NULL && g_hash_table_contains (validated_names, related));
}

/**
 * attune_validate_paths:
 * @paths: files or folders to check
 * @library_folders: (nullable): the folders the app loads, in the order
 *   it loads them (bundled content, the user's folders, folders from
 *   Preferences); the validated files are checked against them exactly as
 *   the app would: strategies may name their lessons, and scenario or
 *   lesson ids may not clash with theirs
 * @strict: warnings count as errors
 * @errors: receives one "FILE:LINE: error: MESSAGE" line per problem, and
 *   one "FILE:LINE: warning: MESSAGE" line per warning; a clash between
 *   two files adds a "FILE:LINE: note:" line at the other file
 * @summary: receives a one-line, translated summary
 *
 * Returns the exit status for the command line.
 */
AttuneValidateStatus
attune_validate_paths (const char * const *paths,
                       const char * const *library_folders,
                       gboolean            strict,
                       GString            *errors,
                       GString            *summary)
{
  g_autoptr(AttuneContentSet) set = attune_content_set_new ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) library_files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) all_files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) library_problems = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) validated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) validated_names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) loaded = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) reported = g_ptr_array_new ();
  guint n_bad, n_warned;

  if (paths == NULL || paths[0] == NULL)
    {
      g_string_append_printf (summary, "%s\n", _("Name at least one file or folder to validate."));
      return ATTUNE_VALIDATE_USAGE;
    }

  for (guint i = 0; paths[i] != NULL; i++)
    attune_content_collect_files (paths[i], FALSE, files, set->problems);
  /* Problems so far are about the paths named: always reported. */
  for (guint i = 0; i < set->problems->len; i++)
    g_hash_table_add (validated_names, (gpointer) attune_problem_get_file (g_ptr_array_index (set->problems, i)));

  /* The same file named twice (or via two folders) is checked once. The
   * canonical name finds it among the library's files too. */
  for (guint i = 0; i < files->len;)
    {
      char *real = g_canonicalize_filename (g_ptr_array_index (files, i), NULL);

      if (g_hash_table_insert (validated, real, g_ptr_array_index (files, i)))
        {
          g_hash_table_add (validated_names, g_ptr_array_index (files, i));
          i++;
        }
      else
        g_ptr_array_remove_index (files, i);
    }

  /* The app's load order: the library folders, then (as with --library)
   * validated files that are not in them. A validated file inside a
   * library folder keeps its place, so that which of two clashing files
   * wins is what the app will do. */
  for (guint i = 0; library_folders != NULL && library_folders[i] != NULL; i++)
    attune_content_collect_files (library_folders[i], TRUE, library_files, library_problems);
  for (guint i = 0; i < library_files->len; i++)
    {
      g_autofree char *real = g_canonicalize_filename (g_ptr_array_index (library_files, i), NULL);
      const char *as_named = g_hash_table_lookup (validated, real);

      if (g_hash_table_contains (taken, real))
        continue;
      g_hash_table_add (taken, g_strdup (real));
      g_ptr_array_add (all_files, g_strdup (as_named != NULL ? as_named : g_ptr_array_index (library_files, i)));
    }
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *real = g_canonicalize_filename (g_ptr_array_index (files, i), NULL);

      if (!g_hash_table_contains (taken, real))
        g_ptr_array_add (all_files, g_strdup (g_ptr_array_index (files, i)));
    }

  set->checking = TRUE;
  /* One thread: the work per file is small, and worker threads cost more
   * CPU time than they save wall time here (each grows its own malloc
   * arena page by page, and hands results back through locks); measured
   * with build-aux/bench, --validate's CPU time fell by a fifth and its
   * wall time stays within the target. The app's library keeps its
   * threads: there the GTK thread must not wait. */
  attune_content_load_files (set, all_files, 1, NULL);
  attune_content_set_cross_check (set, NULL);

  /* Warnings only for validated scenarios that load, cross-checks
   * included: a broken file has its errors to fix first. */
  for (guint i = 0; i < set->scenarios->len; i++)
    {
      const char *file = attune_scenario_get_file (g_ptr_array_index (set->scenarios, i));

      if (g_hash_table_contains (validated_names, file))
        g_hash_table_add (loaded, (gpointer) file);
    }
  for (guint i = 0; i < set->warnings->len; i++)
    {
      AttuneProblem *warning = g_ptr_array_index (set->warnings, i);

      if (g_hash_table_contains (loaded, attune_problem_get_file (warning)))
        g_ptr_array_add (warnings, g_object_ref (warning));
    }

  for (guint i = 0; i < set->problems->len; i++)
    {
      AttuneProblem *problem = g_ptr_array_index (set->problems, i);
      g_autofree char *line = NULL;
      g_autofree char *note = NULL;

      if (!concerns_validated (problem, validated_names))
        continue;
      line = attune_problem_to_string (problem);
      note = attune_problem_related_to_string (problem);
      g_string_append_printf (errors, "%s\n", line);
      if (note != NULL)
        g_string_append_printf (errors, "%s\n", note);
      g_ptr_array_add (reported, problem);
    }
  for (guint i = 0; i < warnings->len; i++)
    {
      g_autofree char *line = attune_problem_to_string (g_ptr_array_index (warnings, i));

      g_string_append_printf (errors, "%s\n", line);
    }

  n_bad = attune_problems_count_files (reported);
  n_warned = attune_problems_count_files (warnings);
  if (strict && n_bad == 0 && n_warned > 0)
    {
      g_string_append_printf (summary,
                              ngettext ("%u file has warnings, and --strict treats them as errors.",
                                        "%u files have warnings, and --strict treats them as errors.", n_warned),
                              n_warned);
      g_string_append_c (summary, '\n');
      return ATTUNE_VALIDATE_INVALID;
    }
  if (n_bad == 0 && g_hash_table_size (validated) == 0)
    {
      g_string_append_printf (summary, "%s\n", _("No lesson or scenario files (*.xml) were found."));
      return ATTUNE_VALIDATE_INVALID;
    }
  if (n_bad == 0)
    {
      guint n = g_hash_table_size (validated);

      g_string_append_printf (summary,
                              ngettext ("%u file checked: it is valid.",
                                        "%u files checked: all are valid.", n),
                              n);
      if (n_warned > 0)
        {
          g_string_append_c (summary, '\n');
          g_string_append_printf (summary,
                                  ngettext ("%u file has warnings: see above.",
                                            "%u files have warnings: see above.", n_warned),
                                  n_warned);
        }
      g_string_append_c (summary, '\n');
      return ATTUNE_VALIDATE_OK;
    }

  g_string_append_printf (summary,
                          ngettext ("%u file has problems.", "%u files have problems.", n_bad),
                          n_bad);
  g_string_append_c (summary, '\n');
  return ATTUNE_VALIDATE_INVALID;
}
