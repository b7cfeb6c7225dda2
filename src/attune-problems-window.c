/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneProblemsWindow: the Details behind the window's banner. Lists each
 * content problem with its file and line, and copies them all in the
 * FILE:LINE: error: MESSAGE form a trainer can paste or search for.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-problem.h"
#include "attune-problems-window.h"

struct _AttuneProblemsWindow
{
  AdwWindow parent_instance;

  GListModel *problems;
  GtkListBox *list;
  AdwToastOverlay *toasts;
};

G_DEFINE_FINAL_TYPE (AttuneProblemsWindow, attune_problems_window, ADW_TYPE_WINDOW)

static GtkWidget *
create_problem_row (gpointer item,
                    gpointer user_data)
{
  AttuneProblem *problem = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *place = NULL;

  if (attune_problem_get_line (problem) > 0)
    /* Translators: a place in a file: %s is the file name, %u the line number */
    place = g_strdup_printf (_("%s, line %u"), attune_problem_get_file (problem),
                             attune_problem_get_line (problem));
  else
    place = g_strdup (attune_problem_get_file (problem));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), attune_problem_get_message (problem));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), place);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  return row;
}

static void
copy_all (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  AttuneProblemsWindow *self = ATTUNE_PROBLEMS_WINDOW (widget);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = g_list_model_get_n_items (self->problems);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttuneProblem) problem = g_list_model_get_item (self->problems, i);
      g_autofree char *line = attune_problem_to_string (problem);

      g_string_append_printf (text, "%s\n", line);
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text->str);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Problems copied")));
}

static void
attune_problems_window_dispose (GObject *object)
{
  AttuneProblemsWindow *self = ATTUNE_PROBLEMS_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTUNE_TYPE_PROBLEMS_WINDOW);
  g_clear_object (&self->problems);
  G_OBJECT_CLASS (attune_problems_window_parent_class)->dispose (object);
}

static void
attune_problems_window_class_init (AttuneProblemsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = attune_problems_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attune/Attune/attune-problems-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AttuneProblemsWindow, list);
  gtk_widget_class_bind_template_child (widget_class, AttuneProblemsWindow, toasts);
  gtk_widget_class_install_action (widget_class, "problems.copy", NULL, copy_all);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "problems.copy", NULL);
}

static void
attune_problems_window_init (AttuneProblemsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AttuneProblemsWindow *
attune_problems_window_new (GListModel *problems)
{
  AttuneProblemsWindow *self = g_object_new (ATTUNE_TYPE_PROBLEMS_WINDOW, NULL);

  self->problems = g_object_ref (problems);
  gtk_list_box_bind_model (self->list, problems, create_problem_row, NULL, NULL);
  return self;
}
