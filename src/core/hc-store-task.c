/* hc-store-task.c — work on the store run in a worker thread, as a GTask
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-store-task"

#include "config.h"

#include "hc-store-task.h"

typedef struct
{
  const HcStoreTask *task;
  HcStore           *store;
  gpointer           data;
  GDestroyNotify     data_free;
} TaskData;

static void
task_data_free (TaskData *td)
{
  g_object_unref (td->store);
  if (td->data_free != NULL)
    td->data_free (td->data);
  g_free (td);
}

static void
task_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskData *td = task_data;
  GError *error = NULL;
  gpointer result = td->task->func (source_object, td->store, td->data, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, td->task->result_free);
}

void
hc_store_task_run_async (const HcStoreTask  *task,
                         gpointer            source_object,
                         HcStore            *store,
                         gpointer            data,
                         GDestroyNotify      data_free,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  g_autoptr (GTask) gtask = NULL;
  TaskData *td;

  g_return_if_fail (task != NULL && task->func != NULL);
  g_return_if_fail (HC_IS_STORE (store));

  gtask = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (gtask, task->source_tag);
  td = g_new0 (TaskData, 1);
  td->task = task;
  td->store = g_object_ref (store);
  td->data = data;
  td->data_free = data_free;
  g_task_set_task_data (gtask, td, (GDestroyNotify) task_data_free);
  g_task_set_return_on_cancel (gtask, task->return_on_cancel);
  g_task_run_in_thread (gtask, task_thread);
}

gpointer
hc_store_task_finish (GAsyncResult *result,
                      gpointer      source_object,
                      GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source_object), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
