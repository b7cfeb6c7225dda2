/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "attune-xml.h"

G_BEGIN_DECLS

gboolean _attune_xml_explain_bytes       (const char   *data,
                                          gsize         length,
                                          const char   *display_name,
                                          GPtrArray    *problems);
void     _attune_xml_explain_parse_error (const xmlError *error,
                                          const char   *data,
                                          gsize         length,
                                          const char   *display_name,
                                          GPtrArray    *problems);
gboolean _attune_xml_explain_schema      (xmlDoc       *doc,
                                          AttuneSchema  schema,
                                          const char   *source,
                                          const char   *display_name,
                                          GPtrArray    *problems);

guint    _attune_xml_get_n_compiled_facets (AttuneSchema schema);

G_END_DECLS
