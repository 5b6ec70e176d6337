#!/usr/bin/env bash
# `parity check --hcl` before and after issue 11 item 3 (references from the HCL parser), end to end
# with hyperfine, in the same run: the largest real layout of ../shared/corpus/hcl (when present) and
# a generated 300-resource pair of byte-identical directories. The baseline is the commit before the
# change (BASE), checked out in a temporary worktree sharing this node_modules; the floor is starting
# the CLI's tsx shim. Then an in-process profile: time per directory and strings sent to the parser.
# Needs hyperfine (Debian package `hyperfine`).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${BENCH_OUT:-/tmp/env-parity-check-hcl-bench}
base=${BASE:-1897135}
rm -rf "$out" && mkdir -p "$out"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%RZ)"

git worktree add -q --detach "$out/base" "$base"
trap 'git worktree remove --force "$out/base"' EXIT
ln -s "$PWD/node_modules" "$out/base/node_modules"

node --require ./scripts/register-typescript.cjs bench/check-hcl.ts write "$out/gen" "${RESOURCES:-300}"
corpus=${SHARED:-../shared}/corpus/hcl/Crown-Commercial-Service_digitalmarketplace-aws
[ -d "$corpus" ] || { echo "no $corpus: the corpus rows are skipped"; corpus=; }
args=()
json_out='--format json --output /dev/null'
if [ -n "$corpus" ]; then
  for side in before after; do
    bin=packages/parity/bin/parity.cjs; [ "$side" = before ] && bin="$out/base/packages/parity/bin/parity.cjs"
    args+=(-n "$side: corpus Crown-Commercial-Service (staging, production)"
      "node $bin check --hcl staging=$corpus/staging --hcl production=$corpus/production $json_out")
  done
fi
for side in before after; do
  bin=packages/parity/bin/parity.cjs; [ "$side" = before ] && bin="$out/base/packages/parity/bin/parity.cjs"
  args+=(-n "$side: generated ${RESOURCES:-300} resources x 2 (identical)"
    "node $bin check --hcl blue=$out/gen/blue --hcl green=$out/gen/green $json_out")
done
hyperfine --warmup 1 --runs "${RUNS:-7}" -i --export-json "$out/check-hcl.json" \
  -n 'floor: node + tsx shim, no command' "node -e 'require(\"tsx/cjs\")'" "${args[@]}"
python3 -c "
import json
for b in json.load(open('$out/check-hcl.json'))['results']:
    print(f\"median {b['median'] * 1000:6.0f} ms  (min {b['min'] * 1000:.0f}, max {b['max'] * 1000:.0f})  {b['command']}\")
"
node --require ./scripts/register-typescript.cjs bench/check-hcl.ts profile \
  ${corpus:+$corpus/staging $corpus/production} "$out/gen/blue" "$out/gen/green"
