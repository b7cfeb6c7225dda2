/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttunePreferencesWindow: every control is bound to GSettings, so changes
 * apply at once and the application reacts to the settings, not to this
 * window.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-lrs-preferences-page.h"
#include "attune-preferences-window.h"

struct _AttunePreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;
  AdwComboRow *style_row;
  GtkSwitch *assessment_switch;
  GtkSwitch *own_reply_switch;
  GtkSwitch *presenter_records_switch;
  AdwPreferencesGroup *folders_group;
  GtkListBox *folder_list;
  GPtrArray *folder_rows;
  GtkFileChooserNative *chooser;
  AttuneLrsPreferencesPage *lrs_page;
};

G_DEFINE_FINAL_TYPE (AttunePreferencesWindow, attune_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Positions of the style row's items, and the setting's values. */
static const char *color_schemes[] = { "system", "light", "dark" };

static gboolean
scheme_to_position (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    if (g_str_equal (scheme, color_schemes[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
position_to_scheme (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  return position < G_N_ELEMENTS (color_schemes) ? g_variant_new_string (color_schemes[position]) : NULL;
}

static void
remove_folder (GtkButton               *button,
               AttunePreferencesWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), "path");
  g_auto(GStrv) folders = g_settings_get_strv (self->settings, "library-folders");
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;

  for (guint i = 0; folders[i] != NULL; i++)
    if (!g_str_equal (folders[i], path))
      g_strv_builder_add (kept, folders[i]);
  result = g_strv_builder_end (kept);
  g_settings_set_strv (self->settings, "library-folders", (const char * const *) result);
}

static void
rebuild_folder_rows (AttunePreferencesWindow *self)
{
  g_auto(GStrv) folders = g_settings_get_strv (self->settings, "library-folders");
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->folder_list))) != NULL)
    gtk_list_box_remove (self->folder_list, child);

  for (guint i = 0; folders[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *label = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), folders[i]);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove Folder"));
      /* Translators: accessible name of a button; %s is a folder path */
      label = g_strdup_printf (_("Remove %s"), folders[i]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (remove), "path", g_strdup (folders[i]), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_folder), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->folder_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->folder_list), folders[0] != NULL);
}

static void
chooser_response (GtkNativeDialog         *dialog,
                  int                      response,
                  AttunePreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_auto(GStrv) folders = g_settings_get_strv (self->settings, "library-folders");

      if (path != NULL && !g_strv_contains ((const char * const *) folders, path))
        {
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          g_auto(GStrv) result = NULL;

          g_strv_builder_addv (builder, (const char **) folders);
          g_strv_builder_add (builder, path);
          result = g_strv_builder_end (builder);
          g_settings_set_strv (self->settings, "library-folders", (const char * const *) result);
        }
    }
  g_clear_object (&self->chooser);
}

static void
add_folder (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AttunePreferencesWindow *self = ATTUNE_PREFERENCES_WINDOW (widget);

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Add a Folder of Lessons or Scenarios"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
attune_preferences_window_dispose (GObject *object)
{
  AttunePreferencesWindow *self = ATTUNE_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTUNE_TYPE_PREFERENCES_WINDOW);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (attune_preferences_window_parent_class)->dispose (object);
}

static void
attune_preferences_window_class_init (AttunePreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = attune_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attune/Attune/attune-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, assessment_switch);
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, own_reply_switch);
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, presenter_records_switch);
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, folders_group);
  gtk_widget_class_bind_template_child (widget_class, AttunePreferencesWindow, folder_list);
  gtk_widget_class_install_action (widget_class, "preferences.add-folder", NULL, add_folder);
}

static void
attune_preferences_window_init (AttunePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AttunePreferencesWindow *
attune_preferences_window_new (GSettings *settings)
{
  AttunePreferencesWindow *self = g_object_new (ATTUNE_TYPE_PREFERENCES_WINDOW, NULL);

  self->settings = g_object_ref (settings);
  g_settings_bind_with_mapping (settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, scheme_to_position, position_to_scheme,
                                NULL, NULL);
  g_settings_bind (settings, "assessment-mode", self->assessment_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "write-own-reply", self->own_reply_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "presenter-records", self->presenter_records_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_swapped (settings, "changed::library-folders", G_CALLBACK (rebuild_folder_rows), self);
  rebuild_folder_rows (self);
  self->lrs_page = attune_lrs_preferences_page_new (settings);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->lrs_page));
  return self;
}

/* The active learner's id in the learning record store, or %NULL. */
void
attune_preferences_window_set_learner_id (AttunePreferencesWindow *self,
                                          const char              *learner_id)
{
  g_return_if_fail (ATTUNE_IS_PREFERENCES_WINDOW (self));
  attune_lrs_preferences_page_set_learner_id (self->lrs_page, learner_id);
}
