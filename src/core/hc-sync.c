/* hc-sync.c — one sync of one connector: fetch → scope → plan → confirm → apply
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-sync"

#include "config.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <glib/gi18n-lib.h>

#include "hc-error.h"
#include "hc-mapping.h"
#include "hc-memory.h"
#include "hc-simdjson.h"
#include "hc-sync.h"
#include "hc-group-plan.h"

struct _HcSync
{
  GObject          parent_instance;

  HcStore         *store;
  gint64           connector_id;
  HcSyncTrigger    trigger;
  HcConnector     *connector;
  HcConnectorInfo *info;
  char            *secret;
  HcPlan          *plan;
  GPtrArray       *employees;       /* the last fetch, for "why?" */
  gint64           started_at;
  gint64           prepared_at;     /* when the plan was ready; 0 before */
  gint64           waited;          /* from then until the apply began */
  gint64           step_started;    /* monotonic: when the current step began */
  double           progress;
  char            *status_text;
  gboolean         busy;
};

G_DEFINE_FINAL_TYPE (HcSync, hc_sync, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROGRESS,
  PROP_STATUS_TEXT,
  PROP_PLAN,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hc_sync_dispose (GObject *object)
{
  HcSync *self = HC_SYNC (object);

  /* The sync's work is over: what SQLite cached for its queries is not
   * kept until the next one (rules.md 44). */
  if (self->store != NULL)
    hc_store_release_memory (self->store);
  g_clear_object (&self->store);
  g_clear_object (&self->connector);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->employees, g_ptr_array_unref);
  g_clear_pointer (&self->info, hc_connector_info_free);

  G_OBJECT_CLASS (hc_sync_parent_class)->dispose (object);
}

static void
hc_sync_finalize (GObject *object)
{
  HcSync *self = HC_SYNC (object);

  g_free (self->status_text);
  if (self->secret != NULL)
    explicit_bzero (self->secret, strlen (self->secret));
  g_free (self->secret);

  G_OBJECT_CLASS (hc_sync_parent_class)->finalize (object);

  /* What the sync held (its pages, employees and plan) is freed, and its
   * threads hold nothing of it (release_thread_task()): give it back. */
  hc_memory_release ();
}

static void
hc_sync_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  HcSync *self = HC_SYNC (object);

  switch (prop_id)
    {
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_STATUS_TEXT:
      g_value_set_string (value, self->status_text);
      break;
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hc_sync_class_init (HcSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = hc_sync_dispose;
  object_class->finalize = hc_sync_finalize;
  object_class->get_property = hc_sync_get_property;

#ifdef __GLIBC__
  /* Memory from one sync to the next, in a process that runs many (the
   * app, the soak of docs/HACKING.md). glibc serves a block above its mmap
   * threshold (128 KiB) with mmap and gives it back when it is freed, but
   * the first such block freed raises the threshold to its size, up to
   * 32 MB: the simdjson parser of a page's worker thread (2 MB for a page
   * of 100 employees) moves it there, and from then on every page body and
   * parser comes from the heaps of the threads' arenas, which keep that
   * memory once it is freed. The resident memory grew by a third over
   * 1,000 syncs. A threshold set once does not move.
   * Setting it also fixes the trim threshold at 128 KiB, so every heap
   * would hand its top back to the system and fault it in again many
   * times a page: a first sync of 100,000 spent 25 s in the kernel. The
   * heaps are trimmed once, when the sync ends (hc_memory_release()). */
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);
  mallopt (M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif

  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, -1, 1, -1, ro);
  properties[PROP_STATUS_TEXT] = g_param_spec_string ("status-text", NULL, NULL, NULL, ro);
  properties[PROP_PLAN] = g_param_spec_object ("plan", NULL, NULL, HC_TYPE_PLAN, ro);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hc_sync_init (HcSync *self)
{
  self->progress = -1;
}

HcSync *
hc_sync_new (HcStore      *store,
             gint64        connector_id,
             HcSyncTrigger trigger)
{
  HcSync *self;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);

  self = g_object_new (HC_TYPE_SYNC, NULL);
  self->store = g_object_ref (store);
  self->connector_id = connector_id;
  self->trigger = trigger;
  return self;
}

void
hc_sync_set_connector (HcSync      *self,
                       HcConnector *connector)
{
  g_return_if_fail (HC_IS_SYNC (self));
  g_set_object (&self->connector, connector);
}

void
hc_sync_set_secret (HcSync     *self,
                    const char *secret)
{
  g_return_if_fail (HC_IS_SYNC (self));

  if (self->secret != NULL)
    explicit_bzero (self->secret, strlen (self->secret));
  g_free (self->secret);
  self->secret = g_strdup (secret);
}

gint64
hc_sync_get_connector_id (HcSync *self)
{
  g_return_val_if_fail (HC_IS_SYNC (self), 0);
  return self->connector_id;
}

double
hc_sync_get_progress (HcSync *self)
{
  g_return_val_if_fail (HC_IS_SYNC (self), -1);
  return self->progress;
}

const char *
hc_sync_get_status_text (HcSync *self)
{
  g_return_val_if_fail (HC_IS_SYNC (self), NULL);
  return self->status_text;
}

HcPlan *
hc_sync_get_plan (HcSync *self)
{
  g_return_val_if_fail (HC_IS_SYNC (self), NULL);
  return self->plan;
}

GPtrArray *
hc_sync_get_employees (HcSync *self)
{
  g_return_val_if_fail (HC_IS_SYNC (self), NULL);
  return self->employees;
}

const HcConnectorInfo *
hc_sync_get_connector_info (HcSync *self)
{
  g_return_val_if_fail (HC_IS_SYNC (self), NULL);
  return self->info;
}

static void
set_status (HcSync     *self,
            double      progress,
            const char *text)
{
  if (self->progress != progress)
    {
      self->progress = progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
  if (text != NULL && g_strcmp0 (text, self->status_text) != 0)
    {
      g_free (self->status_text);
      self->status_text = g_strdup (text);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_TEXT]);
    }
}

/* How long the step that just ended took, for G_MESSAGES_DEBUG=hc-sync
 * (profiling a large sync: docs/HACKING.md); the next one starts now. */
static void
end_step (HcSync     *self,
          const char *what)
{
  gint64 now = g_get_monotonic_time ();

  g_debug ("%s: %.0f ms", what, (now - self->step_started) / 1000.0);
  self->step_started = now;
}

static void
set_busy (HcSync  *self,
          gboolean busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* A failed or cancelled run goes into the history, and a failure onto the
 * connector's card. */
static void
record_failure (HcSync       *self,
                const GError *error)
{
  g_autoptr (HcSyncRun) run = hc_sync_run_new (self->connector_id, self->trigger);
  g_autoptr (GError) store_error = NULL;
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  run->started_at = self->started_at;
  run->waited = self->waited;
  run->result = cancelled ? HC_SYNC_RESULT_CANCELLED : HC_SYNC_RESULT_FAILED;
  run->error_message = cancelled ? NULL : g_strdup (error->message);
  if (!hc_store_record_run (self->store, run, &store_error))
    g_warning ("Could not record the failed sync: %s", store_error->message);

  /* rules.md 43: beside the last successful sync, with the run behind
   * it; a 401 or 403 says the credentials are at fault. */
  if (!cancelled &&
      !hc_store_set_connector_failed (self->store, self->connector_id, run->finished_at, run->id,
                                      error->message, g_error_matches (error, HC_ERROR, HC_ERROR_AUTH),
                                      &store_error))
    g_warning ("Could not save the connector state: %s", store_error ? store_error->message : "");
}

static void
fetch_progress_cb (double      fraction,
                   const char *message,
                   gpointer    user_data)
{
  HcSync *self = user_data;

  /* Fetching is the first 70 % of preparing. */
  set_status (self, fraction < 0 ? -1 : fraction * 0.7, message);
}

/* A task run in a thread is let go by its thread after its callback may
 * have run: whatever it holds would be freed there, later, after the
 * sync's memory was given back (rules.md 44). So the thread's tasks hold
 * no reference to the sync (they have no source object: the sync's own
 * task keeps it alive), and their data is freed here, on the main thread,
 * as soon as their result is taken. */
static void
release_thread_task (GTask *task)
{
  g_task_set_task_data (task, NULL, NULL);
}

typedef struct
{
  HcSync    *self;              /* unowned: the sync's task holds it */
  GPtrArray *employees;
  HcConfig  *config;
  gboolean   first_sync;
  GPtrArray *metadata;          /* of HcFieldInfo, the vendor's; or NULL */
  char      *vendor;
} PlanData;

static void
plan_data_free (PlanData *data)
{
  g_clear_pointer (&data->employees, g_ptr_array_unref);
  g_clear_pointer (&data->metadata, g_ptr_array_unref);
  g_free (data->vendor);
  g_clear_pointer (&data->config, hc_config_free);
  g_free (data);
}

/* The mapped sources some employee has a value for: the field list the
 * mapping is checked against. Looking each source up stops at the first
 * employee that has it, which is cheaper than listing every field. */
static GPtrArray *
list_present_sources (const HcConfig *config,
                      GPtrArray      *employees)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < config->mapping->len; i++)
    {
      g_auto (GStrv) sources = hc_mapping_entry_dup_sources (g_ptr_array_index (config->mapping, i));

      for (guint j = 0; sources[j] != NULL; j++)
        for (guint k = 0; k < employees->len; k++)
          if (hc_employee_get_field (g_ptr_array_index (employees, k), sources[j]) != NULL)
            {
              g_ptr_array_add (fields, g_strdup (sources[j]));
              break;
            }
    }
  return fields;
}

/* The exclusion checkboxes the config names, as far as the HR data has
 * them (the vendor's metadata, or some employee's value), checked with
 * hc_field_info_check_exclusion(). */
static gboolean
check_exclusion_fields (PlanData *data,
                        GError  **error)
{
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_field_info_free);
  g_auto (GStrv) names = NULL;

  if (data->config->exclude_field == NULL)
    return TRUE;
  /* nothing read, nothing to check against */
  if (data->employees->len == 0 && (data->metadata == NULL || data->metadata->len == 0))
    return TRUE;

  for (guint i = 0; data->metadata != NULL && i < data->metadata->len; i++)
    g_ptr_array_add (fields, hc_field_info_copy (g_ptr_array_index (data->metadata, i)));

  names = g_strsplit (data->config->exclude_field, "|", -1);
  for (guint i = 0; names[i] != NULL; i++)
    for (guint k = 0; k < data->employees->len; k++)
      if (hc_employee_get_field (g_ptr_array_index (data->employees, k), names[i]) != NULL)
        {
          g_ptr_array_add (fields, hc_field_info_new (names[i], NULL, HC_FIELD_TYPE_UNKNOWN));
          break;
        }

  return hc_field_info_check_exclusion (data->config, fields, data->vendor, error);
}

/* The groups' part of the plan reads the store and works out where each
 * employee goes while the member plan is made, on the other core. */
typedef struct
{
  HcStore           *store;
  const HcConfig    *config;
  GPtrArray         *employees;
  HcGroupPlanInputs *inputs;
  GError            *error;
} GroupInputsRead;

static gpointer
read_group_inputs_thread (gpointer data)
{
  GroupInputsRead *read = data;

  read->inputs = hc_group_plan_inputs_read (read->store, &read->error);
  /* where everyone goes, while the member plan decides who is placed */
  if (read->inputs != NULL)
    hc_group_plan_inputs_place (read->inputs, read->config, read->employees);
  return NULL;
}

HcPlan *
hc_sync_make_plan (HcStore        *store,
                   const HcConfig *config,
                   gint64          connector_id,
                   GPtrArray      *employees,
                   gboolean        first_sync,
                   GCancellable   *cancellable,
                   GError        **error)
{
  GroupInputsRead read = { store, config, employees, NULL, NULL };
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (HcGroupPlanInputs) inputs = NULL;
  g_autoptr (HcPlan) plan = NULL;
  GThread *reader;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);
  g_return_val_if_fail (config != NULL && employees != NULL, NULL);

  /* the plan finds managers by id: no names to read */
  members = hc_store_list_members_for_plan (store, error);
  if (members == NULL)
    return NULL;

  /* After the members: both readings would wait for the store's lock.
   * Beside the member plan, the reading slows it down (the two cores
   * share their caches), but by less than it takes on its own. */
  reader = g_thread_new ("hc-group-inputs", read_group_inputs_thread, &read);
  if (!g_cancellable_set_error_if_cancelled (cancellable, error))
    plan = hc_plan_compute (config, connector_id, employees, members, first_sync);
  /* The plan holds none of them: freed before the groups' part of the
   * plan is made (peak memory). */
  g_clear_pointer (&members, g_ptr_array_unref);

  g_thread_join (reader);
  inputs = g_steal_pointer (&read.inputs);
  if (plan == NULL)
    {
      g_clear_error (&read.error);
      return NULL;
    }
  if (inputs == NULL)
    {
      g_propagate_error (error, read.error);
      return NULL;
    }
  /* Groups and roles (rules.md 36–39): their own part of the plan. */
  hc_group_plan_attach_inputs (plan, config, employees, inputs);
  return g_steal_pointer (&plan);
}

static void
plan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PlanData *data = task_data;
  HcSync *self = data->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) fields = NULL;
  HcPlan *plan;

  /* A mapping to a field the HR system does not have fails now, before
   * any plan, not half-way through a sync. */
  if (data->employees->len > 0)
    {
      fields = list_present_sources (data->config, data->employees);
      /* every employee has an id: the list is never empty here */
      g_ptr_array_add (fields, g_strdup (HC_FIELD_ID));
      if (!hc_mapping_check_fields (data->config, fields, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  /* An exclusion checkbox the HR data lacks would sync everyone. */
  if (!check_exclusion_fields (data, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  plan = hc_sync_make_plan (self->store, data->config, self->connector_id, data->employees,
                            data->first_sync, cancellable, &error);
  if (plan == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, plan, g_object_unref);
}

static void
plan_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  HcSync *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  HcPlan *plan;

  plan = g_task_propagate_pointer (G_TASK (result), &error);
  release_thread_task (G_TASK (result));
  end_step (self, "plan");
  set_busy (self, FALSE);
  if (plan == NULL)
    {
      record_failure (self, error);
      set_status (self, -1, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->prepared_at = g_get_real_time ();
  g_set_object (&self->plan, plan);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
  set_status (self, 1.0, _("Ready to apply"));
  g_task_return_pointer (task, plan, g_object_unref);
}

static void
fetch_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  HcSync *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) employees = NULL;
  g_autoptr (GTask) plan_task = NULL;
  PlanData *data;

  employees = hc_connector_fetch_employees_finish (HC_CONNECTOR (source), result, &error);
  /* The pages are read: the parsers and page buffers kept for them (13 MB
   * at 100,000 employees) are not held while the plan is made (peak
   * memory). A fetch still running elsewhere makes new ones. */
  hc_sj_parsers_trim ();
  end_step (self, "fetch");
  if (employees == NULL)
    {
      set_busy (self, FALSE);
      record_failure (self, error);
      set_status (self, -1, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* rules.md 43: the HR system took the credentials. */
  if (!hc_store_set_connector_credentials (self->store, self->connector_id, HC_CREDENTIALS_ACCEPTED,
                                           NULL, &error))
    {
      g_warning ("Could not save the connector state: %s", error->message);
      g_clear_error (&error);
    }

  {
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "Comparing %u employee with the directory…",
                                                          "Comparing %u employees with the directory…",
                                                          employees->len),
                                             employees->len);
    set_status (self, 0.8, text);
  }

  g_clear_pointer (&self->employees, g_ptr_array_unref);
  self->employees = g_ptr_array_ref (employees);
  data = g_new0 (PlanData, 1);
  data->self = self;
  data->employees = g_steal_pointer (&employees);
  data->config = hc_config_copy (self->info->config);
  data->first_sync = !hc_store_connector_has_synced (self->store, self->connector_id);
  data->metadata = hc_connector_dup_field_metadata (HC_CONNECTOR (source));
  data->vendor = g_strdup (hc_connector_get_vendor_name (HC_CONNECTOR (source)));

  plan_task = g_task_new (NULL, g_task_get_cancellable (task), plan_done_cb, g_object_ref (task));
  g_task_set_task_data (plan_task, data, (GDestroyNotify) plan_data_free);
  g_task_run_in_thread (plan_task, plan_thread);
}

static void
start_fetch (HcSync *self,
             GTask  *task)
{
  g_autofree char *text = NULL;

  text = g_strdup_printf (_("Fetching employees from %s…"), self->info->name);
  set_status (self, -1, text);
  self->step_started = g_get_monotonic_time ();
  hc_connector_request_config_fields (self->connector, self->info->config);
  hc_connector_fetch_employees_async (self->connector, fetch_progress_cb, self,
                                      g_task_get_cancellable (task),
                                      fetch_done_cb, task);
}

static void
open_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  HcSync *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;

  self->connector = hc_connector_open_finish (result, &error);
  if (self->connector == NULL)
    {
      set_busy (self, FALSE);
      record_failure (self, error);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  start_fetch (self, task);
}

void
hc_sync_prepare_async (HcSync             *self,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (HC_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hc_sync_prepare_async);

  if (self->busy)
    {
      g_task_return_new_error (task, HC_ERROR, HC_ERROR_FAILED, _("This sync is already running"));
      return;
    }

  self->started_at = g_get_real_time ();
  self->prepared_at = 0;
  self->waited = 0;
  g_clear_pointer (&self->info, hc_connector_info_free);
  self->info = hc_store_get_connector (self->store, self->connector_id, &error);
  if (self->info == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  set_busy (self, TRUE);
  if (self->connector == NULL)
    {
      text = g_strdup_printf (_("Connecting to %s…"), self->info->name);
      set_status (self, -1, text);
      hc_connector_open_async (self->store, self->info, self->secret, cancellable,
                               open_done_cb, g_steal_pointer (&task));
      return;
    }

  start_fetch (self, g_steal_pointer (&task));
}

gint64
hc_sync_get_waited (HcSync *self)
{
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (HC_IS_SYNC (self), 0);

  if (self->prepared_at <= 0 || now < self->prepared_at)
    return 0;
  return now - self->prepared_at;
}

HcPlan *
hc_sync_prepare_finish (HcSync       *self,
                        GAsyncResult *result,
                        GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  HcSync    *self;              /* unowned: the sync's task holds it */
  HcSyncRun *run;
  GPtrArray *employees;         /* let go in the thread, before the writes */
} ApplyData;

static void
apply_data_free (ApplyData *data)
{
  g_clear_pointer (&data->employees, g_ptr_array_unref);
  hc_sync_run_free (data->run);
  g_free (data);
}

static void
apply_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ApplyData *data = task_data;
  HcSync *self = data->self;
  HcSyncRun *run = data->run;
  g_autoptr (GError) error = NULL;

  /* 100,000 employees take a while to free: here, not on the main
   * thread (a window would miss its frames), and before SQLite fills its
   * cache (peak memory). Those who show them took their reference. */
  g_clear_pointer (&data->employees, g_ptr_array_unref);
  if (g_task_return_error_if_cancelled (task))
    return;

#ifdef __GLIBC__
  /* the employees' pages, freed in the arenas of the threads that decoded
   * them, back to the system before the store's writes need their own */
  malloc_trim (0);
#endif
  /* SQLite's page cache (32 MiB) fills with a large sync's rows */
  hc_memory_prefault ((gsize) hc_plan_get_items (self->plan)->len * 512);
  if (!hc_store_apply_plan (self->store, self->plan, run, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, hc_sync_run_copy (run), (GDestroyNotify) hc_sync_run_free);
}

static void
apply_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  HcSync *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  HcSyncRun *run;

  run = g_task_propagate_pointer (G_TASK (result), &error);
  release_thread_task (G_TASK (result));
  end_step (self, "apply");
  set_busy (self, FALSE);
  if (run == NULL)
    {
      record_failure (self, error);
      set_status (self, -1, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Archives left staged wait for the admin: say so on the card. */
  if (hc_plan_count_staged (self->plan) > 0)
    {
      guint n = hc_plan_count_staged (self->plan);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u archive is staged and waits for approval in the preview",
                                                            "%u archives are staged and wait for approval in the preview",
                                                            n), n);

      hc_store_set_connector_state (self->store, self->connector_id,
                                    HC_CONNECTOR_STATE_ACTION_REQUIRED, text, NULL);
    }

  set_status (self, 1.0, _("Sync complete"));
  g_task_return_pointer (task, run, (GDestroyNotify) hc_sync_run_free);
}

void
hc_sync_apply_async (HcSync             *self,
                     gboolean            confirmed,
                     GCancellable       *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GTask) apply_task = NULL;
  ApplyData *data;

  g_return_if_fail (HC_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hc_sync_apply_async);

  if (self->plan == NULL || self->busy)
    {
      g_task_return_new_error (task, HC_ERROR, HC_ERROR_FAILED,
                               _("There is no prepared plan to apply"));
      return;
    }

  /* A scheduled run cannot ask: archives beyond the threshold stay staged
   * and the rest of the sync applies (rules.md 20). */
  if (hc_plan_needs_confirmation (self->plan) && !confirmed &&
      self->trigger == HC_SYNC_TRIGGER_SCHEDULE && !hc_plan_is_first_sync (self->plan))
    hc_plan_approve_all_archives (self->plan, FALSE);

  if (hc_plan_needs_confirmation (self->plan) && !confirmed)
    {
      /* A first scheduled run cannot ask either: it stops and asks for action. */
      if (self->trigger == HC_SYNC_TRIGGER_SCHEDULE)
        {
          g_autoptr (HcSyncRun) waiting = hc_sync_run_new (self->connector_id, self->trigger);

          waiting->started_at = self->started_at;
          waiting->waited = hc_sync_get_waited (self);
          waiting->result = HC_SYNC_RESULT_NEEDS_CONFIRMATION;
          waiting->error_message = g_strdup (hc_plan_get_confirmation_reason (self->plan));
          hc_sync_run_set_counts_from_plan (waiting, self->plan);
          hc_store_record_run (self->store, waiting, NULL);
          hc_store_set_connector_state (self->store, self->connector_id,
                                        HC_CONNECTOR_STATE_ACTION_REQUIRED,
                                        hc_plan_get_confirmation_reason (self->plan), NULL);
        }
      g_task_return_new_error (task, HC_ERROR, HC_ERROR_NEEDS_CONFIRMATION, "%s",
                               hc_plan_get_confirmation_reason (self->plan));
      return;
    }

  set_busy (self, TRUE);
  set_status (self, -1, _("Applying the changes…"));
  /* The plan's items hold all that the store writes: the employees (55 MB
   * at 100,000) are not kept while SQLite fills its cache (peak memory),
   * neither here nor in the plan; the apply's thread frees them first.
   * Those who show them (the preview, "why?") took their reference. */
  hc_plan_release_employees (self->plan);
  self->step_started = g_get_monotonic_time ();

  /* The time the preview was open is no part of the run's duration. */
  self->waited = hc_sync_get_waited (self);
  data = g_new0 (ApplyData, 1);
  data->self = self;
  data->run = hc_sync_run_new (self->connector_id, self->trigger);
  data->run->started_at = self->started_at;
  data->run->waited = self->waited;
  data->employees = g_steal_pointer (&self->employees);
  apply_task = g_task_new (NULL, cancellable, apply_done_cb, g_steal_pointer (&task));
  g_task_set_task_data (apply_task, data, (GDestroyNotify) apply_data_free);
  g_task_run_in_thread (apply_task, apply_thread);
}

HcSyncRun *
hc_sync_apply_finish (HcSync       *self,
                      GAsyncResult *result,
                      GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
