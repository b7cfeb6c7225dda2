/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneLesson: one empathy strategy, read from a lesson file that has
 * already passed the RELAX NG schema (see data/schemas/lesson.rng), so the
 * structure can be trusted here. Text is translated as it is read.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-lesson-private.h"
#include "attune-xml.h"

struct _AttuneLesson
{
  GObject parent_instance;

  char *id;
  char *file;
  guint line;
  AttuneLessonGroup group;
  guint order;
  char *title;
  char *summary;
  GStrv what;
  GStrv why;
  GStrv how_intro;
  GStrv steps;
  GPtrArray *works;
  GPtrArray *backfires;
  char *example_setting;
  GPtrArray *example_lines;
  char *example_comment;
  GPtrArray *related;
  GStrv sources;
  char *keywords;
};

G_DEFINE_FINAL_TYPE (AttuneLesson, attune_lesson, G_TYPE_OBJECT)

/* g_strv_builder_take() is GLib 2.80; we target 2.74. */
static void
strv_builder_take (GStrvBuilder *builder,
                   char         *text)
{
  g_strv_builder_add (builder, text);
  g_free (text);
}

static const char *group_names[] = {
  "foundations", "listening", "acknowledging", "resolving", "boundaries", "situations",
};
G_STATIC_ASSERT (G_N_ELEMENTS (group_names) == ATTUNE_N_LESSON_GROUPS);

static void
attune_phrase_free (AttunePhrase *phrase)
{
  g_free (phrase->say);
  g_free (phrase->reason);
  g_free (phrase);
}

static void
attune_example_line_free (AttuneExampleLine *line)
{
  g_free (line->text);
  g_free (line);
}

void
attune_reference_free (AttuneReference *ref)
{
  g_free (ref->id);
  g_free (ref);
}

static void
attune_lesson_finalize (GObject *object)
{
  AttuneLesson *self = ATTUNE_LESSON (object);

  g_free (self->id);
  g_free (self->file);
  g_free (self->title);
  g_free (self->summary);
  g_strfreev (self->what);
  g_strfreev (self->why);
  g_strfreev (self->how_intro);
  g_strfreev (self->steps);
  g_ptr_array_unref (self->works);
  g_ptr_array_unref (self->backfires);
  g_free (self->example_setting);
  g_ptr_array_unref (self->example_lines);
  g_free (self->example_comment);
  g_ptr_array_unref (self->related);
  g_strfreev (self->sources);
  g_free (self->keywords);

  G_OBJECT_CLASS (attune_lesson_parent_class)->finalize (object);
}

static void
attune_lesson_class_init (AttuneLessonClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attune_lesson_finalize;
}

static void
attune_lesson_init (AttuneLesson *self)
{
  self->works = g_ptr_array_new_with_free_func ((GDestroyNotify) attune_phrase_free);
  self->backfires = g_ptr_array_new_with_free_func ((GDestroyNotify) attune_phrase_free);
  self->example_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) attune_example_line_free);
  self->related = g_ptr_array_new_with_free_func ((GDestroyNotify) attune_reference_free);
}

/* Translated texts of every child element of @parent named @name. */
static GStrv
collect_texts (xmlNode    *parent,
               const char *name)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    if (attune_xml_is_element (child, name))
      strv_builder_take (builder, attune_xml_dup_translated (child, NULL));

  return g_strv_builder_end (builder);
}

static void
collect_phrases (xmlNode   *parent,
                 GPtrArray *into)
{
  for (xmlNode *phrase = parent->children; phrase != NULL; phrase = phrase->next)
    {
      AttunePhrase *item;

      if (!attune_xml_is_element (phrase, "phrase"))
        continue;

      item = g_new0 (AttunePhrase, 1);
      for (xmlNode *part = phrase->children; part != NULL; part = part->next)
        {
          if (attune_xml_is_element (part, "say"))
            item->say = attune_xml_dup_translated (part, NULL);
          else if (attune_xml_is_element (part, "reason"))
            item->reason = attune_xml_dup_translated (part, NULL);
        }
      g_ptr_array_add (into, item);
    }
}

static void
read_example (AttuneLesson *self,
              xmlNode      *example)
{
  for (xmlNode *child = example->children; child != NULL; child = child->next)
    {
      if (attune_xml_is_element (child, "setting"))
        self->example_setting = attune_xml_dup_translated (child, NULL);
      else if (attune_xml_is_element (child, "comment"))
        self->example_comment = attune_xml_dup_translated (child, NULL);
      else if (attune_xml_is_element (child, "line"))
        {
          AttuneExampleLine *line = g_new0 (AttuneExampleLine, 1);
          g_autofree char *speaker = attune_xml_dup_attribute (child, "speaker");

          line->from_customer = g_strcmp0 (speaker, "customer") == 0;
          line->text = attune_xml_dup_translated (child, NULL);
          g_ptr_array_add (self->example_lines, line);
        }
    }
}

static AttuneLessonGroup
parse_group (const char *name)
{
  for (guint i = 0; i < ATTUNE_N_LESSON_GROUPS; i++)
    if (g_strcmp0 (name, group_names[i]) == 0)
      return i;
  return ATTUNE_LESSON_GROUP_FOUNDATIONS;
}

/**
 * attune_lesson_new_from_xml:
 * @root: the <lesson> element of a document that passed the schema
 * @file: the file it came from, for problem reports
 *
 * Builds the lesson. Cross-references (related lessons) are checked later
 * by the lint, once every file is loaded.
 */
AttuneLesson *
attune_lesson_new_from_xml (xmlNode    *root,
                            const char *file)
{
  AttuneLesson *self = g_object_new (ATTUNE_TYPE_LESSON, NULL);
  g_autoptr(GStrvBuilder) sources = g_strv_builder_new ();
  g_autofree char *group = attune_xml_dup_attribute (root, "group");
  g_autofree char *order = attune_xml_dup_attribute (root, "order");

  self->id = attune_xml_dup_attribute (root, "id");
  self->file = g_strdup (file);
  self->line = (guint) xmlGetLineNo (root);
  self->group = parse_group (group);
  self->order = order != NULL ? (guint) g_ascii_strtoull (order, NULL, 10) : G_MAXUINT;

  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (attune_xml_is_element (child, "title"))
        self->title = attune_xml_dup_translated (child, "lesson title");
      else if (attune_xml_is_element (child, "summary"))
        self->summary = attune_xml_dup_translated (child, NULL);
      else if (attune_xml_is_element (child, "what"))
        self->what = collect_texts (child, "p");
      else if (attune_xml_is_element (child, "why"))
        self->why = collect_texts (child, "p");
      else if (attune_xml_is_element (child, "how"))
        {
          self->how_intro = collect_texts (child, "p");
          self->steps = collect_texts (child, "step");
        }
      else if (attune_xml_is_element (child, "works"))
        collect_phrases (child, self->works);
      else if (attune_xml_is_element (child, "backfires"))
        collect_phrases (child, self->backfires);
      else if (attune_xml_is_element (child, "example"))
        read_example (self, child);
      else if (attune_xml_is_element (child, "related"))
        {
          AttuneReference *ref = g_new0 (AttuneReference, 1);

          ref->id = attune_xml_dup_attribute (child, "ref");
          ref->line = (guint) xmlGetLineNo (child);
          g_ptr_array_add (self->related, ref);
        }
      else if (attune_xml_is_element (child, "source"))
        /* Article titles are cited as published, not translated. */
        strv_builder_take (sources, attune_xml_dup_text (child));
      else if (attune_xml_is_element (child, "keywords"))
        self->keywords = attune_xml_dup_translated (child, "search keywords");
    }

  self->sources = g_strv_builder_end (sources);
  return self;
}

#define GETTER(type, name) \
  type attune_lesson_get_##name (AttuneLesson *self) \
  { \
    g_return_val_if_fail (ATTUNE_IS_LESSON (self), (type) 0); \
    return self->name; \
  }

GETTER (const char *, id)
GETTER (const char *, file)
GETTER (guint, line)
GETTER (AttuneLessonGroup, group)
GETTER (guint, order)
GETTER (const char *, title)
GETTER (const char *, summary)
GETTER (GPtrArray *, works)
GETTER (GPtrArray *, backfires)
GETTER (const char *, example_setting)
GETTER (GPtrArray *, example_lines)
GETTER (const char *, example_comment)
GETTER (GPtrArray *, related)
GETTER (const char *, keywords)

#define STRV_GETTER(name) \
  const char * const *attune_lesson_get_##name (AttuneLesson *self) \
  { \
    g_return_val_if_fail (ATTUNE_IS_LESSON (self), NULL); \
    return (const char * const *) self->name; \
  }

STRV_GETTER (what)
STRV_GETTER (why)
STRV_GETTER (how_intro)
STRV_GETTER (steps)
STRV_GETTER (sources)

/* Orders lessons as the curriculum reads: by group, then order, then title. */
int
attune_lesson_compare (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  AttuneLesson *la = (AttuneLesson *) a;
  AttuneLesson *lb = (AttuneLesson *) b;

  if (la->group != lb->group)
    return la->group < lb->group ? -1 : 1;
  if (la->order != lb->order)
    return la->order < lb->order ? -1 : 1;
  return g_utf8_collate (la->title, lb->title);
}

const char *
attune_lesson_group_to_string (AttuneLessonGroup group)
{
  g_return_val_if_fail (group < ATTUNE_N_LESSON_GROUPS, NULL);
  return group_names[group];
}

const char *
attune_lesson_group_get_label (AttuneLessonGroup group)
{
  switch (group)
    {
    case ATTUNE_LESSON_GROUP_FOUNDATIONS:
      return C_("lesson group", "Foundations");
    case ATTUNE_LESSON_GROUP_LISTENING:
      return C_("lesson group", "Listening");
    case ATTUNE_LESSON_GROUP_ACKNOWLEDGING:
      return C_("lesson group", "Acknowledging");
    case ATTUNE_LESSON_GROUP_RESOLVING:
      return C_("lesson group", "Resolving");
    case ATTUNE_LESSON_GROUP_BOUNDARIES:
      return C_("lesson group", "Boundaries and Self");
    case ATTUNE_LESSON_GROUP_SITUATIONS:
      return C_("lesson group", "The Three Situations");
    case ATTUNE_N_LESSON_GROUPS:
    default:
      g_return_val_if_reached (NULL);
    }
}
