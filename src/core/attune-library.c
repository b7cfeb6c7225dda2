/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneLibrary: every lesson and scenario Attune knows, as GListModels the
 * window binds to. Folders are added in priority order (bundled content
 * first, then the user's folder, then extra folders); when two files share
 * an id, the first one wins and the other is reported.
 *
 * Loading can run in a worker thread, so the window shows its first frame
 * without waiting for the disk.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-content.h"
#include "attune-library.h"
#include "attune-problem.h"

typedef struct
{
  char *path;
  gboolean missing_ok;
} Folder;

struct _AttuneLibrary
{
  GObject parent_instance;

  GArray *folders;       /* Folder */
  GListStore *lessons;
  GListStore *scenarios;
  GListStore *problems;
  GHashTable *lesson_index;
  GHashTable *scenario_index;
  guint n_bad_files;
  gboolean loaded;
};

G_DEFINE_FINAL_TYPE (AttuneLibrary, attune_library, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADED,
  PROP_N_BAD_FILES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
folder_clear (Folder *folder)
{
  g_free (folder->path);
}

static void
attune_library_finalize (GObject *object)
{
  AttuneLibrary *self = ATTUNE_LIBRARY (object);

  g_array_unref (self->folders);
  g_hash_table_unref (self->lesson_index);
  g_hash_table_unref (self->scenario_index);
  g_object_unref (self->lessons);
  g_object_unref (self->scenarios);
  g_object_unref (self->problems);

  G_OBJECT_CLASS (attune_library_parent_class)->finalize (object);
}

static void
attune_library_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AttuneLibrary *self = ATTUNE_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_N_BAD_FILES:
      g_value_set_uint (value, self->n_bad_files);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attune_library_class_init (AttuneLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attune_library_finalize;
  object_class->get_property = attune_library_get_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_BAD_FILES] =
    g_param_spec_uint ("n-bad-files", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
attune_library_init (AttuneLibrary *self)
{
  self->folders = g_array_new (FALSE, TRUE, sizeof (Folder));
  g_array_set_clear_func (self->folders, (GDestroyNotify) folder_clear);
  self->lessons = g_list_store_new (ATTUNE_TYPE_LESSON);
  self->scenarios = g_list_store_new (ATTUNE_TYPE_SCENARIO);
  self->problems = g_list_store_new (ATTUNE_TYPE_PROBLEM);
  self->lesson_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->scenario_index = g_hash_table_new (g_str_hash, g_str_equal);
}

AttuneLibrary *
attune_library_new (void)
{
  return g_object_new (ATTUNE_TYPE_LIBRARY, NULL);
}

/**
 * attune_content_dir:
 *
 * Where the bundled content lives: $ATTUNE_CONTENT_DIR when running from
 * the build tree (set by `meson devenv` and the tests), otherwise the
 * installed $datadir/attune.
 */
/**
 * attune_library_count_scenarios_practising:
 *
 * How many loaded scenarios list @strategy among those they practise.
 */
guint
attune_library_count_scenarios_practising (AttuneLibrary *self,
                                           const char    *strategy)
{
  guint n = 0;

  g_return_val_if_fail (ATTUNE_IS_LIBRARY (self), 0);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->scenarios)); i++)
    {
      g_autoptr(AttuneScenario) scenario = g_list_model_get_item (G_LIST_MODEL (self->scenarios), i);

      if (attune_scenario_practises (scenario, strategy))
        n++;
    }
  return n;
}

const char *
attune_content_dir (void)
{
  const char *dir = g_getenv ("ATTUNE_CONTENT_DIR");

  return dir != NULL && *dir != '\0' ? dir : PKGDATADIR;
}

/**
 * attune_library_add_folder:
 * @path: a folder, searched recursively for lessons and scenarios, or a file
 * @missing_ok: %TRUE when a missing folder is normal (the user's own)
 *
 * Adds a source for the next load. Earlier folders take priority.
 */
void
attune_library_add_folder (AttuneLibrary *self,
                           const char    *path,
                           gboolean       missing_ok)
{
  Folder folder = { g_strdup (path), missing_ok };

  g_return_if_fail (ATTUNE_IS_LIBRARY (self));
  g_array_append_val (self->folders, folder);
}

/* Forgets the folders, so that a reload can add the current set. */
void
attune_library_clear_folders (AttuneLibrary *self)
{
  g_return_if_fail (ATTUNE_IS_LIBRARY (self));
  g_array_set_size (self->folders, 0);
}

/**
 * attune_library_dup_standard_folders:
 *
 * The bundled content, then $XDG_DATA_HOME/attune/{lessons,scenarios}:
 * the folders every run loads, in order. The first two are the bundled
 * ones.
 */
GStrv
attune_library_dup_standard_folders (void)
{
  static const char *kinds[] = { "lessons", "scenarios" };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *path = g_build_filename (attune_content_dir (), kinds[i], NULL);

      g_strv_builder_add (builder, path);
    }
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *path = g_build_filename (g_get_user_data_dir (), "attune", kinds[i], NULL);

      g_strv_builder_add (builder, path);
    }
  return g_strv_builder_end (builder);
}

void
attune_library_add_standard_folders (AttuneLibrary *self)
{
  g_auto(GStrv) folders = attune_library_dup_standard_folders ();

  for (guint i = 0; folders[i] != NULL; i++)
    attune_library_add_folder (self, folders[i], i >= 2);
}

static AttuneContentSet *
load_folders (GArray       *folders,
              GCancellable *cancellable)
{
  AttuneContentSet *set = attune_content_set_new ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < folders->len; i++)
    {
      Folder *folder = &g_array_index (folders, Folder, i);

      attune_content_collect_files (folder->path, folder->missing_ok, files, set->problems);
    }

  /* One processor is left to the interface: at start-up the window is
   * being built while the library loads. */
  attune_content_load_files (set, files, MAX (1, g_get_num_processors () - 1), cancellable);
  attune_content_set_cross_check (set, NULL);
  return set;
}

static void
replace_store (GListStore *store,
               GPtrArray  *items)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
}

static int
compare_lessons (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  return attune_lesson_compare (*(gconstpointer *) a, *(gconstpointer *) b, data);
}

static int
compare_scenarios (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  return attune_scenario_compare (*(gconstpointer *) a, *(gconstpointer *) b, data);
}

static void
apply_content (AttuneLibrary    *self,
               AttuneContentSet *set)
{
  g_ptr_array_sort_with_data (set->lessons, compare_lessons, NULL);
  g_ptr_array_sort_with_data (set->scenarios, compare_scenarios, NULL);

  g_hash_table_remove_all (self->lesson_index);
  g_hash_table_remove_all (self->scenario_index);
  for (guint i = 0; i < set->lessons->len; i++)
    g_hash_table_insert (self->lesson_index,
                         (gpointer) attune_lesson_get_id (g_ptr_array_index (set->lessons, i)),
                         g_ptr_array_index (set->lessons, i));
  for (guint i = 0; i < set->scenarios->len; i++)
    g_hash_table_insert (self->scenario_index,
                         (gpointer) attune_scenario_get_id (g_ptr_array_index (set->scenarios, i)),
                         g_ptr_array_index (set->scenarios, i));

  replace_store (self->lessons, set->lessons);
  replace_store (self->scenarios, set->scenarios);
  replace_store (self->problems, set->problems);
  self->n_bad_files = attune_problems_count_files (set->problems);
  self->loaded = TRUE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BAD_FILES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

/**
 * attune_library_load:
 *
 * Loads every folder now, on this thread. Problems never stop the load:
 * they end up in attune_library_get_problems().
 */
void
attune_library_load (AttuneLibrary *self)
{
  g_autoptr(AttuneContentSet) set = NULL;

  g_return_if_fail (ATTUNE_IS_LIBRARY (self));

  set = load_folders (self->folders, NULL);
  apply_content (self, set);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  AttuneContentSet *set = load_folders (task_data, cancellable);

  if (g_task_return_error_if_cancelled (task))
    attune_content_set_free (set);
  else
    g_task_return_pointer (task, set, (GDestroyNotify) attune_content_set_free);
}

static GArray *
copy_folders (GArray *folders)
{
  GArray *copy = g_array_new (FALSE, TRUE, sizeof (Folder));

  g_array_set_clear_func (copy, (GDestroyNotify) folder_clear);
  for (guint i = 0; i < folders->len; i++)
    {
      Folder *folder = &g_array_index (folders, Folder, i);
      Folder dup = { g_strdup (folder->path), folder->missing_ok };

      g_array_append_val (copy, dup);
    }
  return copy;
}

/**
 * attune_library_load_async:
 *
 * Like attune_library_load(), with the reading and checking done in a
 * worker thread. The list models change on the caller's main context.
 */
void
attune_library_load_async (AttuneLibrary       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATTUNE_IS_LIBRARY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attune_library_load_async);
  g_task_set_task_data (task, copy_folders (self->folders), (GDestroyNotify) g_array_unref);
  g_task_run_in_thread (task, load_in_thread);
}

gboolean
attune_library_load_finish (AttuneLibrary  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_autoptr(AttuneContentSet) set = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  set = g_task_propagate_pointer (G_TASK (result), error);
  if (set == NULL)
    return FALSE;
  apply_content (self, set);
  return TRUE;
}

gboolean
attune_library_get_loaded (AttuneLibrary *self)
{
  g_return_val_if_fail (ATTUNE_IS_LIBRARY (self), FALSE);
  return self->loaded;
}

GListModel *
attune_library_get_lessons (AttuneLibrary *self)
{
  g_return_val_if_fail (ATTUNE_IS_LIBRARY (self), NULL);
  return G_LIST_MODEL (self->lessons);
}

GListModel *
attune_library_get_scenarios (AttuneLibrary *self)
{
  g_return_val_if_fail (ATTUNE_IS_LIBRARY (self), NULL);
  return G_LIST_MODEL (self->scenarios);
}

GListModel *
attune_library_get_problems (AttuneLibrary *self)
{
  g_return_val_if_fail (ATTUNE_IS_LIBRARY (self), NULL);
  return G_LIST_MODEL (self->problems);
}

/* The number of files that could not be loaded, for the window's banner. */
guint
attune_library_get_n_bad_files (AttuneLibrary *self)
{
  g_return_val_if_fail (ATTUNE_IS_LIBRARY (self), 0);
  return self->n_bad_files;
}

AttuneLesson *
attune_library_find_lesson (AttuneLibrary *self,
                            const char    *id)
{
  g_return_val_if_fail (ATTUNE_IS_LIBRARY (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->lesson_index, id) : NULL;
}

AttuneScenario *
attune_library_find_scenario (AttuneLibrary *self,
                              const char    *id)
{
  g_return_val_if_fail (ATTUNE_IS_LIBRARY (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->scenario_index, id) : NULL;
}

/**
 * attune_library_is_user_content:
 * @file: a loaded lesson's or scenario's file
 *
 * Whether @file comes from the user's own folders (the personal folder,
 * Preferences or --library) rather than the bundled content: such cards
 * carry a badge, so trainers can tell their own material apart.
 */
gboolean
attune_library_is_user_content (AttuneLibrary *self,
                                const char    *file)
{
  g_autofree char *bundled = g_canonicalize_filename (attune_content_dir (), NULL);
  g_autofree char *real = g_canonicalize_filename (file, NULL);
  g_autofree char *prefix = g_strconcat (bundled, G_DIR_SEPARATOR_S, NULL);

  return !g_str_has_prefix (real, prefix);
}
