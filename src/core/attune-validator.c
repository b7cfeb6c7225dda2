/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `attune --validate PATH…`: checks content files exactly as the app loads
 * them (safe reader, schema, lint, cross-references) and reports problems
 * in GNU style, so a trainer can check a file before class and an editor
 * can jump to each line. Needs no display.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-content.h"
#include "attune-fairness.h"
#include "attune-problem.h"
#include "attune-validator.h"

/* The bundled lessons, so that a trainer's scenario may practise any
 * strategy of the curriculum. Files that are also being validated are
 * skipped: they are checked as part of the set instead. */
static AttuneContentSet *
load_reference_lessons (const char *reference_dir,
                        GHashTable *validated)
{
  AttuneContentSet *reference = attune_content_set_new ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *lessons_dir = NULL;

  if (reference_dir == NULL)
    return reference;

  lessons_dir = g_build_filename (reference_dir, "lessons", NULL);
  attune_content_collect_files (lessons_dir, TRUE, files, reference->problems);
  for (guint i = 0; i < files->len;)
    {
      g_autofree char *real = g_canonicalize_filename (g_ptr_array_index (files, i), NULL);

      if (g_hash_table_contains (validated, real))
        g_ptr_array_remove_index (files, i);
      else
        i++;
    }
  attune_content_load_files (reference, files, 0, NULL);
  return reference;
}

/**
 * attune_validate_paths:
 * @paths: files or folders to check
 * @reference_dir: (nullable): the bundled content folder
 * @strict: warnings count as errors
 * @errors: receives one "FILE:LINE: error: MESSAGE" line per problem, and
 *   one "FILE:LINE: warning: MESSAGE" line per warning
 * @summary: receives a one-line, translated summary
 *
 * Returns the exit status for the command line.
 */
AttuneValidateStatus
attune_validate_paths (const char * const *paths,
                       const char         *reference_dir,
                       gboolean            strict,
                       GString            *errors,
                       GString            *summary)
{
  g_autoptr(AttuneContentSet) set = attune_content_set_new ();
  g_autoptr(AttuneContentSet) reference = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) validated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_bad, n_warned;

  if (paths == NULL || paths[0] == NULL)
    {
      g_string_append_printf (summary, "%s\n", _("Name at least one file or folder to validate."));
      return ATTUNE_VALIDATE_USAGE;
    }

  for (guint i = 0; paths[i] != NULL; i++)
    attune_content_collect_files (paths[i], FALSE, files, set->problems);

  /* The same file named twice (or via two folders) is checked once. */
  for (guint i = 0; i < files->len;)
    {
      if (g_hash_table_add (validated, g_canonicalize_filename (g_ptr_array_index (files, i), NULL)))
        i++;
      else
        g_ptr_array_remove_index (files, i);
    }
  attune_content_load_files (set, files, 0, NULL);

  reference = load_reference_lessons (reference_dir, validated);
  attune_content_set_cross_check (set, reference->lessons);

  /* Cue warnings only for scenarios that load: a broken file has its
   * errors to fix first. */
  for (guint i = 0; i < set->scenarios->len; i++)
    attune_lint_scenario_cues (g_ptr_array_index (set->scenarios, i), warnings);

  for (guint i = 0; i < set->problems->len; i++)
    {
      g_autofree char *line = attune_problem_to_string (g_ptr_array_index (set->problems, i));

      g_string_append_printf (errors, "%s\n", line);
    }
  for (guint i = 0; i < warnings->len; i++)
    {
      g_autofree char *line = attune_problem_to_string (g_ptr_array_index (warnings, i));

      g_string_append_printf (errors, "%s\n", line);
    }

  n_bad = attune_problems_count_files (set->problems);
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
