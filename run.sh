#!/usr/bin/env bash
# cocci-unwind: the one entry point.
#   ./run.sh check [PATH...]   report exits that leak a resource (default: examples/)
#   ./run.sh fix --style goto|release [--in-place] [PATH...]   rewrite them (a diff on stdout)
#   ./run.sh setup             install what the pack needs (Debian: coccinelle, python3)
#   ./run.sh test              run the test suite
#   ./run.sh gen [--check]     regenerate cocci/*.cocci from cocci_unwind/resources.table
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY=/usr/bin/python3

need() {
    local missing=()
    command -v spatch >/dev/null 2>&1 || missing+=(coccinelle)
    [ -x "$PY" ] || missing+=(python3)
    if [ "${1:-}" = test ]; then
        "$PY" -c 'import pytest' >/dev/null 2>&1 || missing+=(python3-pytest)
        command -v gcc >/dev/null 2>&1 || missing+=(gcc)
        command -v clang >/dev/null 2>&1 || missing+=(clang)
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

cmd="${1:-check}"
case "$cmd" in
    setup) need test ;;
    test)
        shift
        need test
        cd "$HERE" && exec "$PY" -m pytest -q "$@" tests ;;
    check|gen)
        need
        shift || true
        PYTHONPATH="$HERE${PYTHONPATH:+:$PYTHONPATH}" exec "$PY" -m cocci_unwind.cli "$cmd" "$@" ;;
    fix)
        need
        shift
        PYTHONPATH="$HERE${PYTHONPATH:+:$PYTHONPATH}" exec "$PY" -m cocci_unwind.fix "$@" ;;
    -h|--help|help)
        sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' ;;
    *)
        echo "cocci-unwind: unknown command '$cmd' (check, fix, setup, test, gen)" >&2
        exit 2 ;;
esac
