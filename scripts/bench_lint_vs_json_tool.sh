#!/usr/bin/env bash
# Compares flopack lint's speed with python3 -m json.tool reading the same real exports.
# For the report of issue 3; CI does not run it (it needs python3).
#
#   scripts/bench_lint_vs_json_tool.sh [CORPUS_DIR]
#
# Prints, for the whole corpus: the in-process Go benchmark (decode + all rules), then wall
# time of one `flopack lint` process over all files, of `python3 -m json.tool` run once per
# file (as a CI step would), and of one python3 process json.load-ing every file.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-}
if [[ -z $corpus ]]; then
  d=$PWD
  while [[ $d != / && ! -d $d/shared/corpus ]]; do d=$(dirname "$d"); done
  corpus=$d/shared/corpus
fi
mapfile -t files < <(find "$corpus" -type f \( -name '*.flopack' -o -name '*.folder' \
  -o -name '*.flow' \) | sort)
bytes=$(cat "${files[@]}" | wc -c)
echo "corpus: ${#files[@]} files, $bytes bytes ($corpus)"

echo "== go test -bench (in process, files in memory)"
go test ./lint -run '^$' -bench 'Corpus$' -benchtime 3s -count 1 | grep -E '^Benchmark'

# The interpreter itself, not a version manager's shim that would add its own start-up.
py=$(python3 -c 'import sys; print(sys.executable)')
echo "python: $py ($("$py" --version 2>&1))"

bin=$(mktemp -d)/flopack
go build -o "$bin" ./cmd/flopack

# rate NAME SECONDS prints MB/s and files/s.
rate() {
  awk -v n="$1" -v s="$2" -v b="$bytes" -v f="${#files[@]}" \
    'BEGIN { printf "%-34s %7.3f s %8.1f MB/s %8.1f files/s\n", n, s, b/s/1e6, f/s }'
}
# timed CMD... runs CMD and prints its wall time in seconds.
timed() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", (b - a) / 1e9 }'
}
per_file_json_tool() {
  for f in "${files[@]}"; do "$py" -m json.tool "$f" >/dev/null; done
}
one_python() {
  "$py" -c 'import json, sys
for p in sys.argv[1:]:
    with open(p, "rb") as f: json.load(f)' "${files[@]}"
}

echo "== wall time, best of 3"
for name in "flopack lint (one process)" "python3 -m json.tool (per file)" \
  "python3 json.load (one process)"; do
  best=
  for _ in 1 2 3; do
    case $name in
      flopack*) t=$(timed "$bin" lint "${files[@]}") ;;
      *per\ file*) t=$(timed per_file_json_tool) ;;
      *) t=$(timed one_python) ;;
    esac
    if [[ -z $best ]] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; fi
  done
  rate "$name" "$best"
done
