#!/usr/bin/env bash
# Builds (release) and launches the AssetDesk desktop app, installing what it needs first.
# Arguments are passed to the app (e.g. --data-dir DIR to open another ledger).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "AssetDesk is a desktop app and this session has no display (neither DISPLAY nor WAYLAND_DISPLAY is set)." >&2
  echo "Run it from a desktop session, or for a headless check: xvfb-run -a scripts/run.sh" >&2
  exit 1
fi

scripts/setup.sh app
echo "==> building the UI"
(cd ui && npm run --silent build)
# The release build: what a clerk runs (a debug build is several times slower on a big
# ledger and misleads). The end-to-end tests keep using the debug build of scripts/test.sh.
echo "==> building the app (release; the first build takes several minutes)"
cargo build --release -p assetdesk-app
exec target/release/assetdesk-app "$@"
