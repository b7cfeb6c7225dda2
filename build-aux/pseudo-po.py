#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Builds the pseudo-locale "qps": every interface and content string
accented, bracketed and about 30 % longer, so that a screen shows at a
glance which text escaped translation and which layout cannot grow.

  build-aux/pseudo-po.py --source-root DIR --output OUT

writes OUT/qps/LC_MESSAGES/attune.mo and attune-content.mo (and the .po
files next to them). Run it with `ninja -C _build pseudo-locale`, then
`LANGUAGE=qps ATTUNE_LOCALEDIR=_build/po/pseudo ATTUNE_CONTENT_LOCALEDIR=_build/po/pseudo
meson devenv -C _build src/attune`. Placeholders (%s, %1$u), markup
tags, entities and mnemonics are kept as they are."""
import argparse
import math
import os
import re
import subprocess
import sys
import tempfile

ACCENTS = dict(zip(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķĺɱñöþǫŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ"))
# Kept untouched: printf directives, markup tags, entities, escapes.
KEEP = re.compile(r"%(?:\d+\$)?[-+ #0']*\d*(?:\.\d+)?(?:hh|h|ll|l|z|j|t|L|I64)?[diouxXeEfgGcspn%]"
                  r"|%(?:\d+\$)?(?:[-+ #0']*\d*)?(?:G_G?U?INT64_FORMAT)"
                  r"|%[-_0^#]?\d*[A-Za-z]"  # g_date_time_format() directives: %B, %-d, %e
                  r"|</?[A-Za-z][^<>]*>|&[A-Za-z#0-9]+;|\\[nt\"\\]")
OPEN, CLOSE, PAD = "[", "]", "~"
# Strings whose length is meaningful: translated without brackets or padding.
EXACT_CONTEXTS = {"presenter reply letters"}


def pseudo(text, exact=False):
    if text == "":
        return ""
    # Leading and trailing newlines stay outside the brackets (msgfmt checks them).
    lead = re.match(r"^(?:\\n)*", text).group(0)
    trail = re.search(r"(?:\\n)*$", text[len(lead):]).group(0)
    if lead or trail:
        return lead + pseudo(text[len(lead):len(text) - len(trail)], exact) + trail
    out, pos = [], 0
    for m in KEEP.finditer(text):
        out.append("".join(ACCENTS.get(c, c) for c in text[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append("".join(ACCENTS.get(c, c) for c in text[pos:]))
    body = "".join(out)
    if exact:
        return body
    visible = len(KEEP.sub("", text))
    # The padding comes in short words, as a longer translation would.
    n = max(1, math.ceil(visible * 0.3))
    padding = " ".join(PAD * min(5, n - i) for i in range(0, n, 5))
    return OPEN + body + " " + padding + CLOSE


def unquote(lines):
    return "".join(l[l.index('"') + 1:l.rindex('"')] for l in lines)


def translate_po(path_in, path_out):
    """Fills every msgstr of a msgen'd, unwrapped catalogue."""
    with open(path_in, encoding="utf-8") as f:
        blocks = f.read().split("\n\n")
    result = []
    for block in blocks:
        lines = block.split("\n")
        ctx = None
        for l in lines:
            if l.startswith("msgctxt "):
                ctx = unquote([l])
        header = any(l.startswith('"Content-Type:') for l in lines)
        new = []
        for l in lines:
            m = re.match(r'^(msgstr(?:\[\d+\])?) "(.*)"$', l)
            if m and not header:
                new.append([m.group(1), m.group(2)])
            elif l.startswith('"') and new and isinstance(new[-1], list):
                new[-1][1] += l[1:-1]  # a continuation line (msgen splits at \n)
            else:
                new.append(l)
        new = [f'{e[0]} "{pseudo(e[1], ctx in EXACT_CONTEXTS)}"' if isinstance(e, list) else e for e in new]
        result.append("\n".join(new))
    text = "\n\n".join(result)
    text = re.sub(r'"Language: [^"]*\\n"', '"Language: qps\\\\n"', text)
    with open(path_out, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source-root", required=True)
    ap.add_argument("--output", required=True)
    args = ap.parse_args()
    root = os.path.abspath(args.source_root)
    target = os.path.join(os.path.abspath(args.output), "qps", "LC_MESSAGES")
    os.makedirs(target, exist_ok=True)
    env = dict(os.environ, GETTEXTDATADIRS=os.path.join(root, "data"))
    domains = {
        "attune": ("po/POTFILES.in", ["--add-comments=Translators", "--keyword=_", "--keyword=N_",
                                      "--keyword=C_:1c,2", "--keyword=NC_:1c,2", "--keyword=ngettext:1,2"]),
        "attune-content": ("po/content/POTFILES.in", []),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for domain, (potfiles, extra) in domains.items():
            with open(os.path.join(root, potfiles), encoding="utf-8") as f:
                files = [l.strip() for l in f if l.strip() and not l.startswith("#")]
            pot = os.path.join(tmp, domain + ".pot")
            subprocess.run(["xgettext", "--from-code=UTF-8", "--no-wrap", "-o", pot] + extra + files,
                           cwd=root, env=env, check=True)
            en = os.path.join(tmp, domain + ".en.po")
            subprocess.run(["msgen", "--no-wrap", "-o", en, pot], check=True)
            # msgen leaves the header's charset unset.
            with open(en, encoding="utf-8") as f:
                text = f.read().replace("charset=CHARSET", "charset=UTF-8")
            with open(en, "w", encoding="utf-8") as f:
                f.write(text)
            po = os.path.join(target, domain + ".po")
            translate_po(en, po)
            subprocess.run(["msgfmt", "--check-format", "-o", os.path.join(target, domain + ".mo"), po],
                           check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
