/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sending the queue to the learning record store.
 *
 * Oldest first, in batches of ATTUNE_LRS_BATCH to POST statements. What
 * each answer means:
 *  - 200 or 204: every statement in the batch is stored; they leave the
 *    queue.
 *  - 409: some id is already in the LRS. A batch is all or nothing, so
 *    each statement is sent on its own; one still in conflict is fetched
 *    with GET statements?statementId=…, and counts as sent when the LRS
 *    holds the same statement (a sync that stopped before it could
 *    remove its rows, or a restored backup). A different statement under
 *    our id is refused.
 *  - 400: the batch is sent one by one, so that only the bad statement is
 *    refused (and reported with the LRS's reason) and the rest are sent.
 *  - 401 or 403: the credentials are wrong; stop.
 *  - a time-out, a network failure or a 5xx: retried with back-off by the
 *    client, then stop; the queue is kept for the next sync.
 * A refused statement stays in the queue, marked, and is not sent again
 * until attune_store_queue_retry_refused() (attune --sync, Sync Now, or a
 * change of the LRS settings).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

#include <json-glib/json-glib.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "attune-lrs-sync.h"
#include "attune-store-queue.h"
#include "attune-xapi.h"

void
attune_lrs_sync_report_init (AttuneLrsSyncReport *report)
{
  memset (report, 0, sizeof *report);
  report->refusals = g_string_new (NULL);
}

void
attune_lrs_sync_report_clear (AttuneLrsSyncReport *report)
{
  if (report->refusals != NULL)
    g_string_free (report->refusals, TRUE);
  report->refusals = NULL;
}

typedef struct
{
  AttuneAttemptRecord *attempt;
  GPtrArray *choices;
} AttemptCache;

static void
attempt_cache_free (AttemptCache *cache)
{
  g_clear_pointer (&cache->attempt, attune_attempt_record_free);
  g_clear_pointer (&cache->choices, g_ptr_array_unref);
  g_free (cache);
}

/* Builds the statement for one queued row; NULL with @error if it can't. */
static JsonObject *
build_statement (AttuneStore           *store,
                 AttuneXapiBuilder     *builder,
                 GHashTable            *attempts,
                 AttuneQueuedStatement *row,
                 GError               **error)
{
  AttemptCache *cache = g_hash_table_lookup (attempts, &row->attempt);
  AttuneChoiceRecord *choice = NULL;

  if (cache == NULL)
    {
      AttuneAttemptRecord *attempt = attune_store_queue_get_attempt (store, row->attempt, error);
      GPtrArray *choices;

      if (attempt == NULL)
        return NULL;
      choices = attune_store_list_choices (store, row->attempt, error);
      if (choices == NULL)
        {
          attune_attempt_record_free (attempt);
          return NULL;
        }
      cache = g_new0 (AttemptCache, 1);
      cache->attempt = attempt;
      cache->choices = choices;
      g_hash_table_insert (attempts, g_memdup2 (&row->attempt, sizeof row->attempt), cache);
    }
  if (row->kind == ATTUNE_QUEUED_ANSWERED)
    for (guint i = 0; i < cache->choices->len; i++)
      if (((AttuneChoiceRecord *) g_ptr_array_index (cache->choices, i))->id == row->choice)
        choice = g_ptr_array_index (cache->choices, i);
  return attune_xapi_builder_build (builder, cache->attempt, row->kind, choice, error);
}

static GBytes *
to_bytes (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length;
  char *text;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

static GBytes *
batch_bytes (GPtrArray *statements,
             guint      from,
             guint      n)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

  for (guint i = from; i < from + n; i++)
    json_array_add_object_element (array, json_object_ref (g_ptr_array_index (statements, i)));
  json_node_set_array (root, array);
  return to_bytes (root);
}

static gboolean
refuse (AttuneStore         *store,
        AttuneLrsSyncReport *report,
        gint64               row,
        JsonObject          *statement,
        const char          *reason,
        GError             **error)
{
  const char *verb = json_object_get_string_member (json_object_get_object_member (statement, "verb"), "id");
  const char *object = json_object_get_string_member (json_object_get_object_member (statement, "object"), "id");

  report->refused++;
  g_string_append_printf (report->refusals,
                          /* Translators: a statement the LRS refused: its id, verb, activity and the LRS's reason */
                          _("Statement %s (%s %s) was refused: %s\n"),
                          json_object_get_string_member (statement, "id"), verb, object, reason);
  return attune_store_queue_refuse (store, row, reason, error);
}

/* 409 for one statement: sent if the LRS holds the same one. */
static gboolean
resolve_conflict (AttuneStore          *store,
                  AttuneLrsClient      *client,
                  AttuneLrsSyncReport  *report,
                  gint64                row,
                  JsonObject           *statement,
                  gboolean             *sent,
                  GCancellable         *cancellable,
                  GError              **error)
{
  g_autofree char *resource = g_strdup_printf ("statements?statementId=%s", json_object_get_string_member (statement, "id"));
  g_autoptr(GBytes) response = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint status = attune_lrs_client_request (client, "GET", resource, NULL, &response, cancellable, error);
  gsize size;
  const char *data;
  JsonNode *root;

  *sent = FALSE;
  if (status == 0 || (status != 404 && !attune_lrs_client_status_error (status, response, error)))
    return FALSE;
  data = g_bytes_get_data (response, &size);
  if (status == 200 && json_parser_load_from_data (parser, data, (gssize) size, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
      attune_xapi_statements_match (statement, json_node_get_object (root)))
    {
      *sent = TRUE;
      report->already_there++;
      return TRUE;
    }
  if (status == 404)
    return refuse (store, report, row, statement,
                   _("the learning record store reported a conflict but holds no statement with this id"), error);
  return refuse (store, report, row, statement,
                 _("the learning record store holds a different statement with the same id"), error);
}

/* What the LRS's answer to a POST of this one statement means. */
static gboolean
judge_one (AttuneStore          *store,
           AttuneLrsClient      *client,
           AttuneLrsSyncReport  *report,
           gint64                row,
           JsonObject           *statement,
           guint                 status,
           GBytes               *response,
           gboolean             *sent,
           GCancellable         *cancellable,
           GError              **error)
{
  *sent = FALSE;
  if (status == 200 || status == 204)
    {
      *sent = TRUE;
      return TRUE;
    }
  if (status == 409)
    {
      report->conflicts++;
      return resolve_conflict (store, client, report, row, statement, sent, cancellable, error);
    }
  if (status == 400)
    {
      g_autofree char *reason = attune_lrs_response_message (response);

      return refuse (store, report, row, statement, reason != NULL ? reason : _("the statement is not valid"), error);
    }
  attune_lrs_client_status_error (status, response, error);
  return FALSE;
}

/* Sends one statement on its own, after its batch was refused. */
static gboolean
send_one (AttuneStore          *store,
          AttuneLrsClient      *client,
          AttuneLrsSyncReport  *report,
          gint64                row,
          JsonObject           *statement,
          gboolean             *sent,
          GCancellable         *cancellable,
          GError              **error)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) response = NULL;
  guint status;

  *sent = FALSE;
  json_array_add_object_element (array, json_object_ref (statement));
  json_node_set_array (root, array);
  body = to_bytes (root);
  status = attune_lrs_client_request (client, "POST", "statements", body, &response, cancellable, error);
  if (status == 0)
    return FALSE;
  return judge_one (store, client, report, row, statement, status, response, sent, cancellable, error);
}

/**
 * attune_lrs_sync:
 *
 * Sends everything queued (refused statements excepted) to the LRS.
 * Returns FALSE with @error set when it had to stop (the LRS could not be
 * reached, refused the credentials, or the progress file failed); what
 * was accepted until then has left the queue. @report says what was done.
 */
gboolean
attune_lrs_sync (AttuneStore          *store,
                 AttuneLrsClient      *client,
                 AttuneLrsSyncReport  *report,
                 GCancellable         *cancellable,
                 GError              **error)
{
  g_autoptr(AttuneXapiBuilder) builder = attune_xapi_builder_new (store, error);
  AttuneQueueStatus status;
  gboolean ok = builder != NULL;

  while (ok)
    {
      g_autoptr(GArray) rows = attune_store_queue_peek (store, ATTUNE_LRS_BATCH, error);
      g_autoptr(GHashTable) attempts = NULL;
      g_autoptr(GPtrArray) statements = NULL;
      g_autoptr(GArray) done = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GBytes) response = NULL;
      guint code;

      if (rows == NULL)
        {
          ok = FALSE;
          break;
        }
      if (rows->len == 0)
        break;

      attempts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) attempt_cache_free);
      statements = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      done = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; i < rows->len; i++)
        {
          AttuneQueuedStatement *row = &g_array_index (rows, AttuneQueuedStatement, i);
          JsonObject *statement = build_statement (store, builder, attempts, row, error);

          if (statement == NULL)
            {
              ok = FALSE;
              break;
            }
          g_ptr_array_add (statements, statement);
        }
      if (!ok)
        break;

      body = batch_bytes (statements, 0, statements->len);
      code = attune_lrs_client_request (client, "POST", "statements", body, &response, cancellable, error);
      if (code == 0)
        {
          ok = FALSE;
          break;
        }
      if (code == 200 || code == 204)
        {
          for (guint i = 0; i < rows->len; i++)
            g_array_append_val (done, g_array_index (rows, AttuneQueuedStatement, i).id);
        }
      else if ((code == 409 || code == 400) && rows->len == 1)
        {
          gint64 id = g_array_index (rows, AttuneQueuedStatement, 0).id;
          gboolean sent;

          /* A batch of one has had its answer already. */
          ok = judge_one (store, client, report, id, g_ptr_array_index (statements, 0), code, response,
                          &sent, cancellable, error);
          if (ok && sent)
            g_array_append_val (done, id);
        }
      else if (code == 409 || code == 400)
        {
          report->conflicts += code == 409;
          for (guint i = 0; i < rows->len && ok; i++)
            {
              gint64 id = g_array_index (rows, AttuneQueuedStatement, i).id;
              gboolean sent;

              ok = send_one (store, client, report, id, g_ptr_array_index (statements, i), &sent, cancellable, error);
              if (ok && sent)
                g_array_append_val (done, id);
            }
        }
      else
        {
          attune_lrs_client_status_error (code, response, error);
          ok = FALSE;
        }

      /* Whatever was accepted leaves the queue, even when the batch stopped half way. */
      if (!attune_store_queue_remove (store, (gint64 *) done->data, done->len, ok ? error : NULL) && ok)
        ok = FALSE;
      report->sent += done->len;
    }

  {
    g_autoptr(GError) status_error = NULL;

    if (attune_store_queue_get_status (store, &status, &status_error))
      {
        report->remaining = status.pending + status.refused;
        attune_queue_status_clear (&status);
      }
    else
      g_message ("Could not count the statements still queued: %s", status_error->message);
  }
  return ok;
}

/* Reads key:secret from @path, refusing a file that others can read. */
static gboolean
read_credentials (const char  *path,
                  char       **key,
                  char       **secret,
                  GString     *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GStatBuf info;
  char *colon;

  if (g_stat (path, &info) != 0)
    {
      int saved = errno;

      /* Translators: %s is a file path, then the system's reason */
      g_string_append_printf (message, _("The credentials file %s cannot be read: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    {
      /* Translators: %s is a file path; keep chmod 600 as it is */
      g_string_append_printf (message, _("The credentials file %s can be read by other users, so it was not used. Make it private with “chmod 600 %s” and try again."),
                              path, path);
      return FALSE;
    }
  if (!g_file_get_contents (path, &text, NULL, &error))
    {
      g_string_append (message, error->message);
      return FALSE;
    }
  g_strchomp (text);
  colon = strchr (text, ':');
  if (colon == NULL || colon == text)
    {
      /* Translators: %s is a file path; keep key:secret as it is */
      g_string_append_printf (message, _("The credentials file %s must hold the LRS key and secret as key:secret on one line."), path);
      return FALSE;
    }
  *colon = '\0';
  *key = g_strdup (text);
  *secret = g_strdup (colon + 1);
  return TRUE;
}

/**
 * attune_lrs_sync_command:
 * @database: (nullable): the progress file, or %NULL for the default
 * @endpoint: the LRS's xAPI endpoint
 * @credentials: a file holding key:secret, readable by its owner only
 * @output: receives a summary for standard output
 * @message: receives a translated explanation when the status is not 0
 *
 * `attune --sync`: returns 0 when everything queued was accepted, 1 when
 * something is still queued (the queue is kept), 2 for a usage error.
 */
int
attune_lrs_sync_command (const char *database,
                         const char *endpoint,
                         const char *credentials,
                         GString    *output,
                         GString    *message)
{
  g_autofree char *path = database != NULL ? g_strdup (database) : attune_store_default_path ();
  g_autofree char *key = NULL;
  g_autofree char *secret = NULL;
  g_autoptr(AttuneStore) store = NULL;
  g_autoptr(AttuneLrsClient) client = NULL;
  g_autoptr(GError) error = NULL;
  AttuneLrsSyncReport report;
  gboolean ok;
  int status;

  if (endpoint == NULL || credentials == NULL)
    {
      g_string_append (message, _("Say where to send the records with --lrs URL and --lrs-credentials FILE, where FILE holds key:secret."));
      return 2;
    }
  if (!attune_lrs_endpoint_check (endpoint, &error))
    {
      g_string_append (message, error->message);
      return 2;
    }
  if (!read_credentials (credentials, &key, &secret, message))
    return 2;
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      /* Translators: %s is a file path */
      g_string_append_printf (message, _("There is no progress to send yet: %s does not exist."), path);
      return 1;
    }
  store = attune_store_open (path, NULL, &error);
  if (store == NULL)
    {
      g_string_append (message, error->message);
      return 1;
    }
  client = attune_lrs_client_new (endpoint, key, secret, &error);
  if (client == NULL)
    {
      g_string_append (message, error->message);
      return 2;
    }

  /* A script asked for this sync: statements refused before are offered again. */
  attune_lrs_sync_report_init (&report);
  ok = attune_store_queue_retry_refused (store, &error) &&
       attune_lrs_sync (store, client, &report, NULL, &error);
  {
    g_autoptr(GError) result_error = NULL;

    if (!attune_store_queue_set_result (store, ok ? g_get_real_time () : 0, ok ? NULL : error->message, &result_error))
      g_message ("Could not note the sync's result: %s", result_error->message);
  }
  g_string_append_printf (output,
                          ngettext ("Sent %u statement to the learning record store.",
                                    "Sent %u statements to the learning record store.", report.sent),
                          report.sent);
  g_string_append_c (output, '\n');
  g_string_append (message, report.refusals->str);
  if (!ok)
    g_string_append_printf (message, "%s\n", error->message);
  if (report.remaining > 0)
    g_string_append_printf (message,
                            ngettext ("%u statement is still queued and will be sent by the next sync.",
                                      "%u statements are still queued and will be sent by the next sync.",
                                      report.remaining),
                            report.remaining);
  status = ok && report.remaining == 0 ? 0 : 1;
  attune_lrs_sync_report_clear (&report);
  if (message->len > 0 && message->str[message->len - 1] == '\n')
    g_string_truncate (message, message->len - 1);
  return status;
}
