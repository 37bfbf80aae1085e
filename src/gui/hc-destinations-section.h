/* hc-destinations-section.h — the Destinations of the Connectors page: a
 * card per SCIM service, Add, Test connection, Remove
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hc-store.h"

G_BEGIN_DECLS

#define HC_TYPE_DESTINATIONS_SECTION (hc_destinations_section_get_type ())
G_DECLARE_FINAL_TYPE (HcDestinationsSection, hc_destinations_section, HC, DESTINATIONS_SECTION, GtkBox)

HcDestinationsSection *hc_destinations_section_new       (void);
void                   hc_destinations_section_set_store (HcDestinationsSection *self,
                                                          HcStore               *store);
void                   hc_destinations_section_reload    (HcDestinationsSection *self);

/* The hook of the Connectors page: puts a section after @sibling (once)
 * and gives it @store. */
void                   hc_destinations_section_attach    (GtkWidget             *sibling,
                                                          HcStore               *store);

G_END_DECLS
