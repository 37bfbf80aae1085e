/* hc-connector-pages.c — the connection test and the page loop of the paged
 * HR connectors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-connector-pages"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hc-connector-pages.h"
#include "hc-connector-util.h"
#include "hc-error.h"

/* test */

typedef struct
{
  HcHttp *http;
  char   *path;
  char   *items_path;
} Test;

static void
test_free (Test *test)
{
  g_clear_object (&test->http);
  g_free (test->path);
  g_free (test->items_path);
  g_free (test);
}

static void
test_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Test *test = g_task_get_task_data (task);
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  const char *vendor = hc_connector_get_vendor_name (HC_CONNECTOR (g_task_get_source_object (task)));
  JsonNode *items;

  root = hc_http_get_json_finish (HC_HTTP (source), result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  items = JSON_NODE_HOLDS_OBJECT (root) ? hc_json_lookup (json_node_get_object (root), test->items_path) : NULL;
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    {
      /* TRANSLATORS: the first %s is the HR system, the second the address
       * it answered (/people), the third the name of the list in its
       * answer (data.items), the last the HR system again. */
      g_task_return_new_error (task, HC_ERROR, HC_ERROR_PARSE,
                               _("%s answered %s without the expected list (%s). Check the base URL in the connector settings; if it is right, contact %s support."),
                               vendor, test->path, test->items_path, vendor);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
hc_connector_pages_test_async (HcConnector        *connector,
                               gpointer            source_tag,
                               HcConnectorHttpFunc create_http,
                               const char         *path_and_query,
                               const char         *items_path,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (connector, cancellable, callback, user_data);
  g_autoptr (GError) error = NULL;
  Test *test;

  g_task_set_source_tag (task, source_tag);

  test = g_new0 (Test, 1);
  /* The path without its query, for the message. */
  test->path = g_strndup (path_and_query, strcspn (path_and_query, "?"));
  test->items_path = g_strdup (items_path);
  g_task_set_task_data (task, test, (GDestroyNotify) test_free);

  test->http = create_http (connector, &error);
  if (test->http == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  hc_http_get_json_async (test->http, path_and_query, cancellable, test_cb, g_steal_pointer (&task));
}

gboolean
hc_connector_pages_test_finish (HcConnector  *connector,
                                GAsyncResult *result,
                                GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connector), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* fetch */

typedef struct
{
  HcHttp          *http;
  GPtrArray       *employees;
  HcConnectorPages pages;
  char            *noun;
  HcProgressFunc   progress;
  gpointer         progress_data;
  GCancellable    *cancellable;
  char            *today;
  const char      *vendor;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->http);
  g_clear_pointer (&fetch->employees, g_ptr_array_unref);
  g_clear_object (&fetch->cancellable);
  g_free (fetch->noun);
  g_free (fetch->today);
  g_free (fetch);
}

/* Runs on the caller's main context, once per page. */
static gboolean
fetch_page_cb (HcHttp           *http,
               const HcHttpPage *page,
               gpointer          user_data,
               GError          **error)
{
  Fetch *fetch = user_data;

  for (guint i = 0; i < page->items->len; i++)
    {
      HcEmployee *employee = fetch->pages.map (g_ptr_array_index (page->items, i), page->n_before + i + 1,
                                               fetch->today, fetch->pages.map_data, error);

      if (employee == NULL)
        return FALSE;
      g_ptr_array_add (fetch->employees, employee);
    }

  g_debug ("Page %u: %u %s, %u in all", page->index + 1, page->items->len, fetch->noun, fetch->employees->len);

  if (fetch->progress != NULL)
    {
      guint n = fetch->employees->len;
      g_autofree char *message = NULL;

      if (page->total > 0 && (guint64) page->total >= n)
        {
          message = hc_connector_util_fetched_message (fetch->vendor, n, (guint) MIN (page->total, G_MAXUINT),
                                                       HC_CONNECTOR_UTIL_COUNT_LOCALE);
          fetch->progress ((double) n / (double) page->total, message, fetch->progress_data);
        }
      else
        {
          /* No total: no fraction. */
          message = hc_connector_util_fetched_count_message (fetch->vendor, n, HC_CONNECTOR_UTIL_COUNT_LOCALE);
          fetch->progress (-1, message, fetch->progress_data);
        }
    }

  /* The progress callback may have cancelled: stop before the next page. */
  return !g_cancellable_set_error_if_cancelled (fetch->cancellable, error);
}

static void
fetch_pages_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (!hc_http_fetch_pages_finish (HC_HTTP (source), result, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&fetch->employees), (GDestroyNotify) g_ptr_array_unref);
}

void
hc_connector_pages_fetch_async (HcConnector            *connector,
                                gpointer                source_tag,
                                const HcConnectorPages *pages,
                                const HcHttpPager      *pager,
                                HcProgressFunc          progress,
                                gpointer                progress_data,
                                GCancellable           *cancellable,
                                GAsyncReadyCallback     callback,
                                gpointer                user_data)
{
  g_autoptr (GTask) task = g_task_new (connector, cancellable, callback, user_data);
  g_autoptr (GError) error = NULL;
  Fetch *fetch;

  g_task_set_source_tag (task, source_tag);

  fetch = g_new0 (Fetch, 1);
  fetch->employees = g_ptr_array_new_with_free_func (g_object_unref);
  fetch->pages = *pages;
  fetch->noun = g_strdup (pages->noun);
  fetch->pages.noun = fetch->noun;
  fetch->progress = progress;
  fetch->progress_data = progress_data;
  fetch->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  fetch->today = hc_connector_util_today ();
  /* Static in every connector: the brand. */
  fetch->vendor = hc_connector_get_vendor_name (connector);
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);

  fetch->http = pages->create_http (connector, &error);
  if (fetch->http == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  hc_http_fetch_pages_async (fetch->http, pager, fetch_page_cb, fetch, cancellable,
                             fetch_pages_cb, g_steal_pointer (&task));
}

GPtrArray *
hc_connector_pages_fetch_finish (HcConnector  *connector,
                                 GAsyncResult *result,
                                 GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connector), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
