/* hc-connector-groups-page.h — a connector's Groups settings: None, Into
 * one group or Hierarchy, groups created from HR, and a live preview of
 * where the employees in scope land
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hc-config.h"
#include "hc-store.h"

G_BEGIN_DECLS

#define HC_TYPE_CONNECTOR_GROUPS_PAGE (hc_connector_groups_page_get_type ())
G_DECLARE_FINAL_TYPE (HcConnectorGroupsPage, hc_connector_groups_page, HC, CONNECTOR_GROUPS_PAGE,
                      AdwPreferencesPage)

/* Fills the form from the groups part of @config, offering the groups of
 * @store and the HR @fields (char*, their labels in @field_infos of
 * HcFieldInfo*, may be NULL); @employees (HcEmployee*) feed the preview.
 * All are kept by reference, @config is read now. */
void        hc_connector_groups_page_load        (HcConnectorGroupsPage *self,
                                                  HcStore               *store,
                                                  const HcConfig        *config,
                                                  GPtrArray             *employees,
                                                  GPtrArray             *fields,
                                                  GPtrArray             *field_infos);
/* The scope as the Employees page has it now: the preview counts the
 * employees it takes in. (copied) */
void        hc_connector_groups_page_set_scope   (HcConnectorGroupsPage *self,
                                                  const HcConfig        *scope);
/* Writes the form into the groups part of @config. */
void        hc_connector_groups_page_apply       (HcConnectorGroupsPage *self,
                                                  HcConfig              *config);

/* The preview's line, "Paris / Engineering: 42, Paris (no department
 * group): 3, top group: 7", "" for None. */
const char *hc_connector_groups_page_get_preview (HcConnectorGroupsPage *self);
/* The create-from-HR preview: "3 groups: Platform (8), Sales (5), Data (2)",
 * "" when off. */
const char *hc_connector_groups_page_get_teams_preview (HcConnectorGroupsPage *self);

/* For tests and keyboard: the levels' HR fields now, in order. (transfer full) */
GStrv       hc_connector_groups_page_dup_levels  (HcConnectorGroupsPage *self);
/* Sets level @index (0-based; one past the last adds a level) to @field. */
void        hc_connector_groups_page_set_level   (HcConnectorGroupsPage *self,
                                                  guint                  index,
                                                  const char            *field);

G_END_DECLS
