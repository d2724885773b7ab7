#!/usr/bin/env bash
# The benchmark suite (issue 10), one command: seeds a 100,000-asset ledger and prints
# median timings of every interactive path and long operation with their references
# (raw rust_xlsxwriter for export, the sqlite3 CLI's .import for ingest), then launches
# the real app on that ledger for launch time and resident memory. Every figure goes to
# target/bench-results.json. Then the per-crate micro-benchmarks run. Everything timed is
# an optimised build: the bench binary and scripts/bench_app.py refuse a debug one.
#   ASSETS=N scripts/bench.sh     (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
results=target/bench-results.json
cargo run --release -p assetdesk-bench -- --assets "${ASSETS:-100000}" --out "$results" --keep target/bench-ledger
echo "==> the app on the seeded ledger (release build: what a clerk runs)"
(cd ui && npm run --silent build)
cargo build --release -p assetdesk-app
run_app=(.venv/bin/python scripts/bench_app.py target/bench-ledger "$results")
if [ -z "${DISPLAY:-}" ]; then
  xvfb-run -a -s "-screen 0 1366x768x24" "${run_app[@]}"
else
  "${run_app[@]}"
fi
echo "==> per-crate benchmarks"
cargo bench -p assetdesk-labels
cargo bench -p assetdesk-depreciation
cargo bench -p assetdesk-ledger
cargo bench -p assetdesk-scanner
echo "wrote $results"
