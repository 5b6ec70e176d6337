#!/usr/bin/env bash
# The installed package against today's tsx path (issue 11 item 4): builds, packs and installs
# @env-parity/parity into a scratch project outside the repository, then states the tarball (size,
# files), the install (du of the scratch node_modules) and the CLI's start-up with hyperfine, in
# the same run: `parity --version` and `parity check` on a small HCL pair, installed (compiled,
# dist/) vs the repository's bin (TypeScript sources through tsx's CommonJS hook).
# Needs hyperfine (Debian package `hyperfine`). RUNS (default 15) runs after 2 warm-ups each.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
out=${BENCH_OUT:-/tmp/env-parity-package-bench}
rm -rf "$out" && mkdir -p "$out/scratch"
case "$out" in "$repo"/*) echo "BENCH_OUT must be outside the repository" >&2; exit 2 ;; esac

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, kernel $(uname -r)," \
  "node $(node --version), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%RZ)"

# 1. Build and pack.
/usr/bin/time -f 'build: %e s wall' npm run build -w @env-parity/parity > /dev/null
(cd packages/parity && npm pack --ignore-scripts --json --pack-destination "$out" > "$out/pack.json")
python3 - "$out/pack.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))[0]
kinds = {}
for f in p['files']:
    k = 'd.ts' if f['path'].endswith('.d.ts') else f['path'].rsplit('.', 1)[-1] if '.' in f['path'].rsplit('/', 1)[-1] else 'other'
    kinds[k] = kinds.get(k, 0) + 1
print(f"tarball: {p['filename']}: {p['size'] / 1024:.0f} KiB packed, {p['unpackedSize'] / 1024:.0f} KiB unpacked, "
      f"{p['entryCount']} files {dict(sorted(kinds.items()))}")
PY

# Baseline: the package as it was packed before this build (the move's commit: sources, no `files`).
base=${BASE:-1897135}
mkdir -p "$out/base" && git archive "$base" packages/parity | tar -x -C "$out/base"
(cd "$out/base/packages/parity" && npm pack --dry-run --ignore-scripts --json 2> /dev/null) | python3 -c "
import json, sys
p = json.load(sys.stdin)[0]
print(f\"baseline tarball at $base: {p['size'] / 1024:.0f} KiB packed, \"
      f\"{p['unpackedSize'] / 1024:.0f} KiB unpacked, {p['entryCount']} files\")
"

# 2. Install it where a user would: a scratch project outside the repository.
tarball="$out/$(python3 -c "import json;print(json.load(open('$out/pack.json'))[0]['filename'])")"
echo '{"name":"scratch","version":"1.0.0","private":true}' > "$out/scratch/package.json"
(cd "$out/scratch" && /usr/bin/time -f 'install: %e s wall' npm install --prefer-offline --no-audit --no-fund "$tarball" > /dev/null)
nm="$out/scratch/node_modules"
unscoped=$(find "$nm" -mindepth 1 -maxdepth 1 -type d ! -name '@*' ! -name '.*' | wc -l)
scoped=$(find "$nm" -mindepth 2 -maxdepth 2 -type d -path "$nm/@*" | wc -l)
packages=$((unscoped + scoped))
echo "install size: $(du -sh "$nm" | cut -f1) node_modules, $packages packages," \
  "of which the package itself $(du -sh "$nm/@env-parity/parity" | cut -f1)"
du -s "$out/scratch/node_modules"/* "$out/scratch/node_modules"/@*/* 2> /dev/null | sort -rn | head -8 |
  awk '{printf "  %6.1f MiB  %s\n", $1 / 1024, $2}' | sed "s#$out/scratch/node_modules/##"

# 3. Start-up, same run. A small HCL pair: two identical directories of two resources (exit 0).
mkdir -p "$out/hcl/a" "$out/hcl/b"
hcl='resource "aws_s3_bucket" "exports" {\n  bucket = "orders-exports"\n}\n\n'
hcl+='resource "aws_db_instance" "main" {\n  engine         = "postgres"\n  engine_version = "16.8"\n  instance_class = "db.r6g.large"\n}\n'
printf "$hcl" | tee "$out/hcl/a/main.tf" > "$out/hcl/b/main.tf"
pair="--hcl a=$out/hcl/a --hcl b=$out/hcl/b"
installed="node $out/scratch/node_modules/@env-parity/parity/bin/parity.cjs"
source="node $repo/packages/parity/bin/parity.cjs"
cd "$out/scratch"
hyperfine --warmup 2 --runs "${RUNS:-15}" -i --export-json "$out/startup.json" \
  -n 'node -e "" (floor)' "node -e ''" \
  -n 'installed: parity --version' "$installed --version" \
  -n 'tsx path: parity --version' "$source --version" \
  -n 'installed: npx parity --version' "npx --no parity --version" \
  -n 'installed: parity check (HCL pair)' "$installed check $pair --output /dev/null" \
  -n 'tsx path: parity check (HCL pair)' "$source check $pair --output /dev/null" > "$out/hyperfine.txt"
python3 - "$out/startup.json" <<'PY'
import json, sys
for b in json.load(open(sys.argv[1]))['results']:
    t = sorted(b['times'])
    print(f"median {b['median'] * 1000:6.0f} ms  range {t[0] * 1000:.0f}-{t[-1] * 1000:.0f} ms  {b['command']}")
PY
