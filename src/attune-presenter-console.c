/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttunePresenterConsole: the trainer's window while presenting, which the
 * class never sees. The scenario's trainer notes; the decision on screen
 * with each reply's feedback and evidence, the strongest marked; the vote
 * counts (−/+ or typed in); the class's path so far, with a retry from any
 * decision; the time; and the controls: pick, reveal, next, the tally on
 * the projector, the recap, its CSV and printing. The keys are the
 * projected window's (attune-presenter-keys.c).
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attune-widget-util.h"
#include "attune-handout.h"
#include "attune-presenter-console.h"
#include "attune-presenter-keys.h"
#include "attune-print.h"

struct _AttunePresenterConsole
{
  AdwWindow parent_instance;

  AttunePresenterWindow *presenter;
  GtkBox *now;           /* the decision on screen */
  GtkBox *path;          /* the class's path so far */
  GtkLabel *elapsed;
  guint timer;
  gboolean typing_votes; /* a typed count: keep the spin button */
};

G_DEFINE_FINAL_TYPE (AttunePresenterConsole, attune_presenter_console, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_PRESENTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
text (const char *string,
      const char *css_class)
{
  GtkWidget *label = gtk_label_new (string);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
heading (const char *string)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL, "label", string, "xalign", 0.0f, "wrap", TRUE,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);

  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  return label;
}


static GtkWidget *
action_button (const char *label,
               const char *action,
               GVariant   *target)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

static const char *
quality_label (AttuneReplyQuality quality)
{
  switch (quality)
    {
    case ATTUNE_REPLY_STRONG:
      /* Translators: in the trainer's console, beside the best reply */
      return _("★ Strongest");
    case ATTUNE_REPLY_PARTLY:
      /* Translators: in the trainer's console, beside a reply that shows some strategy */
      return _("Partly");
    case ATTUNE_REPLY_WEAK:
    default:
      /* Translators: in the trainer's console, beside a reply that shows no strategy */
      return _("Weak");
    }
}

static char *
evidence_text (AttuneChoice  *choice,
               AttuneLibrary *library)
{
  GString *evidence = g_string_new (NULL);

  for (guint k = 0; k < choice->evidence->len; k++)
    {
      AttuneEvidence *item = g_ptr_array_index (choice->evidence, k);
      /* Translators: one piece of a reply's evidence in the console; %+d is its weight (+2, −1), %s the strategy */
      g_autofree char *piece = g_strdup_printf (_("%+d %s"), item->weight, attune_strategy_title (library, item->strategy));

      if (k > 0)
        /* Translators: between pieces of evidence in a list */
        g_string_append (evidence, C_("list separator", " · "));
      g_string_append (evidence, piece);
    }
  return g_string_free (evidence, FALSE);
}

static void
votes_typed (GtkSpinButton          *spin,
             AttunePresenterConsole *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "attune-position"));

  self->typing_votes = TRUE;
  attune_presenter_window_set_votes (self->presenter, position, (guint) gtk_spin_button_get_value_as_int (spin));
  self->typing_votes = FALSE;
}

static GtkWidget *
reply_card (AttunePresenterConsole    *self,
            const AttuneClassDecision *decision,
            guint                      position,
            gboolean                   picked)
{
  AttuneLibrary *library = attune_practice_get_library (attune_presenter_window_get_practice (self->presenter));
  AttuneChoice *choice = attune_class_decision_get_choice (decision, position);
  AttuneReplyQuality quality = attune_scenario_node_get_quality (decision->node, decision->shown_order[position]);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *votes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 999, 1);
  g_autofree char *letter = attune_class_reply_letter (position);
  g_autofree char *evidence = evidence_text (choice, library);
  /* Translators: the accessible label of the count of votes in the console; %s is a reply's letter (see “presenter reply letters”) */
  g_autofree char *spin_label = g_strdup_printf (_("Votes for %s"), letter);
  /* Translators: a button in the console; %s is a reply's letter (see “presenter reply letters”) */
  g_autofree char *pick_label = g_strdup_printf (_("Pick %s"), letter);
  g_autofree char *count = g_strdup_printf (ngettext ("%u vote · %u%%", "%u votes · %u%%", decision->votes[position]),
                                            decision->votes[position], attune_class_decision_get_percent (decision, position));
  GtkWidget *reply = text (choice->reply, NULL);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "attune-console-reply");
  if (picked)
    gtk_widget_add_css_class (card, "attune-selected");
  g_object_set (card, "margin-top", 0, NULL);
  gtk_widget_set_margin_start (top, 12);
  gtk_widget_set_margin_end (top, 12);
  gtk_widget_set_margin_top (top, 12);
  gtk_box_append (GTK_BOX (top), text (letter, "title-2"));
  gtk_widget_set_hexpand (reply, TRUE);
  gtk_box_append (GTK_BOX (top), reply);
  {
    GtkWidget *verdict = text (quality_label (quality), quality == ATTUNE_REPLY_STRONG ? "success" : "dim-label");

    gtk_label_set_wrap (GTK_LABEL (verdict), FALSE);
    gtk_widget_set_valign (verdict, GTK_ALIGN_START);
    gtk_box_append (GTK_BOX (top), verdict);
  }
  gtk_box_append (GTK_BOX (card), top);

  {
    GtkWidget *detail = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

    g_object_set (detail, "margin-start", 12, "margin-end", 12, NULL);
    gtk_box_append (GTK_BOX (detail), text (choice->feedback, "dim-label"));
    gtk_box_append (GTK_BOX (detail), text (evidence, "caption"));
    gtk_box_append (GTK_BOX (card), detail);
  }

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), decision->votes[position]);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, spin_label, -1);
  g_object_set_data (G_OBJECT (spin), "attune-position", GUINT_TO_POINTER (position));
  g_signal_connect (spin, "value-changed", G_CALLBACK (votes_typed), self);
  g_object_set (votes, "margin-start", 12, "margin-end", 12, "margin-bottom", 12, NULL);
  /* Its − and + count one vote fewer or more; a number can be typed. */
  gtk_widget_set_tooltip_text (spin, spin_label);
  gtk_box_append (GTK_BOX (votes), spin);
  gtk_box_append (GTK_BOX (votes), text (count, "numeric"));
  gtk_widget_set_hexpand (gtk_widget_get_last_child (votes), TRUE);
  gtk_box_append (GTK_BOX (votes), action_button (pick_label, "console.pick", g_variant_new_uint32 (position)));
  gtk_box_append (GTK_BOX (card), votes);
  return card;
}

static void
render_now (AttunePresenterConsole *self)
{
  AttuneClassSession *session = attune_presenter_window_get_class_session (self->presenter);
  AttuneConversation *conversation = attune_class_session_get_conversation (session);
  AttuneClassDecision *current = attune_class_session_get_current (session);
  AttuneScenarioEnding *ending = attune_conversation_get_ending (conversation);
  GArray *steps = attune_conversation_get_steps (conversation);
  GtkWidget *controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  int selected = attune_presenter_window_get_selected (self->presenter);

  attune_box_remove_all (self->now);
  gtk_box_append (self->now, controls);
  if (attune_presenter_window_get_show_recap (self->presenter))
    {
      gtk_box_append (self->now, heading (_("The class sees the recap")));
      gtk_box_append (self->now, text (_("Export it as CSV for your records, or print it. Nothing was saved to any learner’s profile unless you turned that on in Preferences."), NULL));
      gtk_box_append (GTK_BOX (controls), action_button (_("Export as _CSV…"), "console.export", NULL));
      gtk_box_append (GTK_BOX (controls), action_button (_("_Print the Recap…"), "console.print-recap", NULL));
    }
  else if (attune_presenter_window_get_revealed (self->presenter))
    {
      AttuneStep *step = &g_array_index (steps, AttuneStep, steps->len - 1);

      gtk_box_append (self->now, heading (_("The class sees the feedback")));
      gtk_box_append (self->now, text (step->choice->reply, "attune-console-line"));
      gtk_box_append (self->now, text (step->choice->feedback, NULL));
      if (step->choice_index != attune_scenario_node_get_best_choice (step->node, NULL))
        {
          AttuneChoice *best = g_ptr_array_index (step->node->choices, attune_scenario_node_get_best_choice (step->node, NULL));

          /* The class did not find the strongest: what it was, and why. */
          gtk_box_append (self->now, heading (_("★ The strongest reply")));
          gtk_box_append (self->now, text (best->reply, "attune-console-line"));
          gtk_box_append (self->now, text (best->feedback, NULL));
        }
      gtk_box_append (GTK_BOX (controls), action_button (_("_Next (Space)"), "console.advance", NULL));
    }
  else if (ending != NULL)
    {
      /* Translators: in the console; %s is how the role-play ended, such as Resolved */
      g_autofree char *outcome = g_strdup_printf (_("The role-play has ended: %s"), attune_outcome_get_label (ending->outcome));

      gtk_box_append (self->now, heading (outcome));
      gtk_box_append (self->now, text (ending->debrief, NULL));
      gtk_box_append (GTK_BOX (controls), action_button (_("Show the _Recap (R)"), "console.recap", NULL));
    }
  else if (current != NULL)
    {
      /* Translators: in the console, above the decision the class sees; %u is its number, as on the trainer sheet */
      g_autofree char *number = g_strdup_printf (_("Decision %u: the class sees the replies"), current->number);

      gtk_box_append (self->now, heading (number));
      if (current->node->cue != NULL)
        gtk_box_append (self->now, text (current->node->cue, "attune-cue"));
      gtk_box_append (self->now, text (current->node->text, "attune-console-line"));
      for (guint i = 0; i < current->n_shown; i++)
        gtk_box_append (self->now, reply_card (self, current, i, (int) i == selected));
      gtk_box_append (GTK_BOX (controls), action_button (_("_Reveal (Space)"), "console.advance", NULL));
      gtk_box_append (GTK_BOX (controls),
                      action_button (attune_presenter_window_get_show_tally (self->presenter)
                                     ? _("_Hide the Votes (T)") : _("_Show the Votes (T)"), "console.tally", NULL));
    }
  if (gtk_widget_get_first_child (controls) != NULL)
    gtk_widget_add_css_class (gtk_widget_get_first_child (controls), "suggested-action");
}

static void
render_path (AttunePresenterConsole *self)
{
  AttuneClassSession *session = attune_presenter_window_get_class_session (self->presenter);
  GArray *decisions = attune_class_session_get_decisions (session);

  attune_box_remove_all (self->path);
  gtk_box_append (self->path, heading (_("The class’s path")));
  if (decisions->len == 0)
    gtk_box_append (self->path, text (_("No decisions yet."), "dim-label"));
  for (guint d = 0; d < decisions->len; d++)
    {
      AttuneClassDecision *decision = &g_array_index (decisions, AttuneClassDecision, d);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      guint total = attune_class_decision_get_total (decision);
      g_autofree char *letter = attune_class_reply_letter ((guint) decision->chosen);
      /* Translators: a decision on the class's path in the console; %u its number (as on the trainer sheet), %s the letter chosen (see “presenter reply letters”), then the votes */
      g_autofree char *line = g_strdup_printf (ngettext ("%u. Chose %s (%u of %u vote)", "%u. Chose %s (%u of %u votes)", total),
                                               decision->number, letter, decision->votes[decision->chosen], total);
      /* Translators: a button on the class's path; %u is the decision's number, as on the trainer sheet */
      g_autofree char *retry = g_strdup_printf (_("Retry %u"), decision->number);
      /* Translators: the accessible label of that button; %u is the decision's number, as on the trainer sheet */
      g_autofree char *retry_spoken = g_strdup_printf (_("Retry from decision %u"), decision->number);
      GtkWidget *line_label = text (line, NULL);
      GtkWidget *button = action_button (retry, "console.retry", g_variant_new_uint32 (d));

      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, retry_spoken, -1);
      gtk_box_append (GTK_BOX (row), line_label);
      gtk_widget_set_hexpand (line_label, TRUE);
      if ((guint) decision->chosen == decision->best)
        {
          /* The strongest reply: a star, and words for a screen reader. */
          GtkWidget *star = gtk_label_new ("★");

          gtk_accessible_update_property (GTK_ACCESSIBLE (star), GTK_ACCESSIBLE_PROPERTY_LABEL, _("The strongest reply"), -1);
          gtk_widget_set_tooltip_text (star, _("The strongest reply"));
          gtk_widget_add_css_class (star, "success");
          gtk_box_append (GTK_BOX (row), star);
        }
      gtk_widget_set_valign (button, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (row), button);
      gtk_box_append (self->path, row);
    }
  if (attune_class_session_get_n_retries (session) > 0)
    {
      guint undone = 0;
      GArray *history = attune_class_session_get_history (session);
      g_autofree char *kept = NULL;

      for (guint i = 0; i < history->len; i++)
        undone += g_array_index (history, AttuneClassDecision, i).undone;
      /* Translators: under the class's path in the console, after a retry; %u is how many decisions the retries undid */
      kept = g_strdup_printf (ngettext ("%u decision undone by a retry: its votes are kept for the recap.",
                                        "%u decisions undone by retries: their votes are kept for the recap.", undone),
                              undone);
      gtk_box_append (self->path, text (kept, "dim-label"));
    }
}

static void
update_elapsed (AttunePresenterConsole *self)
{
  g_autofree char *elapsed = attune_format_elapsed (attune_class_session_get_elapsed (attune_presenter_window_get_class_session (self->presenter)));

  gtk_label_set_text (self->elapsed, elapsed);
}

static gboolean
tick (gpointer data)
{
  update_elapsed (data);
  return G_SOURCE_CONTINUE;
}

static void
presenter_changed (AttunePresenterConsole *self)
{
  if (!self->typing_votes)
    render_now (self);
  render_path (self);
  update_elapsed (self);
}

static void
pick_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  attune_presenter_window_select (ATTUNE_PRESENTER_CONSOLE (widget)->presenter, g_variant_get_uint32 (parameter));
}

static void
advance_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  attune_presenter_window_advance (ATTUNE_PRESENTER_CONSOLE (widget)->presenter);
}

static void
tally_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  attune_presenter_window_toggle_tally (ATTUNE_PRESENTER_CONSOLE (widget)->presenter);
}

static void
recap_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  attune_presenter_window_show_recap (ATTUNE_PRESENTER_CONSOLE (widget)->presenter);
}

static void
retry_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  attune_presenter_window_retry_from (ATTUNE_PRESENTER_CONSOLE (widget)->presenter, g_variant_get_uint32 (parameter));
}

static AttuneLibrary *
library_of (AttunePresenterConsole *self)
{
  return attune_practice_get_library (attune_presenter_window_get_practice (self->presenter));
}

static void
print_sheet_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  AttunePresenterConsole *self = ATTUNE_PRESENTER_CONSOLE (widget);
  AttuneConversation *conversation = attune_class_session_get_conversation (attune_presenter_window_get_class_session (self->presenter));
  g_autoptr(AttuneHandout) handout = attune_handout_new_for_scenario (attune_conversation_get_scenario (conversation), library_of (self));

  attune_print_handout (GTK_WINDOW (self), handout);
}

static void
print_recap_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  AttunePresenterConsole *self = ATTUNE_PRESENTER_CONSOLE (widget);
  g_autoptr(AttuneHandout) handout = attune_handout_new_for_recap (attune_presenter_window_get_class_session (self->presenter),
                                                                   library_of (self));

  attune_print_handout (GTK_WINDOW (self), handout);
}

static void
csv_written (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GtkWindow) window = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    attune_print_show_error (window, _("Could Not Export the Recap"), error->message);
}

/* Writes the recap as CSV to @file, off the GTK thread. */
gboolean
attune_presenter_console_export_csv (AttunePresenterConsole *self,
                                     GFile                  *file)
{
  char *csv = attune_class_session_to_csv (attune_presenter_window_get_class_session (self->presenter));
  g_autoptr(GBytes) bytes = g_bytes_new_take (csv, strlen (csv));

  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, csv_written,
                                       g_object_ref (self));
  return TRUE;
}

static void
export_chosen (GtkNativeDialog        *dialog,
               int                     response,
               AttunePresenterConsole *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      attune_presenter_console_export_csv (self, file);
    }
  g_object_unref (dialog);
}

static void
export_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  AttunePresenterConsole *self = ATTUNE_PRESENTER_CONSOLE (widget);
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Export the Recap"), GTK_WINDOW (self),
                                                              GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));

  /* Translators: the suggested file name of a class recap; keep .csv */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("class-recap.csv"));
  g_signal_connect (dialog, "response", G_CALLBACK (export_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
attune_presenter_console_dispose (GObject *object)
{
  AttunePresenterConsole *self = ATTUNE_PRESENTER_CONSOLE (object);

  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->presenter != NULL)
    g_signal_handlers_disconnect_by_data (self->presenter, self);
  g_clear_object (&self->presenter);
  G_OBJECT_CLASS (attune_presenter_console_parent_class)->dispose (object);
}

static void
attune_presenter_console_constructed (GObject *object)
{
  AttunePresenterConsole *self = ATTUNE_PRESENTER_CONSOLE (object);
  AttuneClassSession *session;
  AttuneScenario *scenario;
  const char * const *notes;
  GtkWidget *side = gtk_widget_get_parent (GTK_WIDGET (self->path));
  g_autofree char *title = NULL;

  G_OBJECT_CLASS (attune_presenter_console_parent_class)->constructed (object);
  g_return_if_fail (self->presenter != NULL);

  session = attune_presenter_window_get_class_session (self->presenter);
  scenario = attune_conversation_get_scenario (attune_class_session_get_conversation (session));
  /* Translators: the console's title; %s is the role-play's title */
  title = g_strdup_printf (_("Console: %s"), attune_scenario_get_title (scenario));
  gtk_window_set_title (GTK_WINDOW (self), title);
  attune_presenter_keys_attach (GTK_WIDGET (self), self->presenter);

  /* The trainer notes, under the path. */
  notes = attune_scenario_get_trainer_notes (scenario);
  gtk_box_append (GTK_BOX (side), heading (_("Trainer notes")));
  for (guint i = 0; notes != NULL && notes[i] != NULL; i++)
    gtk_box_append (GTK_BOX (side), text (notes[i], NULL));
  gtk_box_append (GTK_BOX (side), heading (_("Keys")));
  {
    const char *letters = attune_class_reply_letters ();
    g_autofree char *first = attune_class_reply_letter (0);
    g_autofree char *last = attune_class_reply_letter (g_utf8_strlen (letters, -1) - 1);
    /* Translators: the reply letters as a range, such as A–D; %s are the first and the last (see “presenter reply letters”) */
    g_autofree char *range = g_strdup_printf (C_("letter range", "%s–%s"), first, last);
    /* Translators: the keys, in the console; %s is the range of reply letters, such as A–D */
    g_autofree char *keys = g_strdup_printf (_("%s pick · 1–4 a vote more, Ctrl+1–4 a vote fewer · T show the votes · Space, Enter or Page Down reveal and go on · R recap · Esc leave"),
                                             range);

    gtk_box_append (GTK_BOX (side), text (keys, "dim-label"));
  }

  g_signal_connect_swapped (self->presenter, "changed", G_CALLBACK (presenter_changed), self);
  /* gtk_window_destroy() unrealizes the presenter at once; its last
   * reference may go later. */
  g_signal_connect_object (self->presenter, "unrealize", G_CALLBACK (gtk_window_destroy), self, G_CONNECT_SWAPPED);
  self->timer = g_timeout_add_seconds (1, tick, self);
  presenter_changed (self);
  gtk_window_set_default_size (GTK_WINDOW (self), 1280, 720);
}

static void
attune_presenter_console_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  AttunePresenterConsole *self = ATTUNE_PRESENTER_CONSOLE (object);

  if (prop_id == PROP_PRESENTER)
    g_value_set_object (value, self->presenter);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
attune_presenter_console_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  AttunePresenterConsole *self = ATTUNE_PRESENTER_CONSOLE (object);

  if (prop_id == PROP_PRESENTER)
    self->presenter = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
attune_presenter_console_class_init (AttunePresenterConsoleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attune_presenter_console_dispose;
  object_class->constructed = attune_presenter_console_constructed;
  object_class->get_property = attune_presenter_console_get_property;
  object_class->set_property = attune_presenter_console_set_property;

  properties[PROP_PRESENTER] =
    g_param_spec_object ("presenter", NULL, NULL, ATTUNE_TYPE_PRESENTER_WINDOW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "console.pick", "u", pick_action);
  gtk_widget_class_install_action (widget_class, "console.advance", NULL, advance_action);
  gtk_widget_class_install_action (widget_class, "console.tally", NULL, tally_action);
  gtk_widget_class_install_action (widget_class, "console.recap", NULL, recap_action);
  gtk_widget_class_install_action (widget_class, "console.retry", "u", retry_action);
  gtk_widget_class_install_action (widget_class, "console.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "console.print-sheet", NULL, print_sheet_action);
  gtk_widget_class_install_action (widget_class, "console.print-recap", NULL, print_recap_action);
}

static void
attune_presenter_console_init (AttunePresenterConsole *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *flap = adw_flap_new ();
  GtkWidget *side_toggle = gtk_toggle_button_new ();
  GtkWidget *main_scroller = gtk_scrolled_window_new ();
  GtkWidget *side_scroller = gtk_scrolled_window_new ();
  GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *print = gtk_button_new_from_icon_name ("document-print-symbolic");

  self->elapsed = GTK_LABEL (gtk_label_new ("0:00"));
  gtk_widget_add_css_class (GTK_WIDGET (self->elapsed), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (self->elapsed), "title-4");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->elapsed), _("Time since the session began"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->elapsed), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Time since the session began"), -1);
  gtk_button_set_icon_name (GTK_BUTTON (side_toggle), "sidebar-show-right-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (print), "console.print-sheet");
  gtk_widget_set_tooltip_text (print, _("Print the Trainer Sheet…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (print), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Print the Trainer Sheet…"), -1);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), print);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->elapsed));
  gtk_box_append (GTK_BOX (toolbar), header);

  self->now = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 12));
  g_object_set (self->now, "margin-top", 18, "margin-bottom", 18, "margin-start", 18, "margin-end", 18, NULL);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (main_scroller), GTK_WIDGET (self->now));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (main_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_hexpand (main_scroller, TRUE);
  gtk_widget_set_vexpand (main_scroller, TRUE);

  self->path = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  g_object_set (side, "margin-top", 6, "margin-bottom", 18, "margin-start", 18, "margin-end", 18, NULL);
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->path));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (side_scroller), side);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (side_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (side_scroller, 320, -1);
  /* Set, not computed from the children: the main column takes the rest. */
  gtk_widget_set_hexpand (side_scroller, FALSE);
  gtk_widget_add_css_class (side_scroller, "attune-console-side");

  /* Side by side when there is room; narrower, the path and the notes
   * slide over the decision. The header's button shows or hides them. */
  adw_flap_set_content (ADW_FLAP (flap), main_scroller);
  adw_flap_set_flap (ADW_FLAP (flap), side_scroller);
  adw_flap_set_separator (ADW_FLAP (flap), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  adw_flap_set_flap_position (ADW_FLAP (flap), GTK_PACK_END);
  adw_flap_set_swipe_to_open (ADW_FLAP (flap), TRUE);
  gtk_widget_add_css_class (side_scroller, "background");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (side_toggle), TRUE);
  g_object_bind_property (side_toggle, "active", flap, "reveal-flap", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_widget_set_tooltip_text (side_toggle, _("Path and Trainer Notes"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (side_toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Path and Trainer Notes"), -1);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), side_toggle);
  gtk_widget_set_vexpand (flap, TRUE);
  gtk_box_append (GTK_BOX (toolbar), flap);
  adw_window_set_content (ADW_WINDOW (self), toolbar);
  gtk_widget_add_css_class (GTK_WIDGET (self), "attune-console");
}

/**
 * attune_presenter_console_open:
 * @trainer_window: (nullable): the window the trainer started from, on
 *   the trainer's own screen
 *
 * Shows the projected window and this console. With two monitors or more,
 * the projected window fills a monitor @trainer_window is not on (the
 * projector) and the console fills the trainer's: the class never sees it.
 * With one monitor, which may well be mirrored on the projector, the
 * projected window fills it and the console opens beneath it, never over
 * it; the trainer switches to it (Alt+Tab) when the class cannot see, and
 * the keys work from either window.
 */
void
attune_presenter_console_open (AttunePresenterConsole *self,
                               GtkWindow              *trainer_window)
{
  GtkWindow *presenter = GTK_WINDOW (self->presenter);
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GListModel *monitors = gdk_display_get_monitors (display);
  guint n_monitors = g_list_model_get_n_items (monitors);
  g_autoptr(GdkMonitor) trainer = NULL;
  g_autoptr(GdkMonitor) projector = NULL;

  if (n_monitors < 2)
    {
      gtk_window_fullscreen (presenter);
      gtk_window_present (GTK_WINDOW (self));
      gtk_window_present (presenter);
      return;
    }
  if (trainer_window != NULL && gtk_widget_get_realized (GTK_WIDGET (trainer_window)))
    {
      GdkMonitor *at = gdk_display_get_monitor_at_surface (display, gtk_native_get_surface (GTK_NATIVE (trainer_window)));

      trainer = at != NULL ? g_object_ref (at) : NULL;
    }
  if (trainer == NULL)
    trainer = g_list_model_get_item (monitors, 0);
  for (guint i = 0; i < n_monitors && projector == NULL; i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);

      if (monitor != trainer)
        projector = g_steal_pointer (&monitor);
    }
  gtk_window_fullscreen_on_monitor (presenter, projector);
  gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), trainer);
  gtk_window_present (presenter);
  /* The trainer's keyboard and clicker go to the console. */
  gtk_window_present (GTK_WINDOW (self));
}

/* The trainer's console for @presenter; it closes with it. */
AttunePresenterConsole *
attune_presenter_console_new (AttunePresenterWindow *presenter)
{
  return g_object_new (ATTUNE_TYPE_PRESENTER_CONSOLE, "presenter", presenter, NULL);
}

AttunePresenterWindow *
attune_presenter_console_get_presenter (AttunePresenterConsole *self)
{
  return self->presenter;
}
