#!/usr/bin/env bash
# `parity check` benchmarks: comparison vs synth (3 and 30 environments of this app), growth with
# environments and resources, peak memory of 50 x 500, and the command end to end with hyperfine.
# Needs hyperfine and GNU time (Debian packages `hyperfine`, `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${BENCH_OUT:-/tmp/env-parity-check-bench}
rm -rf "$out" && mkdir -p "$out"
tsx="node --require ./scripts/register-typescript.cjs"
# The command itself imports its modules lazily (ESM dynamic import): run it with the tsx binary.
cli="./node_modules/.bin/tsx packages/parity/src/cli/main.ts"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, kernel $(uname -r), $(date -u +%FT%RZ)"

# 1. Comparison against synth, same run.
$tsx bench/check-parity.ts project
$tsx bench/check-parity.ts generated

# 2. Growth with environments and with resources.
$tsx bench/check-parity.ts growth

# 3. Peak memory and time of one 50 x 500 comparison, in its own process.
$tsx bench/check-parity.ts write 50 500 "$out/synthetic"
/usr/bin/time -v $tsx bench/check-parity.ts once 50 500 "$out/synthetic" 2> "$out/time-50x500.txt"
grep -E 'Maximum resident|Elapsed' "$out/time-50x500.txt"

# 4. The command end to end (process start, tsx, load, compare, render), against starting tsx as the floor.
$cli synth --outdir "$out/app" > /dev/null
hyperfine --warmup 1 --runs "${RUNS:-10}" --export-json "$out/check-cli.json" -i \
  -n 'tsx start (floor)' "./node_modules/.bin/tsx -e ''" \
  -n 'parity check --stacks (3 envs of this app)' \
    "$cli check --stacks $out/app/stacks --policy bench/check-orders-groups.yaml --format json --output /dev/null" \
  -n 'parity check (synth + check of this app)' "$cli check --output /dev/null" \
  -n 'parity check --stacks (50 x 500 synthetic)' "$cli check --stacks $out/synthetic/stacks --format json --output /dev/null"
python3 -c "
import json
for b in json.load(open('$out/check-cli.json'))['results']:
    print(f\"median {b['median'] * 1000:.0f} ms  {b['command']}\")
"
