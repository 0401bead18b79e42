#!/usr/bin/env python3
"""After regenerating package-lock.json here: the npm mirror this project is built with lacks
the other-platform optional binaries of unrs-resolver (a lint dependency), so npm leaves them out
of the lock and `npm ci` then refuses the lock. This adds them back as optional platform entries
(os/cpu set), which npm ci skips on platforms that do not match, without fetching them.
Usage: npm ci 2>&1 | grep Missing | sed 's/.*Missing: //; s/@ from lock file//' | python3 scripts/patch-lock-optional.py
"""
import json
import sys

lock_path = 'package-lock.json'
lock = json.load(open(lock_path))
packages = lock['packages']
missing = [line.strip() for line in sys.stdin if line.strip()]
versions = {}
for entry in packages.values():
    for name, version in (entry.get('optionalDependencies') or {}).items():
        versions[name] = version
for name in missing:
    platform = name.split('resolver-binding-')[-1].split('-')
    entry = {'version': versions.get(name, '0.0.0'), 'cpu': [platform[1]], 'optional': True, 'os': [platform[0]]}
    if platform[0] == 'linux' and len(platform) > 2:
        entry['libc'] = ['glibc'] if platform[2].startswith('gnu') else ['musl']
    packages.setdefault('node_modules/' + name, entry)
lock['packages'] = dict(sorted(packages.items(), key=lambda kv: (kv[0] != '', kv[0])))
with open(lock_path, 'w') as handle:
    json.dump(lock, handle, indent=2)
    handle.write('\n')
print(f'{len(missing)} optional platform entries ensured')
