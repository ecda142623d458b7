#!/usr/bin/env bash
# Start-up time and memory of the published app on SQLite.
#
# Publishes src/RightHand once (Release), then starts the published `righthand` RUNS times each:
#   cold: every start gets a fresh, empty data folder (it creates the database, runs every migration
#         and creates the data-protection key);
#   warm: every start reuses one data folder that an earlier, uncounted start already migrated.
# For every start it records
#   ms      wall time from launching the process to the first 200 from GET /health (curl every 10 ms),
#   cpu_ms  CPU time (user + system) the process had used at that moment: much less disturbed than
#           wall time when other work competes for the cores,
#   rss     VmRSS from /proc/<pid>/status about 1 s after that first 200 (memory once started),
#   hwm     VmHWM (peak RSS so far) at the same moment,
# then stops the process (SIGTERM, waits) and prints min / median / max of each.
#
# Usage: bench/cold-start.sh [RUNS]              (default 10; loopback only; stops by itself)
# Environment (all optional):
#   PORT=5191                  port on 127.0.0.1
#   WORK=/tmp/righthand-bench  scratch folder (publish output, data folders, logs, CSV)
#   PUBLISH_ARGS="..."         extra `dotnet publish` arguments, e.g. "-p:PublishReadyToRun=true -r linux-x64"
#   SKIP_PUBLISH=1             reuse $WORK/publish as it is
#   RUN_ENV="A=1 B=2"          extra environment for the app only (e.g. "DOTNET_TieredPGO=0")
#   LABEL=baseline             the CSV is $WORK/<LABEL>.csv
#   KINDS="cold warm"          which series to run
#   APPEND=1                   add to the CSV instead of starting it anew (for interleaved rounds);
#                              the summary then covers every row in it
#   SUMMARY_ONLY=1             only print the summary of an existing CSV
#   TARGET_MS=2000 TARGET_MB=150   the targets the summary compares the medians against
set -euo pipefail

cd "$(dirname "$(readlink -f "$0")")/.."

RUNS="${1:-10}"
PORT="${PORT:-5191}"
WORK="${WORK:-/tmp/righthand-bench}"
PUBLISH="$WORK/publish"
LABEL="${LABEL:-baseline}"
KINDS="${KINDS:-cold warm}"
TARGET_MS="${TARGET_MS:-2000}"
TARGET_MB="${TARGET_MB:-150}"
URL="http://127.0.0.1:$PORT"
CSV="$WORK/$LABEL.csv"
TICK_MS=$(( 1000 / $(getconf CLK_TCK) ))         # /proc/<pid>/stat counts CPU time in clock ticks
read -r -a run_env <<< "${RUN_ENV:-}"
read -r -a publish_args <<< "${PUBLISH_ARGS:-}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$WORK"

# min / median / max of the numbers on stdin (one per line).
stats() { sort -n | awk '{a[NR]=$1} END {m = (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "%s %s %s", a[1], m, a[NR]}'; }

summary() {
  echo
  echo "$LABEL${RUN_ENV:+ ($RUN_ENV)}: times in ms, memory in MB (VmRSS ~1 s after the first 200 from /health)"
  printf '%-5s %4s  %-17s %-15s %-13s %-13s %s\n' kind runs "wall ms" "cpu ms" "RSS MB" "peak RSS MB" "load1"
  printf '%-5s %4s  %-17s %-15s %-13s %-13s %s\n' "" "" "min med max" "min med max" "min med max" "min med max" "min med max"
  local kind
  for kind in cold warm; do
    col() { awk -F, -v k="$kind" -v c="$1" 'NR > 1 && $1==k {print $c}' "$CSV"; }
    [ -n "$(col 3)" ] || continue
    local n ms cpu rss hwm load med_ms med_mb
    n=$(col 3 | wc -l)
    ms=$(col 3 | stats); cpu=$(col 4 | stats)
    rss=$(col 5 | awk '{printf "%.0f\n", $1/1024}' | stats)
    hwm=$(col 6 | awk '{printf "%.0f\n", $1/1024}' | stats)
    load=$(col 7 | stats)
    printf '%-5s %4s  %-17s %-15s %-13s %-13s %s\n' "$kind" "$n" "$ms" "$cpu" "$rss" "$hwm" "$load"
    read -r _ med_ms _ <<<"$ms"; read -r _ med_mb _ <<<"$rss"
    echo "      medians vs targets: start < ${TARGET_MS} ms $(awk -v m="$med_ms" -v t="$TARGET_MS" 'BEGIN {print (m < t) ? "met" : "MISSED"}');" \
         "RSS < ${TARGET_MB} MB $(awk -v m="$med_mb" -v t="$TARGET_MB" 'BEGIN {print (m < t) ? "met" : "MISSED"}')"
  done
  echo "raw figures: $CSV"
}

if [ "${SUMMARY_ONLY:-0}" = 1 ]; then summary; exit 0; fi

# --- Publish once ---------------------------------------------------------------------------------
if [ "${SKIP_PUBLISH:-0}" != 1 ]; then
  rm -rf "$PUBLISH"
  echo "publishing to $PUBLISH ${PUBLISH_ARGS:+($PUBLISH_ARGS)}" >&2
  dotnet publish src/RightHand -c Release -o "$PUBLISH" "${publish_args[@]}" >"$WORK/publish.log" 2>&1 \
    || { tail -20 "$WORK/publish.log" >&2; exit 1; }
fi
[ -x "$PUBLISH/righthand" ] || { echo "no $PUBLISH/righthand" >&2; exit 1; }

# Refuse to measure against something else already listening on the port.
if curl -s -o /dev/null --max-time 1 "$URL/health"; then
  echo "something already answers on $URL; pick another PORT" >&2; exit 1
fi

app_pid=""
stop_app() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  app_pid=""
}
trap stop_app EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# One start: sets RESULT="ms cpu_ms rss_kb hwm_kb". $1 = data folder, $2 = log file.
# (Runs in this shell, not in $(...), so the EXIT trap can always stop the app.)
RESULT=""
measure_start() {
  local data="$1" log="$2" t0 t1 code deadline cpu rss hwm
  t0=$(now_ms)
  env RIGHTHAND_DATA_DIR="$data" "${run_env[@]}" "$PUBLISH/righthand" --urls "$URL" >"$log" 2>&1 &
  app_pid=$!
  deadline=$(( t0 + 60000 ))                       # give up after 60 s
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$URL/health" 2>/dev/null || true)
    [ "$code" = 200 ] && break
    if ! kill -0 "$app_pid" 2>/dev/null; then echo "app exited; see $log" >&2; exit 1; fi
    if [ "$(now_ms)" -gt "$deadline" ]; then echo "no 200 from /health within 60 s; see $log" >&2; exit 1; fi
    sleep 0.01
  done
  t1=$(now_ms)
  # Fields 14 and 15 of /proc/<pid>/stat: user and system time (the name, field 2, has no spaces here).
  cpu=$(awk -v tick="$TICK_MS" '{print ($14 + $15) * tick}' "/proc/$app_pid/stat")
  sleep 1                                          # memory once the first request has been served
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$app_pid/status")
  hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$app_pid/status")
  stop_app
  RESULT="$(( t1 - t0 )) $cpu $rss $hwm"
}

if [ "${APPEND:-0}" != 1 ] || [ ! -f "$CSV" ]; then
  echo "kind,run,ms,cpu_ms,rss_kb,hwm_kb,load1" >"$CSV"
  rm -rf "$WORK/data-warm"
fi

run_series() {   # $1 = cold|warm
  local kind="$1" i data result load
  local warm_dir="$WORK/data-warm"
  if [ "$kind" = warm ] && [ ! -f "$warm_dir/righthand.db" ]; then
    # Migrate once (one start, not counted); every counted start then reuses the folder.
    rm -rf "$warm_dir"; mkdir -p "$warm_dir"
    measure_start "$warm_dir" "$WORK/warm-prepare.log"
  fi
  for i in $(seq 1 "$RUNS"); do
    if [ "$kind" = cold ]; then
      data="$WORK/data-cold"; rm -rf "$data"; mkdir -p "$data"
    else
      data="$warm_dir"
    fi
    load=$(cut -d' ' -f1 /proc/loadavg)
    measure_start "$data" "$WORK/$kind-$i.log"; result="$RESULT"
    echo "$kind,$i,${result// /,},$load" >>"$CSV"
    echo "  $LABEL $kind run $i: $result (ms cpu_ms rss_kb hwm_kb), load $load" >&2
  done
}

for kind in $KINDS; do run_series "$kind"; done
summary
