#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on 127.0.0.1 at a free port.
# Usage: eval "$(tools/scripts/pg-start.sh)"  -> exports PGTEST_DIR, PGTEST_PORT, PGTEST_CONN
# Stop with: tools/scripts/pg-stop.sh "$PGTEST_DIR"
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$PGBIN" ]; then
  echo "pg-start: no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)" >&2
  exit 3
fi
free_port() {
  local p
  for _ in $(seq 50); do
    p=$((20000 + RANDOM % 40000))
    (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null || { echo "$p"; return; }
  done
  return 1
}
PORT=$(free_port)
DIR=$(mktemp -d /tmp/pgtest.XXXXXX)
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DIR"; AS=(runuser -u postgres --); else AS=(); fi
"${AS[@]}" "$PGBIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --no-sync >"$DIR/initdb.log" 2>&1
"${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >&2
echo "export PGTEST_DIR=$DIR PGTEST_PORT=$PORT"
echo "export PGTEST_CONN='Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres'"
