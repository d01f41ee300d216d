#!/usr/bin/env bash
# Runs every test suite (xunit and the others), installing what they need, and ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/TestResults"
rm -rf "$results" && mkdir -p "$results"

# Services some suites need (Slurm, PostgreSQL) are installed and started by the project's own scripts.
for setup in scripts/setup/*.sh; do
  [ -e "$setup" ] || continue
  echo "== $setup"
  bash "$setup" || { echo "setup failed: $setup"; echo "0 passed, 1 failed"; exit 1; }
done

echo "== build"
if ! dotnet build Qonduit.slnx -c Release -nologo -v q; then
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== xunit"
# A test still running after 8 minutes is stopped and reported as failed, naming it (Sequence_*.xml in the results),
# rather than holding the whole run until CI's limit (the slowest test, a real-Slurm campaign, takes about a minute).
dotnet test Qonduit.slnx -c Release --no-build -nologo -v q \
  --blame-hang --blame-hang-timeout 8m --blame-hang-dump-type none \
  --logger "trx" --results-directory "$results/xunit" -- xUnit.ParallelizeTestCollections=true
xunit_status=$?

other_passed=0; other_failed=0
for suite in scripts/suites/*.sh; do
  [ -e "$suite" ] || continue
  echo "== $suite"
  # A suite prints its own "N passed, N failed" as its last line.
  out=$(bash "$suite" 2>&1); status=$?
  printf '%s\n' "$out"
  last=$(printf '%s\n' "$out" | tail -n 1)
  if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    other_passed=$((other_passed + BASH_REMATCH[1])); other_failed=$((other_failed + BASH_REMATCH[2]))
    [ $status -ne 0 ] && [ "${BASH_REMATCH[2]}" -eq 0 ] && other_failed=$((other_failed + 1))
  else
    other_failed=$((other_failed + 1))
  fi
done

read -r xp xf < <(python3 scripts/trx_counts.py "$results/xunit")
passed=$((xp + other_passed)); failed=$((xf + other_failed))
if [ $xunit_status -ne 0 ] && [ "$xf" -eq 0 ]; then failed=$((failed + 1)); fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
