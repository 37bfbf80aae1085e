#!/usr/bin/env bash
# check-page.sh PAGE — fails when groff or man warn about a man page: a
# broken macro, a line that cannot be laid out at 80 columns, a bad escape.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
page=$1
out=$(mktemp)
trap 'rm -f "$out"' EXIT
export LC_ALL=C.UTF-8 MANWIDTH=80
groff -man -ww -z "$page" 2>>"$out"
# As lintian reads it: all warnings, UTF-8, 80 columns.
man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>>"$out" >/dev/null
if [ -s "$out" ]; then
  echo "$page has warnings:" >&2
  cat "$out" >&2
  exit 1
fi
echo "$page: no warnings"
