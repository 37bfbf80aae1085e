/* hc-fake-lucca.c — placeholder until the fake is written */
