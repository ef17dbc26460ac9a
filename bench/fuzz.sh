#!/usr/bin/env bash
# Run every fuzz target of the repository for a while each.
#
#   bash bench/fuzz.sh [TIME]      TIME per target, a Go duration (default 5s)
#
# CI runs it with the default; a nightly-length run is, for example,
#   bash bench/fuzz.sh 10m
# A failing input is kept under the package's testdata/fuzz/ and makes
# the script fail; commit it as a seed once the bug is fixed. Minimising a
# new input is capped at 2s, so that the time goes to fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."
time=${1:-5s}
targets=(
  "./internal/content FuzzParse FuzzParseDate FuzzMatterFast FuzzSplit FuzzSlugify"
  "./internal/markdown FuzzConvert FuzzTextWriter FuzzLinkifyLast"
  "./internal/feed FuzzArticleHTML"
  "./internal/tmplrun FuzzEscapers FuzzTemplates"
  "./internal/importer FuzzImport"
  "./internal/fetch FuzzParseFeed"
)
for line in "${targets[@]}"; do
  read -r pkg names <<<"$line"
  for target in $names; do
    go test -run '^$' -fuzz "^${target}\$" -fuzztime "$time" -fuzzminimizetime 2s "$pkg"
  done
done
