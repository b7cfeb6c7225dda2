#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Extracts the first ```xml block of each format guide and validates it with
`attune --validate --strict`, so the annotated examples trainers copy always work."""
import os
import re
import subprocess
import sys
import tempfile

attune, *guides = sys.argv[1:]
failed = 0
for guide in guides:
    with open(guide, encoding="utf-8") as f:
        match = re.search(r"```xml\n(.*?)```", f.read(), re.S)
    if not match:
        print(f"{guide}: error: no ```xml example block")
        failed += 1
        continue
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "example.xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(match.group(1))
        result = subprocess.run([attune, "--validate", "--strict", path], capture_output=True, text=True)
        print(f"{guide}: exit {result.returncode}: {result.stdout.strip()} {result.stderr.strip()}")
        if result.returncode != 0:
            failed += 1
sys.exit(1 if failed else 0)
