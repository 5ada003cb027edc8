#!/usr/bin/env bash
# Runs every test: installs what is missing, builds the solution, runs each test project, and
# ends with one summary line.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

bash eng/prerequisites.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

status=0
dotnet test Mlops.sln -c Release "$@" 2>&1 | tee "$log" || status=$?

# dotnet test prints one "Passed!/Failed! - Failed: n, Passed: n, Skipped: n" line per test project.
read -r passed failed skipped < <(awk '
  /(Passed|Failed)! +- +Failed:/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i + 1) + 0
      if ($i == "Passed:") p += $(i + 1) + 0
      if ($i == "Skipped:") s += $(i + 1) + 0
    }
  }
  END { print p + 0, f + 0, s + 0 }' "$log")

if [ "$skipped" -ne 0 ]; then
  echo "tests: $skipped skipped — a skipped test is not allowed to stay." >&2
  status=1
fi
if [ "$passed" -eq 0 ]; then
  echo "tests: no test ran." >&2
  status=1
fi
echo "tests: $passed passed, $failed failed"
exit "$status"
