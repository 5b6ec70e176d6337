#!/usr/bin/env bash
# The whole gate on the example set (migrations/, 0001-0002 merged, 0003-0009 new) at the default
# scale (prod's rows capped at 1M per table), timed by hyperfine. The gate exits 1 (two examples
# block, by design), hence --ignore-failure. Baseline in the same run: the same command with no data
# (one small migration, empty profile): server start/stop, parsing, squawk, process start-up.
# Usage: bench/migrations-gate.sh [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
echo '{ "tables": {} }' > /tmp/migrations-empty-profile.json
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, kernel $(uname -r), $(date -u +%Y-%m-%dT%H:%MZ)"
check='node --import tsx packages/parity/src/cli/main.ts migrations check'
gate="$check --new 7 --format json --output /tmp/migrations-gate-report.json"
baseline="$check --dir test/fixtures/migrations/node-pg-migrate --tool node-pg-migrate --new 1"
baseline+=' --profile /tmp/migrations-empty-profile.json --output /dev/null'
hyperfine --runs "$runs" --ignore-failure --export-json /tmp/migrations-gate-bench.json \
  -n 'gate on migrations/ (default scale)' "$gate" \
  -n 'baseline: embedded server up/down + squawk, no data' "$baseline"
