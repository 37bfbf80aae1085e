#!/usr/bin/env bash
# dev.sh — set up, build, run and test Headcount on Debian 12.
#
#   bash build-aux/dev.sh run     install what is missing, build, open the demo workspace
#   bash build-aux/dev.sh test    install what is missing, build, run every test
#   bash build-aux/dev.sh bench   install what is missing, build (release), run the benchmark
#   bash build-aux/dev.sh format  format the C sources as .uncrustify.cfg says
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

build () {
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@"
  fi
  ninja -C "$dir"
}

# Prints the closing line CI reads: GTest's cases, counted over every test binary.
summarize () {
  python3 - "$1" <<'PY'
import json, re, sys
passed = failed = skipped = 0
with open(sys.argv[1], encoding="utf-8") as log:
    for line in log:
        entry = json.loads(line)
        out = entry.get("stdout") or ""
        cases = 0
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
        if cases == 0:
            # a test that is not TAP, or that died before its plan
            if entry.get("result") in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif entry.get("result") == "SKIP":
                skipped += 1
            else:
                failed += 1
        elif entry.get("result") not in ("OK", "EXPECTEDFAIL", "SKIP") and failed == 0:
            failed += 1   # crashed after some cases passed
print(f"GTest: {passed} passed, {failed} failed, {skipped} skipped")
PY
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
    # The test command always runs Prism: a missing Node.js or Prism fails
    # it instead of skipping (a build dir set up earlier keeps its options).
    build _build -Dprism=enabled
    status=0
    xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
      meson test -C _build --print-errorlogs --num-processes 2 || status=$?
    package_check || status=1
    # The last line, which CI reads.
    summarize _build/meson-logs/testlog.json
    exit $status
    ;;
  format)
    install_missing
    bash build-aux/check-style.sh --fix
    ;;
  bench)
    install_missing
    build _bench --buildtype=release
    xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
      meson test -C _bench --benchmark --suite bench --verbose
    ;;
  *)
    echo "usage: $0 run|test|bench|format" >&2
    exit 2
    ;;
esac
