#!/usr/bin/env python3
# check-include-cycles.py — fails when a file of src/gui includes a header
# that includes it back (its own header, directly or through others), or
# when headers include each other in a circle. Usage: SOURCE_ROOT
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import sys

root = sys.argv[1]
dirs = [os.path.join(root, 'src', 'gui'), os.path.join(root, 'src', 'core'),
        os.path.join(root, 'src', 'core', 'connectors')]
include = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def find(name):
    for d in dirs:
        path = os.path.join(d, name)
        if os.path.exists(path):
            return path
    return None


def includes(path):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    found = []
    for name in include.findall(text):
        target = find(name)
        if target is not None:
            found.append(target)
    return found


graph = {}


def headers_of(path):
    if path not in graph:
        graph[path] = includes(path)
    return graph[path]


def reaches(start, goal):
    seen, todo = set(), [start]
    while todo:
        path = todo.pop()
        if path == goal:
            return True
        if path in seen:
            continue
        seen.add(path)
        todo.extend(headers_of(path))
    return False


problems = []
gui = dirs[0]
files = sorted(f for f in os.listdir(gui) if f.endswith('.c') or f.endswith('.h'))
def module(path):
    # hc-window.c, hc-window.h and hc-window-private.h are one module
    stem = os.path.splitext(os.path.basename(path))[0]
    return stem[:-len('-private')] if stem.endswith('-private') else stem


for name in files:
    path = os.path.join(gui, name)
    own = os.path.join(gui, module(path) + '.h')
    for header in headers_of(path):
        if module(header) == module(path):
            continue
        if os.path.exists(own) and reaches(header, own):
            problems.append('%s includes %s, which includes %s back'
                            % (name, os.path.basename(header), os.path.basename(own)))
        elif name.endswith('.h') and reaches(header, path):
            problems.append('%s includes %s, which includes it back'
                            % (name, os.path.basename(header)))

for line in problems:
    print(line)
print('%d files of src/gui checked, %d include cycles' % (len(files), len(problems)))
sys.exit(1 if problems else 0)
