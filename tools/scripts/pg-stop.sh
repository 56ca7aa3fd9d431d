#!/usr/bin/env bash
# Stops a server started by pg-start.sh and removes its directory.
set -euo pipefail
DIR=${1:?usage: pg-stop.sh PGTEST_DIR}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ "$(id -u)" = 0 ]; then AS=(runuser -u postgres --); else AS=(); fi
"${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
rm -rf "$DIR"
