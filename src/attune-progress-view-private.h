/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "attune-progress-report.h"
#include "attune-progress-view.h"

G_BEGIN_DECLS

struct _AttuneProgressView
{
  GtkWidget parent_instance;

  AttuneProgressModel *progress;
  AttuneProgressReport *report;      /* the model's, while laid out */
  GCancellable *cancellable;         /* the export or deletion under way */
  GtkFileChooserNative *chooser;
  char *export_format;

  GtkRevealer *busy_revealer;
  GtkSpinner *busy_spinner;
  GtkLabel *busy_label;
  GtkRevealer *notice_revealer;
  GtkLabel *notice_label;
  GtkMenuButton *profile_button;
  AdwButtonContent *profile_content;
  GtkWidget *export_button;
  GtkStack *stack;
  AdwStatusPage *unavailable_page;
  GtkBox *report_box;
  GtkWidget *sync_box;
  GtkLabel *sync_label;
  GtkWidget *sync_button;
  AttuneLrsService *lrs;             /* unowned; the application's */
};

void _attune_progress_view_switch_profile  (GtkWidget *widget, const char *action_name, GVariant *parameter);
void _attune_progress_view_new_profile     (GtkWidget *widget, const char *action_name, GVariant *parameter);
void _attune_progress_view_rename_profile  (GtkWidget *widget, const char *action_name, GVariant *parameter);
void _attune_progress_view_delete_profile  (GtkWidget *widget, const char *action_name, GVariant *parameter);
void _attune_progress_view_export_progress (GtkWidget *widget, const char *action_name, GVariant *parameter);
void _attune_progress_view_cancel          (GtkWidget *widget, const char *action_name, GVariant *parameter);

G_END_DECLS
