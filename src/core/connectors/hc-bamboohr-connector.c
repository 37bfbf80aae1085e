/* hc-bamboohr-connector.c — placeholder until the connector is written */
