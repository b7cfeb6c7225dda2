#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs the two libFuzzer targets for MINUTES in all (half each), seeded
with the shipped content and a dictionary made from the schemas, then
prints the executions, the source coverage of the lint, conversation,
path and message code, and any findings (crashes, leaks, timeouts).
Exit status 1 when there is a finding."""
import glob
import os
import re
import shutil
import subprocess
import sys

build, minutes = sys.argv[1], float(sys.argv[2])
top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
work = os.path.join(build, 'fuzz-run')
os.makedirs(work, exist_ok=True)

# The dictionary: every element, attribute and value the schemas name.
tokens = set()
for rng in glob.glob(os.path.join(top, 'data', 'schemas', '*.rng')):
    text = open(rng, encoding='utf-8').read()
    for name in re.findall(r'<element name="([^"]+)"', text):
        tokens.update({'<%s>' % name, '</%s>' % name, '<%s ' % name, '/>'})
    for name in re.findall(r'<attribute name="([^"]+)"', text):
        tokens.add(' %s="' % name)
    tokens.update(re.findall(r'<value>([^<]+)</value>', text))
tokens.update(['<?xml version="1.0" encoding="UTF-8"?>', '<!--', '-->', '&amp;', '&lt;', '<!DOCTYPE', '"-5"', '"5"', '"0"', '"-3"'])
dictionary = os.path.join(work, 'schemas.dict')
with open(dictionary, 'w', encoding='utf-8') as out:
    for i, token in enumerate(sorted(tokens)):
        escaped = token.replace('\\', '\\\\').replace('"', '\\"')
        out.write('t%d="%s"\n' % (i, escaped))

env = dict(os.environ, ATTUNE_CONTENT_DIR=os.path.join(top, 'data'),
           ASAN_OPTIONS='detect_leaks=1:allocator_may_return_null=1',
           LSAN_OPTIONS='suppressions=' + os.path.join(top, 'build-aux', 'lsan.supp'))
seconds = max(5, int(minutes * 60 / 2))
total_execs = 0
findings = []
profiles = []
for target in ['fuzz-content', 'fuzz-generated']:
    corpus = os.path.join(work, 'corpus-' + target)
    os.makedirs(corpus, exist_ok=True)
    if target == 'fuzz-content':
        for seed in glob.glob(os.path.join(top, 'data', '*', '*.xml')) + glob.glob(os.path.join(top, 'tests', 'fixtures', '**', '*.xml'), recursive=True):
            shutil.copy(seed, os.path.join(corpus, os.path.basename(os.path.dirname(seed)) + '-' + os.path.basename(seed)))
    artifacts = os.path.join(work, 'findings-' + target) + os.sep
    os.makedirs(artifacts, exist_ok=True)
    profile = os.path.join(work, target + '.profraw')
    profiles.append(profile)
    run_env = dict(env, LLVM_PROFILE_FILE=profile)
    command = [os.path.join(build, 'tests', 'fuzz', target), corpus, '-dict=' + dictionary,
               '-max_total_time=%d' % seconds, '-timeout=10', '-rss_limit_mb=2048', '-max_len=65536',
               '-print_final_stats=1', '-artifact_prefix=' + artifacts]
    print('$ ' + ' '.join(command), flush=True)
    result = subprocess.run(command, env=run_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors='replace')
    log = result.stdout
    with open(os.path.join(work, target + '.log'), 'w') as out:
        out.write(log)
    execs = re.findall(r'stat::number_of_executed_units:\s*(\d+)', log)
    cov = re.findall(r'cov: (\d+) ft: (\d+)', log)
    n = int(execs[-1]) if execs else 0
    total_execs += n
    print('%s: %d executions in %d s, %s edges, corpus %d files, exit %d' %
          (target, n, seconds, cov[-1][0] if cov else '?', len(os.listdir(corpus)), result.returncode))
    for artifact in os.listdir(artifacts):
        findings.append(os.path.join(artifacts, artifact))
    if result.returncode != 0:
        print(log[-3000:])

merged = os.path.join(work, 'fuzz.profdata')
subprocess.run(['llvm-profdata-14' if shutil.which('llvm-profdata-14') else 'llvm-profdata', 'merge', '-sparse', '-o', merged]
               + [p for p in profiles if os.path.exists(p)], check=True)
report = subprocess.run(['llvm-cov-14' if shutil.which('llvm-cov-14') else 'llvm-cov', 'report',
                         os.path.join(build, 'tests', 'fuzz', 'fuzz-generated'),
                         '-object=' + os.path.join(build, 'tests', 'fuzz', 'fuzz-content'),
                         '-instr-profile=' + merged],
                        stdout=subprocess.PIPE, text=True, check=True).stdout
print('Coverage (lines) of the code a trainer\'s file reaches:')
for line in report.splitlines():
    for name in ['attune-lint.c', 'attune-conversation.c', 'attune-paths.c', 'attune-fairness.c',
                 'attune-xml.c', 'attune-xml-explain.c', 'attune-xml-facets.c', 'attune-scenario.c', 'attune-report.c',
                 'attune-content.c']:
        if line.startswith('src/core/' + name) or line.endswith(name) or ('/' + name + ' ') in line or line.split(' ')[0].endswith('/' + name):
            fields = line.split()
            # Filename Regions Missed Cover Functions Missed Executed Lines Missed Cover …
            print('  %-26s lines %s, functions %s, regions %s' % (name, fields[9], fields[6], fields[3]))
print('Total executions: %d' % total_execs)
print('Findings: %d%s' % (len(findings), ''.join('\n  ' + f for f in findings)))
sys.exit(1 if findings else 0)
