/* hc-lucca-connector.c — placeholder until the connector is written */
