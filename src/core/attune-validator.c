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
 * @errors: receives one "FILE:LINE: error: MESSAGE" line per problem
 * @summary: receives a one-line, translated summary
 *
 * Returns the exit status for the command line.
 */
AttuneValidateStatus
attune_validate_paths (const char * const *paths,
                       const char         *reference_dir,
                       GString            *errors,
                       GString            *summary)
{
  g_autoptr(AttuneContentSet) set = attune_content_set_new ();
  g_autoptr(AttuneContentSet) reference = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) validated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_bad;

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

  for (guint i = 0; i < set->problems->len; i++)
    {
      g_autofree char *line = attune_problem_to_string (g_ptr_array_index (set->problems, i));

      g_string_append_printf (errors, "%s\n", line);
    }

  n_bad = attune_problems_count_files (set->problems);
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
      g_string_append_c (summary, '\n');
      return ATTUNE_VALIDATE_OK;
    }

  g_string_append_printf (summary,
                          ngettext ("%u file has problems.", "%u files have problems.", n_bad),
                          n_bad);
  g_string_append_c (summary, '\n');
  return ATTUNE_VALIDATE_INVALID;
}
