/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneHandout: what a printed handout says, as blocks (title, headings,
 * paragraphs, lists) in reading order, without GTK: a lesson; a role-play's
 * trainer sheet (summary, persona, trainer notes, the best path, the map
 * of decisions, discussion questions); a class's recap. AttuneHandoutLayout
 * lays the blocks out on pages with Pango and Cairo.
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "attune-handout.h"

struct _AttuneHandout
{
  GObject parent_instance;

  char *title;
  GPtrArray *blocks;   /* AttuneHandoutBlock */
};

G_DEFINE_FINAL_TYPE (AttuneHandout, attune_handout, G_TYPE_OBJECT)

static void
block_free (AttuneHandoutBlock *block)
{
  g_free (block->marker);
  g_free (block->text);
  g_free (block);
}

static void
attune_handout_finalize (GObject *object)
{
  AttuneHandout *self = ATTUNE_HANDOUT (object);

  g_free (self->title);
  g_ptr_array_unref (self->blocks);
  G_OBJECT_CLASS (attune_handout_parent_class)->finalize (object);
}

static void
attune_handout_class_init (AttuneHandoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attune_handout_finalize;
}

static void
attune_handout_init (AttuneHandout *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
}

/* An empty handout; @title runs along the top of each page. */
AttuneHandout *
attune_handout_new (const char *title)
{
  AttuneHandout *self = g_object_new (ATTUNE_TYPE_HANDOUT, NULL);

  self->title = g_strdup (title);
  return self;
}

const char *
attune_handout_get_title (AttuneHandout *self)
{
  return self->title;
}

GPtrArray *
attune_handout_get_blocks (AttuneHandout *self)
{
  return self->blocks;
}

void
attune_handout_add (AttuneHandout  *self,
                    AttuneBlockKind kind,
                    guint           indent,
                    const char     *marker,
                    const char     *text)
{
  AttuneHandoutBlock *block = g_new0 (AttuneHandoutBlock, 1);

  block->kind = kind;
  block->indent = indent;
  block->marker = g_strdup (marker);
  block->text = g_strdup (text != NULL ? text : "");
  g_ptr_array_add (self->blocks, block);
}

static void
add_paragraphs (AttuneHandout      *self,
                const char * const *paragraphs)
{
  for (guint i = 0; paragraphs != NULL && paragraphs[i] != NULL; i++)
    attune_handout_add (self, ATTUNE_BLOCK_PARAGRAPH, 0, NULL, paragraphs[i]);
}

static void
add_numbered (AttuneHandout *self,
              guint          indent,
              guint          number,
              const char    *text)
{
  /* Translators: the number before an item of a numbered list */
  g_autofree char *marker = g_strdup_printf (C_("list", "%u."), number);

  attune_handout_add (self, ATTUNE_BLOCK_NUMBERED, indent, marker, text);
}

/* The lesson's title when @strategy names one, or else the id itself. */
const char *
attune_strategy_title (AttuneLibrary *library,
                       const char    *strategy)
{
  AttuneLesson *lesson = library != NULL ? attune_library_find_lesson (library, strategy) : NULL;

  return lesson != NULL ? attune_lesson_get_title (lesson) : strategy;
}

/* A lesson on paper: what, why, how, phrases, an example, sources. */
AttuneHandout *
attune_handout_new_for_lesson (AttuneLesson *lesson)
{
  AttuneHandout *self = attune_handout_new (attune_lesson_get_title (lesson));
  const char * const *steps = attune_lesson_get_steps (lesson);
  const char * const *sources = attune_lesson_get_sources (lesson);
  GPtrArray *works = attune_lesson_get_works (lesson);
  GPtrArray *backfires = attune_lesson_get_backfires (lesson);
  GPtrArray *lines = attune_lesson_get_example_lines (lesson);

  attune_handout_add (self, ATTUNE_BLOCK_TITLE, 0, NULL, attune_lesson_get_title (lesson));
  attune_handout_add (self, ATTUNE_BLOCK_NOTE, 0, NULL,
                      attune_lesson_group_get_label (attune_lesson_get_group (lesson)));
  attune_handout_add (self, ATTUNE_BLOCK_PARAGRAPH, 0, NULL, attune_lesson_get_summary (lesson));
  attune_handout_add (self, ATTUNE_BLOCK_HEADING, 0, NULL, _("What it is"));
  add_paragraphs (self, attune_lesson_get_what (lesson));
  attune_handout_add (self, ATTUNE_BLOCK_HEADING, 0, NULL, _("Why it matters"));
  add_paragraphs (self, attune_lesson_get_why (lesson));
  attune_handout_add (self, ATTUNE_BLOCK_HEADING, 0, NULL, _("How to do it"));
  add_paragraphs (self, attune_lesson_get_how_intro (lesson));
  for (guint i = 0; steps != NULL && steps[i] != NULL; i++)
    add_numbered (self, 0, i + 1, steps[i]);
  if (works->len > 0)
    {
      attune_handout_add (self, ATTUNE_BLOCK_HEADING, 0, NULL, _("Phrases that work"));
      for (guint i = 0; i < works->len; i++)
        {
          AttunePhrase *phrase = g_ptr_array_index (works, i);

          attune_handout_add (self, ATTUNE_BLOCK_BULLET, 0, "✓", phrase->say);
          if (phrase->reason != NULL)
            attune_handout_add (self, ATTUNE_BLOCK_NOTE, 1, NULL, phrase->reason);
        }
    }
  if (backfires->len > 0)
    {
      attune_handout_add (self, ATTUNE_BLOCK_HEADING, 0, NULL, _("Phrases that backfire"));
      for (guint i = 0; i < backfires->len; i++)
        {
          AttunePhrase *phrase = g_ptr_array_index (backfires, i);

          attune_handout_add (self, ATTUNE_BLOCK_BULLET, 0, "✗", phrase->say);
          if (phrase->reason != NULL)
            attune_handout_add (self, ATTUNE_BLOCK_NOTE, 1, NULL, phrase->reason);
        }
    }
  if (lines->len > 0)
    {
      attune_handout_add (self, ATTUNE_BLOCK_HEADING, 0, NULL, _("An example"));
      if (attune_lesson_get_example_setting (lesson) != NULL)
        attune_handout_add (self, ATTUNE_BLOCK_NOTE, 0, NULL, attune_lesson_get_example_setting (lesson));
      for (guint i = 0; i < lines->len; i++)
        {
          AttuneExampleLine *line = g_ptr_array_index (lines, i);

          attune_handout_add (self, line->from_customer ? ATTUNE_BLOCK_QUOTE : ATTUNE_BLOCK_PARAGRAPH, 1,
                              /* Translators: who speaks a line of an example, before the line */
                              line->from_customer ? C_("speaker", "Customer") : C_("speaker", "Agent"),
                              line->text);
        }
      if (attune_lesson_get_example_comment (lesson) != NULL)
        attune_handout_add (self, ATTUNE_BLOCK_PARAGRAPH, 0, NULL, attune_lesson_get_example_comment (lesson));
    }
  if (sources != NULL && sources[0] != NULL)
    {
      attune_handout_add (self, ATTUNE_BLOCK_SUBHEADING, 0, NULL, _("Sources"));
      for (guint i = 0; sources[i] != NULL; i++)
        attune_handout_add (self, ATTUNE_BLOCK_NOTE, 0, NULL, sources[i]);
    }
  return self;
}

static guint
weakest_choice (AttuneScenarioNode *node)
{
  guint weakest = 0;

  for (guint k = 1; k < node->choices->len; k++)
    if (attune_choice_get_net_weight (g_ptr_array_index (node->choices, k)) <
        attune_choice_get_net_weight (g_ptr_array_index (node->choices, weakest)))
      weakest = k;
  return weakest;
}

/* Strips a lead-in such as “Ask the room:” from the start of @sentence. */
static const char *
after_lead_in (const char *sentence)
{
  const char *colon = strstr (sentence, ": ");

  return colon != NULL && colon - sentence < 40 ? colon + 2 : sentence;
}

/* The questions @text asks (sentences ending with a question mark), each
 * with the statement just before it, which it often leans on. */
static void
add_questions_from (GPtrArray  *questions,
                    const char *text)
{
  const char *start = text;
  g_autofree char *statement = NULL;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean end = (c == '.' || c == '!' || c == '?' || c == 0x3002 || c == 0xFF1F);
      const char *after = g_utf8_next_char (p);

      /* A closing quote belongs to the sentence it closes. */
      while (end && (g_utf8_get_char (after) == 0x201D || g_utf8_get_char (after) == '"'))
        after = g_utf8_next_char (after);
      if (end && (*after == '\0' || g_unichar_isspace (g_utf8_get_char (after))))
        {
          g_autofree char *sentence = g_strstrip (g_strndup (start, after - start));

          if (c == '?' || c == 0xFF1F)
            {
              if (statement != NULL)
                g_ptr_array_add (questions, g_strdup_printf ("%s %s", after_lead_in (statement), sentence));
              else
                g_ptr_array_add (questions, g_strdup (after_lead_in (sentence)));
              g_clear_pointer (&statement, g_free);
            }
          else
            {
              g_free (statement);
              statement = g_steal_pointer (&sentence);
            }
          start = after;
          while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
            start = g_utf8_next_char (start);
          p = start;
          if (*p == '\0')
            break;
        }
    }
}

/**
 * attune_scenario_discussion_questions:
 *
 * Questions for the room: those the trainer notes ask; for the decisions
 * on the best path, what makes the strongest reply stronger than the
 * weakest; and where the strategies practised showed.
 * Returns: (transfer full) (element-type utf8)
 */
GPtrArray *
attune_scenario_discussion_questions (AttuneScenario *scenario,
                                      AttuneLibrary  *library)
{
  GPtrArray *questions = g_ptr_array_new_with_free_func (g_free);
  const char * const *notes = attune_scenario_get_trainer_notes (scenario);
  g_autoptr(AttuneScenarioAnalysis) analysis = attune_scenario_analyse (scenario);
  AttuneScenarioNode *node = attune_scenario_find_node (scenario, attune_scenario_get_start_id (scenario));
  GPtrArray *practises = attune_scenario_get_practises (scenario);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GHashTable) numbers = attune_class_number_decisions (scenario, order);
  guint asked = 0;

  for (guint i = 0; notes != NULL && notes[i] != NULL; i++)
    add_questions_from (questions, notes[i]);
  for (guint i = 0; node != NULL && i < analysis->best_path->len && asked < 3; i++)
    {
      guint best = g_array_index (analysis->best_path, guint, i);
      guint weakest = weakest_choice (node);
      AttuneChoice *strong = g_ptr_array_index (node->choices, best);

      if (weakest != best &&
          attune_choice_get_net_weight (g_ptr_array_index (node->choices, weakest)) < attune_choice_get_net_weight (strong))
        {
          AttuneChoice *weak = g_ptr_array_index (node->choices, weakest);

          /* Translators: a discussion question on a trainer sheet; %u is the
           * decision's number on the map, the first %s a stronger reply, the second a weaker one */
          g_ptr_array_add (questions, g_strdup_printf (_("At decision %u, what makes “%s” stronger than “%s”? What would the customer hear in each?"),
                                                       GPOINTER_TO_UINT (g_hash_table_lookup (numbers, node->id)),
                                                       strong->reply, weak->reply));
          asked++;
        }
      node = attune_scenario_find_node (scenario, strong->next);
    }
  for (guint i = 0; i < practises->len && i < 2; i++)
    {
      AttuneReference *ref = g_ptr_array_index (practises, i);

      /* Translators: a discussion question on a trainer sheet; %s is a strategy, such as Active listening */
      g_ptr_array_add (questions, g_strdup_printf (_("Where in this conversation did “%s” matter most, and how would you say it in your own words?"),
                                                   attune_strategy_title (library, ref->id)));
    }
  return questions;
}

static void
add_reply_line (AttuneHandout  *self,
                AttuneScenario *scenario,
                GHashTable     *numbers,
                AttuneScenarioNode *node,
                guint           k,
                guint           best)
{
  AttuneChoice *choice = g_ptr_array_index (node->choices, k);
  AttuneScenarioEnding *ending = attune_scenario_find_ending (scenario, choice->next);
  guint next = GPOINTER_TO_UINT (g_hash_table_lookup (numbers, choice->next));
  g_autofree char *text = NULL;

  if (ending != NULL)
    /* Translators: a reply on the map of decisions; %s is the reply, then how the role-play ends after it, such as Resolved */
    text = g_strdup_printf (_("%s → ends: %s"), choice->reply, attune_outcome_get_label (ending->outcome));
  else
    /* Translators: a reply on the map of decisions; %s is the reply, %u the decision it leads to */
    text = g_strdup_printf (_("%s → decision %u"), choice->reply, next);
  /* The strongest reply is starred, the others have a dash. */
  attune_handout_add (self, ATTUNE_BLOCK_BULLET, 1, k == best ? "★" : "–", text);
}

/* A role-play's trainer sheet. */
AttuneHandout *
attune_handout_new_for_scenario (AttuneScenario *scenario,
                                 AttuneLibrary  *library)
{
  /* Translators: the title of a printed trainer sheet; %s is the role-play's title */
  g_autofree char *title = g_strdup_printf (_("Trainer sheet: %s"), attune_scenario_get_title (scenario));
  AttuneHandout *self = attune_handout_new (title);
  GPtrArray *practises = attune_scenario_get_practises (scenario);
  const char * const *notes = attune_scenario_get_trainer_notes (scenario);
  g_autoptr(AttuneScenarioAnalysis) analysis = attune_scenario_analyse (scenario);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GHashTable) numbers = attune_class_number_decisions (scenario, order);
  g_autoptr(GPtrArray) questions = attune_scenario_discussion_questions (scenario, library);
  AttuneScenarioNode *node;
  g_autofree char *about = NULL;

  attune_handout_add (self, ATTUNE_BLOCK_TITLE, 0, NULL, title);
  {
    /* Translators: under a trainer sheet's title; %s is a kind of situation, %u the difficulty from 1 to 3 */
    g_autofree char *meta = g_strdup_printf (_("%s · difficulty %u of 3"),
                                             attune_situation_get_label (attune_scenario_get_situation (scenario)),
                                             attune_scenario_get_difficulty (scenario));

    attune_handout_add (self, ATTUNE_BLOCK_NOTE, 0, NULL, meta);
  }
  attune_handout_add (self, ATTUNE_BLOCK_HEADING, 0, NULL, _("Summary"));
  attune_handout_add (self, ATTUNE_BLOCK_PARAGRAPH, 0, NULL, attune_scenario_get_summary (scenario));
  attune_handout_add (self, ATTUNE_BLOCK_HEADING, 0, NULL, _("Persona"));
  attune_handout_add (self, ATTUNE_BLOCK_SUBHEADING, 0, NULL, attune_scenario_get_customer_name (scenario));
  attune_handout_add (self, ATTUNE_BLOCK_PARAGRAPH, 0, NULL, attune_scenario_get_customer_about (scenario));
  if (practises->len > 0)
    {
      attune_handout_add (self, ATTUNE_BLOCK_SUBHEADING, 0, NULL, _("Strategies practised"));
      for (guint i = 0; i < practises->len; i++)
        attune_handout_add (self, ATTUNE_BLOCK_BULLET, 0, "•",
                            attune_strategy_title (library, ((AttuneReference *) g_ptr_array_index (practises, i))->id));
    }
  if (notes != NULL && notes[0] != NULL)
    {
      attune_handout_add (self, ATTUNE_BLOCK_HEADING, 0, NULL, _("Trainer notes"));
      add_paragraphs (self, notes);
    }

  attune_handout_add (self, ATTUNE_BLOCK_HEADING, 0, NULL, _("The best path"));
  node = attune_scenario_find_node (scenario, attune_scenario_get_start_id (scenario));
  for (guint i = 0; node != NULL && i < analysis->best_path->len; i++)
    {
      AttuneChoice *choice = g_ptr_array_index (node->choices, g_array_index (analysis->best_path, guint, i));
      AttuneScenarioEnding *ending = attune_scenario_find_ending (scenario, choice->next);

      /* Numbered as on the map below (the best path comes first there). */
      add_numbered (self, 0, GPOINTER_TO_UINT (g_hash_table_lookup (numbers, node->id)), node->text);
      attune_handout_add (self, ATTUNE_BLOCK_BULLET, 1, "★", choice->reply);
      if (ending != NULL)
        {
          /* Translators: where the best path of a role-play ends; %s is the outcome, such as Resolved */
          g_autofree char *end = g_strdup_printf (_("Ends: %s"), attune_outcome_get_label (ending->outcome));

          attune_handout_add (self, ATTUNE_BLOCK_SUBHEADING, 0, NULL, end);
          attune_handout_add (self, ATTUNE_BLOCK_PARAGRAPH, 0, NULL, ending->debrief);
        }
      node = attune_scenario_find_node (scenario, choice->next);
    }

  attune_handout_add (self, ATTUNE_BLOCK_HEADING, 0, NULL, _("Map of decisions"));
  attune_handout_add (self, ATTUNE_BLOCK_NOTE, 0, NULL,
                      _("Every decision, numbered as in the best path above and in the presenter’s console: the best path first, then the others in the order the conversation can reach them. A star (★) marks the strongest reply at each; the arrow says where each reply leads."));
  for (guint i = 0; i < order->len; i++)
    {
      AttuneScenarioNode *step = g_ptr_array_index (order, i);
      guint best = attune_scenario_node_get_best_choice (step, NULL);
      /* Translators: a decision's heading on the map of decisions; %u is its number */
      g_autofree char *heading = g_strdup_printf (_("Decision %u"), GPOINTER_TO_UINT (g_hash_table_lookup (numbers, step->id)));

      attune_handout_add (self, ATTUNE_BLOCK_SUBHEADING, 0, NULL, heading);
      attune_handout_add (self, ATTUNE_BLOCK_QUOTE, 0, NULL, step->text);
      for (guint k = 0; k < step->choices->len; k++)
        add_reply_line (self, scenario, numbers, step, k, best);
    }

  attune_handout_add (self, ATTUNE_BLOCK_HEADING, 0, NULL, _("Discussion questions"));
  for (guint i = 0; i < questions->len; i++)
    add_numbered (self, 0, i + 1, g_ptr_array_index (questions, i));
  return self;
}

/* The recap of a class's session, to print. */
AttuneHandout *
attune_handout_new_for_recap (AttuneClassSession *session,
                              AttuneLibrary      *library)
{
  AttuneConversation *conversation = attune_class_session_get_conversation (session);
  AttuneScenario *scenario = attune_conversation_get_scenario (conversation);
  AttuneScenarioEnding *ending = attune_conversation_get_ending (conversation);
  GArray *history = attune_class_session_get_history (session);
  g_autoptr(GArray) strategies = attune_class_session_get_strategies (session);
  /* Translators: the title of a printed class recap; %s is the role-play's title */
  g_autofree char *title = g_strdup_printf (_("Class recap: %s"), attune_scenario_get_title (scenario));
  g_autofree char *elapsed = attune_format_elapsed (attune_class_session_get_elapsed (session));
  AttuneHandout *self = attune_handout_new (title);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* Translators: a date as strftime() formats it, on a printed recap */
  g_autofree char *date = g_date_time_format (now, _("%-d %B %Y"));
  /* Translators: under a printed recap's title; the first %s is a date, the second a duration like 12:05 */
  g_autofree char *meta = g_strdup_printf (_("%s · session time %s"), date, elapsed);

  attune_handout_add (self, ATTUNE_BLOCK_TITLE, 0, NULL, title);
  attune_handout_add (self, ATTUNE_BLOCK_NOTE, 0, NULL, meta);
  if (ending != NULL)
    {
      /* Translators: how the class's role-play ended; %s is the outcome, such as Resolved */
      g_autofree char *outcome = g_strdup_printf (_("Outcome: %s"), attune_outcome_get_label (ending->outcome));

      attune_handout_add (self, ATTUNE_BLOCK_HEADING, 0, NULL, outcome);
      attune_handout_add (self, ATTUNE_BLOCK_PARAGRAPH, 0, NULL, ending->debrief);
    }
  /* Each pass through the role-play, the decisions a retry undid too:
   * their votes are kept for the end of the session. */
  for (guint pass = 1; pass <= attune_class_session_get_n_passes (session); pass++)
    {
      g_autofree char *pass_title = attune_class_session_get_pass_title (session, pass);
      gboolean any = FALSE;

      for (guint d = 0; d < history->len; d++)
        any = any || g_array_index (history, AttuneClassDecision, d).pass == pass;
      if (!any)
        continue;
      attune_handout_add (self, ATTUNE_BLOCK_HEADING, 0, NULL, pass_title);
      for (guint d = 0; d < history->len; d++)
        {
          AttuneClassDecision *decision = &g_array_index (history, AttuneClassDecision, d);
          g_autofree char *heading = NULL;
          g_autofree char *chosen = NULL;
          g_autofree char *best = NULL;
          g_autofree char *verdict = NULL;

          if (decision->pass != pass)
            continue;
          heading = decision->undone
            /* Translators: a decision's heading on a printed recap, when the trainer's retry undid it; %u is its number on the trainer sheet */
            ? g_strdup_printf (_("Decision %u, undone by a retry"), decision->number)
            : g_strdup_printf (_("Decision %u"), decision->number);
          attune_handout_add (self, ATTUNE_BLOCK_SUBHEADING, 0, NULL, heading);
          attune_handout_add (self, ATTUNE_BLOCK_QUOTE, 0, NULL, decision->node->text);
          for (guint i = 0; i < decision->n_shown; i++)
            {
              g_autofree char *letter = attune_class_reply_letter (i);
              guint votes = decision->votes[i];
              /* Translators: a reply on a printed recap; %s is the reply, then the hands counted for it and their share */
              g_autofree char *text = g_strdup_printf (ngettext ("%s — %u vote (%u%%)", "%s — %u votes (%u%%)", votes),
                                                       attune_class_decision_get_choice (decision, i)->reply,
                                                       votes, attune_class_decision_get_percent (decision, i));

              attune_handout_add (self, ATTUNE_BLOCK_BULLET, 1, letter, text);
            }
          best = attune_class_reply_letter (decision->best);
          if (decision->chosen < 0)
            /* Translators: on a recap, when the trainer went back before the class chose; %s is the strongest reply's letter (see “presenter reply letters”) */
            verdict = g_strdup_printf (_("The trainer went back before the class chose; the strongest reply was %s."), best);
          else if ((guint) decision->chosen == decision->best)
            /* Translators: on a recap; %s is the letter of the reply the class chose (see “presenter reply letters”) */
            verdict = g_strdup_printf (_("The class chose %s, the strongest reply."), best);
          else
            {
              chosen = attune_class_reply_letter ((guint) decision->chosen);
              /* Translators: on a recap; the first %s is the letter the class chose, the second the strongest reply's (see “presenter reply letters”) */
              verdict = g_strdup_printf (_("The class chose %s; the strongest reply was %s."), chosen, best);
            }
          attune_handout_add (self, ATTUNE_BLOCK_NOTE, 1, NULL, verdict);
        }
    }
  if (strategies->len > 0)
    {
      attune_handout_add (self, ATTUNE_BLOCK_HEADING, 0, NULL, _("Strategies"));
      for (guint i = 0; i < strategies->len; i++)
        {
          AttuneStrategyTally *entry = &g_array_index (strategies, AttuneStrategyTally, i);

          if (entry->total == 0)
            continue;
          attune_handout_add (self, ATTUNE_BLOCK_BULLET, 0,
                              /* Translators: before a strategy on a printed recap */
                              entry->total > 0 ? C_("strategy", "✓ Shown") : C_("strategy", "✗ Missed"),
                              attune_strategy_title (library, entry->strategy));
        }
    }
  return self;
}

/**
 * attune_handout_new_for_target:
 * @target: `lesson:ID` or `scenario:ID`
 *
 * The handout `attune --print` asks for: a lesson, or a role-play's trainer sheet.
 */
AttuneHandout *
attune_handout_new_for_target (AttuneLibrary *library,
                               const char    *target,
                               GError       **error)
{
  if (g_str_has_prefix (target, "lesson:"))
    {
      AttuneLesson *lesson = attune_library_find_lesson (library, target + strlen ("lesson:"));

      if (lesson != NULL)
        return attune_handout_new_for_lesson (lesson);
      /* Translators: %s is a lesson id the user typed */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no lesson “%s”."), target + strlen ("lesson:"));
      return NULL;
    }
  if (g_str_has_prefix (target, "scenario:"))
    {
      AttuneScenario *scenario = attune_library_find_scenario (library, target + strlen ("scenario:"));

      if (scenario != NULL)
        return attune_handout_new_for_scenario (scenario, library);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no role-play “%s”."), target + strlen ("scenario:"));
      return NULL;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               /* Translators: %s is what the user typed; keep lesson:ID and scenario:ID untranslated */
               _("Cannot print “%s”: use lesson:ID or scenario:ID."), target);
  return NULL;
}

/* The handout as plain text, one block a line: for tests and searching. */
char *
attune_handout_to_text (AttuneHandout *self)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      AttuneHandoutBlock *block = g_ptr_array_index (self->blocks, i);

      for (guint k = 0; k < block->indent; k++)
        g_string_append (text, "  ");
      if (block->marker != NULL)
        g_string_append_printf (text, "%s ", block->marker);
      g_string_append (text, block->text);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}
