/* hc-workday-connector.c — placeholder until the connector is written */
