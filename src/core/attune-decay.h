/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <math.h>

#include <glib.h>

G_BEGIN_DECLS

/* How strongly evidence counts falls by half every this many days. */
#define ATTUNE_MASTERY_HALF_LIFE_DAYS 30.0

/* How much evidence @age_days old still counts: 1 today, ½ after one
 * half-life. Mastery uses it in C, and the store inside SQLite, so this
 * small header is all the two share: neither includes the other. */
static inline double
attune_decay (double age_days)
{
  return exp2 (-MAX (0.0, age_days) / ATTUNE_MASTERY_HALF_LIFE_DAYS);
}

G_END_DECLS
