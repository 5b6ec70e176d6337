#!/usr/bin/env bash
# Formatter and linter candidates on the whole repository (#14): Biome 2.6.8 (lint, format check), the 140-column
# check, and, when CANDIDATES_DIR holds `npm install oxlint@1.95.0 prettier@3.10.1`, oxlint and prettier --check
# with the same habits. Biome and the line check run with the repository's scope (biome.jsonc: everything but data
# files, Markdown and YAML). Needs hyperfine (Debian package `hyperfine`).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-10}
# Measure on an export of HEAD, so uncommitted work in the checkout does not count.
repo=$PWD
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
git archive HEAD | tar -x -C "$tree"
ln -s "$repo/node_modules" "$tree/node_modules"
cd "$tree"
git init -q && git add -A
biome="./node_modules/.bin/biome"
files=$(git ls-files '*.ts' '*.js' '*.cjs' '*.mjs' | grep -v -e '^test/fixtures/' -e '^migrations/' | wc -l)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, kernel $(uname -r)," \
  "load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%RZ)"
echo "files: $files TypeScript/JavaScript files outside data files; biome $($biome --version | cut -d' ' -f2)"
# One plain run first, so a tool that cannot start shows here rather than as a fast "|| true" in the timings.
# (exit 0: clean, 1: findings; anything else, e.g. 101 for a crash, means the tool did not run.)
for cmd in lint format; do
  rc=0; out=$($biome $cmd --max-diagnostics=0 . 2>&1) || rc=$?
  echo "biome $cmd: exit $rc, $(echo "$out" | grep -E '^(Checked|Found)' | tr '\n' ' ')"
  [ "$rc" -le 1 ] || { echo "$out" | head -20; exit 1; }
done
{ node scripts/check-line-length.mjs 2>&1 || true; } | tail -1
set -- -n 'biome lint (whole repository)' "$biome lint --max-diagnostics=0 . || true" \
  -n 'biome format check (whole repository)' "$biome format --max-diagnostics=0 . || true" \
  -n 'check-line-length (whole repository)' "node scripts/check-line-length.mjs || true" \
  -n 'baseline: node -e 0 (process start-up)' "node -e 0"
if [ -n "${CANDIDATES_DIR:-}" ]; then
  set -- "$@" -n 'oxlint (default rules)' "$CANDIDATES_DIR/node_modules/.bin/oxlint --quiet . || true" \
    -n 'prettier --check (same habits)' \
    "git ls-files '*.ts' | grep -v -e '^test/fixtures/' -e '^migrations/' | xargs $CANDIDATES_DIR/node_modules/.bin/prettier \
--check --single-quote --print-width 140 --trailing-comma all --log-level silent || true"
fi
json=${BENCH_OUT:-/tmp/lint-bench.json}
hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$json" "$@"
# Wall median and mean CPU (hyperfine 1.15 records CPU per command, not per run): the machine is shared, so CPU
# time (user + system) is the steadier figure.
node -e '
const { results } = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
for (const r of results) {
  const cpu = (r.user + r.system) * 1000;
  console.log(`${r.command.padEnd(40)} wall median ${(r.median * 1000).toFixed(0)} ms, CPU mean ${cpu.toFixed(0)} ms`);
}' "$json"

