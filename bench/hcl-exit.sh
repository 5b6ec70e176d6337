#!/usr/bin/env bash
# `parity check --hcl` end to end, before and after the HCL parser's runtime fix (src/parity/hcl/hcl-runtime.ts),
# in the same hyperfine run: the repository's HCL fixtures (orders-terraform staging/prod, acme-platform
# dev/staging/production), the largest real layout of ../shared/corpus/hcl when present, and a generated
# 300-resource pair. BASE (default: the commit before the fix) is checked out in a temporary worktree sharing
# this node_modules. Then bench/hcl-exit-linger.ts: how long each process stays up after its last byte of
# output (Node timers, medians). Needs hyperfine (Debian package `hyperfine`).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${BENCH_OUT:-/tmp/env-parity-hcl-exit-bench}
base=${BASE:-c9e6fa9}
rm -rf "$out" && mkdir -p "$out"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, node $(node --version)," \
  "load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%RZ)"

git worktree add -q --detach "$out/base" "$base"
trap 'git worktree remove --force "$out/base"' EXIT
ln -s "$PWD/node_modules" "$out/base/node_modules"
node --require ./scripts/register-typescript.cjs bench/check-hcl.ts write "$out/gen" 300 >/dev/null

orders=test/fixtures/hcl/orders-terraform/envs
acme=test/fixtures/hcl/acme-platform/environments
corpus=${SHARED:-../shared}/corpus/hcl/Crown-Commercial-Service_digitalmarketplace-aws
declare -A inputs=(
  [orders]="--hcl staging=$orders/staging --hcl prod=$orders/prod"
  [acme]="--hcl dev=$acme/dev --hcl staging=$acme/staging --hcl production=$acme/production"
  [generated-300]="--hcl blue=$out/gen/blue --hcl green=$out/gen/green"
)
[ -d "$corpus" ] && inputs[corpus-crown]="--hcl staging=$corpus/staging --hcl production=$corpus/production"
args=()
for name in orders acme corpus-crown generated-300; do
  [ -n "${inputs[$name]:-}" ] || continue
  for side in before after; do
    bin=packages/parity/bin/parity.cjs; [ "$side" = before ] && bin="$out/base/packages/parity/bin/parity.cjs"
    args+=(-n "$side: $name" "node $bin check ${inputs[$name]} --format json --output $out/$side-$name.json")
  done
done
hyperfine --warmup 1 --runs "${RUNS:-7}" -i --export-json "$out/hcl-exit.json" "${args[@]}" >/dev/null
python3 -c "
import json
for b in json.load(open('$out/hcl-exit.json'))['results']:
    print(f\"median {b['median'] * 1000:6.0f} ms  (min {b['min'] * 1000:.0f}, max {b['max'] * 1000:.0f})  {b['command']}\")
"
for name in orders acme generated-300; do
  for side in before after; do
    bin=packages/parity/bin/parity.cjs; [ "$side" = before ] && bin="$out/base/packages/parity/bin/parity.cjs"
    # shellcheck disable=SC2086
    node --require ./scripts/register-typescript.cjs bench/hcl-exit-linger.ts "${LINGER_RUNS:-7}" "$side: $name" $bin check ${inputs[$name]}
  done
done
