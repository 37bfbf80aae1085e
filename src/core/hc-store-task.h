/* hc-store-task.h — work on the store run in a worker thread, as a GTask
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hc-store.h"

G_BEGIN_DECLS

/* The work, in a worker thread: its result (transfer full), or NULL with
 * @error set. @source_object and @data are the ones given to
 * hc_store_task_run_async(). */
typedef gpointer (*HcStoreTaskFunc) (gpointer  source_object,
                                     HcStore  *store,
                                     gpointer  data,
                                     GError  **error);

/*
 * HcStoreTask:
 * @source_tag: the _async function, for g_task_set_source_tag()
 * @func: the work
 * @result_free: frees a result nobody took
 * @return_on_cancel: TRUE when the work only reads, so that cancelling
 *   returns at once and the thread's result is dropped; FALSE for work
 *   that writes (one transaction: no cancelling it once begun)
 *
 * What an _async function runs; a static const one per function.
 */
typedef struct
{
  gpointer        source_tag;
  HcStoreTaskFunc func;
  GDestroyNotify  result_free;
  gboolean        return_on_cancel;
} HcStoreTask;

/* Runs @task's work on @store in a worker thread; @data (freed with
 * @data_free, which may be NULL) is handed to it. */
void     hc_store_task_run_async (const HcStoreTask  *task,
                                  gpointer            source_object,
                                  HcStore            *store,
                                  gpointer            data,
                                  GDestroyNotify      data_free,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data);

/* The result of hc_store_task_run_async() (transfer full), or NULL with
 * @error set. */
gpointer hc_store_task_finish    (GAsyncResult       *result,
                                  gpointer            source_object,
                                  GError            **error);

G_END_DECLS
