#!/usr/bin/env bash
# check-po.sh — fails when a translation in po/ is incomplete: every string
# that po/POTFILES.in's files mark for translation must be translated, none
# fuzzy. Usage: check-po.sh SOURCE_ROOT
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
root=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
# The keywords of meson's i18n "glib" preset.
xgettext --from-code=UTF-8 --add-comments --files-from=po/POTFILES.in \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --output="$tmp/headcount.pot" 2>"$tmp/xgettext.log" || { cat "$tmp/xgettext.log" >&2; exit 1; }
status=0
for lang in $(grep -v '^#' po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching --output-file="$tmp/$lang.po" "po/$lang.po" "$tmp/headcount.pot"
  msgfmt --check --output-file=/dev/null "$tmp/$lang.po"
  untranslated=$(msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$tmp/$lang.po" | grep -c '^msgid ' || true)
  # msgattrib prints the header entry too when anything is left
  [ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  echo "po/$lang.po: $untranslated untranslated, $fuzzy fuzzy"
  if [ "$untranslated" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
    msgattrib --untranslated --only-fuzzy --no-obsolete "$tmp/$lang.po" 2>/dev/null | grep -A1 '^#:' | head -40 >&2 || true
    status=1
  fi
done
exit $status
