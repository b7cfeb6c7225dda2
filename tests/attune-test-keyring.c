/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real Secret Service for tests: gnome-keyring-daemon in the test's
 * D-Bus session (build-aux/dev runs the suite under dbus-run-session),
 * with its own empty home under @dir, its login keyring created and
 * unlocked with a test password. Without a session bus or the daemon the
 * test fails; it never skips.
 */
#include "config.h"

#include <signal.h>

#include <glib/gstdio.h>

#include "attune-test-keyring.h"

GSubprocess *
attune_test_keyring_start (const char *dir)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_autofree char *home = g_build_filename (dir, "keyring-home", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *runtime = g_build_filename (dir, "keyring-runtime", NULL);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *keyring;
  GOutputStream *input;

  g_assert_nonnull (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  g_mkdir_with_parents (data, 0700);
  g_mkdir_with_parents (runtime, 0700);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  keyring = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon", "--foreground", "--unlock",
                                         "--components=secrets", NULL);
  g_assert_no_error (error);
  input = g_subprocess_get_stdin_pipe (keyring);
  g_assert_true (g_output_stream_write_all (input, "test-password", 13, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (input, NULL, &error));

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                               "org.freedesktop.DBus", "NameHasOwner",
                                                               g_variant_new ("(s)", "org.freedesktop.secrets"),
                                                               G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                                               -1, NULL, NULL);
      gboolean owned = FALSE;

      if (reply != NULL)
        g_variant_get (reply, "(b)", &owned);
      if (owned)
        return keyring;
      g_usleep (50 * 1000);
    }
  g_error ("gnome-keyring-daemon did not provide the Secret Service within 10 seconds");
  return NULL;
}

void
attune_test_keyring_stop (GSubprocess *keyring)
{
  g_subprocess_send_signal (keyring, SIGTERM);
  g_subprocess_wait (keyring, NULL, NULL);
  g_object_unref (keyring);
}
