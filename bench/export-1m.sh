#!/usr/bin/env bash
# `righthand export all` of a database with 1,000,000 rows, against the engine's own dump tool on the
# same database in the same run: `sqlite3 DB .dump` for SQLite, `pg_dump` for PostgreSQL.
#
# Publishes src/RightHand once (Release), creates both databases with the app's migrations, fills one
# real table (outgoing_mails: text, a GUID, an enum, times) with ROWS rows in SQL (a recursive CTE on
# SQLite, generate_series on PostgreSQL), then times each tool RUNS times and prints the median
# wall and CPU seconds and the ratio export / dump (target: no worse than 3x). The export's time includes
# starting the process and checking the schema, as an operator would run it.
#
# Usage: bench/export-1m.sh [RUNS]           (default 3)
# Environment (all optional):
#   ROWS=1000000                 rows in outgoing_mails
#   WORK=/tmp/righthand-export-bench   scratch folder (publish output, databases, archives)
#   SKIP_PUBLISH=1               reuse $WORK/publish as it is
#   PUBLISH_ARGS="-r linux-x64"  extra `dotnet publish` arguments (a platform turns ReadyToRun on, as docs/operations.md publishes)
#   RIGHTHAND_PG_BIN=/usr/lib/postgresql/NN/bin   PostgreSQL binaries (default: newest under /usr/lib/postgresql)
set -euo pipefail

cd "$(dirname "$(readlink -f "$0")")/.."

RUNS="${1:-3}"
ROWS="${ROWS:-1000000}"
WORK="${WORK:-/tmp/righthand-export-bench}"
PUBLISH="$WORK/publish"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$WORK"

. bench/pg-cluster.sh
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed" >&2; exit 1; }

if [ "${SKIP_PUBLISH:-0}" != 1 ]; then
  rm -rf "$PUBLISH"
  echo "publishing to $PUBLISH" >&2
  read -r -a publish_args <<< "${PUBLISH_ARGS:-}"
  dotnet publish src/RightHand -c Release -o "$PUBLISH" "${publish_args[@]}" >"$WORK/publish.log" 2>&1 || { tail -20 "$WORK/publish.log" >&2; exit 1; }
fi
RH="$PUBLISH/righthand"

# --- A throw-away PostgreSQL cluster on a free port (as the tests start one) -----------------------
pg_cluster_start "$WORK" -c fsync=off -c synchronous_commit=off
trap pg_cluster_stop EXIT
PORT="$PG_PORT"
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U rh bench
PG="Host=127.0.0.1;Port=$PORT;Username=rh;Database=bench"
psql() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U rh -d bench -v ON_ERROR_STOP=1 -q "$@"; }

# --- The same million rows in both ---------------------------------------------------------------
SQLITE_DIR="$WORK/sqlite"
rm -rf "$SQLITE_DIR"
"$RH" migrate --data-dir "$SQLITE_DIR" >/dev/null
"$RH" migrate --database "$PG" >/dev/null
echo "filling both databases with $ROWS rows" >&2
sqlite3 "$SQLITE_DIR/righthand.db" <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
INSERT INTO outgoing_mails (id, "to", to_name, subject, text_body, message_id, state, created_at, sent_at, last_error)
SELECT printf('%08X-0000-7000-8000-%012X', i, i), 'member' || i || '@example.org', 'Member ' || i,
       'Your invoice ' || i, 'Dear member ' || i || ', please find your invoice attached. Kind regards, the office',
       '<' || i || '@righthand.example>', i % 3,
       strftime('%Y-%m-%d %H:%M:%f', '2026-01-01', '+' || i || ' seconds'),
       CASE WHEN i % 3 = 1 THEN strftime('%Y-%m-%d %H:%M:%f', '2026-01-01', '+' || (i + 60) || ' seconds') END, NULL
FROM n;
SQL
psql <<SQL
INSERT INTO outgoing_mails (id, "to", to_name, subject, text_body, message_id, state, created_at, sent_at, last_error)
SELECT (lpad(to_hex(i), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'member' || i || '@example.org', 'Member ' || i,
       'Your invoice ' || i, 'Dear member ' || i || ', please find your invoice attached. Kind regards, the office',
       '<' || i || '@righthand.example>', i % 3,
       timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second',
       CASE WHEN i % 3 = 1 THEN timestamptz '2026-01-01 00:00:00+00' + (i + 60) * interval '1 second' END, NULL
FROM generate_series(1, $ROWS) AS i;
VACUUM ANALYZE;
SQL

# --- Timing ---------------------------------------------------------------------------------------
# Wall seconds and CPU seconds (user + system, of the tool and its children; not the PostgreSQL server's)
# of one run: CPU time is much less disturbed than wall time when other work competes for the cores.
timed() { /usr/bin/time -f '%e %U %S' -o "$WORK/time.txt" "$@" >/dev/null; awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$WORK/time.txt"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# "wall cpu": the median of each over RUNS runs.
measure() {
  local i runs=()
  for i in $(seq "$RUNS"); do runs+=("$(timed "$@")"); done
  printf '%s\n' "${runs[@]}" | awk '{print $1}' | median | tr '\n' ' '
  printf '%s\n' "${runs[@]}" | awk '{print $2}' | median
}

sqlite_dump() { sqlite3 "$SQLITE_DIR/righthand.db" .dump >"$WORK/sqlite.sql"; }
pg_dump_plain() { "$PG_BIN/pg_dump" -h 127.0.0.1 -p "$PORT" -U rh bench >"$WORK/pg.sql"; }
export -f sqlite_dump pg_dump_plain
export SQLITE_DIR PG_BIN PORT WORK

echo "timing, $RUNS runs each (median)" >&2
read -r export_sqlite export_sqlite_cpu <<<"$(measure "$RH" export all --out "$WORK/sqlite.zip" --data-dir "$SQLITE_DIR")"
read -r dump_sqlite dump_sqlite_cpu <<<"$(measure bash -c sqlite_dump)"
read -r export_pg export_pg_cpu <<<"$(measure "$RH" export all --out "$WORK/pg.zip" --database "$PG")"
read -r dump_pg dump_pg_cpu <<<"$(measure bash -c pg_dump_plain)"
load=$(cut -d' ' -f1 /proc/loadavg)

# The two archives hold the same rows: the table files must be identical.
same=$(cmp -s <(unzip -p "$WORK/sqlite.zip" tables/outgoing_mails.jsonl) <(unzip -p "$WORK/pg.zip" tables/outgoing_mails.jsonl) && echo yes || echo NO)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
echo
echo "export all of $ROWS rows (outgoing_mails), median of $RUNS runs, $(nproc) cores, load1 $load at the end, $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-11s %9s %9s %7s   %9s %9s %7s %8s %8s\n' engine "export s" "dump s" ratio "export cpu" "dump cpu" "ratio" "zip MB" "dump MB"
printf '%-11s %9s %9s %7s   %9s %9s %7s %8s %8s\n' SQLite "$export_sqlite" "$dump_sqlite" "$(ratio "$export_sqlite" "$dump_sqlite")" \
  "$export_sqlite_cpu" "$dump_sqlite_cpu" "$(ratio "$export_sqlite_cpu" "$dump_sqlite_cpu")" "$(du -m "$WORK/sqlite.zip" | cut -f1)" "$(du -m "$WORK/sqlite.sql" | cut -f1)"
printf '%-11s %9s %9s %7s   %9s %9s %7s %8s %8s\n' PostgreSQL "$export_pg" "$dump_pg" "$(ratio "$export_pg" "$dump_pg")" \
  "$export_pg_cpu" "$dump_pg_cpu" "$(ratio "$export_pg_cpu" "$dump_pg_cpu")" "$(du -m "$WORK/pg.zip" | cut -f1)" "$(du -m "$WORK/pg.sql" | cut -f1)"
echo "identical outgoing_mails.jsonl from both engines: $same"
echo "target: wall-time ratio <= 3 (pg_dump's CPU column leaves out the server, which does most of its work)"
