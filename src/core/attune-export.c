/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Progress leaves Attune in two forms:
 *
 *  - CSV: one row per decision with its evidence, UTF-8, RFC 4180 (every
 *    field that needs it is quoted, quotes doubled, CRLF line ends), for
 *    spreadsheets.
 *  - xAPI 1.0.3: a JSON array of statements for an organisation's learning
 *    record store, exactly the statements the sync sends (attune-xapi.c
 *    builds both), so sending an export twice stores nothing twice.
 */
#include "config.h"

#include <stdio.h>

#include <json-glib/json-glib.h>

#include <glib/gi18n.h>

#include "attune-export.h"
#include "attune-xapi.h"


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
      g_autofree char *started = attune_xapi_timestamp (attempt->started_at);
      g_autofree char *ended = attempt->ended_at > 0 ? attune_xapi_timestamp (attempt->ended_at) : g_strdup ("");
      g_autofree char *mood = attempt->outcome != NULL && !g_str_equal (attempt->outcome, "abandoned")
                              ? g_strdup_printf ("%d", attempt->final_mood) : g_strdup ("");

      if (choices == NULL)
        return FALSE;
      for (guint j = 0; j < choices->len; j++)
        {
          AttuneChoiceRecord *choice = g_ptr_array_index (choices, j);
          g_autofree char *seq = g_strdup_printf ("%u", choice->seq);
          g_autofree char *index = g_strdup_printf ("%u", choice->choice_index + 1);
          g_autofree char *chosen = attune_xapi_timestamp (choice->chosen_at);
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

static gboolean
export_xapi (AttuneStore  *store,
             GPtrArray    *attempts,
             GString      *out,
             GError      **error)
{
  g_autoptr(AttuneXapiBuilder) builder = attune_xapi_builder_new (store, error);
  g_autoptr(JsonArray) statements = json_array_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  if (builder == NULL)
    return FALSE;
  for (guint i = attempts->len; i-- > 0;)
    {
      AttuneAttemptRecord *attempt = g_ptr_array_index (attempts, i);
      g_autoptr(GPtrArray) choices = attune_store_list_choices (store, attempt->id, error);
      JsonObject *statement;

      if (choices == NULL)
        return FALSE;
      if ((statement = attune_xapi_builder_build (builder, attempt, ATTUNE_QUEUED_ATTEMPTED, NULL, error)) == NULL)
        return FALSE;
      json_array_add_object_element (statements, statement);
      for (guint j = 0; j < choices->len; j++)
        {
          statement = attune_xapi_builder_build (builder, attempt, ATTUNE_QUEUED_ANSWERED,
                                                 g_ptr_array_index (choices, j), error);
          if (statement == NULL)
            return FALSE;
          json_array_add_object_element (statements, statement);
        }
      if (attempt->ended_at == 0 || g_strcmp0 (attempt->outcome, "abandoned") == 0)
        continue;
      for (AttuneQueuedKind kind = ATTUNE_QUEUED_COMPLETED; kind <= ATTUNE_QUEUED_JUDGED; kind++)
        {
          if ((statement = attune_xapi_builder_build (builder, attempt, kind, NULL, error)) == NULL)
            return FALSE;
          json_array_add_object_element (statements, statement);
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
                                   : export_xapi (store, attempts, out, error);
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

  store = attune_store_open_read_only (path, &error);
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
