#!/usr/bin/env bash
# make dist: the PGXN archive creative_defi-<version>.zip holds, under
# creative_defi-<version>/, exactly HEAD's files less those .gitattributes
# marks export-ignore (listed again below, as the intent), including what
# make, make install and make installcheck need; its META.json passes
# scripts/check-meta.py beside the archive's own files.  Needs git and no
# database.  Exit 0 passed, 1 failed.
set -u
cd "$(dirname "$0")/../.."

version=$(sed -n "s/^default_version = '\(.*\)'/\1/p" creative_defi.control)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== make dist"
make -s dist DIST_DIR="$tmp" || { echo "pgxn_dist: FAILED: make dist"; exit 1; }
zip="$tmp/creative_defi-$version.zip"
[ -f "$zip" ] || { echo "pgxn_dist: FAILED: $zip was not made"; exit 1; }
git ls-tree -r --name-only HEAD > "$tmp/head-files"

python3 - "$zip" "creative_defi-$version" "$tmp" <<'PY'
import os, re, subprocess, sys, zipfile

zip_path, prefix, tmp = sys.argv[1], sys.argv[2] + '/', sys.argv[3]
# what a PGXN user does not need (.gitattributes says the same)
LEFT_OUT = ['.ci/', '.gitattributes', '.gitignore', 'bench/', 'scripts/bench.sh',
            'scripts/bench-in-cluster.sh', 'test/interop/', 'test/suites/interop.sh',
            'test/suites/pgxn_dist.sh', 'test/suites/deb_package.sh']
REQUIRED = ['creative_defi.control', 'META.json', 'Makefile', 'LICENSE', 'README.md',
            'CHANGELOG.md', 'test/vectors/README.md']
problems = []

with zipfile.ZipFile(zip_path) as z:
    names = [n for n in z.namelist() if not n.endswith('/')]
    outside = [n for n in names if not n.startswith(prefix)]
    if outside:
        problems.append(f'{len(outside)} entries outside {prefix}, e.g. {outside[0]}')
    files = {n[len(prefix):] for n in names if n.startswith(prefix)}
    z.extractall(os.path.join(tmp, 'unpacked'))

def left_out(path):
    return any(path == p or (p.endswith('/') and path.startswith(p)) for p in LEFT_OUT)

head = set(open(os.path.join(tmp, 'head-files')).read().split('\n')) - {''}
expected = {f for f in head if not left_out(f)}
for f in sorted(expected - files):
    problems.append(f'missing from the archive: {f}')
for f in sorted(files - expected):
    problems.append(f'in the archive but ' + ('export-ignored' if left_out(f) else 'not in HEAD') + f': {f}')
if not any(left_out(f) for f in head):
    problems.append('HEAD has none of the left-out paths: the check proves nothing')

for f in REQUIRED:
    if f not in files:
        problems.append(f'required file missing: {f}')
def some(pattern):
    return sorted(f for f in files if re.fullmatch(pattern, f))
for what, pattern in [('C sources', r'src/pg_\w+\.c'), ('core sources', r'src/core/\w+\.c'),
                      ('install script parts', r'src/sql/\d+_\w+\.sql'), ('regress tests', r'sql/\w+\.sql'),
                      ('isolation specs', r'specs/\w+\.spec')]:
    if not some(pattern):
        problems.append(f'no {what} ({pattern})')
# make installcheck runs every sql/X.sql and specs/X.spec against expected/X.out
for test in some(r'sql/\w+\.sql') + some(r'specs/\w+\.spec'):
    out = 'expected/' + re.sub(r'^\w+/(\w+)\.\w+$', r'\1', test) + '.out'
    if out not in files:
        problems.append(f'{test} has no {out} in the archive')

# the archive's META.json, with the files it names looked up in the archive
r = subprocess.run(['scripts/check-meta.py', os.path.join(tmp, 'unpacked', prefix, 'META.json')],
                   capture_output=True, text=True)
print(r.stdout, end='')
if r.returncode != 0:
    problems.append("the archive's META.json fails scripts/check-meta.py")

for p in problems:
    print(f'pgxn_dist: {p}')
print(f'pgxn_dist: {zip_path.rsplit("/", 1)[1]}: {len(files)} files under {prefix}, '
      f'{len(head) - len(expected)} of HEAD left out; {"FAILED" if problems else "ok"}')
sys.exit(1 if problems else 0)
PY
