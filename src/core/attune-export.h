/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "attune-store.h"

G_BEGIN_DECLS

typedef enum
{
  ATTUNE_EXPORT_CSV,
  ATTUNE_EXPORT_XAPI,
} AttuneExportFormat;

gboolean attune_export_parse_format (const char          *name,
                                     AttuneExportFormat  *format);
char    *attune_export_progress     (AttuneStore         *store,
                                     gint64               profile,
                                     AttuneExportFormat   format,
                                     GError             **error);
int      attune_export_command      (const char          *format_name,
                                     const char          *output,
                                     const char          *profile_name,
                                     const char          *database,
                                     GString             *message);
char    *attune_csv_field           (const char          *text);

G_END_DECLS
