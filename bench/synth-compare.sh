#!/usr/bin/env bash
# Synth before/after on a shared machine: runs the app entry of a baseline checkout (BEFORE, e.g.
# `git archive <commit> | tar -x -C /tmp/before` with node_modules linked) and of this tree,
# interleaved run by run so both see the same load, plus `npx cdktf synth` of this tree every
# third round. Prints medians of wall time and of CPU time (user+sys, which load inflates less),
# and peak RSS. Usage: BEFORE=/tmp/before ROUNDS=15 bash bench/synth-compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
before=${BEFORE:?set BEFORE to a baseline checkout}
rounds=${ROUNDS:-15}
out=$(mktemp)
tsx="node --require ./scripts/register-typescript.cjs"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%F %H:%M UTC')"
measure() { # label dir command...
  local label=$1 dir=$2; shift 2
  (cd "$dir" && /usr/bin/time -a -o "$out" -f "$label %e %U %S %M" "$@" >/dev/null 2>>"$out.err") || { cat "$out.err" >&2; exit 1; }
}
$tsx main.ts >/dev/null; (cd "$before" && $tsx main.ts >/dev/null) # warm-up
for i in $(seq "$rounds"); do
  measure before "$before" $tsx main.ts
  measure after . $tsx main.ts
  if (( i % 3 == 0 )); then measure cdktf . npx cdktf synth --output /tmp/env-parity-cdktf-out; fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
node -e '
const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map((l) => l.split(" "));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
for (const label of ["before", "after", "cdktf"]) {
  const r = rows.filter((x) => x[0] === label);
  if (!r.length) continue;
  const wall = r.map((x) => +x[1]), cpu = r.map((x) => +x[2] + +x[3]), rss = r.map((x) => +x[4] / 1024);
  const range = `${Math.min(...wall).toFixed(2)}–${Math.max(...wall).toFixed(2)}`;
  console.log(
    `${label.padEnd(7)} runs ${String(r.length).padStart(2)}  wall median ${median(wall).toFixed(2)} s (${range})  ` +
      `cpu median ${median(cpu).toFixed(2)} s  peak rss median ${median(rss).toFixed(0)} MiB`,
  );
}' "$out"
rm -f "$out" "$out.err"
