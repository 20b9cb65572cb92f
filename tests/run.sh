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
if [ "$total" -eq 0 ]; then failed=$((failed + 1)); fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
