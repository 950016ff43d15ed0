#!/usr/bin/env bash
# Builds the libFuzzer targets in build/fuzz (clang; ASan, UBSan and LeakSanitizer on) and runs
# each for SECONDS (default 30) from a seed corpus of real-format files. Any crash, leak,
# undefined behaviour or timeout fails the script; the input that did it is kept in
# build/fuzz/findings/<target>/. Usage: tests/fuzz/run_fuzzers.sh [SECONDS] [TARGET...]
# Targets: csv inferencex vllm aiperf_json aiperf_jsonl genai_perf catalog (default: all).
set -euo pipefail
seconds="${1:-30}"
shift || true
cd "$(dirname "$0")/../.."
build=build/fuzz
targets=("$@")
((${#targets[@]})) || targets=(csv inferencex vllm aiperf_json aiperf_jsonl genai_perf catalog)

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DTOKENOMICS_BUILD_FUZZERS=ON \
    -DTOKENOMICS_BUILD_TESTS=OFF -DTOKENOMICS_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target "${targets[@]/#/fuzz_}"

seeds_of() {
    local examples=tests/data/examples
    case "$1" in
    csv) echo "$examples"/*.csv resources/seed/operating_points.csv resources/seed/more_curves.csv ;;
    inferencex) echo "$examples"/agg_*.json ;;
    vllm) echo "$examples"/vllm_*.json ;;
    aiperf_json) echo "$examples"/aiperf/profile_export_aiperf.json ;;
    aiperf_jsonl) echo "$examples"/aiperf/profile_export.jsonl ;;
    genai_perf) echo "$examples"/*genai_perf.json ;;
    catalog) echo "$examples"/catalogs/*.sqlite ;;
    esac
}

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
failed=()
for target in "${targets[@]}"; do
    corpus="$build/corpus/$target"   # grows with what the fuzzer finds; kept between runs
    seeds="$build/seeds/$target"
    findings="$build/findings/$target"
    mkdir -p "$corpus" "$seeds" "$findings"
    # shellcheck disable=SC2046
    cp $(seeds_of "$target") "$seeds/"
    echo "== fuzz_$target for ${seconds}s"
    max_len=16384
    [[ $target == catalog ]] && max_len=65536 # the seed catalogs are 22 KB (512-byte pages)
    if "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$findings/" \
        "$corpus" "$seeds" >"$build/fuzz_$target.log" 2>&1; then
        grep -E '^#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units' "$build/fuzz_$target.log" || true
    else
        tail -n 40 "$build/fuzz_$target.log"
        failed+=("$target")
    fi
done
if ((${#failed[@]})); then
    echo "fuzzing found problems in: ${failed[*]} (inputs in $build/findings/)"
    exit 1
fi
echo "fuzzing: no findings"
