#!/usr/bin/env bash
# The benchmark suite (issue 10), one command: seeds a 100,000-asset ledger and prints
# median timings of every interactive path and long operation with their references
# (raw rust_xlsxwriter for export; for ingest, SQLite writing the same rows into the same
# ledger schema in one transaction, and the sqlite3 CLI's bare .import), then launches
# the real app on that ledger for launch time and resident memory. Every figure goes to
# target/bench-results.json. Then the per-crate micro-benchmarks run. Everything timed is
# an optimised build: the bench binary and scripts/bench_app.py refuse a debug one.
#   ASSETS=N scripts/bench.sh     (default 100000; ASSETS=1000000 for the million)
# The seeded ledgers (1.1 GB at a million) live in the temp folder and are deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
assets="${ASSETS:-100000}"
results=target/bench-results.json
[ "$assets" = 100000 ] || results="target/bench-results-$assets.json"
ledger_dir="$(mktemp -d "${TMPDIR:-/tmp}/assetdesk-bench-ledger.XXXXXX")"
trap 'rm -rf "$ledger_dir"' EXIT
cargo run --release -p assetdesk-bench -- --assets "$assets" --out "$results" --keep "$ledger_dir"
echo "==> the app on the seeded ledger (release build: what a clerk runs)"
(cd ui && npm run --silent build)
cargo build --release -p assetdesk-app
run_app=(.venv/bin/python scripts/bench_app.py "$ledger_dir" "$results")
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
