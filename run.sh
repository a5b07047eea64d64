#!/usr/bin/env bash
# cocci-unwind: the one entry point.
#   ./run.sh check [PATH...]   report exits that leak a resource (default: examples/)
#   ./run.sh fix --style goto|release|cleanup [--dialect D] [--in-place] [PATH...]   rewrite them
#   ./run.sh setup             install what the pack needs (Debian: coccinelle, python3)
#   ./run.sh merge REPORT...   join the JSON or SARIF reports of --shard runs into one
#   ./run.sh test              run the test suite
#   ./run.sh gen [--check]     regenerate cocci/*.cocci from cocci_unwind/resources.table
#   ./run.sh verify FILE...    prove C cases by execution: every error path, leaks at exit
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY=/usr/bin/python3

need() {
    local missing=()
    [ "${1:-}" = verify ] || command -v spatch >/dev/null 2>&1 || missing+=(coccinelle)
    [ -x "$PY" ] || missing+=(python3)
    if [ "${1:-}" = test ]; then
        "$PY" -c 'import pytest' >/dev/null 2>&1 || missing+=(python3-pytest)
        "$PY" -c 'import xdist' >/dev/null 2>&1 || missing+=(python3-pytest-xdist)
        "$PY" -c 'import yaml' >/dev/null 2>&1 || missing+=(python3-yaml)
        command -v git >/dev/null 2>&1 || missing+=(git)
        command -v npm >/dev/null 2>&1 || missing+=(npm)
        command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
        # the README's make and meson recipes are run by tests/test_recipes.py
        command -v make >/dev/null 2>&1 || missing+=(make)
        command -v meson >/dev/null 2>&1 || missing+=(meson)
        command -v ninja >/dev/null 2>&1 || missing+=(ninja-build)
        # the library packs' corpus cases are compiled and run against the real libraries
        for dev in libglib2.0-dev libssl-dev libcurl4-openssl-dev libsqlite3-dev zlib1g-dev \
                   libxml2-dev libarchive-dev libmbedtls-dev; do
            dpkg -s "$dev" >/dev/null 2>&1 || missing+=("$dev")
        done
    fi
    if [ "${1:-}" = test ] || [ "${1:-}" = verify ]; then
        command -v gcc >/dev/null 2>&1 || missing+=(gcc)
        command -v clang >/dev/null 2>&1 || missing+=(clang)
        command -v valgrind >/dev/null 2>&1 || missing+=(valgrind)
        command -v addr2line >/dev/null 2>&1 || missing+=(binutils)
    fi
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" != 0 ]; then
        echo "cocci-unwind: missing ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root" >&2
        exit 2
    fi
    echo "cocci-unwind: installing ${missing[*]} from Debian's packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq "${missing[@]}" >&2
}

# The SARIF Multitool validates our SARIF output in the tests (npm, into .tools/).
SARIF_TOOL="$HERE/.tools/node_modules/.bin/sarif-multitool"
need_sarif_tool() {
    [ -x "$SARIF_TOOL" ] && return 0
    echo "cocci-unwind: installing the SARIF Multitool from npm into .tools/" >&2
    npm install --prefix "$HERE/.tools" --no-audit --no-fund --loglevel=error \
        @microsoft/sarif-multitool@5.7.0 >&2
    # its postinstall (chmod) may be skipped by npm's install-script policy
    chmod u+x "$HERE"/.tools/node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool 2>/dev/null || true
}

cmd="${1:-check}"
case "$cmd" in
    setup) need test; need_sarif_tool ;;
    test)
        shift
        need test
        need_sarif_tool
        # one worker per core; a test file goes whole to one worker (its module fixtures are
        # built once), but a corpus fixed in one style or dialect is its own group (tests/
        # conftest.py): the suite is mostly spatch and compiler runs, each on one core
        cd "$HERE" && exec "$PY" -m pytest -q -n "$(nproc)" --dist loadgroup "$@" tests ;;
    check|gen|merge)
        need
        shift || true
        PYTHONPATH="$HERE${PYTHONPATH:+:$PYTHONPATH}" exec "$PY" -m cocci_unwind.cli "$cmd" "$@" ;;
    verify)
        need verify
        shift
        PYTHONPATH="$HERE${PYTHONPATH:+:$PYTHONPATH}" exec "$PY" -m cocci_unwind.verify "$@" ;;
    fix)
        need
        shift
        PYTHONPATH="$HERE${PYTHONPATH:+:$PYTHONPATH}" exec "$PY" -m cocci_unwind.fix "$@" ;;
    -h|--help|help)
        sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' ;;
    *)
        echo "cocci-unwind: unknown command '$cmd' (check, fix, merge, setup, test, gen, verify)" >&2
        exit 2 ;;
esac
