#!/usr/bin/env python3
"""Check META.json against the PGXN Meta Spec 1.0.0 (https://pgxn.org/meta/spec.txt,
as its JSON schemas in github.com/pgxn/meta schema/v1 state it) and against
this project's own rules.

  scripts/check-meta.py [META.json [creative_defi.control]]

Spec: the required keys (name, abstract, version, maintainer, license,
provides, meta-spec) and the form of every key present: a name is a Term,
versions are SemVer 2.0.0, provides maps Terms to {file, version, ...} with
relative unix paths, prereqs map phases and relationships to version
ranges, resources hold URIs; no other top-level keys but x_ ones.
Project: the distribution's and every provided extension's version equal
the control file's default_version, the files named exist, release_status
and resources are given, and the PostgreSQL runtime prereq states a range.
Prints each problem and exits 1 if there is one; paths are relative to the
directory of META.json."""
import json, os, re, sys

SEMVER = (r'(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)'
          r'(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?'
          r'(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?')
VERSION = re.compile('^' + SEMVER + '$')
RANGE_ITEM = re.compile(r'^\s*(?:(?:[=!]=|[<>]=?)\s*)?(?:' + SEMVER + r')\s*$')
TERM = re.compile(r'^[^/\\\s\x00-\x1f\x7f]{2,}$')
TAG = re.compile(r'^[^/\\\x00-\x1f\x7f]{2,255}$')
URI = re.compile(r'^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$')
EMAIL = re.compile(r'^[^@\s]+@[^@\s]+$')
LICENSES = {'agpl_3', 'apache_1_1', 'apache_2_0', 'artistic_1', 'artistic_2', 'bsd',
            'freebsd', 'gfdl_1_2', 'gfdl_1_3', 'gpl_1', 'gpl_2', 'gpl_3', 'lgpl_2_1',
            'lgpl_3_0', 'mit', 'mozilla_1_0', 'mozilla_1_1', 'openssl', 'perl_5',
            'postgresql', 'qpl_1_0', 'ssleay', 'sun', 'zlib', 'open_source',
            'restricted', 'unrestricted', 'unknown'}
TOP_KEYS = {'name', 'abstract', 'version', 'maintainer', 'license', 'provides',
            'meta-spec', 'description', 'generated_by', 'tags', 'no_index',
            'prereqs', 'release_status', 'resources'}
REQUIRED = ['name', 'abstract', 'version', 'maintainer', 'license', 'provides', 'meta-spec']
PHASES = {'configure', 'build', 'test', 'runtime', 'develop'}
RELATIONS = {'requires', 'recommends', 'suggests', 'conflicts'}
RELEASE_STATUS = {'stable', 'testing', 'unstable'}
SPEC_URLS = {'https://pgxn.org/meta/spec.txt', 'http://pgxn.org/meta/spec.txt'}


def custom(key):
    return re.match(r'^[xX]_.', key) is not None


def nonempty_string(v):
    return isinstance(v, str) and len(v) > 0


def is_range(v):
    """A version range: 0, or comma-separated [op] SemVer items ("0" alone too)."""
    if v == 0 and not isinstance(v, bool):
        return True
    if not isinstance(v, str):
        return False
    if v.strip() == '0':
        return True
    return all(RANGE_ITEM.match(item) for item in v.split(','))


def is_relative_path(v):
    return nonempty_string(v) and not v.startswith('/') and '\\' not in v \
        and '..' not in v.split('/')


def check_keys(obj, allowed, where, problems):
    for key in obj:
        if key not in allowed and not custom(key):
            problems.append(f'{where}: unknown key "{key}"')


def check_spec(meta, problems):
    for key in REQUIRED:
        if key not in meta:
            problems.append(f'required key "{key}" is missing')
    check_keys(meta, TOP_KEYS, 'META.json', problems)

    if 'name' in meta and not (isinstance(meta['name'], str) and TERM.match(meta['name'])):
        problems.append('name must be a Term (2 or more characters, no slash, backslash, space or control character)')
    for key in ('abstract', 'description', 'generated_by'):
        if key in meta and not nonempty_string(meta[key]):
            problems.append(f'{key} must be a non-empty string')
    if 'version' in meta and not (isinstance(meta['version'], str) and VERSION.match(meta['version'])):
        problems.append(f'version {meta["version"]!r} is not a SemVer version')

    if 'maintainer' in meta:
        m = meta['maintainer']
        if not (nonempty_string(m) or (isinstance(m, list) and m and all(nonempty_string(x) for x in m))):
            problems.append('maintainer must be a non-empty string or a non-empty array of them')

    if 'license' in meta:
        lic = meta['license']
        ok = (isinstance(lic, str) and lic in LICENSES) \
            or (isinstance(lic, list) and lic and all(isinstance(x, str) and x in LICENSES for x in lic)) \
            or (isinstance(lic, dict) and lic and all(isinstance(u, str) and URI.match(u) for u in lic.values()))
        if not ok:
            problems.append(f'license {lic!r} is not a known licence shortcut, an array of them, or names mapped to URIs')

    if 'provides' in meta:
        provides = meta['provides']
        if not (isinstance(provides, dict) and provides):
            problems.append('provides must be a non-empty object')
        else:
            for ext, spec in provides.items():
                where = f'provides.{ext}'
                if not TERM.match(ext):
                    problems.append(f'{where}: the extension name is not a Term')
                if not isinstance(spec, dict):
                    problems.append(f'{where} must be an object')
                    continue
                check_keys(spec, {'file', 'version', 'abstract', 'docfile'}, where, problems)
                for key in ('file', 'version'):
                    if key not in spec:
                        problems.append(f'{where}: required key "{key}" is missing')
                for key in ('file', 'docfile'):
                    if key in spec and not is_relative_path(spec[key]):
                        problems.append(f'{where}.{key} must be a relative unix path')
                if 'version' in spec and not (isinstance(spec['version'], str) and VERSION.match(spec['version'])):
                    problems.append(f'{where}.version {spec["version"]!r} is not a SemVer version')
                if 'abstract' in spec and not nonempty_string(spec['abstract']):
                    problems.append(f'{where}.abstract must be a non-empty string')

    if 'meta-spec' in meta:
        ms = meta['meta-spec']
        if not isinstance(ms, dict):
            problems.append('meta-spec must be an object')
        else:
            check_keys(ms, {'version', 'url'}, 'meta-spec', problems)
            if not (isinstance(ms.get('version'), str) and re.match(r'^1\.0\.\d+$', ms['version'])):
                problems.append(f'meta-spec.version {ms.get("version")!r} is not 1.0.x')
            if 'url' in ms and ms['url'] not in SPEC_URLS:
                problems.append(f'meta-spec.url {ms["url"]!r} is not the spec\'s URL')

    if 'tags' in meta:
        tags = meta['tags']
        if not (isinstance(tags, list) and tags and all(isinstance(t, str) and TAG.match(t) for t in tags)):
            problems.append('tags must be a non-empty array of 2 to 255 characters without slash, backslash or control characters')

    if 'release_status' in meta and meta['release_status'] not in RELEASE_STATUS:
        problems.append(f'release_status {meta["release_status"]!r} is not one of {sorted(RELEASE_STATUS)}')

    if 'resources' in meta:
        check_resources(meta['resources'], problems)
    if 'prereqs' in meta:
        check_prereqs(meta['prereqs'], problems)


def check_strings(obj, forms, where, problems):
    """Each key of forms present in obj holds a string of that form."""
    for key, (pattern, what) in forms.items():
        if key in obj and not (isinstance(obj[key], str) and pattern.match(obj[key])):
            problems.append(f'{where}.{key} must be {what}')


URI_FORM = (URI, 'a URI')
RESOURCE_PARTS = {
    'bugtracker': ({'web': URI_FORM, 'mailto': (EMAIL, 'an email address')}, 'web or mailto'),
    'repository': ({'url': URI_FORM, 'web': URI_FORM, 'type': (re.compile(r'^[a-z]+$'), 'a lower-case VCS name')},
                   'url and type, or web'),
}


def check_resources(res, problems):
    if not (isinstance(res, dict) and res):
        problems.append('resources must be a non-empty object')
        return
    check_keys(res, {'homepage', *RESOURCE_PARTS}, 'resources', problems)
    check_strings(res, {'homepage': URI_FORM}, 'resources', problems)
    for name, (forms, needs) in RESOURCE_PARTS.items():
        if name not in res:
            continue
        part, where = res[name], f'resources.{name}'
        if not (isinstance(part, dict) and any(k in part for k in ('web', 'url', 'mailto'))):
            problems.append(f'{where} must be an object with {needs}')
            continue
        check_keys(part, set(forms), where, problems)
        check_strings(part, forms, where, problems)
    repo = res.get('repository')
    if isinstance(repo, dict) and 'url' in repo and 'type' not in repo:
        problems.append('resources.repository: a url needs a type (git, hg, ...)')


def check_prereqs(prereqs, problems):
    if not (isinstance(prereqs, dict) and prereqs):
        problems.append('prereqs must be a non-empty object')
        return
    check_keys(prereqs, PHASES, 'prereqs', problems)
    for phase, relations in prereqs.items():
        if custom(phase):
            continue
        if not (isinstance(relations, dict) and relations):
            problems.append(f'prereqs.{phase} must be a non-empty object')
            continue
        check_keys(relations, RELATIONS, f'prereqs.{phase}', problems)
        for relation, deps in relations.items():
            if custom(relation):
                continue
            if not isinstance(deps, dict):
                problems.append(f'prereqs.{phase}.{relation} must be an object')
                continue
            for dep, rng in deps.items():
                if not TERM.match(dep):
                    problems.append(f'prereqs.{phase}.{relation}: "{dep}" is not a Term')
                if not is_range(rng):
                    problems.append(f'prereqs.{phase}.{relation}.{dep}: {rng!r} is not a version range')


def check_project(meta, control_version, root, problems):
    if control_version is None:
        problems.append('the control file has no default_version')
    elif meta.get('version') != control_version:
        problems.append(f'version {meta.get("version")!r} differs from the control file\'s default_version {control_version!r}')
    provides = meta.get('provides') if isinstance(meta.get('provides'), dict) else {}
    for ext, spec in provides.items():
        if not isinstance(spec, dict):
            continue
        if control_version is not None and spec.get('version') != control_version:
            problems.append(f'provides.{ext}.version {spec.get("version")!r} differs from the control file\'s default_version {control_version!r}')
        for key in ('file', 'docfile'):
            if is_relative_path(spec.get(key)) and not os.path.isfile(os.path.join(root, spec[key])):
                problems.append(f'provides.{ext}.{key}: {spec[key]} does not exist')
    for key in ('release_status', 'resources'):
        if key not in meta:
            problems.append(f'project: "{key}" is missing')
    pg = (((meta.get('prereqs') or {}).get('runtime') or {}).get('requires') or {}).get('PostgreSQL')
    if not (isinstance(pg, str) and '<' in pg and '>' in pg):
        problems.append(f'project: prereqs.runtime.requires.PostgreSQL {pg!r} must state the supported range (">= X, < Y")')


def control_default_version(path):
    with open(path, encoding='utf-8') as f:
        for line in f:
            m = re.match(r"^\s*default_version\s*=\s*'([^']*)'", line)
            if m:
                return m.group(1)
    return None


def main(argv):
    meta_path = argv[1] if len(argv) > 1 else 'META.json'
    control_path = argv[2] if len(argv) > 2 else os.path.join(os.path.dirname(meta_path) or '.', 'creative_defi.control')
    try:
        with open(meta_path, encoding='utf-8') as f:
            meta = json.load(f)
    except (OSError, ValueError) as e:
        print(f'check-meta: {meta_path}: {e}')
        return 1
    if not isinstance(meta, dict):
        print(f'check-meta: {meta_path}: not a JSON object')
        return 1
    problems = []
    check_spec(meta, problems)
    check_project(meta, control_default_version(control_path), os.path.dirname(meta_path) or '.', problems)
    for p in problems:
        print(f'check-meta: {meta_path}: {p}')
    if problems:
        return 1
    print(f'check-meta: {meta_path}: {meta["name"]} {meta["version"]} conforms to PGXN Meta Spec '
          f'{meta["meta-spec"]["version"]}; versions equal {os.path.basename(control_path)}\'s default_version')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
