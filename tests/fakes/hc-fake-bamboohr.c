/* hc-fake-bamboohr.c — placeholder until the fake is written */
