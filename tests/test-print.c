/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `attune --print`, run as a user would run it, without a display: the PDF
 * is read back with pdftotext (the text is there, in order, with page
 * numbers) and pdfinfo (the page count), and rendered with pdftoppm to PNG
 * in ATTUNE_SCREENSHOT_DIR for a person to look at.
 */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

static char *tmp_dir;

static int
run (char **out, const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int wait_status;
  va_list args;

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  /* Printing to a file needs no display. */
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               out, &err, &wait_status, &error));
  g_assert_no_error (error);
  if (err != NULL && *err != '\0')
    g_test_message ("%s: %s", first, err);
  return WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static guint
page_count (const char *pdf)
{
  g_autofree char *info = NULL;
  const char *pages;

  g_assert_cmpint (run (&info, "pdfinfo", pdf, NULL), ==, 0);
  pages = strstr (info, "Pages:");
  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

static char *
pdf_text (const char *pdf)
{
  char *text = NULL;

  g_assert_cmpint (run (&text, "pdftotext", pdf, "-", NULL), ==, 0);
  return text;
}

/* PNGs of the pages, for looking at. */
static void
render_pages (const char *pdf,
              const char *name)
{
  const char *dir = g_getenv ("ATTUNE_SCREENSHOT_DIR");
  g_autofree char *prefix = NULL;

  if (dir == NULL)
    return;
  prefix = g_build_filename (dir, name, NULL);
  g_assert_cmpint (run (NULL, "pdftoppm", "-png", "-r", "60", pdf, prefix, NULL), ==, 0);
}

static void
assert_in_order (const char  *text,
                 const char **expected)
{
  const char *at = text;

  for (guint i = 0; expected[i] != NULL; i++)
    {
      const char *found = strstr (at, expected[i]);

      if (found == NULL)
        g_error ("“%s” missing (or out of order) in:\n%s", expected[i], text);
      at = found;
    }
}

/* @length bytes of text from @start, leading white space skipped and
 * every run of white space read as one space. */
static char *
words_at (const char *start,
          gsize       length)
{
  GString *words = g_string_new (NULL);

  while (g_ascii_isspace (*start))
    start++;
  for (; *start != '\0' && words->len < length; start++)
    {
      if (!g_ascii_isspace (*start))
        g_string_append_c (words, *start);
      else if (words->len > 0 && words->str[words->len - 1] != ' ')
        g_string_append_c (words, ' ');
    }
  return g_string_free (words, FALSE);
}

static void
test_trainer_sheet (void)
{
  g_autofree char *pdf = g_build_filename (tmp_dir, "late-parcel.pdf", NULL);
  g_autofree char *text = NULL;
  const char *expected[] = { "Trainer sheet: The birthday telescope", "Summary", "Persona", "Tomasz Kowalczyk, 39",
                             "Trainer notes", "Watch for two traps", "The best path", "★", "Ends: Resolved",
                             "Map of decisions", "Decision 1", "Decision 11", "Discussion questions",
                             "What is the difference between acknowledging", NULL };
  guint pages;

  g_assert_cmpint (run (NULL, g_getenv ("ATTUNE_BINARY"), "--print", "scenario:late-parcel", "--output", pdf, NULL), ==, 0);
  pages = page_count (pdf);
  /* Eleven decisions, their replies and the rest do not fit on one page,
   * and should not sprawl either. */
  g_assert_cmpuint (pages, >=, 3);
  g_assert_cmpuint (pages, <=, 8);
  text = pdf_text (pdf);
  assert_in_order (text, expected);
  /* Every page numbered, the running title from the second page on. */
  for (guint i = 1; i <= pages; i++)
    {
      g_autofree char *number = g_strdup_printf ("Page %u of %u", i, pages);

      g_assert_nonnull (strstr (text, number));
    }
  {
    g_auto(GStrv) page_texts = g_strsplit (text, "\f", -1);

    g_assert_cmpuint (g_strv_length (page_texts), >=, pages);
    g_assert_true (g_str_has_prefix (page_texts[1], "Trainer sheet: The birthday telescope"));
    /* A heading never sits alone at the foot of a page. */
    for (guint i = 0; i < pages; i++)
      {
        g_auto(GStrv) lines = g_strsplit (g_strstrip (page_texts[i]), "\n", -1);
        guint n = g_strv_length (lines);
        const char *before_number = n >= 2 ? lines[n - 2] : "";

        g_assert_false (g_str_equal (before_number, "Discussion questions") ||
                        g_str_equal (before_number, "Map of decisions") ||
                        g_str_equal (before_number, "The best path"));
      }
  }
  /* The best path and the map number the decisions alike: the best
   * path's decision k is the map's “Decision k”, word for word. */
  {
    const char *best = strstr (text, "The best path\n");
    const char *map = strstr (text, "Map of decisions\n");
    guint k;

    g_assert_nonnull (best);
    g_assert_nonnull (map);
    for (k = 1; ; k++)
      {
        g_autofree char *item = g_strdup_printf ("\n%u. ", k);
        g_autofree char *heading = g_strdup_printf ("\nDecision %u\n", k);
        const char *in_path = strstr (best, item);
        const char *on_map = strstr (map, heading);
        g_autofree char *path_words = NULL;
        g_autofree char *map_words = NULL;

        if (in_path == NULL || in_path > map)
          break;
        g_assert_nonnull (on_map);
        /* The first 30 bytes: both start the customer's line. How
         * pdftotext spaces the lines depends on the fonts installed, so
         * blank lines and wraps count as one space. */
        path_words = words_at (in_path + strlen (item), 30);
        map_words = words_at (on_map + strlen (heading), 30);
        g_assert_cmpstr (path_words, ==, map_words);
      }
    g_assert_cmpuint (k - 1, ==, 5);
  }
  render_pages (pdf, "print-trainer-sheet");
}

static void
test_lesson (void)
{
  g_autofree char *pdf = g_build_filename (tmp_dir, "lesson.pdf", NULL);
  g_autofree char *text = NULL;
  const char *expected[] = { "Listen actively", "What it is", "Why it matters", "How to do it", "Page 1 of", NULL };

  g_assert_cmpint (run (NULL, g_getenv ("ATTUNE_BINARY"), "--print", "lesson:active-listening", "--output", pdf, NULL), ==, 0);
  g_assert_cmpuint (page_count (pdf), >=, 1);
  text = pdf_text (pdf);
  assert_in_order (text, expected);
  render_pages (pdf, "print-lesson");
}

static void
test_errors (void)
{
  g_autofree char *pdf = g_build_filename (tmp_dir, "none.pdf", NULL);
  g_assert_cmpint (run (NULL, g_getenv ("ATTUNE_BINARY"), "--print", "scenario:no-such-thing", "--output", pdf, NULL), ==, 1);
  g_assert_cmpint (run (NULL, g_getenv ("ATTUNE_BINARY"), "--print", "late-parcel", "--output", pdf, NULL), ==, 2);
  g_assert_cmpint (run (NULL, g_getenv ("ATTUNE_BINARY"), "--print", "lesson:reassure", NULL), ==, 2);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("attune-print-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  g_test_add_func ("/print/trainer-sheet", test_trainer_sheet);
  g_test_add_func ("/print/lesson", test_lesson);
  g_test_add_func ("/print/errors", test_errors);
  status = g_test_run ();
  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (tmp_dir);
  }
  g_free (tmp_dir);
  return status;
}
