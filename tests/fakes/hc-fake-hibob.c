/* hc-fake-hibob.c — placeholder until the fake is written */
