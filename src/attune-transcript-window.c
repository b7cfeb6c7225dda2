/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneTranscriptWindow: a past attempt, read-only: what the customer
 * said, what the learner chose, and the feedback on each choice, in order.
 * The words come from the scenario as loaded now; if the scenario has
 * gone, the recorded node and choice numbers are shown instead.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-chat-bubble.h"
#include "attune-transcript-window.h"

struct _AttuneTranscriptWindow
{
  AdwWindow parent_instance;

  AttuneScenario *scenario;        /* NULL if no longer installed */
  AttuneAttemptRecord *attempt;    /* a copy: id, scenario and outcome */
  GtkBox *content;
};

G_DEFINE_FINAL_TYPE (AttuneTranscriptWindow, attune_transcript_window, ADW_TYPE_WINDOW)

static GtkWidget *
line_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
add_bubble (AttuneTranscriptWindow *self,
            const char             *speaker,
            const char             *text,
            gboolean                from_customer)
{
  gtk_box_append (self->content, attune_chat_bubble_new (speaker, text, from_customer, TRUE));
}

static void
attune_transcript_window_finalize (GObject *object)
{
  AttuneTranscriptWindow *self = ATTUNE_TRANSCRIPT_WINDOW (object);

  g_clear_object (&self->scenario);
  g_clear_pointer (&self->attempt, attune_attempt_record_free);
  G_OBJECT_CLASS (attune_transcript_window_parent_class)->finalize (object);
}

static void
attune_transcript_window_class_init (AttuneTranscriptWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = attune_transcript_window_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
attune_transcript_window_init (AttuneTranscriptWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  self->content = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 10));
  g_object_set (self->content, "margin-top", 18, "margin-bottom", 24, "margin-start", 12, "margin-end", 12, NULL);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->content));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (self), box);
  /* The transcript starts with the focus on the scrolled area, so that
   * Page Up and Page Down scroll it. Left to itself GTK would focus the
   * first selectable line, which selects all its words. */
  gtk_widget_set_focusable (scroller, TRUE);
  gtk_window_set_focus (GTK_WINDOW (self), scroller);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 640);
}

typedef struct
{
  gint64 attempt;
} ReadChoices;

/* On the store's worker thread. */
static gpointer
read_choices (AttuneStore   *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return attune_store_list_choices (store, ((ReadChoices *) data)->attempt, error);
}

static void
fill (AttuneTranscriptWindow *self,
      GPtrArray              *choices)
{
  AttuneScenario *scenario = self->scenario;
  AttuneAttemptRecord *attempt = self->attempt;
  const char *customer = scenario != NULL ? attune_scenario_get_customer_name (scenario) : C_("speaker", "Customer");

  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      AttuneChoiceRecord *record = g_ptr_array_index (choices, i);
      AttuneScenarioNode *node = scenario != NULL ? attune_scenario_find_node (scenario, record->node) : NULL;
      AttuneChoice *choice = node != NULL && record->choice_index < node->choices->len
                             ? g_ptr_array_index (node->choices, record->choice_index) : NULL;

      if (node != NULL && choice != NULL)
        {
          add_bubble (self, customer, node->text, TRUE);
          add_bubble (self, C_("speaker", "You"), choice->reply, FALSE);
          gtk_box_append (self->content, line_label (choice->feedback, "attune-comment"));
        }
      else
        {
          /* Translators: shown when a recorded scenario is no longer installed;
           * %u is the number of the choice, %s the id of the place in the conversation */
          g_autofree char *text = g_strdup_printf (_("Choice %u at “%s”"), record->choice_index + 1, record->node);

          gtk_box_append (self->content, line_label (text, NULL));
        }
    }

  if (attempt->outcome != NULL && scenario != NULL)
    {
      /* Show the debrief of the ending the last choice led to. */
      if (choices != NULL && choices->len > 0)
        {
          AttuneChoiceRecord *last = g_ptr_array_index (choices, choices->len - 1);
          AttuneScenarioNode *node = attune_scenario_find_node (scenario, last->node);
          AttuneChoice *choice = node != NULL && last->choice_index < node->choices->len
                                 ? g_ptr_array_index (node->choices, last->choice_index) : NULL;
          AttuneScenarioEnding *ending = choice != NULL ? attune_scenario_find_ending (scenario, choice->next) : NULL;

          if (ending != NULL)
            {
              if (ending->text != NULL)
                add_bubble (self, customer, ending->text, TRUE);
              gtk_box_append (self->content, line_label (attune_outcome_get_label (ending->outcome), "title-4"));
              gtk_box_append (self->content, line_label (ending->debrief, NULL));
            }
        }
    }
  else if (attempt->outcome == NULL || g_str_equal (attempt->outcome, "abandoned"))
    gtk_box_append (self->content, line_label (_("This attempt was left before the end."), "dim-label"));
}

static void
choices_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AttuneTranscriptWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) choices = attune_store_call_finish (ATTUNE_STORE (source), result, &error);

  if (choices == NULL)
    {
      g_warning ("Reading a transcript failed: %s", error->message);
      gtk_box_append (self->content, line_label (error->message, NULL));
      return;
    }
  fill (self, choices);
}

/**
 * attune_transcript_window_new:
 *
 * A read-only transcript of @attempt; its decisions are read from @store
 * on the store's worker thread and appear when read.
 */
AttuneTranscriptWindow *
attune_transcript_window_new (AttuneStore         *store,
                              AttuneLibrary       *library,
                              AttuneAttemptRecord *attempt)
{
  AttuneTranscriptWindow *self = g_object_new (ATTUNE_TYPE_TRANSCRIPT_WINDOW, NULL);
  ReadChoices *read = g_new0 (ReadChoices, 1);
  AttuneScenario *scenario = attune_library_find_scenario (library, attempt->scenario);

  self->scenario = scenario != NULL ? g_object_ref (scenario) : NULL;
  self->attempt = g_new0 (AttuneAttemptRecord, 1);
  self->attempt->id = attempt->id;
  self->attempt->scenario = g_strdup (attempt->scenario);
  self->attempt->outcome = g_strdup (attempt->outcome);
  gtk_window_set_title (GTK_WINDOW (self), scenario != NULL ? attune_scenario_get_title (scenario) : attempt->scenario);
  read->attempt = attempt->id;
  attune_store_call_async (store, read_choices, read, g_free, (GDestroyNotify) g_ptr_array_unref, NULL,
                           choices_read, g_object_ref (self));
  return self;
}
