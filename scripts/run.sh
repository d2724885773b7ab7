#!/usr/bin/env bash
# Builds and launches the AssetDesk desktop app, installing what it needs first.
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
echo "==> building the app"
cargo build -p assetdesk-app
exec target/debug/assetdesk-app "$@"
