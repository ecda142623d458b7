# Sourced by bench/support-views.sh (through http-load.sh's AFTER_LOAD) on PostgreSQL, while the seeded cluster still
# runs: the floor under each measured page, i.e. the SQL the page sends (taken from the server log with
# log_min_duration_statement = 0; the app's values written in as literals), run by pgbench with as many clients as wrk
# had connections for as long. What the floor leaves out is the app's own share: HTTP, the cookie check, EF, rendering.
# Also writes EXPLAIN (ANALYZE, BUFFERS) of every page's count and rows to $WORK/explain-$LABEL.txt.
# Needs from http-load.sh: PG_BIN, PG_PORT, WORK, LABEL, CONNECTIONS, DURATION, AUTH_PAGES, and $out (wrk's output).

# The app's connections run without parallel workers (Platform/Database/DatabaseSetup.cs); so do the floor's.
export PGOPTIONS="-c max_parallel_workers_per_gather=0 -c jit=off"
floor_psql() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U rh -d bench -v ON_ERROR_STOP=1 -qAt "$@"; }
floor_owner=$(floor_psql -c "SELECT id FROM people WHERE role = 'Owner' ORDER BY created_at LIMIT 1")
floor_dir="$WORK/floor-$LABEL"; rm -rf "$floor_dir"; mkdir -p "$floor_dir"
floor_cols="t.id, t.number, t.subject, t.requester_name, t.requester_email, t.state, t.priority, t.category_id, t.assignee_id, t.last_activity_at"
floor_open="t.merged_into_id IS NULL AND t.state NOT IN (5, 6)"
floor_soon="now() + interval '2 hours'"
floor_sla="t.state NOT IN (5, 6, 2) AND ((t.first_responded_at IS NULL AND t.first_response_due_at <= $floor_soon) OR t.resolution_due_at <= $floor_soon)"
# A search's words are common or rare by the planner's statistics (TicketSearch.IsRareAsync: an EXPLAIN and the table's size,
# kept by the app for 10 minutes per search text, so not part of a page's statements): a common word is asked per ticket
# (its subject or one of its messages matches), a rare one collected from the indexes.
floor_fts_q() { echo "(websearch_to_tsquery('german', '$1') || websearch_to_tsquery('english', '$1'))"; }
floor_explain_sql() { echo "EXPLAIN (FORMAT JSON) SELECT 1 FROM ticket_messages WHERE search @@ $(floor_fts_q "$1");"; }
floor_reltuples_sql="SELECT reltuples::float8 FROM pg_class WHERE oid = 'ticket_messages'::regclass;"
floor_is_rare() {
  local expected messages
  expected=$(floor_psql -c "$(floor_explain_sql "$1")" | grep -o '"Plan Rows": [0-9.e+]*' | head -1 | sed 's/.*: //')
  messages=$(floor_psql -c "$floor_reltuples_sql")
  awk -v e="$expected" -v m="$messages" 'BEGIN { exit !(m > 0 && e <= 0.015 * m) }'
}
floor_fts() { local q; q=$(floor_fts_q "$1")
  if floor_is_rare "$1"; then
    echo "t.id IN (SELECT m.ticket_id FROM ticket_messages AS m WHERE m.search @@ $q UNION ALL SELECT x.id FROM tickets AS x WHERE x.search @@ $q)"
  else
    echo "(t.search @@ $q OR EXISTS (SELECT 1 FROM ticket_messages AS m WHERE m.ticket_id = t.id AND m.search @@ $q))"
  fi; }
floor_count() { echo "SELECT count(*)::int FROM (SELECT 1 FROM tickets AS t WHERE $1 LIMIT ${2:-1001}) AS t0;"; }
floor_session=$(floor_psql -c "SELECT id FROM user_sessions WHERE person_id = '$floor_owner' AND ended_at IS NULL ORDER BY created_at DESC LIMIT 1")

# What every page sends first: the session check; a list page then reads the person's saved views. The tab counts,
# categories and staff names are kept by the app (TicketViewCounts, SupportDirectory) and read again every 10 s / 1 min
# at most, so they are not part of a page's floor.
floor_session_sql="SELECT u.ended_at, u.last_seen_at, p.revoked_at, p.role, p.two_factor_enabled, p.name FROM user_sessions AS u JOIN people AS p ON u.person_id = p.id WHERE u.id = '$floor_session' LIMIT 1;"
floor_common() {
  echo "$floor_session_sql"
  echo "SELECT s.id, s.created_at, s.name, s.person_id, s.query FROM saved_ticket_views AS s WHERE s.person_id = '$floor_owner' ORDER BY s.name;"
}

# floor_list NAME WHERE [ORDER] [OFFSET] [COUNT LIMIT] [IDS FIRST]: a list page's script, and its own statements under EXPLAIN.
# COUNT LIMIT is the cap + 1 (0: a plain view, whose count is its kept tab). Where the page lies within the cap, the app
# walks the first cap + 1 ids once for page and count and reads the page's rows by id (TicketFilter.ReadAsync); otherwise
# it reads the page (ids first where IDS FIRST is set: TicketFilter.PageOf) and counts only when that page is full.
floor_list() {
  local order="${3:-t.last_activity_at DESC, t.number DESC}" offset="${4:-0}" limit="${5:-1001}" rows shown walk ids
  if [ "$limit" != 0 ] && [ $((offset + 50)) -le $((limit - 1)) ]; then
    walk="SELECT t.id FROM tickets AS t WHERE $2 ORDER BY $order LIMIT $limit;"
    ids=$(floor_psql -c "${walk%;}" | sed -n "$((offset + 1)),$((offset + 51))p" | sed "s/.*/'&'/" | paste -sd, -)
    rows="SELECT $floor_cols FROM tickets AS t WHERE t.id = ANY (ARRAY[$ids]::uuid[]) ORDER BY $order;"
    { floor_common; echo "$walk"; if [ -n "$ids" ]; then echo "$rows"; fi; } | tr '\n' ' ' | sed 's/; /;\n/g' > "$floor_dir/$1.sql"
    # No ids (a number among the solved or closed tickets): the app reads no rows either.
    { echo "### $1"; floor_psql -c "EXPLAIN (ANALYZE, BUFFERS) ${walk%;}"; if [ -n "$ids" ]; then floor_psql -c "EXPLAIN (ANALYZE, BUFFERS) ${rows%;}"; fi
    } >> "$WORK/explain-$LABEL.txt" 2>&1
    return
  fi
  rows="SELECT $floor_cols FROM tickets AS t WHERE $2 ORDER BY $order LIMIT 51 OFFSET $offset;"
  shown=$(floor_psql -c "SELECT count(*) FROM (${rows%;}) AS r")
  [ -n "${6:-}" ] && rows="SELECT $floor_cols FROM tickets AS t WHERE t.id IN (SELECT t.id FROM tickets AS t WHERE $2 ORDER BY $order LIMIT 51 OFFSET $offset) ORDER BY $order;"
  { floor_common; echo "$rows"; if [ "$limit" != 0 ] && { [ "$shown" -gt 50 ] || { [ "$shown" = 0 ] && [ "$offset" != 0 ]; }; }; then floor_count "$2" "$limit"; fi
  } | tr '\n' ' ' | sed 's/; /;\n/g' > "$floor_dir/$1.sql"
  { echo "### $1"; floor_psql -c "EXPLAIN (ANALYZE, BUFFERS) $(floor_count "$2" "$([ "$limit" = 0 ] && echo 1001 || echo "$limit")" | sed 's/;$//')"
    floor_psql -c "EXPLAIN (ANALYZE, BUFFERS) ${rows%;}"; } >> "$WORK/explain-$LABEL.txt" 2>&1
}

# floor_ticket NAME NUMBER: the ticket page's statements as the server log shows them (log_min_duration_statement = 0):
# the ticket with what else it has (message count, member number, whether it has tags, attachments, escalations and
# related tickets, and the reply check's count), its conversation (a long one: the first and the 59 latest messages), and only
# then the tags, attachments, escalations and relatives it has. Authors, categories and macros are kept by the app.
floor_ticket() {
  local id count tags files escalations near
  read -r id count tags files escalations near <<<"$(floor_psql -F' ' -c "SELECT t.id, (SELECT count(*) FROM ticket_messages m WHERE m.ticket_id = t.id),
    EXISTS (SELECT 1 FROM ticket_tags x WHERE x.ticket_id = t.id), EXISTS (SELECT 1 FROM ticket_messages m JOIN ticket_attachments a ON a.message_id = m.id WHERE m.ticket_id = t.id),
    EXISTS (SELECT 1 FROM escalations e WHERE e.ticket_id = t.id), EXISTS (SELECT 1 FROM tickets x WHERE x.merged_into_id = t.id OR x.parent_id = t.id)
    FROM tickets t WHERE t.number = $2")"
  local messages="SELECT t.id, t.ticket_id, t.kind, t.author_person_id, t.author_member_id, t.requester_member_id, t.from_address, t.from_name, t.body, t.created_at, t.mail_message_id, t.channel FROM ticket_messages AS t WHERE t.ticket_id = '$id'"
  {
    echo "$floor_session_sql"
    echo "SELECT t.*, (SELECT count(*)::int FROM ticket_messages AS m WHERE m.ticket_id = t.id),
  (SELECT count(*)::int FROM ticket_messages AS m WHERE m.ticket_id = t.id AND (m.kind = 0 OR (m.kind = 1 AND (m.author_person_id <> '$floor_owner' OR m.author_person_id IS NULL)))),
  (SELECT m.number FROM members AS m WHERE m.id = t.requester_member_id LIMIT 1),
  EXISTS (SELECT 1 FROM ticket_tags AS x WHERE x.ticket_id = t.id),
  EXISTS (SELECT 1 FROM ticket_messages AS m WHERE m.ticket_id = t.id AND EXISTS (SELECT 1 FROM ticket_attachments AS a WHERE a.message_id = m.id)),
  EXISTS (SELECT 1 FROM escalations AS e WHERE e.ticket_id = t.id),
  EXISTS (SELECT 1 FROM tickets AS x WHERE x.merged_into_id = t.id) OR EXISTS (SELECT 1 FROM tickets AS x WHERE x.parent_id = t.id)
FROM tickets AS t WHERE t.number = $2 LIMIT 1;"
    if [ "$count" -le 60 ]; then
      echo "$messages ORDER BY t.created_at;"
    else
      echo "$messages AND t.id = ANY (ARRAY((SELECT id FROM ticket_messages WHERE ticket_id = '$id' ORDER BY created_at LIMIT 1) UNION ALL (SELECT id FROM ticket_messages WHERE ticket_id = '$id' ORDER BY created_at DESC LIMIT 59))) ORDER BY t.created_at;"
    fi
    [ "$files" = t ] && echo "SELECT t.id, t.content_type, t.file_name, t.message_id, t.sha256, t.size FROM ticket_attachments AS t WHERE t.message_id = ANY (ARRAY(SELECT id FROM ticket_messages WHERE ticket_id = '$id')) ORDER BY t.file_name;"
    [ "$tags" = t ] && echo "SELECT t.tag FROM ticket_tags AS t WHERE t.ticket_id = '$id' ORDER BY t.tag;"
    [ "$escalations" = t ] && echo "SELECT e.* FROM escalations AS e WHERE e.ticket_id = '$id';"
    [ "$near" = t ] && echo "SELECT t.merged_into_id, t.parent_id, $floor_cols FROM tickets AS t WHERE t.merged_into_id = '$id' OR t.parent_id = '$id' ORDER BY t.number;"
    true
  } > "$floor_dir/$1.sql"
}

: > "$WORK/explain-$LABEL.txt"
for path in $AUTH_PAGES; do
  name=$(echo "$path" | sed 's|^/support||; s|[^A-Za-z0-9]\+|-|g; s|^-||; s|-$||'); name="${name:-all}"
  query="${path#*\?}"; [ "$query" = "$path" ] && query=""
  param() { echo "$query" | tr '&' '\n' | sed -n "s/^$1=//p" | head -1; }
  case "$path" in
    /support/tickets/*) floor_ticket "$name" "${path##*/}"; continue ;;
  esac
  view=$(param view); q=$(param q | sed 's/%23/#/'); state=$(param state); page=$(param page)
  where="$floor_open"
  [ "$state" = closed ] && where="t.merged_into_id IS NULL AND t.state = 6"
  case "$view" in
    mine) where="$where AND t.assignee_id = '$floor_owner'" ;;
    unassigned) where="$where AND t.assignee_id IS NULL" ;;
    it) where="$where AND t.state = 3" ;;
    owner) where="$where AND t.state = 4" ;;
    sla) where="$where AND $floor_sla" ;;
  esac
  if [ -n "$q" ]; then
    if [[ "$q" =~ ^#?[0-9]+$ ]]; then where="$where AND t.number = ${q#\#}"; else where="$where AND $(floor_fts "$q")"; fi
  fi
  [ -n "$(param priority)" ] && where="$where AND t.priority = 2"
  [ -n "$(param category)" ] && where="$where AND t.category_id = '$(param category)'"
  order="t.last_activity_at DESC, t.number DESC"; [ "$(param sort)" = created ] && order="t.created_at DESC, t.number DESC"
  limit=1001; [ -n "$q" ] && limit=101
  # A view without further filters takes its count from its (kept) tab: no count statement.
  [ -z "$q$state$(param priority)$(param category)" ] && limit=0
  ids_first=""; [ "$limit" != 0 ] && ! [[ "$q" =~ ^#?[0-9]+$ ]] && ids_first=1
  floor_list "$name" "$where" "$order" $(( (${page:-1} - 1) * 50 )) "$limit" "$ids_first"
done

# Each script under pgbench: same clients and duration as wrk; p95 from the per-transaction log. Prepared, as the app's
# frequent statements are (Max Auto Prepare, Platform/Database/DatabaseSetup.cs).
{
  echo "## floor: pgbench -c$CONNECTIONS -j2 -T${DURATION%s} per page (load1 $(cut -d' ' -f1 /proc/loadavg))"
  printf "%-60s %10s %10s %10s %10s %10s %8s\n" page floor-mean floor-p95 app-p95 ratio-p95 tps ""
  for path in $AUTH_PAGES; do
    name=$(echo "$path" | sed 's|^/support||; s|[^A-Za-z0-9]\+|-|g; s|^-||; s|-$||'); name="${name:-all}"
    rm -f "$floor_dir"/pgbench_log.*
    (cd "$floor_dir" && "$PG_BIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U rh -n -M prepared -c "$CONNECTIONS" -j 2 -T "${DURATION%s}" -l -f "$name.sql" bench \
      > "$name.pgbench" 2>&1) || { echo "$name: pgbench failed, see $floor_dir/$name.pgbench"; continue; }
    stats=$(cat "$floor_dir"/pgbench_log.* | awk '{print $3}' | sort -n | awk '{a[NR]=$1; s+=$1} END {i=int(NR*0.95); if (i<1) i=1; printf "%.2f %.2f %d", s/NR/1000, a[i]/1000, NR}')
    mean=${stats%% *}; rest=${stats#* }; p95=${rest%% *}
    tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$floor_dir/$name.pgbench" | head -1)
    app=$(awk -v p="$path" '$1 == "##" && $2 == "GET" { cur = $3 } $1 == "p95:" && cur == p { sub("ms", "", $2); print $2 }' "$out")
    ratio=$(awk -v a="$app" -v f="$p95" 'BEGIN { if (f > 0 && a != "") printf "%.1f", a / f; else print "-" }')
    printf "%-60s %8s ms %8s ms %8s ms %10s %10s\n" "$path" "$mean" "$p95" "${app:--}" "$ratio" "$tps"
  done
} | tee "$WORK/floor-$LABEL.txt" >&2
. bench/support-index-experiment.sh
