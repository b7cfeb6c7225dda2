/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "attune-export.h"
#include "attune-progress-report.h"
#include "attune-session.h"

G_BEGIN_DECLS

#define ATTUNE_TYPE_PROGRESS_MODEL (attune_progress_model_get_type ())
G_DECLARE_FINAL_TYPE (AttuneProgressModel, attune_progress_model, ATTUNE, PROGRESS_MODEL, GObject)

AttuneProgressModel  *attune_progress_model_new          (AttuneSession       *session);
AttuneSession        *attune_progress_model_get_session  (AttuneProgressModel *self);
AttuneLibrary        *attune_progress_model_get_library  (AttuneProgressModel *self);
AttuneProgressReport *attune_progress_model_get_report   (AttuneProgressModel *self);
GPtrArray            *attune_progress_model_get_profiles (AttuneProgressModel *self);
const char           *attune_progress_model_get_error    (AttuneProgressModel *self);
void                  attune_progress_model_refresh      (AttuneProgressModel *self);
void                  attune_progress_model_set_now      (AttuneProgressModel *self,
                                                          gint64               now);
char                 *attune_progress_model_describe_lesson (AttuneProgressModel *self,
                                                          const char          *lesson);
void                  attune_progress_model_mark_lesson_read (AttuneProgressModel *self,
                                                          const char          *lesson);

void                  attune_progress_model_create_profile_async (AttuneProgressModel *self,
                                                          const char          *name,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
void                  attune_progress_model_rename_profile_async (AttuneProgressModel *self,
                                                          const char          *name,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
void                  attune_progress_model_delete_profile_async (AttuneProgressModel *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
void                  attune_progress_model_export_async (AttuneProgressModel *self,
                                                          AttuneExportFormat   format,
                                                          GFile               *file,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean              attune_progress_model_finish       (AttuneProgressModel *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
G_END_DECLS
