#!/usr/bin/env bash
# The approval queue and the task list with 10,000 open items each (issue 3): p50/p95/p99 under wrk.
# Seeds with bench/seed-delegation.sql and measures, as the signed-in owner,
#   /delegation/approvals          the queue (20 items a page, with previews, the diff query and the count)
#   /delegation/tasks?view=all     every open task (50 a page, sorted by deadline)
#   /delegation/tasks?view=overdue the overdue ones
# Usage: bench/delegation-lists.sh   (same environment variables as bench/http-load.sh)
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
LABEL="${LABEL:-delegation-10k}" SEED_SQL=bench/seed-delegation.sql ANON_PAGES="" \
  AUTH_PAGES="/delegation/approvals /delegation/tasks?view=all /delegation/tasks?view=overdue" exec bench/http-load.sh
