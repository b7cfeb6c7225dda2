/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneProgressView: "what am I good at, what should I practise next?"
 * Everything shown comes from one AttuneProgressReport built by the core;
 * this file only lays it out: a summary, the Practise Next card, the
 * weekly trend, each strategy with its level (in words and as a bar), and
 * the history, where an attempt opens its transcript. Profiles are
 * switched, created, renamed and deleted from the profile button.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-widget-util.h"
#include "attune-progress-report.h"
#include "attune-progress-view-private.h"
#include "attune-transcript-window.h"
#include "attune-trend-chart.h"


G_DEFINE_FINAL_TYPE (AttuneProgressView, attune_progress_view, GTK_TYPE_WIDGET)


enum {
  PROP_0,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
label_new (const char *text,
           const char *css_class,
           gboolean    heading)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "label", text,
                                   "xalign", 0.0f,
                                   "wrap", TRUE,
                                   "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                   "accessible-role", heading ? GTK_ACCESSIBLE_ROLE_HEADING : GTK_ACCESSIBLE_ROLE_LABEL,
                                   NULL);

  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
summary_card (const char *figure,
              const char *caption)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "attune-summary-card");
  gtk_box_append (GTK_BOX (card), label_new (figure, "title-1", FALSE));
  gtk_box_append (GTK_BOX (card), label_new (caption, "dim-label", FALSE));
  return card;
}

static void
add_summary (AttuneProgressView *self)
{
  AttuneProgressReport *report = self->report;
  GtkWidget *flow = gtk_flow_box_new ();
  g_autofree char *well = g_strdup_printf ("%u", report->n_handled_well);
  g_autofree char *sessions = g_strdup_printf ("%u", report->summary.sessions_this_week);
  g_autofree char *time = attune_progress_format_duration (report->summary.practised_us);
  g_autofree char *well_caption =
    g_strdup_printf (ngettext ("of %u strategies handled well", "of %u strategies handled well", report->n_strategies),
                     report->n_strategies);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);
  attune_flow_box_append_unfocusable (GTK_FLOW_BOX (flow), summary_card (well, well_caption));
  attune_flow_box_append_unfocusable (GTK_FLOW_BOX (flow),
                                      summary_card (sessions, ngettext ("session this week", "sessions this week",
                                                         report->summary.sessions_this_week)));
  attune_flow_box_append_unfocusable (GTK_FLOW_BOX (flow), summary_card (time, _("practised in all")));
  gtk_box_append (self->report_box, flow);
}

static void
add_next (AttuneProgressView *self)
{
  AttuneRecommendation *next = self->report->next;
  GtkWidget *card, *button;

  if (next == NULL)
    return;
  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "attune-next-card");
  gtk_box_append (GTK_BOX (card), label_new (_("Practise Next"), "heading", TRUE));
  gtk_box_append (GTK_BOX (card), label_new (attune_scenario_get_title (next->scenario), "title-3", FALSE));
  gtk_box_append (GTK_BOX (card), label_new (next->reason, NULL, FALSE));
  button = gtk_button_new_with_mnemonic (_("_Start"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "progress.practise");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", attune_scenario_get_id (next->scenario));
  gtk_box_append (GTK_BOX (card), button);
  gtk_box_append (self->report_box, card);
}

/* The chart with its axes: decisions up the side (0 to the most in a
 * week), weeks along the bottom, oldest on the left. */
static void
add_trend (AttuneProgressView *self)
{
  GArray *trend = self->report->trend;
  GtkWidget *chart = attune_trend_chart_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *top, *bottom, *first, *last, *unit;
  g_autofree char *description = attune_progress_trend_describe (trend);
  g_autofree char *most_text = NULL;
  g_autofree char *weeks_ago = NULL;
  guint most = 1;

  for (guint i = 0; trend != NULL && i < trend->len; i++)
    most = MAX (most, g_array_index (trend, AttuneTrendPoint, i).total);
  most_text = g_strdup_printf ("%u", most);
  /* Translators: the left end of the chart's time axis; %u is a number of weeks */
  weeks_ago = g_strdup_printf (ngettext ("%u week ago", "%u weeks ago", trend != NULL && trend->len > 0 ? trend->len - 1 : 0),
                               trend != NULL && trend->len > 0 ? trend->len - 1 : 0);

  gtk_box_append (self->report_box, label_new (_("Good Decisions by Week"), "title-4", TRUE));
  attune_trend_chart_set_data (ATTUNE_TREND_CHART (chart), trend, description);
  gtk_widget_add_css_class (chart, "attune-trend");
  gtk_widget_set_hexpand (chart, TRUE);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  top = label_new (most_text, "caption", FALSE);
  bottom = label_new ("0", "caption", FALSE);
  gtk_label_set_xalign (GTK_LABEL (top), 1);
  gtk_label_set_xalign (GTK_LABEL (bottom), 1);
  gtk_widget_set_valign (top, GTK_ALIGN_START);
  gtk_widget_set_valign (bottom, GTK_ALIGN_END);
  unit = label_new (_("Decisions: all (outline) and good (filled)"), "caption", FALSE);
  first = label_new (weeks_ago, "caption", FALSE);
  last = label_new (_("This week"), "caption", FALSE);
  gtk_label_set_xalign (GTK_LABEL (last), 1);
  gtk_widget_set_hexpand (first, TRUE);
  gtk_grid_attach (GTK_GRID (grid), unit, 1, 0, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), top, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), bottom, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), chart, 1, 1, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), first, 1, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), last, 2, 2, 1, 1);
  gtk_box_append (self->report_box, grid);
  gtk_box_append (self->report_box, label_new (description, "dim-label", FALSE));
}

/* First use: no wall of zeros, but what the page will show and how to
 * begin; the strategies are one line rather than identical rows. */
static gboolean
add_first_use (AttuneProgressView *self)
{
  AttuneRecommendation *next = self->report->next;
  GtkWidget *card, *heading;
  g_autofree char *strategies = NULL;

  if (self->report->attempts->len > 0)
    return FALSE;
  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "attune-next-card");
  heading = label_new (_("Your Progress Starts With One Role-Play"), "title-2", TRUE);
  gtk_box_append (GTK_BOX (card), heading);
  gtk_box_append (GTK_BOX (card),
                  label_new (_("Play a role-play, or read a lesson first. After each one, this page shows which "
                               "strategies you handle well, what to practise next and every role-play you played, "
                               "to read back."), NULL, FALSE));
  if (next != NULL)
    {
      /* Translators: on first use; %s is the title of the role-play suggested to begin with */
      g_autofree char *suggestion = g_strdup_printf (_("A good first one: “%s”. %s"),
                                                     attune_scenario_get_title (next->scenario), next->reason);
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Start Your First Role-Play"));

      gtk_box_append (GTK_BOX (card), label_new (suggestion, NULL, FALSE));
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "suggested-action");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "progress.practise");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", attune_scenario_get_id (next->scenario));
      gtk_box_append (GTK_BOX (card), button);
    }
  gtk_box_append (self->report_box, card);
  strategies = g_strdup_printf (ngettext ("%u strategy to practise. Each shows its level here once you have played role-plays that train it.",
                                          "%u strategies to practise. Each shows its level here once you have played role-plays that train it.",
                                          self->report->n_strategies), self->report->n_strategies);
  gtk_box_append (self->report_box, label_new (_("Strategies"), "title-4", TRUE));
  gtk_box_append (self->report_box, label_new (strategies, NULL, FALSE));
  return TRUE;
}

static GtkWidget *
strategy_row (AttuneLesson          *lesson,
              AttuneStrategyMastery *mastery)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);
  AttuneMasteryLevel level = mastery != NULL ? mastery->level : ATTUNE_MASTERY_NOT_PRACTISED;
  const char *level_text = attune_mastery_level_get_label (level);
  GtkWidget *level_label = label_new (level_text, "caption", FALSE);
  g_autofree char *figure = attune_mastery_describe (mastery);
  GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), attune_lesson_get_title (lesson));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), figure);
  gtk_widget_set_name (row, attune_lesson_get_id (lesson));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "progress.open-lesson");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", attune_lesson_get_id (lesson));

  /* The bar shows the estimate only once there is a verdict. */
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar),
                           level >= ATTUNE_MASTERY_LEARNING && mastery != NULL ? mastery->estimate : 0);
  gtk_widget_set_size_request (bar, 96, -1);
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, attune_lesson_get_title (lesson),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, level_text,
                                  -1);
  gtk_label_set_xalign (GTK_LABEL (level_label), 1);
  gtk_box_append (GTK_BOX (suffix), bar);
  gtk_box_append (GTK_BOX (suffix), level_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  return row;
}

static void
add_strategies (AttuneProgressView *self)
{
  AttuneLibrary *library = attune_progress_model_get_library (self->progress);
  GListModel *lessons = attune_library_get_lessons (library);
  GtkWidget *list = NULL;
  int group = -1;

  gtk_box_append (self->report_box, label_new (_("Strategies"), "title-4", TRUE));
  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr(AttuneLesson) lesson = g_list_model_get_item (lessons, i);

      if ((int) attune_lesson_get_group (lesson) != group)
        {
          group = attune_lesson_get_group (lesson);
          gtk_box_append (self->report_box,
                          label_new (attune_lesson_group_get_label (group), "heading", TRUE));
          list = gtk_list_box_new ();
          gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
          gtk_widget_add_css_class (list, "boxed-list");
          gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          attune_lesson_group_get_label (group), -1);
          gtk_box_append (self->report_box, list);
        }
      gtk_list_box_append (GTK_LIST_BOX (list),
                           strategy_row (lesson, g_hash_table_lookup (self->report->mastery, attune_lesson_get_id (lesson))));
    }
}

static char *
format_date (gint64 time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  /* Translators: a date and time in the history, see g_date_time_format() */
  char *date = g_date_time_format (local, _("%-d %b %Y, %H:%M"));

  /* A translation with a format g_date_time_format() does not know. */
  return date != NULL ? date : g_date_time_format (local, "%-d %b %Y, %H:%M");
}

static const char *
outcome_label (const char *outcome)
{
  AttuneOutcome known;

  if (outcome == NULL)
    return C_("outcome", "In progress");
  if (g_str_equal (outcome, "abandoned"))
    return C_("outcome", "Left before the end");
  if (attune_outcome_from_id (outcome, &known))
    return attune_outcome_get_label (known);
  return outcome;
}

static void
add_history (AttuneProgressView *self)
{
  AttuneLibrary *library = attune_progress_model_get_library (self->progress);
  GPtrArray *attempts = self->report->attempts;
  GtkWidget *list;

  gtk_box_append (self->report_box, label_new (_("History"), "title-4", TRUE));
  if (attempts->len == 0)
    {
      gtk_box_append (self->report_box,
                      label_new (_("No role-plays yet. Each one you play appears here, and you can read it back."),
                                 "dim-label", FALSE));
      return;
    }

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("History"), -1);
  for (guint i = 0; i < attempts->len; i++)
    {
      AttuneAttemptRecord *attempt = g_ptr_array_index (attempts, i);
      AttuneScenario *scenario = attune_library_find_scenario (library, attempt->scenario);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *date = format_date (attempt->started_at);
      guint score = attempt->total_weight > 0 ? 100 * attempt->good_weight / attempt->total_weight : 0;
      g_autofree char *subtitle = NULL;

      /* A role-play left before the end has no score: half a conversation
       * says little about the whole. */
      if (g_strcmp0 (attempt->outcome, "abandoned") == 0)
        /* Translators: a history line: date, then an outcome such as “Left before the end” */
        subtitle = g_strdup_printf (_("%s — %s"), date, outcome_label (attempt->outcome));
      else
        /* Translators: a history line: date, outcome, and a score out of 100 */
        subtitle = g_strdup_printf (_("%s — %s, score %u%%"), date, outcome_label (attempt->outcome), score);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     scenario != NULL ? attune_scenario_get_title (scenario) : attempt->scenario);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "progress.open-attempt");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", attempt->id);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (self->report_box, list);
}


static void
update_profile_menu (AttuneProgressView *self)
{
  GPtrArray *profiles = attune_progress_model_get_profiles (self->progress);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) people = g_menu_new ();
  g_autoptr(GMenu) manage = g_menu_new ();
  gint64 active = attune_session_get_profile (attune_progress_model_get_session (self->progress));

  for (guint i = 0; profiles != NULL && i < profiles->len; i++)
    {
      AttuneProfileRecord *record = g_ptr_array_index (profiles, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (record->name, NULL);

      g_menu_item_set_action_and_target_value (item, "progress.switch-profile", g_variant_new_int64 (record->id));
      g_menu_append_item (people, item);
      if (record->id == active)
        {
          adw_button_content_set_label (self->profile_content, record->name);
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->profile_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          record->name, -1);
        }
    }
  g_menu_append (manage, _("_New Profile…"), "progress.new-profile");
  g_menu_append (manage, _("_Rename Profile…"), "progress.rename-profile");
  g_menu_append (manage, _("_Delete Profile…"), "progress.delete-profile");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (people));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (manage));
  gtk_menu_button_set_menu_model (self->profile_button, G_MENU_MODEL (menu));
}

/* The banner: saving paused now, else what opening the file found. */
static void
update_notice (AttuneProgressView *self,
               AttuneStore        *store)
{
  AttuneStoreOpenResult result = attune_session_get_store_result (attune_progress_model_get_session (self->progress));
  const char *damaged = store != NULL ? attune_store_get_damaged_copy (store) : NULL;
  const char *foreign = store != NULL ? attune_store_get_foreign_log (store) : NULL;
  const char *paused = attune_session_get_saving_problem (attune_progress_model_get_session (self->progress));
  g_autofree char *text = NULL;

  if (paused != NULL)
    text = g_strdup (paused);
  else if (damaged != NULL && result == ATTUNE_STORE_RESTORED)
    /* Translators: %s is the path where the damaged file was kept */
    text = g_strdup_printf (_("Your progress file was damaged. The most recent backup has been restored; the damaged file was kept as %s."), damaged);
  else if (damaged != NULL)
    /* Translators: %s is the path where the damaged file was kept */
    text = g_strdup_printf (_("Your progress file was damaged and no backup could be restored, so a new one was started. The damaged file was kept as %s."), damaged);
  else if (foreign != NULL)
    /* Translators: %s is the path where the journal file was kept */
    text = g_strdup_printf (_("A journal file beside your progress file belonged to another database, so it was not used and your progress is as it was. The journal was kept as %s; you may delete it if you do not need it."), foreign);

  if (text != NULL)
    gtk_label_set_text (self->notice_label, text);
  gtk_revealer_set_reveal_child (self->notice_revealer, text != NULL);
}

/* The learning record store's status line: shown only when one is set up. */
static void
update_sync_status (AttuneProgressView *self)
{
  AttuneLrsService *lrs = attune_session_get_lrs_service (attune_progress_model_get_session (self->progress));
  g_autofree char *text = lrs != NULL ? attune_lrs_service_describe (lrs) : NULL;

  if (lrs != NULL && self->lrs != lrs)
    {
      self->lrs = lrs;
      g_signal_connect_object (lrs, "changed", G_CALLBACK (update_sync_status), self, G_CONNECT_SWAPPED);
    }
  gtk_widget_set_visible (self->sync_box, text != NULL);
  gtk_label_set_label (self->sync_label, text != NULL ? text : "");
  gtk_widget_set_sensitive (self->sync_button, lrs != NULL && !attune_lrs_service_is_busy (lrs));
}

static void
sync_now (AttuneProgressView *self)
{
  if (self->lrs != NULL)
    attune_lrs_service_sync_all (self->lrs);
}

static void
retry_store (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AttuneProgressView *self = ATTUNE_PROGRESS_VIEW (widget);
  AttuneSession *session = attune_progress_model_get_session (self->progress);

  if (attune_session_get_store (session) != NULL)
    attune_progress_view_refresh (self);
  else
    attune_session_retry_store (session);
}

/**
 * attune_progress_view_refresh:
 *
 * Lays out the progress model's latest report (reading it is the model's
 * work, off the GTK thread).
 */
void
attune_progress_view_refresh (AttuneProgressView *self)
{
  AttuneSession *session;
  AttuneStore *store;
  const GError *store_error;
  const char *error;

  g_return_if_fail (ATTUNE_IS_PROGRESS_VIEW (self));

  session = attune_progress_model_get_session (self->progress);
  store = attune_session_get_store (session);
  store_error = attune_session_get_store_error (session);
  update_notice (self, store);
  update_sync_status (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->profile_button), store != NULL);
  gtk_widget_set_sensitive (self->export_button, store != NULL);

  if (store == NULL)
    {
      if (store_error != NULL)
        {
          adw_status_page_set_description (self->unavailable_page, store_error->message);
          gtk_stack_set_visible_child_name (self->stack, "unavailable");
        }
      else
        {
          gtk_stack_set_visible_child_name (self->stack, "loading");
          attune_session_open_store (session);
        }
      return;
    }

  self->report = attune_progress_model_get_report (self->progress);
  error = attune_progress_model_get_error (self->progress);
  attune_box_remove_all (self->report_box);
  if (error != NULL)
    {
      adw_status_page_set_description (self->unavailable_page, error);
      gtk_stack_set_visible_child_name (self->stack, "unavailable");
      return;
    }
  if (self->report == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      return;
    }
  update_profile_menu (self);
  if (add_first_use (self))
    {
      add_history (self);
      gtk_stack_set_visible_child_name (self->stack, "report");
      return;
    }
  add_summary (self);
  add_next (self);
  add_trend (self);
  add_strategies (self);
  add_history (self);
  gtk_stack_set_visible_child_name (self->stack, "report");
}

static void
refresh_when_mapped (AttuneProgressView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    attune_progress_view_refresh (self);
}

static void
attune_progress_view_constructed (GObject *object)
{
  AttuneProgressView *self = ATTUNE_PROGRESS_VIEW (object);

  G_OBJECT_CLASS (attune_progress_view_parent_class)->constructed (object);
  g_return_if_fail (self->progress != NULL);
  g_signal_connect_object (self->progress, "changed", G_CALLBACK (refresh_when_mapped), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (attune_progress_model_get_session (self->progress), "notify::store-state",
                           G_CALLBACK (refresh_when_mapped), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (attune_progress_model_get_session (self->progress), "notify::saving-problem",
                           G_CALLBACK (refresh_when_mapped), self, G_CONNECT_SWAPPED);
}

static void
attune_progress_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AttuneProgressView *self = ATTUNE_PROGRESS_VIEW (object);

  switch (prop_id)
    {
    case PROP_PROGRESS:
      g_value_set_object (value, self->progress);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_progress_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AttuneProgressView *self = ATTUNE_PROGRESS_VIEW (object);

  switch (prop_id)
    {
    case PROP_PROGRESS:
      self->progress = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

AttuneProgressView *
attune_progress_view_new (AttuneProgressModel *progress)
{
  return g_object_new (ATTUNE_TYPE_PROGRESS_VIEW, "progress", progress, NULL);
}

static void
attune_progress_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (attune_progress_view_parent_class)->map (widget);
  attune_progress_view_refresh (ATTUNE_PROGRESS_VIEW (widget));
}

static void
open_attempt (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AttuneProgressView *self = ATTUNE_PROGRESS_VIEW (widget);
  gint64 id = g_variant_get_int64 (parameter);

  for (guint i = 0; self->report != NULL && i < self->report->attempts->len; i++)
    {
      AttuneAttemptRecord *attempt = g_ptr_array_index (self->report->attempts, i);

      if (attempt->id == id)
        {
          AttuneTranscriptWindow *window =
            attune_transcript_window_new (attune_session_get_store (attune_progress_model_get_session (self->progress)),
                                          attune_progress_model_get_library (self->progress), attempt);

          gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (widget)));
          gtk_window_present (GTK_WINDOW (window));
          return;
        }
    }
}

static void
open_lesson (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gtk_widget_activate_action_variant (widget, "win.open-lesson", parameter);
}

static void
practise (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  gtk_widget_activate_action_variant (widget, "win.start-scenario", parameter);
}

static void
attune_progress_view_dispose (GObject *object)
{
  AttuneProgressView *self = ATTUNE_PROGRESS_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTUNE_TYPE_PROGRESS_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->progress);
  g_clear_object (&self->cancellable);
  self->report = NULL;
  g_clear_pointer (&self->export_format, g_free);
  G_OBJECT_CLASS (attune_progress_view_parent_class)->dispose (object);
}

static void
attune_progress_view_class_init (AttuneProgressViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attune_progress_view_dispose;
  object_class->constructed = attune_progress_view_constructed;
  object_class->get_property = attune_progress_view_get_property;
  object_class->set_property = attune_progress_view_set_property;
  widget_class->map = attune_progress_view_map;

  properties[PROP_PROGRESS] =
    g_param_spec_object ("progress", NULL, NULL, ATTUNE_TYPE_PROGRESS_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);


  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attune/Attune/attune-progress-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AttuneProgressView, busy_revealer);
  gtk_widget_class_bind_template_child (widget_class, AttuneProgressView, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, AttuneProgressView, busy_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneProgressView, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, AttuneProgressView, notice_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneProgressView, profile_button);
  gtk_widget_class_bind_template_child (widget_class, AttuneProgressView, profile_content);
  gtk_widget_class_bind_template_child (widget_class, AttuneProgressView, export_button);
  gtk_widget_class_bind_template_child (widget_class, AttuneProgressView, stack);
  gtk_widget_class_bind_template_child (widget_class, AttuneProgressView, unavailable_page);
  gtk_widget_class_bind_template_child (widget_class, AttuneProgressView, report_box);
  gtk_widget_class_bind_template_child (widget_class, AttuneProgressView, sync_box);
  gtk_widget_class_bind_template_child (widget_class, AttuneProgressView, sync_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneProgressView, sync_button);
  gtk_widget_class_bind_template_callback (widget_class, sync_now);

  gtk_widget_class_install_action (widget_class, "progress.switch-profile", "x", _attune_progress_view_switch_profile);
  gtk_widget_class_install_action (widget_class, "progress.new-profile", NULL, _attune_progress_view_new_profile);
  gtk_widget_class_install_action (widget_class, "progress.rename-profile", NULL, _attune_progress_view_rename_profile);
  gtk_widget_class_install_action (widget_class, "progress.delete-profile", NULL, _attune_progress_view_delete_profile);
  gtk_widget_class_install_action (widget_class, "progress.export", "s", _attune_progress_view_export_progress);
  gtk_widget_class_install_action (widget_class, "progress.open-attempt", "x", open_attempt);
  gtk_widget_class_install_action (widget_class, "progress.open-lesson", "s", open_lesson);
  gtk_widget_class_install_action (widget_class, "progress.practise", "s", practise);
  gtk_widget_class_install_action (widget_class, "progress.cancel", NULL, _attune_progress_view_cancel);
  gtk_widget_class_install_action (widget_class, "progress.retry-store", NULL, retry_store);
}

static void
attune_progress_view_init (AttuneProgressView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
