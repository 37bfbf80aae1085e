#!/usr/bin/env bash
# test-completion.sh HEADCOUNT-CLI COMPLETION — completes command lines the
# way bash does (COMP_WORDS, COMP_CWORD) with the completion file, against a
# real headcount-cli and a data directory of its own.
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail
cli=$1
completion=$2
framework=/usr/share/bash-completion/bash_completion
if [ ! -f "$framework" ]; then
  echo "1..0 # SKIP bash-completion is not installed (Debian: bash-completion)"
  exit 0
fi
export LC_ALL=C.UTF-8
unset HEADCOUNT_DATA_DIR
# shellcheck source=/dev/null
source "$framework"
# shellcheck source=/dev/null
source "$completion"
# Outside a real completion: nothing to set.
compopt () { :; }

data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$cli" --data-dir "$data" connector add demo --name "My demo" >/dev/null 2>&1 &&
  "$cli" --data-dir "$data" connector add demo --name hr >/dev/null 2>&1 &&
  "$cli" --data-dir "$data" workspace create acme >/dev/null 2>&1 &&
  "$cli" --data-dir "$data" roles create "First aider" >/dev/null 2>&1 ||
  { echo "Bail out! could not prepare $data"; exit 1; }

n=0
failed=0
# check EXPECTED WORD…: completing the last WORD offers EXPECTED (sorted,
# space-separated).
check () {
  local expected=$1; shift
  local got
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMP_LINE="$*"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _headcount_cli "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
  got=$(printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | tr '\n' ' ')
  got=${got% }
  n=$((n + 1))
  shift
  if [ "$got" = "$expected" ]; then
    echo "ok $n - headcount-cli $* -> $expected"
  else
    echo "not ok $n - headcount-cli $*: expected “$expected”, got “$got”"
    failed=$((failed + 1))
  fi
}

check "sync" "$cli" sy
check "workspace" "$cli" --data-dir "$data" wor
check "explain export-members" "$cli" ex
check "--dry-run" "$cli" sync --dry
check "--data-dir= --help --version --workspace=" "$cli" --
check "--json" "$cli" workspace list --j
check "--all-due --all-items --approve-archive=" "$cli" sync --a
check "--separator= --skip-invalid" "$cli" import-members --s
check "active archived" "$cli" members --state a
check "My\\ demo hr" "$cli" --data-dir "$data" sync ""
check "My\\ demo" "$cli" --data-dir "$data" sync --dry-run M
check "My\\ demo" "$cli" --data-dir "$data" sync --approve-archive 12 M
check "" "$cli" --data-dir "$data" sync hr ""
check "hr" "$cli" explain --data-dir "$data" h
check "add edit list remove test" "$cli" connector ""
check "personio personio-v2" "$cli" connector add pe
check "hr" "$cli" --data-dir "$data" connector test h
check "acme default" "$cli" --data-dir "$data" --workspace ""
check "acme" "$cli" --data-dir "$data" workspace delete a
check "show" "$cli" history s
check "add archive" "$cli" members a
check "add archive edit export-invitations mark-joined resend restore" "$cli" members ""
check "--first-name=" "$cli" members add --fi
check "--data-dir= --department=" "$cli" members --data-dir "$data" edit 12 --title x --d
check "--link=" "$cli" members export-invitations out.csv --l
check "edit" "$cli" connector e
check "My\\ demo hr" "$cli" --data-dir "$data" connector edit ""
check "--production" "$cli" connector edit hr --p
check "My\\ demo hr" "$cli" --data-dir "$data" fields ""
check "--values=" "$cli" fields hr --v
check "" "$cli" --data-dir "$data" fields hr ""
check "add create delete list move remove rename" "$cli" groups ""
check "add create delete list remove rename" "$cli" roles ""
check "First\\ aider" "$cli" --data-dir "$data" roles add F
check "--yes" "$cli" roles delete --y
check "--role=" "$cli" members --ro

echo "1..$n"
[ "$failed" -eq 0 ]
