/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATTUNE_LRS_ERROR (attune_lrs_error_quark ())

typedef enum
{
  ATTUNE_LRS_ERROR_ENDPOINT,      /* not an address Attune will send records to */
  ATTUNE_LRS_ERROR_CREDENTIALS,   /* 401 or 403: the key or secret is wrong */
  ATTUNE_LRS_ERROR_UNAVAILABLE,   /* no answer, a time-out or a 5xx, after retrying */
  ATTUNE_LRS_ERROR_PROTOCOL,      /* an answer that makes no sense for xAPI */
  ATTUNE_LRS_ERROR_REFUSED,       /* some statements were refused; the rest were sent */
  ATTUNE_LRS_ERROR_NOT_CONFIGURED,
} AttuneLrsError;

/* The xAPI version Attune speaks, sent in X-Experience-API-Version. */
#define ATTUNE_XAPI_VERSION "1.0.3"

#define ATTUNE_TYPE_LRS_CLIENT (attune_lrs_client_get_type ())
G_DECLARE_FINAL_TYPE (AttuneLrsClient, attune_lrs_client, ATTUNE, LRS_CLIENT, GObject)

GQuark           attune_lrs_error_quark          (void);
gboolean         attune_lrs_endpoint_is_loopback (const char       *endpoint);
gboolean         attune_lrs_endpoint_check       (const char       *endpoint,
                                                  GError          **error);
AttuneLrsClient *attune_lrs_client_new           (const char       *endpoint,
                                                  const char       *key,
                                                  const char       *secret,
                                                  GError          **error);
guint            attune_lrs_client_request       (AttuneLrsClient  *self,
                                                  const char       *method,
                                                  const char       *resource,
                                                  GBytes           *body,
                                                  GBytes          **response,
                                                  GCancellable     *cancellable,
                                                  GError          **error);
gboolean         attune_lrs_client_check         (AttuneLrsClient  *self,
                                                  GCancellable     *cancellable,
                                                  GError          **error);
gboolean         attune_lrs_client_status_error  (guint             status,
                                                  GBytes           *response,
                                                  GError          **error);
char            *attune_lrs_response_message     (GBytes           *response);

G_END_DECLS
