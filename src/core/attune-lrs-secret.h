/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      attune_lrs_secret_store        (const char          *endpoint,
                                          const char          *key,
                                          const char          *secret,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean  attune_lrs_secret_store_finish (GAsyncResult        *result,
                                          GError             **error);
void      attune_lrs_secret_lookup       (const char          *endpoint,
                                          const char          *key,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
char     *attune_lrs_secret_lookup_finish (GAsyncResult       *result,
                                          GError             **error);
char     *attune_lrs_secret_lookup_sync  (const char          *endpoint,
                                          const char          *key,
                                          GCancellable        *cancellable,
                                          GError             **error);
gboolean  attune_lrs_secret_clear_sync   (const char          *endpoint,
                                          const char          *key,
                                          GCancellable        *cancellable,
                                          GError             **error);

G_END_DECLS
