/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "attune-store.h"

G_BEGIN_DECLS

struct _AttuneStore
{
  GObject parent_instance;

  sqlite3 *db;
  char *path;
  char *damaged_copy;
  GThreadPool *worker;   /* attune-store-worker.c */
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

gboolean      _attune_store_set_error (GError      **error,
                                       sqlite3      *db,
                                       int           code,
                                       const char   *path);
sqlite3_stmt *_attune_store_prepare   (AttuneStore  *self,
                                       const char   *sql,
                                       GError      **error);

gboolean      _attune_store_exec      (AttuneStore  *self,
                                       const char   *sql,
                                       GError      **error);
gboolean      _attune_store_step_done (AttuneStore  *self,
                                       sqlite3_stmt *stmt,
                                       GError      **error);
void          _attune_store_stop_worker (AttuneStore *self);

G_END_DECLS
