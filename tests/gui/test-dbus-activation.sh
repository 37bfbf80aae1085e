#!/usr/bin/env bash
# test-dbus-activation.sh — the installed D-Bus service starts Headcount on a
# private session bus, the way a click on a notification does when the app
# is closed.
#
#   test-dbus-activation.sh MESON BUILD_DIR APP_ID BINDIR DATADIR
#
# Installs the build into a temporary DESTDIR, checks the installed desktop
# file (DBusActivatable=true) and D-Bus service file, then runs a
# dbus-daemon whose only service directory holds that service file (its Exec
# moved into the DESTDIR) and asks the bus for the app: once through
# org.freedesktop.Application.ActivateAction("show-connectors"), what a
# notification's default action sends, once through Activate. Each time the
# app must own its name and show its window, then quit on app.quit.
# Needs a display (the tests run under xvfb-run).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

meson=$1
build_dir=$2
app_id=$3
bindir=$4
datadir=$5

object_path="/${app_id//.//}"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hc-dbus-XXXXXX")
bus_pid=
cleanup () {
  if [ -n "$bus_pid" ]; then
    kill "$bus_pid" 2>/dev/null || true
    wait "$bus_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

fail () {
  echo "not ok - $*"
  exit 1
}

echo "# installing into $tmp/root"
"$meson" install -C "$build_dir" --destdir "$tmp/root" --no-rebuild --quiet >"$tmp/install.log" 2>&1 \
  || { cat "$tmp/install.log" >&2; fail "meson install"; }
root=$tmp/root

# The desktop file: named after the id, and D-Bus activatable.
desktop=$root$datadir/applications/$app_id.desktop
[ -f "$desktop" ] || fail "no desktop file at $datadir/applications/$app_id.desktop"
grep -qx 'DBusActivatable=true' "$desktop" || fail "the desktop file lacks DBusActivatable=true"

# The service file: named after the id, owning that name, running the
# installed binary as a GApplication service.
service=$root$datadir/dbus-1/services/$app_id.service
[ -f "$service" ] || fail "no D-Bus service file at $datadir/dbus-1/services/$app_id.service"
grep -qx '\[D-BUS Service\]' "$service" || fail "the service file has no [D-BUS Service] group"
grep -qx "Name=$app_id" "$service" || fail "the service file does not name $app_id"
exec_line=$(sed -n 's/^Exec=//p' "$service")
read -r exec_binary exec_args <<<"$exec_line"
[ "$exec_binary" = "$bindir/headcount" ] || fail "the service runs '$exec_binary', not $bindir/headcount"
[ "$exec_args" = "--gapplication-service" ] || fail "the service runs headcount with '$exec_args', not --gapplication-service"
[ -x "$root$exec_binary" ] || fail "$exec_binary is not installed"
echo "ok - installed desktop file and service file"

# The bus starts the binary installed in the DESTDIR.
mkdir -p "$tmp/services"
sed "s|^Exec=.*|Exec=$root$exec_binary $exec_args|" "$service" >"$tmp/services/$app_id.service"

cat >"$tmp/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=$tmp/bus</listen>
  <servicedir>$tmp/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF

# What the activated app inherits from the bus: the installed schemas,
# settings in memory, its data in the temporary tree.
mkdir -p "$tmp/schemas"
glib-compile-schemas --strict --targetdir "$tmp/schemas" "$root$datadir/glib-2.0/schemas" \
  || fail "the installed schemas do not compile"
export GSETTINGS_SCHEMA_DIR=$tmp/schemas
export GSETTINGS_BACKEND=memory
export XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache
export XDG_DATA_DIRS=$root$datadir:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}
export GDK_BACKEND=x11
export GTK_A11Y=none
unset HEADCOUNT_DATA_DIR

dbus-daemon --config-file="$tmp/bus.conf" --nofork --nopidfile --nosyslog &
bus_pid=$!
address=unix:path=$tmp/bus
for _ in $(seq 100); do
  [ -S "$tmp/bus" ] && break
  sleep 0.1
done
[ -S "$tmp/bus" ] || fail "the private bus did not start"

bus_call () {
  gdbus call --address "$address" --timeout 60 "$@"
}

name_has_owner () {
  bus_call --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner "$app_id"
}

# The running app: owns its name and exports its window at
# OBJECT_PATH/window/N (GtkApplication's window actions).
check_running () {
  local what=$1 windows
  [ "$(name_has_owner)" = "(true,)" ] || fail "$what: $app_id is not on the bus"
  for _ in $(seq 100); do
    windows=$(gdbus introspect --address "$address" --dest "$app_id" \
              --object-path "$object_path/window" 2>/dev/null | grep -c 'node [0-9]' || true)
    [ "$windows" -gt 0 ] && break
    sleep 0.1
  done
  [ "$windows" -gt 0 ] || fail "$what: $app_id shows no window"
}

quit_app () {
  local what=$1
  bus_call --dest "$app_id" --object-path "$object_path" \
    --method org.freedesktop.Application.ActivateAction quit '[]' '{}' >/dev/null \
    || fail "$what: app.quit failed"
  for _ in $(seq 100); do
    [ "$(name_has_owner)" = "(false,)" ] && return 0
    sleep 0.1
  done
  fail "$what: $app_id still runs after app.quit"
}

[ "$(name_has_owner)" = "(false,)" ] || fail "$app_id runs before activation"

# A notification's default action, the app closed: the bus starts it.
bus_call --dest "$app_id" --object-path "$object_path" \
  --method org.freedesktop.Application.ActivateAction show-connectors '[]' '{}' >/dev/null \
  || fail "ActivateAction show-connectors did not start $app_id"
check_running "ActivateAction"
echo "ok - ActivateAction(show-connectors) starts the app with its window"
quit_app "ActivateAction"
echo "ok - app.quit ends the activated app"

# Opening it from the shell, the app closed.
bus_call --dest "$app_id" --object-path "$object_path" \
  --method org.freedesktop.Application.Activate '{}' >/dev/null \
  || fail "Activate did not start $app_id"
check_running "Activate"
echo "ok - Activate starts the app with its window"
quit_app "Activate"
echo "ok - app.quit ends it again"

echo "1..5"
