#!/usr/bin/env bash
# Installs what AssetDesk needs on a Debian/Ubuntu machine, skipping what is there.
#   scripts/setup.sh app    system libraries, fonts and npm packages to build and run the app
#   scripts/setup.sh test   all of the above plus the test tools (Xvfb, WebDriver, PDF and
#                           barcode tools, Python packages for the end-to-end tests)
#   scripts/setup.sh package  the app's packages plus what scripts/package.sh needs
set -euo pipefail
cd "$(dirname "$0")/.."

want=${1:-app}
app_packages=(build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libayatana-appindicator3-dev
  librsvg2-dev libxdo-dev fonts-wqy-microhei)
test_packages=(xvfb xauth webkit2gtk-driver poppler-utils zbar-tools sqlite3 cups cups-bsd python3-venv)
# The Windows CLI under Wine (scripts/windows-smoke.sh); the installer and .deb checks.
test_packages+=(mingw-w64 wine64 wine nsis dpkg-dev file x11-utils)
# Paper printing e2e (issue 18): keys to GTK's print dialog, whose CUPS backend lists the queues.
test_packages+=(xdotool libgtk-3-0)
# The hub tests (issue 24): a private PostgreSQL from the distribution's server binaries
# (crates/test-postgres runs initdb and the server itself; the package's own cluster is unused).
test_packages+=(postgresql)

packages=("${app_packages[@]}")
[ "$want" = test ] && packages+=("${test_packages[@]}")
# scripts/package.sh: the Windows installer (NSIS, mingw-w64) and the .deb, each checked
# after it is built (Wine, Xvfb).
package_packages=(nsis mingw-w64 wine64 wine dpkg-dev file xvfb xauth x11-utils)
[ "$want" = package ] && packages+=("${package_packages[@]}")
# The AppImage (issue 17): mksquashfs/unsquashfs, patchelf for the bundled libraries'
# RUNPATH, squashfuse + fuse3 for the mounted start (its smoke test and the runtime's own
# tests mount images), xwd (x11-apps) to see that the app drew its page.
appimage_packages=(squashfs-tools patchelf squashfuse fuse3 x11-apps)
[ "$want" = app ] || packages+=("${appimage_packages[@]}")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing system packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  echo "AssetDesk is built with Rust: install it from https://rustup.rs (1.92 or newer), then run this again." >&2
  exit 1
fi
if ! command -v npm >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "The AssetDesk UI is built with Node.js 20 or newer and npm: install them, then run this again." >&2
  exit 1
fi

if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "==> installing npm packages"
  (cd ui && npm ci --no-audit --no-fund)
fi

if [ "$want" != app ] && command -v rustup >/dev/null && ! rustup target list --installed | grep -qx x86_64-pc-windows-gnu; then
  echo "==> adding the Rust target for Windows (x86_64-pc-windows-gnu)"
  rustup target add x86_64-pc-windows-gnu
fi

# The AppImage runtime is a static musl program (runs on any x86_64 Linux).
if [ "$want" != app ] && command -v rustup >/dev/null && ! rustup target list --installed | grep -qx x86_64-unknown-linux-musl; then
  echo "==> adding the Rust target for the AppImage runtime (x86_64-unknown-linux-musl)"
  rustup target add x86_64-unknown-linux-musl
fi

if [ "$want" = test ]; then
  if ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
    echo "==> installing tauri-driver"
    cargo install tauri-driver --locked
  fi
  if [ ! -x .venv/bin/python ] || [ tests/e2e/requirements.txt -nt .venv/.installed ]; then
    echo "==> preparing the Python environment for end-to-end tests"
    python3 -m venv .venv
    .venv/bin/pip install -q -r tests/e2e/requirements.txt
    touch .venv/.installed
  fi
fi
