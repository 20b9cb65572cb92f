#!/usr/bin/env bash
# Runs the whole test suite: unit tests, and integration tests against SQLite and a throwaway
# PostgreSQL cluster started from the installed server binaries.
# As root on Debian it first installs what the tests need and is missing, so a fresh machine
# goes green with nothing installed by hand. Ends with the line "N passed, N failed".
# Under CI=true a skipped test counts as a failure: CI must not go green on tests that did not run.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# --- prerequisites -----------------------------------------------------------------------
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v runuser >/dev/null 2>&1 || need+=(util-linux)
# nft validates the rendered nftables rule sets (nft -c inside a throwaway network namespace).
{ command -v nft || [ -x /usr/sbin/nft ]; } >/dev/null 2>&1 || need+=(nftables)
# The console's browser tests drive Debian's Chromium (Playwright never downloads a browser here);
# a Japanese font makes the screenshots of Japanese pages readable.
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi ipagothic || need+=(fonts-ipafont-gothic)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing test prerequisites: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
      || { echo "could not install ${need[*]}"; echo "0 passed, 1 failed"; exit 1; }
  else
    echo "missing ${need[*]}: run as root on Debian to install them, or install them yourself"
  fi
fi

# The router lab (tests/lab: network namespaces, nftables, sshd, socat) installs its own
# prerequisites; doing it here keeps the apt-get run out of the timed test run.
if [ "$(id -u)" -eq 0 ]; then
  tests/lab/prerequisites.sh || echo "could not install the lab prerequisites; the lab tests will say why"
fi

# --- one folder for everything the run writes; stopped and removed at exit ---------------
# Every temporary file, SQLite database, export folder and PostgreSQL cluster of the run lives
# under $TMPDIR (Path.GetTempPath honours it). The exit trap stops any cluster a killed test host
# left running and deletes the folder, also when the build or a test fails.
run_tmp=$(mktemp -d "${TMPDIR:-/tmp}/op25b-run.XXXXXX")
chmod 755 "$run_tmp" # the postgres user must reach its cluster's folder inside
export TMPDIR="$run_tmp"
servers_left() { ps -C postgres -o pid=,args= | grep -F -- "$run_tmp" || true; }
hosts_before=$(pgrep -f 'Op25b\.Api(\.dll)?( |$)' | sort)
hosts_left() { comm -13 <(echo "$hosts_before") <(pgrep -f 'Op25b\.Api(\.dll)?( |$)' | sort) | grep . || true; }
labs_before=$(ip netns list 2>/dev/null | awk '/^op25b-/ {print $1}' | sort)
labs_left() { comm -13 <(echo "$labs_before") <(ip netns list 2>/dev/null | awk '/^op25b-/ {print $1}' | sort) | grep . || true; }
cleanup() {
  for data in $(servers_left | grep -o -- '-D [^ ]*' | cut -c4-); do
    runuser -u postgres -- "$(ls -d /usr/lib/postgresql/*/bin | tail -n 1)/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 \
      || pkill -KILL -f -- "-D $data" || true
  done
  for pid in $(hosts_left); do kill -KILL "$pid" 2>/dev/null || true; done
  for ns in $(labs_left); do ip netns pids "$ns" 2>/dev/null | xargs -r kill -KILL; ip netns del "$ns" 2>/dev/null || true; done
  rm -rf "$run_tmp"
}
trap cleanup EXIT

# --- build and test ----------------------------------------------------------------------
results="$root/TestResults"
rm -rf "$results"
dotnet build Admin.sln -c Release -nologo -v quiet || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
# Each browser test leaves a screenshot here (kept with the TRX files as the run's artifacts).
export OP25B_SCREENSHOTS="$results/screenshots" PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
dotnet test Admin.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results"
status=$?

# --- summary (from the TRX files, not dotnet test's own summary) --------------------------
sum() { grep -ho "<Counters [^>]*" "$results"/*.trx 2>/dev/null | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{ s += $1 } END { print s + 0 }'; }
passed=$(sum passed); failed=$(sum failed); total=$(sum total); executed=$(sum executed)
passed=${passed:-0}; failed=${failed:-0}; total=${total:-0}; executed=${executed:-0}
skipped=$((total - executed))
postgres=$(grep -ho '<UnitTestResult [^>]*testName="[^"]*_on_Postgres[^"]*"[^>]*outcome="Passed"' "$results"/*.trx 2>/dev/null | wc -l)
echo "PostgreSQL: $postgres tests passed against a throwaway cluster"
echo "Console screenshots: $(ls "$results/screenshots" 2>/dev/null | wc -l) in $results/screenshots"
if [ "$skipped" -gt 0 ]; then
  echo "$skipped test(s) skipped"
  if [ "${CI:-}" = "true" ]; then
    echo "CI=true: a skipped test is a failure"
    failed=$((failed + skipped))
  fi
fi
# --- the run leaves nothing behind (counted as one more test) -------------------------------
# Each fixture must stop what it started and delete what it wrote; this checks that they did,
# before the exit trap sweeps up. Build output and the SDK's own scratch files are not ours.
# A test host stops its cluster in a detached process as it ends: give that a moment (a minute
# at most; a loaded machine is slow to finish a shutdown).
for _ in $(seq 1 120); do
  [ -z "$(servers_left)" ] && ! ls -d "$run_tmp"/op25b-pg-* >/dev/null 2>&1 && break
  sleep 0.5
done
left=$( { servers_left; for p in $(hosts_left); do echo "host process $p"; done; labs_left | sed 's/^/lab namespace /';
          find "$run_tmp" -mindepth 1 -maxdepth 1 -name 'op25b-*'; } )
if [ -z "$left" ]; then
  echo "  Passed the test run stops every server it started and deletes every temporary file"
  passed=$((passed + 1))
else
  echo "  Failed the test run stops every server it started and deletes every temporary file; left behind:"
  echo "$left" | head -n 20 | sed 's/^/    /'
  failed=$((failed + 1))
fi
if [ "$total" -eq 0 ]; then failed=$((failed + 1)); fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
