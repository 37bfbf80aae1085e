/* hc-prism.h — Prism, the mock server of an OpenAPI document, run from the
 * tests on 127.0.0.1: started on a free port, read from its log, stopped
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What to run when node_modules/.bin/prism is missing. */
#define HC_PRISM_INSTALL_HINT "run: bash build-aux/dev.sh test (it installs Prism with npm ci)"

typedef struct _HcPrism HcPrism;

/* One request as Prism logged it: @method in lower case ("get"), @path
 * without the query, and every warning, error or violation Prism logged
 * for it ("Violation: request.query.format …", "Invalid security scheme
 * used", "Request terminated with error: …"). */
typedef struct
{
  char      *method;
  char      *path;
  GPtrArray *problems;   /* char* */
} HcPrismRequest;

/*
 * Starts `prism mock` from @prism_dir (the folder of package.json, with
 * node_modules/.bin/prism) on @document, on a free port of 127.0.0.1, with
 * the answers taken from the document's own examples (--dynamic=false),
 * and waits until it answers (30 s at most). With @errors, --errors: a
 * response that breaks the document becomes a 500. Prism needs no network:
 * the document and every file it refers to are local.
 *
 * Fails with HC_PRISM_INSTALL_HINT when Prism is not installed, and with
 * Prism's last words when it does not start.
 */
HcPrism    *hc_prism_new            (const char  *prism_dir,
                                     const char  *document,
                                     gboolean     errors,
                                     GError     **error);
/* Sends SIGTERM and waits for Prism to end (SIGKILL after 5 s). */
void        hc_prism_free           (HcPrism     *self);

/* "http://127.0.0.1:PORT", no trailing slash. */
const char *hc_prism_get_base_url   (HcPrism     *self);

/*
 * Waits until Prism has logged everything about the requests answered so
 * far (it logs after it answers), then returns those requests, in order,
 * since the previous call. (transfer full) of HcPrismRequest*
 */
GPtrArray  *hc_prism_take_requests  (HcPrism     *self,
                                     GError     **error);

void        hc_prism_request_free   (HcPrismRequest *request);

/* The whole log so far, for messages. (transfer full) */
char       *hc_prism_dup_log        (HcPrism     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcPrism, hc_prism_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HcPrismRequest, hc_prism_request_free)

G_END_DECLS
