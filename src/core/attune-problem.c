/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneProblem: one thing wrong with a content file, with the place it
 * was found. Problems are GObjects so that the window can bind a list of
 * them to a GtkListBox.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-problem.h"

struct _AttuneProblem
{
  GObject parent_instance;
  char *file;
  guint line;
  char *message;
  gboolean warning;
  char *related_file;   /* the other place a clash is about, or NULL */
  guint related_line;
  char *related_message;
};

G_DEFINE_FINAL_TYPE (AttuneProblem, attune_problem, G_TYPE_OBJECT)

static void
attune_problem_finalize (GObject *object)
{
  AttuneProblem *self = ATTUNE_PROBLEM (object);

  g_free (self->file);
  g_free (self->message);
  g_free (self->related_file);
  g_free (self->related_message);
  G_OBJECT_CLASS (attune_problem_parent_class)->finalize (object);
}

static void
attune_problem_class_init (AttuneProblemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attune_problem_finalize;
}

static void
attune_problem_init (AttuneProblem *self)
{
}

/**
 * attune_problem_new:
 * @file: the file the problem is in, as it should be shown
 * @line: the line, or 0 when the problem concerns the whole file
 * @message: a translated, human-readable message
 */
AttuneProblem *
attune_problem_new (const char *file,
                    guint       line,
                    const char *message)
{
  AttuneProblem *self = g_object_new (ATTUNE_TYPE_PROBLEM, NULL);

  self->file = g_strdup (file);
  self->line = line;
  self->message = g_strdup (message);
  return self;
}

/* A warning: the file loads, but something in it deserves a look
 * (`attune --validate` reports it; `--strict` makes it an error). */
AttuneProblem *
attune_problem_new_warning (const char *file,
                            guint       line,
                            const char *message)
{
  AttuneProblem *self = attune_problem_new (file, line, message);

  self->warning = TRUE;
  return self;
}

gboolean
attune_problem_is_warning (AttuneProblem *self)
{
  g_return_val_if_fail (ATTUNE_IS_PROBLEM (self), FALSE);
  return self->warning;
}

const char *
attune_problem_get_file (AttuneProblem *self)
{
  g_return_val_if_fail (ATTUNE_IS_PROBLEM (self), NULL);
  return self->file;
}

guint
attune_problem_get_line (AttuneProblem *self)
{
  g_return_val_if_fail (ATTUNE_IS_PROBLEM (self), 0);
  return self->line;
}

const char *
attune_problem_get_message (AttuneProblem *self)
{
  g_return_val_if_fail (ATTUNE_IS_PROBLEM (self), NULL);
  return self->message;
}

/* The GNU "FILE:LINE: error: MESSAGE" form, so that editors and IDEs can
 * jump to the place. The word "error" stays untranslated on purpose: tools
 * parse it. */
char *
attune_problem_to_string (AttuneProblem *self)
{
  const char *kind;

  g_return_val_if_fail (ATTUNE_IS_PROBLEM (self), NULL);

  /* "error" and "warning" stay in English: editors and build tools parse them. */
  kind = self->warning ? "warning" : "error";

  if (self->line > 0)
    return g_strdup_printf ("%s:%u: %s: %s", self->file, self->line, kind, self->message);
  return g_strdup_printf ("%s: %s: %s", self->file, kind, self->message);
}

/**
 * attune_problem_set_related:
 * @file: the other file a clash is about
 * @line: its line
 * @message: what to say there, as a GNU "note"
 *
 * Some problems involve two places (two files using one id): the
 * validator prints a note at the second place, so that both can be
 * jumped to.
 */
void
attune_problem_set_related (AttuneProblem *self,
                            const char    *file,
                            guint          line,
                            const char    *message)
{
  g_return_if_fail (ATTUNE_IS_PROBLEM (self));
  g_free (self->related_file);
  g_free (self->related_message);
  self->related_file = g_strdup (file);
  self->related_line = line;
  self->related_message = g_strdup (message);
}

const char *
attune_problem_get_related_file (AttuneProblem *self)
{
  g_return_val_if_fail (ATTUNE_IS_PROBLEM (self), NULL);
  return self->related_file;
}

/* The "FILE:LINE: note: MESSAGE" line for the other place, or %NULL. */
char *
attune_problem_related_to_string (AttuneProblem *self)
{
  g_return_val_if_fail (ATTUNE_IS_PROBLEM (self), NULL);
  if (self->related_file == NULL)
    return NULL;
  if (self->related_line > 0)
    return g_strdup_printf ("%s:%u: note: %s", self->related_file, self->related_line, self->related_message);
  return g_strdup_printf ("%s: note: %s", self->related_file, self->related_message);
}

/* Appends a new problem to @problems (a GPtrArray owning AttuneProblems). */
void
attune_problems_add (GPtrArray  *problems,
                     const char *file,
                     guint       line,
                     const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (problems, attune_problem_new (file, line, message));
}
