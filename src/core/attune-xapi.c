/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * xAPI 1.0.3 statements, built the same way for the export file and for
 * the learning record store's queue.
 *
 * A statement, once built, never changes:
 *  - the actor is an account whose name is the profile's random id, never
 *    its display name (renaming a profile changes nothing already sent)
 *    and never an e-mail address;
 *  - its id is a name-based UUID of the installation's random id, the
 *    profile's random id, the attempt and what the statement says, so two
 *    installations or two profiles never collide, and sending twice
 *    stores nothing twice;
 *  - it has no "version" property (xAPI 1.0.3 §2.4.10: the LRS sets it).
 *
 * An attempt counts as passed when its ending resolved the customer's
 * issue and at least ATTUNE_XAPI_PASS_SCORE of the evidence weight of its
 * decisions was good; every other finished attempt counts as failed. An
 * abandoned attempt is neither, and has no completed statement.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "attune-xapi.h"

#define VERB_BASE "http://adlnet.gov/expapi/verbs/"

struct _AttuneXapiBuilder
{
  AttuneStore *store;
  char *installation;
  GHashTable *uids;             /* profile id -> random id */
};

AttuneXapiBuilder *
attune_xapi_builder_new (AttuneStore  *store,
                         GError      **error)
{
  g_autofree char *installation = attune_store_get_installation_id (store, error);
  AttuneXapiBuilder *builder;

  if (installation == NULL)
    return NULL;
  builder = g_new0 (AttuneXapiBuilder, 1);
  builder->store = g_object_ref (store);
  builder->installation = g_steal_pointer (&installation);
  builder->uids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  return builder;
}

void
attune_xapi_builder_free (AttuneXapiBuilder *builder)
{
  g_clear_object (&builder->store);
  g_free (builder->installation);
  g_hash_table_unref (builder->uids);
  g_free (builder);
}

static const char *
profile_uid (AttuneXapiBuilder  *builder,
             gint64              profile,
             GError            **error)
{
  char *uid = g_hash_table_lookup (builder->uids, &profile);

  if (uid == NULL)
    {
      uid = attune_store_get_profile_uid (builder->store, profile, error);
      if (uid == NULL)
        return NULL;
      g_hash_table_insert (builder->uids, g_memdup2 (&profile, sizeof profile), uid);
    }
  return uid;
}

/**
 * attune_xapi_name_uuid:
 *
 * A version 5 (SHA-1, name-based) UUID for @name in the URL namespace of
 * RFC 4122: the same name always gives the same id.
 */
char *
attune_xapi_name_uuid (const char *name)
{
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

/* An ISO 8601 UTC timestamp with microseconds, for @time in µs. */
char *
attune_xapi_timestamp (gint64 time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);
  g_autoptr(GDateTime) precise = g_date_time_add (when, time % G_USEC_PER_SEC);

  return g_date_time_format_iso8601 (precise);
}

static double
scaled_score (const AttuneAttemptRecord *attempt)
{
  return attempt->total_weight > 0 ? (double) attempt->good_weight / attempt->total_weight : 0.0;
}

/* See the definition at the top of this file. */
gboolean
attune_xapi_attempt_passed (const AttuneAttemptRecord *attempt)
{
  return g_strcmp0 (attempt->outcome, "resolved") == 0 && scaled_score (attempt) >= ATTUNE_XAPI_PASS_SCORE;
}

static JsonObject *
language_map (const char *text)
{
  JsonObject *map = json_object_new ();

  json_object_set_string_member (map, "en-GB", text);
  return map;
}

static JsonObject *
activity (const char *id,
          const char *name)
{
  JsonObject *object = json_object_new ();
  JsonObject *definition = json_object_new ();

  json_object_set_string_member (object, "objectType", "Activity");
  json_object_set_string_member (object, "id", id);
  json_object_set_object_member (definition, "name", language_map (name));
  json_object_set_object_member (object, "definition", definition);
  return object;
}

/**
 * attune_xapi_builder_build:
 * @choice: the decision, for %ATTUNE_QUEUED_ANSWERED; else %NULL
 *
 * Builds one statement about @attempt. Returns %NULL with @error set when
 * the statement cannot exist (the attempt has not ended, say).
 */
JsonObject *
attune_xapi_builder_build (AttuneXapiBuilder          *builder,
                           const AttuneAttemptRecord  *attempt,
                           AttuneQueuedKind            kind,
                           const AttuneChoiceRecord   *choice,
                           GError                    **error)
{
  const char *uid = profile_uid (builder, attempt->profile, error);
  g_autofree char *scenario = NULL;
  g_autofree char *base = NULL;
  g_autofree char *identity = NULL;
  g_autofree char *id = NULL;
  g_autofree char *registration = NULL;
  g_autofree char *verb_id = NULL;
  g_autofree char *time = NULL;
  const char *verb;
  JsonObject *statement, *actor, *account, *verb_object, *context, *result = NULL, *object;
  gint64 timestamp;

  if (uid == NULL)
    return NULL;
  if ((kind == ATTUNE_QUEUED_ANSWERED) != (choice != NULL) ||
      ((kind == ATTUNE_QUEUED_COMPLETED || kind == ATTUNE_QUEUED_JUDGED) &&
       (attempt->ended_at == 0 || g_strcmp0 (attempt->outcome, "abandoned") == 0)))
    {
      g_set_error (error, ATTUNE_STORE_ERROR, ATTUNE_STORE_ERROR_NOT_FOUND,
                   _("A queued learning record no longer matches the progress file."));
      return NULL;
    }

  scenario = g_strdup_printf ("%s/scenarios/%s", ATTUNE_XAPI_ACTIVITY_BASE, attempt->scenario);
  base = g_strdup_printf ("attune:%s:%s:attempt:%" G_GINT64_FORMAT, builder->installation, uid, attempt->id);
  registration = attune_xapi_name_uuid (base);

  switch (kind)
    {
    case ATTUNE_QUEUED_ATTEMPTED:
      identity = g_strconcat (base, ":attempted", NULL);
      verb = "attempted";
      timestamp = attempt->started_at;
      object = activity (scenario, attempt->scenario);
      break;
    case ATTUNE_QUEUED_ANSWERED:
      {
        g_autofree char *node = g_strdup_printf ("%s/nodes/%s", scenario, choice->node);
        g_autofree char *response = g_strdup_printf ("%u", choice->choice_index + 1);
        g_autofree char *duration = g_strdup_printf ("PT%u.%03uS", choice->time_taken_ms / 1000,
                                                     choice->time_taken_ms % 1000);
        JsonObject *extensions = json_object_new ();
        JsonObject *evidence = json_object_new ();

        identity = g_strdup_printf ("%s:choice:%u:answered", base, choice->seq);
        verb = "answered";
        timestamp = choice->chosen_at;
        object = activity (node, choice->node);
        for (guint k = 0; k < choice->evidence->len; k++)
          {
            AttuneStoreEvidence *e = &g_array_index (choice->evidence, AttuneStoreEvidence, k);

            json_object_set_int_member (evidence, e->strategy, e->weight);
          }
        result = json_object_new ();
        json_object_set_string_member (result, "response", response);
        json_object_set_string_member (result, "duration", duration);
        json_object_set_object_member (extensions, ATTUNE_XAPI_ACTIVITY_BASE "/extensions/evidence", evidence);
        /* What the learner wrote first, if they did: never graded. */
        if (choice->own_reply != NULL)
          json_object_set_string_member (extensions, ATTUNE_XAPI_ACTIVITY_BASE "/extensions/own-reply", choice->own_reply);
        json_object_set_object_member (result, "extensions", extensions);
      }
      break;
    case ATTUNE_QUEUED_COMPLETED:
    case ATTUNE_QUEUED_JUDGED:
    default:
      {
        gboolean passed = attune_xapi_attempt_passed (attempt);
        JsonObject *score = json_object_new ();

        identity = g_strconcat (base, kind == ATTUNE_QUEUED_COMPLETED ? ":completed" : ":judged", NULL);
        verb = kind == ATTUNE_QUEUED_COMPLETED ? "completed" : passed ? "passed" : "failed";
        timestamp = attempt->ended_at;
        object = activity (scenario, attempt->scenario);
        result = json_object_new ();
        json_object_set_boolean_member (result, "completion", TRUE);
        json_object_set_boolean_member (result, "success", passed);
        /* Rounded so that the number reads back the same from any LRS. */
        json_object_set_double_member (score, "scaled", round (scaled_score (attempt) * 10000.0) / 10000.0);
        json_object_set_object_member (result, "score", score);
      }
      break;
    }

  id = attune_xapi_name_uuid (identity);
  verb_id = g_strconcat (VERB_BASE, verb, NULL);
  time = attune_xapi_timestamp (timestamp);

  statement = json_object_new ();
  json_object_set_string_member (statement, "id", id);

  actor = json_object_new ();
  account = json_object_new ();
  json_object_set_string_member (actor, "objectType", "Agent");
  json_object_set_string_member (account, "homePage", ATTUNE_XAPI_ACCOUNT_HOME);
  json_object_set_string_member (account, "name", uid);
  json_object_set_object_member (actor, "account", account);
  json_object_set_object_member (statement, "actor", actor);

  verb_object = json_object_new ();
  json_object_set_string_member (verb_object, "id", verb_id);
  json_object_set_object_member (verb_object, "display", language_map (verb));
  json_object_set_object_member (statement, "verb", verb_object);
  json_object_set_object_member (statement, "object", object);
  if (result != NULL)
    json_object_set_object_member (statement, "result", result);

  context = json_object_new ();
  json_object_set_string_member (context, "registration", registration);
  json_object_set_string_member (context, "platform", "Attune");
  if (kind == ATTUNE_QUEUED_ANSWERED)
    {
      JsonObject *activities = json_object_new ();
      JsonArray *parents = json_array_new ();
      JsonObject *parent = json_object_new ();

      json_object_set_string_member (parent, "objectType", "Activity");
      json_object_set_string_member (parent, "id", scenario);
      json_array_add_object_element (parents, parent);
      json_object_set_array_member (activities, "parent", parents);
      json_object_set_object_member (context, "contextActivities", activities);
    }
  json_object_set_object_member (statement, "context", context);
  json_object_set_string_member (statement, "timestamp", time);
  return statement;
}

static gboolean
nodes_match (JsonNode *a,
             JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (JSON_NODE_HOLDS_OBJECT (a) && JSON_NODE_HOLDS_OBJECT (b))
    return attune_xapi_statements_match (json_node_get_object (a), json_node_get_object (b));
  if (JSON_NODE_HOLDS_ARRAY (a) && JSON_NODE_HOLDS_ARRAY (b))
    {
      JsonArray *x = json_node_get_array (a), *y = json_node_get_array (b);

      if (json_array_get_length (x) != json_array_get_length (y))
        return FALSE;
      for (guint i = 0; i < json_array_get_length (x); i++)
        if (!nodes_match (json_array_get_element (x, i), json_array_get_element (y, i)))
          return FALSE;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (a) && JSON_NODE_HOLDS_VALUE (b))
    {
      GType ta = json_node_get_value_type (a), tb = json_node_get_value_type (b);
      gboolean na = ta == G_TYPE_INT64 || ta == G_TYPE_DOUBLE;
      gboolean nb = tb == G_TYPE_INT64 || tb == G_TYPE_DOUBLE;

      /* A JavaScript LRS writes 1.0 back as 1. */
      if (na && nb)
        return fabs (json_node_get_double (a) - json_node_get_double (b)) < 1e-9;
      if (ta != tb)
        return FALSE;
      if (ta == G_TYPE_STRING)
        return g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;
      if (ta == G_TYPE_BOOLEAN)
        return json_node_get_boolean (a) == json_node_get_boolean (b);
    }
  return JSON_NODE_TYPE (a) == JSON_NODE_NULL && JSON_NODE_TYPE (b) == JSON_NODE_NULL;
}

/**
 * attune_xapi_statements_match:
 * @sent: a statement as Attune builds it
 * @stored: what the LRS returns for its id
 *
 * Whether @stored says what @sent says: every member of @sent is in
 * @stored with an equal value (the LRS adds stored, authority and version;
 * timestamps are compared as times). Used when the LRS answers 409.
 */
gboolean
attune_xapi_statements_match (JsonObject *sent,
                              JsonObject *stored)
{
  g_autoptr(GList) members = json_object_get_members (sent);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *ours = json_object_get_member (sent, name);
      JsonNode *theirs = json_object_get_member (stored, name);

      if (g_str_equal (name, "timestamp") && theirs != NULL && JSON_NODE_HOLDS_VALUE (theirs))
        {
          g_autoptr(GDateTime) a = g_date_time_new_from_iso8601 (json_node_get_string (ours), NULL);
          g_autoptr(GDateTime) b = g_date_time_new_from_iso8601 (json_node_get_string (theirs), NULL);

          /* Some stores keep milliseconds only. */
          if (a == NULL || b == NULL || ABS (g_date_time_difference (a, b)) >= 1000)
            return FALSE;
          continue;
        }
      if (!nodes_match (ours, theirs))
        return FALSE;
    }
  return TRUE;
}
