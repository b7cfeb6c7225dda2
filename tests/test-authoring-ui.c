/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The trainer's windows: the scenario map (layout, quality shown by line
 * style and words, click to play, SVG and PNG export) and the live
 * preview (reload on save, keeping the node, problems inline), plus the
 * library noticing a file saved in the user's folder.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "attune-map-window.h"
#include "attune-preview-window.h"
#include "attune-problem.h"
#include "attune-session.h"
#include "attune-test-utils.h"

static AttuneApplication *app;

static char *
fixture_text (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "authoring", "guide-example.xml", NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
remember (gpointer      instance,
          AttuneScenario *scenario,
          const char   *id,
          char        **out)
{
  g_free (*out);
  *out = g_strdup (id);
}

static void
test_map (void)
{
  AttuneLibrary *library = attune_test_library (app);
  AttuneScenario *scenario = attune_library_find_scenario (library, "late-parcel");
  AttuneMapWindow *window = attune_map_window_new (scenario);
  AttuneScenarioMap *map = attune_map_window_get_map (window);
  g_autofree char *dir = g_dir_make_tmp ("attune-map-XXXXXX", NULL);
  g_autofree char *svg_path = g_build_filename (dir, "map.svg", NULL);
  g_autofree char *png_path = g_build_filename (dir, "map.png", NULL);
  g_autofree char *svg = NULL;
  g_autofree char *played = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  double x, y;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);
  gtk_window_present (GTK_WINDOW (window));
  attune_test_wait_for_frame (GTK_WIDGET (window));

  /* Every node and ending is placed, and a click finds the node. */
  for (guint i = 0; i < attune_scenario_get_nodes (scenario)->len; i++)
    {
      AttuneScenarioNode *node = g_ptr_array_index (attune_scenario_get_nodes (scenario), i);

      g_assert_true (attune_scenario_map_get_node_center (map, node->id, &x, &y));
      g_assert_cmpstr (attune_scenario_map_node_at (map, x, y), ==, node->id);
    }
  for (guint i = 0; i < attune_scenario_get_endings (scenario)->len; i++)
    {
      AttuneScenarioEnding *ending = g_ptr_array_index (attune_scenario_get_endings (scenario), i);

      g_assert_true (attune_scenario_map_get_node_center (map, ending->id, &x, &y));
      /* Endings are not played from. */
      g_assert_null (attune_scenario_map_node_at (map, x, y));
    }

  /* Click on "options": the window asks to play from it. */
  g_signal_connect (window, "play-from", G_CALLBACK (remember), &played);
  g_assert_true (attune_scenario_map_get_node_center (map, "options", &x, &y));
  g_signal_emit_by_name (map, "node-activated", attune_scenario_map_node_at (map, x, y));
  g_assert_cmpstr (played, ==, "options");

  /* SVG: the same words and line styles as on screen. */
  g_assert_true (attune_scenario_map_export_svg (map, svg_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg_path, &svg, NULL, NULL));
  g_assert_nonnull (strstr (svg, "<svg"));
  g_assert_nonnull (strstr (svg, "partly right"));
  g_assert_nonnull (strstr (svg, "weak"));
  g_assert_nonnull (strstr (svg, "strong"));
  g_assert_nonnull (strstr (svg, "stroke-dasharray"));
  g_assert_nonnull (strstr (svg, "Ending: Customer lost"));

  /* PNG: the map as drawn. */
  g_assert_true (attune_scenario_map_export_png (map, png_path, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_filename (png_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), >, 500);
  g_assert_cmpint (gdk_texture_get_height (texture), >, 500);

  g_free (attune_test_render_png (GTK_WIDGET (window), "map-window"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_free (attune_test_render_png (GTK_WIDGET (window), "map-window-dark"));
  {
    g_autofree char *dark_png = g_build_filename (g_getenv ("ATTUNE_SCREENSHOT_DIR") != NULL ? g_getenv ("ATTUNE_SCREENSHOT_DIR") : dir,
                                                  "map-export-dark.png", NULL);

    g_assert_true (attune_scenario_map_export_png (map, dark_png, NULL));
  }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_set_title (GTK_WINDOW (window), "Map of “A very long scenario title that a trainer might well write for a class”");
  g_free (attune_test_render_png (GTK_WIDGET (window), "map-window-narrow"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (svg_path);
  g_unlink (png_path);
  g_rmdir (dir);
}

typedef struct
{
  AttunePreviewWindow *preview;
  guint loads;
} Waiting;

static gboolean
loaded_n (gpointer data)
{
  Waiting *w = data;

  return attune_preview_window_get_n_loads (w->preview) >= w->loads;
}

static const char *
current_node (AttunePreviewWindow *preview)
{
  AttuneConversation *conversation = attune_role_play_get_conversation (attune_preview_window_get_role_play (preview));
  AttuneScenarioNode *node = attune_conversation_get_node (conversation);

  return node != NULL ? node->id : NULL;
}

static void
save (const char *path,
      const char *text)
{
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);

  /* As editors do: a temporary file, then a rename. */
  g_assert_true (g_file_set_contents (tmp, text, -1, NULL));
  g_assert_cmpint (g_rename (tmp, path), ==, 0);
}

static void
test_preview (void)
{
  g_autofree char *example = fixture_text ();
  g_autofree char *dir = g_dir_make_tmp ("attune-preview-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "acme-example.xml", NULL);
  g_autoptr(AttunePractice) practice = attune_practice_new (attune_application_get_session (app));
  AttunePreviewWindow *preview;
  Waiting w;
  g_autoptr(GString) text = g_string_new (example);

  g_assert_true (g_file_set_contents (path, example, -1, NULL));
  preview = attune_preview_window_new (practice, path, NULL);
  gtk_window_present (GTK_WINDOW (preview));
  w = (Waiting) { preview, 1 };
  attune_test_wait_until (loaded_n, &w);
  g_assert_cmpstr (attune_preview_window_get_problems (preview), ==, "");
  g_assert_cmpstr (current_node (preview), ==, "opening");

  /* Play from "options", as a click on the map does. */
  g_signal_emit_by_name (attune_preview_window_get_map (preview), "node-activated", "options");
  g_assert_cmpstr (current_node (preview), ==, "options");

  /* A save that changes the line: reloaded, still at "options". */
  g_string_replace (text, "So what happens now?", "So what now, then?", 1);
  save (path, text->str);
  w.loads = 2;
  attune_test_wait_until (loaded_n, &w);
  g_assert_cmpstr (current_node (preview), ==, "options");
  g_assert_cmpstr (attune_scenario_node_get_quality (attune_conversation_get_node (
                     attune_role_play_get_conversation (attune_preview_window_get_role_play (preview))), 0) == ATTUNE_REPLY_STRONG ? "strong" : "other", ==, "strong");
  g_assert_nonnull (strstr (attune_conversation_get_node (attune_role_play_get_conversation (
                     attune_preview_window_get_role_play (preview)))->text, "So what now, then?"));

  /* A mistake: shown inline with FILE:LINE; the play stays as it was. */
  {
    g_autoptr(GString) broken = g_string_new (text->str);
    g_autofree char *expected = g_strdup_printf ("%s:", path);

    g_string_replace (broken, "next=\"pushback\" mood=\"-1\"", "next=\"pushback\" mood=\"-6\"", 1);
    save (path, broken->str);
    w.loads = 3;
    attune_test_wait_until (loaded_n, &w);
    g_assert_true (g_str_has_prefix (attune_preview_window_get_problems (preview), expected));
    g_assert_nonnull (strstr (attune_preview_window_get_problems (preview), ": error: The mood of <choice> must be a whole number from -5 to 5"));
    g_assert_cmpstr (current_node (preview), ==, "options");
    g_free (attune_test_render_png (GTK_WIDGET (preview), "preview-with-problem"));
  }

  /* Fixed, and "options" renamed: the play goes back to the start. */
  g_string_replace (text, "id=\"options\"", "id=\"choices\"", 1);
  g_string_replace (text, "next=\"options\"", "next=\"choices\"", 0);
  save (path, text->str);
  w.loads = 4;
  attune_test_wait_until (loaded_n, &w);
  g_assert_cmpstr (attune_preview_window_get_problems (preview), ==, "");
  g_assert_cmpstr (current_node (preview), ==, "opening");
  g_free (attune_test_render_png (GTK_WIDGET (preview), "preview"));

  gtk_window_destroy (GTK_WINDOW (preview));
  g_unlink (path);
  g_rmdir (dir);
}

/* Keeps the main loop turning, so that a wait can time out. */
static gboolean
keep_ticking (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Whether @adjustment shows [start, start + size]: all of it, or, when it
 * is larger than the view, its start. */
static gboolean
shows (GtkAdjustment *adjustment,
       double         start,
       double         size)
{
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);

  if (size <= page)
    return start >= value && start + size <= value + page;
  return start >= value && start < value + page;
}

/* Whether the map shows the node being played. */
static gboolean
current_in_view (AttunePreviewWindow *preview)
{
  AttuneScenarioMap *map = attune_preview_window_get_map (preview);
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (map), GTK_TYPE_SCROLLED_WINDOW));
  graphene_rect_t box;

  g_assert_true (attune_scenario_map_get_node_bounds (map, current_node (preview), &box));
  return shows (gtk_scrolled_window_get_hadjustment (scroller), box.origin.x, box.size.width) &&
         shows (gtk_scrolled_window_get_vadjustment (scroller), box.origin.y, box.size.height);
}

static gboolean
current_in_view_cb (gpointer data)
{
  return current_in_view (data);
}

/* The map follows the play: in a window too small for the whole map,
 * every node reached by playing (and one jumped to) is scrolled into
 * view, which takes scrolling both ways. */
static void
test_preview_map_follows (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "authoring", "acme-double-charge.xml", NULL);
  g_autoptr(AttunePractice) practice = attune_practice_new (attune_application_get_session (app));
  AttunePreviewWindow *preview = attune_preview_window_new (practice, path, NULL);
  AttuneRolePlay *role_play = attune_preview_window_get_role_play (preview);
  AttuneScenarioMap *map = attune_preview_window_get_map (preview);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (
                       gtk_widget_get_ancestor (GTK_WIDGET (map), GTK_TYPE_SCROLLED_WINDOW)));
  GPtrArray *nodes;
  const char *lowest = NULL;
  double lowest_y = -1, furthest = 0;
  guint n_shown = 0;
  Waiting w = { preview, 1 };
  /* Keeps the loop turning, so that a wait can time out. */
  guint ticker = g_timeout_add (50, (GSourceFunc) keep_ticking, NULL);

  gtk_window_set_default_size (GTK_WINDOW (preview), 760, 420);
  gtk_window_present (GTK_WINDOW (preview));
  attune_test_wait_until (loaded_n, &w);
  attune_test_wait_for_frame (GTK_WIDGET (preview));
  /* Too small for the whole map, or this would prove nothing. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (v), >, gtk_adjustment_get_page_size (v) + 100);
  attune_test_wait_until (current_in_view_cb, preview);

  /* Playing: after each reply and Continue, the customer's node is in view. */
  while (current_node (preview) != NULL && n_shown < 12)
    {
      const char *before = current_node (preview);

      g_assert_true (attune_role_play_choose (role_play, 0));
      attune_role_play_continue (role_play);
      if (current_node (preview) == NULL || g_strcmp0 (before, current_node (preview)) == 0)
        break;   /* an ending */
      attune_test_wait_until (current_in_view_cb, preview);
      furthest = MAX (furthest, gtk_adjustment_get_value (v));
      n_shown++;
    }
  g_assert_cmpuint (n_shown, >, 0);

  /* Jumping to the lowest node on the map, then back to the start. */
  nodes = attune_scenario_get_nodes (attune_scenario_map_get_scenario (map));
  for (guint i = 0; i < nodes->len; i++)
    {
      AttuneScenarioNode *node = g_ptr_array_index (nodes, i);
      double x, y;

      g_assert_true (attune_scenario_map_get_node_center (map, node->id, &x, &y));
      if (y > lowest_y)
        {
          lowest_y = y;
          lowest = node->id;
        }
    }
  g_signal_emit_by_name (map, "node-activated", lowest);
  g_assert_cmpstr (current_node (preview), ==, lowest);
  attune_test_wait_until (current_in_view_cb, preview);
  furthest = MAX (furthest, gtk_adjustment_get_value (v));
  g_assert_cmpfloat (furthest, >, 0);
  g_free (attune_test_render_png (GTK_WIDGET (preview), "preview-map-follows"));

  g_signal_emit_by_name (map, "node-activated", attune_scenario_get_start_id (attune_scenario_map_get_scenario (map)));
  attune_test_wait_until (current_in_view_cb, preview);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), <, furthest);

  g_source_remove (ticker);
  gtk_window_destroy (GTK_WINDOW (preview));
}

typedef struct
{
  AttuneLibrary *library;
  const char *id;
} Finding;

static gboolean
found (gpointer data)
{
  Finding *f = data;

  return attune_library_get_loaded (f->library) && attune_library_find_scenario (f->library, f->id) != NULL;
}

/* A trainer saves a new scenario into their folder: it appears, with the
 * badge, without a restart; titles sort naturally. */

static void
test_library_watches_user_folder (void)
{
  AttuneLibrary *library = attune_test_library (app);
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "attune", "scenarios", NULL);
  g_autofree char *path = g_build_filename (folder, "acme-watch.xml", NULL);
  g_autofree char *example = fixture_text ();
  g_autoptr(GString) text = g_string_new (example);
  Finding f = { library, "acme-watch" };
  AttuneScenario *scenario;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_null (attune_library_find_scenario (library, "acme-watch"));
  g_string_replace (text, "id=\"guide-example\"", "id=\"acme-watch\"", 1);
  save (path, text->str);
  {
    /* Keeps the loop turning while the monitor's delay runs. */
    guint ticker = g_timeout_add (50, (GSourceFunc) keep_ticking, NULL);

    attune_test_wait_until (found, &f);
    g_source_remove (ticker);
  }
  scenario = attune_library_find_scenario (library, "acme-watch");
  g_assert_true (attune_library_is_user_content (library, attune_scenario_get_file (scenario)));
  g_assert_false (attune_library_is_user_content (library, attune_scenario_get_file (
                    attune_library_find_scenario (library, "late-parcel"))));

  /* The picker shows the badge on that card. */
  attune_window_show_view (attune_application_get_main_window (app), "practise");
  attune_test_wait_for_frame (GTK_WIDGET (attune_application_get_main_window (app)));
  g_free (attune_test_render_png (GTK_WIDGET (attune_application_get_main_window (app)), "picker-own-badge"));

  g_unlink (path);
}

typedef struct
{
  AttuneLibrary *library;
  const char *file;
} ProblemFinding;

static gboolean
has_problem_for (gpointer data)
{
  ProblemFinding *f = data;
  GListModel *problems = attune_library_get_problems (f->library);

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(AttuneProblem) problem = g_list_model_get_item (problems, i);

      if (g_str_equal (attune_problem_get_file (problem), f->file))
        return TRUE;
    }
  return FALSE;
}

/* Folders inside the trainer's folder are watched too, even ones made
 * after start-up: a broken file saved two folders down is reported, and
 * once fixed it loads, without a restart. */
static void
test_library_watches_subfolders (void)
{
  AttuneLibrary *library = attune_test_library (app);
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "attune", "scenarios", NULL);
  g_autofree char *team = g_build_filename (folder, "team", NULL);
  g_autofree char *north = g_build_filename (team, "north", NULL);
  g_autofree char *path = g_build_filename (north, "acme-sub.xml", NULL);
  g_autofree char *example = fixture_text ();
  g_autoptr(GString) text = g_string_new (example);
  Finding f = { library, "acme-sub" };
  ProblemFinding p = { library, path };
  guint ticker = g_timeout_add (50, (GSourceFunc) keep_ticking, NULL);

  g_assert_null (attune_library_find_scenario (library, "acme-sub"));
  g_string_replace (text, "id=\"guide-example\"", "id=\"acme-sub\"", 1);
  g_assert_cmpuint (g_string_replace (text, "next=\"pushback\" mood=\"-1\"", "next=\"pushback\" mood=\"-9\"", 1), ==, 1);

  /* New folders, then a broken file in the deepest. */
  g_assert_cmpint (g_mkdir_with_parents (north, 0700), ==, 0);
  save (path, text->str);
  attune_test_wait_until (has_problem_for, &p);
  g_assert_null (attune_library_find_scenario (library, "acme-sub"));

  /* Fixed in place: only a watch on that folder can see it. */
  g_string_replace (text, "mood=\"-9\"", "mood=\"-1\"", 1);
  save (path, text->str);
  attune_test_wait_until (found, &f);
  g_assert_false (has_problem_for (&p));
  g_assert_true (attune_library_is_user_content (library, path));

  g_source_remove (ticker);
  g_unlink (path);
  g_rmdir (north);
  g_rmdir (team);
}

/* The scenario written from the guide for this issue: it loads cleanly in
 * the preview, and its map is exported for a look. */
static void
test_new_scenario (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "authoring", "acme-double-charge.xml", NULL);
  g_autoptr(AttunePractice) practice = attune_practice_new (attune_application_get_session (app));
  AttunePreviewWindow *preview = attune_preview_window_new (practice, path, NULL);
  const char *dir = g_getenv ("ATTUNE_SCREENSHOT_DIR");
  g_autofree char *png = g_build_filename (dir != NULL ? dir : g_get_tmp_dir (), "map-acme-double-charge.png", NULL);
  Waiting w = { preview, 1 };

  gtk_window_present (GTK_WINDOW (preview));
  attune_test_wait_until (loaded_n, &w);
  g_assert_cmpstr (attune_preview_window_get_problems (preview), ==, "");
  g_assert_cmpuint (attune_scenario_get_nodes (attune_scenario_map_get_scenario (attune_preview_window_get_map (preview)))->len, ==, 10);
  g_assert_true (attune_scenario_map_export_png (attune_preview_window_get_map (preview), png, NULL));
  g_free (attune_test_render_png (GTK_WIDGET (preview), "preview-acme-double-charge"));
  gtk_window_destroy (GTK_WINDOW (preview));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  g_free (attune_test_isolate_database ());
  {
    /* The trainer's folder exists, and holds nothing from a previous run. */
    g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "attune", "scenarios", NULL);
    g_autofree char *left = g_build_filename (folder, "acme-watch.xml", NULL);
    g_autofree char *left_sub = g_build_filename (folder, "team", "north", "acme-sub.xml", NULL);
    g_autofree char *north = g_build_filename (folder, "team", "north", NULL);
    g_autofree char *team = g_build_filename (folder, "team", NULL);

    g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
    g_unlink (left);
    g_unlink (left_sub);
    g_rmdir (north);
    g_rmdir (team);
  }
  app = attune_test_new_application ();
  g_settings_set_int (attune_test_settings (), "window-width", 1000);
  g_settings_set_int (attune_test_settings (), "window-height", 760);
  g_application_activate (G_APPLICATION (app));
  attune_test_wait_until (attune_test_app_ready, app);

  g_test_add_func ("/authoring-ui/map", test_map);
  g_test_add_func ("/authoring-ui/preview", test_preview);
  g_test_add_func ("/authoring-ui/preview-map-follows", test_preview_map_follows);
  g_test_add_func ("/authoring-ui/library-watches-user-folder", test_library_watches_user_folder);
  g_test_add_func ("/authoring-ui/library-watches-subfolders", test_library_watches_subfolders);
  g_test_add_func ("/authoring-ui/new-scenario", test_new_scenario);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
