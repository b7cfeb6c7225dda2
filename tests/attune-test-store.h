/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *dir;
  char *path;
} StoreFixture;

void    store_fixture_setup    (StoreFixture  *f,
                                gconstpointer  data);
void    store_fixture_teardown (StoreFixture  *f,
                                gconstpointer  data);
char   *checksum_file          (const char    *path);
char   *describe_folder        (const char    *dir);
gint64  count_rows             (const char    *path,
                                const char    *table);
char   *pragma                 (const char    *path,
                                const char    *name);
char   *query_text             (const char    *path,
                                const char    *sql);
void    fill_store             (const char    *path,
                                guint          n_attempts);
void    set_user_version       (const char    *path,
                                int            version);
char   *find_file_containing   (const char    *dir,
                                const char    *part);

G_END_DECLS
