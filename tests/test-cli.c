/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The command line, run as a user would run it, without a display:
 * exit statuses and the GNU "FILE:LINE: error: MESSAGE" format.
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>

#include "attune-store.h"
#include "attune-test-store.h"

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_attune (Run *run, const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int wait_status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("ATTUNE_BINARY"));
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* --validate and --version must not need a display. */
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

static void
test_version (void)
{
  g_auto(Run) run = { 0 };

  run_attune (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "attune " PACKAGE_VERSION "\n");
}

static void
test_help (void)
{
  g_auto(Run) run = { 0 };

  run_attune (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--validate"));
  g_assert_nonnull (strstr (run.out, "--library=FOLDER"));
  g_assert_nonnull (strstr (run.out, "--view=VIEW"));
}

/* --help in the user's language, from the catalogue main() binds. */
static void
test_help_translated (void)
{
  g_auto(Run) run = { 0 };

  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("ATTUNE_LOCALEDIR", g_getenv ("ATTUNE_TEST_LOCALEDIR"), TRUE);
  run_attune (&run, "--help", NULL);
  g_unsetenv ("LANGUAGE");
  g_unsetenv ("LC_ALL");
  g_unsetenv ("ATTUNE_LOCALEDIR");

  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Die Version anzeigen und beenden"));
  g_assert_nonnull (strstr (run.out, "Einfühlsame Kommunikation im Kundendienst üben."));
}

static void
test_validate_good (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *good = fixture ("good");

  run_attune (&run, "--validate", good, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpstr (run.out, ==, "2 files checked: all are valid.\n");
}

static void
test_validate_bad (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *broken = fixture ("broken");
  g_autofree char *bad_link = g_build_filename (broken, "bad-link.xml", NULL);
  g_autofree char *expected = g_strdup_printf ("%s:10: error: ", bad_link);
  g_autoptr(GRegex) gnu = g_regex_new ("^[^:\n]+:[0-9]+: error: [^\n]+$", G_REGEX_MULTILINE, 0, NULL);
  g_auto(GStrv) lines = NULL;

  run_attune (&run, "--validate", broken, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  lines = g_strsplit (run.err, "\n", -1);
  /* Two problem lines, the summary, and the empty string after the last newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_str_has_prefix (lines[0], expected));
  g_assert_true (g_regex_match (gnu, lines[0], 0, NULL));
  g_assert_true (g_regex_match (gnu, lines[1], 0, NULL));
  g_assert_nonnull (strstr (lines[1], "truncated.xml:3: error: "));
  g_assert_cmpstr (lines[2], ==, "2 files have problems.");
}

/* Replies that give the answer away: warnings with file and line, exit 0;
 * --strict makes them errors. */
static void
test_validate_cue_warnings (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) strict = { 0 };
  g_autofree char *giveaway = fixture ("cues/giveaway.xml");
  g_autofree char *longest = g_strdup_printf ("%s:6: warning: The best reply is the longest in 2 of 2 decisions", giveaway);
  g_autofree char *sympathy = g_strdup_printf ("%s:6: warning: The best reply has the most sympathy words", giveaway);
  g_autofree char *tie = g_strdup_printf ("%s:27: warning: Two replies tie", giveaway);
  g_autofree char *close_ask = g_strdup_printf ("%s:14: warning: This level 2–3 decision has no close call", giveaway);
  g_autofree char *close_when = g_strdup_printf ("%s:27: warning: This level 2–3 decision has no close call", giveaway);
  g_autoptr(GRegex) gnu = g_regex_new ("^[^:\n]+:[0-9]+: warning: [^\n]+$", G_REGEX_MULTILINE, 0, NULL);
  g_auto(GStrv) lines = NULL;

  run_attune (&run, "--validate", giveaway, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "1 file checked: it is valid.\n1 file has warnings: see above.\n");
  lines = g_strsplit (run.err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  for (guint i = 0; i < 5; i++)
    g_assert_true (g_regex_match (gnu, lines[i], 0, NULL));
  g_assert_nonnull (strstr (run.err, longest));
  g_assert_nonnull (strstr (run.err, sympathy));
  g_assert_nonnull (strstr (run.err, tie));
  g_assert_nonnull (strstr (run.err, close_ask));
  g_assert_nonnull (strstr (run.err, close_when));

  run_attune (&strict, "--validate", "--strict", giveaway, NULL);
  g_assert_cmpint (strict.status, ==, 1);
  g_assert_cmpstr (strict.out, ==, "");
  g_assert_nonnull (strstr (strict.err, longest));
  g_assert_true (g_str_has_suffix (strict.err, "\n1 file has warnings, and --strict treats them as errors.\n"));
}

static void
test_validate_mixed (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *good = fixture ("good/extra-scenario.xml");
  g_autofree char *bad = fixture ("broken/truncated.xml");

  run_attune (&run, "--validate", good, bad, NULL);
  g_assert_cmpint (run.status, ==, 1);
}

/* Text longer than a conversation needs is refused, with the line and the limit. */
static void
test_validate_too_long (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *source = fixture ("good/extra-scenario.xml");
  g_autofree char *lesson = fixture ("good/extra-lesson.xml");
  g_autofree char *dir = g_dir_make_tmp ("attune-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "long.xml", NULL);
  g_autofree char *text = NULL;
  g_autofree char *long_reply = g_strnfill (601, 'a');
  g_autoptr(GString) copy = NULL;
  g_autofree char *expected = g_strdup_printf ("%s:17: error: This <reply> is 601 characters long; the limit is 600.", path);

  g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
  copy = g_string_new (text);
  g_string_replace (copy, "I hear you. Let me check where it is right now.", long_reply, 1);
  g_assert_true (g_file_set_contents (path, copy->str, -1, NULL));
  run_attune (&run, "--validate", path, lesson, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, expected));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_validate_missing (void)
{
  g_auto(Run) run = { 0 };

  run_attune (&run, "--validate", "/nonexistent/file.xml", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "/nonexistent/file.xml: error: "));
}

/* Files are checked on several threads: run many times over many files,
 * so that a race in the parser set-up (there was one) shows up here. */
static void
test_validate_many_files_repeatedly (void)
{
  g_autofree char *source = fixture ("good/extra-scenario.xml");
  g_autofree char *lesson = fixture ("good/extra-lesson.xml");
  g_autofree char *dir = g_dir_make_tmp ("attune-cli-XXXXXX", NULL);
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *id = g_strdup_printf ("id=\"fixture-refund-%03u\"", i);
      g_autofree char *name = g_strdup_printf ("s%03u.xml", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GString) copy = g_string_new (text);

      g_string_replace (copy, "id=\"fixture-refund\"", id, 1);
      g_assert_true (g_file_set_contents (path, copy->str, -1, NULL));
    }

  for (guint round = 0; round < 25; round++)
    {
      g_auto(Run) run = { 0 };

      run_attune (&run, "--validate", lesson, dir, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.out, ==, "201 files checked: all are valid.\n");
    }
}

static void
test_export_progress (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attune-cli-export-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "progress.db", NULL);
  g_autofree char *out = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *csv = NULL;

  {
    /* No progress file yet: a clear message, status 1. */
    g_auto(Run) run = { 0 };
    run_attune (&run, "--export-progress", "csv", "--output", out, "--database", db, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "no progress"));
  }
  {
    /* A usage error: no --output. */
    g_auto(Run) run = { 0 };
    run_attune (&run, "--export-progress", "csv", "--database", db, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0 };
    run_attune (&run, "--export-progress", "pdf", "--output", out, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }

  /* Some progress, then exported through ATTUNE_DATABASE. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AttuneStore) store = attune_store_open (db, NULL, &error);
    AttuneStoreEvidence evidence[] = { { "reassure", 2 } };
    gint64 profile = attune_store_create_profile (store, "Dana", &error);
    gint64 attempt = attune_store_begin_attempt (store, profile, "late-parcel", ATTUNE_ATTEMPT_COACH, &error);

    attune_store_record_choice (store, attempt, "opening", 0, 1200, evidence, 1, &error);
    attune_store_finish_attempt (store, attempt, "resolved", 2, &error);
    g_assert_no_error (error);
  }
  {
    g_auto(Run) run = { 0 };

    g_setenv ("ATTUNE_DATABASE", db, TRUE);
    run_attune (&run, "--export-progress", "csv", "--output", out, "--profile", "Dana", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_get_contents (out, &csv, NULL, NULL));
    g_assert_true (g_str_has_prefix (csv, "profile,attempt,"));
    g_assert_nonnull (strstr (csv, "\r\nDana,1,late-parcel,coach,"));
  }
  {
    g_auto(Run) run = { 0 };

    run_attune (&run, "--export-progress", "xapi", "--output", "-", "--profile", "Nobody", NULL);
    g_unsetenv ("ATTUNE_DATABASE");
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "Nobody"));
  }
}

/* The export opens the file read-only: a damaged file, or one from a
 * newer Attune, gives status 1 and a message saying what to do, and the
 * folder stays byte for byte as it was (no restore, no empty database). */
static void
test_export_damaged_or_newer (void)
{
  StoreFixture f;
  g_autofree char *out = NULL;

  store_fixture_setup (&f, NULL);
  out = g_build_filename (f.dir, "out.csv", NULL);
  fill_store (f.path, 3);

  /* Damaged: every page after the first scribbled over. */
  {
    g_autofree char *contents = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_auto(Run) run = { 0 };
    gsize len;

    g_assert_true (g_file_get_contents (f.path, &contents, &len, NULL));
    for (gsize i = 4096; i < len; i++)
      contents[i] = (char) (i * 13);
    g_assert_true (g_file_set_contents (f.path, contents, len, NULL));
    before = describe_folder (f.dir);
    run_attune (&run, "--export-progress", "csv", "--output", out, "--database", f.path, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "is damaged"));
    g_assert_nonnull (strstr (run.err, "Open Attune"));
    after = describe_folder (f.dir);
    g_assert_cmpstr (before, ==, after);
  }
  /* Not a database at all. */
  {
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_auto(Run) run = { 0 };

    g_assert_true (g_file_set_contents (f.path, "891 decisions, honestly\n", -1, NULL));
    before = describe_folder (f.dir);
    run_attune (&run, "--export-progress", "xapi", "--output", "-", "--database", f.path, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "is damaged"));
    g_assert_cmpstr (run.out, ==, "");
    after = describe_folder (f.dir);
    g_assert_cmpstr (before, ==, after);
  }
  /* From a newer Attune. */
  {
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_auto(Run) run = { 0 };
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (g_unlink (f.path), ==, 0);
    {
      g_autoptr(AttuneStore) store = attune_store_open (f.path, NULL, &error);

      g_assert_no_error (error);
    }
    set_user_version (f.path, 99);
    before = describe_folder (f.dir);
    run_attune (&run, "--export-progress", "csv", "--output", out, "--database", f.path, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "newer version"));
    after = describe_folder (f.dir);
    g_assert_cmpstr (before, ==, after);
  }
  store_fixture_teardown (&f, NULL);
}

static void
test_usage_errors (void)
{
  {
    g_auto(Run) run = { 0 };
    run_attune (&run, "--validate", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0 };
    run_attune (&run, "--view", "nowhere", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "nowhere"));
  }
  {
    g_auto(Run) run = { 0 };
    run_attune (&run, "stray-argument", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0 };
    run_attune (&run, "--no-such-option", NULL);
    g_assert_cmpint (run.status, !=, 0);
  }
}

/* --sync refuses what it must not use, before touching the network. */
static void
test_sync_usage (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attune-cli-sync-XXXXXX", NULL);
  g_autofree char *credentials = g_build_filename (dir, "credentials", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);

  g_assert_true (g_file_set_contents_full (credentials, "key:secret\n", -1, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  {
    g_auto(Run) run = { 0 };
    run_attune (&run, "--sync", "--database", missing, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--lrs"));
  }
  {
    g_auto(Run) run = { 0 };
    run_attune (&run, "--sync", "--database", missing, "--lrs", "http://lrs.example.org/xAPI/",
                "--lrs-credentials", credentials, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "https://"));
  }
  {
    g_auto(Run) run = { 0 };
    run_attune (&run, "--sync", "--database", missing, "--lrs", "https://lrs.example.org/xAPI/",
                "--lrs-credentials", credentials, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "does not exist"));
  }
  g_assert_cmpint (g_chmod (credentials, 0640), ==, 0);
  {
    g_auto(Run) run = { 0 };
    run_attune (&run, "--sync", "--database", missing, "--lrs", "https://lrs.example.org/xAPI/",
                "--lrs-credentials", credentials, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "chmod 600"));
  }
  g_unlink (credentials);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("ATTUNE_BINARY"));

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/help-translated", test_help_translated);
  g_test_add_func ("/cli/validate-good", test_validate_good);
  g_test_add_func ("/cli/validate-cue-warnings", test_validate_cue_warnings);
  g_test_add_func ("/cli/validate-too-long", test_validate_too_long);
  g_test_add_func ("/cli/validate-bad", test_validate_bad);
  g_test_add_func ("/cli/validate-mixed", test_validate_mixed);
  g_test_add_func ("/cli/validate-missing", test_validate_missing);
  g_test_add_func ("/cli/validate-many-files-repeatedly", test_validate_many_files_repeatedly);
  g_test_add_func ("/cli/export-progress", test_export_progress);
  g_test_add_func ("/cli/export-damaged-or-newer", test_export_damaged_or_newer);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/sync-usage", test_sync_usage);
  return g_test_run ();
}
