#!/usr/bin/env python3
"""bench-baseline.py — the yardstick: bench/baseline_sync.py against the fake Personio server.

Serves HC_BENCH_EMPLOYEES generated employees (100,000 by default) from the test suite's
fake Personio (tests/fakes/hc-fake-hris-server) on 127.0.0.1, runs baseline_sync.py, the
plain script an admin would write instead of Headcount, into an empty SQLite file, and
prints `name value unit` lines as bench-headcount does: its wall time, its peak RSS and
the number of members it wrote, which must be the number of employees in scope.

  bench-baseline.py FAKE_SERVER BASELINE_SYNC_PY

SPDX-License-Identifier: GPL-3.0-or-later
"""
import os, subprocess, sys, tempfile, time

if len(sys.argv) != 3:
    sys.exit("usage: bench-baseline.py FAKE_SERVER BASELINE_SYNC_PY")
server_path, script = sys.argv[1], sys.argv[2]
people = int(os.environ.get("HC_BENCH_EMPLOYEES", "100000"))

server = subprocess.Popen([server_path, "--vendor", "personio", "--people", str(people)],
                          stdout=subprocess.PIPE, text=True)
try:
    # The server prints its base URL and credentials, then "Serving N employees".
    settings = {}
    for line in server.stdout:
        if line.startswith("Serving"):
            break
        key, _, value = line.partition(":")
        if value.strip():
            settings[key.strip()] = value.split()[0]
    else:
        sys.exit("the fake Personio server ended before serving")

    with tempfile.TemporaryDirectory(prefix="hc-bench-baseline-") as tmp:
        env = dict(os.environ, HC_BENCH_SECRET=settings["secret"])
        start = time.monotonic()
        child = subprocess.Popen([sys.executable, script,
                                  "--base-url", settings["base URL"],
                                  "--client-id", settings["client id"],
                                  "--secret-env", "HC_BENCH_SECRET",
                                  "--db", os.path.join(tmp, "baseline.db")],
                                 stdout=subprocess.PIPE, text=True, env=env)
        out = child.stdout.read()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.monotonic() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            sys.exit(f"baseline_sync.py failed with exit code {child.returncode}")
        members = int(out.strip())
finally:
    server.terminate()
    server.wait()

print(f"baseline_employees {people} employees")
print(f"baseline_first_sync {wall * 1000:.0f} ms")
print(f"baseline_first_sync_peak_rss {usage.ru_maxrss / 1024:.0f} MB")
print(f"baseline_members {members} members")
# Every generated company has employees in scope: none written is a broken run.
if members == 0:
    sys.exit("baseline_sync.py wrote no member")
