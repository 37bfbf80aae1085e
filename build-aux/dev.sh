#!/usr/bin/env bash
# dev.sh — set up, build, run and test Headcount on Debian 12.
#
#   bash build-aux/dev.sh run     install what is missing, build, open the demo workspace
#   bash build-aux/dev.sh test    install what is missing, build, run every test
#   bash build-aux/dev.sh bench [N]  install what is missing, build (release), run the benchmark
#                                    (on N employees; 100,000 by default)
#   bash build-aux/dev.sh format  format the C sources as .uncrustify.cfg says
#   bash build-aux/dev.sh sanitize  the sanitizer and fuzzing steps of `test` alone
#   bash build-aux/dev.sh fuzz [SECONDS]  each libFuzzer target for SECONDS (600)
#   bash build-aux/dev.sh soak [N]  N syncs (1000) in one process against a
#                                 changing fake; not part of `test`
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

packages=(
  meson ninja-build pkg-config gcc gettext python3
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev
  libjson-glib-dev libsecret-1-dev libsqlite3-dev sqlite3 libportal-gtk4-dev
  appstream desktop-file-utils flatpak-builder
  xvfb xauth dbus dbus-x11 gnome-keyring
  # the man pages' and the completion's tests, the code style's
  groff-base man-db bash-completion uncrustify
  # the Debian package (debian/), built and installed by the test command
  dpkg-dev debhelper fakeroot build-essential
  # the sanitizer build and the libFuzzer targets (clang's runtime has libFuzzer)
  clang libclang-rt-14-dev
  # pages of employees are decoded with simdjson, in C++17
  g++ libsimdjson-dev
)
# Prism (tests/prism) runs on Node.js: Debian's, unless the machine has its own.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

install_missing () {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

# Prism, the mock server of the vendors' specs, as package-lock.json pins it.
# Needs the npm registry (or npm's cache) only here, never while testing.
install_prism () {
  local dir=tests/prism
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
    echo "Installing Prism: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --prefer-offline --ignore-scripts)
    touch "$dir/node_modules"
  fi
}

# SCIMMY, the SCIM 2.0 service of the SCIM destination tests, as
# tests/scim/package-lock.json pins it (scimmy, scimmy-routers, express).
install_scimmy () {
  local dir=tests/scim
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
    echo "Installing SCIMMY: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --prefer-offline --ignore-scripts)
    touch "$dir/node_modules"
  fi
}

build () {
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@"
  fi
  ninja -C "$dir"
}

# Prints the closing line CI reads: GTest's cases, counted over every test
# binary of every log given (the main build's, the sanitizer build's).
summarize () {
  python3 - "$@" <<'PY'
import json, re, sys
passed = failed = skipped = 0
for name in sys.argv[1:]:
  try:
    log = open(name, encoding="utf-8")
  except FileNotFoundError:
    failed += 1   # that run never started
    continue
  with log:
    for line in log:
        entry = json.loads(line)
        out = entry.get("stdout") or ""
        cases = failed_here = 0
        for l in out.splitlines():
            if re.match(r"^ok \d+", l):
                cases += 1
                if "# SKIP" in l:
                    skipped += 1
                else:
                    passed += 1
            elif re.match(r"^not ok \d+", l):
                cases += 1
                if "# TODO" in l:
                    skipped += 1
                else:
                    failed += 1
                    failed_here += 1
        if cases == 0:
            # a test that is not TAP, or that died before its plan
            if entry.get("result") in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif entry.get("result") == "SKIP":
                skipped += 1
            else:
                failed += 1
        elif entry.get("result") not in ("OK", "EXPECTEDFAIL", "SKIP") and failed_here == 0:
            failed += 1   # crashed after some cases passed
print(f"GTest: {passed} passed, {failed} failed, {skipped} skipped")
PY
}

# The sanitizer build: clang with ASan and UBSan, stopping at the first
# undefined behaviour, and libFuzzer's coverage for the targets of
# tests/fuzz. Only what the suites below run is built (not the GUI).
san_dir=_build-san
san_suites=(core store cli connectors)

sanitize_env () {
  # LeakSanitizer on; suppressions for system libraries only (lsan.supp).
  # fast_unwind_on_malloc=0: GLib has no frame pointers, so a leak's stack
  # would stop at g_malloc() without it, and no suppression would match.
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0:malloc_context_size=16
  export LSAN_OPTIONS="suppressions=$here/build-aux/lsan.supp:print_suppressions=0"
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  # GLib 2.74's slice allocator hides frees from LeakSanitizer.
  export G_SLICE=always-malloc
  # GIO's libproxy module is C++: its exceptions abort under ASan (the
  # __cxa_throw interceptor finds no libstdc++ in a C program). The tests
  # only speak to 127.0.0.1, which no proxy serves.
  export GIO_USE_PROXY_RESOLVER=dummy
}

sanitize_build () {
  if [ ! -f "$san_dir/build.ninja" ]; then
    CC=clang CXX=clang++ meson setup "$san_dir" -Db_sanitize=address,undefined -Db_lundef=false \
      -Dsanitize_strict=true -Dfuzzing=true -Dprism=disabled
  fi
  local suite_args=() targets
  for s in "${san_suites[@]}" fuzz; do suite_args+=("$s"); done
  # The test programs of those suites, what they depend on, the schemas.
  targets=$(meson introspect "$san_dir" --tests --targets | python3 -c '
import json, os, sys
build = os.path.abspath(sys.argv[1]); suites = set(sys.argv[2:])
doc = json.load(sys.stdin)
tests, targets = doc["tests"], doc["targets"]
by_id = {t["id"]: t for t in targets}
outputs = {f for t in targets for f in t["filename"]}
want = set()
for t in tests:
    if not suites & {s.split(":")[-1] for s in t["suite"]}:
        continue
    for f in t["cmd"][:1] + [a for a in t["cmd"][1:] if a in outputs]:
        want.add(f)
    for d in t["depends"]:
        want.update(by_id[d]["filename"] if d in by_id else [])
for t in targets:
    if os.path.dirname(t["defined_in"]) == os.path.join(os.path.dirname(build), "data"):
        want.update(t["filename"])
for f in sorted(want):
    if f.startswith(build + "/"):
        print(os.path.relpath(f, build))
' "$san_dir" "${suite_args[@]}")
  [ -n "$targets" ] || { echo "no test program found in $san_dir" >&2; return 1; }
  # shellcheck disable=SC2086
  ninja -C "$san_dir" $targets
}

# The suites under the sanitizers, then each fuzz target for 30 s, two at
# a time (the machine has 2 cores). The kill -9 test (suite kill) is left
# out: it checks the database after crashes, not memory, and takes minutes.
sanitize_run () {
  local status=0 suite_args=()
  for s in "${san_suites[@]}"; do suite_args+=(--suite "$s"); done
  sanitize_build || return 1
  (
    sanitize_env
    xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
      meson test -C "$san_dir" --no-rebuild --print-errorlogs --num-processes 2 \
        --timeout-multiplier 5 "${suite_args[@]}" --no-suite kill --no-suite timing \
        --logbase sanitize
  ) || status=$?
  # The tests with time budgets of seconds (suite timing: the connectors
  # against their fakes, HcHttp) miss them with the slow unwinder: ASan and
  # UBSan without LeakSanitizer for them.
  (
    sanitize_env
    export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
    xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
      meson test -C "$san_dir" --no-rebuild --print-errorlogs --num-processes 2 \
        --timeout-multiplier 3 --suite timing --logbase sanitize-timing
  ) || status=$?
  meson test -C "$san_dir" --no-rebuild --print-errorlogs --num-processes 2 \
    --suite fuzz --logbase fuzz || status=$?
  # How many inputs each target ran.
  python3 - "$san_dir/meson-logs/fuzz.json" <<'PY' || true
import json, re, sys
for line in open(sys.argv[1], encoding="utf-8"):
    entry = json.loads(line)
    out = (entry.get("stdout") or "") + (entry.get("stderr") or "")
    runs = re.findall(r"stat::number_of_executed_units: (\d+)", out)
    print(f"{entry['name']}: {runs[-1] if runs else '?'} inputs, {entry['result']}")
PY
  return $status
}

# The Debian package: built from a copy of the checkout (what git tracks,
# plus new files it does not ignore) in a temporary directory, so that the
# checkout gets no obj-*/ or debian/ leftovers; then installed, and checked
# as a user would find it. The log goes to a file, shown when it fails.
package_check () {
  local tmp sudo="" status=0
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  tmp=$(mktemp -d /tmp/headcount-deb.XXXXXX)
  mkdir "$tmp/headcount"
  if [ -e .git ]; then
    git ls-files -z --cached --others --exclude-standard |
      while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
      tar --null -T - -cf - | tar -xf - -C "$tmp/headcount"
  else
    tar --exclude='./_build*' --exclude=./_bench --exclude=node_modules --exclude='./obj-*' \
      -cf - . | tar -xf - -C "$tmp/headcount"
  fi
  echo "Building the Debian package in $tmp (log: $tmp/build.log)"
  # nocheck: meson test has just run the same tests on the same tree; the
  # package's own test run (debian/rules) would double CI's time.
  if ! (cd "$tmp/headcount" && DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -b) \
      >"$tmp/build.log" 2>&1; then
    tail -n 60 "$tmp/build.log"
    echo "dpkg-buildpackage failed (log: $tmp/build.log)" >&2
    return 1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --reinstall "$tmp"/headcount_*.deb \
      >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; echo "installing the package failed" >&2; return 1; }
  /usr/bin/headcount-cli --version || status=1
  desktop-file-validate /usr/share/applications/io.github.headcount.Headcount.desktop || status=1
  man -w headcount-cli || status=1
  if [ $status -eq 0 ]; then
    echo "Debian package: $(cd "$tmp" && ls headcount_*.deb) built, installed and checked"
    rm -rf "$tmp"
  else
    echo "the installed package failed a check (package in $tmp)" >&2
  fi
  return $status
}

case "${1:-}" in
  run)
    install_missing
    build _build
    export GSETTINGS_SCHEMA_DIR="$here/_build/data"
    exec ./_build/src/gui/headcount --demo
    ;;
  test)
    install_missing
    install_prism
    install_scimmy
    # The test command always runs Prism and SCIMMY: a missing Node.js,
    # Prism or SCIMMY fails it instead of skipping (a build dir set up
    # earlier keeps its options).
    build _build -Dprism=enabled -Dscim=enabled
    status=0
    xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
      meson test -C _build --print-errorlogs --num-processes 2 || status=$?
    sanitize_run || status=1
    package_check || status=1
    # The last line, which CI reads: every run above.
    summarize _build/meson-logs/testlog.json "$san_dir"/meson-logs/sanitize.json \
      "$san_dir"/meson-logs/sanitize-timing.json "$san_dir"/meson-logs/fuzz.json
    exit $status
    ;;
  sanitize)
    install_missing
    status=0
    sanitize_run || status=1
    summarize "$san_dir"/meson-logs/sanitize.json "$san_dir"/meson-logs/sanitize-timing.json \
      "$san_dir"/meson-logs/fuzz.json
    exit $status
    ;;
  soak)
    # 1,000 syncs (or N) in one process against a fake Personio whose data
    # changes at random between runs: counts against a recount, memory.
    install_missing
    build _build
    GSETTINGS_SCHEMA_DIR="$here/_build/data" GSETTINGS_BACKEND=memory \
      exec ./_build/tests/soak/hc-soak --runs "${2:-1000}"
    ;;
  fuzz)
    install_missing
    sanitize_build
    seconds=${2:-600}
    # Two at a time, niced: the machine is shared.
    for t in "$san_dir"/tests/fuzz/fuzz-*; do
      [ -x "$t" ] || continue
      name=$(basename "$t" | sed 's/^fuzz-//')
      echo "$name"
    done | xargs -P 2 -I{} sh -c "nice -n 10 tests/fuzz/run-fuzz.sh \
        $san_dir/tests/fuzz/fuzz-{} tests/fuzz/corpus/{} $san_dir/tests/fuzz/long-{} $seconds \
        >$san_dir/tests/fuzz/long-{}.log 2>&1; echo \"{}: exit \$?, \$(grep -o 'number_of_executed_units: [0-9]*' \
        $san_dir/tests/fuzz/long-{}.log)\""
    ;;
  format)
    install_missing
    bash build-aux/check-style.sh --fix
    ;;
  bench)
    install_missing
    build _bench --buildtype=release
    # "dev.sh bench 10000": fewer employees, on a shared machine
    HC_BENCH_EMPLOYEES=${2:-${HC_BENCH_EMPLOYEES:-100000}} \
      xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
      meson test -C _bench --benchmark --suite bench --verbose
    ;;
  *)
    echo "usage: $0 run|test|bench|format|sanitize|fuzz [SECONDS]|soak [N]" >&2
    exit 2
    ;;
esac
