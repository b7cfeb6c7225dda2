/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneScenarioPicker: the role-plays to choose from. Practise Next comes
 * first, with its reason; then filters by situation, difficulty and
 * strategy; then the role-plays as cards: title, summary, and a line with
 * the difficulty, the customer, the situation and the strategies trained.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-list-row.h"
#include "attune-scenario-picker.h"

struct _AttuneScenarioPicker
{
  GtkWidget parent_instance;

  AttuneLibrary *library;
  AttuneProgressModel *progress;  /* nullable: no Practise Next without it */
  GtkCustomFilter *filter;
  GtkFilterListModel *filtered;
  GPtrArray *strategy_ids;      /* the strategy filter's entries; index 0 is "all" */
  char *next_id;

  GtkStack *stack;
  GtkStack *list_stack;
  GtkRevealer *filter_revealer;
  GtkLabel *filter_label;
  GtkWidget *next_card;
  GtkLabel *next_title;
  GtkLabel *next_reason;
  GtkDropDown *situation_filter;
  GtkDropDown *difficulty_filter;
  GtkDropDown *strategy_filter;
  GtkListView *list;
};

G_DEFINE_FINAL_TYPE (AttuneScenarioPicker, attune_scenario_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


static gboolean
matches (gpointer item,
         gpointer user_data)
{
  AttuneScenarioPicker *self = user_data;
  AttuneScenario *scenario = item;
  guint situation = gtk_drop_down_get_selected (self->situation_filter);
  guint difficulty = gtk_drop_down_get_selected (self->difficulty_filter);
  guint strategy = gtk_drop_down_get_selected (self->strategy_filter);

  if (situation > 0 && (guint) attune_scenario_get_situation (scenario) != situation - 1)
    return FALSE;
  if (difficulty > 0 && attune_scenario_get_difficulty (scenario) != difficulty)
    return FALSE;
  if (strategy > 0 && strategy < self->strategy_ids->len &&
      !attune_scenario_practises (scenario, g_ptr_array_index (self->strategy_ids, strategy)))
    return FALSE;
  return TRUE;
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          AttuneScenarioPicker     *self)
{
  AttuneScenario *scenario = gtk_list_item_get_item (item);
  AttuneLibrary *library = self->library;
  GPtrArray *practises = attune_scenario_get_practises (scenario);
  g_autoptr(GString) trains = g_string_new (NULL);
  g_autofree char *detail = NULL;

  for (guint i = 0; i < practises->len; i++)
    {
      const char *id = ((AttuneReference *) g_ptr_array_index (practises, i))->id;
      AttuneLesson *lesson = attune_library_find_lesson (library, id);

      if (i > 0)
        /* Translators: between items of a list, such as lesson titles */
        g_string_append (trains, C_("list separator", ", "));
      g_string_append (trains, lesson != NULL ? attune_lesson_get_title (lesson) : id);
    }
  /* Translators: a role-play card: difficulty (1–3), customer's name,
   * situation, and the strategies it trains */
  detail = g_strdup_printf (_("Level %u of 3 · with %s · %s\nTrains: %s"),
                            attune_scenario_get_difficulty (scenario),
                            attune_scenario_get_customer_name (scenario),
                            attune_situation_get_label (attune_scenario_get_situation (scenario)),
                            trains->str);
  attune_list_row_fill (item, attune_scenario_get_id (scenario), NULL, attune_scenario_get_title (scenario),
                        attune_scenario_get_summary (scenario), detail, FALSE);
  {
    AttuneProgressReport *report = self->progress != NULL ? attune_progress_model_get_report (self->progress) : NULL;

    if (report != NULL && report->last_played != NULL)
      attune_list_row_set_status (item, g_strdup (g_hash_table_contains (report->last_played, attune_scenario_get_id (scenario))
                                                  ? _("Played") : _("Not played yet")));
  }

  {
    GtkWidget *root = gtk_list_item_get_child (item);
    GtkWidget *badge = g_object_get_data (G_OBJECT (root), "badge");
    GtkMenuButton *more = g_object_get_data (G_OBJECT (root), "more");
    g_autoptr(GMenu) menu = g_menu_new ();
    g_autoptr(GMenuItem) map_item = g_menu_item_new (_("Show _Map"), NULL);
    /* Translators: the accessible name of a role-play card's menu button; %s is its title */
    g_autofree char *label = g_strdup_printf (_("More for “%s”"), attune_scenario_get_title (scenario));

    gtk_widget_set_visible (badge, attune_library_is_user_content (library, attune_scenario_get_file (scenario)));
    g_menu_item_set_action_and_target_value (map_item, "picker.show-map",
                                             g_variant_new_string (attune_scenario_get_id (scenario)));
    g_menu_append_item (menu, map_item);
    gtk_menu_button_set_menu_model (more, G_MENU_MODEL (menu));
    gtk_accessible_update_property (GTK_ACCESSIBLE (more), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }
}

/* A card with, beside it, a badge for the trainer's own content and a
 * menu (Show Map). */
static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *root, *card, *row, *side, *badge, *more;

  attune_list_row_setup (factory, item, user_data);
  root = gtk_list_item_get_child (item);
  card = g_object_get_data (G_OBJECT (root), "card");
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* Translators: a badge on role-plays loaded from the user's own folders */
  badge = gtk_label_new (_("Your own"));
  more = gtk_menu_button_new ();

  g_object_ref (card);
  gtk_box_remove (GTK_BOX (root), card);
  gtk_widget_set_hexpand (card, TRUE);
  gtk_box_append (GTK_BOX (row), card);
  g_object_unref (card);
  gtk_widget_add_css_class (badge, "attune-badge");
  gtk_widget_set_tooltip_text (badge, _("From your own scenarios folder"));
  gtk_widget_set_visible (badge, FALSE);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "view-more-symbolic");
  gtk_widget_add_css_class (more, "flat");
  gtk_widget_set_valign (side, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (side), badge);
  gtk_box_append (GTK_BOX (side), more);
  gtk_box_append (GTK_BOX (row), side);
  gtk_box_append (GTK_BOX (root), row);
  g_object_set_data (G_OBJECT (root), "badge", badge);
  g_object_set_data (G_OBJECT (root), "more", more);
}

static void
show_map_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gtk_widget_activate_action_variant (widget, "win.show-map", parameter);
}

static void
update_state (AttuneScenarioPicker *self)
{
  AttuneLibrary *library = self->library;
  guint total = g_list_model_get_n_items (attune_library_get_scenarios (library));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  gtk_stack_set_visible_child_name (self->stack,
                                    !attune_library_get_loaded (library) || total > 0 ? "list" : "empty");
  gtk_stack_set_visible_child_name (self->list_stack, shown > 0 || total == 0 ? "list" : "no-match");
}

static void
filters_changed (AttuneScenarioPicker *self)
{
  guint strategy = gtk_drop_down_get_selected (self->strategy_filter);

  if (self->filter == NULL)
    return;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (strategy == 0)
    gtk_revealer_set_reveal_child (self->filter_revealer, FALSE);
  update_state (self);
  attune_scenario_picker_refresh (self);
}

/* The strategy filter lists the lessons, by title, after "All strategies". */
static void
rebuild_strategies (AttuneScenarioPicker *self)
{
  GListModel *lessons = attune_library_get_lessons (self->library);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *previous = NULL;
  guint selected = gtk_drop_down_get_selected (self->strategy_filter);

  if (selected > 0 && selected < self->strategy_ids->len)
    previous = g_strdup (g_ptr_array_index (self->strategy_ids, selected));
  g_ptr_array_set_size (self->strategy_ids, 0);
  g_ptr_array_add (self->strategy_ids, g_strdup (""));
  gtk_string_list_append (names, _("All strategies"));
  selected = 0;
  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr(AttuneLesson) lesson = g_list_model_get_item (lessons, i);

      if (g_strcmp0 (previous, attune_lesson_get_id (lesson)) == 0)
        selected = self->strategy_ids->len;
      g_ptr_array_add (self->strategy_ids, g_strdup (attune_lesson_get_id (lesson)));
      gtk_string_list_append (names, attune_lesson_get_title (lesson));
    }
  gtk_drop_down_set_model (self->strategy_filter, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->strategy_filter, selected);
}

/* With filters on, Practise Next comes from what they show: the one
 * played longest ago (never played first), in the order listed. */
static AttuneScenario *
next_within_filters (AttuneScenarioPicker *self,
                     AttuneProgressReport *report)
{
  GListModel *shown = G_LIST_MODEL (self->filtered);
  AttuneScenario *best = NULL;
  gint64 best_time = G_MAXINT64;

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(AttuneScenario) scenario = g_list_model_get_item (shown, i);
      gint64 *played = report->last_played != NULL ? g_hash_table_lookup (report->last_played, attune_scenario_get_id (scenario)) : NULL;
      gint64 time = played != NULL ? *played : G_MININT64;

      if (best == NULL || time < best_time)
        {
          best = scenario;
          best_time = time;
        }
    }
  return best;
}

/* Shows Practise Next from the progress model's latest report, within
 * the filters when any is on. */
void
attune_scenario_picker_refresh (AttuneScenarioPicker *self)
{
  AttuneProgressReport *report = self->progress != NULL ? attune_progress_model_get_report (self->progress) : NULL;
  AttuneRecommendation *next = report != NULL ? report->next : NULL;
  AttuneScenario *scenario = next != NULL ? next->scenario : NULL;
  const char *reason = next != NULL ? next->reason : NULL;
  gboolean filtered = gtk_drop_down_get_selected (self->situation_filter) > 0 ||
                      gtk_drop_down_get_selected (self->difficulty_filter) > 0 ||
                      gtk_drop_down_get_selected (self->strategy_filter) > 0;

  g_clear_pointer (&self->next_id, g_free);
  if (report != NULL && filtered && self->filtered != NULL && (scenario == NULL || !matches (scenario, self)))
    {
      scenario = next_within_filters (self, report);
      if (scenario != NULL)
        reason = report->last_played != NULL && g_hash_table_contains (report->last_played, attune_scenario_get_id (scenario))
                 ? _("Of the role-plays your filters show, the one you played longest ago.")
                 : _("Of the role-plays your filters show, one you have not played yet.");
    }
  if (scenario != NULL)
    {
      self->next_id = g_strdup (attune_scenario_get_id (scenario));
      gtk_label_set_text (self->next_title, attune_scenario_get_title (scenario));
      gtk_label_set_text (self->next_reason, reason);
    }
  gtk_widget_set_visible (self->next_card, scenario != NULL);
  if (self->list != NULL && gtk_list_view_get_factory (self->list) != NULL)
    attune_list_row_rebind (self->list);
}

static void
library_changed (AttuneScenarioPicker *self)
{
  rebuild_strategies (self);
  filters_changed (self);
  attune_scenario_picker_refresh (self);
}

/* Only the role-plays that practise @strategy, with a bar saying so. */
void
attune_scenario_picker_filter_strategy (AttuneScenarioPicker *self,
                                        const char           *strategy)
{
  AttuneLesson *lesson = attune_library_find_lesson (self->library, strategy);

  for (guint i = 1; i < self->strategy_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->strategy_ids, i), strategy) == 0)
      {
        gtk_drop_down_set_selected (self->situation_filter, 0);
        gtk_drop_down_set_selected (self->difficulty_filter, 0);
        gtk_drop_down_set_selected (self->strategy_filter, i);
      }
  if (lesson != NULL)
    {
      /* Translators: %s is the title of a lesson */
      g_autofree char *text = g_strdup_printf (_("Role-plays that practise “%s”"), attune_lesson_get_title (lesson));

      gtk_label_set_text (self->filter_label, text);
      gtk_revealer_set_reveal_child (self->filter_revealer, TRUE);
    }
}

/* For tests: situation (-1 for all) and difficulty (0 for all). */
void
attune_scenario_picker_set_filters (AttuneScenarioPicker *self,
                                    int                   situation,
                                    guint                 difficulty)
{
  gtk_drop_down_set_selected (self->situation_filter, situation < 0 ? 0 : (guint) situation + 1);
  gtk_drop_down_set_selected (self->difficulty_filter, difficulty);
}

/* The id Practise Next starts, or NULL. */
const char *
attune_scenario_picker_get_next (AttuneScenarioPicker *self)
{
  return self->next_id;
}

GListModel *
attune_scenario_picker_get_shown (AttuneScenarioPicker *self)
{
  return G_LIST_MODEL (self->filtered);
}

static void
scenario_activated (AttuneScenarioPicker *self,
                    guint                 position)
{
  g_autoptr(AttuneScenario) scenario = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (scenario != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.start-scenario", "s", attune_scenario_get_id (scenario));
}

static void
show_all (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  AttuneScenarioPicker *self = ATTUNE_SCENARIO_PICKER (widget);

  gtk_drop_down_set_selected (self->situation_filter, 0);
  gtk_drop_down_set_selected (self->difficulty_filter, 0);
  gtk_drop_down_set_selected (self->strategy_filter, 0);
  gtk_revealer_set_reveal_child (self->filter_revealer, FALSE);
}

static void
start_next (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AttuneScenarioPicker *self = ATTUNE_SCENARIO_PICKER (widget);

  if (self->next_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.start-scenario", "s", self->next_id);
}

AttuneScenarioPicker *
attune_scenario_picker_new (AttuneLibrary       *library,
                            AttuneProgressModel *progress)
{
  return g_object_new (ATTUNE_TYPE_SCENARIO_PICKER, "library", library, "progress", progress, NULL);
}

static void
attune_scenario_picker_constructed (GObject *object)
{
  AttuneScenarioPicker *self = ATTUNE_SCENARIO_PICKER (object);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  G_OBJECT_CLASS (attune_scenario_picker_parent_class)->constructed (object);
  g_return_if_fail (self->library != NULL);

  self->filter = gtk_custom_filter_new (matches, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (attune_library_get_scenarios (self->library)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->list, factory);
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (selection));
  g_object_unref (factory);

  g_signal_connect_object (self->library, "notify::loaded", G_CALLBACK (library_changed), self, G_CONNECT_SWAPPED);
  if (self->progress != NULL)
    g_signal_connect_object (self->progress, "changed", G_CALLBACK (attune_scenario_picker_refresh),
                             self, G_CONNECT_SWAPPED);
  library_changed (self);
}

static void
attune_scenario_picker_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AttuneScenarioPicker *self = ATTUNE_SCENARIO_PICKER (object);

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
attune_scenario_picker_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  AttuneScenarioPicker *self = ATTUNE_SCENARIO_PICKER (object);

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

static void
attune_scenario_picker_dispose (GObject *object)
{
  AttuneScenarioPicker *self = ATTUNE_SCENARIO_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTUNE_TYPE_SCENARIO_PICKER);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->strategy_ids, g_ptr_array_unref);
  g_clear_pointer (&self->next_id, g_free);
  g_clear_object (&self->library);
  g_clear_object (&self->progress);
  G_OBJECT_CLASS (attune_scenario_picker_parent_class)->dispose (object);
}

static void
attune_scenario_picker_class_init (AttuneScenarioPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attune_scenario_picker_dispose;
  object_class->constructed = attune_scenario_picker_constructed;
  object_class->get_property = attune_scenario_picker_get_property;
  object_class->set_property = attune_scenario_picker_set_property;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, ATTUNE_TYPE_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_object ("progress", NULL, NULL, ATTUNE_TYPE_PROGRESS_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);


  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attune/Attune/attune-scenario-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, AttuneScenarioPicker, stack);
  gtk_widget_class_bind_template_child (widget_class, AttuneScenarioPicker, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AttuneScenarioPicker, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, AttuneScenarioPicker, filter_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneScenarioPicker, next_card);
  gtk_widget_class_bind_template_child (widget_class, AttuneScenarioPicker, next_title);
  gtk_widget_class_bind_template_child (widget_class, AttuneScenarioPicker, next_reason);
  gtk_widget_class_bind_template_child (widget_class, AttuneScenarioPicker, situation_filter);
  gtk_widget_class_bind_template_child (widget_class, AttuneScenarioPicker, difficulty_filter);
  gtk_widget_class_bind_template_child (widget_class, AttuneScenarioPicker, strategy_filter);
  gtk_widget_class_bind_template_child (widget_class, AttuneScenarioPicker, list);
  gtk_widget_class_bind_template_callback (widget_class, scenario_activated);
  gtk_widget_class_install_action (widget_class, "picker.show-all", NULL, show_all);
  gtk_widget_class_install_action (widget_class, "picker.show-map", "s", show_map_action);
  gtk_widget_class_install_action (widget_class, "picker.start-next", NULL, start_next);
}

/* The drop-down's focusable part is a toggle button inside it, which a
 * screen reader announces alone: name it with the filter and its value,
 * "Situation: All situations". */
static void
name_filter (GtkDropDown *filter)
{
  GtkWidget *toggle = gtk_widget_get_first_child (GTK_WIDGET (filter));
  GtkStringObject *item = GTK_STRING_OBJECT (gtk_drop_down_get_selected_item (filter));
  const char *title = gtk_widget_get_tooltip_text (GTK_WIDGET (filter));
  g_autofree char *name = NULL;

  if (toggle == NULL || item == NULL || title == NULL)
    return;
  /* Translators: a filter read out: its name, then what it is set to */
  name = g_strdup_printf (C_("filter read out", "%s: %s"), title, gtk_string_object_get_string (item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
attune_scenario_picker_init (AttuneScenarioPicker *self)
{
  g_autoptr(GtkStringList) situations = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) difficulties = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->strategy_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_string_list_append (situations, _("All situations"));
  for (guint i = 0; i < ATTUNE_N_SITUATIONS; i++)
    gtk_string_list_append (situations, attune_situation_get_label (i));
  gtk_drop_down_set_model (self->situation_filter, G_LIST_MODEL (situations));

  gtk_string_list_append (difficulties, _("All levels"));
  for (guint i = 1; i <= 3; i++)
    {
      /* Translators: a difficulty level; %u is 1, 2 or 3 */
      g_autofree char *level = g_strdup_printf (_("Level %u"), i);

      gtk_string_list_append (difficulties, level);
    }
  gtk_drop_down_set_model (self->difficulty_filter, G_LIST_MODEL (difficulties));

  g_signal_connect (self->situation_filter, "notify::selected-item", G_CALLBACK (name_filter), NULL);
  g_signal_connect (self->difficulty_filter, "notify::selected-item", G_CALLBACK (name_filter), NULL);
  g_signal_connect (self->strategy_filter, "notify::selected-item", G_CALLBACK (name_filter), NULL);
  name_filter (self->situation_filter);
  name_filter (self->difficulty_filter);
  g_signal_connect_swapped (self->situation_filter, "notify::selected", G_CALLBACK (filters_changed), self);
  g_signal_connect_swapped (self->difficulty_filter, "notify::selected", G_CALLBACK (filters_changed), self);
  g_signal_connect_swapped (self->strategy_filter, "notify::selected", G_CALLBACK (filters_changed), self);
}
