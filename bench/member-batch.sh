#!/usr/bin/env bash
# Throughput of the sync API's batch upsert (POST /api/v1/members/batch), members per second.
#
# Publishes src/RightHand (Release) once, then for SQLite and for a throw-away PostgreSQL cluster (fsync off,
# as bench/export-1m.sh): migrates an empty database, creates an IT token with `righthand tokens create`,
# starts the published server on 127.0.0.1 and posts ROUNDS rounds of
#   create: 10,000 new members (no numbers: the app gives the next ones), and
#   update: the same 10,000 again, each with a new city and postcode (matched by e-mail, all updated),
# measuring curl's total time per request (upload, checks, one transaction with audit trail and member events,
# answer). The database grows by 10,000 members a round. Prints every request and the median per engine and kind.
#
# Usage: bench/member-batch.sh [ROUNDS]        (default 3)
# Environment (optional):
#   WORK=/tmp/righthand-batch-bench   scratch folder
#   SKIP_PUBLISH=1                    reuse $WORK/publish
#   RIGHTHAND_PG_BIN=/usr/lib/postgresql/NN/bin
#   ENGINES="SQLite PostgreSQL"       which engines to run
set -euo pipefail

cd "$(dirname "$(readlink -f "$0")")/.."

ROUNDS="${1:-3}"
SIZE=10000
WORK="${WORK:-/tmp/righthand-batch-bench}"
PUBLISH="$WORK/publish"
. bench/pg-cluster.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$WORK"

if [ -z "${SKIP_PUBLISH:-}" ]; then
  echo "publishing to $PUBLISH" >&2
  dotnet publish src/RightHand -c Release -o "$PUBLISH" >"$WORK/publish.log" 2>&1 || { tail -20 "$WORK/publish.log" >&2; exit 1; }
fi
RH="$PUBLISH/righthand"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# --- A throw-away PostgreSQL cluster ---------------------------------------------------------------
pg_cluster_start "$WORK" -c fsync=off -c synchronous_commit=off
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  pg_cluster_stop
}
trap cleanup EXIT
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U rh bench
PG="Host=127.0.0.1;Port=$PG_PORT;Username=rh;Database=bench"

# --- The batches: round r creates bench-r-i@example.org, then moves each of them to another city --------------
python3 - "$WORK" "$ROUNDS" "$SIZE" <<'PY'
import json, sys
work, rounds, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for r in range(1, rounds + 1):
    for kind, city, postcode in (("create", "Berlin", "10115"), ("update", "Hamburg", "20095")):
        items = [{"salutation": "Frau" if i % 2 else "Herr", "firstName": f"Vorname{i}", "lastName": f"Nachname{r}x{i}",
                  "email": f"bench-{r}-{i}@example.org", "phone": "+49 30 1234567", "language": "de" if i % 3 else "en",
                  "street": f"Hauptstraße {i % 200 + 1}", "postcode": postcode, "city": city, "country": "DE",
                  "dateOfBirth": f"19{50 + i % 50}-0{1 + i % 9}-1{i % 10}", "status": "active", "tags": ["bench"]}
                 for i in range(size)]
        with open(f"{work}/{kind}-{r}.json", "w") as f:
            json.dump({"items": items}, f)
PY

run_engine() {
  local engine="$1"; shift
  local port; port="$(free_port)"
  "$RH" migrate "$@" >/dev/null
  local token; token="$("$RH" tokens create --name "batch bench" --role IT "$@" | grep -o 'rh_[A-Za-z0-9_-]*')"
  Jobs__Enabled=false Logging__LogLevel__Default=Warning "$RH" serve "$@" --urls "http://127.0.0.1:$port" >"$WORK/server-$engine.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
  for r in $(seq 1 "$ROUNDS"); do
    for kind in create update; do
      local out; out="$(curl -s -o "$WORK/answer.json" -w '%{http_code} %{time_total}' -X POST -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' --data-binary "@$WORK/$kind-$r.json" "http://127.0.0.1:$port/api/v1/members/batch")"
      local code="${out% *}" secs="${out#* }"
      [ "$code" = 200 ] || { echo "$engine $kind $r: HTTP $code" >&2; head -c 500 "$WORK/answer.json" >&2; exit 1; }
      local counts; counts="$(python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); print(a["created"], a["updated"], a["unchanged"])' "$WORK/answer.json")"
      printf '%-10s %-6s round %s  %6.2f s  %7.0f members/s  (created updated unchanged: %s)  load1 %s\n' \
        "$engine" "$kind" "$r" "$secs" "$(echo "$SIZE / $secs" | bc -l)" "$counts" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$WORK/results.txt"
    done
  done
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
}

ENGINES="${ENGINES:-SQLite PostgreSQL}"
rm -f "$WORK/results.txt"
rm -rf "$WORK/sqlite"
for engine in $ENGINES; do
  case "$engine" in
    SQLite) run_engine SQLite --data-dir "$WORK/sqlite" ;;
    PostgreSQL) run_engine PostgreSQL --database "$PG" ;;
  esac
done

echo
echo "median members/s per engine and kind ($ROUNDS rounds of $SIZE; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"
for engine in $ENGINES; do
  for kind in create update; do
    awk -v e="$engine" -v k="$kind" '$1 == e && $2 == k {print $7}' "$WORK/results.txt" | sort -n \
      | awk -v e="$engine" -v k="$kind" '{a[NR]=$1} END {m = (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "%-10s %-6s %7.0f members/s\n", e, k, m}'
  done
done
