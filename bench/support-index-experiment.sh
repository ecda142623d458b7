# Sourced by bench/support-floor.sh after the floor (PostgreSQL; INDEX_EXPERIMENT=1 runs it — off by default since the index is
# migration 0027, widened by 0030): the list pages twice more,
# without and then with one more index made on the live cluster, to see whether that index is worth a migration. Each run
# also counts the CPU time the app and the PostgreSQL backends spent per request, which does not depend on how busy the
# machine is with other work (wrk's latencies do). The index holds only the tickets the views show (not solved, closed or
# merged: about 3 % at a million) in the lists' order and carries the columns the tab counts filter on:
#   CREATE INDEX … ON tickets (last_activity_at, number) INCLUDE (state, assignee_id, first_responded_at,
#       first_response_due_at, resolution_due_at) WHERE merged_into_id IS NULL AND state NOT IN (5, 6)
# Writes $WORK/index-$LABEL.txt (the table), http-$LABEL-{noindex,index}.txt (wrk) and explain-$LABEL-index.txt.

# CPU seconds (user + system) of the app, and of the cluster's server processes (the pooled backends live on).
cpu_app() { awk '{ printf "%.2f", ($14 + $15) / 100 }' "/proc/$app_pid/stat"; }
cpu_pg() {
  local postmaster; postmaster=$(head -1 "$PG_ROOT/data/postmaster.pid")
  for p in $(ps -o pid= --ppid "$postmaster"); do cat "/proc/$p/stat" 2>/dev/null; done | awk '{ s += $14 + $15 } END { printf "%.2f", s / 100 }'
}

index_pages() {
  local suffix="$1" path app0 pg0 app1 pg1
  for path in $AUTH_PAGES; do
    case "$path" in /support/tickets/*) continue ;; esac
    wrk -t"$THREADS" -c4 -d"$WARMUP" -H "Cookie: $cookie" "$URL$path" >/dev/null
    echo "## GET $path  (load1 $(cut -d' ' -f1 /proc/loadavg))"
    app0=$(cpu_app); pg0=$(cpu_pg)
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" ${WRK_TIMEOUT:+--timeout "$WRK_TIMEOUT"} --latency -s bench/percentiles.lua -H "Cookie: $cookie" "$URL$path"
    app1=$(cpu_app); pg1=$(cpu_pg)
    echo "cpu: app $(echo "$app1 - $app0" | bc) s, postgres $(echo "$pg1 - $pg0" | bc) s"
  done > "$WORK/http-$LABEL-$suffix.txt" 2>&1
  # percentiles.lua prints p95 last, after wrk's own report; CPU per request in ms from the requests wrk counted.
  awk -v run="$suffix" '/^## GET/ { path = $3; load = $5 } $1 == "50%" { p50 = $2 } /^Requests\/sec:/ { rps = $2 }
       / requests in / { n = $1 } $1 == "p95:" { p95 = $2 }
       $1 == "cpu:" { printf "%-8s %-60s %10s %10s %8s %10.1f %10.1f %s\n", run, path, p50, p95, rps, n ? $3 * 1000 / n : 0, n ? $6 * 1000 / n : 0, load }' \
    "$WORK/http-$LABEL-$suffix.txt"
}

if [ "${INDEX_EXPERIMENT:-0}" = 1 ]; then
  {
    printf "%-8s %-60s %10s %10s %8s %10s %10s %s\n" run page p50 p95 req/s "app ms/req" "pg ms/req" "(load1)"
    index_pages noindex
    floor_psql -c "CREATE INDEX ix_tickets_open_last_activity_at_number ON tickets (last_activity_at, number)
        INCLUDE (state, assignee_id, first_responded_at, first_response_due_at, resolution_due_at)
        WHERE merged_into_id IS NULL AND state NOT IN (5, 6)" -c "VACUUM ANALYZE tickets"
    index_pages index
  } | tee "$WORK/index-$LABEL.txt" >&2
  # The pages' own count and rows with the index: the last lines but two and one of each floor script.
  for path in $AUTH_PAGES; do
    case "$path" in /support/tickets/*) continue ;; esac
    name=$(echo "$path" | sed 's|^/support||; s|[^A-Za-z0-9]\+|-|g; s|^-||; s|-$||'); name="${name:-all}"
    echo "### $name"
    for line in 3 2; do
      tail -"$line" "$floor_dir/$name.sql" | head -1 | sed 's/;$//' | { read -r sql; floor_psql -c "EXPLAIN (ANALYZE, BUFFERS) $sql"; }
    done
  done > "$WORK/explain-$LABEL-index.txt" 2>&1
fi
