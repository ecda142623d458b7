#!/usr/bin/env bash
# The member list at 1,000,000 members on PostgreSQL under wrk (issue 4: p95 under 50 ms on this 2-core machine).
# Seeds with bench/seed-members-postgres.sql and measures, as the signed-in owner,
#   /members                                  the first page by number, with the total count
#   /members?q=schmidt                        a name search (anywhere in the name: the trigram index)
#   /members?q=M-10777                        a member number from its start
#   /members?q=lena.koch                      an e-mail address from its start
#   /members?status=active&plan=…&sort=name   status and plan filters sorted by name
#   /members?tag=VIP&page=20                  a tag filter, page 20 typed in (offset: skips 950 matches)
#   /members?tag=VIP&page=20&after=29000      the same page reached with "next" (starts behind the last member of page 19)
#   /members?field=…&value=Nord&status=paused a custom field value and a status
#   /members?tag=VIP&sort=name                a frequent tag in name order (its members sort late: a walk along the names misses)
#   /members?tag=VIP&sort=status              the same tag in status order
#   /members?plan=…&sort=status               a plan in status order
# Usage: bench/member-list.sh   (same environment variables as bench/http-load.sh)
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
plus=00000000-0000-7000-8000-000000000002
region=00000000-0000-7000-8000-0000000000f1
LABEL="${LABEL:-members-1m-postgres}" ENGINE=postgres SEED_SQL=bench/seed-members-postgres.sql ANON_PAGES="" \
  AUTH_PAGES="/members /members?q=schmidt /members?q=M-10777 /members?q=lena.koch /members?status=active&plan=$plus&sort=name /members?tag=VIP&page=20 /members?tag=VIP&page=20&after=29000 /members?field=$region&value=Nord&status=paused /members?tag=VIP&sort=name /members?tag=VIP&sort=status /members?plan=$plus&sort=status" \
  exec bench/http-load.sh
