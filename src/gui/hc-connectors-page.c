/* hc-connectors-page.c — the configured connectors, one card each
 *
 * A handful of connectors at most, so a box of cards rebuilt on reload.
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-connectors-page"

#include "config.h"

#include <adwaita.h>

#include "hc-connector-card.h"
#include "hc-connectors-page.h"
#include "hc-session.h"
#include "hc-destinations-section.h"

struct _HcConnectorsPage
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkStack      *stack;
  AdwStatusPage *error_status;
  GtkBox        *cards;

  /* Owned state */
  HcStore       *store;
  GSignalGroup  *session_signals;       /* the workspace's HcSession */
  guint          n_connectors;
  gint64         syncing_id;
  guint          clock_source;
};

G_DEFINE_FINAL_TYPE (HcConnectorsPage, hc_connectors_page, GTK_TYPE_WIDGET)

static void
remove_cards (HcConnectorsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards))) != NULL)
    gtk_box_remove (self->cards, child);
}

static void
update_syncing (HcConnectorsPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->cards));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      HcConnectorCard *card = HC_CONNECTOR_CARD (child);

      hc_connector_card_set_syncing (card, hc_connector_card_get_info (card)->id == self->syncing_id);
    }
}

static gboolean
clock_tick_cb (gpointer user_data)
{
  HcConnectorsPage *self = user_data;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->cards));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    hc_connector_card_update_time (HC_CONNECTOR_CARD (child));

  return G_SOURCE_CONTINUE;
}

/* The workspace changed: show it as it is now. */
static void
session_changed_cb (HcConnectorsPage *self)
{
  hc_connectors_page_reload (self);
}

static void
hc_connectors_page_dispose (GObject *object)
{
  HcConnectorsPage *self = HC_CONNECTORS_PAGE (object);
  GtkWidget *child;

  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);

  g_clear_handle_id (&self->clock_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), HC_TYPE_CONNECTORS_PAGE);
  /* The template's root is not a bound child: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hc_connectors_page_parent_class)->dispose (object);
}

static void
hc_connectors_page_class_init (HcConnectorsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hc_connectors_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headcount/Headcount/hc-connectors-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HcConnectorsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorsPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, HcConnectorsPage, cards);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hc-connectors-page");
}

static void
hc_connectors_page_init (HcConnectorsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->session_signals = g_signal_group_new (HC_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "connector-changed", G_CALLBACK (session_changed_cb), self);
  g_signal_group_connect_swapped (self->session_signals, "run-finished", G_CALLBACK (session_changed_cb), self);

  /* "Last synced 5 minutes ago" stays true while the window is open. */
  self->clock_source = g_timeout_add_seconds (30, clock_tick_cb, self);
}

HcConnectorsPage *
hc_connectors_page_new (void)
{
  return g_object_new (HC_TYPE_CONNECTORS_PAGE, NULL);
}

void
hc_connectors_page_set_store (HcConnectorsPage *self,
                              HcStore          *store)
{
  g_return_if_fail (HC_IS_CONNECTORS_PAGE (self));
  g_return_if_fail (store == NULL || HC_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals,
                               store != NULL ? hc_session_get_for_store (store) : NULL);
  hc_connectors_page_reload (self);
  /* The destinations, after the connectors' cards. */
  hc_destinations_section_attach (GTK_WIDGET (self->cards), store);
}

void
hc_connectors_page_reload (HcConnectorsPage *self)
{
  g_autoptr (GPtrArray) connectors = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (HC_IS_CONNECTORS_PAGE (self));

  remove_cards (self);
  self->n_connectors = 0;

  if (self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  connectors = hc_store_list_connectors (self->store, &error);
  if (connectors == NULL)
    {
      /* The description is markup. */
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_status, escaped);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  for (guint i = 0; i < connectors->len; i++)
    {
      const HcConnectorInfo *info = g_ptr_array_index (connectors, i);
      HcConnectorCard *card = hc_connector_card_new (info);

      hc_connector_card_set_prominent (card, connectors->len == 1);
      gtk_box_append (self->cards, GTK_WIDGET (card));
    }

  self->n_connectors = connectors->len;
  update_syncing (self);
  gtk_stack_set_visible_child_name (self->stack, connectors->len > 0 ? "list" : "empty");
}

guint
hc_connectors_page_get_n_connectors (HcConnectorsPage *self)
{
  g_return_val_if_fail (HC_IS_CONNECTORS_PAGE (self), 0);

  return self->n_connectors;
}

void
hc_connectors_page_set_syncing (HcConnectorsPage *self,
                                gint64            connector_id)
{
  g_return_if_fail (HC_IS_CONNECTORS_PAGE (self));

  self->syncing_id = connector_id;
  update_syncing (self);
}
