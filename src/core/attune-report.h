/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "attune-scenario.h"

G_BEGIN_DECLS

typedef enum
{
  ATTUNE_REPORT_TEXT,
  ATTUNE_REPORT_HTML,
} AttuneReportFormat;

gboolean attune_report_format_from_string (const char          *name,
                                           AttuneReportFormat  *format);
void     attune_report_scenario           (AttuneScenario      *scenario,
                                           GPtrArray           *warnings,
                                           guint                revisits,
                                           AttuneReportFormat   format,
                                           GString             *out);
int      attune_report_paths              (const char * const  *paths,
                                           const char * const  *library_folders,
                                           AttuneReportFormat   format,
                                           GString             *out,
                                           GString             *errors);

G_END_DECLS
