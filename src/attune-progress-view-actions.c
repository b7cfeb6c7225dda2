/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneProgressView, continued: managing profiles (switch, create,
 * rename, delete after a confirmation) and exporting progress to a file.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-export.h"
#include "attune-progress-view-private.h"

/* Shows that a long task is under way, with a Cancel button; NULL hides it. */
static void
set_busy (AttuneProgressView *self,
          const char         *what)
{
  if (what != NULL)
    gtk_label_set_text (self->busy_label, what);
  gtk_spinner_set_spinning (self->busy_spinner, what != NULL);
  gtk_revealer_set_reveal_child (self->busy_revealer, what != NULL);
  if (what == NULL)
    g_clear_object (&self->cancellable);
}

void
_attune_progress_view_cancel (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  AttuneProgressView *self = ATTUNE_PROGRESS_VIEW (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

void
_attune_progress_view_switch_profile (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AttuneProgressView *self = ATTUNE_PROGRESS_VIEW (widget);

  attune_session_set_profile (attune_progress_model_get_session (self->progress), g_variant_get_int64 (parameter));
}

/* A dialog asking for a profile name; @verb is the response's label. */
static AdwMessageDialog *
name_dialog (AttuneProgressView *self,
             const char         *heading,
             const char         *verb,
             const char         *initial)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, NULL);
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), initial != NULL ? initial : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "ok", verb,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
show_error (AttuneProgressView *self,
            const GError       *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              _("That Did Not Work"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The end of a profile change or export: say what went wrong, if anything. */
static void
done (GObject      *source,
      GAsyncResult *result,
      gpointer      user_data)
{
  g_autoptr(AttuneProgressView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!attune_progress_model_finish (ATTUNE_PROGRESS_MODEL (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, error);
  set_busy (self, NULL);
}

static void
new_profile_response (AdwMessageDialog   *dialog,
                      const char         *response,
                      AttuneProgressView *self)
{
  const char *name = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "entry"));

  if (!g_str_equal (response, "ok"))
    return;
  attune_progress_model_create_profile_async (self->progress, name, done, g_object_ref (self));
}

void
_attune_progress_view_new_profile (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AttuneProgressView *self = ATTUNE_PROGRESS_VIEW (widget);
  AdwMessageDialog *dialog = name_dialog (self, _("New Profile"), _("C_reate"), NULL);

  adw_message_dialog_set_body (dialog, _("Each learner sharing this computer can have a profile of their own."));
  g_signal_connect (dialog, "response", G_CALLBACK (new_profile_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rename_profile_response (AdwMessageDialog   *dialog,
                         const char         *response,
                         AttuneProgressView *self)
{
  const char *name = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "entry"));

  if (!g_str_equal (response, "ok"))
    return;
  attune_progress_model_rename_profile_async (self->progress, name, done, g_object_ref (self));
}

void
_attune_progress_view_rename_profile (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AttuneProgressView *self = ATTUNE_PROGRESS_VIEW (widget);
  AdwMessageDialog *dialog = name_dialog (self, _("Rename Profile"), _("_Rename"),
                                          adw_button_content_get_label (self->profile_content));

  g_signal_connect (dialog, "response", G_CALLBACK (rename_profile_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_profile_response (AdwMessageDialog   *dialog,
                         const char         *response,
                         AttuneProgressView *self)
{
  if (!g_str_equal (response, "delete"))
    return;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, _("Deleting the profile…"));
  attune_progress_model_delete_profile_async (self->progress, self->cancellable, done, g_object_ref (self));
}

void
_attune_progress_view_delete_profile (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AttuneProgressView *self = ATTUNE_PROGRESS_VIEW (widget);
  /* Translators: %s is a profile name */
  g_autofree char *heading = g_strdup_printf (_("Delete “%s”?"), adw_button_content_get_label (self->profile_content));
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                              _("Their history and progress will be removed. A backup of the progress file is kept next to it, so this can still be undone by hand."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (delete_profile_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_response (GtkNativeDialog    *dialog,
                 int                 response,
                 AttuneProgressView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      AttuneExportFormat format = ATTUNE_EXPORT_CSV;

      attune_export_parse_format (self->export_format, &format);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      set_busy (self, _("Exporting your progress…"));
      attune_progress_model_export_async (self->progress, format, file, self->cancellable, done, g_object_ref (self));
    }
  g_clear_object (&self->chooser);
}

void
_attune_progress_view_export_progress (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttuneProgressView *self = ATTUNE_PROGRESS_VIEW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  g_autofree char *name = NULL;

  g_free (self->export_format);
  self->export_format = g_strdup (format);
  /* Translators: the suggested file name of an export; keep the extension */
  name = g_strdup (g_str_equal (format, "csv") ? _("attune-progress.csv") : _("attune-progress.json"));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Progress"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

