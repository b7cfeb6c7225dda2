/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From files to checked models, shared by the library (the app) and the
 * validator (attune --validate). A file goes through the safe reader, the
 * schema and its own lint; then the whole set is cross-checked (ids unique,
 * references resolve). Any file with a problem is reported and left out;
 * everything else still loads.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>

#include "attune-content.h"
#include "attune-fairness.h"
#include "attune-lesson-private.h"
#include "attune-scenario-private.h"
#include "attune-lint.h"
#include "attune-problem.h"
#include "attune-xml.h"

/* Trainers may sort their files into sub-folders, but not without end. */
#define MAX_FOLDER_DEPTH 8

AttuneContentSet *
attune_content_set_new (void)
{
  AttuneContentSet *set = g_new0 (AttuneContentSet, 1);

  set->lessons = g_ptr_array_new_with_free_func (g_object_unref);
  set->scenarios = g_ptr_array_new_with_free_func (g_object_unref);
  set->problems = g_ptr_array_new_with_free_func (g_object_unref);
  set->warnings = g_ptr_array_new_with_free_func (g_object_unref);
  return set;
}

void
attune_content_set_free (AttuneContentSet *set)
{
  if (set == NULL)
    return;
  g_clear_pointer (&set->lessons, g_ptr_array_unref);
  g_clear_pointer (&set->scenarios, g_ptr_array_unref);
  g_clear_pointer (&set->problems, g_ptr_array_unref);
  g_clear_pointer (&set->warnings, g_ptr_array_unref);
  g_free (set);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
collect_folder (const char *folder,
                guint       depth,
                GPtrArray  *files,
                GPtrArray  *problems)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    {
      attune_problems_add (problems, folder, 0, _("The folder could not be read: %s"), error->message);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (found, g_build_filename (folder, name, NULL));

  /* Sorted, so that loading (and which duplicate wins) is reproducible. */
  g_ptr_array_sort (found, compare_paths);

  for (guint i = 0; i < found->len; i++)
    {
      const char *path = g_ptr_array_index (found, i);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (depth < MAX_FOLDER_DEPTH && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
            collect_folder (path, depth + 1, files, problems);
        }
      else if (g_str_has_suffix (path, ".xml"))
        g_ptr_array_add (files, g_strdup (path));
    }
}

/**
 * attune_content_collect_files:
 * @path: a content file or a folder of them
 * @missing_ok: whether a missing @path is silently ignored (the user's
 *   own folders need not exist) or a problem (a path the user named)
 * @files: (element-type utf8): where the paths of XML files are appended
 *
 * Folders are searched recursively for *.xml files, hidden entries skipped.
 */
void
attune_content_collect_files (const char *path,
                              gboolean    missing_ok,
                              GPtrArray  *files,
                              GPtrArray  *problems)
{
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!missing_ok)
        attune_problems_add (problems, path, 0, _("There is no such file or folder."));
      return;
    }

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    collect_folder (path, 0, files, problems);
  else
    g_ptr_array_add (files, g_strdup (path));
}

/**
 * attune_content_load_file:
 *
 * Reads one lesson or scenario (told apart by the root element) and checks
 * it on its own. It joins @set only when it has no problem.
 */
/* Turns a parsed document into a model, checking it on its own. */
static void
load_document (AttuneContentSet *set,
               xmlDoc           *doc,
               const char       *source,
               const char       *path)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  guint before = set->problems->len;

  if (attune_xml_is_element (root, "lesson") && root->ns == NULL)
    {
      g_autoptr(AttuneLesson) lesson = NULL;

      if (!attune_xml_validate_source (doc, ATTUNE_SCHEMA_LESSON, source, path, set->problems))
        return;
      lesson = attune_lesson_new_from_xml (root, path);
      attune_lint_lesson (lesson, set->problems);
      if (set->problems->len == before)
        g_ptr_array_add (set->lessons, g_steal_pointer (&lesson));
    }
  else if (attune_xml_is_element (root, "scenario") && root->ns == NULL)
    {
      g_autoptr(AttuneScenario) scenario = NULL;

      if (!attune_xml_validate_source (doc, ATTUNE_SCHEMA_SCENARIO, source, path, set->problems))
        return;
      scenario = attune_scenario_new_from_xml (root, path);
      attune_lint_scenario (scenario, set->problems);
      if (set->problems->len != before)
        return;
      /* Warnings only for scenarios that load: a broken file has its
       * errors to fix first. */
      if (set->checking)
        {
          attune_lint_scenario_cues (scenario, set->warnings);
          attune_lint_scenario_design (scenario, set->warnings);
          _attune_scenario_release_texts (scenario);
        }
      g_ptr_array_add (set->scenarios, g_steal_pointer (&scenario));
    }
  else
    {
      attune_problems_add (set->problems, path, (guint) xmlGetLineNo (root),
                           _("This is not an Attune lesson or scenario: the root element must be <lesson> or <scenario>, not <%s>."),
                           (const char *) root->name);
    }
}

/**
 * attune_content_load_file:
 *
 * Reads one lesson or scenario (told apart by the root element) and checks
 * it on its own. It joins @set only when it has no problem.
 */
void
attune_content_load_file (AttuneContentSet *set,
                          const char       *path)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *source = NULL;

  doc = attune_xml_read_file_with_source (path, path, set->problems, &source);
  if (doc != NULL)
    load_document (set, doc, source, path);
}

/**
 * attune_content_load_data:
 * @data: the bytes of a file (need not be NUL-terminated)
 * @name: the name problems are reported under
 *
 * As attune_content_load_file(), from memory: the fuzzer's way in.
 */
void
attune_content_load_data (AttuneContentSet *set,
                          const char       *data,
                          gsize             length,
                          const char       *name)
{
  g_autofree char *source = g_strndup (data, length);
  g_autoptr(xmlDoc) doc = NULL;

  if (length > ATTUNE_XML_MAX_FILE_SIZE)
    {
      attune_xml_read_memory (data, length, name, set->problems);
      return;
    }
  /* The copy keeps any NUL bytes out of the source text used for lines. */
  doc = attune_xml_read_memory (data, length, name, set->problems);
  if (doc != NULL)
    load_document (set, doc, source, name);
}

typedef struct
{
  const char *path;
  gboolean checking;
  AttuneContentSet *result;
} LoadJob;

static void
run_load_job (gpointer data,
              gpointer user_data)
{
  LoadJob *job = data;

  job->result = attune_content_set_new ();
  job->result->checking = job->checking;
  if (!g_cancellable_is_cancelled (user_data))
    attune_content_load_file (job->result, job->path);
}

/**
 * attune_content_load_files:
 * @files: (element-type filename): the files to load
 * @max_threads: at most this many threads; 0 for one per processor
 * @cancellable: (nullable): stops the loading between files
 *
 * Loads every file into @set, in parallel; returns when every thread is done.
 * Results are merged in the order of @files, so that which duplicate wins
 * and the order of problems do not depend on thread timing.
 */
void
attune_content_load_files (AttuneContentSet *set,
                           GPtrArray        *files,
                           guint             max_threads,
                           GCancellable     *cancellable)
{
  guint n_threads = MIN (max_threads > 0 ? max_threads : g_get_num_processors (), 8);
  g_autofree LoadJob *jobs = NULL;
  GThreadPool *pool;

  if (files->len < 8 || n_threads < 2)
    {
      for (guint i = 0; i < files->len && !g_cancellable_is_cancelled (cancellable); i++)
        attune_content_load_file (set, g_ptr_array_index (files, i));
      return;
    }

  jobs = g_new0 (LoadJob, files->len);
  pool = g_thread_pool_new (run_load_job, cancellable, (int) n_threads, TRUE, NULL);
  for (guint i = 0; i < files->len; i++)
    {
      jobs[i].path = g_ptr_array_index (files, i);
      jobs[i].checking = set->checking;
      g_thread_pool_push (pool, &jobs[i], NULL);
    }
  g_thread_pool_free (pool, FALSE, TRUE);

  for (guint i = 0; i < files->len; i++)
    {
      g_ptr_array_extend_and_steal (set->lessons, g_steal_pointer (&jobs[i].result->lessons));
      g_ptr_array_extend_and_steal (set->scenarios, g_steal_pointer (&jobs[i].result->scenarios));
      g_ptr_array_extend_and_steal (set->problems, g_steal_pointer (&jobs[i].result->problems));
      g_ptr_array_extend_and_steal (set->warnings, g_steal_pointer (&jobs[i].result->warnings));
      attune_content_set_free (jobs[i].result);
    }
}

/* Removes from @items (lessons or scenarios) every item for which @check
 * added a problem. */
typedef void (*CheckFunc) (gpointer item, GHashTable *ids, GPtrArray *problems);

static void
keep_items_without_problems (GPtrArray  *items,
                             CheckFunc   check,
                             GHashTable *ids,
                             GPtrArray  *problems)
{
  for (guint i = 0; i < items->len;)
    {
      guint before = problems->len;

      check (g_ptr_array_index (items, i), ids, problems);
      if (problems->len != before)
        g_ptr_array_remove_index (items, i);
      else
        i++;
    }
}

static void
drop_duplicates (GPtrArray   *items,
                 const char *(*get_id) (gpointer),
                 const char *(*get_file) (gpointer),
                 guint       (*get_line) (gpointer),
                 gboolean     lessons,
                 GPtrArray   *problems)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < items->len;)
    {
      gpointer item = g_ptr_array_index (items, i);
      gpointer first = g_hash_table_lookup (seen, get_id (item));

      if (first != NULL)
        {
          g_autofree char *message = NULL;
          g_autofree char *note = NULL;
          AttuneProblem *problem;

          if (lessons)
            /* Translators: %s is an id, %s:%u the file and line that uses it first */
            message = g_strdup_printf (_("The lesson id “%s” is already used by %s:%u, which is loaded first, so this file is left out. Give this lesson another id."),
                                       get_id (item), get_file (first), get_line (first));
          else
            /* Translators: %s is an id, %s:%u the file and line that uses it first */
            message = g_strdup_printf (_("The scenario id “%s” is already used by %s:%u, which is loaded first, so this file is left out. Give this scenario another id, for example with a prefix for your organisation."),
                                       get_id (item), get_file (first), get_line (first));
          /* Translators: %s is an id, %s:%u the file and line of the second use */
          note = g_strdup_printf (_("“%s” is first used here; %s:%u uses it again."),
                                  get_id (item), get_file (item), get_line (item));
          problem = attune_problem_new (get_file (item), get_line (item), message);
          attune_problem_set_related (problem, get_file (first), get_line (first), note);
          g_ptr_array_add (problems, problem);
          g_ptr_array_remove_index (items, i);
        }
      else
        {
          g_hash_table_insert (seen, (gpointer) get_id (item), item);
          i++;
        }
    }
}

/**
 * attune_content_set_cross_check:
 * @reference_lessons: (nullable) (element-type AttuneLesson): lessons that
 *   references may point to without being part of @set (the validator
 *   uses the bundled curriculum this way)
 *
 * Drops duplicates (the first loaded wins) and items whose references do
 * not resolve, reporting each.
 */
void
attune_content_set_cross_check (AttuneContentSet *set,
                                GPtrArray        *reference_lessons)
{
  g_autoptr(GHashTable) lesson_ids = g_hash_table_new (g_str_hash, g_str_equal);

  drop_duplicates (set->lessons,
                   (const char *(*) (gpointer)) attune_lesson_get_id,
                   (const char *(*) (gpointer)) attune_lesson_get_file,
                   (guint (*) (gpointer)) attune_lesson_get_line,
                   TRUE, set->problems);
  drop_duplicates (set->scenarios,
                   (const char *(*) (gpointer)) attune_scenario_get_id,
                   (const char *(*) (gpointer)) attune_scenario_get_file,
                   (guint (*) (gpointer)) attune_scenario_get_line,
                   FALSE, set->problems);

  for (guint i = 0; reference_lessons != NULL && i < reference_lessons->len; i++)
    g_hash_table_add (lesson_ids, (gpointer) attune_lesson_get_id (g_ptr_array_index (reference_lessons, i)));
  for (guint i = 0; i < set->lessons->len; i++)
    g_hash_table_add (lesson_ids, (gpointer) attune_lesson_get_id (g_ptr_array_index (set->lessons, i)));

  /* Ids are taken from the set before any lesson is dropped, so that one
   * bad link does not cascade through every lesson that mentions it. */
  keep_items_without_problems (set->scenarios, (CheckFunc) attune_lint_scenario_references,
                               lesson_ids, set->problems);
  keep_items_without_problems (set->lessons, (CheckFunc) attune_lint_lesson_references,
                               lesson_ids, set->problems);
}

/* How many different files the problems are about: what a person counts. */
guint
attune_problems_count_files (GPtrArray *problems)
{
  g_autoptr(GHashTable) files = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < problems->len; i++)
    g_hash_table_add (files, (gpointer) attune_problem_get_file (g_ptr_array_index (problems, i)));
  return g_hash_table_size (files);
}

/**
 * attune_content_init:
 *
 * Call once, before any thread reads content: sets up libxml2 (never
 * followed by xmlCleanupParser()). The interface calls this rather than
 * libxml2, which it never sees.
 */
void
attune_content_init (void)
{
  xmlInitParser ();
}

typedef struct
{
  char *path;
  GPtrArray *reference_lessons;
} LoadOne;

static void
load_one_free (LoadOne *data)
{
  g_free (data->path);
  g_clear_pointer (&data->reference_lessons, g_ptr_array_unref);
  g_free (data);
}

static void
load_one_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  LoadOne *data = task_data;
  AttuneContentSet *set = attune_content_set_new ();

  attune_content_load_file (set, data->path);
  attune_content_set_cross_check (set, data->reference_lessons);
  g_task_return_pointer (task, set, (GDestroyNotify) attune_content_set_free);
}

/**
 * attune_content_load_file_async:
 * @reference_lessons: (element-type AttuneLesson) (nullable): the lessons
 *   the file's strategies may name
 *
 * Loads and checks one file on a worker thread, for the map and the live
 * preview: the GTK thread never waits on the disk.
 */
void
attune_content_load_file_async (const char          *path,
                                GPtrArray           *reference_lessons,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  LoadOne *data = g_new0 (LoadOne, 1);

  data->path = g_strdup (path);
  if (reference_lessons != NULL)
    data->reference_lessons = g_ptr_array_ref (reference_lessons);
  g_task_set_task_data (task, data, (GDestroyNotify) load_one_free);
  g_task_run_in_thread (task, load_one_thread);
}

/* The loaded set (scenarios and problems), or %NULL when cancelled. */
AttuneContentSet *
attune_content_load_file_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
