/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneLessonBrowser: the Learn view. A sidebar lists the lessons by
 * group, with a search that filters as you type (ranked by
 * attune-search.c); the page shows the chosen lesson. Lessons visited are
 * kept in a back/forward history (Alt+Left, Alt+Right). In a narrow window
 * the sidebar and the page are shown one at a time.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-lesson-browser.h"
#include "attune-lesson-page.h"
#include "attune-list-row.h"
#include "attune-search.h"

struct _AttuneLessonBrowser
{
  GtkWidget parent_instance;

  AttuneLibrary *library;
  AttuneProgressModel *progress;  /* nullable: no status line without it */
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;
  GtkSingleSelection *selection;
  GtkCustomFilter *filter;
  GtkCustomSorter *sorter;
  GHashTable *scores;        /* AttuneLesson* -> score, for the current query */
  gboolean searching;
  gboolean selecting;        /* the selection is being set to the open lesson */

  char *current;             /* id of the lesson shown */
  char *pending;             /* id asked for before the library loaded */
  GPtrArray *back;           /* ids */
  GPtrArray *forward;        /* ids */

  AdwLeaflet *leaflet;
  GtkSearchEntry *search_entry;
  GtkStack *list_stack;
  GtkListView *list;
  GtkWidget *list_button;
  GtkWidget *back_button;
  GtkWidget *forward_button;
  GtkWidget *page_box;
  GtkStack *page_stack;
  AttuneLessonPage *page;
};

G_DEFINE_FINAL_TYPE (AttuneLessonBrowser, attune_lesson_browser, GTK_TYPE_WIDGET)


enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
score_of (AttuneLessonBrowser *self,
          gpointer             lesson)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->scores, lesson));
}

static gboolean
filter_lesson (gpointer item,
               gpointer user_data)
{
  return score_of (user_data, item) > 0;
}

/* Best match first while searching; the curriculum's order otherwise. */
static int
sort_lessons (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  AttuneLessonBrowser *self = user_data;

  if (self->searching)
    {
      guint sa = score_of (self, (gpointer) a);
      guint sb = score_of (self, (gpointer) b);

      if (sa != sb)
        return sa > sb ? -1 : 1;
    }
  return attune_lesson_compare (a, b, NULL);
}

static void select_current (AttuneLessonBrowser *self);

static void
update_actions (AttuneLessonBrowser *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "browser.back",
                                 self->back->len > 0 ||
                                 (folded && g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "page") == 0));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "browser.forward", self->forward->len > 0);
  gtk_widget_set_visible (self->list_button, folded);
}

static void
rescore (AttuneLessonBrowser *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_auto(GStrv) terms = attune_search_parse_query (query);
  GListModel *lessons = attune_library_get_lessons (self->library);
  guint n = g_list_model_get_n_items (lessons);

  g_hash_table_remove_all (self->scores);
  self->searching = terms[0] != NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttuneLesson) lesson = g_list_model_get_item (lessons, i);

      g_hash_table_insert (self->scores, lesson,
                           GUINT_TO_POINTER (attune_search_score_lesson (lesson, (const char * const *) terms)));
    }

  /* GTK 4.8's list view can keep a dangling pointer to the row of a
   * selected item that the filter removes; unselect while refiltering. */
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  self->selecting = FALSE;
  select_current (self);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->sorted)) > 0 || n == 0
                                    ? "list" : "no-results");
}

/* The row's status: read or not, and the level reached, in words. */
static char *
lesson_status (AttuneLessonBrowser *self,
               AttuneLesson        *lesson)
{
  AttuneProgressReport *report = self->progress != NULL ? attune_progress_model_get_report (self->progress) : NULL;
  const char *id = attune_lesson_get_id (lesson);
  AttuneMasteryLevel level;
  gboolean read;

  if (report == NULL)
    return NULL;
  read = report->lessons_read != NULL && g_hash_table_contains (report->lessons_read, id);
  level = report->mastery != NULL ? attune_mastery_level_for (report->mastery, id) : ATTUNE_MASTERY_NOT_PRACTISED;
  if (level == ATTUNE_MASTERY_NOT_PRACTISED)
    return g_strdup (read ? _("Read") : _("Not read yet"));
  /* Translators: a lesson's status in the list: “Read”, then a level such as “Learning” */
  return g_strdup_printf (C_("lesson status", "%s · %s"), read ? _("Read") : _("Not read yet"),
                          attune_mastery_level_get_label (level));
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          AttuneLessonBrowser      *self)
{
  AttuneLesson *lesson = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);
  AttuneLessonGroup group = attune_lesson_get_group (lesson);
  const char *heading = NULL;

  /* Group headings only make sense in the curriculum's order. */
  if (!self->searching)
    {
      g_autoptr(AttuneLesson) previous =
        position > 0 ? g_list_model_get_item (G_LIST_MODEL (self->sorted), position - 1) : NULL;

      if (previous == NULL || attune_lesson_get_group (previous) != group)
        heading = attune_lesson_group_get_label (group);
    }

  attune_list_row_fill (item, attune_lesson_get_id (lesson), heading, attune_lesson_get_title (lesson),
                        attune_lesson_get_summary (lesson), NULL, TRUE);
  attune_list_row_set_status (item, lesson_status (self, lesson));
}

/* The highlight shows the open lesson. GTK 4.8's list view selects the
 * row under the pointer (single-click activation) and the row the arrow
 * keys move to; either is put back at once, so that the highlight only
 * moves when another lesson opens, whichever way it was opened. */
static void
selection_changed (AttuneLessonBrowser *self)
{
  AttuneLesson *selected;

  if (self->selecting)
    return;
  selected = gtk_single_selection_get_selected_item (self->selection);
  if (g_strcmp0 (selected != NULL ? attune_lesson_get_id (selected) : NULL, self->current) != 0)
    select_current (self);
}

static void
select_current (AttuneLessonBrowser *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n && position == GTK_INVALID_LIST_POSITION; i++)
    {
      g_autoptr(AttuneLesson) lesson = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      if (g_strcmp0 (attune_lesson_get_id (lesson), self->current) == 0)
        position = i;
    }
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting = FALSE;
  /* A lesson opened by a link, Progress or back may be far down the list:
   * its highlight comes into view (GTK 4.8's list view action). */
  if (position != GTK_INVALID_LIST_POSITION && gtk_widget_get_mapped (GTK_WIDGET (self->list)))
    gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", position);
}

/* How the learner is doing with the lesson shown; see AttuneLessonPage. */
static void
update_status (AttuneLessonBrowser *self)
{
  g_autofree char *status = NULL;

  if (self->progress != NULL && self->current != NULL)
    status = attune_progress_model_describe_lesson (self->progress, self->current);
  attune_lesson_page_set_status (self->page, status);
}

/* Shows @id without touching the history. */
static gboolean
display (AttuneLessonBrowser *self,
         const char          *id)
{
  AttuneLesson *lesson = self->library != NULL ? attune_library_find_lesson (self->library, id) : NULL;

  if (lesson == NULL)
    return FALSE;

  /* @id may be self->current itself (a reload shows the same lesson). */
  if (id != self->current)
    {
      g_free (self->current);
      self->current = g_strdup (id);
    }
  attune_lesson_page_set_lesson (self->page, self->library, lesson);
  gtk_stack_set_visible_child_name (self->page_stack, "lesson");
  adw_leaflet_set_visible_child_name (self->leaflet, "page");
  select_current (self);
  update_actions (self);
  update_status (self);
  /* After the status, so that "read before" means before this visit. */
  if (self->progress != NULL)
    attune_progress_model_mark_lesson_read (self->progress, id);
  return TRUE;
}

/**
 * attune_lesson_browser_show_lesson:
 *
 * Opens the lesson with @id and records it in the history. Before the
 * library has loaded, the request is kept and carried out on load.
 * Returns %FALSE when no loaded lesson has that id.
 */
gboolean
attune_lesson_browser_show_lesson (AttuneLessonBrowser *self,
                                   const char          *id)
{
  g_autofree char *previous = g_strdup (self->current);

  g_return_val_if_fail (ATTUNE_IS_LESSON_BROWSER (self), FALSE);

  if (self->library == NULL || !attune_library_get_loaded (self->library))
    {
      g_free (self->pending);
      self->pending = g_strdup (id);
      return TRUE;
    }

  if (g_strcmp0 (previous, id) == 0)
    return display (self, id);
  if (!display (self, id))
    return FALSE;

  if (previous != NULL)
    g_ptr_array_add (self->back, g_steal_pointer (&previous));
  g_ptr_array_set_size (self->forward, 0);
  update_actions (self);
  return TRUE;
}

/* Moves one step through the history from @from to @to. */
static gboolean
step (AttuneLessonBrowser *self,
      GPtrArray           *from,
      GPtrArray           *to)
{
  while (from->len > 0)
    {
      g_autofree char *id = g_ptr_array_steal_index (from, from->len - 1);
      g_autofree char *current = g_strdup (self->current);

      /* Lessons that have gone since (a reload) are skipped. */
      if (display (self, id))
        {
          if (current != NULL)
            g_ptr_array_add (to, g_steal_pointer (&current));
          update_actions (self);
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * attune_lesson_browser_go_back:
 *
 * The previous lesson; in a narrow window with no history left, the list.
 */
gboolean
attune_lesson_browser_go_back (AttuneLessonBrowser *self)
{
  g_return_val_if_fail (ATTUNE_IS_LESSON_BROWSER (self), FALSE);

  if (step (self, self->back, self->forward))
    return TRUE;
  if (adw_leaflet_get_folded (self->leaflet) &&
      g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "page") == 0)
    {
      adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
      gtk_widget_grab_focus (GTK_WIDGET (self->list));
      update_actions (self);
      return TRUE;
    }
  return FALSE;
}

gboolean
attune_lesson_browser_go_forward (AttuneLessonBrowser *self)
{
  g_return_val_if_fail (ATTUNE_IS_LESSON_BROWSER (self), FALSE);
  return step (self, self->forward, self->back);
}

const char *
attune_lesson_browser_get_lesson_id (AttuneLessonBrowser *self)
{
  g_return_val_if_fail (ATTUNE_IS_LESSON_BROWSER (self), NULL);
  return self->current;
}

/* The lessons the sidebar shows now, in its order. */
GListModel *
attune_lesson_browser_get_results (AttuneLessonBrowser *self)
{
  g_return_val_if_fail (ATTUNE_IS_LESSON_BROWSER (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

void
attune_lesson_browser_focus_search (AttuneLessonBrowser *self)
{
  g_return_if_fail (ATTUNE_IS_LESSON_BROWSER (self));

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  update_actions (self);
}

static void
lessons_changed (AttuneLessonBrowser *self)
{
  rescore (self);

  /* A reload replaces every lesson: show the new copy of the current one. */
  if (self->current != NULL && !display (self, self->current))
    {
      g_clear_pointer (&self->current, g_free);
      attune_lesson_page_set_lesson (self->page, self->library, NULL);
      gtk_stack_set_visible_child_name (self->page_stack, "empty");
    }
}

static void
library_loaded (AttuneLessonBrowser *self)
{
  g_autofree char *pending = g_steal_pointer (&self->pending);

  if (pending != NULL && attune_library_get_loaded (self->library))
    attune_lesson_browser_show_lesson (self, pending);
}

static void
attune_lesson_browser_constructed (GObject *object)
{
  AttuneLessonBrowser *self = ATTUNE_LESSON_BROWSER (object);
  AttuneLibrary *library = self->library;
  GtkListItemFactory *factory;

  G_OBJECT_CLASS (attune_lesson_browser_parent_class)->constructed (object);
  g_return_if_fail (library != NULL);

  self->filter = gtk_custom_filter_new (filter_lesson, self, NULL);
  self->sorter = gtk_custom_sorter_new (sort_lessons, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (attune_library_get_lessons (library)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          g_object_ref (GTK_SORTER (self->sorter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (selection_changed), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (attune_list_row_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (attune_library_get_lessons (library), "items-changed",
                           G_CALLBACK (lessons_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (library, "notify::loaded", G_CALLBACK (library_loaded), self, G_CONNECT_SWAPPED);
  if (self->progress != NULL)
    {
      g_signal_connect_object (self->progress, "changed", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->progress, "changed", G_CALLBACK (attune_list_row_rebind), self->list, G_CONNECT_SWAPPED);
    }
  rescore (self);
}

static void
attune_lesson_browser_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  AttuneLessonBrowser *self = ATTUNE_LESSON_BROWSER (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    case PROP_PROGRESS:
      g_value_set_object (value, self->progress);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_lesson_browser_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  AttuneLessonBrowser *self = ATTUNE_LESSON_BROWSER (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;
    case PROP_PROGRESS:
      self->progress = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

AttuneLessonBrowser *
attune_lesson_browser_new (AttuneLibrary       *library,
                           AttuneProgressModel *progress)
{
  return g_object_new (ATTUNE_TYPE_LESSON_BROWSER, "library", library, "progress", progress, NULL);
}

/* Filters on every keystroke rather than after search-changed's pause:
 * scoring a curriculum takes well under a millisecond. */
static void
search_changed (AttuneLessonBrowser *self)
{
  if (self->library != NULL)
    rescore (self);
}

/* Enter in the search field opens the best match. */
static void
search_activated (AttuneLessonBrowser *self)
{
  g_autoptr(AttuneLesson) first = g_list_model_get_item (G_LIST_MODEL (self->sorted), 0);

  if (first != NULL && attune_lesson_browser_show_lesson (self, attune_lesson_get_id (first)))
    gtk_widget_grab_focus (GTK_WIDGET (self->page));
}

static void
search_stopped (AttuneLessonBrowser *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
lesson_activated (AttuneLessonBrowser *self,
                  guint                position)
{
  g_autoptr(AttuneLesson) lesson = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  /* Opening a lesson moves the reader to it; in a wide window focus stays
   * in the list so the arrows keep browsing. */
  if (lesson != NULL && attune_lesson_browser_show_lesson (self, attune_lesson_get_id (lesson)) &&
      adw_leaflet_get_folded (self->leaflet))
    gtk_widget_grab_focus (GTK_WIDGET (self->page));
}

/* Down from the search field moves into the results. */
static gboolean
search_key_pressed (GtkEventControllerKey *controller,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    AttuneLessonBrowser   *self)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  return gtk_widget_child_focus (GTK_WIDGET (self->list), GTK_DIR_TAB_FORWARD);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  attune_lesson_browser_show_lesson (ATTUNE_LESSON_BROWSER (widget), g_variant_get_string (parameter, NULL));
}

static void
practise_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gtk_widget_activate_action_variant (widget, "win.practise-strategy", parameter);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  attune_lesson_browser_go_back (ATTUNE_LESSON_BROWSER (widget));
}

static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  attune_lesson_browser_go_forward (ATTUNE_LESSON_BROWSER (widget));
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AttuneLessonBrowser *self = ATTUNE_LESSON_BROWSER (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  gtk_widget_grab_focus (GTK_WIDGET (self->list));
  update_actions (self);
}

static void
attune_lesson_browser_dispose (GObject *object)
{
  AttuneLessonBrowser *self = ATTUNE_LESSON_BROWSER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTUNE_TYPE_LESSON_BROWSER);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
  g_clear_object (&self->library);
  g_clear_object (&self->progress);
  g_clear_pointer (&self->scores, g_hash_table_unref);
  G_OBJECT_CLASS (attune_lesson_browser_parent_class)->dispose (object);
}

static void
attune_lesson_browser_finalize (GObject *object)
{
  AttuneLessonBrowser *self = ATTUNE_LESSON_BROWSER (object);

  g_free (self->current);
  g_free (self->pending);
  g_ptr_array_unref (self->back);
  g_ptr_array_unref (self->forward);
  G_OBJECT_CLASS (attune_lesson_browser_parent_class)->finalize (object);
}

/* Alt+Left and Alt+Right follow the text direction, as GTK's own
 * navigation does: in a right-to-left language the back button sits on
 * the right, so Alt+Right goes back. */
static gboolean
alt_arrow (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  gboolean left = g_variant_get_boolean (args);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;

  gtk_widget_activate_action (widget, left != rtl ? "browser.back" : "browser.forward", NULL);
  return TRUE;
}

/* The tooltips name the key that goes that way in this text direction;
 * the Latin key name is isolated so that a right-to-left sentence stays
 * right to left. */
static void
update_tooltips (AttuneLessonBrowser *self)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  /* Translators: a key combination, shown in a tooltip */
  const char *alt_left = C_("key name", "Alt+Left");
  /* Translators: a key combination, shown in a tooltip */
  const char *alt_right = C_("key name", "Alt+Right");
  g_autofree char *back_key = g_strdup_printf ("\u2068%s\u2069", rtl ? alt_right : alt_left);
  g_autofree char *forward_key = g_strdup_printf ("\u2068%s\u2069", rtl ? alt_left : alt_right);
  /* Translators: a tooltip; %s is the key combination, such as “Alt+Left” */
  g_autofree char *back = g_strdup_printf (_("Back (%s)"), back_key);
  /* Translators: a tooltip; %s is the key combination, such as “Alt+Right” */
  g_autofree char *forward = g_strdup_printf (_("Forward (%s)"), forward_key);

  gtk_widget_set_tooltip_text (self->back_button, back);
  gtk_widget_set_tooltip_text (self->forward_button, forward);
}

static void
attune_lesson_browser_direction_changed (GtkWidget        *widget,
                                         GtkTextDirection  previous)
{
  GTK_WIDGET_CLASS (attune_lesson_browser_parent_class)->direction_changed (widget, previous);
  update_tooltips (ATTUNE_LESSON_BROWSER (widget));
}

static void
attune_lesson_browser_class_init (AttuneLessonBrowserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attune_lesson_browser_dispose;
  object_class->finalize = attune_lesson_browser_finalize;
  object_class->constructed = attune_lesson_browser_constructed;
  object_class->get_property = attune_lesson_browser_get_property;
  object_class->set_property = attune_lesson_browser_set_property;
  widget_class->direction_changed = attune_lesson_browser_direction_changed;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, ATTUNE_TYPE_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_object ("progress", NULL, NULL, ATTUNE_TYPE_PROGRESS_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);


  g_type_ensure (ATTUNE_TYPE_LESSON_PAGE);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attune/Attune/attune-lesson-browser.ui");
  gtk_widget_class_bind_template_child (widget_class, AttuneLessonBrowser, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AttuneLessonBrowser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AttuneLessonBrowser, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AttuneLessonBrowser, list);
  gtk_widget_class_bind_template_child (widget_class, AttuneLessonBrowser, list_button);
  gtk_widget_class_bind_template_child (widget_class, AttuneLessonBrowser, back_button);
  gtk_widget_class_bind_template_child (widget_class, AttuneLessonBrowser, forward_button);
  gtk_widget_class_bind_template_child (widget_class, AttuneLessonBrowser, page_box);
  gtk_widget_class_bind_template_child (widget_class, AttuneLessonBrowser, page_stack);
  gtk_widget_class_bind_template_child (widget_class, AttuneLessonBrowser, page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed);
  gtk_widget_class_bind_template_callback (widget_class, search_activated);
  gtk_widget_class_bind_template_callback (widget_class, search_stopped);
  gtk_widget_class_bind_template_callback (widget_class, lesson_activated);

  gtk_widget_class_install_action (widget_class, "lesson.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "lesson.practise", "s", practise_action);
  gtk_widget_class_install_action (widget_class, "browser.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "browser.forward", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "browser.show-list", NULL, show_list_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, GDK_ALT_MASK, alt_arrow, "b", TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, GDK_ALT_MASK, alt_arrow, "b", FALSE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Back, 0, "browser.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Forward, 0, "browser.forward", NULL);
}

/* The list is one tab stop, its rows reached with the arrows: GTK 4.8's
 * list view would take Tab from row to row, 28 presses to get past it.
 * Tab goes on to the lesson, Shift+Tab back to the search field. */
static gboolean
tab_out_of_list (GtkWidget *list,
                 GVariant  *args,
                 gpointer   user_data)
{
  AttuneLessonBrowser *self = ATTUNE_LESSON_BROWSER (gtk_widget_get_ancestor (list, ATTUNE_TYPE_LESSON_BROWSER));

  if (GPOINTER_TO_INT (user_data) == GTK_DIR_TAB_BACKWARD)
    return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return gtk_widget_get_mapped (self->page_box) &&
         gtk_widget_child_focus (self->page_box, GTK_DIR_TAB_FORWARD);
}

static void
add_tab_shortcut (GtkShortcutController *controller,
                  GdkModifierType        modifiers,
                  GtkDirectionType       direction)
{
  gtk_shortcut_controller_add_shortcut (controller,
    gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Tab, modifiers),
                                                   gtk_keyval_trigger_new (GDK_KEY_KP_Tab, modifiers)),
                      gtk_callback_action_new (tab_out_of_list, GINT_TO_POINTER (direction), NULL)));
}

static void
attune_lesson_browser_init (AttuneLessonBrowser *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *tabs = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->scores = g_hash_table_new (NULL, NULL);
  self->back = g_ptr_array_new_with_free_func (g_free);
  self->forward = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  gtk_event_controller_set_propagation_phase (tabs, GTK_PHASE_CAPTURE);
  add_tab_shortcut (GTK_SHORTCUT_CONTROLLER (tabs), 0, GTK_DIR_TAB_FORWARD);
  add_tab_shortcut (GTK_SHORTCUT_CONTROLLER (tabs), GDK_SHIFT_MASK, GTK_DIR_TAB_BACKWARD);
  gtk_widget_add_controller (GTK_WIDGET (self->list), tabs);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list));
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (update_actions), self);
  g_signal_connect_swapped (self->leaflet, "notify::visible-child", G_CALLBACK (update_actions), self);
  update_actions (self);
  update_tooltips (self);
}
