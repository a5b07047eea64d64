#!/usr/bin/env python3
"""Mark each row of bench/realbugs/rows/*.tsv `test` or `train` (REALBUGS.md).

Per project: sort the rows by fix_commit (then file, function, resource, so
that two rows of one commit keep a fixed order), shuffle with
random.Random(f"{SEED}:{project}") where SEED is the integer in
bench/realbugs/SEED, mark the first ceil(n/2) `test` and the rest `train`.
The split column is rewritten in place; the order of the lines is kept, so
running it twice changes nothing.  Never set the column by hand.
"""
import argparse
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
COLUMNS = ['project', 'repo', 'fix_commit', 'file', 'function', 'resource',
           'kind', 'split', 'what']
KINDS = {'memory', 'fd', 'file', 'dir', 'handle', 'lock', 'thread'}


def read_seed(path=os.path.join(HERE, 'SEED')):
    with open(path) as f:
        return int(f.read().strip())


def read_rows(path):
    """Return (header, rows) of one rows file; rows are dicts."""
    with open(path, newline='') as f:
        lines = [l.rstrip('\r\n') for l in f if l.strip()]
    header = lines[0].split('\t')
    if header != COLUMNS:
        raise SystemExit(f'{path}: header is {header}, expected {COLUMNS}')
    rows = []
    for n, line in enumerate(lines[1:], 2):
        cells = line.split('\t')
        if len(cells) != len(COLUMNS):
            raise SystemExit(f'{path}:{n}: {len(cells)} cells, expected {len(COLUMNS)}')
        row = dict(zip(COLUMNS, cells))
        if row['kind'] not in KINDS:
            raise SystemExit(f'{path}:{n}: unknown kind {row["kind"]!r}')
        if len(row['fix_commit']) != 40:
            raise SystemExit(f'{path}:{n}: fix_commit is not 40 hex digits')
        rows.append(row)
    return header, rows


def assign(rows, seed):
    """Set row['split'] for the rows of one file, grouped by project."""
    by_project = {}
    for row in rows:
        by_project.setdefault(row['project'], []).append(row)
    for project, group in by_project.items():
        order = sorted(group, key=lambda r: (r['fix_commit'], r['file'],
                                              r['function'], r['resource']))
        random.Random(f'{seed}:{project}').shuffle(order)
        ntest = math.ceil(len(order) / 2)
        for i, row in enumerate(order):
            row['split'] = 'test' if i < ntest else 'train'


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('files', nargs='*',
                    help='rows files (default: bench/realbugs/rows/*.tsv)')
    args = ap.parse_args(argv)
    seed = read_seed()
    files = args.files or sorted(
        os.path.join(HERE, 'rows', n) for n in os.listdir(os.path.join(HERE, 'rows'))
        if n.endswith('.tsv'))
    for path in files:
        header, rows = read_rows(path)
        assign(rows, seed)
        with open(path, 'w', newline='') as f:
            f.write('\t'.join(header) + '\n')
            for row in rows:
                f.write('\t'.join(row[c] for c in COLUMNS) + '\n')
        ntest = sum(r['split'] == 'test' for r in rows)
        print(f'{os.path.relpath(path, HERE)}: {len(rows)} rows, {ntest} test, '
              f'{len(rows) - ntest} train')
    return 0


if __name__ == '__main__':
    sys.exit(main())
