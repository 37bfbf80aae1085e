/* hc-hibob-connector.c — placeholder until the connector is written */
