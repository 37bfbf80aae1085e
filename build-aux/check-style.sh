#!/usr/bin/env bash
# check-style.sh — the C sources against .uncrustify.cfg.
#
#   bash build-aux/check-style.sh         fail, naming the files, when one is not formatted
#   bash build-aux/check-style.sh --fix   format them in place
#
# Every .c file is checked. Headers keep the hand-aligned column layout of
# GTK's own headers, which uncrustify cannot keep, and are not.
# Exit 77 (a skipped test for meson) when uncrustify is not installed.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

if ! command -v uncrustify >/dev/null 2>&1; then
  echo "uncrustify is not installed: the style is not checked (apt-get install uncrustify)"
  exit 77
fi

# The files git knows in a checkout; every .c file under the sources in an
# exported tree (a package build).
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files -- '*.c')
else
  mapfile -t files < <(find src tests bench -name '*.c' -not -path '*/node_modules/*' | sort)
fi

if [ "${1:-}" = "--fix" ]; then
  uncrustify -q -c .uncrustify.cfg --no-backup "${files[@]}"
  exit 0
fi

bad=()
for f in "${files[@]}"; do
  if ! uncrustify -q -c .uncrustify.cfg -f "$f" 2>/dev/null | cmp -s - "$f"; then
    bad+=("$f")
  fi
done

if [ ${#bad[@]} -gt 0 ]; then
  echo "Not formatted as .uncrustify.cfg says (run: bash build-aux/dev.sh format):"
  printf '  %s\n' "${bad[@]}"
  for f in "${bad[@]:0:3}"; do
    uncrustify -q -c .uncrustify.cfg -f "$f" | diff -u "$f" - | head -20 || true
  done
  exit 1
fi
echo "${#files[@]} files formatted as .uncrustify.cfg says"
