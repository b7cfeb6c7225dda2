#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""po/POTFILES.in must be sorted and list every source file that has
translatable strings (C, .ui, lessons, scenarios, desktop, metainfo,
schema), and the ITS rules must extract lesson and scenario text with its
contexts and translator notes."""
import glob
import os
import subprocess
import sys

root = sys.argv[1]
os.chdir(root)
problems = []

with open("po/POTFILES.in", encoding="utf-8") as f:
    listed = [l.strip() for l in f if l.strip() and not l.startswith("#")]
skipped = []
if os.path.exists("po/POTFILES.skip"):
    with open("po/POTFILES.skip", encoding="utf-8") as f:
        skipped = [l.strip() for l in f if l.strip() and not l.startswith("#")]

if listed != sorted(listed):
    problems.append("po/POTFILES.in is not sorted")
for path in listed:
    if not os.path.exists(path):
        problems.append(f"po/POTFILES.in lists {path}, which does not exist")

candidates = (glob.glob("src/**/*.c", recursive=True) + glob.glob("ui/**/*.ui", recursive=True)
              + glob.glob("data/lessons/*.xml") + glob.glob("data/scenarios/*.xml")
              + glob.glob("data/*.desktop.in") + glob.glob("data/*.metainfo.xml.in")
              + glob.glob("data/*.gschema.xml"))
env = dict(os.environ, GETTEXTDATADIRS=os.path.join(root, "data"))
for path in sorted(candidates):
    if path in listed or path in skipped:
        continue
    args = ["xgettext", "--from-code=UTF-8", "-o", "-", "--keyword=_", "--keyword=N_",
            "--keyword=C_:1c,2", "--keyword=ngettext:1,2"]
    if path.endswith(".in"):
        args += ["-L", "Desktop" if ".desktop" in path else "Glade"]
    out = subprocess.run(args + [path], capture_output=True, text=True, env=env).stdout
    if "msgid" in out:
        problems.append(f"{path} has translatable strings but is not in po/POTFILES.in")

# The ITS rules: a lesson's title gets its context, notes become comments.
lesson = "tests/fixtures/good/extra-lesson.xml"
out = subprocess.run(["xgettext", "--from-code=UTF-8", "-o", "-", lesson],
                     capture_output=True, text=True, env=env)
pot = out.stdout
for expected in ['msgctxt "lesson title"\nmsgid "Keep the customer informed"',
                 "#. A test title",
                 'msgid "Say what happens next & when."',
                 'msgctxt "search keywords"']:
    if expected not in pot:
        problems.append(f"ITS extraction of {lesson} lacks: {expected!r}\n{out.stderr}")
if "The Importance of Empathy" in pot:
    problems.append("article titles must not be extracted for translation")

scenario = "tests/fixtures/good/extra-scenario.xml"
pot = subprocess.run(["xgettext", "--from-code=UTF-8", "-o", "-", scenario],
                     capture_output=True, text=True, env=env).stdout
for expected in ['msgctxt "customer name"\nmsgid "Ana"', 'msgctxt "stage direction"',
                 'msgid "A clear next step and a promise you can keep."']:
    if expected not in pot:
        problems.append(f"ITS extraction of {scenario} lacks: {expected!r}")

for p in problems:
    print(p)
print(f"{len(listed)} files listed, {len(problems)} problems")
sys.exit(1 if problems else 0)
