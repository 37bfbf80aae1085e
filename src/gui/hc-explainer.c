/* hc-explainer.c — "Why?" off the main loop: hc_plan_explain() on fetched employees
 *
 * hc_plan_explain() works the whole plan out again, which takes a while
 * on 100,000 employees: it runs in a thread, on data nobody changes (the
 * fetched employees, a copy of the config, members read from the store).
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-explainer"

#include "config.h"

#include "hc-error.h"
#include "hc-explainer.h"

struct _HcExplainer
{
  GObject    parent_instance;

  HcStore   *store;
  gint64     connector_id;
  HcConfig  *config;
  GPtrArray *employees;

  GMutex     lock;              /* guards members */
  GPtrArray *members;           /* NULL until a thread read them */
};

G_DEFINE_FINAL_TYPE (HcExplainer, hc_explainer, G_TYPE_OBJECT)

typedef struct
{
  char *query;
  char *fallback_query;
} ExplainData;

static void
explain_data_free (ExplainData *data)
{
  g_free (data->query);
  g_free (data->fallback_query);
  g_free (data);
}

static void
hc_explainer_finalize (GObject *object)
{
  HcExplainer *self = HC_EXPLAINER (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->config, hc_config_free);
  g_clear_pointer (&self->employees, g_ptr_array_unref);
  g_clear_pointer (&self->members, g_ptr_array_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (hc_explainer_parent_class)->finalize (object);
}

static void
hc_explainer_class_init (HcExplainerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hc_explainer_finalize;
}

static void
hc_explainer_init (HcExplainer *self)
{
  g_mutex_init (&self->lock);
}

HcExplainer *
hc_explainer_new (HcStore        *store,
                  gint64          connector_id,
                  const HcConfig *config,
                  GPtrArray      *employees)
{
  HcExplainer *self;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (employees != NULL, NULL);

  self = g_object_new (HC_TYPE_EXPLAINER, NULL);
  self->store = g_object_ref (store);
  self->connector_id = connector_id;
  self->config = hc_config_copy (config);
  self->employees = g_ptr_array_ref (employees);

  return self;
}

gint64
hc_explainer_get_connector_id (HcExplainer *self)
{
  g_return_val_if_fail (HC_IS_EXPLAINER (self), 0);

  return self->connector_id;
}

guint
hc_explainer_get_n_employees (HcExplainer *self)
{
  g_return_val_if_fail (HC_IS_EXPLAINER (self), 0);

  return self->employees->len;
}

/* The members, read once; a reference for the caller. */
static GPtrArray *
dup_members (HcExplainer *self,
             GError     **error)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if (self->members == NULL)
    self->members = hc_store_list_members (self->store, error);

  return self->members != NULL ? g_ptr_array_ref (self->members) : NULL;
}

static void
explain_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  HcExplainer *self = source_object;
  ExplainData *data = task_data;
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (GError) error = NULL;
  HcExplanation *explanation;

  members = dup_members (self, &error);
  if (members == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  explanation = hc_plan_explain (self->config, self->connector_id, self->employees, members,
                                 data->query, NULL, &error);
  if (explanation == NULL && data->fallback_query != NULL &&
      g_error_matches (error, HC_ERROR, HC_ERROR_NOT_FOUND))
    {
      g_clear_error (&error);
      explanation = hc_plan_explain (self->config, self->connector_id, self->employees, members,
                                     data->fallback_query, NULL, &error);
    }

  if (explanation == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, explanation, (GDestroyNotify) hc_explanation_free);
}

void
hc_explainer_explain_async (HcExplainer        *self,
                            const char         *query,
                            const char         *fallback_query,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  ExplainData *data;

  g_return_if_fail (HC_IS_EXPLAINER (self));
  g_return_if_fail (query != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hc_explainer_explain_async);

  data = g_new0 (ExplainData, 1);
  data->query = g_strdup (query);
  data->fallback_query = g_strdup (fallback_query);
  g_task_set_task_data (task, data, (GDestroyNotify) explain_data_free);
  g_task_run_in_thread (task, explain_thread);
}

HcExplanation *
hc_explainer_explain_finish (HcExplainer  *self,
                             GAsyncResult *result,
                             GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
