#!/usr/bin/env bash
# Coverage-guided fuzzing of the hostile-input parsers with cargo-fuzz (nightly +
# libFuzzer), SECONDS per target (default 60). New interesting inputs land in
# fuzz/corpus/<target>/ (shrink with `cargo +nightly fuzz cmin TARGET`, then commit:
# `cargo test` replays every one on stable);
# a crash leaves fuzz/artifacts/<target>/crash-* to turn into a regression test.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(import_sheet scanner_framing batch_file label_template label_content backup_file)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
for t in "${targets[@]}"; do
  echo "==> fuzzing $t for ${seconds}s"
  cargo +nightly fuzz run "$t" -- -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=1048576
done
