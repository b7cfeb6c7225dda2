/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Learn view under Xvfb: search as you type, open a lesson, follow a
 * related link, go back and forward, keyboard only where a learner would
 * use the keyboard; "Practise This" filters the role-plays; the lesson
 * page rendered light, dark and 360 px wide.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-application.h"
#include "attune-lesson-browser.h"
#include "attune-lesson-page.h"
#include "attune-scenario-picker.h"
#include "attune-test-utils.h"
#include "attune-window.h"

static AttuneApplication *app;

static gboolean
library_loaded (gpointer data)
{
  AttuneLibrary *library = attune_test_library (app);

  return library != NULL && attune_library_get_loaded (library);
}

static AttuneWindow *
get_window (void)
{
  GtkWindow *window = GTK_WINDOW (attune_application_get_main_window (app));

  g_assert_true (ATTUNE_IS_WINDOW (window));
  return ATTUNE_WINDOW (window);
}

static AttuneLessonBrowser *
get_browser (void)
{
  GtkWidget *browser = attune_test_find_widget (GTK_WIDGET (get_window ()), ATTUNE_TYPE_LESSON_BROWSER, NULL);

  g_assert_nonnull (browser);
  return ATTUNE_LESSON_BROWSER (browser);
}

static void
test_search (void)
{
  AttuneLessonBrowser *browser = get_browser ();
  GtkWidget *entry = attune_test_find_widget (GTK_WIDGET (browser), GTK_TYPE_SEARCH_ENTRY, NULL);
  GListModel *results = attune_lesson_browser_get_results (browser);
  g_autoptr(AttuneLesson) first = NULL;
  GtkWidget *stack;

  attune_test_wait_until (library_loaded, NULL);
  attune_test_wait_for_frame (GTK_WIDGET (get_window ()));
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 28);

  /* Ctrl+F puts the cursor in the search field. */
  attune_test_press (GTK_WIDGET (get_window ()), GDK_KEY_f, GDK_CONTROL_MASK);
  g_assert_nonnull (gtk_root_get_focus (GTK_ROOT (get_window ())));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (get_window ())), entry));

  /* Accents and case do not matter; the title match comes first. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "APOLOGÍSE");
  g_assert_cmpuint (g_list_model_get_n_items (results), >=, 1);
  first = g_list_model_get_item (results, 0);
  g_assert_cmpstr (attune_lesson_get_id (first), ==, "apologise-when-responsible");
  g_assert_cmpuint (g_list_model_get_n_items (results), <, 28);

  /* Nothing found: a helpful empty state. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "zzzqqq");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);
  stack = attune_test_find_widget (GTK_WIDGET (browser), GTK_TYPE_STACK, "lesson-results");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "no-results");
  {
    g_autofree char *png = attune_test_render_png (GTK_WIDGET (get_window ()), "learn-no-results");
  }

  /* Enter opens the best match. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "reflect");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (attune_lesson_browser_get_lesson_id (browser), ==, "reflective-responses");
  /* ...and moves the reader into it, where the arrow keys scroll. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (get_window ())),
                                         attune_test_find_widget (GTK_WIDGET (browser), ATTUNE_TYPE_LESSON_PAGE, NULL)));

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 28);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "list");
}

static void
test_open_follow_back (void)
{
  AttuneLessonBrowser *browser = get_browser ();
  AttuneLibrary *library = attune_test_library (app);
  AttuneLesson *lesson = attune_library_find_lesson (library, "active-listening");
  GtkWidget *page, *heading, *link;
  AttuneReference *related = g_ptr_array_index (attune_lesson_get_related (lesson), 0);

  g_assert_true (attune_lesson_browser_show_lesson (browser, "active-listening"));
  attune_test_wait_for_frame (GTK_WIDGET (get_window ()));
  page = attune_test_find_widget (GTK_WIDGET (browser), ATTUNE_TYPE_LESSON_PAGE, NULL);
  g_assert_true (attune_lesson_page_get_lesson (ATTUNE_LESSON_PAGE (page)) == lesson);

  /* The title is a heading for screen readers; sections too. */
  heading = attune_test_find_label (page, attune_lesson_get_title (lesson), FALSE);
  g_assert_nonnull (heading);
  gtk_test_accessible_assert_role (heading, GTK_ACCESSIBLE_ROLE_HEADING);
  gtk_test_accessible_assert_role (attune_test_find_label (page, _("Phrases That Backfire"), FALSE), GTK_ACCESSIBLE_ROLE_HEADING);
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (attune_test_find_label (page, attune_lesson_get_summary (lesson), FALSE))));
  g_assert_nonnull (attune_test_find_label (page, attune_lesson_get_what (lesson)[0], FALSE));

  /* A related link is a button named for the lesson it opens. */
  link = attune_test_find_widget (page, GTK_TYPE_BUTTON, related->id);
  g_assert_nonnull (link);
  gtk_test_accessible_assert_role (link, GTK_ACCESSIBLE_ROLE_BUTTON);
  g_assert_true (gtk_widget_is_sensitive (link));
  /* What a click (or Enter, after its short press animation) does. */
  g_signal_emit_by_name (link, "clicked");
  g_assert_cmpstr (attune_lesson_browser_get_lesson_id (browser), ==, related->id);

  /* Alt+Left goes back, Alt+Right forward again. */
  attune_test_press (page, GDK_KEY_Left, GDK_ALT_MASK);
  g_assert_cmpstr (attune_lesson_browser_get_lesson_id (browser), ==, "active-listening");
  attune_test_press (page, GDK_KEY_Right, GDK_ALT_MASK);
  g_assert_cmpstr (attune_lesson_browser_get_lesson_id (browser), ==, related->id);

  /* Right to left, the back button sits on the right: Alt+Right goes back,
   * as in GTK, and the tooltips say so. */
  gtk_widget_set_direction (GTK_WIDGET (browser), GTK_TEXT_DIR_RTL);
  attune_test_press (page, GDK_KEY_Right, GDK_ALT_MASK);
  g_assert_cmpstr (attune_lesson_browser_get_lesson_id (browser), ==, "active-listening");
  attune_test_press (page, GDK_KEY_Left, GDK_ALT_MASK);
  g_assert_cmpstr (attune_lesson_browser_get_lesson_id (browser), ==, related->id);
  {
    GtkWidget *back = attune_test_find_widget (GTK_WIDGET (browser), GTK_TYPE_BUTTON, "back_button");
    const char *tooltip;

    g_assert_nonnull (back);
    tooltip = gtk_widget_get_tooltip_text (back);
    g_assert_nonnull (strstr (tooltip, "Alt+Right"));
  }
  gtk_widget_set_direction (GTK_WIDGET (browser), GTK_TEXT_DIR_LTR);
  {
    const char *tooltip = gtk_widget_get_tooltip_text (attune_test_find_widget (GTK_WIDGET (browser), GTK_TYPE_BUTTON, "back_button"));

    g_assert_nonnull (strstr (tooltip, "Alt+Left"));
  }
  g_assert_true (attune_lesson_browser_go_back (browser));
}

static void
test_keyboard_list (void)
{
  AttuneLessonBrowser *browser = get_browser ();
  GtkWidget *list = attune_test_find_widget (GTK_WIDGET (browser), GTK_TYPE_LIST_VIEW, NULL);

  /* The list view's own activation, as Enter on a focused row triggers it. */
  gtk_widget_activate_action (list, "list.activate-item", "u", 1);
  g_assert_cmpstr (attune_lesson_browser_get_lesson_id (browser), ==, "put-yourself-in-their-shoes");
  gtk_test_accessible_assert_property (list, GTK_ACCESSIBLE_PROPERTY_LABEL, _("Lessons"));
  /* Each row is named by the lesson's title, then its status in words. */
  {
    GtkWidget *row = attune_test_find_widget (list, GTK_TYPE_LABEL, "active-listening");
    const char *title = attune_lesson_get_title (attune_library_find_lesson (attune_test_library (app), "active-listening"));
    g_autofree char *read = g_strdup_printf (C_("row read out", "%s, %s"), title, _("Read"));
    g_autofree char *unread = g_strdup_printf (C_("row read out", "%s, %s"), title, _("Not read yet"));
    g_autofree char *as_read = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, read);
    g_autofree char *as_unread = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, unread);

    g_assert_true (as_read == NULL || as_unread == NULL);
    g_assert_nonnull (attune_test_find_label (row, title, TRUE));
  }
}

static void
test_practise_this (void)
{
  AttuneWindow *window = get_window ();
  AttuneLessonBrowser *browser = get_browser ();
  AttuneLibrary *library = attune_test_library (app);
  GtkWidget *list;
  GListModel *shown;
  guint expected;

  attune_lesson_browser_show_lesson (browser, "say-no-with-compassion");
  expected = attune_library_count_scenarios_practising (library, "say-no-with-compassion");
  g_assert_cmpuint (expected, >=, 1);

  gtk_widget_activate_action (GTK_WIDGET (browser), "lesson.practise", "s", "say-no-with-compassion");
  g_assert_cmpstr (attune_window_get_view (window), ==, "practise");
  list = attune_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW, "scenario-list");
  g_assert_nonnull (list);
  shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, expected);
  {
    g_autofree char *png = attune_test_render_png (GTK_WIDGET (window), "practise-filtered");
  }
  gtk_widget_activate_action (attune_test_find_widget (GTK_WIDGET (window), ATTUNE_TYPE_SCENARIO_PICKER, NULL), "picker.show-all", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==,
                    g_list_model_get_n_items (attune_library_get_scenarios (library)));
}

static void
test_unknown_lesson (void)
{
  AttuneLessonBrowser *browser = get_browser ();

  g_assert_false (attune_lesson_browser_show_lesson (browser, "no-such-lesson"));
}

static void
test_render_lesson_page (void)
{
  AttuneWindow *window;
  AttuneLessonBrowser *browser;
  GtkWidget *page;
  AdwLeaflet *leaflet;

  window = attune_test_reopen_window (app, "learn", 1100, 800);
  attune_window_show_lesson (window, "what-empathy-is");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_free (attune_test_render_png (GTK_WIDGET (window), "lesson-light"));

  /* The whole page, top to bottom, a screen at a time, for reading it through. */
  browser = get_browser ();
  page = attune_test_find_widget (GTK_WIDGET (browser), ATTUNE_TYPE_LESSON_PAGE, NULL);
  {
    GtkAdjustment *adjustment =
      gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (attune_test_find_widget (page, GTK_TYPE_SCROLLED_WINDOW, NULL)));

    for (guint part = 1; part <= 4; part++)
      {
        g_autofree char *name = g_strdup_printf ("lesson-part-%u", part);

        gtk_adjustment_set_value (adjustment, gtk_adjustment_get_page_size (adjustment) * 0.9 * (part - 1));
        g_free (attune_test_render_png (GTK_WIDGET (window), name));
      }
    /* The page really is longer than a screen. */
    g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, 2 * gtk_adjustment_get_page_size (adjustment));
    gtk_adjustment_set_value (adjustment, 0);
  }

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  attune_test_wait_for_frame (GTK_WIDGET (window));
  g_free (attune_test_render_png (GTK_WIDGET (window), "lesson-dark"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* Narrow: the list and the page one at a time, with a way back. */
  window = attune_test_reopen_window (app, "learn", 360, 720);
  browser = get_browser ();
  leaflet = ADW_LEAFLET (attune_test_find_widget (GTK_WIDGET (browser), ADW_TYPE_LEAFLET, NULL));
  attune_window_show_lesson (window, "acknowledge-the-impact");
  attune_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_free (attune_test_render_png (GTK_WIDGET (window), "lesson-narrow"));
  /* Back with no history returns to the list. */
  g_assert_true (attune_lesson_browser_go_back (browser));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");
  while (adw_leaflet_get_child_transition_running (leaflet))
    g_main_context_iteration (NULL, TRUE);
  g_free (attune_test_render_png (GTK_WIDGET (window), "lesson-list-narrow"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  g_free (attune_test_isolate_database ());
  app = attune_test_new_application ();
  g_settings_set_int (attune_test_settings (), "window-width", 1100);
  g_settings_set_int (attune_test_settings (), "window-height", 800);
  g_application_activate (G_APPLICATION (app));
  attune_test_wait_until (library_loaded, NULL);
  attune_test_wait_for_frame (GTK_WIDGET (get_window ()));

  g_test_add_func ("/learn/search", test_search);
  g_test_add_func ("/learn/open-follow-back", test_open_follow_back);
  g_test_add_func ("/learn/keyboard-list", test_keyboard_list);
  g_test_add_func ("/learn/practise-this", test_practise_this);
  g_test_add_func ("/learn/unknown-lesson", test_unknown_lesson);
  g_test_add_func ("/learn/render", test_render_lesson_page);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
