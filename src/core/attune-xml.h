/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* No lesson or scenario comes anywhere near this; anything bigger is junk
 * or an attack, and is refused before the parser sees it. */
#define ATTUNE_XML_MAX_FILE_SIZE (4 * 1024 * 1024)

typedef enum
{
  ATTUNE_SCHEMA_LESSON,
  ATTUNE_SCHEMA_SCENARIO,
} AttuneSchema;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

xmlDoc  *attune_xml_read_file     (const char   *path,
                                   const char   *display_name,
                                   GPtrArray    *problems);
xmlDoc  *attune_xml_read_file_with_source (const char *path,
                                   const char   *display_name,
                                   GPtrArray    *problems,
                                   char        **source);
xmlDoc  *attune_xml_read_memory   (const char   *data,
                                   gsize         length,
                                   const char   *display_name,
                                   GPtrArray    *problems);
gboolean attune_xml_validate      (xmlDoc       *doc,
                                   AttuneSchema  schema,
                                   const char   *display_name,
                                   GPtrArray    *problems);
gboolean attune_xml_validate_source (xmlDoc     *doc,
                                   AttuneSchema  schema,
                                   const char   *source,
                                   const char   *display_name,
                                   GPtrArray    *problems);
char    *attune_xml_dup_text      (xmlNode      *node);
char    *attune_xml_dup_translated (xmlNode      *node,
                                   const char   *context);
char    *attune_xml_dup_attribute (xmlNode      *node,
                                   const char   *name);
gboolean attune_xml_is_element    (xmlNode      *node,
                                   const char   *name);
void     attune_normalize_space   (char         *text);

G_END_DECLS
