#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Per-domain translation statistics, against freshly extracted templates:

  build-aux/translation-status.py SOURCE-ROOT

For the interface (attune, po/) and the content (attune-content,
po/content/), each language in LINGUAS: translated, fuzzy and untranslated
messages, and the share of translated messages and of source words. Each .po
is merged with the current template in a temporary file first, so strings
added since the last update count as untranslated. Exits 1 if a catalogue
fails `msgfmt -c --check-format`."""
import os
import re
import subprocess
import sys
import tempfile

root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
env = dict(os.environ, GETTEXTDATADIRS=os.path.join(root, "data"))
DOMAINS = [
    ("interface", "attune", "po", ["--add-comments=Translators", "--keyword=_", "--keyword=N_",
                                   "--keyword=C_:1c,2", "--keyword=NC_:1c,2", "--keyword=ngettext:1,2"]),
    ("content", "attune-content", "po/content", ["--add-comments"]),
]


def read_list(path):
    with open(path, encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def entries(po):
    """(msgid words, state) per message, state in translated/fuzzy/untranslated."""
    out = subprocess.run(["msgcat", "--no-wrap", "--no-location", po], capture_output=True,
                         text=True, check=True).stdout
    result = []
    for block in out.split("\n\n"):
        if block.startswith("#~") or "msgid" not in block:
            continue
        fields, key = {}, None
        for line in block.split("\n"):
            m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if m:
                key = m.group(1)
                fields[key] = m.group(2)
            elif line.startswith('"') and key is not None:
                fields[key] += line[1:-1]
        msgid = fields.get("msgid", "")
        if msgid == "" and "msgctxt" not in fields:
            continue  # the header
        strs = [v for k, v in fields.items() if k.startswith("msgstr")]
        if "#, fuzzy" in block or re.search(r"^#,.*\bfuzzy\b", block, re.M):
            state = "fuzzy"
        elif strs and all(s != "" for s in strs):
            state = "translated"
        else:
            state = "untranslated"
        result.append((len(msgid.split()), state))
    return result


status = 0
with tempfile.TemporaryDirectory() as tmp:
    for label, domain, podir, args in DOMAINS:
        files = read_list(os.path.join(root, podir, "POTFILES.in"))
        pot = os.path.join(tmp, domain + ".pot")
        subprocess.run(["xgettext", "--from-code=UTF-8", "-o", pot, "--package-name=" + domain] + args + files,
                       cwd=root, env=env, check=True)
        total = entries(pot)
        words = sum(w for w, _ in total)
        print(f"{label} ({domain}, {podir}/): {len(total)} messages, {words} words")
        for lang in read_list(os.path.join(root, podir, "LINGUAS")):
            po = os.path.join(root, podir, lang + ".po")
            merged = os.path.join(tmp, f"{domain}-{lang}.po")
            subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged, po, pot], check=True)
            check = subprocess.run(["msgfmt", "-c", "--check-format", "-o", os.devnull, merged],
                                   capture_output=True, text=True)
            found = entries(merged)
            n = {s: sum(1 for _, st in found if st == s) for s in ("translated", "fuzzy", "untranslated")}
            done_words = sum(w for w, st in found if st == "translated")
            pct = 100.0 * n["translated"] / len(found) if found else 100.0
            wpct = 100.0 * done_words / words if words else 100.0
            flag = "" if check.returncode == 0 else "  msgfmt -c --check-format FAILS"
            print(f"  {lang:6} {pct:5.1f} %  ({n['translated']} translated, {n['fuzzy']} fuzzy, "
                  f"{n['untranslated']} untranslated; {wpct:5.1f} % of words){flag}")
            if check.returncode != 0:
                sys.stdout.write(check.stderr)
                status = 1
sys.exit(status)
