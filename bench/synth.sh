#!/usr/bin/env bash
# Synth benchmark: the app entry against `cdktf synth` of the same app, peak memory, and growth
# with 3, 10 and 30 generated environments. Needs hyperfine and GNU time (Debian packages).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${BENCH_OUT:-/tmp/env-parity-bench}
mkdir -p "$out"
tsx="node --require ./scripts/register-typescript.cjs"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, kernel $(uname -r), $(date -u +%F)"

# 1. The app entry (what `npm run synth` runs) against `cdktf synth` of the same app, same run.
hyperfine --warmup 1 --runs "${RUNS:-10}" --export-json "$out/synth.json" \
  -n 'app entry (main.ts)' "$tsx main.ts" \
  -n 'npx cdktf synth' 'npx cdktf synth --output /tmp/env-parity-cdktf-out >/dev/null 2>&1'

# 2. Peak memory of the app entry.
/usr/bin/time -v $tsx main.ts 2> "$out/synth-time.txt" >/dev/null
grep -E 'Maximum resident|Elapsed' "$out/synth-time.txt"

# 3. Growth with generated environments.
hyperfine --warmup 1 --runs "${RUNS:-10}" --export-json "$out/synth-growth.json" \
  -n '3 environments' "$tsx bench/synth-generated.ts 3" \
  -n '10 environments' "$tsx bench/synth-generated.ts 10" \
  -n '30 environments' "$tsx bench/synth-generated.ts 30"
for n in 3 10 30; do
  /usr/bin/time -v $tsx bench/synth-generated.ts "$n" 2>&1 >/dev/null | grep -E 'synthesized|Maximum resident'
done
