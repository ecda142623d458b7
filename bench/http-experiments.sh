#!/usr/bin/env bash
# bench/http-load.sh several times for a few runtime/configuration variants, interleaved (round 1:
# every variant once, round 2: again …) so that the machine's drift hits every variant alike.
# Prints, per variant and path, the median over the rounds of p50, p99 and requests/s, and the
# median RSS after the load.
#
# Usage: bench/http-experiments.sh [ROUNDS]    (default 3; each http-load.sh run takes about 2 minutes)
# Needs $WORK/publish (made by bench/cold-start.sh or bench/http-load.sh).
set -euo pipefail

cd "$(dirname "$(readlink -f "$0")")/.."
ROUNDS="${1:-3}"
export WORK="${WORK:-/tmp/righthand-bench}"

variants=(
  "default|"
  "log-warning|Logging__LogLevel__Microsoft.AspNetCore=Warning"     # no per-request log lines
  "workstation-gc|DOTNET_gcServer=0"
)

for round in $(seq 1 "$ROUNDS"); do
  for v in "${variants[@]}"; do
    IFS='|' read -r label env <<<"$v"
    echo "round $round: $label" >&2
    LABEL="$label-$round" RUN_ENV="$env" SKIP_PUBLISH=1 bench/http-load.sh >/dev/null 2>&1 \
      || echo "  failed: see $WORK/http-app.log" >&2
  done
done

# Medians over the rounds. wrk prints latencies with units (us, ms, s); they are turned into ms.
for v in "${variants[@]}"; do
  IFS='|' read -r label env <<<"$v"
  echo
  echo "$label${env:+ ($env)}: median of $ROUNDS runs of wrk -t2 -c16 -d30s"
  cat "$WORK"/http-"$label"-*.txt | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    function median(list,   a, n, i, j, t) {
      n = split(list, a, " ")
      for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
      return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    /^## GET/ { path = $3; if (!(path in seen)) { seen[path]; order[++n] = path } }
    $1 == "50%" { p50[path] = p50[path] " " ms($2) }
    $1 == "99%" { p99[path] = p99[path] " " ms($2) }
    /^Requests\/sec:/ { rps[path] = rps[path] " " $2 }
    /^## app RSS/ { rss = rss " " $7 / 1024 }
    END {
      printf "  %-14s %10s %10s %10s\n", "path", "p50 ms", "p99 ms", "req/s"
      for (i = 1; i <= n; i++) { p = order[i]; printf "  %-14s %10.2f %10.1f %10.0f\n", p, median(p50[p]), median(p99[p]), median(rps[p]) }
      printf "  RSS after the load: %.0f MB (median)\n", median(rss)
    }'
done
