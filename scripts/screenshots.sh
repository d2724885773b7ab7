#!/usr/bin/env bash
# Regenerates README's screenshots (docs/screenshots/*.png) from the real app on a demo
# ledger: builds the UI, the app and the CLI (debug), then runs scripts/screenshots.py
# under Xvfb at 1366x768 (or on the current display when ASSETDESK_SCREENSHOTS_DISPLAY=1).
# A tool for the README, not part of the test suite. Needs what scripts/test.sh installs
# (tauri-driver, WebKitWebDriver, Xvfb, the e2e Python packages in .venv).
set -euo pipefail
cd "$(dirname "$0")/.."
(cd ui && npm run --silent build)
cargo build -p assetdesk-app -p assetdesk-cli
python=.venv/bin/python
[ -x "$python" ] || python=python3
if [ "${ASSETDESK_SCREENSHOTS_DISPLAY:-}" = 1 ]; then
  exec "$python" scripts/screenshots.py
fi
exec xvfb-run -a -s "-screen 0 1366x768x24" "$python" scripts/screenshots.py
