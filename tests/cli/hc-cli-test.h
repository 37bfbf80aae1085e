/* hc-cli-test.h — what the headcount-cli tests share: one run of $HC_CLI
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One finished run of headcount-cli. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} HcCliRun;

void hc_cli_run_clear   (HcCliRun           *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HcCliRun, hc_cli_run_clear)

void hc_cli_remove_tree (const char         *path);

void hc_cli_spawn       (const char * const *environ_base,
                         const char         *xdg_data_home,
                         const char * const *env,
                         const char * const *argv,
                         const char         *input,
                         HcCliRun           *run);

void hc_cli_run_in_data_dir (const char         *data_dir,
                             const char * const *argv,
                             HcCliRun           *run);

/* The JSON contract (docs/cli.md). */
JsonNode *hc_cli_parse_document     (const char         *text);
void      hc_cli_assert_error       (const HcCliRun     *run,
                                     int                 status,
                                     const char         *code);
void      hc_cli_assert_usage_lines (const char         *err,
                                     const char         *command);

G_END_DECLS
