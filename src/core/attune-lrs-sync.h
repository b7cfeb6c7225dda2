/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "attune-lrs-client.h"
#include "attune-store.h"

G_BEGIN_DECLS

/* What one sync did. */
typedef struct
{
  guint sent;            /* accepted by the LRS in this sync */
  guint already_there;   /* of those, found identical in the LRS after a 409 */
  guint refused;         /* refused in this sync (400, or a different statement under the id) */
  guint remaining;       /* still queued afterwards, refused ones included */
  guint conflicts;       /* 409 answers met */
  GString *refusals;     /* one line per refused statement: its id and the LRS's reason */
} AttuneLrsSyncReport;

#define ATTUNE_LRS_BATCH 50

void     attune_lrs_sync_report_init  (AttuneLrsSyncReport *report);
void     attune_lrs_sync_report_clear (AttuneLrsSyncReport *report);
gboolean attune_lrs_sync              (AttuneStore         *store,
                                       AttuneLrsClient     *client,
                                       AttuneLrsSyncReport *report,
                                       GCancellable        *cancellable,
                                       GError             **error);
int      attune_lrs_sync_command      (const char          *database,
                                       const char          *endpoint,
                                       const char          *credentials,
                                       GString             *output,
                                       GString             *message);

G_END_DECLS
