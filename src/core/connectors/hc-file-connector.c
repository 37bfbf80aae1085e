/* hc-file-connector.c — reads a snapshot of employees (normalised JSON)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-file-connector"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "hc-connector-util.h"
#include "hc-error.h"
#include "hc-file-connector.h"
#include "hc-json.h"

struct _HcFileConnector
{
  GObject parent_instance;

  GFile  *file;
  char   *vendor_name;
};

static void connector_iface_init (HcConnectorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HcFileConnector, hc_file_connector, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HC_TYPE_CONNECTOR, connector_iface_init))

static void
hc_file_connector_finalize (GObject *object)
{
  HcFileConnector *self = HC_FILE_CONNECTOR (object);

  g_clear_object (&self->file);
  g_free (self->vendor_name);

  G_OBJECT_CLASS (hc_file_connector_parent_class)->finalize (object);
}

static void
hc_file_connector_class_init (HcFileConnectorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hc_file_connector_finalize;
}

static void
hc_file_connector_init (HcFileConnector *self)
{
}

HcFileConnector *
hc_file_connector_new (GFile      *file,
                       const char *vendor_name)
{
  HcFileConnector *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (HC_TYPE_FILE_CONNECTOR, NULL);
  self->file = g_object_ref (file);
  self->vendor_name = g_strdup (vendor_name ? vendor_name : _("Employee file"));
  return self;
}

HcFileConnector *
hc_file_connector_new_demo (void)
{
  g_autoptr (GFile) file = g_file_new_for_uri (HC_DEMO_COMPANY_URI);

  return hc_file_connector_new (file, _("Demo company"));
}

static char *
describe_file (GFile *file)
{
  if (g_file_has_uri_scheme (file, "resource"))
    return g_strdup (_("the bundled demo company"));
  return g_file_get_parse_name (file);
}

/* A sentence that names the file once: GIO's own messages repeat it. */
static GError *
file_error (const char   *name,
            const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return g_error_new (HC_ERROR, HC_ERROR_NOT_FOUND,
                        _("Could not read %s: the file does not exist"), name);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    return g_error_new (HC_ERROR, HC_ERROR_NOT_FOUND,
                        _("Could not read %s: permission denied"), name);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    return g_error_new (HC_ERROR, HC_ERROR_NOT_FOUND,
                        _("Could not read %s: it is a folder, not a file"), name);
  return g_error_new (HC_ERROR, HC_ERROR_NOT_FOUND, _("Could not read %s: %s"), name, error->message);
}

GPtrArray *
hc_file_connector_parse (const char *data,
                         gsize       length,
                         const char *source_name,
                         GError    **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GPtrArray) employees = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) local_error = NULL;
  JsonNode *root, *node;
  JsonArray *array;

  g_return_val_if_fail (data != NULL, NULL);

  if (!hc_json_load (parser, data, length, &local_error))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("%s is not valid JSON: %s"), source_name, local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE, _("%s is empty"), source_name);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      (node = json_object_get_member (json_node_get_object (root), "employees")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                   _("%s is not an employee snapshot: expected an object with an “employees” list"),
                   source_name);
      return NULL;
    }

  array = json_node_get_array (node);
  g_ptr_array_set_size (employees, 0);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      HcEmployee *employee;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                       _("%s: employee #%u is not an object"), source_name, i + 1);
          return NULL;
        }
      employee = hc_employee_new_from_json (json_node_get_object (element), &local_error);
      if (employee == NULL)
        {
          g_set_error (error, HC_ERROR, HC_ERROR_PARSE,
                       _("%s: employee #%u: %s"), source_name, i + 1, local_error->message);
          return NULL;
        }
      g_ptr_array_add (employees, employee);
    }

  return g_steal_pointer (&employees);
}

static void
report_progress (GTask      *task,
                 double      fraction,
                 const char *message)
{
  hc_connector_util_report_progress (task,
                                     g_object_get_data (G_OBJECT (task), "hc-progress-func"),
                                     g_object_get_data (G_OBJECT (task), "hc-progress-data"),
                                     fraction, g_strdup (message));
}

static void
fetch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  HcFileConnector *self = source_object;
  g_autofree char *contents = NULL;
  g_autofree char *name = describe_file (self->file);
  g_autoptr (GError) error = NULL;
  GPtrArray *employees;
  gsize length;

  report_progress (task, -1, _("Reading the employee file…"));

  if (!g_file_load_contents (self->file, cancellable, &contents, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, file_error (name, error));
      return;
    }

  employees = hc_file_connector_parse (contents, length, name, &error);
  if (employees == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  report_progress (task, 1.0, NULL);
  g_task_return_pointer (task, employees, (GDestroyNotify) g_ptr_array_unref);
}

static void
hc_file_connector_fetch_employees_async (HcConnector        *connector,
                                         HcProgressFunc      progress,
                                         gpointer            progress_data,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (connector, cancellable, callback, user_data);

  g_task_set_source_tag (task, hc_file_connector_fetch_employees_async);
  g_object_set_data (G_OBJECT (task), "hc-progress-func", progress);
  g_object_set_data (G_OBJECT (task), "hc-progress-data", progress_data);
  g_task_run_in_thread (task, fetch_thread);
}

static GPtrArray *
hc_file_connector_fetch_employees_finish (HcConnector  *connector,
                                          GAsyncResult *result,
                                          GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connector), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
query_info_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  HcFileConnector *self = g_task_get_source_object (task);
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GError) error = NULL;

  info = g_file_query_info_finish (G_FILE (source), result, &error);
  if (info == NULL)
    {
      g_autofree char *name = describe_file (self->file);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, file_error (name, error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
hc_file_connector_test_connection_async (HcConnector        *connector,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data)
{
  HcFileConnector *self = HC_FILE_CONNECTOR (connector);
  GTask *task = g_task_new (connector, cancellable, callback, user_data);

  g_task_set_source_tag (task, hc_file_connector_test_connection_async);
  g_file_query_info_async (self->file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, cancellable, query_info_cb, task);
}

static gboolean
hc_file_connector_test_connection_finish (HcConnector  *connector,
                                          GAsyncResult *result,
                                          GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connector), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static const char *
hc_file_connector_get_vendor_name (HcConnector *connector)
{
  return HC_FILE_CONNECTOR (connector)->vendor_name;
}

static void
connector_iface_init (HcConnectorInterface *iface)
{
  iface->get_vendor_name = hc_file_connector_get_vendor_name;
  iface->test_connection_async = hc_file_connector_test_connection_async;
  iface->test_connection_finish = hc_file_connector_test_connection_finish;
  iface->fetch_employees_async = hc_file_connector_fetch_employees_async;
  iface->fetch_employees_finish = hc_file_connector_fetch_employees_finish;
}
