/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exports: CSV is RFC 4180 (quoting, CRLF) with a row per decision; xAPI
 * is an array of valid 1.0.3 statements with account actors, ADL verbs,
 * IRI activity ids, ISO 8601 timestamps and ids stable across exports.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <glib/gstdio.h>

#include "attune-export.h"
#include "attune-xapi.h"

static char *dir;
static char *path;

static AttuneStore *
filled_store (void)
{
  g_autoptr(GError) error = NULL;
  AttuneStore *store = attune_store_open (path, NULL, &error);
  AttuneStoreEvidence good[] = { { "reassure", 2 }, { "active-listening", 1 } };
  AttuneStoreEvidence bad[] = { { "reassure", -3 } };
  gint64 dana, sam, attempt;

  g_assert_no_error (error);
  if (attune_store_find_profile (store, "Dana \"D\", Jones") != 0)
    return store;
  dana = attune_store_create_profile (store, "Dana \"D\", Jones", &error);
  sam = attune_store_create_profile (store, "Sam", &error);
  attempt = attune_store_begin_attempt (store, dana, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  attune_store_record_choice_full (store, attempt, "opening", 1, (const guint8[]) { 2, 1, 0 }, 3, 3250, good, 2, &error);
  /* Written first by the learner, with a comma and a quote to escape. */
  attune_store_record_choice_with_own_reply (store, attempt, "details", 0, NULL, 0, 900, bad, 1,
                                             "Sorry, that's \"awful\"", &error);
  attune_store_finish_attempt (store, attempt, "resolved", 3, &error);
  attempt = attune_store_begin_attempt (store, sam, "expired-coupon", ATTUNE_ATTEMPT_ASSESSMENT, &error);
  attune_store_record_choice (store, attempt, "opening", 2, 1000, bad, 1, &error);
  attune_store_finish_attempt (store, attempt, "lost", -4, &error);
  attempt = attune_store_begin_attempt (store, sam, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  attune_store_abandon_attempt (store, attempt, &error);
  g_assert_no_error (error);
  return store;
}

static void
test_csv_field (void)
{
  g_autofree char *plain = attune_csv_field ("plain");
  g_autofree char *comma = attune_csv_field ("a,b");
  g_autofree char *quote = attune_csv_field ("say \"hi\"");
  g_autofree char *line = attune_csv_field ("two\nlines");

  g_assert_cmpstr (plain, ==, "plain");
  g_assert_cmpstr (comma, ==, "\"a,b\"");
  g_assert_cmpstr (quote, ==, "\"say \"\"hi\"\"\"");
  g_assert_cmpstr (line, ==, "\"two\nlines\"");
}

static void
test_csv (void)
{
  g_autoptr(AttuneStore) store = filled_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = attune_export_progress (store, 0, ATTUNE_EXPORT_CSV, &error);
  g_auto(GStrv) rows = NULL;

  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (csv, -1, NULL));
  rows = g_strsplit (csv, "\r\n", -1);
  /* Header, three decisions, and the empty string after the last CRLF. */
  g_assert_cmpuint (g_strv_length (rows), ==, 5);
  g_assert_true (g_str_has_prefix (rows[0], "profile,attempt,scenario,mode,"));
  g_assert_true (g_str_has_prefix (rows[1], "\"Dana \"\"D\"\", Jones\",1,late-parcel,coach,"));
  g_assert_nonnull (strstr (rows[1], ",opening,2,"));
  g_assert_true (g_str_has_suffix (rows[0], ",evidence,shown_position,shown_order,own_reply"));
  /* Authored reply 2 was shown second, in the order 3, 2, 1. */
  g_assert_true (g_str_has_suffix (rows[1], ",3250,active-listening:+1;reassure:+2,2,3 2 1,"));
  /* The learner's own reply, quoted. */
  g_assert_true (g_str_has_suffix (rows[2], ",,,\"Sorry, that's \"\"awful\"\"\""));
  /* Not recorded: empty fields. */
  g_assert_true (g_str_has_suffix (rows[3], "reassure:-3,,,"));
  g_assert_nonnull (strstr (rows[3], ",lost,-4,"));
  g_assert_cmpstr (rows[4], ==, "");
}

static void
assert_statement_valid (JsonObject *statement)
{
  static const char *verbs[] = { "attempted", "answered", "completed", "passed", "failed", NULL };
  JsonObject *actor = json_object_get_object_member (statement, "actor");
  JsonObject *account = json_object_get_object_member (actor, "account");
  JsonObject *verb = json_object_get_object_member (statement, "verb");
  JsonObject *object = json_object_get_object_member (statement, "object");
  const char *id = json_object_get_string_member (statement, "id");
  const char *verb_id = json_object_get_string_member (verb, "id");
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (json_object_get_string_member (statement, "timestamp"), NULL);
  gboolean known = FALSE;

  g_assert_true (g_uuid_string_is_valid (id));
  g_assert_cmpint (id[14], ==, '5');
  g_assert_false (json_object_has_member (actor, "mbox"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (account, "homePage"), "https://"));
  g_assert_cmpstr (json_object_get_string_member (account, "name"), !=, "");
  for (guint i = 0; verbs[i] != NULL; i++)
    {
      g_autofree char *expected = g_strconcat ("http://adlnet.gov/expapi/verbs/", verbs[i], NULL);
      known |= g_str_equal (verb_id, expected);
    }
  g_assert_true (known);
  g_assert_cmpstr (json_object_get_string_member (object, "objectType"), ==, "Activity");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "id"), "https://"));
  g_assert_nonnull (time);
  /* xAPI 1.0.3 §2.4.10: the LRS sets the version, not the client. */
  g_assert_false (json_object_has_member (statement, "version"));
  /* The display name is not sent: a rename must not change a statement. */
  g_assert_false (json_object_has_member (actor, "name"));
}

static JsonArray *
parse_array (const char *text, JsonParser **parser)
{
  g_autoptr(GError) error = NULL;

  *parser = json_parser_new ();
  g_assert_true (json_parser_load_from_data (*parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (*parser)));
  return json_node_get_array (json_parser_get_root (*parser));
}

static void
test_xapi (void)
{
  g_autoptr(AttuneStore) store = filled_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = attune_export_progress (store, 0, ATTUNE_EXPORT_XAPI, &error);
  g_autofree char *second = attune_export_progress (store, 0, ATTUNE_EXPORT_XAPI, &error);
  g_autoptr(JsonParser) p1 = NULL;
  g_autoptr(JsonParser) p2 = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *a1 = parse_array (first, &p1);
  JsonArray *a2 = parse_array (second, &p2);
  guint passed = 0, failed = 0, answered = 0;

  /* attempted+2 answered+completed+passed; attempted+answered+completed+failed; attempted (abandoned) */
  g_assert_cmpuint (json_array_get_length (a1), ==, 5 + 4 + 1);
  for (guint i = 0; i < json_array_get_length (a1); i++)
    {
      JsonObject *s = json_array_get_object_element (a1, i);
      const char *verb = json_object_get_string_member (json_object_get_object_member (s, "verb"), "id");

      assert_statement_valid (s);
      /* Unique here, and the same in a second export: resending is harmless. */
      g_assert_true (g_hash_table_add (ids, (gpointer) json_object_get_string_member (s, "id")));
      g_assert_cmpstr (json_object_get_string_member (s, "id"), ==,
                       json_object_get_string_member (json_array_get_object_element (a2, i), "id"));
      passed += g_str_has_suffix (verb, "/passed");
      failed += g_str_has_suffix (verb, "/failed");
      if (g_str_has_suffix (verb, "/answered"))
        {
          JsonObject *result = json_object_get_object_member (s, "result");

          answered++;
          g_assert_true (json_object_has_member (result, "response"));
          g_assert_true (g_str_has_prefix (json_object_get_string_member (result, "duration"), "PT"));
        }
    }
  /* Dana's resolved attempt scored 3 of 6: resolved, but below the pass mark. */
  g_assert_cmpuint (passed, ==, 0);
  g_assert_cmpuint (failed, ==, 2);
  g_assert_cmpuint (answered, ==, 3);
}

/* A resolved attempt passes only with ATTUNE_XAPI_PASS_SCORE of good evidence. */
static void
test_passed (void)
{
  AttuneAttemptRecord attempt = { .outcome = "resolved", .good_weight = 7, .total_weight = 10 };

  g_assert_true (attune_xapi_attempt_passed (&attempt));
  attempt.good_weight = 6;
  g_assert_false (attune_xapi_attempt_passed (&attempt));
  attempt.good_weight = 10;
  attempt.outcome = "partly-resolved";
  g_assert_false (attune_xapi_attempt_passed (&attempt));
  attempt.outcome = "resolved";
  attempt.total_weight = attempt.good_weight = 0;
  g_assert_false (attune_xapi_attempt_passed (&attempt));
}

/* Two fresh progress files with the same history share no statement id
 * and no account; renaming a profile changes no statement. */
static void
test_identity (void)
{
  g_autofree char *other_path = g_build_filename (dir, "other.db", NULL);
  g_autoptr(AttuneStore) store = filled_store ();
  g_autoptr(AttuneStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = attune_export_progress (store, 0, ATTUNE_EXPORT_XAPI, &error);
  g_autofree char *after = NULL;
  g_autofree char *theirs = NULL;
  g_autoptr(JsonParser) p1 = NULL;
  g_autoptr(JsonParser) p2 = NULL;
  JsonArray *mine, *them;
  gint64 profile, attempt;

  other = attune_store_open (other_path, NULL, &error);
  g_assert_no_error (error);
  profile = attune_store_create_profile (other, "Dana \"D\", Jones", &error);
  attempt = attune_store_begin_attempt (other, profile, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);
  g_assert_cmpint (attempt, ==, 1);
  g_assert_no_error (error);
  theirs = attune_export_progress (other, 0, ATTUNE_EXPORT_XAPI, &error);
  mine = parse_array (before, &p1);
  them = parse_array (theirs, &p2);
  for (guint i = 0; i < json_array_get_length (mine); i++)
    {
      JsonObject *a = json_array_get_object_element (mine, i);
      JsonObject *b = json_array_get_object_element (them, 0);
      JsonObject *account_a = json_object_get_object_member (json_object_get_object_member (a, "actor"), "account");
      JsonObject *account_b = json_object_get_object_member (json_object_get_object_member (b, "actor"), "account");

      g_assert_cmpstr (json_object_get_string_member (a, "id"), !=, json_object_get_string_member (b, "id"));
      g_assert_cmpstr (json_object_get_string_member (account_a, "name"), !=,
                       json_object_get_string_member (account_b, "name"));
    }

  g_assert_true (attune_store_rename_profile (store, attune_store_find_profile (store, "Sam"), "Samira", &error));
  after = attune_export_progress (store, 0, ATTUNE_EXPORT_XAPI, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (attune_store_rename_profile (store, attune_store_find_profile (store, "Samira"), "Sam", &error));
}

static void
test_one_profile (void)
{
  g_autoptr(AttuneStore) store = filled_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = attune_export_progress (store, attune_store_find_profile (store, "Sam"),
                                                 ATTUNE_EXPORT_CSV, &error);

  g_assert_null (strstr (csv, "Dana"));
  g_assert_nonnull (strstr (csv, "\r\nSam,"));
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("attune-export-XXXXXX", NULL);
  path = g_build_filename (dir, "progress.db", NULL);

  g_test_add_func ("/export/csv-field", test_csv_field);
  g_test_add_func ("/export/csv", test_csv);
  g_test_add_func ("/export/xapi", test_xapi);
  g_test_add_func ("/export/passed", test_passed);
  g_test_add_func ("/export/identity", test_identity);
  g_test_add_func ("/export/one-profile", test_one_profile);
  status = g_test_run ();
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_unlink (file);
      }
    g_rmdir (dir);
  }
  return status;
}
