/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

typedef struct _AttuneFacetIndex AttuneFacetIndex;

AttuneFacetIndex *_attune_facet_index_new            (xmlDoc           *schema);
void              _attune_facet_index_free           (AttuneFacetIndex *index);
guint             _attune_facet_index_get_n_stripped (AttuneFacetIndex *index);
gboolean          _attune_facet_index_check          (AttuneFacetIndex *index,
                                                      xmlDoc           *doc,
                                                      xmlNode         **failed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttuneFacetIndex, _attune_facet_index_free)

G_END_DECLS
