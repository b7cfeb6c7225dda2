/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The answers a real store rarely gives on demand, from a SoupServer on
 * loopback in its own thread: a 400 refuses only the bad statement and
 * the rest are sent; a 409 whose GET holds the identical statement counts
 * as sent, a different one is refused; 401 stops with a credentials
 * message; 503 is retried with back-off; every request has the xAPI
 * version header; plain HTTP goes to loopback only.
 */
#include "config.h"

#include <libsoup/soup.h>
#include <sqlite3.h>

#include <json-glib/json-glib.h>

#include "attune-lrs-sync.h"
#include "attune-store-queue.h"

typedef enum { STORE, FLAKY, UNAUTHORISED, BAD, CONFLICT } Mode;

static Mode mode;
static guint requests;
static guint failures_left;
static gboolean missing_header;
static GHashTable *stored;      /* id -> statement text */
static char *endpoint;
static char *dir;

static void
reply (SoupServerMessage *message,
       guint              status,
       const char        *body)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
handle (SoupServer        *server,
        SoupServerMessage *message,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *statements;

  requests++;
  if (g_strcmp0 (soup_message_headers_get_one (headers, "X-Experience-API-Version"), "1.0.3") != 0)
    missing_header = TRUE;
  if (mode == UNAUTHORISED)
    return reply (message, 401, "{\"message\":\"Unauthorised\"}");
  if (mode == FLAKY && failures_left > 0)
    {
      failures_left--;
      return reply (message, 503, "{}");
    }
  if (g_str_equal (soup_server_message_get_method (message), "GET"))
    {
      const char *id = query != NULL ? g_hash_table_lookup (query, "statementId") : NULL;
      const char *text = id != NULL ? g_hash_table_lookup (stored, id) : NULL;
      g_autofree char *changed = NULL;

      if (text == NULL)
        return reply (message, 404, "{\"message\":\"No Statement found\"}");
      /* The LRS adds what it adds; "different" marks the one to disagree on. */
      changed = g_strdup_printf ("{\"stored\":\"2026-01-01T00:00:00.000Z\",\"version\":\"1.0.0\",%s", text + 1);
      if (strstr (text, "details") != NULL)
        {
          char *timestamp = strstr (changed, "\"timestamp\":\"");

          g_assert_nonnull (timestamp);
          memcpy (timestamp + 13, "2001", 4);
        }
      return reply (message, 200, changed);
    }

  g_assert_true (json_parser_load_from_data (parser, body->data, body->length, NULL));
  statements = json_node_get_array (json_parser_get_root (parser));
  if (mode == CONFLICT)
    return reply (message, 409, "{\"message\":\"conflicting\"}");
  if (mode == BAD)
    for (guint i = 0; i < json_array_get_length (statements); i++)
      {
        JsonObject *object = json_object_get_object_member (json_array_get_object_element (statements, i), "object");

        if (strstr (json_object_get_string_member (object, "id"), "/nodes/details") != NULL)
          return reply (message, 400, "{\"warnings\":[\"Problem in 'statements.0.object.id'\"]}");
      }
  for (guint i = 0; i < json_array_get_length (statements); i++)
    {
      JsonNode *node = json_array_get_element (statements, i);
      char *text = json_to_string (node, FALSE);

      g_hash_table_replace (stored, g_strdup (json_object_get_string_member (json_node_get_object (node), "id")), text);
    }
  reply (message, 200, "[]");
}

static gpointer
serve (gpointer data)
{
  GMainContext *context = data;
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handle, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (server);
  endpoint = g_strdup_printf ("http://127.0.0.1:%d/xAPI/", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_loop_run (loop);
  return NULL;
}

static AttuneStore *
store_with_history (const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  AttuneStore *store = attune_store_open (path, NULL, &error);
  AttuneStoreEvidence good[] = { { "reassure", 2 } };
  gint64 profile, attempt;

  g_assert_no_error (error);
  profile = attune_store_create_profile (store, "Learner", &error);
  attempt = attune_store_begin_attempt (store, profile, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  attune_store_record_choice (store, attempt, "opening", 0, 1000, good, 1, &error);
  attune_store_record_choice (store, attempt, "details", 1, 1000, good, 1, &error);
  attune_store_finish_attempt (store, attempt, "resolved", 2, &error);
  g_assert_no_error (error);
  return store;
}

static gboolean
sync_once (AttuneStore          *store,
           AttuneLrsSyncReport  *report,
           GError              **error)
{
  g_autoptr(AttuneLrsClient) client = attune_lrs_client_new (endpoint, "key", "secret", error);

  g_assert_nonnull (client);
  attune_lrs_sync_report_init (report);
  return attune_lrs_sync (store, client, report, NULL, error);
}

static void
test_bad_statement (void)
{
  g_autoptr(AttuneStore) store = store_with_history ("bad.db");
  g_autoptr(GError) error = NULL;
  AttuneLrsSyncReport report;

  mode = BAD;
  g_assert_true (sync_once (store, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.sent, ==, 4);
  g_assert_cmpuint (report.refused, ==, 1);
  g_assert_cmpuint (report.remaining, ==, 1);
  g_assert_nonnull (strstr (report.refusals->str, "/nodes/details"));
  g_assert_nonnull (strstr (report.refusals->str, "statements.0.object.id"));
  attune_lrs_sync_report_clear (&report);

  /* A refused statement is kept, but not sent again on its own. */
  requests = 0;
  g_assert_true (sync_once (store, &report, &error));
  g_assert_cmpuint (requests, ==, 0);
  g_assert_cmpuint (report.remaining, ==, 1);
  attune_lrs_sync_report_clear (&report);

  /* attune --sync offers it again, reports it, and exits 1 keeping it. */
  {
    g_autofree char *credentials = g_build_filename (dir, "credentials", NULL);
    const char *argv[] = { g_getenv ("ATTUNE_BINARY"), "--sync", "--database", attune_store_get_path (store),
                           "--lrs", endpoint, "--lrs-credentials", credentials, NULL };
    g_autofree char *out = NULL, *err = NULL;
    AttuneQueueStatus status;
    int wait_status;

    g_assert_true (g_file_set_contents_full (credentials, "key:secret", -1, G_FILE_SET_CONTENTS_NONE, 0600, &error));
    requests = 0;
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &wait_status, &error));
    g_assert_cmpint (WEXITSTATUS (wait_status), ==, 1);
    g_assert_cmpuint (requests, ==, 1);
    g_assert_nonnull (strstr (err, "/nodes/details"));
    g_assert_nonnull (strstr (err, "was refused"));
    g_assert_nonnull (strstr (err, "1 statement is still queued"));
    g_assert_true (attune_store_queue_get_status (store, &status, &error));
    g_assert_cmpuint (status.refused, ==, 1);
    attune_queue_status_clear (&status);
  }
}

static void
test_conflict (void)
{
  g_autoptr(AttuneStore) store = store_with_history ("conflict.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (attune_store_get_path (store));
  AttuneLrsSyncReport report;
  sqlite3 *db;

  mode = STORE;
  g_assert_true (sync_once (store, &report, &error));
  g_assert_cmpuint (report.sent, ==, 5);
  attune_lrs_sync_report_clear (&report);

  /* As if a sync had stopped before removing what it sent. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO lrs_queue (attempt_id, choice_id, kind, queued_at)"
                                     " SELECT attempt_id, id, 'answered', chosen_at FROM choice", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  mode = CONFLICT;
  g_assert_true (sync_once (store, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.conflicts, >=, 1);
  g_assert_cmpuint (report.already_there, ==, 1);     /* "opening" is identical */
  g_assert_cmpuint (report.sent, ==, 1);
  g_assert_cmpuint (report.refused, ==, 1);           /* "details" differs */
  g_assert_nonnull (strstr (report.refusals->str, "different statement"));
  attune_lrs_sync_report_clear (&report);
}

static void
test_unauthorised (void)
{
  g_autoptr(AttuneStore) store = store_with_history ("unauthorised.db");
  g_autoptr(GError) error = NULL;
  AttuneLrsSyncReport report;

  mode = UNAUTHORISED;
  g_assert_false (sync_once (store, &report, &error));
  g_assert_error (error, ATTUNE_LRS_ERROR, ATTUNE_LRS_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "key and secret"));
  g_assert_cmpuint (report.remaining, ==, 5);
  attune_lrs_sync_report_clear (&report);
}

static void
test_back_off (void)
{
  g_autoptr(AttuneStore) store = store_with_history ("flaky.db");
  g_autoptr(GError) error = NULL;
  AttuneLrsSyncReport report;
  gint64 start = g_get_monotonic_time ();

  mode = FLAKY;
  failures_left = 2;
  requests = 0;
  g_assert_true (sync_once (store, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (requests, ==, 3);
  g_assert_cmpuint (report.sent, ==, 5);
  /* 20 ms, then 40 ms (ATTUNE_LRS_RETRY_MS doubles). */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 60 * 1000);
  attune_lrs_sync_report_clear (&report);

  failures_left = 100;
  store = (g_object_unref (store), store_with_history ("down.db"));
  g_assert_false (sync_once (store, &report, &error));
  g_assert_error (error, ATTUNE_LRS_ERROR, ATTUNE_LRS_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "503"));
  g_assert_cmpuint (report.remaining, ==, 5);
  attune_lrs_sync_report_clear (&report);
  g_assert_false (missing_header);
}

static void
test_endpoints (void)
{
  const char *allowed[] = { "https://lrs.example.org/xAPI/", "http://127.0.0.1:8080/xAPI/", "http://localhost/x",
                            "http://[::1]:80/xAPI/", "http://127.1.2.3/" };
  const char *refused[] = { "http://lrs.example.org/xAPI/", "http://192.168.1.5/xAPI/", "ftp://127.0.0.1/",
                            "lrs.example.org", "" };

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    g_assert_true (attune_lrs_endpoint_check (allowed[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      AttuneLrsError expected = *refused[i] == '\0' ? ATTUNE_LRS_ERROR_NOT_CONFIGURED : ATTUNE_LRS_ERROR_ENDPOINT;

      g_assert_false (attune_lrs_endpoint_check (refused[i], &error));
      g_assert_error (error, ATTUNE_LRS_ERROR, (int) expected);
    }
}

int
main (int argc, char *argv[])
{
  g_autoptr(GMainContext) context = g_main_context_new ();

  g_test_init (&argc, &argv, NULL);
  g_setenv ("ATTUNE_LRS_RETRY_MS", "20", TRUE);
  dir = g_dir_make_tmp ("attune-lrs-protocol-XXXXXX", NULL);
  stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_thread_unref (g_thread_new ("lrs", serve, context));
  while (g_atomic_pointer_get (&endpoint) == NULL)
    g_usleep (1000);

  g_test_add_func ("/lrs-protocol/endpoints", test_endpoints);
  g_test_add_func ("/lrs-protocol/bad-statement", test_bad_statement);
  g_test_add_func ("/lrs-protocol/conflict", test_conflict);
  g_test_add_func ("/lrs-protocol/unauthorised", test_unauthorised);
  g_test_add_func ("/lrs-protocol/back-off", test_back_off);
  return g_test_run ();
}
