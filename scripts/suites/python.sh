#!/usr/bin/env bash
# The Python client's tests (standard library only); the last line is "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../../clients/python"
python3 - <<'PY'
import sys
import unittest

suite = unittest.defaultTestLoader.discover("tests", top_level_dir=".")
result = unittest.TextTestRunner(stream=sys.stdout, verbosity=1).run(suite)
failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
passed = result.testsRun - failed - len(result.skipped)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or result.testsRun == 0 else 0)
PY
