#!/usr/bin/env bash
# `righthand import members` of a 1,000,000-row CSV (German Excel style: semicolons, dd.MM.yyyy) into an empty
# SQLite and an empty PostgreSQL database, against the engine's own CSV loader on the same file in the same run:
# `sqlite3 .import` and `psql \copy` into a table of the file's columns with the register's unique e-mail index
# and name index (the "bare" load), and the same loaders into the register's own tables (the "schema" load: every
# index of members, status history and events, as the import must write them, without any checks). The import validates every row (MemberChecks, postcode per country, dates, duplicates in the
# file, e-mail taken), allocates numbers, writes members, status history and member events, and audits one entry
# per chunk. Measures wall time and peak RSS (/usr/bin/time -v) of each; target: import <= 3x the loader, < 300 MB.
#
# Usage: bench/member-import.sh
# Environment (all optional):
#   ROWS=1000000                       rows in the file
#   WORK=/tmp/righthand-import-bench   scratch folder (publish output, file, databases)
#   SKIP_PUBLISH=1                     reuse $WORK/publish as it is
#   RIGHTHAND_PG_BIN=/usr/lib/postgresql/NN/bin   PostgreSQL binaries (default: newest under /usr/lib/postgresql)
set -euo pipefail

cd "$(dirname "$(readlink -f "$0")")/.."

ROWS="${ROWS:-1000000}"
WORK="${WORK:-/tmp/righthand-import-bench}"
PUBLISH="$WORK/publish"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$WORK"

. bench/pg-cluster.sh
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed (sudo apt-get install -y sqlite3)" >&2; exit 1; }

if [ "${SKIP_PUBLISH:-0}" != 1 ]; then
  rm -rf "$PUBLISH"
  echo "publishing to $PUBLISH" >&2
  dotnet publish src/RightHand -c Release -o "$PUBLISH" >"$WORK/publish.log" 2>&1 || { tail -20 "$WORK/publish.log" >&2; exit 1; }
fi
RH="$PUBLISH/righthand"

# --- The file: believable German rows, every e-mail unique ----------------------------------------
FILE="$WORK/members.csv"
echo "writing $ROWS rows to $FILE" >&2
python3 - "$ROWS" "$FILE" <<'PY'
import sys
rows, path = int(sys.argv[1]), sys.argv[2]
first = ["Anna", "Lukas", "Sophie", "Jonas", "Marie", "Leon", "Hannah", "Felix", "Jürgen", "Zoë"]
last = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Groß", "Weiß"]
places = [("10115", "Berlin"), ("20095", "Hamburg"), ("80331", "München"), ("50667", "Köln"), ("04109", "Leipzig")]
status = ["aktiv", "Interessent", "pausiert", "gekündigt"]
with open(path, "w", encoding="utf-8", newline="") as f:
    f.write("Vorname;Nachname;E-Mail;PLZ;Ort;Land;Geburtsdatum;Status\r\n")
    for i in range(rows):
        plz, city = places[i % 5]
        f.write(f"{first[i % 10]};{last[(i // 10) % 10]}{i};m{i}@example.org;{plz};{city};DE;{1 + i % 28:02d}.{1 + i % 12:02d}.{1950 + i % 50};{status[i % 4]}\r\n")
PY

# --- A throw-away PostgreSQL cluster on a free port (as the tests start one) -----------------------
pg_cluster_start "$WORK" -c fsync=off -c synchronous_commit=off
trap pg_cluster_stop EXIT
PORT="$PG_PORT"
psql() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U rh -v ON_ERROR_STOP=1 -q "$@"; }

# "wall_seconds peak_rss_mb" of one command.
measure() {
  /usr/bin/time -v -o "$WORK/time.txt" "$@" >"$WORK/out.txt" 2>"$WORK/err.txt" || true
  awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=(n==3)?t[1]*3600+t[2]*60+t[3]:t[1]*60+t[2]} /Maximum resident/ {m=$2/1024} END {printf "%.1f %.0f\n", s, m}' "$WORK/time.txt"
}

RAW_TABLE='CREATE TABLE members_raw (first_name text, last_name text, email text, postcode text, city text, country text, date_of_birth text, status text);
CREATE UNIQUE INDEX ix_raw_email ON members_raw (email); CREATE INDEX ix_raw_name ON members_raw (last_name, first_name);'

# --- SQLite ----------------------------------------------------------------------------------------
rm -rf "$WORK/sqlite" "$WORK/raw.db" && mkdir -p "$WORK/sqlite"
"$RH" migrate --data-dir "$WORK/sqlite" >/dev/null 2>&1
echo "SQLite: import" >&2
read -r import_sqlite rss_sqlite <<<"$(measure "$RH" import members "$FILE" --data-dir "$WORK/sqlite")"
tail -1 "$WORK/out.txt" >&2; head -3 "$WORK/out.txt" >&2
sqlite_members=$(sqlite3 "$WORK/sqlite/righthand.db" "SELECT COUNT(*) FROM members")
sqlite3 "$WORK/raw.db" "$RAW_TABLE"
echo "SQLite: .import" >&2
read -r load_sqlite load_rss_sqlite <<<"$(measure sqlite3 "$WORK/raw.db" -cmd ".mode csv" -cmd ".separator ;" -cmd ".import --skip 1 $FILE members_raw" ".exit")"
sqlite_raw=$(sqlite3 "$WORK/raw.db" "SELECT COUNT(*) FROM members_raw")
# The same loader into the register's own tables (every index, status history and member event): what the import
# has to write, done by the engine alone with no checks.
rm -rf "$WORK/sqlite-schema" && mkdir -p "$WORK/sqlite-schema" && "$RH" migrate --data-dir "$WORK/sqlite-schema" >/dev/null 2>&1
cat >"$WORK/schema-load.sql" <<SQL
.mode csv
.separator ;
CREATE TEMP TABLE f (first_name, last_name, email, postcode, city, country, date_of_birth, status);
.import --skip 1 $FILE f
BEGIN;
INSERT INTO members (id, sequence, number, first_name, last_name, email, email_key, name_key, language, postcode, city, country, status, status_since, created_at, updated_at)
SELECT printf('%08X-0000-7000-8000-%012X', rowid, rowid), 10000 + rowid, 'M-' || (10000 + rowid), first_name, last_name, email, lower(email),
       lower(first_name || ' ' || last_name), 'de', postcode, city, 'DE', 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00', '2026-01-01 00:00:00' FROM f;
INSERT INTO member_status_changes (id, member_id, "to", at)
SELECT printf('%08X-0000-7000-9000-%012X', rowid, rowid), printf('%08X-0000-7000-8000-%012X', rowid, rowid), 1, '2026-01-01 00:00:00' FROM f;
INSERT INTO member_events (id, member_id, number, kind, at)
SELECT printf('%08X-0000-7000-A000-%012X', rowid, rowid), printf('%08X-0000-7000-8000-%012X', rowid, rowid), 'M-' || (10000 + rowid), 0, '2026-01-01 00:00:00' FROM f;
COMMIT;
SQL
echo "SQLite: .import into the register's tables" >&2
read -r schema_sqlite _ <<<"$(measure sqlite3 "$WORK/sqlite-schema/righthand.db" -init "$WORK/schema-load.sql" ".exit")"

# --- PostgreSQL ------------------------------------------------------------------------------------
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U rh bench
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U rh raw
PG="Host=127.0.0.1;Port=$PORT;Username=rh;Database=bench"
"$RH" migrate --database "$PG" >/dev/null 2>&1
echo "PostgreSQL: import" >&2
read -r import_pg rss_pg <<<"$(measure "$RH" import members "$FILE" --database "$PG")"
tail -1 "$WORK/out.txt" >&2; head -3 "$WORK/out.txt" >&2
pg_members=$(psql -d bench -tAc "SELECT COUNT(*) FROM members")
psql -d raw -c "$RAW_TABLE"
echo "PostgreSQL: \\copy" >&2
read -r load_pg load_rss_pg <<<"$(measure "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U rh -d raw -v ON_ERROR_STOP=1 -c "\\copy members_raw FROM '$FILE' WITH (FORMAT csv, DELIMITER ';', HEADER true)")"
pg_raw=$(psql -d raw -tAc "SELECT COUNT(*) FROM members_raw")
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U rh schema
"$RH" migrate --database "Host=127.0.0.1;Port=$PORT;Username=rh;Database=schema" >/dev/null 2>&1
cat >"$WORK/schema-load.psql" <<SQL
BEGIN;
CREATE TEMP TABLE f (first_name text, last_name text, email text, postcode text, city text, country text, date_of_birth text, status text);
\\copy f FROM '$FILE' WITH (FORMAT csv, DELIMITER ';', HEADER true)
CREATE TEMP SEQUENCE n;
CREATE TEMP TABLE g AS SELECT nextval('n') AS i, * FROM f;
INSERT INTO members (id, sequence, number, first_name, last_name, email, email_key, name_key, language, postcode, city, country, status, status_since, created_at, updated_at)
SELECT (lpad(to_hex(i), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 10000 + i, 'M-' || (10000 + i), first_name, last_name, email, lower(email),
       lower(first_name || ' ' || last_name), 'de', postcode, city, 'DE', 1, now(), now(), now() FROM g;
INSERT INTO member_status_changes (id, member_id, "to", at)
SELECT (lpad(to_hex(i), 8, '0') || '-0000-7000-9000-' || lpad(to_hex(i), 12, '0'))::uuid, (lpad(to_hex(i), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 1, now() FROM g;
INSERT INTO member_events (id, member_id, number, kind, at)
SELECT (lpad(to_hex(i), 8, '0') || '-0000-7000-a000-' || lpad(to_hex(i), 12, '0'))::uuid, (lpad(to_hex(i), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'M-' || (10000 + i), 0, now() FROM g;
COMMIT;
SQL
echo "PostgreSQL: \\copy into the register's tables" >&2
read -r schema_pg _ <<<"$(measure "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U rh -d schema -v ON_ERROR_STOP=1 -q -f "$WORK/schema-load.psql")"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }
echo
echo "import members of $ROWS rows ($(du -m "$FILE" | cut -f1) MB), $(nproc) cores, load1 $(cut -d' ' -f1 /proc/loadavg) at the end, $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-11s %9s %8s %10s %7s %12s %7s %9s %9s\n' engine "import s" "RSS MB" "bare load" ratio "schema load" ratio members loaded
printf '%-11s %9s %8s %10s %7s %12s %7s %9s %9s\n' SQLite "$import_sqlite" "$rss_sqlite" "$load_sqlite" "$(ratio "$import_sqlite" "$load_sqlite")" \
  "$schema_sqlite" "$(ratio "$import_sqlite" "$schema_sqlite")" "$sqlite_members" "$sqlite_raw"
printf '%-11s %9s %8s %10s %7s %12s %7s %9s %9s\n' PostgreSQL "$import_pg" "$rss_pg" "$load_pg" "$(ratio "$import_pg" "$load_pg")" \
  "$schema_pg" "$(ratio "$import_pg" "$schema_pg")" "$pg_members" "$pg_raw"
echo "bare load: the engine's loader into a table of the file's columns (unique e-mail and name index);"
echo "schema load: the same loader into the register's tables (members with every index, status history, events)"
echo "target: ratio <= 3, RSS < 300 MB"
