/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Building a scenario from its XML is the loader's business
 * (attune-content.c): nothing outside the core sees libxml2. */
#include <libxml/tree.h>

#include "attune-scenario.h"

G_BEGIN_DECLS
AttuneScenario       *attune_scenario_new_from_xml       (xmlNode        *root,
                                                          const char     *file);

void                  _attune_scenario_release_texts     (AttuneScenario *self);

G_END_DECLS
