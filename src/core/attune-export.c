/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Progress leaves Attune in two forms:
 *
 *  - CSV: one row per decision with its evidence, UTF-8, RFC 4180 (every
 *    field that needs it is quoted, quotes doubled, CRLF line ends), for
 *    spreadsheets.
 *  - xAPI 1.0.3: a JSON array of statements for an organisation's learning
 *    record store. The actor is an account (never an e-mail address); the
 *    verbs are ADL's (attempted, answered, completed, passed, failed);
 *    activity ids are IRIs; every statement id is a name-based UUID
 *    derived from what it describes, so sending an export twice stores
 *    nothing twice.
 */
#include "config.h"

#include <stdio.h>

#include <json-glib/json-glib.h>

#include <glib/gi18n.h>

#include "attune-export.h"

#define ACTIVITY_BASE "https://attune.github.io/activities"
#define ACCOUNT_HOME "https://attune.github.io/learners"
#define VERB_BASE "http://adlnet.gov/expapi/verbs/"

gboolean
attune_export_parse_format (const char         *name,
                            AttuneExportFormat *format)
{
  if (g_strcmp0 (name, "csv") == 0)
    *format = ATTUNE_EXPORT_CSV;
  else if (g_strcmp0 (name, "xapi") == 0)
    *format = ATTUNE_EXPORT_XAPI;
  else
    return FALSE;
  return TRUE;
}

/* One RFC 4180 field: quoted when it holds a comma, quote or line break. */
char *
attune_csv_field (const char *text)
{
  g_autoptr(GString) field = NULL;

  if (text == NULL)
    return g_strdup ("");
  if (strpbrk (text, ",\"\r\n") == NULL)
    return g_strdup (text);

  field = g_string_new ("\"");
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (field, '"');
      g_string_append_c (field, *p);
    }
  g_string_append_c (field, '"');
  return g_string_free (g_steal_pointer (&field), FALSE);
}

static char *
iso8601 (gint64 time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);
  g_autoptr(GDateTime) precise = g_date_time_add (when, time % G_USEC_PER_SEC);

  return g_date_time_format_iso8601 (precise);
}

static void
append_row (GString  *csv,
            char    **fields)
{
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *field = attune_csv_field (fields[i]);

      if (i > 0)
        g_string_append_c (csv, ',');
      g_string_append (csv, field);
    }
  g_string_append (csv, "\r\n");
}

/**
 * attune_export_statement_id:
 *
 * A version 5 (SHA-1, name-based) UUID for @name: the same decision always
 * gets the same statement id.
 */
char *
attune_export_statement_id (const char *name)
{
  /* The URL namespace of RFC 4122. */
  static const guint8 namespace[16] = { 0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
                                        0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8 };
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize length = sizeof digest;

  g_checksum_update (sha1, namespace, sizeof namespace);
  g_checksum_update (sha1, (const guchar *) name, -1);
  g_checksum_get_digest (sha1, digest, &length);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

static char *
evidence_text (GArray *evidence)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < evidence->len; i++)
    {
      AttuneStoreEvidence *e = &g_array_index (evidence, AttuneStoreEvidence, i);

      g_string_append_printf (text, "%s%s:%+d", i > 0 ? ";" : "", e->strategy, e->weight);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
profile_name (GPtrArray *profiles,
              gint64     id)
{
  for (guint i = 0; i < profiles->len; i++)
    {
      AttuneProfileRecord *record = g_ptr_array_index (profiles, i);

      if (record->id == id)
        return record->name;
    }
  return "";
}

/* Where the chosen reply was shown (1 for first) and the whole order, as
 * authored reply numbers ("3 1 2"); empty when not recorded (older
 * attempts, before replies were shuffled). */
static void
shown_fields (AttuneChoiceRecord  *choice,
              char               **position,
              char               **order)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) numbers = g_string_new (NULL);
  guint at = 0;

  if (choice->shown_order == NULL)
    {
      *position = g_strdup ("");
      *order = g_strdup ("");
      return;
    }
  parts = g_strsplit (choice->shown_order, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 authored = g_ascii_strtoull (parts[i], NULL, 10);

      if (authored == choice->choice_index)
        at = i + 1;
      g_string_append_printf (numbers, i > 0 ? " %u" : "%u", (guint) authored + 1);
    }
  *position = at > 0 ? g_strdup_printf ("%u", at) : g_strdup ("");
  *order = g_string_free (g_steal_pointer (&numbers), FALSE);
}

static gboolean
export_csv (AttuneStore  *store,
            GPtrArray    *profiles,
            GPtrArray    *attempts,
            GString      *out,
            GError      **error)
{
  char *header[] = { "profile", "attempt", "scenario", "mode", "attempt_started", "attempt_ended",
                     "outcome", "final_mood", "decision", "node", "choice", "chosen_at",
                     "time_taken_ms", "evidence", "shown_position", "shown_order", "own_reply", NULL };

  append_row (out, header);
  for (guint i = attempts->len; i-- > 0;)
    {
      AttuneAttemptRecord *attempt = g_ptr_array_index (attempts, i);
      g_autoptr(GPtrArray) choices = attune_store_list_choices (store, attempt->id, error);
      g_autofree char *attempt_id = g_strdup_printf ("%" G_GINT64_FORMAT, attempt->id);
      g_autofree char *started = iso8601 (attempt->started_at);
      g_autofree char *ended = attempt->ended_at > 0 ? iso8601 (attempt->ended_at) : g_strdup ("");
      g_autofree char *mood = attempt->outcome != NULL && !g_str_equal (attempt->outcome, "abandoned")
                              ? g_strdup_printf ("%d", attempt->final_mood) : g_strdup ("");

      if (choices == NULL)
        return FALSE;
      for (guint j = 0; j < choices->len; j++)
        {
          AttuneChoiceRecord *choice = g_ptr_array_index (choices, j);
          g_autofree char *seq = g_strdup_printf ("%u", choice->seq);
          g_autofree char *index = g_strdup_printf ("%u", choice->choice_index + 1);
          g_autofree char *chosen = iso8601 (choice->chosen_at);
          g_autofree char *taken = g_strdup_printf ("%u", choice->time_taken_ms);
          g_autofree char *evidence = evidence_text (choice->evidence);
          g_autofree char *position = NULL;
          g_autofree char *order = NULL;
          char *row[18];

          shown_fields (choice, &position, &order);
          row[0] = (char *) profile_name (profiles, attempt->profile);
          row[1] = attempt_id;
          row[2] = attempt->scenario;
          row[3] = attempt->mode;
          row[4] = started;
          row[5] = ended;
          row[6] = attempt->outcome != NULL ? attempt->outcome : "";
          row[7] = mood;
          row[8] = seq;
          row[9] = choice->node;
          row[10] = index;
          row[11] = chosen;
          row[12] = taken;
          row[13] = evidence;
          row[14] = position;
          row[15] = order;
          row[16] = choice->own_reply != NULL ? choice->own_reply : "";
          row[17] = NULL;

          append_row (out, row);
        }
    }
  return TRUE;
}

static JsonNode *
actor_for (GPtrArray *profiles,
           gint64     profile)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *account = g_strdup_printf ("profile-%" G_GINT64_FORMAT, profile);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "objectType");
  json_builder_add_string_value (builder, "Agent");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, profile_name (profiles, profile));
  json_builder_set_member_name (builder, "account");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "homePage");
  json_builder_add_string_value (builder, ACCOUNT_HOME);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, account);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
add_statement (JsonArray  *statements,
               const char *identity,
               JsonNode   *actor,
               const char *verb,
               const char *verb_display,
               const char *activity,
               const char *activity_name,
               gint64      timestamp,
               JsonObject *result,
               const char *parent)
{
  JsonObject *statement = json_object_new ();
  JsonObject *verb_object = json_object_new ();
  JsonObject *display = json_object_new ();
  JsonObject *object = json_object_new ();
  JsonObject *definition = json_object_new ();
  JsonObject *name = json_object_new ();
  g_autofree char *id = attune_export_statement_id (identity);
  g_autofree char *verb_id = g_strconcat (VERB_BASE, verb, NULL);
  g_autofree char *time = iso8601 (timestamp);

  json_object_set_string_member (statement, "id", id);
  json_object_set_member (statement, "actor", json_node_copy (actor));
  json_object_set_string_member (verb_object, "id", verb_id);
  json_object_set_string_member (display, "en-GB", verb_display);
  json_object_set_object_member (verb_object, "display", display);
  json_object_set_object_member (statement, "verb", verb_object);
  json_object_set_string_member (object, "objectType", "Activity");
  json_object_set_string_member (object, "id", activity);
  json_object_set_string_member (name, "en-GB", activity_name);
  json_object_set_object_member (definition, "name", name);
  json_object_set_object_member (object, "definition", definition);
  json_object_set_object_member (statement, "object", object);
  if (result != NULL)
    json_object_set_object_member (statement, "result", result);
  if (parent != NULL)
    {
      JsonObject *context = json_object_new ();
      JsonObject *activities = json_object_new ();
      JsonArray *parents = json_array_new ();
      JsonObject *parent_object = json_object_new ();

      json_object_set_string_member (parent_object, "objectType", "Activity");
      json_object_set_string_member (parent_object, "id", parent);
      json_array_add_object_element (parents, parent_object);
      json_object_set_array_member (activities, "parent", parents);
      json_object_set_object_member (context, "contextActivities", activities);
      json_object_set_object_member (statement, "context", context);
    }
  json_object_set_string_member (statement, "timestamp", time);
  json_object_set_string_member (statement, "version", "1.0.3");
  json_array_add_object_element (statements, statement);
}

static gboolean
export_xapi (AttuneStore  *store,
             GPtrArray    *profiles,
             GPtrArray    *attempts,
             GString      *out,
             GError      **error)
{
  g_autoptr(JsonArray) statements = json_array_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  for (guint i = attempts->len; i-- > 0;)
    {
      AttuneAttemptRecord *attempt = g_ptr_array_index (attempts, i);
      g_autoptr(GPtrArray) choices = attune_store_list_choices (store, attempt->id, error);
      g_autoptr(JsonNode) actor = actor_for (profiles, attempt->profile);
      g_autofree char *activity = g_strdup_printf ("%s/scenarios/%s", ACTIVITY_BASE, attempt->scenario);
      g_autofree char *base = g_strdup_printf ("attune:profile:%" G_GINT64_FORMAT ":attempt:%" G_GINT64_FORMAT,
                                               attempt->profile, attempt->id);
      g_autofree char *attempted = g_strconcat (base, ":attempted", NULL);

      if (choices == NULL)
        return FALSE;
      add_statement (statements, attempted, actor, "attempted", "attempted", activity, attempt->scenario,
                     attempt->started_at, NULL, NULL);

      for (guint j = 0; j < choices->len; j++)
        {
          AttuneChoiceRecord *choice = g_ptr_array_index (choices, j);
          g_autofree char *node = g_strdup_printf ("%s/nodes/%s", activity, choice->node);
          g_autofree char *identity = g_strdup_printf ("%s:choice:%u:answered", base, choice->seq);
          g_autofree char *response = g_strdup_printf ("%u", choice->choice_index + 1);
          g_autofree char *duration = g_strdup_printf ("PT%u.%03uS", choice->time_taken_ms / 1000,
                                                       choice->time_taken_ms % 1000);
          JsonObject *result = json_object_new ();
          JsonObject *extensions = json_object_new ();
          JsonObject *evidence = json_object_new ();

          for (guint k = 0; k < choice->evidence->len; k++)
            {
              AttuneStoreEvidence *e = &g_array_index (choice->evidence, AttuneStoreEvidence, k);

              json_object_set_int_member (evidence, e->strategy, e->weight);
            }
          json_object_set_string_member (result, "response", response);
          json_object_set_string_member (result, "duration", duration);
          json_object_set_object_member (extensions, ACTIVITY_BASE "/extensions/evidence", evidence);
          if (choice->own_reply != NULL)
            json_object_set_string_member (extensions, ACTIVITY_BASE "/extensions/own-reply", choice->own_reply);
          json_object_set_object_member (result, "extensions", extensions);
          add_statement (statements, identity, actor, "answered", "answered", node, choice->node,
                         choice->chosen_at, result, activity);
        }

      if (attempt->outcome != NULL && !g_str_equal (attempt->outcome, "abandoned"))
        {
          gboolean passed = g_str_equal (attempt->outcome, "resolved");
          gboolean failed = g_str_equal (attempt->outcome, "lost") || g_str_equal (attempt->outcome, "escalated");
          g_autofree char *completed = g_strconcat (base, ":completed", NULL);
          g_autofree char *judged = g_strconcat (base, passed ? ":passed" : ":failed", NULL);
          JsonObject *result = json_object_new ();
          JsonObject *score = json_object_new ();

          json_object_set_boolean_member (result, "completion", TRUE);
          if (passed || failed)
            json_object_set_boolean_member (result, "success", passed);
          json_object_set_double_member (score, "scaled",
                                         attempt->total_weight > 0 ? (double) attempt->good_weight / attempt->total_weight : 0.0);
          json_object_set_object_member (result, "score", score);
          add_statement (statements, completed, actor, "completed", "completed", activity, attempt->scenario,
                         attempt->ended_at, result, NULL);
          if (passed || failed)
            add_statement (statements, judged, actor, passed ? "passed" : "failed", passed ? "passed" : "failed",
                           activity, attempt->scenario, attempt->ended_at, NULL, NULL);
        }
    }

  root = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (root, statements);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_string_append (out, text);
  g_string_append_c (out, '\n');
  return TRUE;
}

/**
 * attune_export_progress:
 * @profile: one profile, or 0 for every profile
 *
 * Returns: (transfer full): the export, or %NULL with @error set.
 */
char *
attune_export_progress (AttuneStore         *store,
                        gint64               profile,
                        AttuneExportFormat   format,
                        GError             **error)
{
  g_autoptr(GPtrArray) profiles = attune_store_list_profiles (store, error);
  g_autoptr(GPtrArray) attempts = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean ok;

  if (profiles == NULL)
    return NULL;
  attempts = attune_store_list_attempts (store, profile, 0, error);
  if (attempts == NULL)
    return NULL;

  ok = format == ATTUNE_EXPORT_CSV ? export_csv (store, profiles, attempts, out, error)
                                   : export_xapi (store, profiles, attempts, out, error);
  if (!ok)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * attune_export_command:
 * @format_name: "csv" or "xapi"
 * @output: a file path, or "-" for standard output
 * @profile_name: (nullable): one profile's name, or %NULL for all
 * @database: (nullable): the progress file, or %NULL for the default
 * @message: receives a translated line to show when the status is not 0
 *
 * `attune --export-progress`: returns the exit status (0 done, 1 failed,
 * 2 usage error). The output file is replaced atomically.
 */
int
attune_export_command (const char *format_name,
                       const char *output,
                       const char *profile_name,
                       const char *database,
                       GString    *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = NULL;
  g_autofree char *path = database != NULL ? g_strdup (database) : attune_store_default_path ();
  g_autofree char *text = NULL;
  AttuneExportFormat format;
  gint64 profile = 0;

  if (!attune_export_parse_format (format_name, &format))
    {
      /* Translators: %s is what the user typed; keep csv and xapi untranslated */
      g_string_append_printf (message, _("Unknown export format “%s”: use csv or xapi."), format_name);
      return 2;
    }
  if (output == NULL)
    {
      g_string_append (message, _("Say where to write the export with --output FILE (or --output - for the terminal)."));
      return 2;
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      /* Translators: %s is a file path */
      g_string_append_printf (message, _("There is no progress to export yet: %s does not exist."), path);
      return 1;
    }

  store = attune_store_open (path, NULL, &error);
  if (store == NULL)
    {
      g_string_append (message, error->message);
      return 1;
    }
  if (profile_name != NULL)
    {
      profile = attune_store_find_profile (store, profile_name);
      if (profile == 0)
        {
          /* Translators: %s is a profile name */
          g_string_append_printf (message, _("There is no profile called “%s”."), profile_name);
          return 1;
        }
    }

  text = attune_export_progress (store, profile, format, &error);
  if (text == NULL)
    {
      g_string_append (message, error->message);
      return 1;
    }
  if (g_str_equal (output, "-"))
    {
      fputs (text, stdout);
      return 0;
    }
  if (!g_file_set_contents (output, text, -1, &error))
    {
      g_string_append (message, error->message);
      return 1;
    }
  return 0;
}
