#!/usr/bin/env python3
# check-manifest.py — a Flatpak manifest parses (flatpak-builder
# --show-manifest, no warning) and keeps what Headcount's manifests promise:
# the app id, the GNOME runtime, no file system access, pinned archives,
# and a `dir` source that leaves out the local build trees.
# Usage: check-manifest.py MANIFEST APP_ID [--run-tests]
# Exit status 77 (skipped) when flatpak-builder is not installed.
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import os
import shutil
import subprocess
import sys
import tempfile

SKIPPED = {"_build", "_bench", "tests/prism/node_modules"}


def fail(manifest, message):
    print(f"{manifest}: {message}", file=sys.stderr)
    sys.exit(1)


def main():
    manifest, app_id = sys.argv[1], sys.argv[2]
    want_tests = "--run-tests" in sys.argv[3:]

    if shutil.which("flatpak-builder") is None:
        print("flatpak-builder is not installed (Debian: flatpak-builder): manifest not checked")
        sys.exit(77)

    # In a directory of its own: flatpak-builder makes .flatpak-builder/ there.
    with tempfile.TemporaryDirectory(prefix="hc-flatpak-") as tmp:
        run = subprocess.run(["flatpak-builder", "--show-manifest", os.path.abspath(manifest)],
                             capture_output=True, text=True, cwd=tmp)
    if run.returncode != 0 or run.stderr.strip():
        fail(manifest, f"flatpak-builder --show-manifest: {run.stderr.strip() or run.returncode}")
    parsed = json.loads(run.stdout)

    if parsed.get("id") != app_id:
        fail(manifest, f"id is {parsed.get('id')!r}, not {app_id!r}")
    if parsed.get("runtime") != "org.gnome.Platform" or parsed.get("sdk") != "org.gnome.Sdk":
        fail(manifest, "not on the GNOME runtime and SDK")
    for arg in parsed.get("finish-args", []):
        if arg.startswith("--filesystem"):
            fail(manifest, f"{arg}: no file system access (the file chooser portal is enough)")

    modules = parsed.get("modules", [])
    if not modules or modules[-1].get("name") != "headcount":
        fail(manifest, "the last module is not headcount")
    for module in modules:
        for source in module.get("sources", []):
            if source.get("type") in ("archive", "file") and not source.get("sha256"):
                fail(manifest, f"{module['name']}: {source.get('url')} has no sha256")

    app = modules[-1]
    dirs = [s for s in app.get("sources", []) if s.get("type") == "dir"]
    if len(dirs) != 1:
        fail(manifest, "headcount is not built from one dir source")
    missing = SKIPPED - set(dirs[0].get("skip", []))
    if missing:
        fail(manifest, f"the dir source does not skip {', '.join(sorted(missing))}")
    if want_tests and not app.get("run-tests"):
        fail(manifest, "run-tests is not on")

    print(f"{manifest}: ok ({parsed['runtime']} {parsed.get('runtime-version')})")


if __name__ == "__main__":
    main()
