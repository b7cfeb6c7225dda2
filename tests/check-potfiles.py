#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The two gettext domains: po/POTFILES.in (the interface: C, .ui, desktop,
metainfo, schema) and po/content/POTFILES.in (lessons and scenarios) must be
sorted and list every source file that has translatable strings, each in
its own domain; every /* Translators: */ comment must reach the interface
template; and the ITS rules must extract lesson and scenario text with its
contexts and a translator note on every string."""
import glob
import os
import subprocess
import sys

root = sys.argv[1]
os.chdir(root)
problems = []

def read_list(path):
    with open(path, encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


interface = read_list("po/POTFILES.in")
content = read_list("po/content/POTFILES.in")
listed = interface + content
for name, paths in (("po/POTFILES.in", interface), ("po/content/POTFILES.in", content)):
    if paths != sorted(paths):
        problems.append(f"{name} is not sorted")
for path in interface:
    if path.startswith(("data/lessons/", "data/scenarios/")):
        problems.append(f"{path} is content: list it in po/content/POTFILES.in, not po/POTFILES.in")
for path in content:
    if not path.startswith(("data/lessons/", "data/scenarios/")):
        problems.append(f"{path} is interface: list it in po/POTFILES.in, not po/content/POTFILES.in")
skipped = []
if os.path.exists("po/POTFILES.skip"):
    with open("po/POTFILES.skip", encoding="utf-8") as f:
        skipped = [l.strip() for l in f if l.strip() and not l.startswith("#")]

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

# Every /* Translators: */ comment reaches the template: xgettext only keeps
# one that sits right before the line of the call.
import re
args = ["xgettext", "--from-code=UTF-8", "-o", "-", "--add-comments=Translators", "--keyword=_",
        "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2", "--keyword=ngettext:1,2"]
pot = subprocess.run(args + [p for p in interface if p.endswith((".c", ".ui"))],
                     capture_output=True, text=True, env=env).stdout
comments = re.sub(r"\s+", " ", " ".join(l[3:] for l in pot.splitlines() if l.startswith("#. ")))
for path in interface:
    if not path.endswith(".c"):
        continue
    with open(path, encoding="utf-8") as f:
        source = f.read()
    for m in re.finditer(r"/\*\s*(Translators:.*?)\*/", source, re.S):
        text = re.sub(r"\s*\n\s*\*?\s*", " ", m.group(1)).strip()
        text = re.sub(r"\s+", " ", text)
        if text[:50] not in comments:
            line = source[:m.start()].count("\n") + 1
            problems.append(f"{path}:{line}: the translator comment never reaches the template "
                            "(put it on the line right before the call)")
# A few known ones, by their text.
for known in ["Translators: the first %s is the progress file Attune is using",
              "Translators: a summary of the trend chart",
              "Translators: presenter mode; %s is the letter of the reply the class chose",
              "Translators: the letters of the (up to) four replies in presenter mode"]:
    if known not in comments:
        problems.append(f"the template lacks the translator comment “{known}…”")

# The ITS rules: a lesson's title gets its context, notes become comments.
lesson = "tests/fixtures/good/extra-lesson.xml"
out = subprocess.run(["xgettext", "--from-code=UTF-8", "-o", "-", lesson],
                     capture_output=True, text=True, env=env)
pot = out.stdout
for expected in ['msgctxt "lesson title"\nmsgid "Keep the customer informed"',
                 "everywhere. A test title",  # the author’s note follows the role
                 "#. Lesson title, also a strategy name",
                 "#. Phrase that works: words an agent says to a customer",
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
                 'msgid "A clear next step and a promise you can keep."',
                 "#. Customer line: spoken by the customer Ana (grammatical gender: feminine) to the agent",
                 "#. Learner reply: one answer the learner, as the agent, may choose to say to the customer Ana (grammatical gender: feminine)",
                 "#. Feedback: the coach tells the learner"]:
    if expected not in pot:
        problems.append(f"ITS extraction of {scenario} lacks: {expected!r}")

# Every content string of the shipped lessons and scenarios has a note.
pot = subprocess.run(["xgettext", "--from-code=UTF-8", "--no-wrap", "-o", "-"] + content,
                     capture_output=True, text=True, env=env).stdout
for block in pot.split("\n\n")[1:]:
    if "msgid" in block and "#. " not in block:
        problems.append("a content string has no translator note:\n" + block)

for p in problems:
    print(p)
print(f"{len(listed)} files listed, {len(problems)} problems")
sys.exit(1 if problems else 0)
