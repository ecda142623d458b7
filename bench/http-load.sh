#!/usr/bin/env bash
# HTTP throughput and latency of the published app on SQLite, measured with wrk over loopback.
#
# 1. Publishes src/RightHand once (Release) unless SKIP_PUBLISH=1, and starts it on a fresh data folder.
# 2. Creates the owner without a browser, the way a person would:
#    GET /setup (antiforgery cookie + token, hidden _handler=setup) -> POST /setup (signs in) ->
#    GET /account/two-factor (authenticator key) -> POST the current TOTP code (_handler=enrol).
#    The Owner must have a second factor before the dashboard is shown, hence the enrolment.
# 3. Optionally fills the database with SEED_SQL (run by sqlite3 once the owner exists).
# 4. Runs `wrk -t2 -c16 -d30s --latency` in turn against each page of ANON_PAGES (no cookie) and
#    AUTH_PAGES (the owner's session cookie); by default
#      /signin       the sign-in page, anonymous (a server-rendered Razor component with a form),
#      /             the dashboard, with the owner's session cookie (cookie check + 7 small queries),
#      /css/app.css  a static file: the ceiling of what this host serves on this machine,
#    each after a short unmeasured warm-up, and prints p50 / p95 / p99 latency and requests/s.
#
# Usage: bench/http-load.sh                (loopback only; every wrk run is bounded by -d; stops by itself)
# Environment (all optional):
#   PORT=5193 WORK=/tmp/righthand-bench  DURATION=30s  CONNECTIONS=16  THREADS=2  WARMUP=5s
#   WRK_TIMEOUT=10s                      wrk's --timeout (default 2s: slower answers count as timeouts, not in the percentiles)
#   PREWARM=10s                          warm every page once before the first is measured
#   SKIP_PUBLISH=1                       reuse $WORK/publish (e.g. made by bench/cold-start.sh)
#   RUN_ENV="A=1 B=2"                    extra environment for the app only
#   LABEL=baseline                       names the result file $WORK/http-<LABEL>.txt
#   ANON_PAGES="/signin /css/app.css"    pages measured without a cookie
#   AUTH_PAGES="/"                       pages measured as the signed-in owner
#   SEED_SQL=bench/seed-delegation.sql   SQL run against the database before the load (sqlite3, or psql with ENGINE=postgres)
#   ENGINE=postgres                      run the app on a throw-away PostgreSQL cluster on a free port instead of SQLite
#                                        (RIGHTHAND_PG_BIN=/usr/lib/postgresql/NN/bin, default: the newest installed)
#   AFTER_LOAD=bench/x.sh                sourced after the load while app and database still run (e.g. the SQL floor:
#                                        PG_BIN, PG_PORT, data, URL, cookie, WORK and LABEL are set)
set -euo pipefail

cd "$(dirname "$(readlink -f "$0")")/.."

PORT="${PORT:-5193}"
WORK="${WORK:-/tmp/righthand-bench}"
PUBLISH="$WORK/publish"
DURATION="${DURATION:-30s}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
WARMUP="${WARMUP:-5s}"
LABEL="${LABEL:-baseline}"
ANON_PAGES="${ANON_PAGES-/signin /css/app.css}"
AUTH_PAGES="${AUTH_PAGES-/}"
URL="http://127.0.0.1:$PORT"
read -r -a run_env <<< "${RUN_ENV:-}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$WORK"

if [ "${SKIP_PUBLISH:-0}" != 1 ]; then
  rm -rf "$PUBLISH"
  echo "publishing to $PUBLISH" >&2
  dotnet publish src/RightHand -c Release -o "$PUBLISH" >"$WORK/publish.log" 2>&1 \
    || { tail -20 "$WORK/publish.log" >&2; exit 1; }
fi

if curl -s -o /dev/null --max-time 1 "$URL/health"; then
  echo "something already answers on $URL; pick another PORT" >&2; exit 1
fi

# --- Start the app on a fresh SQLite data folder, or a fresh PostgreSQL cluster -------------------
data="$WORK/data-http"; rm -rf "$data"; mkdir -p "$data"
cleanup() { kill "${app_pid:-}" 2>/dev/null; wait "${app_pid:-}" 2>/dev/null || true; }
if [ "${ENGINE:-sqlite}" = postgres ]; then
  . bench/pg-cluster.sh
  pg_cluster_start "$WORK" -c shared_buffers=512MB
  cleanup() { kill "${app_pid:-}" 2>/dev/null; wait "${app_pid:-}" 2>/dev/null || true; pg_cluster_stop; }
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U rh bench
  run_env+=("ConnectionStrings__Postgres=Host=127.0.0.1;Port=$PG_PORT;Username=rh;Database=bench")
  seed() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U rh -d bench -v ON_ERROR_STOP=1 -q < "$1"; }
else
  seed() { sqlite3 "$data/righthand.db" < "$1"; }
fi
trap cleanup EXIT
env RIGHTHAND_DATA_DIR="$data" "${run_env[@]}" "$PUBLISH/righthand" --urls "$URL" >"$WORK/http-app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 600); do                                   # up to 60 s
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$URL/health" || true)" = 200 ] && break
  kill -0 "$app_pid" 2>/dev/null || { echo "app exited; see $WORK/http-app.log" >&2; exit 1; }
  sleep 0.1
done

# --- Create the owner and enrol TOTP, keeping the cookies in a jar ---------------------------------
jar="$WORK/cookies.txt"; rm -f "$jar"
page="$WORK/page.html"

# The value of the hidden field $1 in the form whose _handler is $2 (the page has a second form,
# the language switch, with its own token).
form_field() {
  python3 - "$page" "$1" "$2" <<'PY'
import re, sys
html, name, handler = open(sys.argv[1]).read(), sys.argv[2], sys.argv[3]
for form in re.findall(r'<form\b.*?</form>', html, re.S):
    if f'name="_handler" value="{handler}"' in form:
        print(re.search(rf'name="{re.escape(name)}" value="([^"]*)"', form).group(1)); break
else:
    sys.exit(f"no form with _handler={handler}")
PY
}

curl -s -c "$jar" -b "$jar" -o "$page" "$URL/setup"
token=$(form_field __RequestVerificationToken setup)
password="bench-owner-passphrase-$RANDOM$RANDOM"
status=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code} %{redirect_url}' "$URL/setup" \
  --data-urlencode "_handler=setup" --data-urlencode "__RequestVerificationToken=$token" \
  --data-urlencode "Input.Name=Bench Owner" --data-urlencode "Input.Email=owner@bench.invalid" \
  --data-urlencode "Input.Password=$password" --data-urlencode "Input.Confirm=$password")
echo "POST /setup -> $status" >&2

curl -s -c "$jar" -b "$jar" -o "$page" "$URL/account/two-factor"
# The key is shown in lower-case groups of four (data-testid="authenticator-key"); base32 wants it
# upper-case and without spaces.
key=$(python3 -c 'import re,sys; print(re.search(r"data-testid=\"authenticator-key\">([^<]*)<", open(sys.argv[1]).read()).group(1).replace(" ","").upper())' "$page")
token=$(form_field __RequestVerificationToken enrol)
# RFC 6238 TOTP: HMAC-SHA1 over the 30 s time step, dynamic truncation, 6 digits.
code=$(python3 - "$key" <<'PY'
import base64, hashlib, hmac, struct, sys, time
key = sys.argv[1]
secret = base64.b32decode(key + "=" * (-len(key) % 8))
digest = hmac.new(secret, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
offset = digest[-1] & 0x0F
print(f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}")
PY
)
curl -s -c "$jar" -b "$jar" -o "$page" "$URL/account/two-factor" \
  --data-urlencode "_handler=enrol" --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Input.Code=$code"
grep -q 'data-testid="recovery-codes"' "$page" || { echo "TOTP enrolment failed (see $page)" >&2; exit 1; }

# The first dashboard request renews the session cookie with the second-factor claim; keep that one.
status=$(curl -s -c "$jar" -b "$jar" -o "$page" -w '%{http_code}' "$URL/")
[ "$status" = 200 ] || { echo "GET / as the owner answered $status, not 200" >&2; exit 1; }
# Every cookie in the jar (HttpOnly ones are written with a #HttpOnly_ prefix) as one Cookie header.
cookie=$(awk -F'\t' 'NF == 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) {printf "%s%s=%s", sep, $6, $7; sep="; "}' "$jar")

if [ -n "${SEED_SQL:-}" ]; then
  started=$(date +%s.%N)
  seed "$SEED_SQL"
  echo "seeded from $SEED_SQL in $(echo "$(date +%s.%N) - $started" | bc) s" >&2
fi

# The cookie header for a page: only the AUTH_PAGES are requested as the owner.
headers_for() {
  hdr=()
  for p in $AUTH_PAGES; do [ "$p" = "$1" ] && hdr=(-H "Cookie: $cookie"); done
  return 0
}

# Each target must answer 200 (not a redirect) before it is measured.
for path in $ANON_PAGES $AUTH_PAGES; do
  headers_for "$path"
  status=$(curl -s -o /dev/null -w '%{http_code}' "${hdr[@]}" "$URL$path")
  [ "$status" = 200 ] || { echo "GET $path answered $status, not 200" >&2; exit 1; }
done

# --- Load ---------------------------------------------------------------------------------------
# PREWARM=10s: every page once more before any is measured, so the first pages do not pay for the JIT's tiering.
if [ -n "${PREWARM:-}" ]; then
  for path in $ANON_PAGES $AUTH_PAGES; do headers_for "$path"; wrk -t"$THREADS" -c4 -d"$PREWARM" "${hdr[@]}" "$URL$path" >/dev/null; done
fi
out="$WORK/http-$LABEL.txt"
{
  echo "# $LABEL $(date -u +%FT%TZ) load1 before: $(cut -d' ' -f1 /proc/loadavg) ${RUN_ENV:+env: $RUN_ENV}"
  for path in $ANON_PAGES $AUTH_PAGES; do
    headers_for "$path"
    wrk -t"$THREADS" -c4 -d"$WARMUP" "${hdr[@]}" "$URL$path" >/dev/null          # warm-up, not counted
    echo "## GET $path  (load1 $(cut -d' ' -f1 /proc/loadavg))"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" ${WRK_TIMEOUT:+--timeout "$WRK_TIMEOUT"} --latency -s bench/percentiles.lua "${hdr[@]}" "$URL$path"
  done
  echo "## app RSS after the load: $(awk '/^VmRSS:/ {print $2, $3}' "/proc/$app_pid/status"), peak $(awk '/^VmHWM:/ {print $2, $3}' "/proc/$app_pid/status")"
} | tee "$out" >&2
if [ -n "${AFTER_LOAD:-}" ]; then . "$AFTER_LOAD"; fi

# --- Summary: p50, p95, p99, requests/s, and errors/non-2xx per target ------------------------------------
echo
echo "$LABEL: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, loopback"
awk '
  /^## GET/ { path = $3 }
  $1 == "50%" { p50[path] = $2 }
  $1 == "99%" { p99[path] = $2 }
  $1 == "p95:" { p95[path] = $2 }
  /^Requests\/sec:/ { rps[path] = $2; order[++n] = path }
  /Non-2xx or 3xx responses:/ { bad[path] = $NF }
  /Socket errors:/ { err[path] = $0 }
  /^## app RSS/ { rss = $0 }
  END {
    printf "%-24s %10s %10s %10s %12s  %s\n", "path", "p50", "p95", "p99", "req/s", "non-2xx"
    for (i = 1; i <= n; i++) { p = order[i]; printf "%-24s %10s %10s %10s %12s  %s\n", p, p50[p], p95[p], p99[p], rps[p], (p in bad) ? bad[p] : 0 }
    print substr(rss, 4)
  }' "$out"
echo "full wrk output: $out"
