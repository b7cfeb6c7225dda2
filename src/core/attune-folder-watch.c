/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Watches a trainer's folders and every folder inside them, as deep as
 * the library reads (attune-content.c), including folders created later,
 * and says when something in them changed. GFileMonitor watches one
 * folder only, so the tree is listed on a worker thread (the GTK thread
 * never waits on the disk) and a monitor is added for each folder found;
 * any change that could add or remove a folder lists the tree again.
 */
#include "config.h"

#include "attune-folder-watch.h"

/* As deep as attune_content_collect_files() reads. */
#define MAX_FOLDER_DEPTH 8

struct _AttuneFolderWatch
{
  GObject parent_instance;

  GStrv roots;
  GHashTable *monitors;          /* path -> GFileMonitor */
  GCancellable *cancellable;     /* the listing under way */
  gboolean listing;
  gboolean list_again;           /* a change came in while listing */
  gboolean announce_new;         /* folders found by a later listing are news */
};

G_DEFINE_FINAL_TYPE (AttuneFolderWatch, attune_folder_watch, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void list_folders (AttuneFolderWatch *self);
static void folder_changed (GFileMonitor *monitor, GFile *file, GFile *other,
                            GFileMonitorEvent event, AttuneFolderWatch *self);

static void
stop_monitor (gpointer data)
{
  GFileMonitor *monitor = data;

  g_signal_handlers_disconnect_matched (monitor, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, folder_changed, NULL);
  g_file_monitor_cancel (monitor);
  g_object_unref (monitor);
}

static void
attune_folder_watch_dispose (GObject *object)
{
  AttuneFolderWatch *self = ATTUNE_FOLDER_WATCH (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_hash_table_remove_all (self->monitors);

  G_OBJECT_CLASS (attune_folder_watch_parent_class)->dispose (object);
}

static void
attune_folder_watch_finalize (GObject *object)
{
  AttuneFolderWatch *self = ATTUNE_FOLDER_WATCH (object);

  g_strfreev (self->roots);
  g_hash_table_unref (self->monitors);

  G_OBJECT_CLASS (attune_folder_watch_parent_class)->finalize (object);
}

static void
attune_folder_watch_class_init (AttuneFolderWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = attune_folder_watch_dispose;
  object_class->finalize = attune_folder_watch_finalize;

  /**
   * AttuneFolderWatch::changed:
   *
   * Something was saved, added, removed or renamed in a watched folder
   * (hidden files, which editors save through, do not count), or a new
   * folder was found inside one.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
attune_folder_watch_init (AttuneFolderWatch *self)
{
  self->monitors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stop_monitor);
}

AttuneFolderWatch *
attune_folder_watch_new (void)
{
  return g_object_new (ATTUNE_TYPE_FOLDER_WATCH, NULL);
}

static void
folder_changed (GFileMonitor      *monitor,
                GFile             *file,
                GFile             *other,
                GFileMonitorEvent  event,
                AttuneFolderWatch *self)
{
  g_autofree char *name = g_file_get_basename (other != NULL ? other : file);

  /* Editors save through hidden or temporary files, then rename them:
   * the rename (to a visible name) is what counts. */
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED || name == NULL || name[0] == '.')
    return;
  g_signal_emit (self, signals[CHANGED], 0);

  /* It may be a folder that came or went. */
  if (event == G_FILE_MONITOR_EVENT_CREATED || event == G_FILE_MONITOR_EVENT_DELETED ||
      event == G_FILE_MONITOR_EVENT_MOVED_IN || event == G_FILE_MONITOR_EVENT_MOVED_OUT ||
      event == G_FILE_MONITOR_EVENT_RENAMED)
    list_folders (self);
}

static void
collect_folders (const char *folder,
                 guint       depth,
                 GPtrArray  *folders)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  g_ptr_array_add (folders, g_strdup (folder));
  if (dir == NULL || depth >= MAX_FOLDER_DEPTH)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (name[0] == '.')
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        collect_folders (path, depth + 1, folders);
    }
}

/* Worker thread: every folder to watch. A root that does not exist yet is
 * watched through its parent, so that creating it is noticed. */
static void
list_folders_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const char * const *roots = task_data;
  GPtrArray *folders = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; roots != NULL && roots[i] != NULL; i++)
    {
      if (g_file_test (roots[i], G_FILE_TEST_IS_DIR))
        collect_folders (roots[i], 0, folders);
      else
        {
          g_autofree char *parent = g_path_get_dirname (roots[i]);

          if (g_file_test (parent, G_FILE_TEST_IS_DIR))
            g_ptr_array_add (folders, g_steal_pointer (&parent));
        }
    }
  g_task_return_pointer (task, folders, (GDestroyNotify) g_ptr_array_unref);
}

static void
folders_listed (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AttuneFolderWatch *self = ATTUNE_FOLDER_WATCH (source);
  g_autoptr(GPtrArray) folders = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GHashTable) found = NULL;
  GHashTableIter iter;
  const char *path;
  gboolean added = FALSE;

  if (folders == NULL)   /* cancelled: the folders were set again */
    return;
  self->listing = FALSE;

  found = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < folders->len; i++)
    {
      const char *folder = g_ptr_array_index (folders, i);
      g_autoptr(GFile) file = NULL;
      GFileMonitor *monitor;

      g_hash_table_add (found, (gpointer) folder);
      if (g_hash_table_contains (self->monitors, folder))
        continue;
      file = g_file_new_for_path (folder);
      monitor = g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
      if (monitor == NULL)
        continue;
      g_signal_connect (monitor, "changed", G_CALLBACK (folder_changed), self);
      g_hash_table_insert (self->monitors, g_strdup (folder), monitor);
      added = TRUE;
    }
  g_hash_table_iter_init (&iter, self->monitors);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
    if (!g_hash_table_contains (found, path))
      g_hash_table_iter_remove (&iter);

  /* A file saved into a new folder before its monitor existed would be
   * missed: say that something changed once the folder is watched. */
  if (added && self->announce_new)
    g_signal_emit (self, signals[CHANGED], 0);
  self->announce_new = TRUE;

  if (self->list_again)
    {
      self->list_again = FALSE;
      list_folders (self);
    }
}

static void
list_folders (AttuneFolderWatch *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->listing)
    {
      self->list_again = TRUE;
      return;
    }
  self->listing = TRUE;
  task = g_task_new (self, self->cancellable, folders_listed, NULL);
  g_task_set_task_data (task, g_strdupv (self->roots), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, list_folders_thread);
}

/**
 * attune_folder_watch_set_folders:
 * @roots: the folders to watch, with everything inside them
 *
 * Replaces what is watched. The folders are listed in the background;
 * changes are reported from then on.
 */
void
attune_folder_watch_set_folders (AttuneFolderWatch  *self,
                                 const char * const *roots)
{
  g_return_if_fail (ATTUNE_IS_FOLDER_WATCH (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->listing = FALSE;
  self->list_again = FALSE;
  self->announce_new = FALSE;
  g_hash_table_remove_all (self->monitors);
  g_strfreev (self->roots);
  self->roots = g_strdupv ((char **) roots);
  list_folders (self);
}

/* How many folders are watched now: for tests. */
guint
attune_folder_watch_get_n_folders (AttuneFolderWatch *self)
{
  g_return_val_if_fail (ATTUNE_IS_FOLDER_WATCH (self), 0);

  return g_hash_table_size (self->monitors);
}
