/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain words for what is wrong with a file, in the format guide's own
 * terms (data/scenarios/README.md), instead of libxml2's.
 *
 *  - Before parsing: files saved as UTF-16, in Windows-1252, or by a word
 *    processor (.docx, .odt, .rtf, .doc) are recognised, and the message
 *    says how to save them properly.
 *  - Parser errors: the first error is the one reported (later ones are
 *    usually consequences), with typographic quotes around attribute
 *    values, stray ampersands and unknown entities named as such.
 *  - Schema errors: RELAX NG stays the authority on validity, but when it
 *    rejects a file the document is walked against a table that mirrors
 *    data/schemas/scenario.rng or lesson.rng, which can name the element,
 *    the attribute, the allowed values or limits and the exact line.
 *    libxml2's own messages are used only when the table finds nothing,
 *    and then only the first, so a cascade such as "Expecting element
 *    line, got cue" never reaches the trainer.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libxml/parser.h>

#include "attune-problem.h"
#include "attune-xml-explain.h"

static gboolean
is_blank (const xmlChar *text)
{
  for (const xmlChar *p = text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static guint
line_at (const char *data,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

static gboolean
has_prefix (const char *data,
            gsize       length,
            const char *magic,
            gsize       magic_length)
{
  return length >= magic_length && memcmp (data, magic, magic_length) == 0;
}

/**
 * _attune_xml_explain_bytes:
 *
 * Recognises files that are not UTF-8 text at all. Returns %TRUE, with a
 * problem added, when @data is one of them.
 */
gboolean
_attune_xml_explain_bytes (const char *data,
                           gsize       length,
                           const char *display_name,
                           GPtrArray  *problems)
{
  const char *invalid = NULL;

  if (has_prefix (data, length, "PK\003\004", 4))
    {
      attune_problems_add (problems, display_name, 0,
                           _("This is a word-processor document (such as .docx or .odt), not a plain-text XML file. Open the XML in a plain-text editor (gedit, Notepad, VS Code), or use Save As with the format “Plain Text”, the UTF-8 encoding and a name ending in .xml."));
      return TRUE;
    }
  if (has_prefix (data, length, "{\\rtf", 5))
    {
      attune_problems_add (problems, display_name, 0,
                           _("This is a Rich Text (RTF) document, not a plain-text XML file. Use Save As with the format “Plain Text”, the UTF-8 encoding and a name ending in .xml, or write the file in a plain-text editor."));
      return TRUE;
    }
  if (has_prefix (data, length, "\320\317\021\340", 4))
    {
      attune_problems_add (problems, display_name, 0,
                           _("This is a Word document (.doc), not a plain-text XML file. Use Save As with the format “Plain Text”, the UTF-8 encoding and a name ending in .xml."));
      return TRUE;
    }
  if (has_prefix (data, length, "\377\376", 2) || has_prefix (data, length, "\376\377", 2) ||
      (length >= 4 && ((data[0] == '<' && data[1] == '\0') || (data[0] == '\0' && data[1] == '<'))))
    {
      attune_problems_add (problems, display_name, 0,
                           _("The file is saved as UTF-16 (“Unicode” in some editors). Save it again with the UTF-8 encoding."));
      return TRUE;
    }
  if (!g_utf8_validate (data, (gssize) length, &invalid))
    {
      gsize offset = (gsize) (invalid - data);
      guchar byte = (guchar) data[offset];

      if (byte >= 0x80 && byte <= 0x9f)
        attune_problems_add (problems, display_name, line_at (data, offset),
                             /* Translators: %02X is a byte value in hexadecimal */
                             _("The file is not saved as UTF-8: byte 0x%02X here looks like a Windows (“ANSI”, Windows-1252) typographic quote or dash. Save the file again with the UTF-8 encoding."),
                             byte);
      else
        attune_problems_add (problems, display_name, line_at (data, offset),
                             _("The file is not valid UTF-8 text. Save it again with the UTF-8 encoding."));
      return TRUE;
    }
  return FALSE;
}

/* The text of line @line (1-based), without its newline. */
static char *
dup_line (const char *data,
          gsize       length,
          guint       line)
{
  const char *p = data, *end = data + length;

  for (guint l = 1; l < line && p < end; p++)
    if (*p == '\n')
      l++;
  {
    const char *stop = memchr (p, '\n', (gsize) (end - p));

    return g_strndup (p, (gsize) ((stop != NULL ? stop : end) - p));
  }
}

static gboolean
line_has_smart_quoted_attribute (const char *text)
{
  static const char *quotes[] = { "=“", "=”", "=‘", "=’", "= “", "= ”", "=„", "=«", "=»" };

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    if (strstr (text, quotes[i]) != NULL)
      return TRUE;
  return FALSE;
}

/**
 * _attune_xml_explain_parse_error:
 * @error: the parser's first error
 *
 * Adds one problem for a file that is not well-formed.
 */
void
_attune_xml_explain_parse_error (const xmlError *error,
                                 const char     *data,
                                 gsize           length,
                                 const char     *display_name,
                                 GPtrArray      *problems)
{
  guint line = error != NULL && error->line > 0 ? (guint) error->line : 0;
  g_autofree char *text = line > 0 ? dup_line (data, length, line) : g_strdup ("");
  g_autofree char *detail = g_strstrip (g_strdup (error != NULL && error->message != NULL ? error->message : ""));
  int code = error != NULL ? error->code : XML_ERR_INTERNAL_ERROR;

  if (line_has_smart_quoted_attribute (text))
    {
      attune_problems_add (problems, display_name, line,
                           _("An attribute value on this line is in typographic quotes (“…” or ‘…’). XML needs straight quotes, as in next=\"opening\". Word processors and AutoCorrect change them: replace them, and write the file in a plain-text editor."));
      return;
    }

  switch (code)
    {
    case XML_ERR_ATTRIBUTE_NOT_STARTED:
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
      attune_problems_add (problems, display_name, line,
                           _("An attribute needs a value in straight quotes, as in mood=\"-1\"."));
      return;
    case XML_ERR_TAG_NAME_MISMATCH:
      attune_problems_add (problems, display_name, line,
                           /* Translators: the %s are element names, %d the line where the first was opened */
                           _("The end tag </%s> does not match <%s>, opened at line %d. Close the elements in the reverse order you opened them."),
                           error->str2 != NULL ? error->str2 : "?", error->str1 != NULL ? error->str1 : "?", error->int1);
      return;
    case XML_ERR_TAG_NOT_FINISHED:
      attune_problems_add (problems, display_name, line,
                           /* Translators: %s is an element name, %d the line where it was opened */
                           _("The file ends before <%s> (opened at line %d) is closed. Add </%s>, or check that the file was saved completely."),
                           error->str1 != NULL ? error->str1 : "?", error->int1, error->str1 != NULL ? error->str1 : "?");
      return;
    case XML_ERR_NAME_REQUIRED:
    case XML_ERR_ENTITYREF_SEMICOL_MISSING:
      attune_problems_add (problems, display_name, line,
                           _("An ampersand (&) must be written &amp; in XML. The only entities allowed are &amp; &lt; &gt; &quot; and &apos;."));
      return;
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
      attune_problems_add (problems, display_name, line,
                           /* Translators: %s is an entity name such as nbsp */
                           _("“&%s;” is not allowed: the only entities are &amp; &lt; &gt; &quot; and &apos;. Type the character itself instead."),
                           error->str1 != NULL ? error->str1 : "?");
      return;
    case XML_ERR_DOCUMENT_END:
      attune_problems_add (problems, display_name, line,
                           _("There is more in the file after the closing tag of the root element. A file holds one <scenario> (or <lesson>); remove what follows it."));
      return;
    case XML_ERR_DOCUMENT_EMPTY:
      attune_problems_add (problems, display_name, line,
                           _("This does not look like XML: the file must start with <?xml version=\"1.0\" encoding=\"UTF-8\"?> and then the <scenario> or <lesson> element."));
      return;
    case XML_ERR_HYPHEN_IN_COMMENT:
    case XML_ERR_COMMENT_NOT_FINISHED:
      attune_problems_add (problems, display_name, line,
                           _("A comment must end with --> and must not contain two hyphens in a row (--) inside it."));
      return;
    case XML_ERR_RESERVED_XML_NAME:
      attune_problems_add (problems, display_name, line,
                           _("The declaration <?xml … ?> must be the very first thing in the file: remove any blank lines or spaces before it."));
      return;
    case XML_ERR_LT_IN_ATTRIBUTE:
      attune_problems_add (problems, display_name, line,
                           _("An attribute value contains “<”, or its closing quote is missing. Check the quotes on this line."));
      return;
    case XML_ERR_ATTRIBUTE_REDEFINED:
      attune_problems_add (problems, display_name, line,
                           /* Translators: %s is an attribute name */
                           _("The attribute %s is given twice on one element. Keep one."),
                           error->str1 != NULL ? error->str1 : "?");
      return;
    default:
      break;
    }

  if (strstr (detail, "Excessive depth") != NULL)
    attune_problems_add (problems, display_name, line,
                         _("Elements are nested too deeply (more than 256 levels)."));
  else
    attune_problems_add (problems, display_name, line,
                         /* Translators: %s is the XML parser's own (English) description */
                         _("The file is not well-formed XML: %s"), detail);
}

/* ---- The schema, as a table ------------------------------------------- */

typedef enum
{
  VALUE_IDENT,
  VALUE_CHOICE,
  VALUE_INTEGER,
  VALUE_COUNT,           /* a whole number, 0 or more */
  VALUE_TEXT,
} ValueKind;

typedef struct
{
  const char *name;
  gboolean required;
  ValueKind kind;
  const char *choices;   /* VALUE_CHOICE: "a b c" */
  int min, max;          /* VALUE_INTEGER */
} AttributeRule;

typedef struct
{
  const char *names;     /* "node" or "node ending" for a mixed group */
  guint min, max;        /* max 0 for unbounded */
} ChildRule;

typedef struct
{
  const char *name;              /* "parent/name" where the parent decides */
  gboolean text;                 /* holds plain, non-empty text */
  AttributeRule attributes[6];
  ChildRule children[12];
  const char *describe;          /* what it contains, in the guide's words */
} ElementRule;

#define NOTE { "note", FALSE, VALUE_TEXT, NULL, 0, 0 }
#define TEXT_ELEMENT(n) { n, TRUE, { NOTE }, { { NULL } }, NULL }

static const ElementRule scenario_rules[] = {
  { "scenario", FALSE,
    { { "id", TRUE, VALUE_IDENT }, { "situation", TRUE, VALUE_CHOICE, "third-party our-responsibility personal-matter general" },
      { "difficulty", TRUE, VALUE_CHOICE, "1 2 3" }, { "start", TRUE, VALUE_IDENT },
      { "mood", TRUE, VALUE_INTEGER, NULL, -5, 5 } },
    { { "title", 1, 1 }, { "summary", 1, 1 }, { "customer", 1, 1 }, { "practises", 1, 0 },
      { "trainer-notes", 0, 1 }, { "node ending", 1, 0 } },
    N_("<title>, <summary>, <customer>, one or more <practises>, an optional <trainer-notes>, then the <node> and <ending> elements") },
  { "customer", FALSE, { { "gender", FALSE, VALUE_CHOICE, "feminine masculine unspecified" } },
    { { "name", 1, 1 }, { "about", 1, 1 } }, N_("a <name>, then an <about>") },
  { "practises", FALSE, { { "strategy", TRUE, VALUE_IDENT } }, { { NULL } }, NULL },
  { "trainer-notes", FALSE, { { NULL } }, { { "p", 1, 0 } }, N_("one or more <p>") },
  { "node", FALSE, { { "id", TRUE, VALUE_IDENT } },
    { { "cue", 0, 1 }, { "line", 1, 1 }, { "choice", 2, 4 } },
    N_("an optional <cue>, one <line>, then 2 to 4 <choice>") },
  { "choice", FALSE,
    { { "next", TRUE, VALUE_IDENT }, { "mood", TRUE, VALUE_INTEGER, NULL, -5, 5 } },
    { { "reply", 1, 1 }, { "feedback", 1, 1 }, { "evidence", 1, 0 } },
    N_("a <reply>, a <feedback>, then one or more <evidence>") },
  { "evidence", FALSE,
    { { "strategy", TRUE, VALUE_IDENT }, { "weight", TRUE, VALUE_INTEGER, NULL, -3, 3 } },
    { { NULL } }, NULL },
  { "ending", FALSE,
    { { "id", TRUE, VALUE_IDENT }, { "outcome", TRUE, VALUE_CHOICE, "resolved partly-resolved escalated lost" } },
    { { "line", 0, 1 }, { "debrief", 1, 1 } },
    N_("an optional <line>, then a <debrief>") },
  TEXT_ELEMENT ("title"), TEXT_ELEMENT ("summary"), TEXT_ELEMENT ("name"), TEXT_ELEMENT ("about"),
  TEXT_ELEMENT ("p"), TEXT_ELEMENT ("cue"), TEXT_ELEMENT ("line"), TEXT_ELEMENT ("reply"),
  TEXT_ELEMENT ("feedback"), TEXT_ELEMENT ("debrief"),
};

#define SPEAKER { "speaker", TRUE, VALUE_CHOICE, "customer agent" }

/* data/schemas/lesson.rng, in the same terms. */
static const ElementRule lesson_rules[] = {
  { "lesson", FALSE,
    { { "id", TRUE, VALUE_IDENT },
      { "group", TRUE, VALUE_CHOICE, "foundations listening acknowledging resolving boundaries situations" },
      { "order", FALSE, VALUE_COUNT } },
    { { "title", 1, 1 }, { "summary", 1, 1 }, { "what", 1, 1 }, { "why", 1, 1 }, { "how", 1, 1 },
      { "works", 1, 1 }, { "backfires", 1, 1 }, { "example", 1, 1 }, { "related", 0, 0 },
      { "source", 1, 0 }, { "keywords", 1, 1 } },
    N_("<title>, <summary>, <what>, <why>, <how>, <works>, <backfires>, <example>, any <related>, one or more <source>, then <keywords>") },
  { "what", FALSE, { { NULL } }, { { "p", 1, 0 } }, N_("one or more <p>") },
  { "why", FALSE, { { NULL } }, { { "p", 1, 0 } }, N_("one or more <p>") },
  { "how", FALSE, { { NULL } }, { { "p", 0, 0 }, { "step", 1, 0 } }, N_("any <p>, then one or more <step>") },
  { "works", FALSE, { { NULL } }, { { "phrase", 1, 0 } }, N_("one or more <phrase>") },
  { "backfires", FALSE, { { NULL } }, { { "phrase", 1, 0 } }, N_("one or more <phrase>") },
  { "works/phrase", FALSE, { { NULL } }, { { "say", 1, 1 }, { "reason", 0, 1 } },
    N_("a <say>, then an optional <reason>") },
  { "backfires/phrase", FALSE, { { NULL } }, { { "say", 1, 1 }, { "reason", 1, 1 } },
    N_("a <say>, then a <reason>") },
  { "example", FALSE, { { NULL } }, { { "setting", 0, 1 }, { "line", 1, 0 }, { "comment", 0, 1 } },
    N_("an optional <setting>, one or more <line>, then an optional <comment>") },
  { "line", TRUE, { SPEAKER, NOTE }, { { NULL } }, NULL },
  { "related", FALSE, { { "ref", TRUE, VALUE_IDENT } }, { { NULL } }, NULL },
  /* A source is plain text, without a translator's note. */
  { "source", TRUE, { { NULL } }, { { NULL } }, NULL },
  TEXT_ELEMENT ("title"), TEXT_ELEMENT ("summary"), TEXT_ELEMENT ("p"), TEXT_ELEMENT ("step"),
  TEXT_ELEMENT ("say"), TEXT_ELEMENT ("reason"), TEXT_ELEMENT ("setting"), TEXT_ELEMENT ("comment"),
  TEXT_ELEMENT ("keywords"),
};

typedef struct
{
  const char *source;
  gsize length;
  const char *display_name;
  GPtrArray *problems;
  const ElementRule *rules;
  guint n_rules;
} Explain;

/* The rule for @element: one for it inside its parent, else its own. */
static const ElementRule *
find_rule (Explain *x,
           xmlNode *element)
{
  const char *name = (const char *) element->name;
  const ElementRule *plain = NULL;

  for (guint i = 0; i < x->n_rules; i++)
    {
      const char *rule = x->rules[i].name;
      const char *slash = strchr (rule, '/');

      if (slash == NULL && g_str_equal (rule, name))
        plain = &x->rules[i];
      else if (slash != NULL && g_str_equal (slash + 1, name) && element->parent != NULL &&
               element->parent->type == XML_ELEMENT_NODE &&
               strncmp (rule, (const char *) element->parent->name, (gsize) (slash - rule)) == 0 &&
               element->parent->name[slash - rule] == '\0')
        return &x->rules[i];
    }
  return plain;
}


/* libxml2 gives an element the line where its start tag ends; an
 * attribute is found on the line that holds it, searching back from there
 * to the line of the "<name". */
static guint
attribute_line (Explain    *x,
                xmlNode    *element,
                const char *attribute)
{
  guint end_line = (guint) xmlGetLineNo (element);
  g_autofree char *needle = g_strdup_printf ("%s=", attribute);
  g_autofree char *opening = g_strdup_printf ("<%s", (const char *) element->name);

  if (x->source == NULL || end_line == 0)
    return end_line;
  for (guint line = end_line; line > 0 && line + 20 > end_line; line--)
    {
      g_autofree char *text = dup_line (x->source, x->length, line);
      g_autofree char *squeezed = g_strdup (text);
      char *out = squeezed;

      for (const char *in = text; *in != '\0'; in++)
        if (*in != ' ' && *in != '\t')
          *out++ = *in;
      *out = '\0';
      if (strstr (squeezed, needle) != NULL)
        return line;
      if (strstr (text, opening) != NULL)
        break;
    }
  return end_line;
}

static char *
list_choices (const char *choices)
{
  g_auto(GStrv) words = g_strsplit (choices, " ", -1);

  return g_strjoinv (", ", words);
}

static gboolean
is_ident (const char *value)
{
  gsize length = strlen (value);
  gboolean after_hyphen = TRUE;

  if (length == 0 || length > 64)
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '-')
        {
          if (after_hyphen)
            return FALSE;
          after_hyphen = TRUE;
        }
      else if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
        after_hyphen = FALSE;
      else
        return FALSE;
    }
  return !after_hyphen;
}

static gboolean
parse_integer (const char *value,
               int        *result)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (value));
  gint64 number;

  if (!g_ascii_string_to_signed (trimmed[0] == '+' ? trimmed + 1 : trimmed, 10, G_MININT, G_MAXINT, &number, NULL))
    return FALSE;
  *result = (int) number;
  return TRUE;
}

static void
check_attributes (Explain           *x,
                  xmlNode           *element,
                  const ElementRule *rule)
{
  const char *name = (const char *) element->name;

  for (xmlAttr *attr = element->properties; attr != NULL; attr = attr->next)
    {
      const AttributeRule *found = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (rule->attributes) && rule->attributes[i].name != NULL; i++)
        if (g_str_equal (rule->attributes[i].name, (const char *) attr->name))
          found = &rule->attributes[i];
      if (found == NULL || attr->ns != NULL)
        {
          g_autoptr(GString) allowed = g_string_new (NULL);

          for (guint i = 0; i < G_N_ELEMENTS (rule->attributes) && rule->attributes[i].name != NULL; i++)
            g_string_append_printf (allowed, "%s%s", allowed->len > 0 ? ", " : "", rule->attributes[i].name);
          if (allowed->len == 0)
            attune_problems_add (x->problems, x->display_name, attribute_line (x, element, (const char *) attr->name),
                                 /* Translators: the first %s is an element name, the second an attribute name */
                                 _("<%s> has no attributes, so “%s” is not allowed here."), name, (const char *) attr->name);
          else
            attune_problems_add (x->problems, x->display_name, attribute_line (x, element, (const char *) attr->name),
                                 /* Translators: %s: an element name, an attribute name, then the list of allowed attributes */
                                 _("<%s> has no attribute “%s”. Its attributes are: %s."), name, (const char *) attr->name, allowed->str);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (rule->attributes) && rule->attributes[i].name != NULL; i++)
    {
      const AttributeRule *a = &rule->attributes[i];
      xmlChar *raw = xmlGetNoNsProp (element, (const xmlChar *) a->name);
      g_autofree char *value = g_strdup ((const char *) raw);
      guint line;
      int number;

      xmlFree (raw);
      if (value == NULL)
        {
          if (a->required && a->kind == VALUE_CHOICE)
            {
              g_autofree char *allowed = list_choices (a->choices);

              attune_problems_add (x->problems, x->display_name, (guint) xmlGetLineNo (element),
                                   /* Translators: an element name, an attribute name, the allowed values */
                                   _("<%s> needs the attribute %s, with one of: %s."), name, a->name, allowed);
            }
          else if (a->required)
            attune_problems_add (x->problems, x->display_name, (guint) xmlGetLineNo (element),
                                 /* Translators: an element name, then an attribute name */
                                 _("<%s> needs the attribute %s."), name, a->name);
          continue;
        }

      line = attribute_line (x, element, a->name);
      switch (a->kind)
        {
        case VALUE_IDENT:
          if (!is_ident (value))
            attune_problems_add (x->problems, x->display_name, line,
                                 /* Translators: an attribute name, an element name, then the value given */
                                 _("The %s of <%s> is “%s”, which is not an id: use lowercase letters and digits in words joined by single hyphens (such as missed-engineer), at most 64 characters."),
                                 a->name, name, value);
          break;
        case VALUE_CHOICE:
          {
            g_auto(GStrv) words = g_strsplit (a->choices, " ", -1);

            if (!g_strv_contains ((const char * const *) words, value))
              {
                g_autofree char *allowed = list_choices (a->choices);

                attune_problems_add (x->problems, x->display_name, line,
                                     /* Translators: an attribute name, an element name, the value given, then the allowed values */
                                     _("The %s of <%s> cannot be “%s”. Use one of: %s."),
                                     a->name, name, value, allowed);
              }
          }
          break;
        case VALUE_INTEGER:
          if (!parse_integer (value, &number) || number < a->min || number > a->max)
            attune_problems_add (x->problems, x->display_name, line,
                                 /* Translators: an attribute name, an element name, the lowest and highest values, then the value given */
                                 _("The %s of <%s> must be a whole number from %d to %d, not “%s”."),
                                 a->name, name, a->min, a->max, value);
          break;
        case VALUE_COUNT:
          if (!parse_integer (value, &number) || number < 0)
            attune_problems_add (x->problems, x->display_name, line,
                                 /* Translators: an attribute name, an element name, then the value given */
                                 _("The %s of <%s> must be a whole number, 0 or more, not “%s”."),
                                 a->name, name, value);
          break;
        case VALUE_TEXT:
        default:
          break;
        }
    }
}

static gboolean
names_match (const char *names,
             const char *name)
{
  g_auto(GStrv) words = g_strsplit (names, " ", -1);

  return g_strv_contains ((const char * const *) words, name);
}

static const char *
ordinal_or_count (guint n)
{
  static const char *words[] = { "", N_("first"), N_("second"), N_("third"), N_("fourth"), N_("fifth"),
                                 N_("sixth"), N_("seventh"), N_("eighth") };

  return n < G_N_ELEMENTS (words) ? _(words[n]) : NULL;
}

static void
report_too_few (Explain         *x,
                xmlNode         *element,
                const ChildRule *child,
                guint            count)
{
  const char *name = (const char *) element->name;
  g_auto(GStrv) names = g_strsplit (child->names, " ", -1);

  if (names[1] != NULL)
    attune_problems_add (x->problems, x->display_name, (guint) xmlGetLineNo (element),
                         _("<%s> needs at least one <%s> or <%s>."), name, names[0], names[1]);
  else if (child->min == 1 && child->max == 1)
    attune_problems_add (x->problems, x->display_name, (guint) xmlGetLineNo (element),
                         /* Translators: both %s are element names */
                         _("<%s> needs a <%s>."), name, child->names);
  else if (child->max == 0)
    attune_problems_add (x->problems, x->display_name, (guint) xmlGetLineNo (element),
                         /* Translators: both %s are element names */
                         _("<%s> needs at least one <%s>."), name, child->names);
  else
    attune_problems_add (x->problems, x->display_name, (guint) xmlGetLineNo (element),
                         /* Translators: %s: element names; %u: the limits and the number found */
                         ngettext ("<%s> needs %u to %u <%s> elements; this one has %u.",
                                   "<%s> needs %u to %u <%s> elements; this one has %u.", count),
                         name, child->min, child->max, child->names, count);
}

static void explain_element (Explain *x, xmlNode *element);

/* libxml2 gives a text node the line where it ends; stray text is
 * reported where it starts. */
static guint
text_line (xmlNode *text)
{
  const char *content = (const char *) text->content;
  guint newlines = 0;

  if (text->prev == NULL && text->parent != NULL)
    {
      for (const char *p = content; *p != '\0' && g_ascii_isspace (*p); p++)
        newlines += *p == '\n';
      return (guint) xmlGetLineNo (text->parent) + newlines;
    }
  if (text->next != NULL)
    {
      const char *end = content + strlen (content);

      while (end > content && g_ascii_isspace (end[-1]))
        newlines += *--end == '\n';
      return (guint) xmlGetLineNo (text->next) - newlines;
    }
  return (guint) xmlGetLineNo (text);
}

static void
check_children (Explain           *x,
                xmlNode           *element,
                const ElementRule *rule)
{
  const char *name = (const char *) element->name;
  guint position = 0, count = 0;
  guint n_rules = 0;

  while (n_rules < G_N_ELEMENTS (rule->children) && rule->children[n_rules].names != NULL)
    n_rules++;

  for (xmlNode *child = element->children; child != NULL; child = child->next)
    {
      const char *child_name = (const char *) child->name;
      guint match = n_rules;

      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          if (!is_blank (child->content))
            attune_problems_add (x->problems, x->display_name, text_line (child),
                                 /* Translators: %s is an element name; the list says what it contains */
                                 _("Text is not allowed directly inside <%s>. It contains %s."),
                                 name, rule->describe != NULL ? _(rule->describe) : "");
          continue;
        }
      if (child->type != XML_ELEMENT_NODE)
        continue;

      for (guint i = position; i < n_rules; i++)
        if (names_match (rule->children[i].names, child_name))
          {
            match = i;
            break;
          }

      if (match == n_rules)
        {
          gboolean earlier = FALSE;

          for (guint i = 0; i < position; i++)
            earlier = earlier || names_match (rule->children[i].names, child_name);
          if (earlier)
            attune_problems_add (x->problems, x->display_name, (guint) xmlGetLineNo (child),
                                 /* Translators: %s: two element names, then what the second contains, in order */
                                 _("<%s> is out of order in <%s>. The order is: %s."),
                                 child_name, name, _(rule->describe));
          else if (rule->describe != NULL)
            attune_problems_add (x->problems, x->display_name, (guint) xmlGetLineNo (child),
                                 /* Translators: %s: two element names, then what the second contains */
                                 _("<%s> is not allowed in <%s>. It contains %s."),
                                 child_name, name, _(rule->describe));
          else
            attune_problems_add (x->problems, x->display_name, (guint) xmlGetLineNo (child),
                                 /* Translators: both %s are element names */
                                 _("<%s> is not allowed in <%s>: it holds no elements."),
                                 child_name, name);
          return;
        }

      if (match == position)
        count++;
      else
        {
          for (guint i = position; i < match; i++)
            if ((i == position ? count : 0) < rule->children[i].min)
              {
                report_too_few (x, element, &rule->children[i], i == position ? count : 0);
                return;
              }
          position = match;
          count = 1;
        }

      if (rule->children[position].max > 0 && count > rule->children[position].max)
        {
          const char *ordinal = ordinal_or_count (count);

          if (ordinal != NULL)
            attune_problems_add (x->problems, x->display_name, (guint) xmlGetLineNo (child),
                                 /* Translators: %s: element names and an ordinal word (“fifth”); %u the limit */
                                 ngettext ("<%s> may have at most %u <%s>; this is the %s.",
                                           "<%s> may have at most %u <%s>; this is the %s.", rule->children[position].max),
                                 name, rule->children[position].max, child_name, ordinal);
          else
            attune_problems_add (x->problems, x->display_name, (guint) xmlGetLineNo (child),
                                 ngettext ("<%s> may have at most %u <%s>.", "<%s> may have at most %u <%s>.",
                                           rule->children[position].max),
                                 name, rule->children[position].max, child_name);
          return;
        }
      explain_element (x, child);
    }

  for (guint i = position; i < n_rules; i++)
    {
      guint have = i == position ? count : 0;

      if (have < rule->children[i].min)
        {
          report_too_few (x, element, &rule->children[i], have);
          return;
        }
    }
}

static void
explain_element (Explain *x,
                 xmlNode *element)
{
  const ElementRule *rule = find_rule (x, element);

  if (rule == NULL)
    return;   /* reported by the parent as not allowed */

  check_attributes (x, element, rule);
  if (rule->text)
    {
      for (xmlNode *child = element->children; child != NULL; child = child->next)
        if (child->type == XML_ELEMENT_NODE)
          {
            attune_problems_add (x->problems, x->display_name, (guint) xmlGetLineNo (child),
                                 /* Translators: both %s are element names */
                                 _("<%s> holds plain text only: remove the <%s> inside it (no bold, links or other markup)."),
                                 (const char *) element->name, (const char *) child->name);
            return;
          }
      {
        xmlChar *content = xmlNodeGetContent (element);
        gboolean blank = is_blank (content);

        xmlFree (content);
        if (blank)
          attune_problems_add (x->problems, x->display_name, (guint) xmlGetLineNo (element),
                               /* Translators: %s is an element name */
                               _("<%s> is empty. Every text element must contain some text."),
                               (const char *) element->name);
      }
      return;
    }
  if (rule->children[0].names == NULL)
    {
      for (xmlNode *child = element->children; child != NULL; child = child->next)
        if (child->type == XML_ELEMENT_NODE ||
            (child->type == XML_TEXT_NODE && !is_blank (child->content)))
          {
            attune_problems_add (x->problems, x->display_name, (guint) xmlGetLineNo (element),
                                 /* Translators: %s is an element name */
                                 _("<%s> must be empty: write it as <%s …/>, with nothing inside."),
                                 (const char *) element->name, (const char *) element->name);
            return;
          }
      return;
    }
  check_children (x, element, rule);
}

/**
 * _attune_xml_explain_schema:
 * @source: (nullable): the file's text, for the lines of attributes
 *
 * Explains why @doc does not follow @schema, in the guide's words.
 * Returns %FALSE when it found nothing to say (the caller then falls back
 * to the validator's first message).
 */
gboolean
_attune_xml_explain_schema (xmlDoc       *doc,
                            AttuneSchema  schema,
                            const char   *source,
                            const char   *display_name,
                            GPtrArray    *problems)
{
  Explain x = { source, source != NULL ? strlen (source) : 0, display_name, problems,
                scenario_rules, G_N_ELEMENTS (scenario_rules) };
  guint before = problems->len;
  xmlNode *root = xmlDocGetRootElement (doc);

  if (root == NULL)
    return FALSE;
  if (schema == ATTUNE_SCHEMA_LESSON)
    {
      x.rules = lesson_rules;
      x.n_rules = G_N_ELEMENTS (lesson_rules);
    }
  explain_element (&x, root);
  return problems->len > before;
}
