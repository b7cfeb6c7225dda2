/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "attune-store-queue.h"

G_BEGIN_DECLS

/* An attempt counts as passed when the customer's issue was resolved and
 * at least this share of the evidence weight of its decisions was good. */
#define ATTUNE_XAPI_PASS_SCORE 0.7

#define ATTUNE_XAPI_ACTIVITY_BASE "https://attune.github.io/activities"
#define ATTUNE_XAPI_ACCOUNT_HOME "https://attune.github.io/learners"

typedef struct _AttuneXapiBuilder AttuneXapiBuilder;

AttuneXapiBuilder *attune_xapi_builder_new        (AttuneStore                 *store,
                                                   GError                     **error);
void               attune_xapi_builder_free       (AttuneXapiBuilder           *builder);
JsonObject        *attune_xapi_builder_build      (AttuneXapiBuilder           *builder,
                                                   const AttuneAttemptRecord   *attempt,
                                                   AttuneQueuedKind             kind,
                                                   const AttuneChoiceRecord    *choice,
                                                   GError                     **error);
gboolean           attune_xapi_attempt_passed     (const AttuneAttemptRecord   *attempt);
char              *attune_xapi_timestamp          (gint64                       time);
char              *attune_xapi_name_uuid          (const char                  *name);
gboolean           attune_xapi_statements_match   (JsonObject                  *sent,
                                                   JsonObject                  *stored);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttuneXapiBuilder, attune_xapi_builder_free)

G_END_DECLS
