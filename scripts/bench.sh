#!/usr/bin/env bash
# Seeds a 100,000-asset ledger in a temporary folder and prints median timings of the
# interactive paths, with references; writes target/bench-results.json. Then runs the
# per-crate benchmarks (labels, depreciation, stocktake, scanner framing).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh app
cargo run --release -p assetdesk-bench -- --assets "${ASSETS:-100000}" --out target/bench-results.json
cargo bench -p assetdesk-labels
cargo bench -p assetdesk-depreciation
cargo bench -p assetdesk-ledger
cargo bench -p assetdesk-scanner
