/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Datatype facets compiled once, not once per value.
 *
 * libxml2 2.9 checks a RELAX NG <param> (pattern, maxLength, minInclusive
 * …) by building a new XML Schema facet, with its own parser context and
 * dictionary, and, for a pattern, compiling the regular expression, for
 * every value it validates (xmlRelaxNGSchemaFacetCheck in relaxng.c). Our
 * ids carry a pattern, so this was a third of the time `--validate` spent
 * in the schema. Here the schema document is read before it is compiled:
 * every <data> whose params apply unambiguously to one attribute or one
 * element's text has them compiled once, with the same libxml2 calls
 * (xmlSchemaCheckFacet), and becomes <text/> in the grammar RELAX NG
 * compiles. After RELAX NG accepts a document, those values are checked
 * with the same calls relaxng.c makes for a <data> with params
 * (xmlSchemaValPredefTypeNode for the type, then xmlSchemaValidateFacet on
 * each facet), so a file passes exactly when it follows the .rng as
 * written; tests/test-xml.c checks that against libxml2 validating with
 * the untouched schema, as xmllint does.
 *
 * Anything this does not fully understand (a <data> under <choice>,
 * <list> or <except>, includes, name classes, namespaces, combined
 * defines, another datatype library) is left to libxml2 as it was.
 */
#include "config.h"

#include <string.h>

#include <libxml/xmlschemastypes.h>

#include "attune-xml-facets.h"

#define RNG_NS "http://relaxng.org/ns/structure/1.0"
#define XSD_DATATYPES "http://www.w3.org/2001/XMLSchema-datatypes"
#define XSD_NS "http://www.w3.org/2001/XMLSchema"

typedef struct
{
  xmlNode *data;              /* the <data> in the schema document, until taken over */
  gboolean unsafe;            /* leave it to libxml2 */
  char *type_name;
  xmlSchemaTypePtr type;
  GPtrArray *facets;          /* xmlSchemaFacetPtr, compiled */
  GPtrArray *facet_values;    /* the facets' text, which they point into */
  GHashTable *verdicts;       /* short value -> 1 passes, 2 fails; see value_passes() */
} DataUse;

typedef struct
{
  DataUse *text;              /* the element's own text, if typed */
  GPtrArray *attribute_names; /* char *, parallel to attribute_uses */
  GPtrArray *attribute_uses;  /* DataUse * */
} ElementUses;

struct _AttuneFacetIndex
{
  GHashTable *elements;       /* element name -> ElementUses */
  GHashTable *datas;          /* xmlNode <data> -> DataUse */
  GHashTable *defines;        /* define name -> xmlNode <define> */
  guint n_stripped;
};

static void
data_use_free (DataUse *use)
{
  if (use->facets != NULL)
    for (guint i = 0; i < use->facets->len; i++)
      xmlSchemaFreeFacet (g_ptr_array_index (use->facets, i));
  g_clear_pointer (&use->facets, g_ptr_array_unref);
  g_clear_pointer (&use->facet_values, g_ptr_array_unref);
  g_clear_pointer (&use->verdicts, g_hash_table_unref);
  g_free (use->type_name);
  g_free (use);
}

static void
element_uses_free (ElementUses *uses)
{
  g_ptr_array_unref (uses->attribute_names);
  g_ptr_array_unref (uses->attribute_uses);
  g_free (uses);
}

static gboolean
is_rng (xmlNode    *node,
        const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL &&
         g_strcmp0 ((const char *) node->ns->href, RNG_NS) == 0 &&
         g_strcmp0 ((const char *) node->name, name) == 0;
}

static char *
dup_prop (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy = value != NULL ? g_strstrip (g_strdup ((const char *) value)) : NULL;

  xmlFree (value);
  return copy;
}

static gboolean
has_param (xmlNode *data)
{
  for (xmlNode *child = data->children; child != NULL; child = child->next)
    if (is_rng (child, "param"))
      return TRUE;
  return FALSE;
}

static DataUse *
get_data_use (AttuneFacetIndex *index,
              xmlNode          *data)
{
  DataUse *use = g_hash_table_lookup (index->datas, data);

  if (use == NULL)
    {
      use = g_new0 (DataUse, 1);
      use->data = data;
      g_hash_table_insert (index->datas, data, use);
    }
  return use;
}

/* Stands for an attribute, or an element's text, with no params. */
static DataUse untyped = { NULL, TRUE, NULL, NULL, NULL, NULL, NULL };

static DataUse **
find_slot (ElementUses *uses,
           const char  *attribute,
           gboolean     create)
{
  if (attribute == NULL)
    return &uses->text;
  for (guint i = 0; i < uses->attribute_names->len; i++)
    if (g_str_equal (g_ptr_array_index (uses->attribute_names, i), attribute))
      return (DataUse **) &uses->attribute_uses->pdata[i];
  if (!create)
    return NULL;
  g_ptr_array_add (uses->attribute_names, g_strdup (attribute));
  g_ptr_array_add (uses->attribute_uses, NULL);
  return (DataUse **) &uses->attribute_uses->pdata[uses->attribute_uses->len - 1];
}

static void
mark_unsafe (DataUse *use)
{
  if (use != NULL && use != &untyped)
    use->unsafe = TRUE;
}

/* Records, in the uses of one element pattern, that @data types
 * @attribute (or the text when %NULL). Two different <data> for one
 * place, or one under a <choice>, are left to libxml2: which applies
 * depends on the grammar. */
static void
record_use (ElementUses *uses,
            const char  *attribute,
            DataUse     *use,
            gboolean     in_choice)
{
  DataUse **slot = find_slot (uses, attribute, TRUE);

  if (in_choice)
    mark_unsafe (use);
  if (*slot != NULL && *slot != use)
    {
      mark_unsafe (*slot);
      mark_unsafe (use);
    }
  *slot = use;
}

/* Merges one element pattern's uses into those of every element of that
 * name: a place typed one way here and another way (or not at all)
 * there is left to libxml2. An attribute one pattern does not allow at
 * all cannot appear on a valid element matching it, so it agrees. */
static void
merge_uses (AttuneFacetIndex *index,
            const char       *element,
            ElementUses      *local)
{
  ElementUses *uses = g_hash_table_lookup (index->elements, element);

  if (uses == NULL)
    {
      uses = g_new0 (ElementUses, 1);
      uses->attribute_names = g_ptr_array_new_with_free_func (g_free);
      uses->attribute_uses = g_ptr_array_new ();
      uses->text = local->text != NULL ? local->text : &untyped;
      for (guint i = 0; i < local->attribute_names->len; i++)
        {
          g_ptr_array_add (uses->attribute_names, g_strdup (g_ptr_array_index (local->attribute_names, i)));
          g_ptr_array_add (uses->attribute_uses, g_ptr_array_index (local->attribute_uses, i));
        }
      g_hash_table_insert (index->elements, g_strdup (element), uses);
      return;
    }

  if ((local->text != NULL ? local->text : &untyped) != uses->text)
    {
      mark_unsafe (local->text);
      mark_unsafe (uses->text);
    }
  for (guint i = 0; i < local->attribute_names->len; i++)
    {
      const char *name = g_ptr_array_index (local->attribute_names, i);
      DataUse *use = g_ptr_array_index (local->attribute_uses, i);
      DataUse **slot = find_slot (uses, name, FALSE);

      if (slot == NULL)
        {
          g_ptr_array_add (uses->attribute_names, g_strdup (name));
          g_ptr_array_add (uses->attribute_uses, use);
        }
      else if (*slot != use)
        {
          mark_unsafe (*slot);
          mark_unsafe (use);
        }
    }
}

static void
mark_all_unsafe (AttuneFacetIndex *index,
                 xmlNode          *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is_rng (child, "data"))
        get_data_use (index, child)->unsafe = TRUE;
      if (child->type == XML_ELEMENT_NODE)
        mark_all_unsafe (index, child);
    }
}


/* Follows <ref>s and wrappers from @pattern's children down to <data>,
 * stopping at nested elements (they are walked on their own). Returns
 * %FALSE when the grammar uses something this does not handle. */
static gboolean
walk_content (AttuneFacetIndex *index,
              ElementUses      *uses,
              const char       *attribute,
              xmlNode          *pattern,
              gboolean          in_choice,
              guint             depth)
{
  if (depth > 64)
    return FALSE;

  for (xmlNode *child = pattern->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (child->ns == NULL || g_strcmp0 ((const char *) child->ns->href, RNG_NS) != 0)
        return FALSE;

      if (is_rng (child, "element"))
        {
          if (attribute != NULL)
            return FALSE;
        }
      else if (is_rng (child, "attribute"))
        {
          g_autofree char *name = dup_prop (child, "name");

          if (attribute != NULL || name == NULL || xmlHasProp (child, (const xmlChar *) "ns") != NULL ||
              !walk_content (index, uses, name, child, in_choice, depth + 1))
            return FALSE;
          /* An attribute with no params anywhere in it is untyped here. */
          if (*find_slot (uses, name, TRUE) == NULL)
            record_use (uses, name, &untyped, in_choice);
        }
      else if (is_rng (child, "data"))
        {
          if (has_param (child))
            record_use (uses, attribute, get_data_use (index, child), in_choice);
          /* An <except> is left to libxml2, with the <data> around it. */
          for (xmlNode *part = child->children; part != NULL; part = part->next)
            if (is_rng (part, "except"))
              get_data_use (index, child)->unsafe = TRUE;
          mark_all_unsafe (index, child);
        }
      else if (is_rng (child, "ref"))
        {
          g_autofree char *name = dup_prop (child, "name");
          xmlNode *define = name != NULL ? g_hash_table_lookup (index->defines, name) : NULL;

          if (define == NULL || !walk_content (index, uses, attribute, define, in_choice, depth + 1))
            return FALSE;
        }
      else if (is_rng (child, "group") || is_rng (child, "optional") || is_rng (child, "zeroOrMore") ||
               is_rng (child, "oneOrMore") || is_rng (child, "interleave"))
        {
          if (!walk_content (index, uses, attribute, child, in_choice, depth + 1))
            return FALSE;
        }
      else if (is_rng (child, "choice") || is_rng (child, "mixed"))
        {
          if (!walk_content (index, uses, attribute, child, TRUE, depth + 1))
            return FALSE;
        }
      else if (is_rng (child, "list"))
        mark_all_unsafe (index, child);
      else if (is_rng (child, "text") || is_rng (child, "empty") || is_rng (child, "value") ||
               is_rng (child, "notAllowed"))
        ;
      else
        return FALSE;
    }
  return TRUE;
}

/* The first datatypeLibrary from @node up. */
static char *
dup_datatype_library (xmlNode *node)
{
  for (; node != NULL && node->type == XML_ELEMENT_NODE; node = node->parent)
    {
      char *library = dup_prop (node, "datatypeLibrary");

      if (library != NULL)
        return library;
    }
  return g_strdup ("");
}

static int
facet_type (const char *name)
{
  static const struct { const char *name; int type; } types[] = {
    { "minInclusive", XML_SCHEMA_FACET_MININCLUSIVE }, { "minExclusive", XML_SCHEMA_FACET_MINEXCLUSIVE },
    { "maxInclusive", XML_SCHEMA_FACET_MAXINCLUSIVE }, { "maxExclusive", XML_SCHEMA_FACET_MAXEXCLUSIVE },
    { "totalDigits", XML_SCHEMA_FACET_TOTALDIGITS }, { "fractionDigits", XML_SCHEMA_FACET_FRACTIONDIGITS },
    { "pattern", XML_SCHEMA_FACET_PATTERN }, { "enumeration", XML_SCHEMA_FACET_ENUMERATION },
    { "whiteSpace", XML_SCHEMA_FACET_WHITESPACE }, { "length", XML_SCHEMA_FACET_LENGTH },
    { "maxLength", XML_SCHEMA_FACET_MAXLENGTH }, { "minLength", XML_SCHEMA_FACET_MINLENGTH },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (types[i].name, name) == 0)
      return types[i].type;
  return -1;
}

/* Types whose check depends on the value alone: not QName or NOTATION
 * (namespaces in scope), nor ID or IDREF (which register with the
 * document). */
static gboolean
is_context_free (const char *type)
{
  static const char *types[] = {
    "string", "normalizedString", "token", "integer", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "int", "long", "short", "byte", "unsignedInt",
    "unsignedLong", "unsignedShort", "unsignedByte", "decimal", "boolean",
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_str_equal (types[i], type))
      return TRUE;
  return FALSE;
}

/* Compiles @use's params as relaxng.c does for each value. */
static gboolean
compile_use (DataUse *use)
{
  g_autofree char *library = dup_datatype_library (use->data);

  if (!g_str_equal (library, XSD_DATATYPES))
    return FALSE;
  use->type_name = dup_prop (use->data, "type");
  if (use->type_name == NULL)
    return FALSE;
  use->type = xmlSchemaGetPredefinedType ((const xmlChar *) use->type_name, (const xmlChar *) XSD_NS);
  if (use->type == NULL)
    return FALSE;

  use->facets = g_ptr_array_new ();
  use->facet_values = g_ptr_array_new_with_free_func (xmlFree);
  if (is_context_free (use->type_name))
    use->verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (xmlNode *child = use->data->children; child != NULL; child = child->next)
    {
      g_autofree char *name = NULL;
      xmlSchemaFacetPtr facet;
      xmlChar *value;

      if (!is_rng (child, "param"))
        continue;
      name = dup_prop (child, "name");
      if (facet_type (name) < 0)
        return FALSE;
      value = xmlNodeGetContent (child);
      g_ptr_array_add (use->facet_values, value);
      facet = xmlSchemaNewFacet ();
      facet->type = facet_type (name);
      facet->value = value;
      if (xmlSchemaCheckFacet (facet, use->type, NULL, (const xmlChar *) use->type_name) != 0)
        {
          xmlSchemaFreeFacet (facet);
          return FALSE;
        }
      g_ptr_array_add (use->facets, facet);
    }
  return TRUE;
}

/* The <data> becomes <text/>: any text, which RELAX NG can compile into
 * its content automata, while the datatype itself is checked once, here,
 * with its params, exactly as relaxng.c checks a <data> that has params
 * (the type's value, then each facet). */
static void
take_over (xmlNode *data)
{
  xmlNode *text = xmlNewNode (data->ns, (const xmlChar *) "text");

  xmlReplaceNode (data, text);
  xmlFreeNode (data);
}

static void
collect_elements (xmlNode   *node,
                  GPtrArray *elements)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      {
        if (is_rng (child, "element"))
          g_ptr_array_add (elements, child);
        collect_elements (child, elements);
      }
}

/* Whether the grammar is one this can read: a single file, named
 * elements and attributes without namespaces, defines not combined. */
static gboolean
grammar_is_simple (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (child->ns == NULL || g_strcmp0 ((const char *) child->ns->href, RNG_NS) != 0)
        return FALSE;
      if (is_rng (child, "include") || is_rng (child, "externalRef") || is_rng (child, "parentRef") ||
          is_rng (child, "grammar") || is_rng (child, "name") || is_rng (child, "anyName") ||
          is_rng (child, "nsName") || xmlHasProp (child, (const xmlChar *) "ns") != NULL ||
          xmlHasProp (child, (const xmlChar *) "combine") != NULL)
        return FALSE;
      if ((is_rng (child, "element") || is_rng (child, "attribute")) &&
          xmlHasProp (child, (const xmlChar *) "name") == NULL)
        return FALSE;
      if (!grammar_is_simple (child))
        return FALSE;
    }
  return TRUE;
}

/**
 * _attune_facet_index_new:
 * @schema: (transfer none): a RELAX NG schema document; the params this
 *   takes over are removed from it
 *
 * Returns the index; when the grammar is not one it can read, an index
 * that takes nothing over, so libxml2 checks everything as before.
 */
AttuneFacetIndex *
_attune_facet_index_new (xmlDoc *schema)
{
  AttuneFacetIndex *index = g_new0 (AttuneFacetIndex, 1);
  xmlNode *grammar = xmlDocGetRootElement (schema);
  g_autoptr(GPtrArray) elements = g_ptr_array_new ();
  GHashTableIter iter;
  DataUse *use;
  gboolean ok = TRUE;

  index->elements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) element_uses_free);
  index->datas = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) data_use_free);
  index->defines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (grammar == NULL || !is_rng (grammar, "grammar") || !grammar_is_simple (grammar))
    return index;

  for (xmlNode *child = grammar->children; child != NULL; child = child->next)
    if (is_rng (child, "define"))
      {
        char *name = dup_prop (child, "name");

        if (name == NULL || g_hash_table_contains (index->defines, name))
          {
            g_free (name);
            g_hash_table_remove_all (index->elements);
            return index;
          }
        g_hash_table_insert (index->defines, name, child);
      }

  collect_elements (grammar, elements);
  for (guint i = 0; i < elements->len && ok; i++)
    {
      xmlNode *element = g_ptr_array_index (elements, i);
      g_autofree char *name = dup_prop (element, "name");
      ElementUses local = { NULL, g_ptr_array_new_with_free_func (g_free), g_ptr_array_new () };

      ok = name != NULL && strchr (name, ':') == NULL &&
           walk_content (index, &local, NULL, element, FALSE, 0);
      if (ok)
        merge_uses (index, name, &local);
      g_ptr_array_unref (local.attribute_names);
      g_ptr_array_unref (local.attribute_uses);
    }
  if (!ok)
    {
      g_hash_table_remove_all (index->elements);
      g_hash_table_remove_all (index->datas);
      return index;
    }

  /* Compile what is safe; only then take it away from the grammar. */
  g_hash_table_iter_init (&iter, index->datas);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &use))
    if (!use->unsafe && !compile_use (use))
      use->unsafe = TRUE;
  g_hash_table_iter_init (&iter, index->datas);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &use))
    if (!use->unsafe)
      {
        take_over (use->data);
        use->data = NULL;
        index->n_stripped++;
      }
  return index;
}

void
_attune_facet_index_free (AttuneFacetIndex *index)
{
  if (index == NULL)
    return;
  g_hash_table_unref (index->elements);
  g_hash_table_unref (index->datas);
  g_hash_table_unref (index->defines);
  g_free (index);
}

/* How many <data> the index took over from libxml2: for tests. */
guint
_attune_facet_index_get_n_stripped (AttuneFacetIndex *index)
{
  return index->n_stripped;
}

/* What relaxng.c does for a <data> with params (xmlRelaxNGValidateDatatype
 * with xmlRelaxNGSchemaTypeCheck and xmlRelaxNGSchemaFacetCheck). */
/* At most this many remembered values per <data>, of at most this length:
 * ids and numbers, which recur in every file, not texts. */
#define MAX_VERDICTS 4096
#define MAX_VERDICT_LENGTH 80

static gboolean
value_passes (DataUse       *use,
              const xmlChar *value,
              xmlNode       *node)
{
  xmlSchemaValPtr computed = NULL;
  gboolean remember = use->verdicts != NULL && strlen ((const char *) value) <= MAX_VERDICT_LENGTH;
  gboolean ok = TRUE;

  /* The same id is checked again and again (every next= and strategy=),
   * and libxml2 runs its regular expression each time; the verdict for a
   * value of a context-free type is always the same. */
  if (remember)
    {
      guint verdict = GPOINTER_TO_UINT (g_hash_table_lookup (use->verdicts, value));

      if (verdict != 0)
        return verdict == 1;
    }

  if (xmlSchemaValPredefTypeNode (use->type, value, &computed, node) != 0)
    ok = FALSE;
  for (guint i = 0; ok && i < use->facets->len; i++)
    ok = xmlSchemaValidateFacet (use->type, g_ptr_array_index (use->facets, i), value, computed) == 0;
  if (computed != NULL)
    xmlSchemaFreeValue (computed);

  if (remember && g_hash_table_size (use->verdicts) < MAX_VERDICTS)
    g_hash_table_insert (use->verdicts, g_strdup ((const char *) value), GUINT_TO_POINTER (ok ? 1 : 2));
  return ok;
}

static gboolean
check_element (AttuneFacetIndex *index,
               xmlNode          *element,
               xmlNode         **failed)
{
  ElementUses *uses = element->ns == NULL ? g_hash_table_lookup (index->elements, element->name) : NULL;

  if (uses != NULL)
    {
      if (!uses->text->unsafe)
        {
          xmlNode *only = element->children;
          gboolean ok;

          /* Usually one text node: no copy. */
          if (only != NULL && only->next == NULL && only->type == XML_TEXT_NODE && only->content != NULL)
            ok = value_passes (uses->text, only->content, element);
          else
            {
              GString *content = g_string_new (NULL);

              for (xmlNode *child = element->children; child != NULL; child = child->next)
                if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) && child->content != NULL)
                  g_string_append (content, (const char *) child->content);
              ok = value_passes (uses->text, (const xmlChar *) content->str, element);
              g_string_free (content, TRUE);
            }
          if (!ok)
            {
              *failed = element;
              return FALSE;
            }
        }
      for (xmlAttr *attr = element->properties; attr != NULL; attr = attr->next)
        for (guint i = 0; attr->ns == NULL && i < uses->attribute_names->len; i++)
          {
            DataUse *use = g_ptr_array_index (uses->attribute_uses, i);
            xmlChar *value;
            gboolean ok;

            if (use->unsafe || !g_str_equal (g_ptr_array_index (uses->attribute_names, i), (const char *) attr->name))
              continue;
            if (attr->children != NULL && attr->children->next == NULL &&
                attr->children->type == XML_TEXT_NODE && attr->children->content != NULL)
              ok = value_passes (use, attr->children->content, element);
            else
              {
                value = xmlNodeListGetString (element->doc, attr->children, 1);
                ok = value_passes (use, value != NULL ? value : (const xmlChar *) "", element);
                xmlFree (value);
              }
            if (!ok)
              {
                *failed = element;
                return FALSE;
              }
          }
    }

  for (xmlNode *child = element->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && !check_element (index, child, failed))
      return FALSE;
  return TRUE;
}

/**
 * _attune_facet_index_check:
 * @failed: (out): the element whose value breaks a facet
 *
 * Checks the values whose facets @index took over, in a document RELAX NG
 * has accepted with the stripped grammar. Returns %TRUE when all pass.
 */
gboolean
_attune_facet_index_check (AttuneFacetIndex *index,
                           xmlDoc           *doc,
                           xmlNode         **failed)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  *failed = NULL;
  if (index->n_stripped == 0 || root == NULL)
    return TRUE;
  return check_element (index, root, failed);
}
