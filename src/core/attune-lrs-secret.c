/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The learning record store's secret lives in the keyring (the Secret
 * Service, through libsecret), never in GSettings or the progress file.
 * One item per endpoint and key.
 */
#include "config.h"

#include <libsecret/secret.h>

#include <glib/gi18n.h>

#include "attune-lrs-secret.h"

static const SecretSchema *
lrs_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".LearningRecordStore", SECRET_SCHEMA_NONE,
    {
      { "endpoint", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "key", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static void
stored (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Saves @secret for @endpoint and @key in the default keyring. */
void
attune_lrs_secret_store (const char          *endpoint,
                         const char          *key,
                         const char          *secret,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  /* Translators: the name of the keyring item; %s is the LRS's address */
  g_autofree char *label = g_strdup_printf (_("Attune learning record store secret for %s"), endpoint);

  secret_password_store (lrs_schema (), SECRET_COLLECTION_DEFAULT, label, secret, cancellable, stored, task,
                         "endpoint", endpoint, "key", key, NULL);
}

gboolean
attune_lrs_secret_store_finish (GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
looked_up (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, secret, (GDestroyNotify) secret_password_free);
}

/* Finds the secret for @endpoint and @key; %NULL without error if none. */
void
attune_lrs_secret_lookup (const char          *endpoint,
                          const char          *key,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  secret_password_lookup (lrs_schema (), cancellable, looked_up, task, "endpoint", endpoint, "key", key, NULL);
}

/* Returns: (transfer full) (nullable): free with g_free() */
char *
attune_lrs_secret_lookup_finish (GAsyncResult  *result,
                                 GError       **error)
{
  char *secret = g_task_propagate_pointer (G_TASK (result), error);
  char *copy = g_strdup (secret);

  secret_password_free (secret);
  return copy;
}

char *
attune_lrs_secret_lookup_sync (const char    *endpoint,
                               const char    *key,
                               GCancellable  *cancellable,
                               GError       **error)
{
  char *secret = secret_password_lookup_sync (lrs_schema (), cancellable, error,
                                              "endpoint", endpoint, "key", key, NULL);
  char *copy = g_strdup (secret);

  secret_password_free (secret);
  return copy;
}

gboolean
attune_lrs_secret_clear_sync (const char    *endpoint,
                              const char    *key,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  secret_password_clear_sync (lrs_schema (), cancellable, &local_error, "endpoint", endpoint, "key", key, NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
