#!/usr/bin/env bash
# The whole gate on the repository's example set (migrations/, the 7 new ones), with the rehearsal
# under load (default) and without it (--no-rehearsal), alternating in the same run so both see the
# same machine load. Prints one line per run and the medians. Usage: bench/rehearsal-gate.sh [PAIRS]
set -euo pipefail
cd "$(dirname "$0")/.."
pairs="${1:-3}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
chmod 755 "$scratch"
run() {
  local label="$1"; shift
  local start end
  start=$(date +%s.%N)
  TMPDIR="$scratch" node packages/parity/bin/parity.cjs migrations check --dir migrations --new 7 --format json "$@" \
    > "$scratch/$label.json" || [ $? -eq 1 ]
  end=$(date +%s.%N)
  echo "$label $(echo "$end - $start" | bc)"
}
results=()
for i in $(seq 1 "$pairs"); do
  results+=("$(run rehearsal)")
  results+=("$(run no-rehearsal --no-rehearsal)")
  printf '%s\n' "${results[@]: -2}"
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "median with rehearsal:    $(printf '%s\n' "${results[@]}" | awk '$1=="rehearsal"{print $2}' | median) s"
echo "median without rehearsal: $(printf '%s\n' "${results[@]}" | awk '$1=="no-rehearsal"{print $2}' | median) s"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc)"
