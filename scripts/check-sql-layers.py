#!/usr/bin/env python3
"""A part of the install script (src/sql/NN_*.sql) never refers to an
object that a higher-numbered part creates: the core offers registries,
areas register into them (docs/architecture.md).  Objects are the tables,
views, sequences, functions, aggregates, types, indexes, triggers and
added columns each part creates; a reference is the object's name as a
whole word in a lower part's code, outside comments and string literals.
Prints each violation and exits 1 if there is one."""
import glob, os, re, sys

CREATE = re.compile(r'\bCREATE\s+(?:UNIQUE\s+)?(?:TABLE|VIEW|SEQUENCE|FUNCTION|AGGREGATE|TYPE|INDEX|TRIGGER|DOMAIN)\s+'
                    r'(?:IF\s+NOT\s+EXISTS\s+)?(?:@extschema@\.)?([a-z_][a-z0-9_]*)', re.I)
ADD_COLUMN = re.compile(r'\bADD\s+COLUMN\s+([a-z_][a-z0-9_]*)', re.I)

def code_of(text):
    """The text without -- comments and '...' literals (dollar-quoted
    bodies are code, and are kept)."""
    out, i, n = [], 0, len(text)
    while i < n:
        if text.startswith('--', i):
            j = text.find('\n', i)
            i = n if j < 0 else j
        elif text[i] == "'":
            i += 1
            while i < n:
                if text[i] == "'" and text.startswith("''", i):
                    i += 2
                elif text[i] == "'":
                    i += 1
                    break
                else:
                    i += 1
            out.append("''")
        else:
            out.append(text[i])
            i += 1
    return ''.join(out)

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'sql')
parts = sorted(glob.glob(os.path.join(root, '*.sql')))
code = {p: code_of(open(p, encoding='utf-8').read()) for p in parts}
created = {p: set(m.lower() for m in CREATE.findall(code[p]) + ADD_COLUMN.findall(code[p])) for p in parts}

violations = 0
for i, low in enumerate(parts):
    for high in parts[i + 1:]:
        if os.path.basename(high)[:2] == os.path.basename(low)[:2]:
            continue
        for name in sorted(created[high] - created[low]):
            for m in re.finditer(r'(?<![A-Za-z0-9_])' + name + r'(?![A-Za-z0-9_])', code[low], re.I):
                line = code[low].count('\n', 0, m.start()) + 1
                print(f'{os.path.basename(low)}:{line}: names {name}, created by {os.path.basename(high)}')
                violations += 1
                break
print(f'sql layers: {len(parts)} parts, {violations} references to a higher part')
sys.exit(1 if violations else 0)
