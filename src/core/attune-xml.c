/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The only door through which XML enters Attune. Content files come from
 * trainers and from the internet, so they are treated as hostile:
 *
 *  - the file must be a regular file no larger than ATTUNE_XML_MAX_FILE_SIZE
 *    and valid UTF-8 without NUL bytes, checked before libxml2 sees it;
 *  - any DOCTYPE stops the parser (no DTD, so no entity expansion and no
 *    external entities), the network is off, XInclude is never run;
 *  - libxml2's own limits (depth 256, 10 MB text nodes) stay on, because
 *    XML_PARSE_HUGE is never passed.
 *
 * Every problem is reported with the file and line it was found at.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/SAX2.h>

#include "attune-core-resources.h"
#include "attune-problem.h"
#include "attune-xml.h"
#include "attune-xml-explain.h"
#include "attune-xml-facets.h"

#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES | XML_PARSE_NOBLANKS | XML_PARSE_COMPACT | \
                       XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

typedef struct
{
  gboolean saw_doctype;
  guint doctype_line;
} ParseState;

static void
reject_doctype (void          *ctx,
                const xmlChar *name,
                const xmlChar *external_id,
                const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = ctx;
  ParseState *state = ctxt->_private;

  state->saw_doctype = TRUE;
  state->doctype_line = (guint) xmlSAX2GetLineNumber (ctxt);
  xmlStopParser (ctxt);
}

/* Silences libxml2's habit of printing to stderr; we report errors ourselves. */
static void
ignore_structured_error (void *data, xmlErrorPtr error)
{
}

/* Keeps the parser's first error: later ones are mostly consequences of
 * it ("Extra content at the end of the document" after a bad quote). */
static void
keep_first_error (void        *data,
                  xmlErrorPtr  error)
{
  xmlError *first = data;

  if (first->code == XML_ERR_OK && error->level >= XML_ERR_ERROR)
    xmlCopyError (error, first);
}

/* libxml2 messages end with a newline and sometimes carry trailing blanks. */
static char *
tidy_libxml_message (const char *message)
{
  char *copy = g_strdup (message != NULL ? message : "");

  return g_strstrip (copy);
}

/**
 * attune_xml_read_memory:
 * @display_name: the name used in problems (usually the path)
 * @problems: (element-type AttuneProblem): where problems are appended
 *
 * Parses @data safely. Returns the document, or %NULL with at least one
 * problem appended.
 */
xmlDoc *
attune_xml_read_memory (const char *data,
                        gsize       length,
                        const char *display_name,
                        GPtrArray  *problems)
{
  ParseState state = { 0 };
  xmlError first = { 0 };
  xmlParserCtxtPtr ctxt;
  xmlDoc *doc;

  if (length > ATTUNE_XML_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *limit = g_format_size (ATTUNE_XML_MAX_FILE_SIZE);

      attune_problems_add (problems, display_name, 0,
                           /* Translators: the first %s is a file size such as "50 MB", the second the limit */
                           _("The file is too large (%s). Lesson and scenario files can be at most %s."),
                           size, limit);
      return NULL;
    }

  if (length == 0)
    {
      attune_problems_add (problems, display_name, 0, _("The file is empty."));
      return NULL;
    }

  if (_attune_xml_explain_bytes (data, length, display_name, problems))
    return NULL;

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      attune_problems_add (problems, display_name, 0, _("Out of memory while reading the file."));
      return NULL;
    }

  ctxt->_private = &state;
  ctxt->sax->internalSubset = reject_doctype;
  ctxt->sax->externalSubset = reject_doctype;
  xmlSetStructuredErrorFunc (&first, keep_first_error);

  doc = xmlCtxtReadMemory (ctxt, data, (int) length, display_name, "UTF-8", PARSE_OPTIONS);

  if (state.saw_doctype)
    {
      attune_problems_add (problems, display_name, state.doctype_line,
                           _("Document type declarations (<!DOCTYPE …>) are not allowed. Remove the declaration."));
      g_clear_pointer (&doc, xmlFreeDoc);
    }
  else if (doc == NULL || ctxt->errNo != XML_ERR_OK || !ctxt->wellFormed)
    {
      const xmlError *error = first.code != XML_ERR_OK ? &first : xmlCtxtGetLastError (ctxt);

      _attune_xml_explain_parse_error (error, data, length, display_name, problems);
      g_clear_pointer (&doc, xmlFreeDoc);
    }
  else if (xmlDocGetRootElement (doc) == NULL)
    {
      attune_problems_add (problems, display_name, 0, _("The file has no root element."));
      g_clear_pointer (&doc, xmlFreeDoc);
    }

  xmlSetStructuredErrorFunc (NULL, NULL);
  xmlResetError (&first);
  ctxt->_private = NULL;
  xmlFreeParserCtxt (ctxt);
  return doc;
}

/**
 * attune_xml_read_file:
 *
 * Reads and parses @path safely; see attune_xml_read_memory(). Only
 * regular files are read, and never more than the size limit, so a FIFO
 * or /dev/zero cannot hang or exhaust us.
 */
xmlDoc *
attune_xml_read_file (const char *path,
                      const char *display_name,
                      GPtrArray  *problems)
{
  return attune_xml_read_file_with_source (path, display_name, problems, NULL);
}

/**
 * attune_xml_read_file_with_source:
 * @source: (out) (optional): the file's text, when it was read, so that
 *   later messages can point at the exact line of an attribute
 */
xmlDoc *
attune_xml_read_file_with_source (const char  *path,
                                  const char  *display_name,
                                  GPtrArray   *problems,
                                  char       **source)
{
  g_autofree char *data = NULL;
  struct stat st;
  gsize filled = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved = errno;

      attune_problems_add (problems, display_name, 0,
                           _("The file could not be opened: %s"), g_strerror (saved));
      return NULL;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      attune_problems_add (problems, display_name, 0, _("This is not a regular file."));
      close (fd);
      return NULL;
    }

  if ((guint64) st.st_size > ATTUNE_XML_MAX_FILE_SIZE)
    {
      close (fd);
      /* Let the memory reader phrase the message; it needs only the size. */
      return attune_xml_read_memory ("", (gsize) st.st_size, display_name, problems);
    }

  data = g_malloc ((gsize) st.st_size + 1);
  while (filled < (gsize) st.st_size)
    {
      gssize n = read (fd, data + filled, (gsize) st.st_size - filled);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          attune_problems_add (problems, display_name, 0,
                               _("The file could not be read: %s"), g_strerror (saved));
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      filled += (gsize) n;
    }
  close (fd);
  data[filled] = '\0';

  {
    xmlDoc *doc = attune_xml_read_memory (data, filled, display_name, problems);

    if (source != NULL && doc != NULL)
      *source = g_steal_pointer (&data);
    return doc;
  }
}

typedef struct
{
  char *first;
  guint first_line;
} ValidationState;

/* Only the validator's first message is kept: when a node fails, libxml2
 * adds messages about its parent ("Expecting element line, got cue") that
 * point at the wrong thing. */
static void
collect_validation_error (void        *data,
                          xmlErrorPtr  error)
{
  ValidationState *state = data;

  if (state->first != NULL)
    return;
  state->first = tidy_libxml_message (error->message);
  state->first_line = error->line > 0 ? (guint) error->line : 0;
}

/* The schema texts, looked up once: GLib 2.74 initialises static
 * resources lazily without guarding against two threads doing it at once. */
static GBytes *
get_schema_bytes (AttuneSchema schema)
{
  static const char *paths[] = {
    [ATTUNE_SCHEMA_LESSON] = "/io/github/attune/Attune/schemas/lesson.rng",
    [ATTUNE_SCHEMA_SCENARIO] = "/io/github/attune/Attune/schemas/scenario.rng",
  };
  static gsize initialised;
  static GBytes *texts[2];

  if (g_once_init_enter (&initialised))
    {
      GResource *resource = attune_core_get_resource ();

      for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
        {
          g_autoptr(GError) error = NULL;

          texts[i] = g_resource_lookup_data (resource, paths[i], G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
          /* The schemas are compiled into the binary; missing means a broken build. */
          g_assert_no_error (error);
        }
      g_once_init_leave (&initialised, 1);
    }
  return texts[schema];
}

/* libxml2 2.9 initialises its RELAX NG and XML Schema datatype tables
 * lazily and without a lock, so grammars are compiled one at a time. */
G_LOCK_DEFINE_STATIC (schema_compilation);

/* A compiled schema, with the datatype facets it checks after RELAX NG. */
typedef struct
{
  xmlRelaxNGPtr rng;
  AttuneFacetIndex *facets;
} CompiledSchema;

static void
load_schema (AttuneSchema    schema,
             CompiledSchema *compiled)
{
  GBytes *bytes = get_schema_bytes (schema);
  xmlRelaxNGParserCtxtPtr pctxt;
  xmlDoc *doc;
  gsize size;
  const char *data;

  G_LOCK (schema_compilation);
  xmlRelaxNGInitTypes ();
  data = g_bytes_get_data (bytes, &size);
  /* Our own schema, compiled into the binary: no DOCTYPE, nothing to fetch. */
  doc = xmlReadMemory (data, (int) size, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  g_assert (doc != NULL);
  compiled->facets = _attune_facet_index_new (doc);
  pctxt = xmlRelaxNGNewDocParserCtxt (doc);
  xmlRelaxNGSetParserStructuredErrors (pctxt, ignore_structured_error, NULL);
  compiled->rng = xmlRelaxNGParse (pctxt);
  xmlRelaxNGFreeParserCtxt (pctxt);
  xmlFreeDoc (doc);
  G_UNLOCK (schema_compilation);
  g_assert (compiled->rng != NULL);
}

static void
free_schemas (gpointer data)
{
  CompiledSchema *schemas = data;

  for (guint i = 0; i < 2; i++)
    {
      g_clear_pointer (&schemas[i].rng, xmlRelaxNGFree);
      g_clear_pointer (&schemas[i].facets, _attune_facet_index_free);
    }
  g_free (schemas);
}

/* One compiled schema per thread: content is loaded on several threads at
 * once, and libxml2 does not promise that a compiled RELAX NG grammar may
 * be shared between concurrent validations. Compiling takes about a
 * millisecond, once per thread, never per file. */
static CompiledSchema *
get_schema (AttuneSchema schema)
{
  static GPrivate per_thread = G_PRIVATE_INIT (free_schemas);
  CompiledSchema *schemas = g_private_get (&per_thread);

  g_assert (schema == ATTUNE_SCHEMA_LESSON || schema == ATTUNE_SCHEMA_SCENARIO);

  if (schemas == NULL)
    {
      schemas = g_new0 (CompiledSchema, 2);
      g_private_set (&per_thread, schemas);
    }
  if (schemas[schema].rng == NULL)
    load_schema (schema, &schemas[schema]);
  return &schemas[schema];
}

/* For tests: how many <data> patterns of @schema have their facets
 * checked by attune-xml-facets.c rather than inside libxml2. */
guint
_attune_xml_get_n_compiled_facets (AttuneSchema schema)
{
  return _attune_facet_index_get_n_stripped (get_schema (schema)->facets);
}

/* A comment or processing instruction inside a text element: xgettext
 * extracts such text differently from what the loader reads (it leaves a
 * double space where a comment was, and drops an element with a
 * processing instruction altogether), so a translation could never be
 * found. The schema cannot see them; refuse them here, with the line. */
static gboolean
check_text_elements (xmlNode    *node,
                     const char *display_name,
                     GPtrArray  *problems)
{
  gboolean ok = TRUE;
  gboolean has_element = FALSE;
  xmlNode *stray = NULL;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE)
        {
          has_element = TRUE;
          ok = check_text_elements (child, display_name, problems) && ok;
        }
      else if ((child->type == XML_COMMENT_NODE || child->type == XML_PI_NODE) && stray == NULL)
        stray = child;
    }
  if (stray != NULL && !has_element)
    {
      attune_problems_add (problems, display_name, xmlGetLineNo (stray),
                           stray->type == XML_COMMENT_NODE
                           /* Translators: %s is an element name, such as “reply” */
                           ? _("A comment inside <%s> is not allowed: translation tools would read the text differently. Move the comment before the element.")
                           /* Translators: %s is an element name, such as “reply” */
                           : _("A processing instruction inside <%s> is not allowed: translation tools would read the text differently. Move it before the element."),
                           (const char *) node->name);
      ok = FALSE;
    }
  return ok;
}

/**
 * attune_xml_validate:
 *
 * Checks @doc against the RELAX NG schema compiled into Attune. Returns
 * %TRUE when valid; otherwise appends problems with their lines.
 */
gboolean
attune_xml_validate (xmlDoc       *doc,
                     AttuneSchema  schema,
                     const char   *display_name,
                     GPtrArray    *problems)
{
  return attune_xml_validate_source (doc, schema, NULL, display_name, problems);
}

/**
 * attune_xml_validate_source:
 * @source: (nullable): the document's text, for exact attribute lines
 *
 * As attune_xml_validate(), with messages in the format guide's words:
 * the element, the attribute, what is allowed and the line.
 */
gboolean
attune_xml_validate_source (xmlDoc       *doc,
                            AttuneSchema  schema,
                            const char   *source,
                            const char   *display_name,
                            GPtrArray    *problems)
{
  ValidationState state = { NULL, 0 };
  CompiledSchema *compiled = get_schema (schema);
  xmlRelaxNGValidCtxtPtr vctxt;
  xmlNode *failed = NULL;
  int result;

  vctxt = xmlRelaxNGNewValidCtxt (compiled->rng);
  xmlRelaxNGSetValidStructuredErrors (vctxt, collect_validation_error, &state);
  /* A few errors only ever reach the global handler. */
  xmlSetStructuredErrorFunc (&state, collect_validation_error);
  result = xmlRelaxNGValidateDoc (vctxt, doc);
  xmlSetStructuredErrorFunc (NULL, NULL);
  xmlRelaxNGFreeValidCtxt (vctxt);
  /* The facets the grammar was compiled without (attune-xml-facets.c). */
  if (result == 0 && !_attune_facet_index_check (compiled->facets, doc, &failed))
    result = 1;

  if (result != 0 && !_attune_xml_explain_schema (doc, schema, source, display_name, problems))
    {
      if (failed != NULL)
        attune_problems_add (problems, display_name, (guint) xmlGetLineNo (failed),
                             /* Translators: %s is an element name */
                             _("A value in <%s> does not follow the format: check its attributes and text against the format guide."),
                             (const char *) failed->name);
      else if (state.first != NULL)
        attune_problems_add (problems, display_name, state.first_line,
                             /* Translators: %s is the schema validator's own (English) description */
                             _("Does not follow the format: %s"), state.first);
      else
        attune_problems_add (problems, display_name, 0, _("The file does not follow the format."));
    }
  g_free (state.first);
  /* Valid, but a comment or processing instruction inside a translatable
   * text would not match its catalogue entry (xgettext drops or spaces it). */
  if (result == 0 && !check_text_elements (xmlDocGetRootElement (doc), display_name, problems))
    return FALSE;
  return result == 0;
}

/* Collapses runs of white space to one space and trims both ends, exactly
 * as xgettext does when it extracts the string, so run-time lookups match
 * the catalogue. Works in place. */
void
attune_normalize_space (char *text)
{
  char *out = text;
  gboolean pending_space = FALSE;

  for (const char *in = text; *in != '\0'; in++)
    {
      if (*in == ' ' || *in == '\t' || *in == '\n' || *in == '\r')
        {
          pending_space = out != text;
          continue;
        }
      if (pending_space)
        *out++ = ' ';
      pending_space = FALSE;
      *out++ = *in;
    }
  *out = '\0';
}

/* The element's text with white space normalised. Safe on our documents:
 * they have no entities left to expand. */
char *
attune_xml_dup_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strdup ((const char *) content);

  xmlFree (content);
  if (text == NULL)
    return g_strdup ("");
  attune_normalize_space (text);
  return text;
}

/**
 * attune_xml_dup_translated:
 * @context: (nullable): the msgctxt the ITS rules in data/its/attune.its
 *   give this element, or %NULL for none
 *
 * The element's text, normalised, looked up in the "attune-content"
 * catalogue (po/content/) the way the ITS rules extracted it. Lessons and
 * role-plays have a domain of their own, apart from the interface.
 */
char *
attune_xml_dup_translated (xmlNode    *node,
                           const char *context)
{
  g_autofree char *text = attune_xml_dup_text (node);

  if (*text == '\0')
    return g_steal_pointer (&text);
  if (context != NULL)
    return g_strdup (g_dpgettext2 (GETTEXT_CONTENT_PACKAGE, context, text));
  return g_strdup (g_dgettext (GETTEXT_CONTENT_PACKAGE, text));
}

char *
attune_xml_dup_attribute (xmlNode    *node,
                          const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

gboolean
attune_xml_is_element (xmlNode    *node,
                       const char *name)
{
  return node != NULL &&
         node->type == XML_ELEMENT_NODE &&
         g_strcmp0 ((const char *) node->name, name) == 0;
}
