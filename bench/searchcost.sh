#!/usr/bin/env bash
# What the search index adds to a cold build: the same corpus built with
# the index and without it ([search] enabled = false), alternately, output
# on tmpfs; prints the medians of wall and CPU time (user+sys) and peak
# RSS, and the ratios.
#
#   bash bench/searchcost.sh N [RUNS]        (default RUNS=5)
#
# Environment: SEED (default 1), WORK (default /tmp/ndsearchcost-N),
# OUT (default /dev/shm/ndsearchcost-out-N).
set -euo pipefail

N=${1:?usage: bash bench/searchcost.sh N [RUNS]}
RUNS=${2:-5}
SEED=${SEED:-1}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${WORK:-/tmp/ndsearchcost-$N}
OUT=${OUT:-/dev/shm/ndsearchcost-out-$N}
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing: apt-get install -y --no-install-recommends time" >&2; exit 1; }
mkdir -p "$WORK" "$OUT"
(cd "$ROOT" && go build -o "$WORK/newsdigest" ./cmd/newsdigest && go build -o "$WORK/gencorpus" ./bench/gencorpus)

stamp="n=$N seed=$SEED gen=$(cat "$ROOT"/internal/corpus/*.go "$ROOT"/bench/gencorpus/*.go | sha1sum | cut -c1-12)"
if [ "$(cat "$WORK/stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$WORK/on" "$WORK/off" "$WORK/stamp"
  "$WORK/gencorpus" -n "$N" -seed "$SEED" -out "$WORK/on"
  cp -r "$WORK/on" "$WORK/off"
  printf '[search]\nenabled = false\n' > "$WORK/off/newsdigest.toml"
  echo "$stamp" > "$WORK/stamp"
fi

build() { # build on|off RUN
  rm -rf "$OUT/$1" "$WORK/$1/.newsdigest"
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time-$1-$2" "$WORK/newsdigest" build --quiet --source "$WORK/$1" --destination "$OUT/$1"
  awk '{printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024}' "$WORK/time-$1-$2" >> "$WORK/results-$1"
}

rm -f "$WORK/results-on" "$WORK/results-off"
for r in $(seq 1 "$RUNS"); do
  if [ $((r % 2)) = 1 ]; then build off "$r"; build on "$r"; else build on "$r"; build off "$r"; fi
done

median() { awk -v c="$2" '{print $c}' "$1" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0) ? a / b : 0 }'; }
echo "N=$N, median of $RUNS alternating cold builds, output on $(df --output=fstype "$OUT" | tail -1); $(nproc) cores; load now: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-16s %8s %8s %8s\n' build wall_s cpu_s rss_MiB
for v in off on; do
  printf '%-16s %8s %8s %8s\n' "search $v" "$(median "$WORK/results-$v" 1)" "$(median "$WORK/results-$v" 2)" "$(median "$WORK/results-$v" 3)"
done
printf '%-16s %8s %8s %8s\n' "on/off" "$(ratio "$(median "$WORK/results-on" 1)" "$(median "$WORK/results-off" 1)")" \
  "$(ratio "$(median "$WORK/results-on" 2)" "$(median "$WORK/results-off" 2)")" "$(ratio "$(median "$WORK/results-on" 3)" "$(median "$WORK/results-off" 3)")"
echo "every run (wall cpu rss): $WORK/results-{on,off}; index size: $(du -sh "$OUT/on/search" | cut -f1), $(find "$OUT/on/search" -type f | wc -l) files"
