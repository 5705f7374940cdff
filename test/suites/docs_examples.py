#!/usr/bin/env python3
"""docs_examples: run the SQL examples of README.md and docs/*.md and compare
their output with what the page shows.

The convention is docs/doc_examples.md's.  In short: every ```sql block of a
page runs, in page order, in one psql session on a fresh database (the
extension created first unless the page creates it); a statement followed by
`-->` lines (or with `--> ...` after its `;`) must print exactly those lines;
a statement without them must not fail.  `<!-- docs-test: skip REASON -->`
just before a block leaves it out, and the suite lists it with its reason.

Usage: docs_examples.py [PAGE...]   (default: README.md docs/*.md), run from
the repository's root inside a cluster (PGHOST etc. set).  Exit 0 when every
example matches, 1 otherwise.
"""
import glob
import os
import re
import subprocess
import sys

MARKER = '@@docs-test'
SKIP_RE = re.compile(r'^<!--\s*docs-test:\s*skip\s+(.*?)\s*-->\s*$')
SEPARATOR_RE = re.compile(r'^-+(\+-+)*$')
NOTE_RE = re.compile(r'^(.*?\S)\s{2,}\(.*\)$')
SQLSTATE_NOTE_RE = re.compile(r'^(ERROR:.*?)\s+\(([0-9A-Z]{5})\)$')


class Statement:
    def __init__(self, page, line, sql):
        self.page = page
        self.line = line          # line of the page where it starts
        self.sql = sql
        self.expected = []        # the -->' lines, marker removed

    @property
    def checked(self):
        return bool(self.expected)

    def aligned(self):
        """A result shown with a header: its second line is psql's rule."""
        return len(self.expected) >= 2 and SEPARATOR_RE.match(self.expected[1].strip())

    def expects_error(self):
        return any(line.strip().startswith('ERROR:') for line in self.expected)


def sql_blocks(path):
    """(first line number, lines, skip reason or None) of each ```sql block."""
    blocks = []
    lines = open(path, encoding='utf-8').read().split('\n')
    i = 0
    pending_skip = None
    while i < len(lines):
        stripped = lines[i].strip()
        m = SKIP_RE.match(stripped)
        if m:
            pending_skip = m.group(1)
        elif stripped.startswith('```'):
            lang = stripped[3:].strip()
            start = i + 1
            i += 1
            while i < len(lines) and not lines[i].strip().startswith('```'):
                i += 1
            if lang == 'sql':
                blocks.append((start + 1, lines[start:i], pending_skip))
            elif pending_skip is not None:
                raise SystemExit(f'{path}:{start}: docs-test: skip marks a ```{lang} block, not a ```sql one')
            pending_skip = None
        elif stripped:
            if pending_skip is not None:
                raise SystemExit(f'{path}:{i + 1}: docs-test: skip is not directly before a ```sql block')
        i += 1
    return blocks


def split_statements(page, first_line, lines):
    """Statements of a block with their expected results.

    A statement ends at a ';' outside quotes, dollar quotes and comments, or
    is one psql meta-command line.  Lines starting with '-->' after it (and a
    '-->' comment right after its ';') are its expected result.
    """
    statements = []
    current = None        # Statement being read
    state = None          # None, "'", '"', '$tag$', '/*'
    last = None           # the previous complete statement, for '-->'
    for offset, line in enumerate(lines):
        lineno = first_line + offset
        if state is None and current is None:
            stripped = line.strip()
            if stripped.startswith('-->'):
                if last is None:
                    raise SystemExit(f'{page}:{lineno}: a --> line follows no statement')
                last.expected.append(stripped[3:])
                continue
            if stripped.startswith('--'):
                last = None       # a comment: what follows is not last's result
                continue
            if not stripped:
                continue
            if stripped.startswith('\\'):
                statements.append(Statement(page, lineno, stripped))
                last = statements[-1]
                continue
            current = Statement(page, lineno, '')
        # scan the line character by character
        i = 0
        text = line
        consumed = 0
        while i < len(text):
            c = text[i]
            if state is None:
                if text.startswith('--', i):
                    break
                if text.startswith('/*', i):
                    state = '/*'
                    i += 2
                    continue
                if c == "'" or c == '"':
                    state = c
                elif c == '$':
                    m = re.match(r'\$[A-Za-z_][A-Za-z_0-9]*\$|\$\$', text[i:])
                    if m:
                        state = m.group(0)
                        i += len(state)
                        continue
                elif c == ';':
                    current.sql += text[consumed:i + 1]
                    statements.append(current)
                    last = current
                    current = None
                    rest = text[i + 1:].strip()
                    if rest.startswith('-->'):
                        last.expected.append(rest[3:])
                        consumed = len(text)
                        break
                    if rest.startswith('--') or not rest:
                        consumed = len(text)
                        break
                    current = Statement(page, lineno, '')
                    consumed = i + 1
            elif state == '/*':
                if text.startswith('*/', i):
                    state = None
                    i += 2
                    continue
            elif state in ("'", '"'):
                if c == state:
                    if text.startswith(state * 2, i):
                        i += 2
                        continue
                    state = None
            else:
                if text.startswith(state, i):
                    i += len(state)
                    state = None
                    continue
            i += 1
        if current is not None:
            current.sql += text[consumed:] + '\n'
    if current is not None and current.sql.strip():
        raise SystemExit(f'{page}:{current.line}: a statement does not end with ;')
    return statements


def normalize(lines):
    """Compare whitespace-insensitively: runs of blanks are one space."""
    return ' '.join(' '.join(lines).split())


def without_notes(lines):
    out = []
    sqlstate = None
    for line in lines:
        m = SQLSTATE_NOTE_RE.match(line.strip())
        if m:
            out.append(m.group(1))
            sqlstate = m.group(2)
            continue
        m = NOTE_RE.match(line.rstrip())
        out.append(m.group(1) if m else line)
    return out, sqlstate


def psql_script(statements, creates_extension):
    # CONTEXT lines name internal functions: pages leave them out
    out = ['\\set ON_ERROR_STOP 0', '\\set SHOW_CONTEXT never', '\\pset pager off', '\\pset footer off']
    if not creates_extension:
        out.append('CREATE EXTENSION creative_defi;')
    for n, st in enumerate(statements):
        if st.checked and not st.expects_error():
            if st.aligned():
                out += ['\\pset format aligned', '\\pset tuples_only off']
            else:
                out += ['\\pset format unaligned', '\\pset tuples_only on', "\\pset fieldsep ' | '"]
        out.append(f'\\echo {MARKER} {n} begin')
        out.append(st.sql.rstrip('\n'))
        out.append(f'\\echo {MARKER} {n} end :LAST_ERROR_SQLSTATE')
        out.append("\\set LAST_ERROR_SQLSTATE '00000'")
    return '\n'.join(out) + '\n'


def run_page(page, statements, db):
    subprocess.run(['dropdb', '--if-exists', db], check=False, capture_output=True)
    subprocess.run(['createdb', db], check=True)
    creates = any(re.match(r'(?is)\s*CREATE\s+EXTENSION\s+(IF\s+NOT\s+EXISTS\s+)?creative_defi\b', st.sql)
                  for st in statements)
    script = psql_script(statements, creates)
    # stdout unbuffered, so that errors (stderr) and results stay in order
    proc = subprocess.run(['stdbuf', '-o0', '-e0', 'psql', '-X', '-q', '-d', db, '-f', '-'],
                          input=script, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    outputs = {}
    sqlstates = {}
    current = None
    for line in proc.stdout.split('\n'):
        m = re.match(rf'^{MARKER} (\d+) (begin|end)(?: (\S+))?$', line)
        if m:
            n = int(m.group(1))
            if m.group(2) == 'begin':
                current = n
                outputs[n] = []
            else:
                sqlstates[n] = m.group(3)
                current = None
            continue
        if current is not None:
            outputs[current].append(re.sub(r'^psql:<stdin>:\d+: ', '', line))
    subprocess.run(['dropdb', '--if-exists', db], check=False, capture_output=True)
    # roles are the cluster's: drop those the page created, for the suites after
    for role in sorted({m.group(1) for st in statements
                        for m in re.finditer(r'(?i)\bCREATE\s+ROLE\s+(\w+)', st.sql)}):
        subprocess.run(['psql', '-X', '-q', '-d', 'postgres', '-c', f'DROP ROLE IF EXISTS {role}'],
                       check=False, capture_output=True)
    return outputs, sqlstates


def check_page(page, statements, outputs, sqlstates):
    passed = failed = 0
    for n, st in enumerate(statements):
        actual = outputs.get(n)
        where = f'{page}:{st.line}'
        if actual is None:
            print(f'docs_examples: FAIL {where}: the statement did not run')
            failed += 1
            continue
        if not st.expects_error() or not st.checked:
            actual = [a for a in actual if not a.startswith(('NOTICE:', 'WARNING:'))]
        while actual and not actual[-1].strip():
            actual.pop()
        if not st.checked:
            if any(a.startswith('ERROR:') for a in actual):
                print(f'docs_examples: FAIL {where}: a statement that shows no result failed')
                print('    ' + st.sql.strip().replace('\n', '\n    '))
                for a in actual:
                    print(f'  | {a}')
                failed += 1
            continue
        expected_plain, sqlstate = without_notes(st.expected)
        ok = normalize(actual) in (normalize(st.expected), normalize(expected_plain))
        if ok and sqlstate is not None and sqlstates.get(n) != sqlstate:
            ok = False
            actual = actual + [f'(SQLSTATE {sqlstates.get(n)}, the page says {sqlstate})']
        if ok:
            passed += 1
        else:
            failed += 1
            print(f'docs_examples: FAIL {where}')
            print('    ' + st.sql.strip().replace('\n', '\n    '))
            print('  the page shows:')
            for e in st.expected:
                print(f'  -->{e.rstrip()}')
            print('  psql prints:')
            for a in actual:
                print(f'  --> {a}'.rstrip())
    return passed, failed


def main():
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
    pages = sys.argv[1:] or ['README.md'] + sorted(glob.glob('docs/*.md'))
    total_passed = total_failed = total_examples = ran_unchecked = 0
    skips = []
    for page in pages:
        statements = []
        for first_line, lines, skip in sql_blocks(page):
            if skip is not None:
                skips.append((f'{page}:{first_line - 1}', skip))
                continue
            statements += split_statements(page, first_line, lines)
        if not statements:
            continue
        examples = sum(1 for st in statements if st.checked)
        db = 'docs_' + re.sub(r'[^a-z0-9]+', '_', os.path.basename(page).lower().removesuffix('.md'))
        outputs, sqlstates = run_page(page, statements, db)
        passed, failed = check_page(page, statements, outputs, sqlstates)
        ran_unchecked += len(statements) - examples
        total_examples += examples
        total_passed += passed
        total_failed += failed
        print(f'docs_examples: {page}: {examples} examples, {passed} passed, '
              f'{failed} failed; {len(statements) - examples} statements without a result ran')
    for where, reason in skips:
        print(f'docs_examples: skipped {where}: {reason}')
    print(f'docs_examples: {total_examples} examples, {total_passed} passed, {total_failed} failed, '
          f'{len(skips)} blocks skipped; {ran_unchecked} statements without a result ran')
    if total_examples == 0:
        print('docs_examples: no example found')
        return 1
    return 0 if total_failed == 0 and total_passed == total_examples else 1


if __name__ == '__main__':
    sys.exit(main())
