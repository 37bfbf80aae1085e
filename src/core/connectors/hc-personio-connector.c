/* hc-personio-connector.c — placeholder until the connector is written */
