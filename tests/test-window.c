/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application shell under Xvfb: views, lists of real content, the
 * problem banner, accessibility, remembered size, and PNGs of each view
 * (light, dark, 360 px wide) for people to look at.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-application.h"
#include "attune-lrs-preferences-page.h"
#include "attune-scenario-picker.h"
#include "attune-store-queue.h"
#include "attune-test-utils.h"
#include "attune-window.h"

static AttuneApplication *app;

static gboolean
library_loaded (gpointer data)
{
  AttuneLibrary *library = attune_test_library (app);

  return library != NULL && attune_library_get_loaded (library) &&
         GPOINTER_TO_UINT (data) <= attune_library_get_n_bad_files (library);
}

static AttuneWindow *
get_window (void)
{
  GtkWindow *window = GTK_WINDOW (attune_application_get_main_window (app));

  g_assert_true (ATTUNE_IS_WINDOW (window));
  return ATTUNE_WINDOW (window);
}

static AttuneWindow *
reopen_at_size (AttuneWindow *window,
                int           width,
                int           height)
{
  g_autofree char *view = g_strdup (attune_window_get_view (window));

  window = attune_test_reopen_window (app, view, width, height);
  /* The surface includes client-side decoration borders; the widget may be
   * a few pixels narrower than the default size, never wider. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, width);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=, width - 24);
  return window;
}

static void
render_views (AttuneWindow *window,
              const char   *variant)
{
  static const char *views[] = { "learn", "practise", "progress" };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%s", views[i], variant);
      g_autofree char *path = NULL;

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", views[i]);
      g_assert_cmpstr (attune_window_get_view (window), ==, views[i]);
      path = attune_test_render_png (GTK_WIDGET (window), name);
      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    }
}

static void
test_views_list_content (void)
{
  AttuneWindow *window = get_window ();
  AttuneLibrary *library = attune_test_library (app);
  GtkWidget *row;

  attune_test_wait_until (library_loaded, GUINT_TO_POINTER (0));
  g_assert_cmpuint (g_list_model_get_n_items (attune_library_get_lessons (library)), >=, 2);
  g_assert_cmpuint (g_list_model_get_n_items (attune_library_get_scenarios (library)), >=, 1);
  attune_test_wait_for_frame (GTK_WIDGET (window));

  /* The real lessons and scenario are rows in the lists. */
  row = attune_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, "active-listening");
  g_assert_nonnull (row);
  /* Its accessible name is the lesson's title, then its status once the
   * progress report (read off the GTK thread) has come. */
  {
    const char *title = attune_lesson_get_title (attune_library_find_lesson (library, "active-listening"));
    g_autofree char *unread = g_strdup_printf (C_("row read out", "%s, %s"), title, _("Not read yet"));
    g_autofree char *as_title = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title);
    g_autofree char *as_unread = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, unread);

    g_assert_true (as_title == NULL || as_unread == NULL);
  }
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (row)),
                                   attune_lesson_get_title (attune_library_find_lesson (library, "active-listening"))));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "practise");
  attune_test_wait_for_frame (GTK_WIDGET (window));
  row = attune_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, "late-parcel");
  g_assert_nonnull (row);

  /* Alt+1..3 and the action switch views. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "progress");
  g_assert_cmpstr (attune_window_get_view (window), ==, "progress");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "learn");
  g_assert_cmpstr (attune_window_get_view (window), ==, "learn");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  window = reopen_at_size (window, 960, 720);
  render_views (window, "light");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  attune_test_wait_for_frame (GTK_WIDGET (window));
  render_views (window, "dark");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  window = reopen_at_size (window, 360, 720);
  render_views (window, "narrow");

  reopen_at_size (window, 960, 720);
}

static void
test_accessibility (void)
{
  AttuneWindow *window = get_window ();
  GtkWidget *menu = attune_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, NULL);
  GtkWidget *list = attune_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW, NULL);

  g_assert_nonnull (menu);
  /* The icon-only menu button has a name a screen reader can say. */
  gtk_test_accessible_assert_property (menu, GTK_ACCESSIBLE_PROPERTY_LABEL, _("Main Menu"));
  gtk_test_accessible_assert_role (list, GTK_ACCESSIBLE_ROLE_LIST);
  g_assert_true (gtk_widget_get_focusable (menu) || gtk_widget_get_focusable (gtk_widget_get_first_child (menu)));
}

static GtkWindow *
find_toplevel (const char *type_name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) candidate = g_list_model_get_item (toplevels, i);

      if (g_str_equal (G_OBJECT_TYPE_NAME (candidate), type_name) && gtk_widget_get_visible (GTK_WIDGET (candidate)))
        return candidate;
    }
  return NULL;
}

static gboolean
label_shown (gpointer data)
{
  struct { GtkWidget *page; const char *id; } *look = data;

  return attune_test_find_label (look->page, look->id, FALSE) != NULL;
}

static void
test_secondary_windows (void)
{
  AttuneWindow *window = get_window ();
  GtkWindow *shortcuts, *preferences, *about;
  g_autofree char *png_shortcuts = NULL;
  g_autofree char *png_preferences = NULL;
  g_autofree char *png_about = NULL;

  g_assert_null (find_toplevel ("GtkShortcutsWindow"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-shortcuts", NULL);
  shortcuts = find_toplevel ("GtkShortcutsWindow");
  g_assert_nonnull (shortcuts);
  /* Named for screen readers by its translated title, not its type. */
  g_assert_cmpstr (gtk_window_get_title (shortcuts), ==, g_dpgettext2 (NULL, "shortcut window", "Keyboard Shortcuts"));
  gtk_test_accessible_assert_property (shortcuts, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       g_dpgettext2 (NULL, "shortcut window", "Keyboard Shortcuts"));
  png_shortcuts = attune_test_render_png (GTK_WIDGET (shortcuts), "shortcuts");
  gtk_window_destroy (shortcuts);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = find_toplevel ("AttunePreferencesWindow");
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (window));
  png_preferences = attune_test_render_png (GTK_WIDGET (preferences), "preferences");
  /* The style row is bound to the setting. */
  g_settings_set_string (attune_test_settings (), "color-scheme", "dark");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (attune_test_find_widget (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW, NULL))), ==, 2);
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  g_settings_reset (attune_test_settings (), "color-scheme");

  /* The learning record store page: an address Attune will not send to
   * is marked and explained, and not saved. */
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "records");
  {
    GtkWidget *page = attune_test_find_widget (GTK_WIDGET (preferences), ATTUNE_TYPE_LRS_PREFERENCES_PAGE, NULL);
    GtkWidget *endpoint = attune_test_find_widget (page, ADW_TYPE_ENTRY_ROW, NULL);
    GtkWidget *secret = attune_test_find_widget (page, ADW_TYPE_PASSWORD_ENTRY_ROW, NULL);
    g_autofree char *png_records = NULL;
    g_autofree char *saved = NULL;

    g_autofree char *learner_id = attune_store_get_profile_uid (attune_test_store (app),
                                                                attune_test_profile (app), NULL);

    g_assert_nonnull (endpoint);
    g_assert_nonnull (secret);
    /* The learner's id in the store, never the name, is shown to be passed on. */
    g_assert_true (g_uuid_string_is_valid (learner_id));
    /* Read off the GTK thread, then shown. */
    {
      struct { GtkWidget *page; const char *id; } look = { page, learner_id };

      attune_test_wait_until (label_shown, &look);
    }
    gtk_editable_set_text (GTK_EDITABLE (endpoint), "http://lrs.example.org/xAPI/");
    g_signal_emit_by_name (endpoint, "apply");
    g_assert_true (gtk_widget_has_css_class (endpoint, "error"));
    g_assert_nonnull (attune_test_find_label (page, "encrypted connection", TRUE));
    saved = g_settings_get_string (attune_test_settings (), "lrs-endpoint");
    g_assert_cmpstr (saved, ==, "");
    gtk_editable_set_text (GTK_EDITABLE (endpoint), "https://lrs.example.org/xAPI/");
    gtk_widget_remove_css_class (endpoint, "error");
    gtk_editable_set_text (GTK_EDITABLE (secret), "a secret");
    attune_test_wait_for_frame (GTK_WIDGET (preferences));
    png_records = attune_test_render_png (GTK_WIDGET (preferences), "preferences-records");
  }
  gtk_window_destroy (preferences);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = find_toplevel ("AdwAboutWindow");
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  png_about = attune_test_render_png (GTK_WIDGET (about), "about");
  gtk_window_destroy (about);
}

static gboolean
banner_shown (gpointer data)
{
  return library_loaded (GUINT_TO_POINTER (2));
}

static void
test_banner_and_details (void)
{
  AttuneWindow *window = get_window ();
  g_autofree char *broken = g_test_build_filename (G_TEST_DIST, "fixtures", "broken", NULL);
  const char *folders[] = { broken, NULL };
  AttuneLibrary *library = attune_test_library (app);
  GtkRevealer *revealer;
  GtkWidget *label;
  GtkWindow *details = NULL;
  GListModel *toplevels;
  g_autofree char *png = NULL;

  g_settings_set_strv (attune_test_settings (), "library-folders", folders);
  attune_test_wait_until (banner_shown, NULL);
  g_assert_cmpuint (attune_library_get_n_bad_files (library), ==, 2);
  /* Everything else still loads. */
  g_assert_nonnull (attune_library_find_lesson (library, "active-listening"));
  g_assert_nonnull (attune_library_find_lesson (library, "fixture-extra-lesson"));

  revealer = GTK_REVEALER (attune_test_find_widget (GTK_WIDGET (window), GTK_TYPE_REVEALER, NULL));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  label = attune_test_find_widget (GTK_WIDGET (revealer), GTK_TYPE_LABEL, NULL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "2 files could not be loaded.");
  png = attune_test_render_png (GTK_WIDGET (window), "banner");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-problems", NULL);
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) candidate = g_list_model_get_item (toplevels, i);

      if (g_str_equal (G_OBJECT_TYPE_NAME (candidate), "AttuneProblemsWindow"))
        details = candidate;
    }
  g_assert_nonnull (details);
  {
    g_autofree char *details_png = attune_test_render_png (GTK_WIDGET (details), "problems");
    GtkWidget *row = attune_test_find_widget (GTK_WIDGET (details), ADW_TYPE_ACTION_ROW, NULL);

    g_assert_nonnull (row);
    /* Each row says the file and the line. */
    g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "bad-link.xml, line 10"));
  }
  gtk_window_destroy (details);

  g_settings_set_strv (attune_test_settings (), "library-folders", NULL);
  attune_test_wait_until (library_loaded, GUINT_TO_POINTER (0));
  while (attune_library_get_n_bad_files (library) != 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
}

static void
test_size_is_remembered (void)
{
  AttuneWindow *window = get_window ();
  GSettings *settings = attune_test_settings ();

  window = reopen_at_size (window, 800, 600);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "practise");
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 800);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 600);
  {
    g_autofree char *last_view = g_settings_get_string (settings, "last-view");

    g_assert_cmpstr (last_view, ==, "practise");
  }

  /* A new window opens as the last one was left. */
  g_application_activate (G_APPLICATION (app));
  window = get_window ();
  g_assert_cmpstr (attune_window_get_view (window), ==, "practise");
}

/* At the design minimum, 360×294, no view forces the window taller: the
 * Practise header (filters, Practise Next) scrolls with the role-plays. */
static void
test_smallest_size (void)
{
  static const char *views[] = { "learn", "practise", "progress" };
  AttuneWindow *window = attune_test_reopen_window (app, "practise", 360, 294);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      int minimum;

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", views[i]);
      attune_test_wait_for_frame (GTK_WIDGET (window));
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, 360, &minimum, NULL, NULL, NULL);
      g_test_message ("%s at 360 px wide: minimum height %d, window %d×%d", views[i], minimum,
                      gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)));
      g_assert_cmpint (minimum, <=, 294);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <=, 294);
    }

  /* The Practise header is inside the scrolled page. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "practise");
  {
    GtkWidget *picker = attune_test_find_widget (GTK_WIDGET (window), ATTUNE_TYPE_SCENARIO_PICKER, NULL);
    GtkWidget *drop_down = attune_test_find_widget (picker, GTK_TYPE_DROP_DOWN, NULL);

    g_assert_nonnull (gtk_widget_get_ancestor (drop_down, GTK_TYPE_SCROLLED_WINDOW));
    g_assert_true (gtk_widget_is_ancestor (attune_test_find_widget (picker, GTK_TYPE_LIST_VIEW, "scenario-list"),
                                           gtk_widget_get_ancestor (drop_down, GTK_TYPE_SCROLLED_WINDOW)));
  }
  g_free (attune_test_render_png (GTK_WIDGET (window), "practise-smallest"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  g_free (attune_test_isolate_database ());
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  textdomain (GETTEXT_PACKAGE);

  app = attune_test_new_application ();
  g_application_activate (G_APPLICATION (app));

  g_test_add_func ("/window/views-list-content", test_views_list_content);
  g_test_add_func ("/window/accessibility", test_accessibility);
  g_test_add_func ("/window/secondary-windows", test_secondary_windows);
  g_test_add_func ("/window/banner-and-details", test_banner_and_details);
  g_test_add_func ("/window/size-is-remembered", test_size_is_remembered);
  g_test_add_func ("/window/smallest-size", test_smallest_size);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
