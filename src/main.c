/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "attune-application.h"
#include "attune-content.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AttuneApplication) app = NULL;
  const char *localedir = g_getenv ("ATTUNE_LOCALEDIR");
  const char *content_localedir = g_getenv ("ATTUNE_CONTENT_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* The build tree's catalogues when run with `meson devenv`, else the installed ones. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* Lessons and role-plays: a domain of their own (po/content/), installed
   * next to the interface's; the build tree keeps it in po/content/. */
  if (content_localedir == NULL || *content_localedir == '\0')
    content_localedir = localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR;
  bindtextdomain (GETTEXT_CONTENT_PACKAGE, content_localedir);
  bind_textdomain_codeset (GETTEXT_CONTENT_PACKAGE, "UTF-8");

  /* Once, before any thread parses. */
  attune_content_init ();

  app = attune_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
