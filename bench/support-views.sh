#!/usr/bin/env bash
# The support desk at 1,000,000 tickets and 5,000,000 messages under wrk (issue 5: view lists and the ticket page p95 under
# 100 ms, full-text search p95 under 300 ms, with 32 connections on this 2-core machine). Seeds with
# bench/seed-tickets-postgres.sql (ENGINE=postgres, the default) or bench/seed-tickets-sqlite.sh (ENGINE=sqlite, 200,000
# tickets) and measures, as the signed-in owner,
#   /support?view=mine|unassigned|it|owner|sla   the five working views (the owner has 30 % of the open tickets)
#   /support                                     "all": every ticket not solved or closed, by last activity
#   /support?priority=high&category=…&sort=created   filtered and sorted
#   /support?page=2                              page 2, as "next" links it
#   /support/tickets/N                           a ticket with 400 messages, and a typical one (2 to 8)
#   /support?q=Rechnung                          full text: a common German word (368,000 of the 5,000,000 messages)
#   /support?q=Rechnung&state=closed             the same among the closed tickets (the old 97 %)
#   /support?q=refunds                           an English word found by its stem ("refund", "refunded"; 472,000 messages)
#   /support?q=Zahnradbahn                       a rare word (110 messages, 2 on open tickets)
#   /support?q=%23N                              a ticket number
# Then, on PostgreSQL, bench/support-floor.sh runs the SQL each page sends through pgbench with as many clients (the floor),
# prints the ratio app / floor, and bench/support-index-experiment.sh measures the list pages without and with the
# open-tickets index as it was first tried (INDEX_EXPERIMENT=1; the index is migration 0027 now); on SQLite bench/support-cpu.sh prints the app's CPU time per
# request. Every run is bounded (wrk -d, pgbench -T); WRK_TIMEOUT=10s keeps slow pages in the percentiles.
# Usage: bench/support-views.sh   (environment as for bench/http-load.sh; SEED_TICKETS=20000 for a quick check)
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
engine="${ENGINE:-postgres}"
if [ "$engine" = postgres ]; then
  n="${SEED_TICKETS:-1000000}"; seed="${SEED_SQL:-bench/seed-tickets-postgres.sql}"; after=bench/support-floor.sh
else
  n="${SEED_TICKETS:-200000}"; after=bench/support-cpu.sh
  . bench/seed-tickets-sqlite.sh
  seed="${SEED_SQL:-$(seed_tickets_sqlite "$n" "${WORK:-/tmp/righthand-bench}")}"
fi
export SEED_TICKETS="$n"
long=$((10000 + n - 100)); typical=$((10000 + n - 1234)); someone=$((10000 + n / 3))
billing=00000000-0000-7000-8000-0000000000c2
LABEL="${LABEL:-support-$engine-$n}" ENGINE="$engine" SEED_SQL="$seed" AFTER_LOAD="${AFTER_LOAD-$after}" ANON_PAGES="" \
  CONNECTIONS="${CONNECTIONS:-32}" \
  AUTH_PAGES="/support?view=mine /support?view=unassigned /support?view=it /support?view=owner /support?view=sla /support \
/support?priority=high&category=$billing&sort=created /support?page=2 /support/tickets/$long /support/tickets/$typical \
/support?q=Rechnung /support?q=Rechnung&state=closed /support?q=refunds /support?q=Zahnradbahn /support?q=%23$someone" \
  exec bench/http-load.sh
