#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Prints "N passed, N failed" from meson's own results (testlog.json, one
JSON object per test). Several logs may be given; they are added up. A
skipped test counts as failed: nothing here may skip."""
import json
import sys

passed = failed = 0
for path in sys.argv[1:]:
    try:
        log = open(path, encoding="utf-8")
    except OSError as error:
        # A run that never started (say its build failed) is a failure.
        print(f"  no results: {path}: {error.strerror}")
        failed += 1
        continue
    with log:
        for line in log:
            if not line.strip():
                continue
            result = json.loads(line)["result"]
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            else:
                failed += 1
                print(f"  {result}: {json.loads(line)['name']}")
print(f"{passed} passed, {failed} failed")
