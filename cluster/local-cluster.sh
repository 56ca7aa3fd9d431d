#!/usr/bin/env bash
# A throwaway cluster on this machine: PostgreSQL on 127.0.0.1, N worker nodes, one job.
#
#   cluster/local-cluster.sh [--nodes N] [--corpus PATH]... [--seed FILE] [--out DIR] [--config FILE]
#   cluster/local-cluster.sh --recipe self-instruct [--seeds FILE] [--target N] [--nodes N] [--out DIR] [--config FILE]
#
# Defaults: 3 nodes, backtranslation of the sample corpus and seed under samples/ (self-instruct: the sample seed
# tasks, target 200), output in a temporary directory. Nodes use the offline backend unless the config file
# configures devices. Prints the job's summary and stops everything.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
nodes=3
corpus=()
seed="$root/samples/backtranslation/seed.jsonl"
out=""
config=""
recipe=backtranslation
seeds="$root/samples/self-instruct/seed_tasks.jsonl"
target=200
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes=$2; shift 2 ;;
    --corpus) corpus+=("$2"); shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --config) config=$2; shift 2 ;;
    --recipe) recipe=$2; shift 2 ;;
    --seeds) seeds=$2; shift 2 ;;
    --target) target=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ ${#corpus[@]} -gt 0 ] || corpus=("$root/samples/web")
[ -n "$out" ] || out=$(mktemp -d /tmp/actors-local-cluster.XXXXXX)
config_args=()
[ -n "$config" ] && config_args=(--config "$config")

eval "$("$root/tools/scripts/pg-start.sh")"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  "$root/tools/scripts/pg-stop.sh" "$PGTEST_DIR" >/dev/null 2>&1 || true
}
trap cleanup EXIT

"$root/actors" --help >/dev/null   # builds the CLI once
job="local-$(date +%Y%m%d-%H%M%S)"
corpus_args=()
for c in "${corpus[@]}"; do corpus_args+=(--corpus "$c"); done
if [ "$recipe" = self-instruct ]; then
  "$root/actors" feed --store "$PGTEST_CONN" --job "$job" --recipe self-instruct --seeds "$seeds" --target "$target" --out "$out" "${config_args[@]}"
else
  "$root/actors" feed --store "$PGTEST_CONN" --job "$job" --recipe "$recipe" "${corpus_args[@]}" --seed "$seed" --out "$out" "${config_args[@]}"
fi

for i in $(seq 1 "$nodes"); do
  "$root/actors" node start --store "$PGTEST_CONN" --name "node-$i" "${config_args[@]}" >"$out/node-$i.log" 2>&1 &
  pids+=($!)
done
echo "started $nodes nodes; logs in $out/node-*.log"

until [ -f "$out/summary.json" ] && grep -q '"status": "completed' "$out/summary.json"; do
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "a node exited early; see $out/node-*.log" >&2; exit 1; }; done
  sleep 1
done
"$root/actors" status --store "$PGTEST_CONN"
cat "$out/summary.json"; echo
echo "outputs in $out"
