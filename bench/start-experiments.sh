#!/usr/bin/env bash
# Cheap start-up / memory experiments: the same app under runtime settings that need no code change
# (environment variables), and a ReadyToRun publish. Shared machines drift (other builds come and
# go), so the variants are interleaved: each round starts every variant once cold and once warm, in
# turn, and the summaries are taken over all rounds. Compare medians, wall time and CPU time alike.
#
# Usage: bench/start-experiments.sh [ROUNDS]   (default 8; loopback only; stops by itself)
# Writes $WORK/exp-<label>.csv per variant and prints every summary at the end.
set -euo pipefail

cd "$(dirname "$(readlink -f "$0")")/.."
ROUNDS="${1:-8}"
WORK="${WORK:-/tmp/righthand-bench}"
export PORT="${PORT:-5191}"

# label | environment for the app | WORK folder (a separate one for a differently published app)
variants=(
  "default||$WORK"
  "workstation-gc|DOTNET_gcServer=0|$WORK"                          # one GC heap instead of one per core
  "workstation-nonconcurrent|DOTNET_gcServer=0 DOTNET_gcConcurrent=0|$WORK"  # ... and no background GC
  "server-gc-conserve|DOTNET_GCConserveMemory=5|$WORK"               # server GC, compacts more eagerly
  "tiered-pgo-off|DOTNET_TieredPGO=0|$WORK"                          # no instrumented tier-0 code
  "log-warning|Logging__LogLevel__Default=Warning|$WORK"             # no Information log lines
  "ready-to-run||$WORK/r2r"                                          # our + NuGet assemblies precompiled
  "ready-to-run+workstation-gc|DOTNET_gcServer=0|$WORK/r2r"
)

# Publish both builds once: the default, and ReadyToRun (needs the linux-x64 runtime pack from NuGet;
# the framework itself is already ReadyToRun).
echo "publishing (default and ReadyToRun)" >&2
LABEL=publish-default WORK="$WORK" KINDS="" bench/cold-start.sh 0 >/dev/null
LABEL=publish-r2r WORK="$WORK/r2r" KINDS="" PUBLISH_ARGS="-p:PublishReadyToRun=true -r linux-x64 --self-contained false" \
  bench/cold-start.sh 0 >/dev/null

for v in "${variants[@]}"; do IFS='|' read -r label _ work <<<"$v"; rm -f "$work/exp-$label.csv"; done
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round of $ROUNDS" >&2
  for v in "${variants[@]}"; do
    IFS='|' read -r label env work <<<"$v"
    LABEL="exp-$label" RUN_ENV="$env" WORK="$work" SKIP_PUBLISH=1 APPEND=1 bench/cold-start.sh 1 >/dev/null 2>&1
  done
done

for v in "${variants[@]}"; do
  IFS='|' read -r label env work <<<"$v"
  LABEL="exp-$label" RUN_ENV="$env" WORK="$work" SUMMARY_ONLY=1 bench/cold-start.sh | sed -n '2,$p'
done
