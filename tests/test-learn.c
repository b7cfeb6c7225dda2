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
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

static gboolean
flag_is_set (gpointer flag)
{
  return *(gboolean *) flag;
}

/* A reload of the library (a trainer saved a file) replaces every lesson:
 * the open one is shown again from the new copy, not lost (and its id,
 * which the browser keeps, is not read after it is freed). */
static void
test_reload_keeps_lesson (void)
{
  AttuneLessonBrowser *browser = get_browser ();
  AttuneLibrary *library = attune_test_library (app);
  AttuneLesson *before;
  gulong handler;
  gboolean reloaded = FALSE;

  g_assert_true (attune_lesson_browser_show_lesson (browser, "acknowledge-the-impact"));
  before = attune_library_find_lesson (library, "acknowledge-the-impact");
  handler = g_signal_connect_swapped (attune_library_get_lessons (library), "items-changed",
                                      G_CALLBACK (set_flag), &reloaded);
  attune_session_reload_library (attune_application_get_session (app), TRUE);
  attune_test_wait_until (flag_is_set, &reloaded);
  g_signal_handler_disconnect (attune_library_get_lessons (library), handler);
  g_assert_true (attune_library_find_lesson (library, "acknowledge-the-impact") != before);
  g_assert_cmpstr (attune_lesson_browser_get_lesson_id (browser), ==, "acknowledge-the-impact");
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

/* The name a screen reader reads for a tab stop: a button's label (or
 * its accessible label), a label's text. Anything else (a box, a flow
 * box child, a scrolled window) has none: it is read as its type. */
static gboolean
stop_is_named (GtkWidget *widget)
{
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return TRUE;
  if (GTK_IS_BUTTON (widget))
    {
      GtkWidget *label = attune_test_find_widget (widget, GTK_TYPE_LABEL, NULL);

      return label != NULL && *gtk_label_get_text (GTK_LABEL (label)) != '\0';
    }
  return GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0';
}

static gboolean
scrolled_past (gpointer adjustment)
{
  return gtk_adjustment_get_value (adjustment) > 0;
}

static GtkWidget *
focus_of (AttuneWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

static void
tab (AttuneWindow *window,
     gboolean      backward)
{
  GtkWidget *focus = focus_of (window);

  attune_test_press (focus != NULL ? focus : GTK_WIDGET (window), GDK_KEY_Tab, backward ? GDK_SHIFT_MASK : 0);
}

/* Every focusable widget under @root is named; containers take no focus. */
static void
assert_focusables_named (GtkWidget *root,
                         guint     *n_focusable)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (gtk_widget_get_focusable (child) && gtk_widget_get_can_focus (child) && gtk_widget_is_sensitive (child))
        {
          if (!stop_is_named (child))
            g_error ("a focusable %s (in %s) has no name", G_OBJECT_TYPE_NAME (child), G_OBJECT_TYPE_NAME (root));
          *n_focusable += 1;
        }
      assert_focusables_named (child, n_focusable);
    }
}

/* A lesson by keyboard: opening it puts the focus on its title, Tab
 * reaches Practise This at once, Shift+Tab goes back, every stop on the
 * way is named, and Tab leaves the page at its end. */
static void
test_lesson_keyboard (void)
{
  AttuneWindow *window = attune_test_reopen_window (app, "learn", 1100, 800);
  AttuneLessonBrowser *browser = get_browser ();
  GtkWidget *entry = attune_test_find_widget (GTK_WIDGET (browser), GTK_TYPE_SEARCH_ENTRY, NULL);
  GtkWidget *page = attune_test_find_widget (GTK_WIDGET (browser), ATTUNE_TYPE_LESSON_PAGE, NULL);
  AttuneLesson *lesson = attune_library_find_lesson (attune_test_library (app), "active-listening");
  GtkWidget *title, *practise = NULL, *focus;
  GtkAdjustment *adjustment;
  guint presses = 0, stops = 0, n_focusable = 0;
  double top;

  gtk_editable_set_text (GTK_EDITABLE (entry), attune_lesson_get_title (lesson));
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (attune_lesson_browser_get_lesson_id (browser), ==, "active-listening");
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  attune_test_wait_for_frame (GTK_WIDGET (window));

  /* The focus is on the lesson's title, a named heading, not on a pane. */
  title = focus_of (window);
  g_assert_nonnull (title);
  g_assert_true (gtk_widget_is_ancestor (title, page));
  g_assert_true (GTK_IS_LABEL (title));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title)), ==, attune_lesson_get_title (lesson));
  gtk_test_accessible_assert_role (title, GTK_ACCESSIBLE_ROLE_HEADING);
  gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);
  g_free (attune_test_render_png (GTK_WIDGET (window), "lesson-keyboard-title"));

  /* Tab presses from the lesson opening to Practise This. */
  while (presses < 60)
    {
      tab (window, FALSE);
      presses++;
      focus = focus_of (window);
      if (GTK_IS_BUTTON (focus) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (focus)), _("_Practise This")) == 0)
        {
          practise = focus;
          break;
        }
    }
  g_test_message ("Tab presses from opening the lesson to Practise This: %u", presses);
  g_assert_nonnull (practise);
  g_assert_cmpuint (presses, <=, 2);
  g_free (attune_test_render_png (GTK_WIDGET (window), "lesson-keyboard-practise"));

  /* Shift+Tab goes back to the title, and on out of the page. */
  tab (window, TRUE);
  g_assert_true (focus_of (window) == title);
  tab (window, TRUE);
  focus = focus_of (window);
  g_assert_nonnull (focus);
  g_test_message ("Shift+Tab from the title goes to a %s named “%s”", G_OBJECT_TYPE_NAME (focus),
                  gtk_widget_get_tooltip_text (focus) != NULL ? gtk_widget_get_tooltip_text (focus) : "");
  g_assert_false (gtk_widget_is_ancestor (focus, page));
  /* The list of lessons is one tab stop: Tab comes back into the lesson,
   * at its title, and Shift+Tab from the list goes to the search field. */
  g_assert_true (gtk_widget_is_ancestor (focus, attune_test_find_widget (GTK_WIDGET (browser), GTK_TYPE_LIST_VIEW, NULL)));
  tab (window, FALSE);
  g_assert_true (focus_of (window) == title);
  tab (window, TRUE);
  tab (window, TRUE);
  g_assert_true (gtk_widget_is_ancestor (focus_of (window), entry));
  tab (window, FALSE);
  tab (window, FALSE);
  g_assert_true (focus_of (window) == title);

  /* Page Down reads on from a stop; Tab then brings the stop into view. */
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (attune_test_find_widget (page, GTK_TYPE_SCROLLED_WINDOW, NULL)));
  top = gtk_adjustment_get_value (adjustment);
  attune_test_press (title, GDK_KEY_Page_Down, 0);
  /* The scroll is animated. */
  attune_test_wait_until (scrolled_past, adjustment);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, top);

  /* Every stop through the page is named, and the last Tab leaves it. */
  focus = title;
  while (gtk_widget_is_ancestor (focus, page) && stops < 60)
    {
      g_assert_true (stop_is_named (focus));
      stops++;
      tab (window, FALSE);
      focus = focus_of (window);
      g_assert_nonnull (focus);
    }
  g_test_message ("Tab stops on the lesson page: %u", stops);
  g_assert_cmpuint (stops, >=, 3);
  g_assert_cmpuint (stops, <, 60);

  /* No focusable widget on the page goes without a name. */
  assert_focusables_named (page, &n_focusable);
  g_test_message ("Focusable widgets on the lesson page, all named: %u", n_focusable);
  g_assert_cmpuint (n_focusable, >=, stops);
}

/* The sidebar's highlight is the open lesson: the pointer passing over a
 * row (which selects it, in GTK 4.8) or the arrows moving along the list
 * do not move it; opening a lesson any way does. */
static void
test_sidebar_follows_lesson (void)
{
  AttuneWindow *window = attune_test_reopen_window (app, "learn", 1100, 800);
  AttuneLessonBrowser *browser = get_browser ();
  GtkWidget *list = attune_test_find_widget (GTK_WIDGET (browser), GTK_TYPE_LIST_VIEW, NULL);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  AttuneLesson *lesson = attune_library_find_lesson (attune_test_library (app), "active-listening");
  AttuneReference *related = g_ptr_array_index (attune_lesson_get_related (lesson), 0);
  GtkWidget *page, *link;
#define SELECTED_ID() attune_lesson_get_id (gtk_single_selection_get_selected_item (selection))

  attune_window_show_lesson (window, "active-listening");
  g_assert_cmpstr (SELECTED_ID (), ==, "active-listening");

  /* What hovering a row and moving the keyboard cursor do. */
  for (guint i = 0; i < 4; i++)
    {
      gtk_widget_activate_action (list, "list.select-item", "(ubb)", i, FALSE, FALSE);
      g_assert_cmpstr (SELECTED_ID (), ==, "active-listening");
    }

  /* A related link, back and forward, and the list's own activation. */
  page = attune_test_find_widget (GTK_WIDGET (browser), ATTUNE_TYPE_LESSON_PAGE, NULL);
  link = attune_test_find_widget (page, GTK_TYPE_BUTTON, related->id);
  g_signal_emit_by_name (link, "clicked");
  g_assert_cmpstr (SELECTED_ID (), ==, related->id);
  g_assert_true (attune_lesson_browser_go_back (browser));
  g_assert_cmpstr (SELECTED_ID (), ==, "active-listening");
  g_assert_true (attune_lesson_browser_go_forward (browser));
  g_assert_cmpstr (SELECTED_ID (), ==, related->id);
  gtk_widget_activate_action (list, "list.activate-item", "u", 0);
  {
    g_autoptr(AttuneLesson) first = g_list_model_get_item (attune_lesson_browser_get_results (browser), 0);

    g_assert_cmpstr (SELECTED_ID (), ==, attune_lesson_get_id (first));
  }
  /* From elsewhere in the window (Progress's Practise Next, a chip). */
  attune_window_show_lesson (window, "say-no-with-compassion");
  g_assert_cmpstr (SELECTED_ID (), ==, "say-no-with-compassion");
  g_free (attune_test_render_png (GTK_WIDGET (window), "lesson-sidebar-follows"));
  /* ... and its row is scrolled into view. */
  {
    GtkWidget *row = attune_test_find_widget (list, GTK_TYPE_LABEL, "say-no-with-compassion");
    GtkWidget *scroller = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
    graphene_rect_t bounds;

    g_assert_nonnull (row);
    g_assert_true (gtk_widget_compute_bounds (row, scroller, &bounds));
    g_assert_cmpfloat (bounds.origin.y, >=, 0);
    g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (scroller));
  }
#undef SELECTED_ID
}

/* Contrast measured from rendered pixels, light and dark: every label of
 * a lesson (scrolled through a screen at a time) at 4.5:1 or more, and
 * the focus rings of Practise This and a related lesson at 3:1 or more. */
static void
test_lesson_contrast (void)
{
  static const char *schemes[] = { "light", "dark" };
  AttuneWindow *window = attune_test_reopen_window (app, "learn", 1100, 800);
  GtkWidget *page, *practise, *related;
  GtkAdjustment *adjustment;

  attune_window_show_lesson (window, "active-listening");
  page = attune_test_find_widget (GTK_WIDGET (get_browser ()), ATTUNE_TYPE_LESSON_PAGE, NULL);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (attune_test_find_widget (page, GTK_TYPE_SCROLLED_WINDOW, NULL)));
  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    {
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          s == 0 ? ADW_COLOR_SCHEME_FORCE_LIGHT : ADW_COLOR_SCHEME_FORCE_DARK);
      for (guint part = 0; part < 5; part++)
        {
          g_autofree char *what = g_strdup_printf ("lesson, %s, screen %u", schemes[s], part + 1);

          gtk_adjustment_set_value (adjustment, gtk_adjustment_get_page_size (adjustment) * 0.9 * part);
          g_assert_cmpfloat (attune_test_text_contrast (GTK_WIDGET (window), page, what), >=, 4.5);
        }
      gtk_adjustment_set_value (adjustment, 0);

      attune_test_assert_ring (GTK_WIDGET (window),
                               attune_test_find_label (page, attune_lesson_get_title (
                                 attune_library_find_lesson (attune_test_library (app), "active-listening")), FALSE),
                               "lesson-title", schemes[s]);
      practise = attune_test_find_widget (page, GTK_TYPE_BUTTON, "practise-this");
      g_assert_nonnull (practise);
      attune_test_assert_ring (GTK_WIDGET (window), practise, "practise-this", schemes[s]);

      related = attune_test_find_widget (page, GTK_TYPE_BUTTON,
                                         ((AttuneReference *) g_ptr_array_index (attune_lesson_get_related (
                                           attune_library_find_lesson (attune_test_library (app), "active-listening")), 0))->id);
      attune_test_assert_ring (GTK_WIDGET (window), related, "related", schemes[s]);
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
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
  g_test_add_func ("/learn/lesson-keyboard", test_lesson_keyboard);
  g_test_add_func ("/learn/sidebar-follows-lesson", test_sidebar_follows_lesson);
  g_test_add_func ("/learn/lesson-contrast", test_lesson_contrast);
  g_test_add_func ("/learn/reload-keeps-lesson", test_reload_keeps_lesson);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
