/* hc-fake-personio.c — placeholder until the fake is written */
