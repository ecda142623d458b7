# Sourced by the benchmarks: a throw-away PostgreSQL cluster on a free port, as the tests start one.
#   pg_cluster_start WORK [-c name=value ...]   sets PG_BIN, PG_ROOT and PG_PORT; user rh, trust, UTF-8
#   pg_cluster_stop                             stops it and removes its folder
# RIGHTHAND_PG_BIN=/usr/lib/postgresql/NN/bin chooses the binaries (default: the newest installed).
PG_BIN="${RIGHTHAND_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
[ -x "$PG_BIN/initdb" ] || { echo "no PostgreSQL binaries (set RIGHTHAND_PG_BIN)" >&2; exit 1; }

# initdb and the server refuse to run as root.
as_server() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_cluster_start() {
  local work="$1"; shift
  PG_ROOT="$(mktemp -d "$work/pg.XXXXXX")"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$PG_ROOT"
  PG_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  as_server "$PG_BIN/initdb" -D "$PG_ROOT/data" -U rh --auth=trust -E UTF8 --locale=C.UTF-8 >"$work/initdb.log"
  as_server "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" -l "$PG_ROOT/log" -w start \
    -o "-p $PG_PORT -k $PG_ROOT -c listen_addresses=127.0.0.1 $*" >/dev/null
}

pg_cluster_stop() {
  [ -n "${PG_ROOT:-}" ] || return 0
  as_server "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" -m immediate -w stop >/dev/null || true
  rm -rf "$PG_ROOT"
}
