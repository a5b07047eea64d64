#!/usr/bin/env python3
"""Real-bug benchmark: check each row's leaking file (the fix's parent version) with
cocci-unwind, cppcheck and gcc -fanalyzer, and report recall per kind.

For every row of bench/realbugs/rows/*.tsv the parent version (fix_commit^) of the file's
folder and of the repository's headers is materialised with `git archive` from the local
mirror of the repository (/work/.mirror/<owner>+<name>/repo, made by the search tool's
`fetch`), then:
  cocci-unwind   ./run.sh check --format json --confidence all --summary-dir <folder> <file>
                 (the checkout this script lives in); flagged by the default output when a
                 finding of confidence "high" is in the row's function, by --confidence all
                 when any finding is;
  cppcheck       --library=posix --enable=warning,style --inconclusive -I <folder>; flagged
                 when a leak message (memleak, resourceLeak, ...) is in the row's function;
  gcc -fanalyzer gcc -fanalyzer -c -o /dev/null with -I the folder and the header folders,
                 an empty config.h and empty stand-ins for headers the build would generate;
                 flagged when a -Wanalyzer-*-leak warning is in the row's function; a file
                 that does not compile counts as "could not analyse".
Results: bench/realbugs/results.tsv (one line per row; rows not run this time keep their
previous line) and bench/realbugs/RESULTS.md (recall per kind, test half first).
Per-row details are printed for train rows only: do not look at test rows' code while
changing rules.
"""
import argparse
import concurrent.futures
import datetime
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKOUT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, CHECKOUT)
sys.path.insert(0, HERE)

from cocci_unwind.csyntax import function_spans  # noqa: E402
import split as splitmod  # noqa: E402

KINDS = ['memory', 'fd', 'file', 'dir', 'handle', 'lock', 'thread']
TOOLS = ['cocci_default', 'cocci_all', 'cppcheck', 'gcc_fanalyzer']
TOOL_TITLES = {'cocci_default': 'cocci-unwind (default)',
               'cocci_all': 'cocci-unwind --confidence all',
               'cppcheck': 'cppcheck 2.10', 'gcc_fanalyzer': 'gcc 12 -fanalyzer'}
TOOL_COLUMNS = {'cocci': ['cocci_default', 'cocci_all'], 'cppcheck': ['cppcheck'],
                'gcc': ['gcc_fanalyzer']}
TOOL_NOTE = {'cocci': 'cocci', 'cppcheck': 'cppcheck', 'gcc': 'gcc'}
RESULT_COLUMNS = ['project', 'fix_commit', 'file', 'function', 'resource', 'kind', 'split'] \
    + TOOLS + ['notes']
CPPCHECK_LEAK_IDS = {'memleak', 'resourceLeak', 'leakReturnValNotUsed', 'leakNoVarFunctionCall',
                     'memleakOnRealloc', 'deallocuse', 'deallocret', 'leakUnsafeArgAlloc',
                     'publicAllocationError'}
GCC_LEAK_RE = re.compile(r'\[-Wanalyzer-[a-z-]*leak[a-z-]*\]')
GCC_WARN_RE = re.compile(r'^(?P<file>[^:\n]+):(?P<line>\d+):(?:\d+:)? warning: (?P<msg>.*)$')
MISSING_HDR_RE = re.compile(r'fatal error: ([^:\s]+): No such file or directory')
PRINT_LOCK = threading.Lock()


def say(*a):
    with PRINT_LOCK:
        print(*a, flush=True)


def row_key(r):
    return (r['project'], r['fix_commit'], r['file'], r['function'], r['resource'])


def load_rows(rowdir=os.path.join(HERE, 'rows')):
    rows = []
    for name in sorted(os.listdir(rowdir)):
        if name.endswith('.tsv'):
            _, rs = splitmod.read_rows(os.path.join(rowdir, name))
            rows.extend(rs)
    return rows


def git(gitdir, *args, **kw):
    return subprocess.run(['git', '--git-dir', gitdir] + list(args), check=True,
                          capture_output=True, **kw).stdout


def mirror_of(mirrors, repo):
    gitdir = os.path.join(mirrors, repo.replace('/', '+'), 'repo')
    return gitdir if os.path.isdir(gitdir) else None


def materialise(gitdir, commit, path, dest):
    """Extract the parent version of the file's folder and every header of the tree."""
    parent = commit + '^'
    folder = os.path.dirname(path)
    names = git(gitdir, 'ls-tree', '-r', '--name-only', parent).decode('utf-8', 'replace')
    names = names.splitlines()
    if path not in names:
        raise FileNotFoundError('%s not in %s' % (path, parent))
    prefix = folder + '/' if folder else ''
    want = [n for n in names
            if (n.startswith(prefix) and (folder or '/' not in n))  # the folder (recursively)
            or n.endswith(('.h', '.h.in'))]                         # every header of the tree
    # the top-level folder of a repository can be large: keep its C sources and headers
    if not folder:
        want = [n for n in want if n.endswith(('.c', '.h'))]
    os.makedirs(dest, exist_ok=True)
    listfile = os.path.join(dest, '.paths')
    # git archive takes pathspecs; feed them in chunks to keep the command line short
    for i in range(0, len(want), 2000):
        arch = subprocess.run(['git', '--git-dir', gitdir, 'archive', parent, '--']
                              + [':(literal)' + n for n in want[i:i + 2000]],
                              check=True, capture_output=True).stdout
        subprocess.run(['tar', '-x', '-C', dest], input=arch, check=True)
    with open(listfile, 'w') as f:
        f.write('\n'.join(want))
    return folder


def spans_of(text, function):
    """Line spans of the definitions of `function` (also `MACRO(function) {` definitions)."""
    spans = []
    lines = text.splitlines()
    for name, first, last in function_spans(text):
        if name == function:
            spans.append((first, last))
            continue
        head = lines[first - 1] if 0 < first <= len(lines) else ''
        m = re.search(r'\b%s\s*\(\s*(\w+)\s*\)' % re.escape(name), head)
        if m and m.group(1) == function:
            spans.append((first, last))
    return spans


def in_spans(line, spans):
    return any(a <= line <= b for a, b in spans)


def run_cmd(cmd, cwd, timeout):
    t0 = time.time()
    try:
        p = subprocess.run(['nice'] + cmd, cwd=cwd, capture_output=True, timeout=timeout,
                           text=True, errors='replace')
        return p.returncode, p.stdout, p.stderr, time.time() - t0, False
    except subprocess.TimeoutExpired as e:
        return None, as_text(e.stdout), as_text(e.stderr), time.time() - t0, True


def as_text(data):
    return data.decode('utf-8', 'replace') if isinstance(data, bytes) else (data or '')


def same_resource(variable, resource):
    norm = lambda x: re.sub(r'\s+', '', (x or '')).lstrip('&')
    return norm(variable) == norm(resource)


def run_cocci(root, folder, path, spans, function, resource, args):
    cmd = [os.path.join(CHECKOUT, 'run.sh'), 'check', '--format', 'json', '--confidence', 'all',
           '--jobs', str(args.cocci_jobs), '--timeout', str(args.timeout),
           '--summary-dir', folder or '.', path]
    rc, out, err, secs, killed = run_cmd(cmd, root, args.timeout * 3 + 600)
    res = {'secs': secs, 'notes': [], 'details': []}
    if killed:
        res.update(default='NA', all='NA')
        res['notes'].append('cocci: killed after %ds' % secs)
        return res
    try:
        found = json.loads(out) if out.strip() else []
    except ValueError:
        res.update(default='NA', all='NA')
        res['notes'].append('cocci: no JSON (rc %s): %s' % (rc, err.strip().splitlines()[-1:]))
        return res
    mine = [f for f in found if f.get('file', '').endswith(path)
            and (f.get('function') == function or in_spans(int(f.get('line', 0)), spans))]
    res['default'] = '1' if any(f.get('confidence') == 'high' for f in mine) else '0'
    if mine:
        named = any(same_resource(f.get('variable'), resource) for f in mine)
        res['notes'].append('cocci: the row\'s resource is %samong the findings\' variables'
                            % ('' if named else 'not '))
    res['all'] = '1' if mine else '0'
    res['details'] = ['%s:%s: %s [%s, %s]' % (f['file'], f['line'], f.get('message'),
                                               f.get('rule'), f.get('confidence')) for f in mine]
    for line in err.splitlines():
        m = re.search(r':(\d+): parse error', line)
        if m:
            where = 'in the function' if in_spans(int(m.group(1)), spans) else 'elsewhere'
            res['notes'].append('cocci: parse error at line %s (%s)' % (m.group(1), where))
        elif 'timed out' in line and 'checked' not in line:
            res['notes'].append('cocci: spatch timed out')
            if res['all'] == '0':
                res.update(default='NA', all='NA')
        elif 'spatch failed' in line:
            res['notes'].append('cocci: spatch failed')
    return res


def run_cppcheck(root, folder, path, spans, args):
    cmd = ['cppcheck', '--library=posix', '--enable=warning,style', '--inconclusive', '-q',
           '--template={file}\t{line}\t{id}\t{severity}\t{message}',
           '-I', folder or '.', path]
    rc, out, err, secs, killed = run_cmd(cmd, root, args.tool_timeout)
    res = {'secs': secs, 'notes': [], 'details': []}
    if killed:
        res['flag'] = 'NA'
        res['notes'].append('cppcheck: timed out after %ds' % args.tool_timeout)
        return res
    hits = []
    for line in (out + '\n' + err).splitlines():
        cells = line.split('\t')
        if len(cells) >= 5 and cells[2] in CPPCHECK_LEAK_IDS and cells[0].endswith(path):
            try:
                ln = int(cells[1])
            except ValueError:
                continue
            if in_spans(ln, spans):
                hits.append('%s:%s: %s [%s]' % (cells[0], ln, cells[4], cells[2]))
    res['flag'] = '1' if hits else '0'
    res['details'] = hits
    if rc not in (0, None) and not hits:
        res['notes'].append('cppcheck: rc %s' % rc)
    return res


def include_dirs(root, folder):
    """-I: the file's folder, the tree's include/ (and include/uapi), lib/, the root; every
    other folder with headers and its parents as -iquote and -idirafter (so that a project
    header named like a system one, e.g. list.h or types.h, does not hide the system's)."""
    first = [os.path.join(root, folder) if folder else root]
    for extra in ('include', os.path.join('include', 'uapi'), 'lib', ''):
        d = os.path.join(root, extra) if extra else root
        if os.path.isdir(d) and d not in first:
            first.append(d)
    quote = set()
    for dp, dn, fn in os.walk(root):
        if os.path.basename(dp) == '.stubs':
            continue
        if any(f.endswith('.h') for f in fn):
            rel = os.path.relpath(dp, root)
            quote.add(dp)
            parent = os.path.dirname(rel)
            while parent:
                quote.add(os.path.join(root, parent))
                parent = os.path.dirname(parent)
    out = []
    for d in first:
        out += ['-I', d]
    for d in sorted(quote - set(first)):
        out += ['-iquote', d, '-idirafter', d]
    return out


# An empty config.h leaves the platform tests of portable projects failing (no stdint.h, no
# socklen_t ...): this stand-in says what a configure run on glibc/Linux says about them.
CONFIG_H = """/* stand-in config.h written by bench/realbugs/run.py: glibc/Linux */
#define STDC_HEADERS 1
#define PACKAGE "pkg"
#define PACKAGE_NAME "pkg"
#define PACKAGE_TARNAME "pkg"
#define PACKAGE_VERSION "0"
#define PACKAGE_STRING "pkg 0"
#define PACKAGE_BUGREPORT ""
#define VERSION "0"
#define SIZEOF_SHORT 2
#define SIZEOF_INT 4
#define SIZEOF_LONG 8
#define SIZEOF_LONG_LONG 8
#define SIZEOF_OFF_T 8
#define SIZEOF_SIZE_T 8
#define SIZEOF_VOID_P 8
""" + "".join("#define HAVE_%s 1\n" % m for m in """
STDINT_H INTTYPES_H STDLIB_H STRING_H STRINGS_H UNISTD_H ERRNO_H FCNTL_H LIMITS_H STDARG_H
SYS_TYPES_H SYS_STAT_H SYS_TIME_H SYS_SOCKET_H SYS_IOCTL_H SYS_WAIT_H SYS_MMAN_H SYS_PARAM_H
SYS_UIO_H SYS_RESOURCE_H SYS_SELECT_H SYS_UN_H SYS_FILE_H SYS_STATVFS_H SYS_UTSNAME_H
NETINET_IN_H ARPA_INET_H NETDB_H
DIRENT_H PWD_H GRP_H SIGNAL_H TIME_H LOCALE_H WCHAR_H WCTYPE_H CTYPE_H PTHREAD_H POLL_H
UTIME_H SYSLOG_H TERMIOS_H PATHS_H DLFCN_H LANGINFO_H FNMATCH_H GETOPT_H MNTENT_H
UINT8_T UINT16_T UINT32_T UINT64_T INT8_T INT16_T INT32_T INT64_T INTMAX_T UINTMAX_T
DECL_SIZE_MAX DECL_INT32_MAX DECL_INT32_MIN DECL_INT64_MAX DECL_INT64_MIN DECL_UINT32_MAX
DECL_UINT64_MAX DECL_INTMAX_MAX DECL_INTMAX_MIN DECL_UINTMAX_MAX
SOCKLEN_T BASENAME DIRNAME STRDUP STRNDUP STRERROR SNPRINTF VSNPRINTF MEMSET MEMMOVE
GETPID GETUID FORK PIPE DUP2 SETSID CHDIR CHROOT MMAP MUNMAP STAT LSTAT FSTAT OPEN CLOSE
GETADDRINFO GETNAMEINFO INET_NTOP INET_PTON POLL SELECT SIGACTION GETTIMEOFDAY CLOCK_GETTIME
LOCALTIME_R GMTIME_R STRTOLL STRTOULL OPENAT FSTATAT FCHDIR READLINK SYMLINK LINK
""".split())


SUBST = {'SIZEOF_SHORT': '2', 'SIZEOF_INT': '4', 'SIZEOF_LONG': '8', 'SIZEOF_LONG_LONG': '8',
         'SIZEOF_OFF_T': '8', 'SIZEOF_SIZE_T': '8', 'SIZEOF_VOID_P': '8'}


def find_template(root, hdr):
    want = '/' + hdr + '.in'
    for dp, dn, fn in os.walk(root):
        for f in fn:
            p = os.path.join(dp, f)
            if f.endswith('.h.in') and ('/' + os.path.relpath(p, root)).endswith(want):
                return p
    return None


def run_gcc(root, folder, path, spans, args):
    stub = os.path.join(root, '.stubs')
    os.makedirs(stub, exist_ok=True)
    if not os.path.exists(os.path.join(root, 'config.h')):
        with open(os.path.join(stub, 'config.h'), 'w') as f:
            f.write(CONFIG_H)
    base = ['gcc', '-std=gnu11', '-D_GNU_SOURCE', '-DHAVE_CONFIG_H']
    base += include_dirs(root, folder) + ['-I', stub]
    res = {'secs': 0.0, 'notes': [], 'details': []}
    stubbed = []
    # headers the build generates are absent: an empty stand-in lets many files compile
    for _ in range(6):
        rc, out, err, secs, killed = run_cmd(base + ['-fsyntax-only', path], root,
                                             args.tool_timeout)
        res['secs'] += secs
        m = MISSING_HDR_RE.search(err or '')
        if rc != 0 and m:
            hdr = m.group(1)
            target = os.path.join(stub, hdr)
            if os.path.exists(target):
                break
            os.makedirs(os.path.dirname(target), exist_ok=True)
            template = find_template(root, hdr)
            if template:
                # X.h.in of the tree, its @SUBST@ values set to 0
                with open(template, errors='replace') as f:
                    text = re.sub(r'(?m)^\s*@\w+@\s*$', '', f.read())
                text = re.sub(r'@(\w+)@', lambda m: SUBST.get(m.group(1), '0'), text)
                stubbed.append(hdr + ' (from its .in)')
            else:
                text = ''
                stubbed.append(hdr)
            with open(target, 'w') as f:
                f.write(text)
            continue
        break
    if stubbed:
        res['notes'].append('gcc: stand-ins for %s' % ', '.join(stubbed))
    if killed:
        res['flag'] = 'NA'
        res['notes'].append('gcc: timed out')
        return res
    if rc != 0:
        first = next((l for l in err.splitlines() if ' error: ' in l), err.strip()[:120])
        res['flag'] = 'NA'
        res['notes'].append('gcc: does not compile: %s'
                            % re.sub(r'^.*?error: ', '', first)[:120])
        return res
    rc, out, err, secs, killed = run_cmd(base + ['-fanalyzer', '-c', '-o', '/dev/null', path],
                                         root, args.tool_timeout)
    res['secs'] += secs
    if killed:
        res['flag'] = 'NA'
        res['notes'].append('gcc: -fanalyzer timed out after %ds' % args.tool_timeout)
        return res
    hits = []
    for line in err.splitlines():
        m = GCC_WARN_RE.match(line)
        if m and GCC_LEAK_RE.search(line) and m.group('file').endswith(path) \
                and in_spans(int(m.group('line')), spans):
            hits.append('%s:%s: %s' % (path, m.group('line'), m.group('msg')))
    res['flag'] = '1' if hits else '0'
    res['details'] = hits
    return res


def check_row(row, args, index, total):
    out = {c: row[c] for c in ('project', 'fix_commit', 'file', 'function', 'resource',
                               'kind', 'split')}
    for t in TOOLS:
        out[t] = 'NA'
    notes, details, times = [], [], {}
    label = ('%s %s %s %s' % (row['project'], row['fix_commit'][:10], row['file'],
                              row['function'])) if row['split'] == 'train' else 'a test row'
    gitdir = mirror_of(args.mirrors, row['repo'])
    root = os.path.join(args.work, '%s-%s-%d' % (row['project'], row['fix_commit'][:12], index))
    try:
        if not gitdir:
            notes.append('repo %s not fetched (use the search tool\'s fetch)' % row['repo'])
            return out, notes
        if os.path.exists(root):
            shutil.rmtree(root)
        try:
            folder = materialise(gitdir, row['fix_commit'], row['file'], root)
        except (subprocess.CalledProcessError, FileNotFoundError) as e:
            notes.append('row error: cannot materialise: %s' % str(e).strip()[:120])
            return out, notes
        with open(os.path.join(root, row['file']), encoding='utf-8', errors='replace') as f:
            text = f.read()
        spans = spans_of(text, row['function'])
        if not spans:
            notes.append('row error: function %s not found in the parent file' % row['function'])
            return out, notes
        runners = [
            ('cocci', 'cocci-unwind', lambda: run_cocci(root, folder, row['file'], spans,
                                                        row['function'], row['resource'], args),
             {'cocci_default': 'default', 'cocci_all': 'all'}),
            ('cppcheck', 'cppcheck', lambda: run_cppcheck(root, folder, row['file'], spans, args),
             {'cppcheck': 'flag'}),
            ('gcc', 'gcc', lambda: run_gcc(root, folder, row['file'], spans, args),
             {'gcc_fanalyzer': 'flag'})]
        for tool, title, runner, columns in runners:
            if tool not in args.tools:
                continue
            r = runner()
            for column, key in columns.items():
                out[column] = r[key]
            notes += r['notes']
            details += [title + ' ' + d for d in r['details']]
            times[tool] = r['secs']
        notes += ['%s: %d s' % (k, v) for k, v in times.items()]
        return out, notes
    finally:
        if not args.keep and os.path.exists(root):
            shutil.rmtree(root, ignore_errors=True)
        flags = ' '.join('%s=%s' % (t, out[t]) for t in TOOLS)
        if row['split'] == 'train':
            say('[%d/%d] %s: %s' % (index, total, label, flags))
            for d in details:
                say('    ' + d)
            for n in notes:
                say('    note: ' + n)
        else:
            say('[%d/%d] %s done (details hidden)' % (index, total, label))


def read_results(path):
    res = {}
    if not os.path.exists(path):
        return res
    with open(path) as f:
        lines = [l.rstrip('\n') for l in f if l.strip()]
    if not lines or lines[0].split('\t') != RESULT_COLUMNS:
        return res
    for line in lines[1:]:
        cells = line.split('\t')
        if len(cells) == len(RESULT_COLUMNS):
            r = dict(zip(RESULT_COLUMNS, cells))
            res[row_key(r)] = r
    return res


def write_results(path, results):
    with open(path, 'w') as f:
        f.write('\t'.join(RESULT_COLUMNS) + '\n')
        for r in results:
            f.write('\t'.join(r[c].replace('\t', ' ') for c in RESULT_COLUMNS) + '\n')


def cell(rows, tool):
    n = len(rows)
    k = sum(r[tool] == '1' for r in rows)
    return '%d/%d (%d %%)' % (k, n, round(100.0 * k / n)) if n else '-'


def table(rows):
    out = ['| kind | rows | ' + ' | '.join(TOOL_TITLES[t] for t in TOOLS) + ' |',
           '|---|---:|' + '---:|' * len(TOOLS)]
    for kind in KINDS:
        rs = [r for r in rows if r['kind'] == kind]
        if rs:
            out.append('| %s | %d | ' % (kind, len(rs)) + ' | '.join(cell(rs, t) for t in TOOLS)
                       + ' |')
    out.append('| **all** | %d | ' % len(rows) + ' | '.join('**%s**' % cell(rows, t)
                                                            for t in TOOLS) + ' |')
    return out


def not_analysed(rows):
    out = []
    for tool in TOOLS:
        na = [r for r in rows if r[tool] == 'NA']
        out.append('- %s: %d' % (TOOL_TITLES[tool], len(na)))
    return out


def reasons(rows):
    """Why rows could not be analysed, counted per reason (no row named: test rows hide)."""
    counts = {}
    for r in rows:
        for n in r['notes'].split(' | '):
            if n.startswith('gcc: does not compile'):
                key = 'gcc: does not compile (first error: missing types/macros of the build)'
            elif n.startswith('gcc: stand-ins'):
                key = 'gcc: needed stand-ins for headers the build generates'
            elif n.startswith('cocci: parse error') and 'in the function' in n:
                key = 'cocci: parse error inside the row\'s function'
            elif n.startswith('cocci: parse error'):
                key = 'cocci: parse error elsewhere in the file'
            elif n.startswith(('cocci: spatch timed out', 'cocci: killed', 'gcc: timed out',
                               'gcc: -fanalyzer timed out', 'cppcheck: timed out',
                               'row error', 'repo ', 'cocci: no JSON', 'cocci: spatch failed')):
                key = re.sub(r'\d+', 'N', n.split(':')[0] + ': ' + n.split(':')[1].strip()
                             if ':' in n else n)[:90]
            else:
                continue
            counts[key] = counts.get(key, 0) + 1
    return ['- %s: %d row%s' % (k, v, '' if v == 1 else 's') for k, v in sorted(counts.items())]


def write_report(path, results, meta):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    lines = ['# Real-bug benchmark: results', '',
             'Generated by `bench/realbugs/run.py` (%s). Each row is an upstream commit that fixed '
             'a resource leak on an error or early-exit path; each tool checks the fix\'s parent '
             'version of the file (with its folder) and a row counts as flagged when the tool '
             'reports a leak inside the row\'s function. Recall = rows flagged / rows; rows a '
             'tool could not analyse count as not flagged (their number is given below).'
             % meta['when'], '',
             'Run: %s.' % meta['how'], '']
    projects = sorted({r['project'] for r in results})
    lines += ['Projects (%d): %s.' % (len(projects), ', '.join(
        '%s %d' % (p, sum(r['project'] == p for r in results)) for p in projects)), '']
    for half in ('test', 'train'):
        rows = [r for r in results if r['split'] == half]
        title = {'test': 'Test half (the figure that counts; do not read these rows\' code '
                         'while changing rules)',
                 'train': 'Train half'}[half]
        lines += ['## %s' % title, '']
        if not rows:
            lines += ['No rows.', '']
            continue
        lines += table(rows) + ['', 'Rows that could not be analysed:', ''] \
            + not_analysed(rows) + ['', 'Why (a row can have several notes):', ''] \
            + (reasons(rows) or ['- nothing']) + ['']
    lines += ['## Both halves', ''] + table(results) + ['']
    compiled = [r for r in results if r['gcc_fanalyzer'] != 'NA']
    if compiled:
        lines += ['On the %d rows (both halves) gcc could compile, so that the four tools see '
                  'the same files: ' % len(compiled)
                  + ', '.join('%s %s' % (TOOL_TITLES[t], cell(compiled, t)) for t in TOOLS)
                  + '.', '']
    spent = {}
    for r in results:
        for n in r['notes'].split(' | '):
            m = re.match(r'(cocci|cppcheck|gcc): (\d+) s$', n)
            if m:
                spent[m.group(1)] = spent.get(m.group(1), 0) + int(m.group(2))
    if spent:
        lines += ['Time spent, summed over the rows (materialising the folder not counted): '
                  + ', '.join('%s %.0f min' % (k, v / 60.0) for k, v in sorted(spent.items()))
                  + '.', '']
    lines += ['## Per project (both halves)', '',
              '| project | rows | ' + ' | '.join(TOOL_TITLES[t] for t in TOOLS) + ' |',
              '|---|---:|' + '---:|' * len(TOOLS)]
    for p in projects:
        rs = [r for r in results if r['project'] == p]
        lines.append('| %s | %d | ' % (p, len(rs)) + ' | '.join(cell(rs, t) for t in TOOLS)
                     + ' |')
    lines.append('')
    with open(path, 'w') as f:
        f.write('\n'.join(lines))


def merge_results(path, rows, new, tools):
    """Write results.tsv: the rows just checked (`new`) over the file's previous lines; tools
    not run this time keep their previous cells and notes. Lines follow the rows files'
    order; a row gone from the rows files is dropped. Returns the merged lines."""
    old = read_results(path)
    kept = [t for t in TOOL_NOTE if t not in tools]
    merged = []
    for r in rows:
        k = row_key(r)
        if k in new and k in old:
            n, o = dict(new[k]), old[k]
            for t in kept:
                for col in TOOL_COLUMNS[t]:
                    n[col] = o[col]
            onotes = [x for x in o['notes'].split(' | ') if x]
            nnotes = [x for x in n['notes'].split(' | ') if x]
            nnotes = [x for x in nnotes if not any(x.startswith(TOOL_NOTE[t]) for t in kept)]
            nnotes += [x for x in onotes if any(x.startswith(TOOL_NOTE[t]) for t in kept)]
            n['notes'] = ' | '.join(dict.fromkeys(nnotes))
            merged.append(n)
        elif k in new:
            merged.append(new[k])
        elif k in old:
            o = dict(old[k])
            o['split'], o['kind'] = r['split'], r['kind']
            merged.append(o)
    tmp = path + '.tmp'
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    write_results(tmp, merged)
    os.replace(tmp, path)
    return merged


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--split', choices=['train', 'test', 'all'], default='all')
    ap.add_argument('--only', action='append', default=[], metavar='PROJECT',
                    help='run only this project (repeatable)')
    ap.add_argument('--jobs', type=int, default=1, help='rows checked in parallel (default 1)')
    ap.add_argument('--cocci-jobs', type=int, default=1,
                    help='--jobs given to run.sh check (default 1)')
    ap.add_argument('--work', default=None, help='scratch folder (default: a new one in /tmp)')
    ap.add_argument('--keep', action='store_true', help='keep the scratch folders')
    ap.add_argument('--timeout', type=int, default=600, help='spatch timeout per file (s)')
    ap.add_argument('--tool-timeout', type=int, default=600,
                    help='timeout of one cppcheck or gcc run (s)')
    ap.add_argument('--tools', default='cocci,cppcheck,gcc',
                    help='comma list among cocci,cppcheck,gcc (default: all three)')
    ap.add_argument('--mirrors', default='/work/.mirror',
                    help='folder of the fetched repositories (<owner>+<name>/repo)')
    ap.add_argument('--rows', default=os.path.join(HERE, 'rows'),
                    help='folder of the rows files (default: bench/realbugs/rows)')
    ap.add_argument('--results', default=os.path.join(HERE, 'results.tsv'))
    ap.add_argument('--report', default=os.path.join(HERE, 'RESULTS.md'))
    ap.add_argument('--limit', type=int, default=0, help='check only the first N rows (testing)')
    ap.add_argument('--report-only', action='store_true',
                    help='only rewrite RESULTS.md from results.tsv')
    args = ap.parse_args(argv)
    args.tools = set(args.tools.split(','))
    if args.report_only:
        rows = load_rows(args.rows)
        old = read_results(args.results)
        merged = [old[row_key(r)] for r in rows if row_key(r) in old]
        write_report(args.report, merged, {
            'when': datetime.datetime.utcnow().strftime('%Y-%m-%d %H:%M UTC'),
            'how': 'report rewritten from results.tsv (%d rows); per-tool time below'
                   % len(merged)})
        return 0
    made_work = args.work is None
    args.work = args.work or tempfile.mkdtemp(prefix='realbugs-')
    os.makedirs(args.work, exist_ok=True)

    rows = load_rows(args.rows)
    todo = [r for r in rows if (args.split == 'all' or r['split'] == args.split)
            and (not args.only or r['project'] in args.only)]
    if any(not r['split'] for r in todo):
        raise SystemExit('some rows have no split: run bench/realbugs/split.py first')
    if args.limit:
        todo = todo[:args.limit]
    t0 = time.time()
    say('checking %d of %d rows, %d in parallel, scratch %s' % (len(todo), len(rows), args.jobs,
                                                                 args.work))
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        futs = {ex.submit(check_row, r, args, i + 1, len(todo)): r for i, r in enumerate(todo)}
        for fut in concurrent.futures.as_completed(futs):
            r = futs[fut]
            try:
                out, notes = fut.result()
            except Exception as e:  # a crash in one row must not lose the others
                out = {c: r[c] for c in ('project', 'fix_commit', 'file', 'function',
                                         'resource', 'kind', 'split')}
                for t in TOOLS:
                    out[t] = 'NA'
                notes = ['script error: %s' % e]
            out['notes'] = ' | '.join(notes)
            # each row is merged into results.tsv as soon as it is done: an interrupted run
            # keeps what it checked
            merged = merge_results(args.results, rows, {row_key(r): out}, args.tools)
    elapsed = time.time() - t0
    if made_work and not args.keep:
        shutil.rmtree(args.work, ignore_errors=True)
    merged = merge_results(args.results, rows, {}, args.tools)
    how = ('%d rows checked in %.0f min with --jobs %d (tools: %s)'
           % (len(todo), elapsed / 60, args.jobs, ', '.join(sorted(args.tools))))
    write_report(args.report, merged, {
        'when': datetime.datetime.utcnow().strftime('%Y-%m-%d %H:%M UTC'), 'how': how})
    say('%s; %d rows in %s, report in %s' % (how, len(merged), os.path.relpath(args.results),
                                            os.path.relpath(args.report)))
    for half in ('test', 'train'):
        rs = [r for r in merged if r['split'] == half]
        if rs:
            say('%s half: %s' % (half, ', '.join('%s %s' % (t, cell(rs, t)) for t in TOOLS)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
