#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the warehouse tests (issue #13).
#
#   scripts/pg-test-server.sh            start: prints the connection URL (line 1) and the cluster
#                                        directory (line 2) on stdout
#   scripts/pg-test-server.sh stop DIR   stop that cluster and delete DIR
#
# The cluster lives in a fresh directory under /tmp, listens on 127.0.0.1 only (and a Unix socket
# in that directory), on a free port, with trust authentication for the local user `postgres` and
# fsync off (test data only). initdb refuses to run as root: as root the cluster is made and run by
# the `postgres` system user (Debian's postgresql package creates it). PG_BIN overrides the
# binaries' directory (default: the newest /usr/lib/postgresql/*/bin).
set -euo pipefail

BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "pg-test-server: no PostgreSQL binaries (looked for /usr/lib/postgresql/*/bin/initdb; set PG_BIN)" >&2
  exit 3
fi

as_owner() {
  if [ "$(id -u)" = "0" ]; then
    if ! id postgres >/dev/null 2>&1; then
      echo "pg-test-server: running as root and there is no 'postgres' user to run the server as" >&2
      exit 4
    fi
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}

if [ "${1:-start}" = "stop" ]; then
  DIR="${2:?usage: pg-test-server.sh stop DIR}"
  case "$DIR" in /tmp/kpi-pg.*) ;; *) echo "pg-test-server: refusing to stop $DIR (not a /tmp/kpi-pg.* cluster)" >&2; exit 2 ;; esac
  as_owner "'$BIN/pg_ctl' -D '$DIR/data' -m immediate -w stop" >/dev/null 2>&1 || true
  rm -rf "$DIR"
  exit 0
fi

DIR="$(mktemp -d /tmp/kpi-pg.XXXXXX)"
chmod 755 "$DIR"
if [ "$(id -u)" = "0" ]; then chown postgres "$DIR"; fi
PORT="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"

as_owner "'$BIN/initdb' -D '$DIR/data' -U postgres -A trust --no-sync -E UTF8 --locale=C" >"$DIR/initdb.log" 2>&1 || {
  echo "pg-test-server: initdb failed:" >&2; cat "$DIR/initdb.log" >&2; exit 1; }
as_owner "'$BIN/pg_ctl' -D '$DIR/data' -l '$DIR/server.log' -w -t 30 \
  -o \"-c listen_addresses=127.0.0.1 -p $PORT -k '$DIR' -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >/dev/null || {
  echo "pg-test-server: the server did not start:" >&2; cat "$DIR/server.log" >&2; exit 1; }

echo "postgres://postgres@127.0.0.1:$PORT/postgres"
echo "$DIR"
