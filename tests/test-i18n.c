/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Content is translated like the interface: with the fixture catalogue in
 * tests/fixtures/po/de.po, a lesson and a scenario load in German, using
 * the same contexts and white-space rules the ITS extraction uses.
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <libxml/parser.h>

#include "attune-content.h"

static void
test_content_is_translated (void)
{
  g_autoptr(AttuneContentSet) set = attune_content_set_new ();
  g_autofree char *lesson_path = g_test_build_filename (G_TEST_DIST, "fixtures", "good", "extra-lesson.xml", NULL);
  g_autofree char *scenario_path = g_test_build_filename (G_TEST_DIST, "fixtures", "good", "extra-scenario.xml", NULL);
  AttuneLesson *lesson;
  AttuneScenario *scenario;
  AttuneChoice *choice;

  attune_content_load_file (set, lesson_path);
  attune_content_load_file (set, scenario_path);
  g_assert_cmpuint (set->problems->len, ==, 0);
  lesson = g_ptr_array_index (set->lessons, 0);
  scenario = g_ptr_array_index (set->scenarios, 0);

  /* The title spans two lines with runs of spaces in the file: normalised, then looked up with its context. */
  g_assert_cmpstr (attune_lesson_get_title (lesson), ==, "Die Kundschaft auf dem Laufenden halten");
  g_assert_cmpstr (attune_lesson_get_summary (lesson), ==, "Sagen Sie, was als Nächstes passiert & wann.");
  /* Untranslated strings fall back to English. */
  g_assert_cmpstr (attune_lesson_get_example_setting (lesson), ==, "A delayed refund.");
  /* Article titles are never translated. */
  g_assert_cmpstr (attune_lesson_get_sources (lesson)[0], ==, "The Importance of Empathy in Customer Service");

  g_assert_cmpstr (attune_scenario_get_customer_name (scenario), ==, "Anna");
  choice = g_ptr_array_index (attune_scenario_find_node (scenario, "explain")->choices, 0);
  g_assert_cmpstr (choice->feedback, ==, "Ein klarer nächster Schritt und ein Versprechen, das Sie halten können.");
}

static void
test_interface_is_translated (void)
{
  g_assert_cmpstr (attune_lesson_group_get_label (ATTUNE_LESSON_GROUP_RESOLVING), ==,
                   "Lösungsorientierte Gesprächsführung");
  g_assert_cmpstr (ngettext ("%u file could not be loaded.", "%u files could not be loaded.", 2), ==,
                   "%u Dateien konnten nicht geladen werden.");
}

int
main (int argc, char *argv[])
{
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ATTUNE_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  bindtextdomain (GETTEXT_CONTENT_PACKAGE, g_getenv ("ATTUNE_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_CONTENT_PACKAGE, "UTF-8");

  g_test_init (&argc, &argv, NULL);
  xmlInitParser ();

  g_test_add_func ("/i18n/content-is-translated", test_content_is_translated);
  g_test_add_func ("/i18n/interface-is-translated", test_interface_is_translated);
  return g_test_run ();
}
