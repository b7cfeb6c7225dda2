/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sync against a real learning record store: Learning Locker's statement
 * service (xapi-statements 5.0.1, installed from npm into _build/lrs by
 * build-aux/dev), in memory, on 127.0.0.1 only.
 *
 *  - two fresh installations with the same history sync without a 409;
 *  - a second sync sends nothing;
 *  - a rename changes nothing already sent (the export, sent again, is
 *    stored as it is, without a 409);
 *  - with the LRS stopped the sync fails clearly and keeps the queue;
 *    after a restart, `attune --sync` delivers it and exits 0;
 *  - every statement passes xapi-validation, and what the LRS returns for
 *    an id matches what was sent (the check used after a 409);
 *  - the background sync the app runs, with its secret in a real keyring
 *    (gnome-keyring-daemon in the test's D-Bus session), delivers too.
 *
 * The tests run in order and share the LRS and the two progress files.
 */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>

#include <json-glib/json-glib.h>
#include <glib/gstdio.h>

#include "attune-export.h"
#include "attune-lrs-secret.h"
#include "attune-lrs-service.h"
#include "attune-lrs-sync.h"
#include "attune-store-queue.h"
#include "attune-test-keyring.h"
#include "attune-xapi.h"

static char *dir;
static char *endpoint;
static guint16 port;
static GSubprocess *lrs;
static AttuneStore *first;
static AttuneStore *second;

static guint16
free_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, TRUE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* The LRS listens on 127.0.0.1 only: /proc/net/tcp lists its socket. */
static void
assert_loopback_only (void)
{
  g_autofree char *table = NULL;
  g_autofree char *local = g_strdup_printf ("0100007F:%04X", port);
  g_autofree char *any = g_strdup_printf ("00000000:%04X", port);

  g_assert_true (g_file_get_contents ("/proc/net/tcp", &table, NULL, NULL));
  g_assert_nonnull (strstr (table, local));
  g_assert_null (strstr (table, any));
}

static void
lrs_start (void)
{
  const char *modules = g_getenv ("ATTUNE_LRS_MODULES");
  g_autofree char *server = g_test_build_filename (G_TEST_DIST, "lrs", "lrs-server.js", NULL);
  g_autofree char *run = g_build_filename (dir, "lrs-run", NULL);
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autofree char *marker = g_build_filename (modules != NULL ? modules : "", "xapi-statements", "package.json", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;

  if (modules == NULL || !g_file_test (marker, G_FILE_TEST_EXISTS))
    g_error ("xapi-statements is not installed in %s: run build-aux/dev test, which installs it with npm",
             modules != NULL ? modules : "(ATTUNE_LRS_MODULES unset)");
  g_mkdir_with_parents (run, 0700);
  g_subprocess_launcher_set_cwd (launcher, run);
  g_subprocess_launcher_setenv (launcher, "NODE_PATH", modules, TRUE);
  g_subprocess_launcher_setenv (launcher, "EXPRESS_PORT", port_text, TRUE);
  lrs = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("ATTUNE_NODE"), server, NULL);
  g_assert_no_error (error);

  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(GSocketConnection) connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);

      if (connection != NULL)
        {
          assert_loopback_only ();
          return;
        }
      if (g_subprocess_get_identifier (lrs) == NULL)
        g_error ("The LRS exited before it listened");
      g_usleep (100 * 1000);
    }
  g_error ("The LRS did not start listening on 127.0.0.1:%u within 30 seconds", port);
}

static void
lrs_stop (void)
{
  g_subprocess_send_signal (lrs, SIGTERM);
  g_subprocess_wait (lrs, NULL, NULL);
  g_clear_object (&lrs);
}

static AttuneStore *
learner_store (const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  AttuneStore *store = attune_store_open (path, NULL, &error);
  AttuneStoreEvidence good[] = { { "reassure", 2 }, { "active-listening", 1 } };
  AttuneStoreEvidence bad[] = { { "reassure", -1 } };
  gint64 profile, attempt;

  g_assert_no_error (error);
  profile = attune_store_create_profile (store, "Learner", &error);
  attempt = attune_store_begin_attempt (store, profile, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  attune_store_record_choice (store, attempt, "opening", 1, 3250, good, 2, &error);
  attune_store_record_choice (store, attempt, "details", 0, 900, bad, 1, &error);
  attune_store_finish_attempt (store, attempt, "resolved", 3, &error);
  g_assert_no_error (error);
  return store;
}

static AttuneQueueStatus
queue_status (AttuneStore *store)
{
  AttuneQueueStatus status;
  g_autoptr(GError) error = NULL;

  g_assert_true (attune_store_queue_get_status (store, &status, &error));
  g_assert_no_error (error);
  attune_queue_status_clear (&status);
  return status;
}

static AttuneLrsClient *
client_new (void)
{
  g_autoptr(GError) error = NULL;
  AttuneLrsClient *client = attune_lrs_client_new (endpoint, "attune-test", "not-a-real-secret", &error);

  g_assert_no_error (error);
  return client;
}

static JsonNode *
get_json (const char *resource)
{
  g_autoptr(AttuneLrsClient) client = client_new ();
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint status = attune_lrs_client_request (client, "GET", resource, NULL, &response, NULL, &error);
  gsize size;
  const char *data;

  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  data = g_bytes_get_data (response, &size);
  g_assert_true (json_parser_load_from_data (parser, data, (gssize) size, &error));
  return json_node_copy (json_parser_get_root (parser));
}

/* Every statement the LRS holds for @store's learner. */
static guint
count_in_lrs (AttuneStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = attune_store_get_profile_uid (store, attune_store_find_profile (store, "Learner"), &error);
  g_autofree char *agent = g_strdup_printf ("{\"objectType\":\"Agent\",\"account\":{\"homePage\":\"%s\",\"name\":\"%s\"}}",
                                            ATTUNE_XAPI_ACCOUNT_HOME, uid);
  g_autofree char *escaped = g_uri_escape_string (agent, NULL, FALSE);
  g_autofree char *resource = g_strdup_printf ("statements?limit=1000&agent=%s", escaped);
  g_autoptr(JsonNode) root = get_json (resource);

  return json_array_get_length (json_object_get_array_member (json_node_get_object (root), "statements"));
}

static void
test_two_installations (void)
{
  g_autoptr(GError) error = NULL;
  AttuneStore *stores[] = { first, second };

  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    {
      g_autoptr(AttuneLrsClient) client = client_new ();
      AttuneLrsSyncReport report;
      guint queued = queue_status (stores[i]).pending;

      g_assert_cmpuint (queued, ==, 5);
      attune_lrs_sync_report_init (&report);
      g_assert_true (attune_lrs_sync (stores[i], client, &report, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (report.conflicts, ==, 0);
      g_assert_cmpuint (report.refused, ==, 0);
      g_assert_cmpuint (report.sent, ==, queued);
      g_assert_cmpuint (report.remaining, ==, 0);
      attune_lrs_sync_report_clear (&report);
      g_assert_cmpuint (queue_status (stores[i]).pending, ==, 0);
    }
  /* Same history, same row ids: still two learners, five statements each. */
  g_assert_cmpuint (count_in_lrs (first), ==, 5);
  g_assert_cmpuint (count_in_lrs (second), ==, 5);
}

static void
test_second_sync_sends_nothing (void)
{
  g_autoptr(AttuneLrsClient) client = client_new ();
  g_autoptr(GError) error = NULL;
  AttuneLrsSyncReport report;

  attune_lrs_sync_report_init (&report);
  g_assert_true (attune_lrs_sync (first, client, &report, NULL, &error));
  g_assert_cmpuint (report.sent, ==, 0);
  g_assert_cmpuint (report.conflicts, ==, 0);
  attune_lrs_sync_report_clear (&report);
  g_assert_cmpuint (count_in_lrs (first), ==, 5);
}

/* After a rename, the same statements again: stored as they are. */
static void
test_rename (void)
{
  g_autoptr(AttuneLrsClient) client = client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *export = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) response = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *statements;

  g_assert_true (attune_store_rename_profile (first, attune_store_find_profile (first, "Learner"), "Renamed", &error));
  export = attune_export_progress (first, 0, ATTUNE_EXPORT_XAPI, &error);
  g_assert_no_error (error);
  body = g_bytes_new (export, strlen (export));
  g_assert_cmpuint (attune_lrs_client_request (client, "POST", "statements", body, &response, NULL, &error), ==, 200);
  g_assert_cmpuint (queue_status (first).pending, ==, 0);
  g_assert_true (attune_store_rename_profile (first, attune_store_find_profile (first, "Renamed"), "Learner", &error));
  g_assert_cmpuint (count_in_lrs (first), ==, 5);

  /* What the LRS holds is what Attune would send: the 409 check agrees. */
  g_assert_true (json_parser_load_from_data (parser, export, -1, &error));
  statements = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (statements); i++)
    {
      JsonObject *ours = json_array_get_object_element (statements, i);
      g_autofree char *resource = g_strdup_printf ("statements?statementId=%s", json_object_get_string_member (ours, "id"));
      g_autoptr(JsonNode) stored = get_json (resource);
      g_autoptr(JsonObject) changed = NULL;

      g_assert_true (attune_xapi_statements_match (ours, json_node_get_object (stored)));
      g_assert_false (json_object_has_member (ours, "version"));
    }
}

static int
run_cli (const char *database,
         char      **out,
         char      **err)
{
  g_autofree char *credentials = g_build_filename (dir, "credentials", NULL);
  const char *argv[] = { g_getenv ("ATTUNE_BINARY"), "--sync", "--database", database, "--lrs", endpoint,
                         "--lrs-credentials", credentials, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_file_set_contents_full (credentials, "attune-test:not-a-real-secret\n", -1,
                                           G_FILE_SET_CONTENTS_NONE, 0600, &error));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : WEXITSTATUS (status);
}

static void
test_offline (void)
{
  g_autoptr(AttuneLrsClient) client = client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  AttuneLrsSyncReport report;
  gint64 attempt;

  lrs_stop ();
  attempt = attune_store_begin_attempt (first, attune_store_find_profile (first, "Learner"), "expired-coupon",
                                        ATTUNE_ATTEMPT_ASSESSMENT, &error);
  attune_store_abandon_attempt (first, attempt, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queue_status (first).pending, ==, 1);

  attune_lrs_sync_report_init (&report);
  g_assert_false (attune_lrs_sync (first, client, &report, NULL, &error));
  g_assert_error (error, ATTUNE_LRS_ERROR, ATTUNE_LRS_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "could not be reached"));
  g_assert_nonnull (strstr (error->message, "kept"));
  g_assert_cmpuint (report.sent, ==, 0);
  attune_lrs_sync_report_clear (&report);
  g_assert_cmpuint (queue_status (first).pending, ==, 1);

  g_assert_cmpint (run_cli (attune_store_get_path (first), &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "could not be reached"));
  g_assert_nonnull (strstr (err, "1 statement is still queued"));
  g_assert_cmpuint (queue_status (first).pending, ==, 1);

  lrs_start ();
  g_assert_cmpint (run_cli (attune_store_get_path (first), &out2, &err2), ==, 0);
  g_assert_nonnull (strstr (out2, "Sent 1 statement"));
  g_assert_cmpuint (queue_status (first).pending, ==, 0);
  /* The restarted LRS is empty: exactly the queued statement arrived. */
  g_assert_cmpuint (count_in_lrs (first), ==, 1);
}

static void
test_validation (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "lrs", "validate.js", NULL);
  g_autofree char *file_a = g_build_filename (dir, "first.json", NULL);
  g_autofree char *file_b = g_build_filename (dir, "second.json", NULL);
  g_autofree char *a = attune_export_progress (first, 0, ATTUNE_EXPORT_XAPI, &error);
  g_autofree char *b = attune_export_progress (second, 0, ATTUNE_EXPORT_XAPI, &error);
  g_autofree char *out = NULL, *err = NULL;
  const char *argv[] = { g_getenv ("ATTUNE_NODE"), script, file_a, file_b, NULL };
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "NODE_PATH", g_getenv ("ATTUNE_LRS_MODULES"), TRUE);
  int status;

  g_assert_true (g_file_set_contents (file_a, a, -1, &error));
  g_assert_true (g_file_set_contents (file_b, b, -1, &error));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_test_message ("xapi-validation: %s%s", out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* 5 + 6 (the abandoned attempt adds one) + 5 statements. */
  g_assert_nonnull (strstr (out, "11 statements checked, 0 problems"));
}

static void
test_refuses_shared_credentials (void)
{
  g_autofree char *credentials = g_build_filename (dir, "credentials", NULL);
  g_autofree char *out = NULL, *err = NULL;

  run_cli (attune_store_get_path (first), &out, &err);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (g_chmod (credentials, 0644), ==, 0);
  {
    const char *argv[] = { g_getenv ("ATTUNE_BINARY"), "--sync", "--database", attune_store_get_path (first),
                           "--lrs", endpoint, "--lrs-credentials", credentials, NULL };
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, NULL));
    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
    g_assert_nonnull (strstr (err, "can be read by other users"));
  }
}

static void
secret_stored (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_assert_true (attune_lrs_secret_store_finish (result, NULL));
  *(gboolean *) data = TRUE;
}

static void
service_changed (AttuneLrsService *service,
                 gpointer          data)
{
  gboolean *sent = data;
  g_autofree char *line = attune_lrs_service_describe (service);

  if (!attune_lrs_service_is_busy (service) && line != NULL)
    {
      g_test_message ("status line: %s", line);
      *sent = strstr (line, "All learning records sent") != NULL;
      g_assert_null (strstr (line, "could not"));
    }
}

/* The app's way: the background sync, with the secret in a real keyring
 * and the settings in GSettings, delivers a third installation's records. */
static void
test_background_service (void)
{
  g_autoptr(GSubprocess) keyring = attune_test_keyring_start (dir);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(AttuneStore) third = learner_store ("third.db");
  g_autoptr(AttuneLrsService) service = NULL;
  gboolean saved = FALSE, sent = FALSE;

  attune_lrs_secret_store (endpoint, "attune-test", "not-a-real-secret", NULL, secret_stored, &saved);
  while (!saved)
    g_main_context_iteration (NULL, TRUE);
  g_settings_set_string (settings, "lrs-endpoint", endpoint);
  g_settings_set_string (settings, "lrs-key", "attune-test");

  service = attune_lrs_service_new (settings, attune_store_get_path (third));
  g_signal_connect (service, "changed", G_CALLBACK (service_changed), &sent);
  while (!sent)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (queue_status (third).pending, ==, 0);
  g_assert_cmpuint (count_in_lrs (third), ==, 5);

  attune_lrs_service_shutdown (service);
  g_settings_reset (settings, "lrs-endpoint");
  g_settings_reset (settings, "lrs-key");
  attune_test_keyring_stop (g_steal_pointer (&keyring));
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("ATTUNE_LRS_RETRY_MS", "20", TRUE);
  dir = g_dir_make_tmp ("attune-lrs-XXXXXX", NULL);
  port = free_port ();
  endpoint = g_strdup_printf ("http://127.0.0.1:%u/xAPI/", port);
  lrs_start ();
  first = learner_store ("first.db");
  second = learner_store ("second.db");

  g_test_add_func ("/lrs/two-installations", test_two_installations);
  g_test_add_func ("/lrs/second-sync-sends-nothing", test_second_sync_sends_nothing);
  g_test_add_func ("/lrs/rename", test_rename);
  g_test_add_func ("/lrs/offline", test_offline);
  g_test_add_func ("/lrs/validation", test_validation);
  g_test_add_func ("/lrs/credentials-file", test_refuses_shared_credentials);
  g_test_add_func ("/lrs/background-service", test_background_service);
  status = g_test_run ();

  lrs_stop ();
  g_clear_object (&first);
  g_clear_object (&second);
  g_free (endpoint);
  g_free (dir);
  return status;
}
