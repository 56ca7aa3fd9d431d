#!/usr/bin/env bash
# Soak test of exactly-once resume: hundreds of SIGKILLs.
#
#   tools/soak/kill-soak.sh [--kills N] [--recipe backtranslation|self-instruct] [--corpus PATH] [--seeds FILE] [--target N]
#
# Runs the recipe once uninterrupted (the reference), then again into a second directory, killing the process with
# SIGKILL at random moments (and, every third time, right after part files are renamed and before the store commit,
# through ACTORS_TEST_KILL_AFTER_PART_FILES) and resuming it, N times; then lets it finish and compares every
# dataset row by row (as a sorted multiset, without run_id/created) and the summary counters. Exit 0 when equal.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
kills=200
recipe=backtranslation
corpus="$root/samples/web"
seeds="$root/samples/self-instruct/seed_tasks.jsonl"
target=600
while [ $# -gt 0 ]; do
  case "$1" in
    --kills) kills=$2; shift 2 ;;
    --recipe) recipe=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --seeds) seeds=$2; shift 2 ;;
    --target) target=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

"$root/actors" --help >/dev/null
cli=(dotnet "$root/.artifacts/cli/actors.dll")
work=$(mktemp -d /tmp/actors-soak.XXXXXX)
trap '[ "${status:-1}" -eq 0 ] && rm -rf "$work"' EXIT
conf="$work/soak.conf"
echo 'actors.backtranslation { commit-batch = 2, commit-interval = 20ms }
actors.self-instruct { commit-batch = 2, commit-interval = 20ms, in-flight-prompts = 4 }
actors.metrics.enabled = false' > "$conf"
args() {
  if [ "$recipe" = backtranslation ]; then echo run backtranslation --corpus "$corpus" --out "$1" --config "$conf";
  else echo run self-instruct --seeds "$seeds" --target "$target" --out "$1" --config "$conf"; fi
}

# shellcheck disable=SC2046
"${cli[@]}" $(args "$work/reference") >/dev/null 2>"$work/reference.log"
compare() {
  local status=0 name dir
  for dir in "$work/reference"/*/; do
    name=$(basename "$dir")
    ls "$dir"/*.parquet >/dev/null 2>&1 || continue
    for side in reference crashed; do
      for f in "$work/$side/$name"/*.parquet; do "${cli[@]}" inspect "$f" --rows 100000000 | grep '^{"' | grep -v '"schema"\|"row_group\|"metadata"'; done \
        | sed -E 's/"(run_id|created)":"[^"]*",?//g' | sort > "$work/$side-$name.rows"
    done
    cmp -s "$work/reference-$name.rows" "$work/crashed-$name.rows" || { echo "$name: DIFFERENT (cycle $cycle)" >&2; status=1; }
  done
  python3 - "$work" <<'PY' || status=1
import json, sys
w = sys.argv[1]
a = json.load(open(f"{w}/reference/summary.json"))["counters"]
b = json.load(open(f"{w}/crashed/summary.json"))["counters"]
if a != b:
    print(f"counters: DIFFERENT {set(a.items()) ^ set(b.items())}", file=sys.stderr)
sys.exit(0 if a == b else 1)
PY
  return $status
}

# Cycles: kill and resume a fresh run until it completes, compare it with the reference, repeat until enough kills.
done_kills=0
attempt=0
cycle=0
status=0
while [ "$done_kills" -lt "$kills" ]; do
  cycle=$((cycle + 1))
  rm -rf "$work/crashed"
  while :; do
    attempt=$((attempt + 1))
    if [ -f "$work/crashed/run.json" ]; then cmd=(resume "$work/crashed"); else read -r -a cmd <<<"$(args "$work/crashed")"; fi
    if [ $((attempt % 3)) -eq 0 ]; then
      ACTORS_TEST_KILL_AFTER_PART_FILES=$((1 + RANDOM % 20)) "${cli[@]}" "${cmd[@]}" >/dev/null 2>>"$work/crashed.log" && rc=0 || rc=$?
    else
      ( exec "${cli[@]}" "${cmd[@]}" >/dev/null 2>>"$work/crashed.log" ) &
      pid=$!
      sleep "0.$((2 + RANDOM % 8))"
      kill -KILL "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null && rc=0 || rc=$?
    fi
    if [ "$rc" -eq 137 ]; then done_kills=$((done_kills + 1)); fi
    if [ "$rc" -eq 0 ]; then break; fi
    if [ "$rc" -ne 137 ]; then echo "attempt $attempt exited $rc; see $work/crashed.log" >&2; tail -5 "$work/crashed.log" >&2; exit 1; fi
  done
  compare || status=1
  echo "cycle $cycle: outputs equal=$([ $status -eq 0 ] && echo yes || echo NO), kills so far $done_kills"
done
echo "$done_kills kills over $attempt attempts"
exit $status
