#!/usr/bin/env bash
# The program opens no network connection: runs import, query and report under strace and
# fails on any socket of an internet family. Skipped (77) when strace is not installed.
# Usage: check_no_network_at_runtime.sh TOKENOMICS CSV_FILE
set -euo pipefail
executable="$1"
csv="$2"
command -v strace >/dev/null || { echo "strace is not installed: skipped"; exit 77; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME="$work/home" QT_QPA_PLATFORM=offscreen
# LeakSanitizer cannot run under ptrace; the rest of the suite checks leaks.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
run() {
    strace -f -qq -e trace=socket,connect -o "$work/trace" "$executable" "$@" >/dev/null
    if grep -E 'AF_INET|AF_INET6|AF_PACKET' "$work/trace"; then
        echo "tokenomics $* opened an internet socket"
        exit 1
    fi
}
run import --db "$work/catalog.sqlite" "$csv"
run query --db "$work/catalog.sqlite" --format json
run query --format csv # the default catalog, laid out from the bundled seed
run report --db "$work/catalog.sqlite" --out "$work/report.svg"
echo "no internet socket opened"
