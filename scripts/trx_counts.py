"""Sums the passed and failed counters of every .trx file under a folder; prints "passed failed".

Each failed test is also written to standard error with the head of its message and stack, so a run whose results
folder is not kept (a CI log) still says why a test failed, not only that it did.
"""
import pathlib
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
MESSAGE_LINES = 12
STACK_LINES = 6


def head(element, lines):
    text = element.text if element is not None and element.text else ""
    return "\n".join("    " + line for line in text.strip().splitlines()[:lines])


passed = failed = 0
for trx in sorted(pathlib.Path(sys.argv[1]).rglob("*.trx")):
    root = ET.parse(trx).getroot()
    counters = root.find(f"{NS}ResultSummary/{NS}Counters")
    if counters is None:
        failed += 1
        print(f"FAILED {trx.name}: no result summary (the test host crashed?)", file=sys.stderr)
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
    for result in root.iter(f"{NS}UnitTestResult"):
        if result.get("outcome") not in ("Failed", "Error", "Timeout"):
            continue
        error = result.find(f"{NS}Output/{NS}ErrorInfo")
        print(f"FAILED {result.get('testName')} ({result.get('duration')}, started {result.get('startTime')})", file=sys.stderr)
        if error is not None:
            print(head(error.find(f"{NS}Message"), MESSAGE_LINES), file=sys.stderr)
            print(head(error.find(f"{NS}StackTrace"), STACK_LINES), file=sys.stderr)
print(passed, failed)
