/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The LRS secret against a real Secret Service: gnome-keyring-daemon,
 * started in this test's D-Bus session with its own empty home and
 * unlocked with a test password. The secret is stored and found per
 * endpoint and key, and cleared; the background sync finds it there (it
 * then fails to reach a closed port, in plain words, and keeps the queue);
 * it is never written to GSettings or the progress file.
 */
#define _GNU_SOURCE
#include "config.h"

#include <string.h>


#include <glib/gstdio.h>

#include "attune-lrs-secret.h"
#include "attune-lrs-service.h"
#include "attune-store-queue.h"
#include "attune-test-keyring.h"

#define SECRET "s3cr3t-for-the-test-keyring"

static char *dir;
static GSubprocess *keyring;

static void
stored (GObject      *source,
        GAsyncResult *result,
        gpointer      data)
{
  gboolean *done = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (attune_lrs_secret_store_finish (result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_store_lookup_clear (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *other = NULL;
  g_autofree char *cleared = NULL;
  gboolean done = FALSE;

  attune_lrs_secret_store ("https://lrs.example.org/xAPI/", "classroom", "other secret", NULL, stored, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  done = FALSE;
  attune_lrs_secret_store ("http://127.0.0.1:9/xAPI/", "attune", SECRET, NULL, stored, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  found = attune_lrs_secret_lookup_sync ("http://127.0.0.1:9/xAPI/", "attune", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, SECRET);
  other = attune_lrs_secret_lookup_sync ("https://lrs.example.org/xAPI/", "someone-else", NULL, &error);
  g_assert_null (other);

  g_assert_true (attune_lrs_secret_clear_sync ("https://lrs.example.org/xAPI/", "classroom", NULL, &error));
  cleared = attune_lrs_secret_lookup_sync ("https://lrs.example.org/xAPI/", "classroom", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (cleared);
}

static void
changed (AttuneLrsService *service,
         gpointer          data)
{
  char **line = data;
  g_autofree char *text = attune_lrs_service_describe (service);

  if (!attune_lrs_service_is_busy (service) && text != NULL && strstr (text, "could not be reached") != NULL)
    {
      g_free (*line);
      *line = g_steal_pointer (&text);
    }
}

static void
test_service_uses_keyring (void)
{
  g_autofree char *path = g_build_filename (dir, "progress.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(AttuneLrsService) service = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;
  AttuneQueueStatus status;
  gsize length;
  gint64 profile;

  store = attune_store_open (path, NULL, &error);
  profile = attune_store_create_profile (store, "Learner", &error);
  attune_store_begin_attempt (store, profile, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  g_assert_no_error (error);

  /* Port 9 on loopback: nothing listens, so the sync fails after finding the secret. */
  g_settings_set_string (settings, "lrs-endpoint", "http://127.0.0.1:9/xAPI/");
  g_settings_set_string (settings, "lrs-key", "attune");
  service = attune_lrs_service_new (settings, path);
  g_signal_connect (service, "changed", G_CALLBACK (changed), &line);
  while (line == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("%s", line);
  g_assert_nonnull (strstr (line, "could not be reached"));
  g_assert_null (strstr (line, "keyring"));
  g_assert_nonnull (strstr (line, "1 record is waiting"));
  attune_lrs_service_shutdown (service);

  g_assert_true (attune_store_queue_get_status (store, &status, &error));
  g_assert_cmpuint (status.pending, ==, 1);
  g_assert_nonnull (strstr (status.last_error, "could not be reached"));
  attune_queue_status_clear (&status);

  /* The secret is in the keyring only. */
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_assert_null (strstr (text, SECRET));
    }
  g_clear_object (&store);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_null (memmem (contents, length, SECRET, strlen (SECRET)));
  g_clear_pointer (&contents, g_free);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);

    if (g_file_get_contents (wal, &contents, &length, NULL))
      g_assert_null (memmem (contents, length, SECRET, strlen (SECRET)));
  }
  g_settings_reset (settings, "lrs-endpoint");
  g_settings_reset (settings, "lrs-key");
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("ATTUNE_LRS_RETRY_MS", "20", TRUE);
  dir = g_dir_make_tmp ("attune-keyring-XXXXXX", NULL);
  keyring = attune_test_keyring_start (dir);

  g_test_add_func ("/keyring/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/keyring/service", test_service_uses_keyring);
  status = g_test_run ();

  attune_test_keyring_stop (g_steal_pointer (&keyring));
  g_free (dir);
  return status;
}
