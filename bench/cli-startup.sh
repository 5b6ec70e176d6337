#!/usr/bin/env bash
# Start-up of the `parity` entry: `parity --version`, `parity --help` and the commands' `--help` (check,
# plan review, migrations check, drift, promote check), against `node -e 0` (Node's own start) in the same
# hyperfine run. Prints the median of each. BASELINE=DIR adds `parity --help` and the commands' `--help`
# of another checkout (e.g. a `git worktree` of the commit before) to the same run. Needs hyperfine (Debian
# package).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${BENCH_OUT:-/tmp/env-parity-bench}
mkdir -p "$out"
parity="node packages/parity/bin/parity.cjs"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, kernel $(uname -r), node $(node --version)," \
  "$(date -u '+%F %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"

baseline=()
commands=('check --help' 'plan review --help' 'migrations check --help' 'drift --help' 'promote check --help')
if [[ -n "${BASELINE:-}" ]]; then
  baseline=(-n 'parity --help (baseline)' "node $BASELINE/packages/parity/bin/parity.cjs --help")
  for c in "${commands[@]}"; do baseline+=(-n "parity $c (baseline)" "node $BASELINE/packages/parity/bin/parity.cjs $c"); done
fi
current=()
for c in "${commands[@]}"; do current+=(-n "parity $c" "$parity $c"); done
hyperfine --warmup 3 --runs "${RUNS:-30}" --export-json "$out/cli-startup.json" \
  -n 'node -e 0' 'node -e 0' \
  -n 'parity --version' "$parity --version" \
  -n 'parity --help' "$parity --help" \
  "${baseline[@]}" \
  "${current[@]}" >/dev/null

node -e '
const { results } = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const base = results[0].median;
for (const r of results) {
  const ms = (s) => (s * 1000).toFixed(0);
  const over = ms(r.median - base);
  console.log(`${r.command.padEnd(40)} median ${ms(r.median).padStart(4)} ms (min ${ms(r.min)}, max ${ms(r.max)}; ${over} over node -e 0)`);
}' "$out/cli-startup.json"

# CPU time (user + sys, GNU time) is steadier than wall time on a shared machine: medians of the same commands.
cpu_median() {
  for _ in $(seq 1 "${RUNS:-30}"); do /usr/bin/time -f '%U %S' "$@" 2>&1 >/dev/null | tail -1; done |
    awk '{print ($1 + $2) * 1000}' | sort -n | awk '{v[NR] = $1} END {printf "%.0f ms\n", v[int((NR + 1) / 2)]}'
}
echo "CPU medians: node -e 0 $(cpu_median node -e 0); parity --version $(cpu_median $parity --version);" \
  "parity --help $(cpu_median $parity --help)${BASELINE:+; baseline --help $(
    cpu_median node "$BASELINE/packages/parity/bin/parity.cjs" --help
  )}"
