#!/usr/bin/env bash
# cocci-unwind benchmark on a Debian source package (a measurement, not a test).
#
#   bench/bench.sh [PKG] [CACHE] [--dirs "lib src include"] [--exclude "tests docs examples"]
#                  [--out FILE] [--jobs N] [--labels FILE] [--with-headers]
#
#   PKG      Debian source package (default: curl)
#   CACHE    where sources live, one folder per package (default: /work/srccache)
#   --dirs   folders of the source tree whose *.c files are measured (default: lib src include
#            for curl, the whole tree otherwise)
#   --exclude folder names skipped anywhere under those folders (default: tests docs examples
#            debian; hidden folders such as quilt's .pc/ are always skipped)
#   --names  only files whose name matches one of these globs, e.g. "cmd-*.c" (default: *.c)
#   --summary-dirs  folders of the tree (e.g. "lib") whose C files the summary pass also
#            reads (run.sh check --summary-dir): the project's wrappers and sinks outside the
#            measured subset, as a run over the whole tree would know them
#   --with-headers  measure *.h files too (run.sh check reads macros such as release
#            wrappers from the files it is given; a folder given to run.sh brings its headers)
#   --out    JSON figures (default: /tmp/cocci-unwind-bench.json)
#   --jobs   passed to run.sh check (default: nproc)
#   --labels hand labels of findings, TSV (default: bench/labels/PKG.tsv when it exists):
#            precision per confidence is printed from it
#   --subset TEXT  how the measured files were chosen, for the table (default: the folders)
#   --fix-styles "release goto cleanup"  fix mode styles measured after the check, each on a
#            copy of the tree, with a compile check of every file it changes (bench/fix_check.py;
#            "none": no fix mode)
#   --cflags FLAGS  compiler flags for that compile check and for fix mode's own (--cc), with
#            paths relative to the source root, e.g. "-I include -I lib"
#   --configure CMD  run once in the source root before measuring (e.g. "./configure"), so
#            that configuration headers exist for the compile check; with --build-dep, the
#            package's Debian build dependencies are installed first (apt-get build-dep, root)
#
# When the source is missing: adds a deb-src entry if apt has none, runs apt-get update,
# apt-get source --download-only PKG and dpkg-source -x into CACHE/PKG (needs root).
# Measures, in one run: files, lines of C, the bare parse (spatch --parse-c over all files in
# one process, with the macro file check generates: cocci/macros.h and the tree's own attribute
# and qualifier macros, cocci_unwind/macros.py; once more without any macro file for the parse
# rate before it), functions checked of functions present in each (a function meeting a region
# spatch could not parse is not checked), and run.sh check --format json-report --confidence all
# over the same files under /usr/bin/time -v (its findings, and what it could not check: each
# function lost to a parse error, a spatch failure or a timeout); prints a Markdown table and
# writes the figures as JSON.
{ # the whole script is read before it runs, so editing it meanwhile is safe
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MAIN="$(dirname "$HERE")"
PY=/usr/bin/python3

PKG="" CACHE="" DIRS="" EXCLUDE="tests docs examples debian" OUT=/tmp/cocci-unwind-bench.json
JOBS="$(nproc)" LABELS="" HEADERS=0 SUBSET="" NAMES="" SUMDIRS=""
FIX_STYLES="release goto cleanup" CFLAGS="" CONFIGURE="" BUILD_DEP=0
pos=()
while [ $# -gt 0 ]; do
    case "$1" in
        --dirs) DIRS="$2"; shift 2 ;;
        --exclude) EXCLUDE="$2"; shift 2 ;;
        --out) OUT="$2"; shift 2 ;;
        --jobs) JOBS="$2"; shift 2 ;;
        --labels) LABELS="$2"; shift 2 ;;
        --with-headers) HEADERS=1; shift ;;
        --subset) SUBSET="$2"; shift 2 ;;
        --names) NAMES="$2"; shift 2 ;;
        --summary-dirs) SUMDIRS="$2"; shift 2 ;;
        --fix-styles) FIX_STYLES="$2"; shift 2 ;;
        --cflags) CFLAGS="$2"; shift 2 ;;
        --configure) CONFIGURE="$2"; shift 2 ;;
        --build-dep) BUILD_DEP=1; shift ;;
        -h|--help) sed -n '2,36p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
        *) pos+=("$1"); shift ;;
    esac
done
PKG="${pos[0]:-curl}"
CACHE="${pos[1]:-/work/srccache}"
if [ -z "$DIRS" ] && [ "$PKG" = curl ]; then DIRS="lib src include"; fi
if [ -z "$LABELS" ] && [ -f "$HERE/labels/$PKG.tsv" ]; then LABELS="$HERE/labels/$PKG.tsv"; fi

log() { echo "bench: $*" >&2; }

apt_install() {  # apt_install PKG...: Debian packages, as root
    if [ "$(id -u)" != 0 ]; then log "missing $*: apt-get install $* (as root)"; exit 2; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

# --- the source -------------------------------------------------------------------------
SRC="$CACHE/$PKG"
if [ ! -d "$SRC" ]; then
    found="$(find "$CACHE" -maxdepth 1 -type d -name "$PKG-[0-9]*" 2>/dev/null | sort -V | tail -1)"
    [ -n "$found" ] && SRC="$found"
fi
if [ ! -d "$SRC" ]; then
    if [ "$(id -u)" != 0 ]; then log "$SRC missing and not root: cannot fetch the source"; exit 2; fi
    mkdir -p "$CACHE"
    if ! grep -rqsE '^[[:space:]]*(deb-src[[:space:]]|Types:.*deb-src)' \
            /etc/apt/sources.list /etc/apt/sources.list.d/; then
        log "no deb-src entry: adding /etc/apt/sources.list.d/debian-src.sources"
        cat > /etc/apt/sources.list.d/debian-src.sources <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    fi
    command -v dpkg-source >/dev/null || { apt-get update -qq >&2; apt_install dpkg-dev; }
    log "fetching the source of $PKG"
    apt-get update -qq >&2
    (cd "$CACHE" && apt-get source --download-only "$PKG" >&2)
    dsc="$(ls -t "$CACHE"/"$PKG"_*.dsc 2>/dev/null | head -1)"
    [ -n "$dsc" ] || { log "apt-get source gave no .dsc for $PKG"; exit 2; }
    dpkg-source -x "$dsc" "$SRC" >&2
fi
command -v /usr/bin/time >/dev/null 2>&1 || { apt-get update -qq >&2; apt_install time; }
if [ -n "$CONFIGURE" ] && [ ! -f "$SRC/.cocci-unwind-configured" ]; then
    if [ "$BUILD_DEP" = 1 ]; then
        if [ "$(id -u)" = 0 ]; then
            log "installing the build dependencies of $PKG (apt-get build-dep)"
            DEBIAN_FRONTEND=noninteractive apt-get build-dep -y -qq "$PKG" >&2 || log "apt-get build-dep $PKG failed"
        else
            log "not root: build dependencies of $PKG not installed"
        fi
    fi
    log "configuring $PKG: $CONFIGURE"
    if (cd "$SRC" && sh -c "$CONFIGURE") > "$CACHE/$PKG.configure.log" 2>&1; then
        touch "$SRC/.cocci-unwind-configured"
    else
        log "configure failed (see $CACHE/$PKG.configure.log): the compile check may not judge its files"
    fi
fi
[ -x /usr/bin/time ] || { log "/usr/bin/time missing"; exit 2; }

# --- the files --------------------------------------------------------------------------
WORK="$(mktemp -d /tmp/cocci-unwind-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
roots=()
if [ -n "$DIRS" ]; then
    for d in $DIRS; do
        if [ -d "$SRC/$d" ]; then roots+=("$SRC/$d"); else log "no folder $SRC/$d (skipped)"; fi
    done
else
    roots=("$SRC")
fi
[ ${#roots[@]} -gt 0 ] || { log "no folder to measure"; exit 2; }
prune=(-name '.*' -prune)
for x in $EXCLUDE; do prune+=(-o -name "$x" -prune); done
names=(-name '*.c')
[ "$HEADERS" = 1 ] && names=(\( -name '*.c' -o -name '*.h' \))
if [ -n "$NAMES" ]; then
    names=(\()
    set -f
    for g in $NAMES; do names+=(-name "$g" -o); done
    set +f
    names[${#names[@]}-1]=\)
fi
find "${roots[@]}" -mindepth 1 -type d \( "${prune[@]}" \) -o -type f "${names[@]}" -print \
    | LC_ALL=C sort > "$WORK/files"
nfiles=$(wc -l < "$WORK/files")
[ "$nfiles" -gt 0 ] || { log "no C files under ${roots[*]}"; exit 2; }
mapfile -t FILES < "$WORK/files"
log "$PKG: $nfiles C files under ${roots[*]#$SRC/}"

# --- the bare parse ---------------------------------------------------------------------
# Without the macro file first (the parse rate before it), then as check parses (timed).
log "parsing without a macro file (spatch --parse-c, one process)"
set +e
spatch --python "$PY" --parse-c "${FILES[@]}" > "$WORK/parse0.out" 2>&1
PYTHONPATH="$MAIN" "$PY" -m cocci_unwind.macros "${FILES[@]}" > "$WORK/macros.h"
log "parsing (spatch --parse-c --macro-file: cocci/macros.h and $(grep -c '^#define' "$WORK/macros.h") macros in all, one process)"
/usr/bin/time -v -o "$WORK/parse.time" \
    spatch --python "$PY" --macro-file "$WORK/macros.h" --parse-c "${FILES[@]}" \
    > "$WORK/parse.out" 2>&1
parse_rc=$?
set -e
[ "$parse_rc" = 0 ] || log "spatch --parse-c exited $parse_rc"

# --- the check --------------------------------------------------------------------------
log "checking (run.sh check --jobs $JOBS --confidence all)"
set +e
sumargs=()
for d in $SUMDIRS; do
    if [ -d "$SRC/$d" ]; then sumargs+=(--summary-dir "$SRC/$d"); else log "no folder $SRC/$d"; fi
done
[ ${#sumargs[@]} -gt 0 ] && log "summary pass also reads: $SUMDIRS"
/usr/bin/time -v -o "$WORK/check.time" \
    "$MAIN/run.sh" check --format json-report --jobs "$JOBS" --confidence all "${sumargs[@]}" "${FILES[@]}" \
    > "$WORK/check.json" 2> "$WORK/check.err"
check_rc=$?
set -e
if [ "$check_rc" -gt 1 ]; then log "run.sh check exited $check_rc:"; tail -20 "$WORK/check.err" >&2; fi

# --- fix mode, with a compile check of what it changes -----------------------------------
fix_rc=0
if [ "$FIX_STYLES" != none ]; then
    log "fix mode: $FIX_STYLES (each on a copy of the tree)"
    fixargs=()
    for d in $SUMDIRS; do [ -d "$SRC/$d" ] && fixargs+=(--summary-dir "$SRC/$d"); done
    set +e
    "$PY" "$HERE/fix_check.py" --source "$SRC" --files "$WORK/files" --styles "$FIX_STYLES" \
        --jobs "$JOBS" --cflags="$CFLAGS" "${fixargs[@]}" --out "$WORK/fix.json"
    fix_rc=$?
    set -e
    case "$fix_rc" in
        0) ;;
        1) log "FAILURE: a fix added a compiler error (see above)" ;;
        *) log "FAILURE: fix_check.py exited $fix_rc (see above)" ;;
    esac
fi

mkdir -p "$(dirname "$OUT")"
version=""
[ -f "$SRC/debian/changelog" ] && version="$(dpkg-parsechangelog -l "$SRC/debian/changelog" -S Version 2>/dev/null || true)"
"$PY" "$HERE/bench_report.py" report --package "$PKG" --source "$SRC" --files "$WORK/files" \
    --version "$version" --subset "${SUBSET:-${DIRS:-whole tree}${NAMES:+ ($NAMES)}}" \
    --exclude "$EXCLUDE" \
    --parse0-out "$WORK/parse0.out" --parse-out "$WORK/parse.out" --parse-time "$WORK/parse.time" --parse-rc "$parse_rc" \
    --check-json "$WORK/check.json" --check-err "$WORK/check.err" \
    --check-time "$WORK/check.time" --check-rc "$check_rc" --jobs "$JOBS" \
    ${LABELS:+--labels "$LABELS"} --fix-json "$WORK/fix.json" --out "$OUT"
rc=$?
[ "$fix_rc" = 0 ] || exit 1
exit $rc
}
