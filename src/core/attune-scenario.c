/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneScenario: a branching role-play read from a scenario file that has
 * already passed data/schemas/scenario.rng. Nodes and endings share one id
 * space; the graph itself is checked by the lint (attune-lint.c).
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attune-scenario-private.h"
#include "attune-xml.h"

struct _AttuneScenario
{
  GObject parent_instance;

  char *id;
  char *file;
  guint line;
  AttuneSituation situation;
  guint difficulty;
  int start_mood;
  char *start_id;
  char *title;
  char *summary;
  char *customer_name;
  char *customer_about;
  GPtrArray *practises;   /* AttuneReference */
  GStrv trainer_notes;
  GPtrArray *nodes;       /* AttuneScenarioNode, in file order */
  GPtrArray *endings;     /* AttuneScenarioEnding, in file order */
  GHashTable *node_index;
  GHashTable *ending_index;
};

G_DEFINE_FINAL_TYPE (AttuneScenario, attune_scenario, G_TYPE_OBJECT)

/* g_strv_builder_take() is GLib 2.80; we target 2.74. */
static void
strv_builder_take (GStrvBuilder *builder,
                   char         *text)
{
  g_strv_builder_add (builder, text);
  g_free (text);
}

static void
evidence_free (AttuneEvidence *evidence)
{
  g_free (evidence->strategy);
  g_free (evidence);
}

static void
choice_free (AttuneChoice *choice)
{
  g_free (choice->next);
  g_free (choice->reply);
  g_free (choice->feedback);
  g_ptr_array_unref (choice->evidence);
  g_free (choice);
}

static void
node_free (AttuneScenarioNode *node)
{
  g_free (node->id);
  g_free (node->cue);
  g_free (node->text);
  g_ptr_array_unref (node->choices);
  g_free (node);
}

static void
ending_free (AttuneScenarioEnding *ending)
{
  g_free (ending->id);
  g_free (ending->text);
  g_free (ending->debrief);
  g_free (ending);
}

static void
attune_scenario_finalize (GObject *object)
{
  AttuneScenario *self = ATTUNE_SCENARIO (object);

  g_free (self->id);
  g_free (self->file);
  g_free (self->start_id);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->customer_name);
  g_free (self->customer_about);
  g_ptr_array_unref (self->practises);
  g_strfreev (self->trainer_notes);
  g_hash_table_unref (self->node_index);
  g_hash_table_unref (self->ending_index);
  g_ptr_array_unref (self->nodes);
  g_ptr_array_unref (self->endings);

  G_OBJECT_CLASS (attune_scenario_parent_class)->finalize (object);
}

static void
attune_scenario_class_init (AttuneScenarioClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attune_scenario_finalize;
}

static void
attune_scenario_init (AttuneScenario *self)
{
  self->practises = g_ptr_array_new_with_free_func ((GDestroyNotify) attune_reference_free);
  self->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  self->endings = g_ptr_array_new_with_free_func ((GDestroyNotify) ending_free);
  self->node_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->ending_index = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * _attune_scenario_release_texts:
 *
 * Frees what the learner reads (lines, cues, replies, feedback, endings,
 * the summary, the customer's description, the trainer's notes) and
 * keeps the ids, lines, graph and evidence. `attune --validate` calls it
 * once a file's own checks and warnings are done: cross-checking a
 * thousand files needs only their ids and references, and holding every
 * text made it page through tens of megabytes. The scenario is then only
 * fit for cross-checking, never for playing.
 */
void
_attune_scenario_release_texts (AttuneScenario *self)
{
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->customer_about, g_free);
  g_clear_pointer (&self->trainer_notes, g_strfreev);
  for (guint i = 0; i < self->nodes->len; i++)
    {
      AttuneScenarioNode *node = g_ptr_array_index (self->nodes, i);

      g_clear_pointer (&node->cue, g_free);
      g_clear_pointer (&node->text, g_free);
      for (guint k = 0; k < node->choices->len; k++)
        {
          AttuneChoice *choice = g_ptr_array_index (node->choices, k);

          g_clear_pointer (&choice->reply, g_free);
          g_clear_pointer (&choice->feedback, g_free);
        }
    }
  for (guint i = 0; i < self->endings->len; i++)
    {
      AttuneScenarioEnding *ending = g_ptr_array_index (self->endings, i);

      g_clear_pointer (&ending->text, g_free);
      g_clear_pointer (&ending->debrief, g_free);
    }
}

static int
int_attribute (xmlNode    *node,
               const char *name)
{
  g_autofree char *value = attune_xml_dup_attribute (node, name);

  /* The schema guarantees a small integer, possibly with a leading '+'. */
  return value != NULL ? (int) g_ascii_strtoll (value, NULL, 10) : 0;
}

static AttuneChoice *
read_choice (xmlNode *element)
{
  AttuneChoice *choice = g_new0 (AttuneChoice, 1);

  choice->evidence = g_ptr_array_new_with_free_func ((GDestroyNotify) evidence_free);
  choice->next = attune_xml_dup_attribute (element, "next");
  choice->mood = int_attribute (element, "mood");
  choice->line = (guint) xmlGetLineNo (element);

  for (xmlNode *child = element->children; child != NULL; child = child->next)
    {
      if (attune_xml_is_element (child, "reply"))
        choice->reply = attune_xml_dup_translated (child, NULL);
      else if (attune_xml_is_element (child, "feedback"))
        choice->feedback = attune_xml_dup_translated (child, NULL);
      else if (attune_xml_is_element (child, "evidence"))
        {
          AttuneEvidence *evidence = g_new0 (AttuneEvidence, 1);

          evidence->strategy = attune_xml_dup_attribute (child, "strategy");
          evidence->weight = int_attribute (child, "weight");
          evidence->line = (guint) xmlGetLineNo (child);
          g_ptr_array_add (choice->evidence, evidence);
        }
    }
  return choice;
}

static AttuneScenarioNode *
read_node (xmlNode *element)
{
  AttuneScenarioNode *node = g_new0 (AttuneScenarioNode, 1);

  node->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_free);
  node->id = attune_xml_dup_attribute (element, "id");
  node->line = (guint) xmlGetLineNo (element);

  for (xmlNode *child = element->children; child != NULL; child = child->next)
    {
      if (attune_xml_is_element (child, "cue"))
        node->cue = attune_xml_dup_translated (child, "stage direction");
      else if (attune_xml_is_element (child, "line"))
        node->text = attune_xml_dup_translated (child, NULL);
      else if (attune_xml_is_element (child, "choice"))
        g_ptr_array_add (node->choices, read_choice (child));
    }
  return node;
}

/* The one table of outcome ids, as in the scenario format and the store. */
static const char *outcome_ids[] = { "resolved", "partly-resolved", "escalated", "lost" };
G_STATIC_ASSERT (G_N_ELEMENTS (outcome_ids) == ATTUNE_N_OUTCOMES);

/* "resolved", "partly-resolved", "escalated" or "lost". */
const char *
attune_outcome_get_id (AttuneOutcome outcome)
{
  g_return_val_if_fail (outcome < ATTUNE_N_OUTCOMES, NULL);
  return outcome_ids[outcome];
}

/* The outcome with id @id; %FALSE (and @outcome untouched) for any other
 * string, such as "abandoned". */
gboolean
attune_outcome_from_id (const char    *id,
                        AttuneOutcome *outcome)
{
  for (guint i = 0; i < G_N_ELEMENTS (outcome_ids); i++)
    if (g_strcmp0 (id, outcome_ids[i]) == 0)
      {
        *outcome = i;
        return TRUE;
      }
  return FALSE;
}

static AttuneOutcome
parse_outcome (const char *name)
{
  AttuneOutcome outcome = ATTUNE_OUTCOME_LOST;

  attune_outcome_from_id (name, &outcome);
  return outcome;
}

static AttuneScenarioEnding *
read_ending (xmlNode *element)
{
  AttuneScenarioEnding *ending = g_new0 (AttuneScenarioEnding, 1);
  g_autofree char *outcome = attune_xml_dup_attribute (element, "outcome");

  ending->id = attune_xml_dup_attribute (element, "id");
  ending->outcome = parse_outcome (outcome);
  ending->line = (guint) xmlGetLineNo (element);

  for (xmlNode *child = element->children; child != NULL; child = child->next)
    {
      if (attune_xml_is_element (child, "line"))
        ending->text = attune_xml_dup_translated (child, NULL);
      else if (attune_xml_is_element (child, "debrief"))
        ending->debrief = attune_xml_dup_translated (child, NULL);
    }
  return ending;
}

static AttuneSituation
parse_situation (const char *name)
{
  static const char *names[] = { "third-party", "our-responsibility", "personal-matter", "general" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i]) == 0)
      return i;
  return ATTUNE_SITUATION_GENERAL;
}

/**
 * attune_scenario_new_from_xml:
 * @root: the <scenario> element of a document that passed the schema
 * @file: the file it came from, for problem reports
 *
 * Builds the scenario. The first node or ending with a given id is the one
 * indexed; duplicates are left for the lint to report.
 */
AttuneScenario *
attune_scenario_new_from_xml (xmlNode    *root,
                              const char *file)
{
  AttuneScenario *self = g_object_new (ATTUNE_TYPE_SCENARIO, NULL);
  g_autofree char *situation = attune_xml_dup_attribute (root, "situation");

  self->id = attune_xml_dup_attribute (root, "id");
  self->file = g_strdup (file);
  self->line = (guint) xmlGetLineNo (root);
  self->situation = parse_situation (situation);
  self->difficulty = (guint) CLAMP (int_attribute (root, "difficulty"), 1, 3);
  self->start_mood = int_attribute (root, "mood");
  self->start_id = attune_xml_dup_attribute (root, "start");

  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (attune_xml_is_element (child, "title"))
        self->title = attune_xml_dup_translated (child, "scenario title");
      else if (attune_xml_is_element (child, "summary"))
        self->summary = attune_xml_dup_translated (child, NULL);
      else if (attune_xml_is_element (child, "customer"))
        {
          for (xmlNode *part = child->children; part != NULL; part = part->next)
            {
              if (attune_xml_is_element (part, "name"))
                self->customer_name = attune_xml_dup_translated (part, "customer name");
              else if (attune_xml_is_element (part, "about"))
                self->customer_about = attune_xml_dup_translated (part, NULL);
            }
        }
      else if (attune_xml_is_element (child, "practises"))
        {
          AttuneReference *ref = g_new0 (AttuneReference, 1);

          ref->id = attune_xml_dup_attribute (child, "strategy");
          ref->line = (guint) xmlGetLineNo (child);
          g_ptr_array_add (self->practises, ref);
        }
      else if (attune_xml_is_element (child, "trainer-notes"))
        {
          g_autoptr(GStrvBuilder) notes = g_strv_builder_new ();

          for (xmlNode *p = child->children; p != NULL; p = p->next)
            if (attune_xml_is_element (p, "p"))
              strv_builder_take (notes, attune_xml_dup_translated (p, NULL));
          g_strfreev (self->trainer_notes);
          self->trainer_notes = g_strv_builder_end (notes);
        }
      else if (attune_xml_is_element (child, "node"))
        {
          AttuneScenarioNode *node = read_node (child);

          g_ptr_array_add (self->nodes, node);
          if (!g_hash_table_contains (self->node_index, node->id))
            g_hash_table_insert (self->node_index, node->id, node);
        }
      else if (attune_xml_is_element (child, "ending"))
        {
          AttuneScenarioEnding *ending = read_ending (child);

          g_ptr_array_add (self->endings, ending);
          if (!g_hash_table_contains (self->ending_index, ending->id))
            g_hash_table_insert (self->ending_index, ending->id, ending);
        }
    }

  return self;
}

#define GETTER(type, name) \
  type attune_scenario_get_##name (AttuneScenario *self) \
  { \
    g_return_val_if_fail (ATTUNE_IS_SCENARIO (self), (type) 0); \
    return self->name; \
  }

GETTER (const char *, id)
GETTER (const char *, file)
GETTER (guint, line)
GETTER (AttuneSituation, situation)
GETTER (guint, difficulty)
GETTER (int, start_mood)
GETTER (const char *, start_id)
GETTER (const char *, title)
GETTER (const char *, summary)
GETTER (const char *, customer_name)
GETTER (const char *, customer_about)
GETTER (GPtrArray *, practises)
GETTER (GPtrArray *, nodes)
GETTER (GPtrArray *, endings)

const char * const *
attune_scenario_get_trainer_notes (AttuneScenario *self)
{
  g_return_val_if_fail (ATTUNE_IS_SCENARIO (self), NULL);
  return (const char * const *) self->trainer_notes;
}

AttuneScenarioNode *
attune_scenario_find_node (AttuneScenario *self,
                           const char     *id)
{
  g_return_val_if_fail (ATTUNE_IS_SCENARIO (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->node_index, id) : NULL;
}

AttuneScenarioEnding *
attune_scenario_find_ending (AttuneScenario *self,
                             const char     *id)
{
  g_return_val_if_fail (ATTUNE_IS_SCENARIO (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->ending_index, id) : NULL;
}

/* Whether the scenario lists @strategy among those it trains. */
gboolean
attune_scenario_practises (AttuneScenario *self,
                           const char     *strategy)
{
  g_return_val_if_fail (ATTUNE_IS_SCENARIO (self), FALSE);

  for (guint i = 0; i < self->practises->len; i++)
    {
      AttuneReference *ref = g_ptr_array_index (self->practises, i);

      if (g_strcmp0 (ref->id, strategy) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Easiest first, then by title. */
int
attune_scenario_compare (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  AttuneScenario *sa = (AttuneScenario *) a;
  AttuneScenario *sb = (AttuneScenario *) b;

  g_autofree char *ka = NULL, *kb = NULL;

  if (sa->difficulty != sb->difficulty)
    return sa->difficulty < sb->difficulty ? -1 : 1;
  /* Natural order: "Call 2" before "Call 11", as people count. */
  ka = g_utf8_collate_key_for_filename (sa->title, -1);
  kb = g_utf8_collate_key_for_filename (sb->title, -1);
  return strcmp (ka, kb);
}

/* The sum of a reply's evidence weights: what it showed less what it
 * missed. The best reply at a decision is the one with the highest. */
int
attune_choice_get_net_weight (AttuneChoice *choice)
{
  int total = 0;

  for (guint k = 0; k < choice->evidence->len; k++)
    total += ((AttuneEvidence *) g_ptr_array_index (choice->evidence, k))->weight;
  return total;
}

static gboolean
has_evidence_of_sign (AttuneChoice *choice,
                      int           sign)
{
  for (guint k = 0; k < choice->evidence->len; k++)
    if (((AttuneEvidence *) g_ptr_array_index (choice->evidence, k))->weight * sign > 0)
      return TRUE;
  return FALSE;
}

gboolean
attune_choice_has_positive_evidence (AttuneChoice *choice)
{
  return has_evidence_of_sign (choice, 1);
}

gboolean
attune_choice_has_negative_evidence (AttuneChoice *choice)
{
  return has_evidence_of_sign (choice, -1);
}

/**
 * attune_scenario_node_get_best_choice:
 * @unique: (out) (optional): %FALSE when another reply has the same weight
 *
 * The authored index of the reply with the highest net evidence weight;
 * on a tie, the first of them.
 */
guint
attune_scenario_node_get_best_choice (AttuneScenarioNode *node,
                                      gboolean           *unique)
{
  guint best = 0;
  int best_weight = G_MININT;
  gboolean tie = FALSE;

  for (guint i = 0; i < node->choices->len; i++)
    {
      int weight = attune_choice_get_net_weight (g_ptr_array_index (node->choices, i));

      if (weight > best_weight)
        {
          best = i;
          best_weight = weight;
          tie = FALSE;
        }
      else if (weight == best_weight)
        tie = TRUE;
    }
  if (unique != NULL)
    *unique = !tie;
  return best;
}

/* Strong (a best reply), partly right (not the best but it shows some
 * strategy), or weak (it shows none). Replies tied for best are all strong. */
AttuneReplyQuality
attune_scenario_node_get_quality (AttuneScenarioNode *node,
                                  guint               index)
{
  AttuneChoice *choice = g_ptr_array_index (node->choices, index);
  AttuneChoice *best = g_ptr_array_index (node->choices, attune_scenario_node_get_best_choice (node, NULL));

  if (attune_choice_get_net_weight (choice) == attune_choice_get_net_weight (best))
    return ATTUNE_REPLY_STRONG;
  if (attune_choice_has_positive_evidence (choice))
    return ATTUNE_REPLY_PARTLY;
  return ATTUNE_REPLY_WEAK;
}

const char *
attune_situation_get_label (AttuneSituation situation)
{
  switch (situation)
    {
    case ATTUNE_SITUATION_THIRD_PARTY:
      return _("Someone else caused it, and we can help");
    case ATTUNE_SITUATION_OUR_RESPONSIBILITY:
      return _("The customer believes we are responsible");
    case ATTUNE_SITUATION_PERSONAL_MATTER:
      return _("The customer shares a personal matter");
    case ATTUNE_SITUATION_GENERAL:
      return C_("situation", "General");
    case ATTUNE_N_SITUATIONS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
attune_outcome_get_label (AttuneOutcome outcome)
{
  switch (outcome)
    {
    case ATTUNE_OUTCOME_RESOLVED:
      return C_("outcome", "Resolved");
    case ATTUNE_OUTCOME_PARTLY_RESOLVED:
      return C_("outcome", "Partly resolved");
    case ATTUNE_OUTCOME_ESCALATED:
      return C_("outcome", "Escalated");
    case ATTUNE_OUTCOME_LOST:
      return C_("outcome", "Customer lost");
    case ATTUNE_N_OUTCOMES:
    default:
      g_return_val_if_reached (NULL);
    }
}
