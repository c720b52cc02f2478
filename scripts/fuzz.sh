#!/usr/bin/env bash
# Fuzzes Care Levers' file loaders with cargo fuzz (libFuzzer + AddressSanitizer, on the nightly
# toolchain rustup has here). By hand, not in CI:
#   scripts/fuzz.sh [SECONDS_PER_TARGET (default 600)] [TARGET...]
# Targets (tests/fuzz/fuzz_targets/): scenario_file, set_override, council_data, ssda903_import,
# placement_list.
# An input that crashes, takes over 1 s (-timeout=1) or needs over 500 MB (-rss_limit_mb=500) is
# a finding, saved in target/fuzz/artifacts/TARGET/. Corpora grow in target/fuzz/corpus/TARGET/,
# seeded from the shipped files (scenarios, council tables), simulated SSDA903 returns and
# simulated placement lists (CSV and Excel).
# Runs two targets at a time (this machine has 2 cores), then prints executions, time, corpus
# size and findings per target. Replay a finding with:
#   cargo +nightly fuzz run --fuzz-dir tests/fuzz TARGET target/fuzz/artifacts/TARGET/FILE
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(scenario_file set_override council_data ssda903_import placement_list)
tools="$root/target/tools"
if [ ! -x "$tools/bin/cargo-fuzz" ]; then
  cargo install --locked --root "$tools" cargo-fuzz --version 0.13.2
fi
export PATH="$tools/bin:$PATH"
work="$root/target/fuzz"
mkdir -p "$work/logs"

echo "== seeds"
seed() { mkdir -p "$work/seeds/$1"; }
seed scenario_file
cp saved_scenarios/*.ron assets/blank_council.ron "$work/seeds/scenario_file/"
seed set_override
printf 'levers.early_help.value=3000000\n' > "$work/seeds/set_override/early_help"
printf 'name=Cabinet plan\nhorizon_months=60\n' > "$work/seeds/set_override/two"
printf 'levers.residential_share.value=12.5\nbudget.annual=30000000\n' > "$work/seeds/set_override/money"
printf 'stock.in_house_foster.under_1=5\nentries.per_year=\n' > "$work/seeds/set_override/odd"
seed council_data
i=0
for table in councils looked_after starts ceased spend; do
  # The selector byte, then the table's first 80 lines (the target swaps it for the shipped one).
  { printf "\\x$(printf %02x $i)"; head -80 "assets/councils/$table.csv"; } > "$work/seeds/council_data/$table"
  i=$((i + 1))
done
seed ssda903_import
CARE_LEVERS_FUZZ_SEEDS="$work/seeds/ssda903_import" \
  cargo test --locked --test ssda903 -- --ignored write_fuzz_seeds --quiet >/dev/null

seed placement_list
printf 'Child Reference,Placement Type,Provider Type,Weekly Cost,Start Date,End Date,UASC,Health Contribution\nC1,K2,PR4,"£7,000",01/06/2024,,N,700\nC2,U4,PR1,650,2025-09-01,31/12/2025,,\n' > "$work/seeds/placement_list/template"
printf 'child,type,fee,start\nA,ifa,980,01/09/2025\nB,residential,14500,2025-08-01\n' > "$work/seeds/placement_list/short"
# Simulated lists as CSV and as Excel workbooks (the reader takes both).
CARE_LEVERS_FUZZ_SEEDS="$work/seeds/placement_list" \
  cargo test --locked --test placement_list -- --ignored write_fuzz_seeds --quiet >/dev/null

echo "== build"
# The fuzz build (nightly, sanitizer) in its own target folder, apart from the normal build.
export CARGO_TARGET_DIR="$root/target/fuzz/build"
# All targets at once (one build of the library with the sanitizer).
cargo +nightly fuzz build --fuzz-dir tests/fuzz

run_one() {
  local target=$1
  mkdir -p "$work/corpus/$target" "$work/artifacts/$target"
  set +e
  cargo +nightly fuzz run --fuzz-dir tests/fuzz "$target" "$work/corpus/$target" "$work/seeds/$target" -- \
    -max_total_time="$seconds" -timeout=1 -rss_limit_mb=500 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/$target/" > "$work/logs/$target.log" 2>&1
  echo $? > "$work/logs/$target.exit"
  set -e
}

echo "== fuzzing ${targets[*]} for $seconds s each, two at a time"
for ((n = 0; n < ${#targets[@]}; n += 2)); do
  run_one "${targets[n]}" &
  [ $((n + 1)) -lt ${#targets[@]} ] && run_one "${targets[n + 1]}" &
  wait
done

echo "== results"
printf '%-16s %12s %8s %8s %9s %s\n' target executions seconds per_s corpus findings
failed=0
for target in "${targets[@]}"; do
  log="$work/logs/$target.log"
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  corpus=$(find "$work/corpus/$target" -type f | wc -l)
  findings=$(find "$work/artifacts/$target" -type f | wc -l)
  per_s=$(( ${runs:-0} / (${took:-1} > 0 ? ${took:-1} : 1) ))
  printf '%-16s %12s %8s %8s %9s %s\n' "$target" "${runs:-?}" "${took:-?}" "$per_s" "$corpus" "$findings"
  if [ "$findings" -gt 0 ] || [ "$(cat "$work/logs/$target.exit")" != 0 ]; then
    failed=1
    find "$work/artifacts/$target" -type f | sed 's/^/    finding: /'
    grep -m3 -E "panicked|ERROR: libFuzzer|SUMMARY" "$log" | sed 's/^/    /' || true
  fi
done
exit $failed
