#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a test verdict: install what is missing, build once,
# run every test project. The last line of output is the summary "N passed, N failed[, N skipped]";
# the exit status is non-zero if anything failed or no test ran at all. Needs no stdin (CI=true).
set -euo pipefail

cd "$(dirname "$(readlink -f "$0")")"

export DEBIAN_FRONTEND=noninteractive
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# apt needs root: CI runs as root, a developer gets asked by sudo (only if something is missing).
sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi

# --- System packages: cheap checks first, so a prepared machine never touches apt. -------------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)                                   # browser tests
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)  # test clusters
for pkg in fonts-dejavu-core fonts-liberation2; do                                # PDF rendering
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done

# Postfix's smtp-sink is the tests' SMTP server. Installing postfix proper would run its postinst
# (a configuration dialog, a running MTA), so we only unpack the .deb into a cache folder.
cache="${XDG_CACHE_HOME:-$HOME/.cache}/righthand"
postfix_root="$cache/postfix"
need_postfix=false
[ -x "$postfix_root/usr/sbin/smtp-sink" ] || need_postfix=true

if [ "${#missing[@]}" -gt 0 ] || $need_postfix; then
  # A fresh image has no package lists; refresh them once, and only when we need them.
  "${sudo[@]}" apt-get update -qq </dev/null
fi

if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  "${sudo[@]}" apt-get install -y -qq -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    "${missing[@]}" </dev/null
fi

if $need_postfix; then
  echo "Unpacking postfix (for smtp-sink) into $postfix_root"
  download="$(mktemp -d)"
  # As root, apt would hand the download to the _apt user, who cannot write to our temp folder.
  (cd "$download" && apt-get download -qq -o APT::Sandbox::User=root postfix </dev/null)
  dpkg -x "$download"/postfix_*.deb "$download/root"
  # Unpack first, then move into place: an interrupted run never leaves a half-filled cache.
  mkdir -p "$cache"
  rm -rf "$postfix_root"
  mv "$download/root" "$postfix_root"
  rm -rf "$download"
fi

# Where the test fixtures find their tools (see tests/RightHand.Tests/Infrastructure).
RIGHTHAND_PG_BIN="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
export RIGHTHAND_PG_BIN
export RIGHTHAND_SMTP_SINK="$postfix_root/usr/sbin/smtp-sink"
export RIGHTHAND_SMTP_SINK_LIBS="$postfix_root/usr/lib/postfix"

# The .NET SDK is not in Debian's archive, so it cannot be installed from here.
if ! command -v dotnet >/dev/null; then
  echo "dotnet not found: install the .NET 10 SDK first (see global.json)" >&2
  exit 1
fi

# --- Build once, then run each test project against that build. ----------------------------------
if ! dotnet build RightHand.slnx -c Release </dev/null; then
  echo "dotnet build failed"
  exit 1
fi

results="$(mktemp -d)"
# The fixtures put their PostgreSQL clusters, data folders and mail dumps under TMPDIR. A folder of
# this run's own, removed at the end together with any server a killed test host left running, keeps
# repeated runs from filling /tmp. The postgres user must be able to enter it (initdb runs as postgres).
run_tmp="$(mktemp -d)"
chmod 755 "$run_tmp"
cleanup() {
  pkill -f -- "-D $run_tmp/" 2>/dev/null || true
  # A server that was still running writes its last WAL while it stops: wait for it (up to 10 s), or the removal
  # races with it and fails the run after every test passed.
  for _ in $(seq 1 100); do pgrep -f -- "-D $run_tmp/" >/dev/null || break; sleep 0.1; done
  rm -rf "$results" "$run_tmp" 2>/dev/null || rm -rf "$results" "$run_tmp" || true
}
trap cleanup EXIT
export TMPDIR="$run_tmp"

status=0
for csproj in tests/*/*.csproj; do
  name="$(basename "$csproj" .csproj)"
  # Keep going after a failing project, so the summary covers everything.
  dotnet test "$csproj" --no-build -c Release \
    --logger "console;verbosity=normal" \
    --logger "trx;LogFileName=$name.trx" \
    --results-directory "$results" </dev/null || status=1
done

# --- Summary from the TRX files: <Counters total=".." executed=".." passed=".." failed=".." .../> ---
counter() { # counter NAME COUNTERS-ELEMENT
  local value
  value="$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2")"
  echo "${value:-0}"
}

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue   # no match: the glob stays literal
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)"
  total="$(counter total "$counters")"
  executed="$(counter executed "$counters")"
  passed=$((passed + $(counter passed "$counters")))
  failed=$((failed + $(counter failed "$counters")))
  # Skipped tests are counted in total but not executed.
  skipped=$((skipped + total - executed))
done

if [ $((passed + failed)) -eq 0 ]; then
  echo "No tests ran."
  status=1
fi
if [ "$failed" -gt 0 ]; then status=1; fi

summary="$passed passed, $failed failed"
if [ "$skipped" -gt 0 ]; then summary+=", $skipped skipped"; fi
echo "$summary"
exit "$status"
