#!/usr/bin/env bash
# cocci-unwind benchmark over a fixed list of Debian source packages (a measurement, not a test).
#
#   bench/run-all.sh [--jobs N] [--cache DIR] [--results DIR] [--only "PKG ..."] [--table-only]
#
#   --jobs     passed to run.sh check (default: nproc)
#   --cache    where sources live (default: /work/srccache); fetched when missing (needs root)
#   --results  per-package figures PKG.json, the bench.sh log PKG.md and PKG.elapsed
#              (default: bench/results)
#   --only     run these packages of the list only (the table still has every package with
#              figures in --results)
#   --table-only  run nothing; rebuild the table from --results
#
# Runs bench/bench.sh on each package of the list below, one after the other, then writes
# bench/RESULTS.md (the Markdown table), bench/results.json (the figures without the
# findings) and the table between the bench markers of README.md.
{
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MAIN="$(dirname "$HERE")"
PY=/usr/bin/python3
JOBS="$(nproc)" CACHE=/work/srccache RESULTS="$HERE/results" ONLY="" TABLE_ONLY=0
while [ $# -gt 0 ]; do
    case "$1" in
        --jobs) JOBS="$2"; shift 2 ;;
        --cache) CACHE="$2"; shift 2 ;;
        --results) RESULTS="$2"; shift 2 ;;
        --only) ONLY="$2"; shift 2 ;;
        --table-only) TABLE_ONLY=1; shift ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run-all.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

# package | folders measured (empty: the whole tree) | folder names excluded besides
# bench.sh's default (tests docs examples debian) | why a subset
# A subset keeps the run within about an hour on 2 shared cores; the folders are the
# package's own code in its usual style, not vendored or generated code.
PACKAGES="
zlib||contrib test examples doc|top folder, not contrib/ or test/
htop|||
libuv1|src/unix||the Unix backend
git|refs reftable xdiff||not builtin/ (83 kLOC)
libgit2|src/util src/libgit2/transports|sha1dc|not the vendored sha1dc (its sha1.c holds spatch's parser > 100 s)
openssh|openbsd-compat|regress|the portability layer
nginx|src/core src/event||core and event loop
util-linux|lib libmount||
busybox|archival procps||
tmux|||
curl|lib src include||
"
mkdir -p "$RESULTS"
jsons=()
while IFS='|' read -r pkg dirs exclude why; do
    [ -n "$pkg" ] || continue
    if [ "$TABLE_ONLY" = 0 ] && { [ -z "$ONLY" ] || [[ " $ONLY " == *" $pkg "* ]]; }; then
        echo "run-all: $pkg" >&2
        args=("$pkg" "$CACHE" --jobs "$JOBS" --out "$RESULTS/$pkg.json")
        [ -n "$dirs" ] && args+=(--dirs "$dirs")
        [ -n "$exclude" ] && args+=(--exclude "tests docs examples debian $exclude")
        [ -n "$why" ] && args+=(--subset "${dirs:-whole tree}: $why")
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
    --out "$HERE/results.json" --readme "$MAIN/README.md"
exit $?
}
