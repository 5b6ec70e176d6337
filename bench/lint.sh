#!/usr/bin/env bash
# Formatter and linter candidates on the whole repository (#14): Biome 2.6.8 (lint, format check), the 140-column
# check, and, when CANDIDATES_DIR holds `npm install oxlint@1.95.0 prettier@3.10.1`, oxlint and prettier --check
# with the same habits. Biome runs with every file in scope (the repository's biome.jsonc narrows the formatter
# until issue 11's move lands). Needs hyperfine (Debian package `hyperfine`).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-10}
cfg=$(mktemp -d)
trap 'rm -rf "$cfg"' EXIT
sed -e 's/"includes": \["biome.jsonc", "scripts\/\*.mjs"\]/"includes": ["**", "!**\/*.md", "!**\/*.yml", "!**\/*.yaml"]/' \
  -e '/"!tools",/d; /"!bin",/d; /"!packages",/d' -e "s#\./node_modules/#$PWD/node_modules/#" biome.jsonc > "$cfg/biome.jsonc"
biome="./node_modules/.bin/biome"
files=$(git ls-files '*.ts' '*.js' '*.cjs' '*.mjs' | grep -v -e '^test/fixtures/' -e '^migrations/' | wc -l)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, kernel $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%RZ)"
echo "files: $files TypeScript/JavaScript files outside data files; biome $($biome --version | cut -d' ' -f2)"
set -- -n 'biome lint (whole repository)' "$biome lint --config-path=$cfg . || true" \
  -n 'biome format check (whole repository)' "$biome format --config-path=$cfg . || true" \
  -n 'check-line-length (whole repository)' "node scripts/check-line-length.mjs || true" \
  -n 'baseline: node -e 0 (process start-up)' "node -e 0"
if [ -n "${CANDIDATES_DIR:-}" ]; then
  set -- "$@" -n 'oxlint (default rules)' "$CANDIDATES_DIR/node_modules/.bin/oxlint --quiet . || true" \
    -n 'prettier --check (same habits)' "$CANDIDATES_DIR/node_modules/.bin/prettier --check --single-quote --print-width 140 \
--trailing-comma all --log-level silent 'config/**/*.ts' 'constructs/**/*.ts' 'stacks/**/*.ts' 'tools/**/*.ts' \
'test/**/*.ts' 'bench/**/*.ts' main.ts || true"
fi
hyperfine --style basic --warmup 1 --runs "$runs" --export-markdown "${BENCH_OUT:-/tmp/lint-bench.md}" "$@"
cat "${BENCH_OUT:-/tmp/lint-bench.md}"
