/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What both fuzz targets do with a file: load it as the app does, then
 * run everything a trainer's file reaches: the lint and warnings, the
 * path enumeration and its independent count, the report, and a played
 * conversation (always the first shown reply, then always the last).
 */
#include "config.h"

#include <libxml/parser.h>

#include "attune-content.h"
#include "attune-conversation.h"
#include "attune-fairness.h"
#include "attune-paths.h"
#include "attune-report.h"
#include "fuzz-common.h"

static void
play (AttuneScenario *scenario,
      gboolean        last)
{
  g_autoptr(AttuneConversation) conversation = attune_conversation_new (scenario);

  attune_conversation_set_seed (conversation, 42);
  for (guint step = 0; step < 64 && !attune_conversation_is_finished (conversation); step++)
    {
      guint8 order[ATTUNE_MAX_CHOICES];
      guint n = attune_conversation_get_order (conversation, order);

      if (n == 0 || attune_conversation_choose (conversation, last ? order[n - 1] : order[0], NULL) == NULL)
        break;
    }
  (void) attune_conversation_get_score (conversation);
  g_array_unref (attune_conversation_tally (conversation));
  if (attune_conversation_get_steps (conversation)->len > 0)
    attune_conversation_retry_from (conversation, 0);
}

/* The shipped lessons, loaded once: strategies must name them. */
static GPtrArray *
reference_lessons (void)
{
  static AttuneContentSet *reference;

  if (reference == NULL)
    {
      g_autofree char *folder = g_build_filename (g_getenv ("ATTUNE_CONTENT_DIR"), "lessons", NULL);
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

      reference = attune_content_set_new ();
      attune_content_collect_files (folder, FALSE, files, reference->problems);
      attune_content_load_files (reference, files, 1, NULL);
    }
  return reference->lessons;
}

void
attune_fuzz_load (const char *data,
                  gsize       length)
{
  g_autoptr(AttuneContentSet) set = attune_content_set_new ();

  attune_content_load_data (set, data, length, "fuzz.xml");
  attune_content_set_cross_check (set, reference_lessons ());
  for (guint i = 0; i < set->scenarios->len; i++)
    {
      AttuneScenario *scenario = g_ptr_array_index (set->scenarios, i);
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_object_unref);
      guint64 counted = attune_paths_count (scenario, ATTUNE_PATHS_DEFAULT_REVISITS);

      attune_lint_scenario_cues (scenario, warnings);
      attune_lint_scenario_design (scenario, warnings);
      /* Listing is exponential in the worst case; the count is not. */
      if (counted <= 20000)
        {
          g_autoptr(AttunePathSet) paths = attune_paths_enumerate (scenario, ATTUNE_PATHS_DEFAULT_REVISITS);
          g_autoptr(GString) report = g_string_new (NULL);

          /* The two methods must agree: a finding if not. */
          if (paths->paths->len != counted)
            g_error ("The path listing (%u) and the count (%" G_GUINT64_FORMAT ") disagree", paths->paths->len, counted);
          if (counted <= 2000)
            attune_report_scenario (scenario, warnings, ATTUNE_PATHS_DEFAULT_REVISITS, ATTUNE_REPORT_HTML, report);
        }
      play (scenario, FALSE);
      play (scenario, TRUE);
    }
}
