#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The glossary: each key term and each strategy name is rendered the same
way, per language, across both catalogues (po/LANG.po for the interface,
po/content/LANG.po for lessons and role-plays).

  tests/check-glossary.py SOURCE-ROOT

- Key terms (GLOSSARY below): every translated message whose English text
  has the term must have the language's chosen form (a regular expression,
  so that inflections match: "Rollenspiel", "Rollenspiele", "Rollenspiels").
  AVOID lists forms a language decided against ("Learning Record Store" in
  Spanish, which is "almacén de registros de aprendizaje").
- Named terms: a lesson title (a strategy name) or a mastery level in curly
  quotes in an English message (“Follow up”, “Handles well”) must appear,
  as translated under its context, in the translation.
- Strategy names are unique per language: two lessons never share a title.

Prints every mismatch with its catalogue and English text; exits 1 if any."""
import os
import re
import subprocess
import sys

# English (regex, case-insensitive) -> per language, the chosen form (regex,
# case-insensitive). The decisions are in po/README.md, "Glossary".
GLOSSARY = [
    (r"\bLearning Record Store\b|\bLRS\b|\blearning record store\b", {
        "de": r"Learning Record Store|\bLRS\b",
        "es": r"almacén de registros( de aprendizaje)?",  # the short form on the narrow tab only
        "ar": r"مخزن (ل)?سجلات التعلّم",
    }),
    (r"\bprogress file\b", {
        "de": r"Fortschrittsdatei",
        "es": r"archivo de progreso",
        "ar": r"ملف (ال)?تقدّم",
    }),
    (r"\brole-plays?\b", {
        "de": r"Rollenspiel",
        "es": r"juegos? de rol",
        # The full term, or its short form where space is tight (a title, a button).
        "ar": r"لعب (ال)?أدوار|تمرين|تمارين|التمرين",
    }),
    (r"^Practise Next$", {
        "de": r"^Als Nächstes üben$",
        "es": r"^Siguiente práctica$",
        "ar": r"^التمرين التالي$",
    }),
    (r"\bpresenter mode\b", {
        "de": r"Präsentationsmodus",
        "es": r"modo presentación",
        "ar": r"وضع العرض التقديمي",
    }),
    (r"\bdebrief\b", {
        "de": r"Nachbesprechung",
        "es": r"repaso final",
        "ar": r"مراجعة ختامية|المراجعة الختامية",
    }),
    (r"\bstrateg(y|ies)\b", {
        "de": r"Strategie",
        "es": r"estrategia",
        "ar": r"استراتيجي",
    }),
    (r"(?<!Empathy )\btrainers?\b", {
        "de": r"Trainer",
        "es": r"formador",
        "ar": r"مدرّب|المدرّب",
    }),
    (r"\bmanager\b", {
        "es": r"responsable",
    }),
]

AVOID = {
    "es": [r"Learning Record Store", r"\bLRS\b(?! *\))", r"Practica ahora"],
}

# Element and option names (<debrief>, --lrs) are code, not terms.
CODE = re.compile(r"<[^>]*>|--[\w-]+")

# Contexts whose translations are names other messages quote.
NAMED_CONTEXTS = ("lesson title", "mastery level")


def unescape(s):
    return (s.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t")
             .replace("\\\\", "\\"))


def read_po(path):
    """Entries (context, msgid, plural, [msgstr…], fuzzy) of a catalogue, obsolete ones left out."""
    text = subprocess.run(["msgcat", "--no-wrap", "--no-location", path],
                          capture_output=True, text=True, check=True).stdout
    found = []
    for block in text.split("\n\n"):
        entry = {"msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": [], "fuzzy": False}
        key = None
        for line in block.splitlines():
            if line.startswith("#~"):
                entry = None
                break
            if line.startswith("#,") and "fuzzy" in line:
                entry["fuzzy"] = True
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if m:
                key = m.group(1)
                value = unescape(m.group(2))
                if key.startswith("msgstr"):
                    entry["msgstr"].append(value)
                else:
                    entry[key] = value
            elif line.startswith('"') and key is not None:
                value = unescape(line[1:-1])
                if key.startswith("msgstr"):
                    entry["msgstr"][-1] += value
                else:
                    entry[key] += value
        if entry and entry["msgid"]:
            found.append(entry)
    return found


def translated(entry):
    return not entry["fuzzy"] and all(entry["msgstr"]) and entry["msgstr"]


def self_test():
    """A catalogue with known inconsistencies must fail with exactly them."""
    import tempfile
    with tempfile.TemporaryDirectory() as root:
        os.makedirs(os.path.join(root, "po", "content"))
        with open(os.path.join(root, "po", "LINGUAS"), "w") as f:
            f.write("es\n")
        with open(os.path.join(root, "po", "content", "LINGUAS"), "w") as f:
            f.write("es\n")
        header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        with open(os.path.join(root, "po", "es.po"), "w", encoding="utf-8") as f:
            f.write(header + 'msgid "Learning Record Store"\nmsgstr "Learning Record Store"\n\n'
                    'msgctxt "mastery level"\nmsgid "Handles well"\nmsgstr "Dominada"\n\n'
                    'msgid "“Handles well” starts at 75%%."\nmsgstr "«Lo domina» empieza en el 75 %%."\n')
        with open(os.path.join(root, "po", "content", "es.po"), "w", encoding="utf-8") as f:
            f.write(header + 'msgctxt "lesson title"\nmsgid "Follow up"\nmsgstr "Haz seguimiento"\n\n'
                    'msgctxt "lesson title"\nmsgid "Follow through"\nmsgstr "Haz seguimiento"\n\n'
                    'msgid "Ask for the manager."\nmsgstr "Pida hablar con el encargado."\n')
        problems, checked = check(root)
    expected = ["has no /almacén", "uses /Learning Record Store/", "names “Handles well”",
                "are both “Haz seguimiento”", "has no /responsable/"]
    missing = [e for e in expected if not any(e in p for p in problems)]
    for p in problems:
        print("# found:", p)
    print(f"# self-test: {len(problems)} found, {len(missing)} of {len(expected)} expected missing {missing}")
    return 1 if missing or len(problems) != len(expected) else 0


def main():
    if sys.argv[1:2] == ["--self-test"]:
        return self_test()
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    problems, checked = check(root)
    for p in problems:
        print(p)
    print(f"# glossary: {checked} renderings checked, {len(problems)} inconsistent")
    return 1 if problems else 0


def check(root):
    problems = []
    checked = 0
    languages = {}
    for folder in ("po", "po/content"):
        with open(os.path.join(root, folder, "LINGUAS"), encoding="utf-8") as f:
            for lang in f.read().split():
                languages.setdefault(lang, []).append(os.path.join(folder, lang + ".po"))

    for lang, catalogues in sorted(languages.items()):
        entries = {path: read_po(os.path.join(root, path)) for path in catalogues}
        names = {}
        for path, found in entries.items():
            for e in found:
                if e["msgctxt"] in NAMED_CONTEXTS and translated(e):
                    names.setdefault(e["msgctxt"], {})[e["msgid"]] = e["msgstr"][0]
        titles = names.get("lesson title", {})
        seen = {}
        for en, tr in titles.items():
            if tr.casefold() in seen:
                problems.append(f"{lang}: lessons “{seen[tr.casefold()]}” and “{en}” are both “{tr}”")
            seen[tr.casefold()] = en

        for path, found in entries.items():
            for e in found:
                if not translated(e):
                    continue
                english = CODE.sub("", e["msgid"] + "\n" + (e["msgid_plural"] or ""))
                for tr in e["msgstr"]:
                    for term, forms in GLOSSARY:
                        form = forms.get(lang)
                        if form is None or not re.search(term, english, re.IGNORECASE):
                            continue
                        checked += 1
                        if not re.search(form, tr, re.IGNORECASE):
                            problems.append(f"{path}: “{e['msgid'][:70]}” has no /{form}/: “{tr[:90]}”")
                    for avoid in AVOID.get(lang, []):
                        if re.search(avoid, tr):
                            problems.append(f"{path}: “{e['msgid'][:70]}” uses /{avoid}/: “{tr[:90]}”")
                    for context, table in names.items():
                        for en, name in table.items():
                            if e["msgctxt"] == context and e["msgid"] == en:
                                continue
                            if f"“{en}”" in e["msgid"] or f"“{en[0].lower() + en[1:]}”" in e["msgid"]:
                                checked += 1
                                if name.casefold() not in tr.casefold():
                                    problems.append(f"{path}: “{e['msgid'][:70]}” names “{en}”, "
                                                    f"but not as “{name}”: “{tr[:90]}”")

    return problems, checked


if __name__ == "__main__":
    sys.exit(main())
