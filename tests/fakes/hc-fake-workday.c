/* hc-fake-workday.c — placeholder until the fake is written */
