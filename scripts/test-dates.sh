#!/usr/bin/env bash
# The unit and integration suites (SQLite) again at other dates, under faketime (Debian package `faketime`), to prove
# that no test depends on the day it runs (issue 13 §1). Dates: one far from today, a 29 February, and a 31 December
# at 23:30 UTC (already the next year in Paris). Usage: npm run test:dates [-- "YYYY-MM-DD hh:mm:ss" …]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v faketime >/dev/null 2>&1; then
  echo 'faketime is not installed (apt-get install faketime): the date runs cannot run.' >&2
  exit 1
fi
dates=("$@")
if ((${#dates[@]} == 0)); then dates=('2031-07-14 09:15:00' '2028-02-29 12:00:00' '2027-12-31 23:30:00'); fi
export TZ=UTC
# Timers use the real monotonic clock; only the wall clock (Date, Intl, SQLite's CURRENT_TIMESTAMP) is moved.
export FAKETIME_DONT_FAKE_MONOTONIC=1
for d in "${dates[@]}"; do
  echo "=== unit and integration suites at ${d} UTC"
  faketime "$d" node -e 'console.log("clock reads", new Date().toISOString())'
  faketime "$d" npx vitest run --project unit --project integration
done
