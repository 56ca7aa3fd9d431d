#!/usr/bin/env bash
# The one test command. Builds the solution, starts a throwaway PostgreSQL on 127.0.0.1 when the
# server binaries are installed (tests that need it read PGTEST_CONN), runs every test project and
# prints "N passed, N failed" as its last line. Exits non-zero on any failure or when no test ran.
#   ./test.sh                 every test
#   ./test.sh --filter X      passes the filter to dotnet test (e.g. FullyQualifiedName~Hocon)
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results=TestResults
rm -rf "$results"
mkdir -p "$results"

pg_dir=""
cleanup() { [ -n "$pg_dir" ] && tools/scripts/pg-stop.sh "$pg_dir"; }
trap cleanup EXIT

if [ -z "${PGTEST_CONN:-}" ] && ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  if env_lines=$(tools/scripts/pg-start.sh 2>"$results/pg-start.log"); then
    eval "$env_lines"
    pg_dir=$PGTEST_DIR
    echo "test.sh: PostgreSQL on 127.0.0.1:$PGTEST_PORT"
  else
    echo "test.sh: could not start PostgreSQL (see $results/pg-start.log); PostgreSQL tests will fail" >&2
  fi
fi

# parquet-verify: prefer an installed copy (.ci/run installs one), then the shared checkout.
if [ -z "${PARQUET_VERIFY:-}" ]; then
  for candidate in .artifacts/parquet-verify/parquet-verify ../shared/tools/parquet-verify/parquet-verify; do
    if [ -x "$candidate" ] && [ -d "$(dirname "$candidate")/node_modules" ]; then
      PARQUET_VERIFY=$(cd "$(dirname "$candidate")" && pwd)/parquet-verify
      export PARQUET_VERIFY
      break
    fi
  done
fi

build_status=0
dotnet build Actors.sln -c Debug -nologo -v quiet "-clp:ErrorsOnly" || build_status=$?
if [ "$build_status" -ne 0 ]; then
  echo "test.sh: build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

test_status=0
dotnet test Actors.sln -c Debug --no-build --nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" "$@" || test_status=$?

read -r passed failed skipped < <(
  cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
    { for (i = 1; i <= NF; i++) { split($i, a, "="); gsub(/["\/>]/, "", a[2]);
        if (a[1] == "passed") p += a[2]; if (a[1] == "failed") f += a[2];
        if (a[1] == "notExecuted") s += a[2]; } }
    END { printf "%d %d %d\n", p, f, s }')

if [ "$test_status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The runner failed without a failed test (crash, abort): count it as a failure.
  failed=1
fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "test.sh: no test ran" >&2
  failed=1
fi
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
