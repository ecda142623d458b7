# Sourced by bench/support-views.sh and bench/mail-ingest.sh: seed_tickets_sqlite N WORK writes the script http-load.sh
# feeds to sqlite3 (the ticket count in front of bench/seed-tickets-sqlite.sql, then the search table filled through
# bench/sqlite-exec.py with the app's own SQLite, as the CLI's is too old for it) and prints its path.
seed_tickets_sqlite() {
  local n="$1" work="$2" file="$2/seed-tickets-sqlite-$1.sql"
  mkdir -p "$work"
  { echo "CREATE TEMP TABLE bench_n AS SELECT $n AS n;"
    cat bench/seed-tickets-sqlite.sql
    echo ".shell python3 bench/sqlite-exec.py '$work/publish/runtimes/linux-x64/native/libe_sqlite3.so' '$work/data-http/righthand.db' bench/seed-tickets-sqlite-search.sql"
  } > "$file"
  echo "$file"
}
