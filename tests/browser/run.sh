#!/usr/bin/env bash
# Runs the browser test of the review page on a fresh Debian machine: installs chromium (apt) and
# playwright-core (npm; it never downloads browsers) if missing, runs `node --test tests/browser/`,
# and ends with "N passed, N failed". Needs the .NET 10 SDK and node >= 20.
set -uo pipefail
cd "$(dirname "$0")/../.."

fail() { echo "$1"; echo "0 passed, 1 failed"; exit 1; }

if [ ! -x /usr/bin/chromium ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  { $sudo apt-get update && $sudo apt-get install -y chromium; } || fail "could not install chromium"
fi
command -v node >/dev/null || fail "node not found (need node >= 20)"
command -v dotnet >/dev/null || fail "dotnet SDK not found"

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1   # we drive Debian's chromium; never fetch Playwright's builds
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  (cd tests/browser && npm ci --no-audit --no-fund) || fail "npm ci failed in tests/browser"
fi

log=$(mktemp)
node --test --test-reporter=tap tests/browser/ 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
passed=$(grep -E '^# pass [0-9]+' "$log" | tail -1 | awk '{print $3}')
failed=$(grep -E '^# fail [0-9]+' "$log" | tail -1 | awk '{print $3}')
rm -f "$log"
passed=${passed:-0}; failed=${failed:-0}
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # the runner itself failed
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi    # no test found is a failure too
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
