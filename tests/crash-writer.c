/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the crash test: records choices as fast as it can and prints the
 * running count and the choice's id after each recording call returns,
 * until it is killed.
 */
#include "config.h"

#include <stdio.h>

#include "attune-store.h"

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = NULL;
  AttuneStoreEvidence evidence[] = { { "active-listening", 2 }, { "reassure", -1 } };
  gint64 profile, attempt;

  if (argc != 2)
    return 2;
  store = attune_store_open (argv[1], NULL, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  profile = attune_store_find_profile (store, "crash");
  if (profile == 0)
    profile = attune_store_create_profile (store, "crash", &error);
  attempt = attune_store_begin_attempt (store, profile, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  g_assert_no_error (error);
  /* A backup at once too, so that some kills land in one. */
  attune_store_backup (store, NULL);

  for (guint64 n = 1;; n++)
    {
      gint64 choice = attune_store_record_choice (store, attempt, "opening", 1, 1500, evidence, 2, &error);

      /* Only a positive id means "on disk"; nothing may pause here. */
      if (choice <= 0)
        {
          g_printerr ("%s\n", error != NULL ? error->message : attune_store_get_saving_error (store)->message);
          return 1;
        }
      printf ("%" G_GUINT64_FORMAT " %" G_GINT64_FORMAT "\n", n, choice);
      fflush (stdout);
      /* Every 25 choices an attempt ends and a backup is written (as
       * before a migration): kills then land in backups and renames too.
       * A run lasts 20-250 ms, a few dozen choices. */
      if (n % 25 == 0)
        {
          attune_store_finish_attempt (store, attempt, "resolved", 1, NULL);
          attune_store_backup (store, NULL);
          attempt = attune_store_begin_attempt (store, profile, "late-parcel", ATTUNE_ATTEMPT_COACH, NULL);
        }
    }
}
