#!/usr/bin/env bash
# cocci-unwind benchmark over a fixed list of Debian source packages (a measurement, not a test).
#
#   bench/run-all.sh [--jobs N] [--cache DIR] [--results DIR] [--only "PKG ..."] [--table-only]
#                     [--fix-styles "release goto cleanup"]
#
#   --jobs     passed to run.sh check (default: nproc)
#   --cache    where sources live (default: /work/srccache); fetched when missing (needs root)
#   --results  per-package figures PKG.json, the bench.sh log PKG.md and PKG.elapsed
#              (default: bench/results)
#   --only     run these packages of the list only (the table still has every package with
#              figures in --results)
#   --table-only  run nothing; rebuild the table from --results
#   --fix-styles  fix mode styles measured (default: release goto cleanup; "none": no fix mode)
#
# Runs bench/bench.sh on each package of the list below, one after the other, then writes
# bench/RESULTS.md (the Markdown table), bench/results.json (the figures without the
# findings) and the table between the bench markers of docs/benchmarks.md.
{
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MAIN="$(dirname "$HERE")"
PY=/usr/bin/python3
JOBS="$(nproc)" CACHE=/work/srccache RESULTS="$HERE/results" ONLY="" TABLE_ONLY=0 FIX_STYLES=""
while [ $# -gt 0 ]; do
    case "$1" in
        --jobs) JOBS="$2"; shift 2 ;;
        --cache) CACHE="$2"; shift 2 ;;
        --results) RESULTS="$2"; shift 2 ;;
        --only) ONLY="$2"; shift 2 ;;
        --table-only) TABLE_ONLY=1; shift ;;
        --fix-styles) FIX_STYLES="$2"; shift 2 ;;
        -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run-all.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

# package | folders measured (empty: the whole tree) | file names measured (globs; empty: all
# *.c) | folder names excluded besides bench.sh's default (tests docs examples debian) | why
# | folders whose C files the summary pass also reads (the rest of the tree the subset uses)
# | compiler flags of the compile check of fix mode's rewrites (paths from the source root)
# | configuration command run once first, with the package's build dependencies installed
# Subsets of 10 to 30 kLOC are each package's own code, not vendored or generated code.
PACKAGES="
zlib|||contrib test examples doc|top folder, not contrib/ or test/||-I.|
htop||||whole tree||-I. -Ilinux|./autogen.sh && ./configure
libuv1|src/unix|fs.c process.c pipe.c tcp.c udp.c core.c stream.c|||src/unix|-Iinclude -Isrc -D_GNU_SOURCE|
git|reftable xdiff||||reftable xdiff|-I. -Ireftable -Ixdiff|
libgit2|src/libgit2/transports||||src/libgit2 src/util|-Iinclude -Isrc/libgit2 -Isrc/util -Icocci-build/src|cmake -S . -B cocci-build -DBUILD_TESTS=OFF -DBUILD_CLI=OFF -DREGEX_BACKEND=pcre2 -DUSE_HTTPS=mbedTLS -DUSE_HTTP_PARSER=system -DUSE_NTLMCLIENT=OFF -DUSE_SSH=ON -DUSE_GSSAPI=ON
openssh|.|auth*.c|openbsd-compat regress contrib||.|-I. -Iopenbsd-compat|autoreconf && ./configure
nginx|src/event||||src/core src/event src/os/unix|-Isrc/core -Isrc/event -Isrc/event/modules -Isrc/os/unix -Iobjs|./configure
util-linux|lib|||||-I. -Iinclude|./configure
busybox|procps loginutils||||libbb|-Iinclude -Ilibbb -D_GNU_SOURCE -include include/autoconf.h|make defconfig
tmux||cmd-*.c|||.|-I. -Icompat|./configure
curl|lib/vtls||||lib|-Iinclude -Ilib -DHAVE_CONFIG_H -DBUILDING_LIBCURL|./configure --with-openssl --without-libpsl
"
mkdir -p "$RESULTS"
jsons=()
while IFS='|' read -r pkg dirs names exclude why sumdirs cflags configure; do
    [ -n "$pkg" ] || continue
    if [ "$TABLE_ONLY" = 0 ] && { [ -z "$ONLY" ] || [[ " $ONLY " == *" $pkg "* ]]; }; then
        echo "run-all: $pkg" >&2
        args=("$pkg" "$CACHE" --jobs "$JOBS" --out "$RESULTS/$pkg.json")
        [ -n "$dirs" ] && args+=(--dirs "$dirs")
        [ -n "$names" ] && args+=(--names "$names")
        [ -n "$exclude" ] && args+=(--exclude "tests docs examples debian $exclude")
        [ -n "$why" ] && args+=(--subset "$why")
        [ -n "$sumdirs" ] && args+=(--summary-dirs "$sumdirs")
        [ -n "$cflags" ] && args+=(--cflags "$cflags")
        [ -n "$configure" ] && args+=(--configure "$configure" --build-dep)
        [ -n "$FIX_STYLES" ] && args+=(--fix-styles "$FIX_STYLES")
        start=$(date +%s.%N)
        if "$HERE/bench.sh" "${args[@]}" > "$RESULTS/$pkg.md" 2> "$RESULTS/$pkg.log"; then :; else
            echo "run-all: bench.sh $pkg failed (see $RESULTS/$pkg.log)" >&2
        fi
        end=$(date +%s.%N)
        "$PY" -c "import sys; print('%.1f' % (float(sys.argv[2]) - float(sys.argv[1])))" \
            "$start" "$end" > "$RESULTS/$pkg.elapsed"
    fi
    [ -f "$RESULTS/$pkg.json" ] && jsons+=("$RESULTS/$pkg.json")
done <<< "$PACKAGES"
[ ${#jsons[@]} -gt 0 ] || { echo "run-all: no figures in $RESULTS" >&2; exit 2; }
"$PY" "$HERE/bench_report.py" table "${jsons[@]}" --markdown "$HERE/RESULTS.md" \
    --out "$HERE/results.json" --doc "$MAIN/docs/benchmarks.md"
exit $?
}
