/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers for UI tests: wait for a real painted frame, and render a widget
 * to PNG the way GTK's reftests do (no screen grab). PNGs go to
 * $ATTUNE_SCREENSHOT_DIR, or "screenshots" in the test's build folder.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include <adwaita.h>

#include "attune-test-utils.h"

static void
frame_painted (GdkFrameClock *clock,
               gboolean      *done)
{
  *done = TRUE;
}

/* Spins the main loop until @widget's surface has painted a frame. */
void
attune_test_wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock;
  gboolean done = FALSE;
  gulong id;

  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);

  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (frame_painted), &done);
  gtk_widget_queue_draw (widget);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);

  /* Let idle work queued by that frame (allocation, list rows) settle. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
attune_test_wait_until (gboolean (*condition) (gpointer),
                        gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Whether an animation under @widget (a leaflet sliding, a revealer
 * opening) is still running. */
static gboolean
animating (GtkWidget *widget)
{
  if (ADW_IS_LEAFLET (widget) && adw_leaflet_get_child_transition_running (ADW_LEAFLET (widget)))
    return TRUE;
  if (GTK_IS_REVEALER (widget) &&
      gtk_revealer_get_reveal_child (GTK_REVEALER (widget)) != gtk_revealer_get_child_revealed (GTK_REVEALER (widget)))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (animating (child))
      return TRUE;
  return FALSE;
}

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Lets animations finish, so that a PNG shows what a person would see.
 * Some (a leaflet folding, a view switcher revealing) do not say they are
 * running, so at least one animation's length (250 ms) always passes. */
static void
settle (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  gint64 quiet_until = g_get_monotonic_time () + 300 * 1000;
  guint timer = g_timeout_add (16, tick, NULL);

  while (g_get_monotonic_time () < deadline &&
         (animating (widget) || g_get_monotonic_time () < quiet_until))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timer);
}

/* @widget (already shown) as a texture, after its animations. */
static GdkTexture *
render_texture (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = NULL;
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;
  int width, height;

  attune_test_wait_for_frame (widget);
  settle (widget);
  attune_test_wait_for_frame (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  renderer = gsk_cairo_renderer_new ();
  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_renderer_unrealize (renderer);
  return texture;
}

static char *
save_png (GdkTexture *texture,
          const char *name)
{
  const char *env = g_getenv ("ATTUNE_SCREENSHOT_DIR");
  g_autofree char *dir = env != NULL ? g_strdup (env) : g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  char *path = g_build_filename (dir, file, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("rendered %s (%dx%d)", path, gdk_texture_get_width (texture), gdk_texture_get_height (texture));
  return path;
}

/**
 * attune_test_render_png:
 * @name: file name without extension
 *
 * Renders @widget (already shown) to a PNG and returns its path.
 */
char *
attune_test_render_png (GtkWidget  *widget,
                        const char *name)
{
  g_autoptr(GdkTexture) texture = render_texture (widget);

  return save_png (texture, name);
}

/* Pixels of a rendered texture, B G R A in memory (cairo's ARGB32 on a
 * little-endian machine), opaque: windows paint their background. */
typedef struct
{
  guchar *data;
  gsize stride;
  int width, height;
} Pixels;

static Pixels
download (GdkTexture *texture)
{
  Pixels p = { NULL, 0, gdk_texture_get_width (texture), gdk_texture_get_height (texture) };

  p.stride = (gsize) p.width * 4;
  p.data = g_malloc (p.stride * p.height);
  gdk_texture_download (texture, p.data, p.stride);
  return p;
}

static const guchar *
pixel_at (const Pixels *p,
          int           x,
          int           y)
{
  return p->data + (gsize) y * p->stride + (gsize) x * 4;
}

/* WCAG 2 relative luminance of an sRGB pixel. */
static double
luminance (const guchar *bgra)
{
  double channel[3];

  for (guint i = 0; i < 3; i++)
    {
      double c = bgra[2 - i] / 255.0;

      channel[i] = c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
    }
  return 0.2126 * channel[0] + 0.7152 * channel[1] + 0.0722 * channel[2];
}

static double
ratio (double a,
       double b)
{
  return (MAX (a, b) + 0.05) / (MIN (a, b) + 0.05);
}

/* @widget's box in @root's pixels, clamped to the texture. */
static void
box_in (GtkWidget          *widget,
        GtkWidget          *root,
        const Pixels       *p,
        int                 grow,
        cairo_rectangle_int_t *box)
{
  graphene_rect_t bounds;
  int x1, y1;

  g_assert_true (gtk_widget_compute_bounds (widget, root, &bounds));
  box->x = MAX (0, (int) floor (bounds.origin.x) - grow);
  box->y = MAX (0, (int) floor (bounds.origin.y) - grow);
  x1 = MIN (p->width, (int) ceil (bounds.origin.x + bounds.size.width) + grow);
  y1 = MIN (p->height, (int) ceil (bounds.origin.y + bounds.size.height) + grow);
  box->width = MAX (0, x1 - box->x);
  box->height = MAX (0, y1 - box->y);
}

/* The contrast of one label's text in @p: the background is the
 * commonest colour in the label's box, the ink the pixel that differs
 * most from it (a glyph's core). */
static double
label_contrast (const Pixels          *p,
                cairo_rectangle_int_t *box)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint32 background = 0;
  guint best = 0;
  double background_luminance, result = 1.0;

  for (int y = box->y; y < box->y + box->height; y++)
    for (int x = box->x; x < box->x + box->width; x++)
      {
        guint32 colour;
        guint n;

        memcpy (&colour, pixel_at (p, x, y), 4);
        n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (colour))) + 1;
        g_hash_table_insert (counts, GUINT_TO_POINTER (colour), GUINT_TO_POINTER (n));
        if (n > best)
          {
            best = n;
            background = colour;
          }
      }
  background_luminance = luminance ((const guchar *) &background);
  for (int y = box->y; y < box->y + box->height; y++)
    for (int x = box->x; x < box->x + box->width; x++)
      result = MAX (result, ratio (background_luminance, luminance (pixel_at (p, x, y))));
  return result;
}

/* Whether all of @widget is in view: inside @root and inside every
 * scrolled window around it. */
static gboolean
wholly_shown (GtkWidget *widget,
              GtkWidget *root)
{
  graphene_rect_t bounds, outer;

  if (!gtk_widget_compute_bounds (widget, root, &bounds) || bounds.size.width < 1 || bounds.size.height < 1)
    return FALSE;
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL && w != root; w = gtk_widget_get_parent (w))
    if (GTK_IS_SCROLLED_WINDOW (w))
      {
        graphene_rect_t both;

        if (!gtk_widget_compute_bounds (w, root, &outer) ||
            !graphene_rect_intersection (&bounds, &outer, &both) ||
            !graphene_rect_equal (&both, &bounds))
          return FALSE;
      }
  return gtk_widget_compute_bounds (root, root, &outer) &&
         graphene_rect_contains_rect (&outer, &bounds);
}

static void
measure_labels (GtkWidget    *widget,
                GtkWidget    *root,
                const Pixels *p,
                const char   *what,
                double       *lowest,
                guint        *n)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0' && wholly_shown (widget, root))
    {
      cairo_rectangle_int_t box;
      double r;
      g_autofree char *start = g_utf8_substring (gtk_label_get_text (GTK_LABEL (widget)), 0,
                                                 MIN (40, g_utf8_strlen (gtk_label_get_text (GTK_LABEL (widget)), -1)));

      box_in (widget, root, p, 0, &box);
      r = label_contrast (p, &box);
      g_test_message ("contrast %s: %.2f:1 “%s”", what, r, start);
      *lowest = MIN (*lowest, r);
      *n += 1;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    measure_labels (child, root, p, what, lowest, n);
}

/**
 * attune_test_text_contrast:
 * @root: the window
 * @area: where to measure, under @root
 * @what: what @area is, for the log
 *
 * Renders @root and measures, from the pixels, the text contrast of
 * every label under @area that is wholly in view (see label_contrast).
 * Logs each and returns the lowest WCAG ratio; asserts it found text.
 */
double
attune_test_text_contrast (GtkWidget  *root,
                           GtkWidget  *area,
                           const char *what)
{
  g_autoptr(GdkTexture) texture = render_texture (root);
  Pixels p = download (texture);
  double lowest = 21.0;
  guint n = 0;

  measure_labels (area, root, &p, what, &lowest, &n);
  g_free (p.data);
  g_assert_cmpuint (n, >, 0);
  g_test_message ("contrast %s: lowest %.2f:1 over %u labels", what, lowest, n);
  return lowest;
}

static void
wait_ms (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;
  guint timer = g_timeout_add (16, tick, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timer);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/**
 * attune_test_ring_contrast:
 * @root: the window
 * @widget: a widget that can take the focus
 * @name: (nullable): a PNG to save of the focused state
 *
 * Measures @widget's focus ring from pixels, as WCAG 2.2 compares a
 * focus indicator: the same pixels with the ring shown and hidden (the
 * focus kept, only focus-visible changing). The ring's colour is the
 * commonest colour among the pixels that change (its solid part, not
 * its anti-aliased edges); returns the median ratio between it and what
 * those pixels show without the ring. Asserts that a ring is drawn.
 */
double
attune_test_ring_contrast (GtkWidget  *root,
                           GtkWidget  *widget,
                           const char *name)
{
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (widget));
  g_autoptr(GdkTexture) hidden = NULL;
  g_autoptr(GdkTexture) shown = NULL;
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  Pixels without, with;
  cairo_rectangle_int_t box;
  guint32 ring = 0;
  guint best = 0, changed = 0;
  double median;

  g_assert_true (gtk_widget_grab_focus (widget));
  gtk_window_set_focus_visible (window, FALSE);
  wait_ms (400);   /* the ring's transition */
  hidden = render_texture (root);
  gtk_window_set_focus_visible (window, TRUE);
  wait_ms (400);
  shown = render_texture (root);
  if (name != NULL)
    g_free (save_png (shown, name));

  without = download (hidden);
  with = download (shown);
  box_in (widget, root, &with, 6, &box);
  for (int y = box.y; y < box.y + box.height; y++)
    for (int x = box.x; x < box.x + box.width; x++)
      if (memcmp (pixel_at (&with, x, y), pixel_at (&without, x, y), 3) != 0)
        {
          guint32 colour;
          guint n;

          memcpy (&colour, pixel_at (&with, x, y), 4);
          n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (colour))) + 1;
          g_hash_table_insert (counts, GUINT_TO_POINTER (colour), GUINT_TO_POINTER (n));
          changed++;
          if (n > best)
            {
              best = n;
              ring = colour;
            }
        }
  g_assert_cmpuint (changed, >, 0);
  for (int y = box.y; y < box.y + box.height; y++)
    for (int x = box.x; x < box.x + box.width; x++)
      if (memcmp (pixel_at (&with, x, y), &ring, 4) == 0 &&
          memcmp (pixel_at (&without, x, y), &ring, 3) != 0)
        {
          double r = ratio (luminance (pixel_at (&with, x, y)), luminance (pixel_at (&without, x, y)));

          g_array_append_val (ratios, r);
        }
  g_free (without.data);
  g_free (with.data);
  g_array_sort (ratios, compare_doubles);
  median = g_array_index (ratios, double, ratios->len / 2);
  g_test_message ("focus ring: %u pixels change, %u of them the ring's colour #%02x%02x%02x",
                  changed, ratios->len, ((guchar *) &ring)[2], ((guchar *) &ring)[1], ((guchar *) &ring)[0]);
  return median;
}

/* A fresh, empty progress file for this test program. */
char *
attune_test_isolate_database (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attune-ui-XXXXXX", NULL);
  char *path = g_build_filename (dir, "progress.db", NULL);

  g_assert_nonnull (dir);
  g_setenv ("ATTUNE_DATABASE", path, TRUE);
  return path;
}

/* The application as the UI tests drive it: non-unique, so that test
 * programs can run side by side, and registered, so that its settings
 * and actions exist; not yet activated. */
AttuneApplication *
attune_test_new_application (void)
{
  g_autoptr(GError) error = NULL;
  AttuneApplication *app = attune_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return app;
}

/* The app's settings, before or after its session exists (the memory
 * backend shares values within the process). */
GSettings *
attune_test_settings (void)
{
  static GSettings *settings;

  if (settings == NULL)
    settings = g_settings_new (APP_ID);
  return settings;
}

AttuneLibrary *
attune_test_library (AttuneApplication *app)
{
  return attune_session_get_library (attune_application_get_session (app));
}

AttuneStore *
attune_test_store (AttuneApplication *app)
{
  return attune_session_get_store (attune_application_get_session (app));
}

gint64
attune_test_profile (AttuneApplication *app)
{
  return attune_session_get_profile (attune_application_get_session (app));
}

/* Waits until every decision and attempt the window's role-play (or a
 * presenter's practice) asked for is on disk. */
void
attune_test_flush (AttunePractice *practice)
{
  attune_practice_flush (practice);
  attune_store_drain (attune_session_get_store (attune_practice_get_session (practice)));
}

/* Judges progress as of @now and waits for the report. */
void
attune_test_progress_at (AttuneWindow *window,
                         gint64        now)
{
  AttuneProgressModel *progress = attune_window_get_progress (window);

  attune_progress_model_set_now (progress, now);
  attune_test_wait_report (progress);
}

static void
changed (AttuneProgressModel *progress,
         gboolean            *done)
{
  *done = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* Waits for the next report of @progress (a refresh must be under way). */
void
attune_test_wait_report (AttuneProgressModel *progress)
{
  gboolean done = FALSE;
  gulong id = g_signal_connect (progress, "changed", G_CALLBACK (changed), &done);

  attune_test_wait_until (is_true, &done);
  g_signal_handler_disconnect (progress, id);
  g_assert_nonnull (attune_progress_model_get_report (progress));
}

/* For attune_test_wait_until(): whether the application @data has loaded
 * its content and opened its progress store, both of which happen after
 * the first frame. */
gboolean
attune_test_app_ready (gpointer data)
{
  AttuneApplication *app = data;

  return attune_application_get_session (app) != NULL &&
         attune_library_get_loaded (attune_test_library (app)) &&
         attune_test_store (app) != NULL;
}

/* Xvfb has no window manager, so a mapped window keeps its size: to see
 * another size, close the main window and open a new one, which takes its
 * size, and its view when @view is not NULL, from the settings. */
AttuneWindow *
attune_test_reopen_window (AttuneApplication *app,
                           const char        *view,
                           int                width,
                           int                height)
{
  GSettings *settings = attune_test_settings ();
  AttuneWindow *window = attune_application_get_main_window (app);

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  if (view != NULL)
    g_settings_set_string (settings, "last-view", view);
  g_application_activate (G_APPLICATION (app));
  window = attune_application_get_main_window (app);
  g_assert_true (ATTUNE_IS_WINDOW (window));
  attune_test_wait_for_frame (GTK_WIDGET (window));
  return window;
}

/* Whether @trigger is @keyval+@modifiers, or has it as one alternative
 * (GtkWindow binds Tab and KP_Tab as one shortcut). */
static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 guint               keyval,
                 GdkModifierType     modifiers)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, modifiers) ||
           trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, modifiers);
  return GTK_IS_KEYVAL_TRIGGER (trigger) &&
         gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
         gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers;
}

/* Presses @keyval+@modifiers on @widget the way a key press reaches it:
 * the shortcuts of the widget and then of each ancestor, first match
 * wins. Asserts that something handled it. */
static gboolean
try_controllers (GtkWidget      *target,
                 guint           keyval,
                 GdkModifierType modifiers,
                 gboolean        capture)
{
  GListModel *controllers = gtk_widget_observe_controllers (target);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          (gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE) != capture)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !handled; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (trigger_matches (trigger, keyval, modifiers))
            handled = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, target,
                                                    gtk_shortcut_get_arguments (shortcut));
        }
    }
  g_object_unref (controllers);
  return handled;
}

/* Presses @keyval+@modifiers on @widget the way a key press reaches it:
 * capture-phase shortcuts from the window down, then the widget's own
 * shortcuts and each ancestor's, first match wins. Asserts that
 * something handled it. */
void
attune_test_press (GtkWidget       *widget,
                   guint            keyval,
                   GdkModifierType  modifiers)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  gboolean handled = FALSE;

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    g_ptr_array_add (chain, w);
  for (guint i = chain->len; i-- > 0 && !handled;)
    handled = try_controllers (g_ptr_array_index (chain, i), keyval, modifiers, TRUE);
  for (guint i = 0; i < chain->len && !handled; i++)
    handled = try_controllers (g_ptr_array_index (chain, i), keyval, modifiers, FALSE);
  g_assert_true (handled);
}

/* The first widget of @type under @root (itself included), named @name
 * when @name is not NULL. */
GtkWidget *
attune_test_find_widget (GtkWidget  *root,
                         GType       type,
                         const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (root), name) == 0))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = attune_test_find_widget (child, type, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first label under @root whose text is @text, or contains it. */
GtkWidget *
attune_test_find_label (GtkWidget  *root,
                        const char *text,
                        gboolean    containing)
{
  if (GTK_IS_LABEL (root) &&
      (containing ? strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL
                  : g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = attune_test_find_label (child, text, containing);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_visible_text (GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (has_visible_text (child))
      return TRUE;
  return FALSE;
}

static gboolean
interactive (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget))
    return FALSE;
  /* An entry's text is named through the entry around it. */
  if (GTK_IS_TEXT (widget) && GTK_IS_EDITABLE (gtk_widget_get_parent (widget)))
    return FALSE;
  return GTK_IS_BUTTON (widget) || GTK_IS_SWITCH (widget) || GTK_IS_CHECK_BUTTON (widget) ||
         GTK_IS_TEXT_VIEW (widget) || GTK_IS_EDITABLE (widget) || GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_SCALE (widget) || GTK_IS_MENU_BUTTON (widget) ||
         (GTK_IS_LIST_BOX_ROW (widget) && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget))) ||
         (gtk_widget_get_focusable (widget) && gtk_widget_get_can_focus (widget) &&
          !GTK_IS_LIST_VIEW (widget) && !GTK_IS_GRID_VIEW (widget) && !GTK_IS_LIST_BOX (widget) &&
          !GTK_IS_FLOW_BOX (widget) && !GTK_IS_VIEWPORT (widget) && !GTK_IS_WINDOW (widget));
}

static gboolean
named (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;
  /* Buttons, rows and links are named by the text they contain. */
  return !GTK_IS_TEXT_VIEW (widget) && !GTK_IS_EDITABLE (widget) && !GTK_IS_SWITCH (widget) && has_visible_text (widget);
}

/**
 * attune_test_unnamed_controls:
 *
 * Walks the widget tree under @root as a screen reader would meet it and
 * lists every mapped interactive control with no accessible name: no
 * label, no labelled-by relation and no text of its own. Returns their
 * descriptions, one a line, or an empty string.
 */
char *
attune_test_unnamed_controls (GtkWidget *root,
                              guint     *n_checked)
{
  GString *found = g_string_new (NULL);
  GPtrArray *stack = g_ptr_array_new ();

  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (!gtk_widget_get_mapped (widget))
        continue;
      if (interactive (widget))
        *n_checked += 1;
      if (interactive (widget) && !named (widget))
        {
          GtkWidget *parent = gtk_widget_get_parent (widget);

          g_string_append_printf (found, "%s (in %s, in %s)\n", G_OBJECT_TYPE_NAME (widget),
                                  parent != NULL ? G_OBJECT_TYPE_NAME (parent) : "-",
                                  parent != NULL && gtk_widget_get_parent (parent) != NULL
                                    ? G_OBJECT_TYPE_NAME (gtk_widget_get_parent (parent)) : "-");
        }
      for (GtkWidget *child = gtk_widget_get_last_child (widget); child != NULL; child = gtk_widget_get_prev_sibling (child))
        g_ptr_array_add (stack, child);
    }
  g_ptr_array_unref (stack);
  return g_string_free (found, FALSE);
}

/* Asserts that @widget's focus ring measures 3:1 or more from pixels,
 * and saves the focused state as contrast-ring-@what-@scheme.png. */
void
attune_test_assert_ring (GtkWidget  *root,
                         GtkWidget  *widget,
                         const char *what,
                         const char *scheme)
{
  g_autofree char *png = g_strdup_printf ("contrast-ring-%s-%s", what, scheme);
  double ring = attune_test_ring_contrast (root, widget, png);

  g_test_message ("focus ring, %s, %s: %.2f:1", what, scheme, ring);
  g_assert_cmpfloat (ring, >=, 3.0);
}
