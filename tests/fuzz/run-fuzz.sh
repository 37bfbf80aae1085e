#!/usr/bin/env bash
# run-fuzz.sh TARGET SEEDS WORKDIR SECONDS — one libFuzzer run: new inputs
# go to WORKDIR/corpus (the seeds stay as they are), a crash to WORKDIR/,
# and the last lines say how many inputs ran (stat::number_of_executed_units).
set -euo pipefail
target=$1 seeds=$2 work=$3 seconds=$4
mkdir -p "$work/corpus"
exec "$target" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 \
  -error_exitcode=1 -timeout_exitcode=1 \
  -print_final_stats=1 -artifact_prefix="$work/" "$work/corpus" "$seeds"
