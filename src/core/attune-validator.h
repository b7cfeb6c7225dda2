/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of `attune --validate`. */
typedef enum
{
  ATTUNE_VALIDATE_OK = 0,
  ATTUNE_VALIDATE_INVALID = 1,
  ATTUNE_VALIDATE_USAGE = 2,
} AttuneValidateStatus;

AttuneValidateStatus attune_validate_paths (const char * const *paths,
                                            const char * const *library_folders,
                                            gboolean            strict,
                                            GString            *errors,
                                            GString            *summary);

G_END_DECLS
