/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneLrsClient: HTTP to one learning record store, with libsoup 3.
 *
 * Blocking calls, meant for a worker thread (the sync) or the command
 * line; each client owns its own SoupSession, so it is used by the one
 * thread that made it. Every request carries the xAPI version header and
 * HTTP Basic credentials. Records go over HTTPS, or plain HTTP only to a
 * loopback address (a store on this machine, or a test). A time-out, a
 * network failure or a 5xx is retried with an exponential back-off.
 */
#include "config.h"

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include <glib/gi18n.h>

#include "attune-lrs-client.h"

#define TIMEOUT_SECONDS 30
#define TRIES 4

struct _AttuneLrsClient
{
  GObject parent_instance;

  SoupSession *session;
  char *endpoint;             /* ends with a slash */
  char *authorization;
  guint retry_ms;             /* the first back-off; it doubles each try */
};

G_DEFINE_FINAL_TYPE (AttuneLrsClient, attune_lrs_client, G_TYPE_OBJECT)
G_DEFINE_QUARK (attune-lrs-error-quark, attune_lrs_error)

static void
attune_lrs_client_finalize (GObject *object)
{
  AttuneLrsClient *self = ATTUNE_LRS_CLIENT (object);

  g_clear_object (&self->session);
  g_free (self->endpoint);
  g_free (self->authorization);
  G_OBJECT_CLASS (attune_lrs_client_parent_class)->finalize (object);
}

static void
attune_lrs_client_class_init (AttuneLrsClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attune_lrs_client_finalize;
}

static void
attune_lrs_client_init (AttuneLrsClient *self)
{
  const char *retry = g_getenv ("ATTUNE_LRS_RETRY_MS");   /* for tests */

  self->retry_ms = retry != NULL ? (guint) g_ascii_strtoull (retry, NULL, 10) : 1000;
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Whether @endpoint is on this machine (reachable without a network). */
gboolean
attune_lrs_endpoint_is_loopback (const char *endpoint)
{
  g_autoptr(GUri) uri = endpoint != NULL ? g_uri_parse (endpoint, G_URI_FLAGS_NONE, NULL) : NULL;

  return uri != NULL && host_is_loopback (g_uri_get_host (uri));
}

/**
 * attune_lrs_endpoint_check:
 *
 * Whether @endpoint is an address Attune sends learning records to: an
 * https:// URL, or http:// to a loopback address only. The error says
 * what to change, for the Preferences page and the command line.
 */
gboolean
attune_lrs_endpoint_check (const char  *endpoint,
                           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (endpoint == NULL || *endpoint == '\0')
    {
      g_set_error (error, ATTUNE_LRS_ERROR, ATTUNE_LRS_ERROR_NOT_CONFIGURED,
                   _("No learning record store is set up. Enter its address in Preferences."));
      return FALSE;
    }
  uri = g_uri_parse (endpoint, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, ATTUNE_LRS_ERROR, ATTUNE_LRS_ERROR_ENDPOINT,
                   /* Translators: %s is the address the user typed */
                   _("“%s” is not a web address. Enter the xAPI endpoint your organisation gave you, starting with https://."),
                   endpoint);
      return FALSE;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (g_uri_get_host (uri)))
    return TRUE;
  g_set_error (error, ATTUNE_LRS_ERROR, ATTUNE_LRS_ERROR_ENDPOINT,
               /* Translators: %s is the address the user typed */
               _("Learning records are only sent over an encrypted connection: use an address starting with https:// instead of “%s”."),
               endpoint);
  return FALSE;
}

/**
 * attune_lrs_client_new:
 * @endpoint: the xAPI endpoint, such as https://lrs.example.org/xAPI/
 * @key: the key (user name) the LRS gave for Attune
 * @secret: its secret
 */
AttuneLrsClient *
attune_lrs_client_new (const char  *endpoint,
                       const char  *key,
                       const char  *secret,
                       GError     **error)
{
  g_autoptr(AttuneLrsClient) self = NULL;
  g_autofree char *pair = NULL;
  g_autofree char *encoded = NULL;

  if (!attune_lrs_endpoint_check (endpoint, error))
    return NULL;
  self = g_object_new (ATTUNE_TYPE_LRS_CLIENT, NULL);
  self->endpoint = g_str_has_suffix (endpoint, "/") ? g_strdup (endpoint) : g_strconcat (endpoint, "/", NULL);
  pair = g_strdup_printf ("%s:%s", key != NULL ? key : "", secret != NULL ? secret : "");
  encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  self->authorization = g_strconcat ("Basic ", encoded, NULL);
  self->session = soup_session_new_with_options ("timeout", TIMEOUT_SECONDS,
                                                 "idle-timeout", TIMEOUT_SECONDS,
                                                 "user-agent", "Attune/" PACKAGE_VERSION " ",
                                                 NULL);
  /* A store on this machine is never reached through a proxy. */
  {
    g_autoptr(GUri) uri = g_uri_parse (endpoint, G_URI_FLAGS_NONE, NULL);

    if (host_is_loopback (g_uri_get_host (uri)))
      soup_session_set_proxy_resolver (self->session, NULL);
  }
  return g_steal_pointer (&self);
}

/* The LRS's own explanation in an error body, if it gave one. */
char *
attune_lrs_response_message (GBytes *response)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  gsize size = 0;
  const char *data = response != NULL ? g_bytes_get_data (response, &size) : NULL;
  JsonNode *root;

  if (data == NULL || size == 0)
    return NULL;
  if (json_parser_load_from_data (parser, data, (gssize) size, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);

      if (json_object_has_member (object, "message") &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "message")))
        g_string_append (text, json_object_get_string_member (object, "message"));
      if (json_object_has_member (object, "warnings") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "warnings")))
        {
          JsonArray *warnings = json_object_get_array_member (object, "warnings");

          for (guint i = 0; i < json_array_get_length (warnings); i++)
            {
              JsonNode *warning = json_array_get_element (warnings, i);

              if (JSON_NODE_HOLDS_VALUE (warning) && json_node_get_value_type (warning) == G_TYPE_STRING)
                g_string_append_printf (text, "%s%s", text->len > 0 ? "; " : "", json_node_get_string (warning));
            }
        }
    }
  else if (g_utf8_validate (data, (gssize) MIN (size, 300), NULL))
    g_string_append_len (text, data, (gssize) MIN (size, 300));
  if (text->len > 500)
    g_string_truncate (text, 500);
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static gboolean
is_transient (guint status)
{
  return status >= 500 || status == 408 || status == 429;
}

static void
sleep_cancellable (guint         ms,
                   GCancellable *cancellable)
{
  for (guint waited = 0; waited < ms && !g_cancellable_is_cancelled (cancellable); waited += 50)
    g_usleep (MIN (50, ms - waited) * 1000);
}

/**
 * attune_lrs_client_request:
 * @resource: relative to the endpoint, such as "statements?statementId=…"
 * @body: (nullable): a JSON body
 * @response: (out) (optional): the answer's body
 *
 * Sends one request, retrying time-outs, network failures and 5xx answers
 * with an exponential back-off. Returns the HTTP status, or 0 with @error
 * set (ATTUNE_LRS_ERROR_UNAVAILABLE) when the LRS could not be reached.
 */
guint
attune_lrs_client_request (AttuneLrsClient  *self,
                           const char       *method,
                           const char       *resource,
                           GBytes           *body,
                           GBytes          **response,
                           GCancellable     *cancellable,
                           GError          **error)
{
  g_autofree char *url = g_strconcat (self->endpoint, resource, NULL);
  g_autoptr(GError) last = NULL;
  guint status = 0;

  for (guint attempt = 0; attempt < TRIES; attempt++)
    {
      g_autoptr(SoupMessage) message = soup_message_new (method, url);
      g_autoptr(GBytes) answer = NULL;
      SoupMessageHeaders *headers;

      if (message == NULL)
        {
          g_set_error (error, ATTUNE_LRS_ERROR, ATTUNE_LRS_ERROR_ENDPOINT,
                       _("“%s” is not a web address."), url);
          return 0;
        }
      if (attempt > 0)
        sleep_cancellable (self->retry_ms << (attempt - 1), cancellable);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return 0;

      headers = soup_message_get_request_headers (message);
      soup_message_headers_replace (headers, "X-Experience-API-Version", ATTUNE_XAPI_VERSION);
      soup_message_headers_replace (headers, "Authorization", self->authorization);
      soup_message_headers_replace (headers, "Accept", "application/json");
      if (body != NULL)
        soup_message_set_request_body_from_bytes (message, "application/json", body);

      g_clear_error (&last);
      answer = soup_session_send_and_read (self->session, message, cancellable, &last);
      if (answer == NULL)
        {
          if (g_error_matches (last, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&last));
              return 0;
            }
          continue;
        }
      status = soup_message_get_status (message);
      if (is_transient (status) && attempt + 1 < TRIES)
        continue;
      if (response != NULL)
        *response = g_steal_pointer (&answer);
      return status;
    }

  if (last != NULL)
    {
      g_debug ("%s: %s", url, last->message);
      g_set_error (error, ATTUNE_LRS_ERROR, ATTUNE_LRS_ERROR_UNAVAILABLE,
                   /* Translators: %s is the address of the LRS */
                   _("The learning record store at %s could not be reached. Your records are kept and will be sent later."),
                   self->endpoint);
    }
  else
    g_set_error (error, ATTUNE_LRS_ERROR, ATTUNE_LRS_ERROR_UNAVAILABLE,
                 /* Translators: %u is an HTTP status such as 503 */
                 _("The learning record store is having trouble (it answered %u). Your records are kept and will be sent later."),
                 status);
  return 0;
}

/**
 * attune_lrs_client_status_error:
 *
 * Sets @error for an answer that is not a success and returns FALSE; for
 * a 2xx returns TRUE.
 */
gboolean
attune_lrs_client_status_error (guint     status,
                                GBytes   *response,
                                GError  **error)
{
  g_autofree char *detail = NULL;

  if (status >= 200 && status < 300)
    return TRUE;
  if (status == 401 || status == 403)
    {
      g_set_error (error, ATTUNE_LRS_ERROR, ATTUNE_LRS_ERROR_CREDENTIALS,
                   _("The learning record store did not accept the key and secret. Check them in Preferences, or ask your organisation for new ones."));
      return FALSE;
    }
  if (is_transient (status))
    {
      g_set_error (error, ATTUNE_LRS_ERROR, ATTUNE_LRS_ERROR_UNAVAILABLE,
                   _("The learning record store is having trouble (it answered %u). Your records are kept and will be sent later."),
                   status);
      return FALSE;
    }
  detail = attune_lrs_response_message (response);
  if (status == 404)
    g_set_error (error, ATTUNE_LRS_ERROR, ATTUNE_LRS_ERROR_ENDPOINT,
                 _("There is no learning record store at this address. Check the endpoint: it usually ends in /xAPI/ or /data/xAPI/."));
  else
    g_set_error (error, ATTUNE_LRS_ERROR, ATTUNE_LRS_ERROR_PROTOCOL,
                 /* Translators: %u is an HTTP status, %s the LRS's own message */
                 _("The learning record store answered %u: %s"),
                 status, detail != NULL ? detail : "");
  return FALSE;
}

/**
 * attune_lrs_client_check:
 *
 * Asks the LRS for one statement with the credentials: the connection
 * test of the Preferences page. Nothing is written.
 */
gboolean
attune_lrs_client_check (AttuneLrsClient  *self,
                         GCancellable     *cancellable,
                         GError          **error)
{
  g_autoptr(GBytes) response = NULL;
  guint status = attune_lrs_client_request (self, "GET", "statements?limit=1", NULL, &response, cancellable, error);

  if (status == 0)
    return FALSE;
  return attune_lrs_client_status_error (status, response, error);
}
