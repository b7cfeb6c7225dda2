/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers for the store tests: a fresh folder per test, and ways to look
 * at the files from outside the store (their bytes, and SQLite read-only).
 */
#include "config.h"

#include <sqlite3.h>

#include <glib/gstdio.h>

#include "attune-store.h"
#include "attune-test-store.h"

void
store_fixture_setup (StoreFixture  *f,
                     gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("attune-store-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "progress.db", NULL);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_chmod (dir, 0700);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

void
store_fixture_teardown (StoreFixture  *f,
                        gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

char *
checksum_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* Every file in @dir (not its folders) with its size and checksum, sorted: two equal
 * descriptions mean the folder is byte for byte as it was. */
char *
describe_folder (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      g_autofree char *sum = NULL;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        continue;
      sum = checksum_file (path);
      g_string_append_printf (out, "%s %s\n", (char *) names->pdata[i], sum);
    }
  return g_string_free (out, FALSE);
}

char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

gint64
count_rows (const char *path,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  g_autofree char *n = query_text (path, sql);

  return n != NULL ? g_ascii_strtoll (n, NULL, 10) : -1;
}

char *
pragma (const char *path,
        const char *name)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", name);

  return query_text (path, sql);
}

/* A store with @n_attempts finished attempts of one choice each, closed
 * as the app closes it (with its backup at quit). */
void
fill_store (const char *path,
            guint       n_attempts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttuneStore) store = attune_store_open (path, NULL, &error);
  AttuneStoreEvidence given[] = { { "reassure", 1 } };
  gint64 profile;

  g_assert_no_error (error);
  profile = attune_store_create_profile (store, "Dana", &error);
  for (guint i = 0; i < n_attempts; i++)
    {
      gint64 attempt = attune_store_begin_attempt (store, profile, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);

      g_assert_cmpint (attune_store_record_choice (store, attempt, "opening", 0, 1000, given, 1, &error), >, 0);
      g_assert_true (attune_store_finish_attempt (store, attempt, "resolved", 2, &error));
    }
  g_assert_no_error (error);
  g_assert_true (attune_store_backup_at_quit (store, &error));
  g_assert_no_error (error);
}

/* The first file in @dir whose name contains @part, without -wal/-shm. */
char *
find_file_containing (const char *dir,
                      const char *part)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    if (strstr (name, part) != NULL && !g_str_has_suffix (name, "-wal") && !g_str_has_suffix (name, "-shm"))
      return g_build_filename (dir, name, NULL);
  return NULL;
}

/* As a newer Attune would leave the file. */
void
set_user_version (const char *path,
                  int         version)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}
