# Sourced by bench/support-views.sh on SQLite (through http-load.sh's AFTER_LOAD), after the load: the app's CPU time
# (user + system; SQLite runs inside the app) per request for each page, one request at a time (CPU_REQUESTS of them,
# default 10, after two unmeasured). Unlike wrk's latencies it hardly depends on what else the machine is doing; on an
# otherwise idle 2-core machine the app serves at most about 2,000 / (ms per request) requests a second.
# Writes $WORK/cpu-$LABEL.txt.
{
  printf "%-60s %12s %12s  %s\n" page "app ms/req" "wall ms/req" "(load1)"
  for path in $AUTH_PAGES; do
    for _ in 1 2; do curl -s -o /dev/null -H "Cookie: $cookie" "$URL$path"; done
    cpu0=$(awk '{ print $14 + $15 }' "/proc/$app_pid/stat"); wall0=$(date +%s%N)
    for _ in $(seq 1 "${CPU_REQUESTS:-10}"); do curl -s -o /dev/null -H "Cookie: $cookie" "$URL$path"; done
    cpu1=$(awk '{ print $14 + $15 }' "/proc/$app_pid/stat"); wall1=$(date +%s%N)
    printf "%-60s %12.1f %12.1f  (%s)\n" "$path" "$(echo "($cpu1 - $cpu0) * 10 / ${CPU_REQUESTS:-10}" | bc -l)" \
      "$(echo "($wall1 - $wall0) / 1000000 / ${CPU_REQUESTS:-10}" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)"
  done
} | tee "$WORK/cpu-$LABEL.txt" >&2
