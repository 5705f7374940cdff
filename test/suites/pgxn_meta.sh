#!/usr/bin/env bash
# META.json against the PGXN Meta Spec 1.0.0 and the control file
# (scripts/check-meta.py): the repository's META.json must pass, and each
# broken copy below must fail with the problem named.  Needs no database.
# Exit 0 all passed, 1 failed.
set -u
cd "$(dirname "$0")/../.."

echo "== META.json"
scripts/check-meta.py META.json creative_defi.control || exit 1

# Each case breaks one thing in a copy of META.json (with the control file
# and README.md beside it, as provides names them) and names the message.
python3 - <<'PY'
import copy, json, os, shutil, subprocess, sys, tempfile

meta = json.load(open('META.json'))
version = meta['version']

def parent(m, path):
    for key in path[:-1]:
        m = m[key]
    return m

def drop(*path):
    def apply(m):
        del parent(m, path)[path[-1]]
    return apply

def put(path, value):
    def apply(m):
        parent(m, path)[path[-1]] = value
    return apply

# a mutation changes the dict in place, or returns the file's whole text
cases = [
    ('not JSON', lambda m: '{"name": ', 'Expecting value'),
    ('not an object', lambda m: '[]', 'not a JSON object'),
    ('no name', drop('name'), 'required key "name" is missing'),
    ('no abstract', drop('abstract'), 'required key "abstract" is missing'),
    ('no version', drop('version'), 'required key "version" is missing'),
    ('no maintainer', drop('maintainer'), 'required key "maintainer" is missing'),
    ('no license', drop('license'), 'required key "license" is missing'),
    ('no provides', drop('provides'), 'required key "provides" is missing'),
    ('no meta-spec', drop('meta-spec'), 'required key "meta-spec" is missing'),
    ('name with a space', put(['name'], 'creative defi'), 'name must be a Term'),
    ('empty abstract', put(['abstract'], ''), 'abstract must be a non-empty string'),
    ('version not SemVer', put(['version'], '0.1'), "version '0.1' is not a SemVer version"),
    ('version with a leading zero', put(['version'], '0.01.0'), "version '0.01.0' is not a SemVer version"),
    ('empty maintainer list', put(['maintainer'], []), 'maintainer must be a non-empty string'),
    ('unknown licence', put(['license'], 'postgres'), "license 'postgres' is not a known licence"),
    ('licence URI not a URI', put(['license'], {'PostgreSQL': 'the usual'}), 'is not a known licence'),
    ('empty provides', put(['provides'], {}), 'provides must be a non-empty object'),
    ('provides without file', drop('provides', 'creative_defi', 'file'),
     'provides.creative_defi: required key "file" is missing'),
    ('provides without version', drop('provides', 'creative_defi', 'version'),
     'provides.creative_defi: required key "version" is missing'),
    ('provides file absolute', put(['provides', 'creative_defi', 'file'], '/creative_defi.control'),
     'provides.creative_defi.file must be a relative unix path'),
    ('provides file missing', put(['provides', 'creative_defi', 'file'], 'sql/creative_defi.sql'),
     'provides.creative_defi.file: sql/creative_defi.sql does not exist'),
    ('provides unknown key', put(['provides', 'creative_defi', 'control'], 'x'),
     'provides.creative_defi: unknown key "control"'),
    ('meta-spec 2.0.0', put(['meta-spec', 'version'], '2.0.0'), "meta-spec.version '2.0.0' is not 1.0.x"),
    ('meta-spec url', put(['meta-spec', 'url'], 'https://example.com/spec'), "is not the spec's URL"),
    ('unknown top-level key', put(['homepage'], 'https://example.com'), 'unknown key "homepage"'),
    ('a custom x_ key is allowed', put(['x_note'], 'fine'), None),
    ('release_status', put(['release_status'], 'beta'), "release_status 'beta' is not one of"),
    ('bugtracker web not a URI', put(['resources', 'bugtracker', 'web'], 'github issues'),
     'resources.bugtracker.web must be a URI'),
    ('repository url without type', drop('resources', 'repository', 'type'),
     'resources.repository: a url needs a type'),
    ('prereq range', put(['prereqs', 'runtime', 'requires', 'PostgreSQL'], '15'),
     "prereqs.runtime.requires.PostgreSQL: '15' is not a version range"),
    ('prereq phase', put(['prereqs', 'install'], {'requires': {'PostgreSQL': 0}}), 'prereqs: unknown key "install"'),
    ('tag with a slash', put(['tags'], ['a/b']), 'tags must be a non-empty array'),
    ('version differs from the control file', put(['version'], '9.9.9'),
     f"version '9.9.9' differs from the control file's default_version '{version}'"),
    ('provides version differs', put(['provides', 'creative_defi', 'version'], '9.9.9'),
     f"provides.creative_defi.version '9.9.9' differs from the control file's default_version '{version}'"),
    ('PostgreSQL prereq without an upper bound', put(['prereqs', 'runtime', 'requires', 'PostgreSQL'], '15.0.0'),
     'must state the supported range'),
    ('no release_status', drop('release_status'), 'project: "release_status" is missing'),
    ('no resources', drop('resources'), 'project: "resources" is missing'),
]

passed = failed = 0
with tempfile.TemporaryDirectory() as tmp:
    for f in ('creative_defi.control', 'README.md'):
        shutil.copy(f, tmp)
    for name, mutate, expected in cases:
        m = copy.deepcopy(meta)
        text = mutate(m)
        with open(os.path.join(tmp, 'META.json'), 'w') as out:
            out.write(text if isinstance(text, str) else json.dumps(m))
        r = subprocess.run(['scripts/check-meta.py', os.path.join(tmp, 'META.json')],
                           capture_output=True, text=True)
        if expected is None:
            ok = r.returncode == 0
        else:
            ok = r.returncode == 1 and expected in r.stdout
        if ok:
            passed += 1
        else:
            failed += 1
            print(f'FAIL {name}: exit {r.returncode}, wanted '
                  f'{"success" if expected is None else repr(expected)}; got:\n{r.stdout}{r.stderr}')
print(f'pgxn_meta: {passed} passed, {failed} failed')
sys.exit(1 if failed or not passed else 0)
PY
