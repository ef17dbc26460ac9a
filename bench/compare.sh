#!/usr/bin/env bash
# Build one generated corpus with newsdigest and with Hugo, alternately, and
# print wall time, CPU time (user+sys) and peak RSS of each (medians of RUNS
# builds, from /usr/bin/time -v), the ratios newsdigest/Hugo, and the floor:
# goldmark alone converting the same bodies.
#
#   bash bench/compare.sh N [RUNS]        (default RUNS=3)
#
# Needs: apt-get install -y --no-install-recommends hugo time
#
# Every newsdigest build is cold: a body cache left in the corpus by an
# earlier build (<source>/.newsdigest) is removed first.
#
# Environment:
#   SEED       corpus seed (default 1)
#   WORK       corpus, tools and logs (default /tmp/ndbench-N)
#   OUT        outputs (default /dev/shm/ndbench-out-N: tmpfs, so that disk
#              noise does not swamp the numbers)
#   ND_ARGS    extra flags for newsdigest build, e.g. --no-cache
#   ND_LABEL   what to call the newsdigest version (default: git describe)
#   SKIP_HUGO  set to 1 to build with newsdigest only, for sizes where Hugo
#              takes too long or too much memory
set -euo pipefail

N=${1:?usage: bash bench/compare.sh N [RUNS]}
RUNS=${2:-3}
SEED=${SEED:-1}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${WORK:-/tmp/ndbench-$N}
OUT=${OUT:-/dev/shm/ndbench-out-$N}
CORPUS=$WORK/site
DAYS=$WORK/hugo-days

[ -n "${SKIP_HUGO:-}" ] || command -v hugo >/dev/null || { echo "hugo missing: apt-get install -y --no-install-recommends hugo" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing: apt-get install -y --no-install-recommends time" >&2; exit 1; }
mkdir -p "$WORK" "$OUT"

# Build the tools once.
(cd "$ROOT" && go build -o "$WORK/newsdigest" ./cmd/newsdigest && go build -o "$WORK/floor" ./bench/floor \
  && go build -o "$WORK/gencorpus" ./bench/gencorpus)

# Generate the corpus once per seed, size and generator version.
stamp="n=$N seed=$SEED gen=$(cat "$ROOT"/internal/corpus/*.go "$ROOT"/bench/gencorpus/*.go | sha1sum | cut -c1-12)"
if [ "$(cat "$WORK/stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$CORPUS" "$DAYS" "$WORK/stamp"
  "$WORK/gencorpus" -n "$N" -seed "$SEED" -out "$CORPUS" -hugo-days "$DAYS"
  echo "$stamp" > "$WORK/stamp"
fi
echo "corpus: $CORPUS: $(find "$CORPUS/content" -name '*.md' | wc -l) articles, $(du -sh --apparent-size "$CORPUS/content" | cut -f1)"

# Hugo reads the corpus and the day stubs through mounts; its caches stay
# out of the repository. Hugo 0.111 ignores [module] in a second --config
# file, so the site's config and the mounts are joined into one.
{ echo "resourceDir = \"$WORK/hugo-resources\""; cat "$ROOT/bench/hugo/hugo.toml"; } > "$WORK/hugo.toml"
cat >> "$WORK/hugo.toml" <<TOML

[module]
[[module.mounts]]
source = "$CORPUS/content"
target = "content"
[[module.mounts]]
source = "$DAYS"
target = "content/digest"
[[module.mounts]]
source = "static"
target = "static"
TOML

# secs FILE prints wall, cpu and peak RSS (MiB) from a time -v report.
secs() {
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, a, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + a[i] }
    /User time/ { u = $2 } /System time/ { s = $2 }
    /Maximum resident set size/ { r = $2 / 1024 }
    END { printf "%.2f %.2f %.0f\n", w, u + s, r }' "$1"
}

run_nd() {
  rm -rf "$OUT/nd" "$CORPUS/.newsdigest"
  # shellcheck disable=SC2086
  /usr/bin/time -v -o "$WORK/time-nd-$1" "$WORK/newsdigest" build --quiet ${ND_ARGS:-} --source "$CORPUS" --destination "$OUT/nd" \
    > "$WORK/log-nd-$1" 2>&1 || { cat "$WORK/log-nd-$1" >&2; exit 1; }
  echo "$(secs "$WORK/time-nd-$1") $(find "$OUT/nd" -type f | wc -l)" >> "$WORK/results-nd"
}

run_hugo() {
  rm -rf "$OUT/hugo"
  /usr/bin/time -v -o "$WORK/time-hugo-$1" hugo --quiet --source "$ROOT/bench/hugo" \
    --config "$WORK/hugo.toml" --destination "$OUT/hugo" \
    --cacheDir "$WORK/hugo-cache" --noBuildLock > "$WORK/log-hugo-$1" 2>&1 || { cat "$WORK/log-hugo-$1" >&2; exit 1; }
  echo "$(secs "$WORK/time-hugo-$1") $(find "$OUT/hugo" -type f | wc -l)" >> "$WORK/results-hugo"
}

rm -f "$WORK/results-nd" "$WORK/results-hugo" "$WORK/results-floor"
for r in $(seq 1 "$RUNS"); do
  # Alternate who goes first, so that neither always meets a warmer machine.
  if [ -n "${SKIP_HUGO:-}" ]; then run_nd "$r"
  elif [ $((r % 2)) = 1 ]; then run_nd "$r"; run_hugo "$r"
  else run_hugo "$r"; run_nd "$r"; fi
  "$WORK/floor" "$CORPUS" | sed 's/[a-z_]*=//g; s/FLOOR //' | awk '{print $3, $4}' >> "$WORK/results-floor"
done

# median FILE COLUMN
median() { awk -v c="$2" '{print $c}' "$1" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

[ -s "$WORK/results-hugo" ] || echo "0 0 0 0" > "$WORK/results-hugo"
nd_w=$(median "$WORK/results-nd" 1); nd_c=$(median "$WORK/results-nd" 2); nd_r=$(median "$WORK/results-nd" 3)
hu_w=$(median "$WORK/results-hugo" 1); hu_c=$(median "$WORK/results-hugo" 2); hu_r=$(median "$WORK/results-hugo" 3)
fl_w=$(median "$WORK/results-floor" 1); fl_c=$(median "$WORK/results-floor" 2)
nd_f=$(median "$WORK/results-nd" 4); hu_f=$(median "$WORK/results-hugo" 4)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }

echo "N=$N articles, median of $RUNS runs, outputs on $(df --output=fstype "$OUT" | tail -1) ($OUT); $(nproc) cores; load now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(hugo version 2>/dev/null | cut -d' ' -f1-2); newsdigest ${ND_LABEL:-$(cd "$ROOT" && git describe --always --dirty 2>/dev/null || echo unknown)} ${ND_ARGS:-}"
printf '%-16s %9s %9s %10s %8s\n' tool wall_s cpu_s rss_MiB files
printf '%-16s %9s %9s %10s %8s\n' newsdigest "$nd_w" "$nd_c" "$nd_r" "$nd_f"
printf '%-16s %9s %9s %10s %8s\n' hugo "$hu_w" "$hu_c" "$hu_r" "$hu_f"
printf '%-16s %9s %9s %10s %8s\n' "goldmark floor" "$fl_w" "$fl_c" - -
printf '%-16s %9s %9s %10s\n' "newsdigest/hugo" "$(ratio "$nd_w" "$hu_w")" "$(ratio "$nd_c" "$hu_c")" "$(ratio "$nd_r" "$hu_r")"
printf '%-16s %9s %9s\n' "newsdigest/floor" "$(ratio "$nd_w" "$fl_w")" "$(ratio "$nd_c" "$fl_c")"
echo "every run: $WORK/results-{nd,hugo,floor} (wall cpu rss files); logs: $WORK/log-*"
