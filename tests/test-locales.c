/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every screen in one language, chosen with --language=CODE:
 *
 *   qps  the pseudo-locale (po/meson.build, build-aux/pseudo-po.py): every
 *        screen is walked, and each visible label, tooltip, window title,
 *        accessible name and accessible description with letters in it must
 *        carry the pseudo marks, so no text escaped translation (a screen
 *        reader user hears what a sighted user reads); then again at 360 px,
 *        where no label may stick out of its window.
 *   de, es, ar  the real catalogues from the build tree: every screen is
 *        rendered (Arabic right to left, German also at 360 px) for a person
 *        to look at, and checked for overflow at 360 px too.
 *
 * Screens: lesson list and page, role-play picker, a role-play (start,
 * feedback, debrief), progress with its history, a transcript, the
 * presenter window, preferences, keyboard shortcuts, the problems window,
 * the About window, the new, rename and delete profile dialogs, and the
 * file choosers (export progress, add a folder): their titles and buttons,
 * the rest of a file chooser being GTK's own.
 * And the classroom at 1280×720 (/locales/classroom): the console, the
 * tally and the recap, where no label may be cut off (a label that neither
 * wraps nor ellipsizes gets its natural width; an ellipsized one has the
 * whole text as its tooltip) or stick out of its window.
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "attune-application.h"
#include "attune-class-session.h"
#include "attune-presenter-window.h"
#include "attune-progress-view.h"
#include "attune-role-play.h"
#include "attune-test-utils.h"
#include "attune-window.h"

static AttuneApplication *app;
static const char *language = "qps";

static gboolean
library_loaded (gpointer data)
{
  return attune_library_get_loaded (attune_test_library (app));
}

static gboolean
is_pseudo (void)
{
  return g_str_equal (language, "qps");
}

/* Toolkit text that is not ours: libadwaita's and GTK's own strings come
 * from their own catalogues, which have no pseudo-locale. */
static const char *const toolkit_strings[] = {
  "Search preferences",   /* AdwPreferencesWindow's search entry */
  "No Results Found",     /* AdwPreferencesWindow */
  "No preferences found.",
  "Shortcuts",            /* GtkShortcutsWindow’s header, when it has one section */
  "Search Shortcuts",
  "No Results Found",
  "Try a different search",
  "About",                /* AdwAboutWindow's title and its pages */
  "Details",
  "Credits",
  "Legal",
  "Acknowledgements",
  NULL,
};

/* User data, which no catalogue translates: the default profile is named
 * after the account, and tests/fixtures/broken stands for a trainer's own
 * folder, whose lesson is in English only. */
static gboolean
is_user_data (const char *text)
{
  static const char *const user_content[] = {
    "Keep the customer informed",
    "Say what happens next & when.",
    NULL,
  };

  return g_str_equal (text, g_get_real_name ()) || g_str_equal (text, g_get_user_name ()) ||
         g_strv_contains (user_content, text);
}

/* Pseudo-translated text is in brackets, with accented letters: with
 * every bracketed part taken out (nested ones too: a translated format
 * around a translated title), no ASCII letter may be left. Text with no
 * letters at all (numbers, icons, punctuation) passes. */
static gboolean
lacks_pseudo_marks (const char *text)
{
  int depth = 0;

  if (text == NULL || g_strv_contains (toolkit_strings, text) || is_user_data (text))
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '[')
        depth++;
      else if (*p == ']' && depth > 0)
        depth--;
      else if (depth == 0 && g_ascii_isalpha (*p))
        return TRUE;
    }
  return FALSE;
}

/* An accessible property's string as set on @widget, or NULL. GTK 4.8 has
 * no getter: the test API's check returns the value it found when it
 * differs from the one asked for, and no text of ours is a lone U+0001. */
static char *
accessible_text (GtkWidget             *widget,
                 GtkAccessibleProperty  property)
{
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), property))
    return NULL;
  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property, "\001");
}

typedef struct
{
  const char *screen;
  GtkWidget *toplevel;
  GPtrArray *untranslated;
  GPtrArray *overflowing;
  guint n_accessible;
} Walk;

static gboolean check_clipping;

static void
walk (GtkWidget *widget,
      Walk      *w)
{
  const char *tooltip;

  if (!gtk_widget_get_mapped (widget))
    return;
  /* Key caps are GTK's own (“Ctrl”, “Alt”), from its catalogue, and so
   * are the title bar's Minimize, Maximize and Close. */
  if (GTK_IS_SHORTCUT_LABEL (widget) || GTK_IS_WINDOW_CONTROLS (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));
      graphene_rect_t bounds;

      if (lacks_pseudo_marks (text))
        g_ptr_array_add (w->untranslated, g_strdup_printf ("%s: label “%s”", w->screen, text));
      /* Overflow: a label sticking out of its window, left or right. */
      if (*text != '\0' && gtk_widget_compute_bounds (widget, w->toplevel, &bounds) &&
          (bounds.origin.x < -1 ||
           bounds.origin.x + bounds.size.width > gtk_widget_get_width (w->toplevel) + 1))
        g_ptr_array_add (w->overflowing,
                         g_strdup_printf ("%s: “%.60s” spans x %.0f to %.0f in a window %d px wide",
                                          w->screen, text, bounds.origin.x,
                                          bounds.origin.x + bounds.size.width,
                                          gtk_widget_get_width (w->toplevel)));
      /* Clipped: a label that neither wraps nor ellipsizes must get its
       * natural width; an ellipsized one must say the whole text in its
       * tooltip (its accessible name is the whole text already). */
      if (check_clipping && *text != '\0')
        {
          int natural;

          gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
          if (!gtk_label_get_wrap (GTK_LABEL (widget)) && gtk_label_get_ellipsize (GTK_LABEL (widget)) == PANGO_ELLIPSIZE_NONE &&
              natural > gtk_widget_get_width (widget) + 1)
            g_ptr_array_add (w->overflowing,
                             g_strdup_printf ("%s: “%.60s” needs %d px and has %d", w->screen, text, natural,
                                              gtk_widget_get_width (widget)));
          if (gtk_label_get_ellipsize (GTK_LABEL (widget)) != PANGO_ELLIPSIZE_NONE &&
              pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))) &&
              g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
            g_ptr_array_add (w->overflowing,
                             g_strdup_printf ("%s: “%.60s” is cut short with no tooltip", w->screen, text));
        }
    }
  tooltip = gtk_widget_get_tooltip_text (widget);
  if (lacks_pseudo_marks (tooltip))
    g_ptr_array_add (w->untranslated, g_strdup_printf ("%s: tooltip “%s”", w->screen, tooltip));
  /* What a screen reader says instead of, or besides, the visible text. */
  {
    const struct { GtkAccessibleProperty property; const char *what; } spoken[] = {
      { GTK_ACCESSIBLE_PROPERTY_LABEL, "accessible name" },
      { GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "accessible description" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (spoken); i++)
      {
        g_autofree char *text = accessible_text (widget, spoken[i].property);

        w->n_accessible += text != NULL;
        if (lacks_pseudo_marks (text))
          g_ptr_array_add (w->untranslated, g_strdup_printf ("%s: %s “%s” of a %s", w->screen, spoken[i].what,
                                                             text, G_OBJECT_TYPE_NAME (widget)));
      }
  }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (child, w);
}

/* The innermost widgets that cannot shrink to @limit: what made a window too wide. */
static void
find_too_wide (GtkWidget  *widget,
               int         limit,
               const char *screen,
               GPtrArray  *found)
{
  gboolean child_too_wide = FALSE;
  int minimum;

  if (!gtk_widget_get_visible (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min;

      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, NULL, NULL, NULL);
      if (child_min > limit)
        {
          child_too_wide = TRUE;
          find_too_wide (child, limit, screen, found);
        }
    }
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (!child_too_wide && minimum > limit)
    g_ptr_array_add (found, g_strdup_printf ("%s: a %s needs %d px%s%s%s", screen, G_OBJECT_TYPE_NAME (widget), minimum,
                                             GTK_IS_LABEL (widget) ? " for “" : "",
                                             GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : "",
                                             GTK_IS_LABEL (widget) ? "”" : ""));
}

static GPtrArray *untranslated;
static GPtrArray *overflowing;
static int current_width;
static guint n_accessible;  /* accessible names and descriptions read */

/* Renders @toplevel as LANGUAGE-WIDTH-NAME.png, then walks it. */
static void
check_screen (GtkWidget  *toplevel,
              const char *name)
{
  g_autofree char *png_name = g_strdup_printf ("%s-%d-%s", language, current_width, name);
  Walk w = { png_name, toplevel, untranslated, overflowing, 0 };

  attune_test_wait_for_frame (toplevel);
  g_free (attune_test_render_png (toplevel, png_name));
  walk (toplevel, &w);
  n_accessible += w.n_accessible;
  if (GTK_IS_WINDOW (toplevel) && lacks_pseudo_marks (gtk_window_get_title (GTK_WINDOW (toplevel))))
    g_ptr_array_add (untranslated, g_strdup_printf ("%s: window title “%s”", png_name,
                                                    gtk_window_get_title (GTK_WINDOW (toplevel))));
  if (current_width <= 360 && GTK_IS_WINDOW (toplevel) && ATTUNE_IS_WINDOW (toplevel))
    {
      if (gtk_widget_get_width (toplevel) > 360)
        {
          g_ptr_array_add (overflowing, g_strdup_printf ("%s: the window is %d px wide, not 360",
                                                         png_name, gtk_widget_get_width (toplevel)));
          find_too_wide (toplevel, 330, png_name, overflowing);
        }
    }
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

static void
check_secondary (GtkWindow  *window,
                 const char *name)
{
  g_assert_nonnull (window);
  if (current_width <= 360)
    gtk_window_set_default_size (window, 360, 640);
  check_screen (GTK_WIDGET (window), name);
  gtk_window_destroy (window);
}

static gboolean
banner_shown (gpointer data)
{
  return attune_library_get_loaded (attune_test_library (app)) &&
         attune_library_get_n_bad_files (attune_test_library (app)) > 0;
}

static gboolean
clean_library_loaded (gpointer data)
{
  return attune_library_get_loaded (attune_test_library (app)) &&
         attune_library_get_n_bad_files (attune_test_library (app)) == 0;
}

/* The message dialog on screen (a profile's name, a deletion), checked,
 * then answered with @response as a person would. */
static void
check_message_dialog (const char *response,
                      const char *name)
{
  GtkWindow *dialog = find_toplevel ("AdwMessageDialog");

  g_assert_nonnull (dialog);
  check_screen (GTK_WIDGET (dialog), name);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  if (find_toplevel ("AdwMessageDialog") != NULL)
    gtk_window_destroy (find_toplevel ("AdwMessageDialog"));
}

/* A file chooser (GTK's own dialog, with no portal): our title and our
 * button labels are checked and the whole rendered, not its places and
 * file list, which are GTK's; then it is cancelled. */
static void
check_file_chooser (const char *name)
{
  GtkWindow *dialog = find_toplevel ("GtkFileChooserDialog");
  g_autofree char *png_name = g_strdup_printf ("%s-%d-%s", language, current_width, name);
  Walk w = { png_name, GTK_WIDGET (dialog), untranslated, overflowing, 0 };
  const int responses[] = { GTK_RESPONSE_ACCEPT, GTK_RESPONSE_CANCEL };

  g_assert_nonnull (dialog);
  attune_test_wait_for_frame (GTK_WIDGET (dialog));
  g_free (attune_test_render_png (GTK_WIDGET (dialog), png_name));
  if (lacks_pseudo_marks (gtk_window_get_title (dialog)))
    g_ptr_array_add (untranslated, g_strdup_printf ("%s: window title “%s”", png_name, gtk_window_get_title (dialog)));
  for (guint i = 0; i < G_N_ELEMENTS (responses); i++)
    {
      GtkWidget *button = gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), responses[i]);

      g_assert_nonnull (button);
      walk (button, &w);
    }
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_assert_null (find_toplevel ("GtkFileChooserDialog"));
}

/* Every screen at @width. */
static void
every_screen (int width)
{
  AttuneWindow *window;
  AttuneRolePlay *play;
  AttuneConversation *conversation;
  GtkWidget *progress;
  GtkWindow *preferences;
  g_autoptr(GPtrArray) attempts = NULL;
  g_autofree char *broken = g_test_build_filename (G_TEST_DIST, "fixtures", "broken", NULL);
  const char *folders[] = { broken, NULL };

  current_width = width;
  window = attune_test_reopen_window (app, "learn", width, 720);
  attune_test_wait_until (library_loaded, NULL);
  {
    /* accessible_text() reads what the catalogue gave: the main menu's name. */
    g_autofree char *menu_name = accessible_text (attune_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, NULL),
                                                  GTK_ACCESSIBLE_PROPERTY_LABEL);

    g_assert_cmpstr (menu_name, ==, _("Main Menu"));
  }
  check_screen (GTK_WIDGET (window), "learn");
  attune_window_show_lesson (window, "active-listening");
  check_screen (GTK_WIDGET (window), "lesson");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "practise");
  check_screen (GTK_WIDGET (window), "practise");

  g_assert_true (attune_window_start_scenario (window, "late-parcel"));
  play = attune_window_get_role_play (window);
  conversation = attune_role_play_get_conversation (play);
  check_screen (GTK_WIDGET (window), "role-play");
  g_assert_true (attune_role_play_choose (play, 0));
  check_screen (GTK_WIDGET (window), "role-play-feedback");
  /* On to an ending, always taking the first reply shown. */
  while (!attune_conversation_is_finished (conversation))
    {
      attune_role_play_continue (play);
      if (!attune_conversation_is_finished (conversation))
        g_assert_true (attune_role_play_choose (play, 0));
    }
  attune_role_play_continue (play);
  check_screen (GTK_WIDGET (window), "role-play-debrief");
  attune_test_flush (attune_role_play_get_practice (play));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "progress");
  attune_test_progress_at (window, g_get_real_time ());
  check_screen (GTK_WIDGET (window), "progress");

  attempts = attune_store_list_attempts (attune_test_store (app), attune_test_profile (app), 1, NULL);
  g_assert_cmpuint (attempts->len, >, 0);
  gtk_widget_activate_action (attune_test_find_widget (GTK_WIDGET (window), ATTUNE_TYPE_PROGRESS_VIEW, NULL),
                              "progress.open-attempt", "x",
                              ((AttuneAttemptRecord *) g_ptr_array_index (attempts, 0))->id);
  check_secondary (find_toplevel ("AttuneTranscriptWindow"), "transcript");

  g_assert_true (attune_window_present_scenario (window, "late-parcel"));
  {
    GtkWindow *presenter = find_toplevel ("AttunePresenterWindow");

    const char *letters = C_("presenter reply letters", "ABCD");
    g_autofree char *first = g_strndup (letters, g_utf8_next_char (letters) - letters);
    GtkWidget *letter;

    g_assert_nonnull (presenter);
    gtk_window_unfullscreen (presenter);
    /* The reply letters are the translated ones, and their keys pick a reply. */
    attune_test_wait_for_frame (GTK_WIDGET (presenter));
    letter = attune_test_find_label (GTK_WIDGET (presenter), first, FALSE);
    g_assert_nonnull (letter);
    attune_test_press (GTK_WIDGET (presenter),
                       gdk_unicode_to_keyval (g_unichar_tolower (g_utf8_get_char (first))), 0);
    attune_test_wait_for_frame (GTK_WIDGET (presenter));
    g_assert_true (gtk_widget_has_css_class (gtk_widget_get_ancestor (attune_test_find_label (GTK_WIDGET (presenter), first, FALSE),
                                                                      GTK_TYPE_BUTTON),
                                             "attune-selected"));
    check_secondary (presenter, "presenter");
  }

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  check_secondary (find_toplevel ("AttunePreferencesWindow"), "preferences");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-shortcuts", NULL);
  check_secondary (find_toplevel ("GtkShortcutsWindow"), "shortcuts");

  g_settings_set_strv (attune_test_settings (), "library-folders", folders);
  attune_test_wait_until (banner_shown, NULL);
  check_screen (GTK_WIDGET (window), "banner");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-problems", NULL);
  check_secondary (find_toplevel ("AttuneProblemsWindow"), "problems");
  g_settings_set_strv (attune_test_settings (), "library-folders", NULL);
  /* The reload has finished (not merely the previous load). */
  attune_test_wait_until (clean_library_loaded, NULL);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  check_secondary (find_toplevel ("AdwAboutWindow"), "about");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "progress");
  progress = attune_test_find_widget (GTK_WIDGET (window), ATTUNE_TYPE_PROGRESS_VIEW, NULL);
  gtk_widget_activate_action (progress, "progress.new-profile", NULL);
  check_message_dialog ("cancel", "profile-new");
  gtk_widget_activate_action (progress, "progress.rename-profile", NULL);
  check_message_dialog ("cancel", "profile-rename");
  gtk_widget_activate_action (progress, "progress.delete-profile", NULL);
  check_message_dialog ("cancel", "profile-delete");
  gtk_widget_activate_action (progress, "progress.export", "s", "csv");
  check_file_chooser ("chooser-export-progress");

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = find_toplevel ("AttunePreferencesWindow");
  g_assert_nonnull (preferences);
  gtk_widget_activate_action (GTK_WIDGET (preferences), "preferences.add-folder", NULL);
  check_file_chooser ("chooser-add-folder");
  gtk_window_destroy (preferences);
}

static void
report (GPtrArray  *found,
        const char *what)
{
  for (guint i = 0; i < found->len; i++)
    g_test_message ("%s: %s", what, (const char *) g_ptr_array_index (found, i));
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_every_screen (void)
{
  untranslated = g_ptr_array_new_with_free_func (g_free);
  overflowing = g_ptr_array_new_with_free_func (g_free);

  every_screen (1000);
  /* Overflow is judged at 360 px only: wide windows have room by design. */
  g_ptr_array_set_size (overflowing, 0);
  every_screen (360);

  /* The accessible names were really read (the menu button's, the lists'…). */
  g_test_message ("%u accessible names and descriptions read", n_accessible);
  g_assert_cmpuint (n_accessible, >, 20);
  if (is_pseudo ())
    report (untranslated, "not pseudo-translated");
  report (overflowing, "overflows at 360 px");
  g_clear_pointer (&untranslated, g_ptr_array_unref);
  g_clear_pointer (&overflowing, g_ptr_array_unref);
}

static gboolean
presenter_fitted (gpointer data)
{
  return !attune_presenter_window_get_fitting (data);
}

/* Renders the projected window and the console at 1280×720 and walks both. */
static void
check_classroom (AttunePresenterWindow *presenter,
                 GtkWidget             *console,
                 const char            *presenter_name,
                 const char            *console_name)
{
  attune_test_wait_until (presenter_fitted, presenter);
  if (presenter_name != NULL)
    check_screen (GTK_WIDGET (presenter), presenter_name);
  check_screen (console, console_name);
  /* Both windows stay 1280 px wide: their content can shrink to that. */
  {
    GtkWidget *windows[] = { GTK_WIDGET (presenter), console };
    const char *names[] = { presenter_name != NULL ? presenter_name : "presenter", console_name };

    for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
      {
        g_autofree char *name = g_strdup_printf ("%s-1280-%s", language, names[i]);
        int minimum;

        gtk_widget_measure (windows[i], GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
        if (minimum > 1280 || gtk_widget_get_width (windows[i]) > 1280)
          {
            g_ptr_array_add (overflowing, g_strdup_printf ("%s: the window is %d px wide and needs %d px",
                                                           name, gtk_widget_get_width (windows[i]), minimum));
            find_too_wide (windows[i], 1280, name, overflowing);
          }
      }
  }
}

/* The classroom at 1280×720, a projector's size: the console while the
 * class votes, the tally, the feedback, and after a retry the recap on
 * both screens, with every label translated and nothing cut off or
 * sticking out; the letters are the presenter's everywhere. */
static void
test_classroom (void)
{
  AttuneWindow *window;
  AttunePresenterWindow *presenter;
  GtkWidget *console;
  AttuneClassSession *session;
  g_autofree char *first_letter = attune_class_reply_letter (0);
  g_autofree char *second_letter = attune_class_reply_letter (1);

  untranslated = g_ptr_array_new_with_free_func (g_free);
  overflowing = g_ptr_array_new_with_free_func (g_free);
  current_width = 1280;
  check_clipping = TRUE;
  window = attune_test_reopen_window (app, "practise", 1280, 720);
  attune_test_wait_until (library_loaded, NULL);
  g_assert_true (attune_window_present_scenario (window, "late-parcel"));
  presenter = ATTUNE_PRESENTER_WINDOW (find_toplevel ("AttunePresenterWindow"));
  console = GTK_WIDGET (find_toplevel ("AttunePresenterConsole"));
  g_assert_nonnull (presenter);
  g_assert_nonnull (console);
  gtk_window_unfullscreen (GTK_WINDOW (presenter));
  gtk_window_unfullscreen (GTK_WINDOW (console));
  gtk_window_set_default_size (GTK_WINDOW (presenter), 1280, 720);
  gtk_window_set_default_size (GTK_WINDOW (console), 1280, 720);
  session = attune_presenter_window_get_class_session (presenter);

  /* Votes, then the tally on the projector. */
  attune_presenter_window_add_vote (presenter, 0, 1);
  attune_presenter_window_add_vote (presenter, 0, 1);
  attune_presenter_window_add_vote (presenter, 1, 1);
  check_classroom (presenter, console, NULL, "console-question");
  /* The console's letters are the presenter's. */
  g_assert_nonnull (attune_test_find_label (console, first_letter, FALSE));
  g_assert_nonnull (attune_test_find_label (console, second_letter, FALSE));
  g_assert_true (attune_presenter_window_toggle_tally (presenter));
  check_classroom (presenter, console, "presenter-tally", "console-tally");
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (presenter), second_letter, FALSE));

  /* The feedback, then on; back to the first decision, and to the end. */
  g_assert_true (attune_presenter_window_advance (presenter));
  check_classroom (presenter, console, NULL, "console-revealed");
  g_assert_true (attune_presenter_window_advance (presenter));
  /* The strongest reply, whatever the shuffle: it leads on to another
   * decision, never to an ending. */
  {
    AttuneClassDecision *second = attune_class_session_get_current (session);

    g_assert_nonnull (second);
    attune_presenter_window_add_vote (presenter, second->best, 1);
    attune_presenter_window_select (presenter, second->best);
  }
  attune_presenter_window_advance (presenter);
  attune_presenter_window_advance (presenter);
  g_assert_nonnull (attune_class_session_get_current (session));
  /* A vote at the decision open when the trainer goes back: kept too. */
  attune_presenter_window_add_vote (presenter, 0, 1);
  g_assert_true (attune_presenter_window_retry_from (presenter, 1));
  for (guint i = 0; i < 40 && attune_class_session_get_current (session) != NULL; i++)
    {
      AttuneClassDecision *current = attune_class_session_get_current (session);

      attune_presenter_window_add_vote (presenter, current->best, 1);
      attune_presenter_window_add_vote (presenter, (current->best + 1) % current->n_shown, 1);
      attune_presenter_window_select (presenter, current->best);
      attune_presenter_window_advance (presenter);
      attune_presenter_window_advance (presenter);
    }
  g_assert_true (attune_presenter_window_show_recap (presenter));
  check_classroom (presenter, console, "presenter-recap", "console-recap");
  /* The recap says the letters the class saw, and keeps the votes of
   * the decisions the retry undid, the one not chosen yet too. */
  g_assert_nonnull (attune_test_find_label (GTK_WIDGET (presenter), first_letter, TRUE));
  {
    g_autofree char *no_choice = g_strdup_printf (ngettext ("No choice yet: %u vote", "No choice yet: %u votes", 1), 1);

    g_assert_nonnull (attune_test_find_label (GTK_WIDGET (presenter), no_choice, FALSE));
  }
  gtk_window_destroy (GTK_WINDOW (presenter));

  check_clipping = FALSE;
  if (is_pseudo ())
    report (untranslated, "not pseudo-translated");
  report (overflowing, "cut off or sticking out at 1280×720");
  g_clear_pointer (&untranslated, g_ptr_array_unref);
  g_clear_pointer (&overflowing, g_ptr_array_unref);
}

/* The pseudo catalogue really is in use, for both domains. */
static void
test_catalogues_in_use (void)
{
  AttuneLibrary *library = attune_test_library (app);
  AttuneLesson *lesson;

  attune_test_wait_until (library_loaded, NULL);
  lesson = attune_library_find_lesson (library, "active-listening");
  g_assert_nonnull (lesson);
  if (is_pseudo ())
    {
      g_assert_true (g_str_has_prefix (_("Lessons"), "["));
      g_assert_true (g_str_has_prefix (attune_lesson_get_title (lesson), "["));
    }
  else
    {
      g_assert_cmpstr (_("Lessons"), !=, "Lessons");
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir;
  const char *content_localedir;
  int status;

  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--language="))
      {
        language = argv[i] + strlen ("--language=");
        for (int j = i; j < argc; j++)
          argv[j] = argv[j + 1];
        argc--;
        break;
      }
  g_setenv ("LANGUAGE", language, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  g_free (attune_test_isolate_database ());
  setlocale (LC_ALL, "C.UTF-8");
  localedir = g_getenv (is_pseudo () ? "ATTUNE_PSEUDO_LOCALEDIR" : "ATTUNE_BUILD_LOCALEDIR");
  content_localedir = g_getenv (is_pseudo () ? "ATTUNE_PSEUDO_LOCALEDIR" : "ATTUNE_BUILD_CONTENT_LOCALEDIR");
  g_assert_nonnull (localedir);
  g_assert_nonnull (content_localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  bindtextdomain (GETTEXT_CONTENT_PACKAGE, content_localedir);
  bind_textdomain_codeset (GETTEXT_CONTENT_PACKAGE, "UTF-8");
  /* As GTK does for its own translations: right to left for Arabic. */
  if (g_str_equal (language, "ar"))
    gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);

  app = attune_test_new_application ();
  g_application_activate (G_APPLICATION (app));

  g_test_add_func ("/locales/catalogues-in-use", test_catalogues_in_use);
  g_test_add_func ("/locales/every-screen", test_every_screen);
  g_test_add_func ("/locales/classroom", test_classroom);
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
