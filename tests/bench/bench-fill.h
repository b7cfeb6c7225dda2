/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "attune-library.h"

G_BEGIN_DECLS

#define PROFILES 50
#define DAY (G_USEC_PER_SEC * (gint64) 86400)

/* Adds @choices decisions across PROFILES profiles, over 180 days, to the
 * progress file at @path, whose schema the store has created. */
void bench_fill (const char    *path,
                 guint64        choices,
                 AttuneLibrary *library);

G_END_DECLS
