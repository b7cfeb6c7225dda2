/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneLrsPreferencesPage: where an organisation's learning record store
 * is set up. The endpoint and key go to GSettings when applied (the
 * endpoint only once it is an address Attune will send to); the secret
 * goes to the keyring and is never shown again. Test Connection asks the
 * store for one statement with what is typed, on a worker thread.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-lrs-client.h"
#include "attune-lrs-preferences-page.h"
#include "attune-lrs-secret.h"

struct _AttuneLrsPreferencesPage
{
  AdwPreferencesPage parent_instance;

  GSettings *settings;
  GCancellable *cancellable;

  AdwEntryRow *endpoint_row;
  AdwEntryRow *key_row;
  AdwEntryRow *secret_row;
  AdwActionRow *status_row;
  GtkWidget *learner_row;
  GtkLabel *learner_label;
  GtkSpinner *spinner;
  GtkWidget *test_button;
};

G_DEFINE_FINAL_TYPE (AttuneLrsPreferencesPage, attune_lrs_preferences_page, ADW_TYPE_PREFERENCES_PAGE)

static void
set_status (AttuneLrsPreferencesPage *self,
            const char               *text,
            gboolean                  busy)
{
  adw_action_row_set_subtitle (self->status_row, text);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->test_button, !busy);
}

static void
endpoint_applied (AttuneLrsPreferencesPage *self)
{
  const char *endpoint = gtk_editable_get_text (GTK_EDITABLE (self->endpoint_row));
  g_autoptr(GError) error = NULL;

  if (*endpoint != '\0' && !attune_lrs_endpoint_check (endpoint, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->endpoint_row), "error");
      set_status (self, error->message, FALSE);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->endpoint_row), "error");
  g_settings_set_string (self->settings, "lrs-endpoint", endpoint);
  set_status (self, *endpoint != '\0' ? _("Saved. Learning records will be sent to this store.")
                                      : _("Learning records are not sent anywhere."), FALSE);
}

static void
key_applied (AttuneLrsPreferencesPage *self)
{
  g_settings_set_string (self->settings, "lrs-key", gtk_editable_get_text (GTK_EDITABLE (self->key_row)));
}

static void
secret_stored (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(AttuneLrsPreferencesPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (attune_lrs_secret_store_finish (result, &error))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
      set_status (self, _("The secret is saved in your keyring."), FALSE);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Translators: %s is the keyring's own message */
  message = g_strdup_printf (_("The secret could not be saved in your keyring: %s"), error->message);
  set_status (self, message, FALSE);
}

static void
secret_applied (AttuneLrsPreferencesPage *self)
{
  g_autofree char *endpoint = g_settings_get_string (self->settings, "lrs-endpoint");
  g_autofree char *key = g_settings_get_string (self->settings, "lrs-key");

  if (*endpoint == '\0' || *key == '\0')
    {
      set_status (self, _("Enter and apply the endpoint and the key first, then the secret."), FALSE);
      return;
    }
  set_status (self, _("Saving the secret in your keyring…"), TRUE);
  attune_lrs_secret_store (endpoint, key, gtk_editable_get_text (GTK_EDITABLE (self->secret_row)),
                           self->cancellable, secret_stored, g_object_ref (self));
}

typedef struct
{
  char *endpoint;
  char *key;
  char *secret;
} Check;

static void
check_free (Check *check)
{
  g_free (check->endpoint);
  g_free (check->key);
  g_free (check->secret);
  g_free (check);
}

static void
check_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  Check *check = data;
  g_autoptr(AttuneLrsClient) client = NULL;
  GError *error = NULL;

  client = attune_lrs_client_new (check->endpoint, check->key, check->secret, &error);
  if (client != NULL && attune_lrs_client_check (client, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
checked (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  AttuneLrsPreferencesPage *self = ATTUNE_LRS_PREFERENCES_PAGE (source);
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    set_status (self, _("Connected: the learning record store accepted the key and secret."), FALSE);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_status (self, error->message, FALSE);
}

static void
run_check (AttuneLrsPreferencesPage *self,
           char                     *secret)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, checked, NULL);
  Check *check = g_new0 (Check, 1);

  check->endpoint = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->endpoint_row)));
  check->key = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row)));
  check->secret = secret;
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);
  g_task_run_in_thread (task, check_in_thread);
}

static void
secret_found (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(AttuneLrsPreferencesPage) self = data;
  g_autoptr(GError) error = NULL;
  char *secret = attune_lrs_secret_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (secret == NULL)
    {
      set_status (self, _("There is no secret for this endpoint and key in your keyring. Enter it above."), FALSE);
      return;
    }
  run_check (self, secret);
}

static void
test_connection (AttuneLrsPreferencesPage *self)
{
  const char *endpoint = gtk_editable_get_text (GTK_EDITABLE (self->endpoint_row));
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->key_row));
  const char *secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));
  g_autoptr(GError) error = NULL;

  if (!attune_lrs_endpoint_check (endpoint, &error))
    {
      set_status (self, error->message, FALSE);
      return;
    }
  set_status (self, _("Connecting…"), TRUE);
  if (*secret != '\0')
    run_check (self, g_strdup (secret));
  else
    attune_lrs_secret_lookup (endpoint, key, self->cancellable, secret_found, g_object_ref (self));
}

static void
attune_lrs_preferences_page_dispose (GObject *object)
{
  AttuneLrsPreferencesPage *self = ATTUNE_LRS_PREFERENCES_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATTUNE_TYPE_LRS_PREFERENCES_PAGE);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (attune_lrs_preferences_page_parent_class)->dispose (object);
}

static void
attune_lrs_preferences_page_finalize (GObject *object)
{
  AttuneLrsPreferencesPage *self = ATTUNE_LRS_PREFERENCES_PAGE (object);

  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (attune_lrs_preferences_page_parent_class)->finalize (object);
}

static void
attune_lrs_preferences_page_class_init (AttuneLrsPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attune_lrs_preferences_page_dispose;
  object_class->finalize = attune_lrs_preferences_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attune/Attune/attune-lrs-preferences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AttuneLrsPreferencesPage, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, AttuneLrsPreferencesPage, key_row);
  gtk_widget_class_bind_template_child (widget_class, AttuneLrsPreferencesPage, secret_row);
  gtk_widget_class_bind_template_child (widget_class, AttuneLrsPreferencesPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, AttuneLrsPreferencesPage, learner_row);
  gtk_widget_class_bind_template_child (widget_class, AttuneLrsPreferencesPage, learner_label);
  gtk_widget_class_bind_template_child (widget_class, AttuneLrsPreferencesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, AttuneLrsPreferencesPage, test_button);
  gtk_widget_class_bind_template_callback (widget_class, endpoint_applied);
  gtk_widget_class_bind_template_callback (widget_class, key_applied);
  gtk_widget_class_bind_template_callback (widget_class, secret_applied);
  gtk_widget_class_bind_template_callback (widget_class, test_connection);
}

static void
attune_lrs_preferences_page_init (AttuneLrsPreferencesPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * attune_lrs_preferences_page_new:
 * @settings: the application's settings (lrs-endpoint, lrs-key)
 */
AttuneLrsPreferencesPage *
attune_lrs_preferences_page_new (GSettings *settings)
{
  AttuneLrsPreferencesPage *self = g_object_new (ATTUNE_TYPE_LRS_PREFERENCES_PAGE, NULL);
  g_autofree char *endpoint = g_settings_get_string (settings, "lrs-endpoint");
  g_autofree char *key = g_settings_get_string (settings, "lrs-key");

  self->settings = g_object_ref (settings);
  gtk_editable_set_text (GTK_EDITABLE (self->endpoint_row), endpoint);
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), key);
  return self;
}

/**
 * attune_lrs_preferences_page_set_learner_id:
 * @learner_id: (nullable): the active profile's account name in xAPI
 *
 * Shows the id the LRS knows the learner by, so that a trainer can match
 * records to a person; names are never sent.
 */
void
attune_lrs_preferences_page_set_learner_id (AttuneLrsPreferencesPage *self,
                                            const char               *learner_id)
{
  g_return_if_fail (ATTUNE_IS_LRS_PREFERENCES_PAGE (self));
  gtk_label_set_label (self->learner_label, learner_id != NULL ? learner_id : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->learner_label), learner_id);
  gtk_widget_set_visible (self->learner_row, learner_id != NULL);
}
