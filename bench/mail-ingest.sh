#!/usr/bin/env bash
# Mail ingestion through the API (issue 5): messages per second that POST /api/v1/inbound-mail takes onto the desk,
# with 4 and with 16 senders at once. The app runs on a desk seeded with SEED_TICKETS tickets (default 20,000; the
# seeders of bench/support-views.sh), a token scoped to support.inbound is made with `righthand tokens create`, and
# MESSAGES mails per concurrency level (default 10,000, a fresh set each) are posted. The mix:
#   55 %  a new request (German or English, from a member's address or an unknown one): opens a ticket
#   25 %  the requester's reply to a seeded mail ticket, threaded by In-Reply-To/References
#   10 %  a reply with "[#number]" in the subject from the requester's address and no threading headers
#   10 %  a new request with an attachment (a 20–120 kB PDF-like file, base64), some as multipart/alternative with HTML
# Each answer's outcome is counted; anything but 200 counts as an error.
# Usage: bench/mail-ingest.sh   (ENGINE=postgres|sqlite; environment as for bench/http-load.sh; CONCURRENCY="4 16")
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
engine="${ENGINE:-sqlite}"
export MESSAGES="${MESSAGES:-10000}" CONCURRENCY="${CONCURRENCY:-4 16}"
export SEED_TICKETS="${SEED_TICKETS:-20000}"
work="${WORK:-/tmp/righthand-bench}"
if [ "$engine" = postgres ]; then
  seed=bench/seed-tickets-postgres.sql
else
  . bench/seed-tickets-sqlite.sh
  seed=$(seed_tickets_sqlite "$SEED_TICKETS" "$work")
fi
LABEL="${LABEL:-mail-ingest-$engine}" ENGINE="$engine" SEED_SQL="$seed" ANON_PAGES="" AUTH_PAGES="" AFTER_LOAD=bench/mail-ingest-run.sh \
  exec bench/http-load.sh
