#!/usr/bin/env bash
# Builds the AssetDesk packages into dist/, from a Debian/Ubuntu machine, offline (only
# the package registries are needed, for the first build):
#   dist/AssetDesk_<version>_x64-setup.exe   Windows 10/11 installer (NSIS, per user)
#   dist/assetdesk_<version>_amd64.deb       Debian 12 / Ubuntu 22.04+ / UOS / Kylin
#   dist/AssetDesk_<version>_x86_64.AppImage Linux desktops with glibc 2.35+, WebKitGTK inside
# All hold the desktop app and the `assetdesk` CLI. See README "Install".
#
#   scripts/package.sh              all three, release builds (the first run takes a while:
#                                   about 15 minutes per OS on 2 cores)
#   scripts/package.sh windows|deb|appimage  one of them
#   PROFILE=debug scripts/package.sh deb   package the debug build (the tests do this)
#
# Each package is checked after it is built: the installer by scripts/installer-smoke.sh
# under Wine, the .deb by scripts/deb-smoke.sh, the AppImage by scripts/appimage-smoke.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-all}
profile=${PROFILE:-release}
case "$what" in windows | deb | appimage | all) ;; *) echo "usage: scripts/package.sh [windows|deb|appimage|all]" >&2; exit 2 ;; esac
case "$profile" in release) cargo_profile=(--release) ;; debug) cargo_profile=() ;; *) echo "PROFILE is release or debug" >&2; exit 2 ;; esac

scripts/setup.sh package
version=$(python3 -c 'import json; print(json.load(open("tauri.conf.json"))["version"])')
mkdir -p dist
echo "==> building the UI"
(cd ui && npm run --silent build)

windows() {
  local target=x86_64-pc-windows-gnu
  echo "==> cross-building the app and CLI for Windows ($profile, $target)"
  cargo build "${cargo_profile[@]}" --target "$target" -p assetdesk-app -p assetdesk-cli
  local out=target/$target/$profile stage
  stage=$(mktemp -d)
  for exe in assetdesk-app.exe assetdesk.exe; do
    x86_64-w64-mingw32-strip -o "$stage/$exe" "$out/$exe"
  done
  # The WebView2 loader the app links against; webview2-com-sys ships it.
  cp "$out/WebView2Loader.dll" assets/icons/icon.ico "$stage/"
  local setup=dist/AssetDesk_${version}_x64-setup.exe
  echo "==> building the installer $setup (makensis)"
  makensis -V2 -DVERSION="$version" -DSTAGE="$stage" -DOUTFILE="$PWD/$setup" ${NSIS_COMPRESSOR:+-DCOMPRESSOR=$NSIS_COMPRESSOR} \
    scripts/packaging/windows/assetdesk.nsi
  rm -rf "$stage"
  file "$setup" | grep -q "PE32+" || { echo "$setup is not a 64-bit Windows program" >&2; exit 1; }
  scripts/installer-smoke.sh "$setup"
}

deb() {
  echo "==> building the app and CLI for Linux ($profile)"
  cargo build "${cargo_profile[@]}" -p assetdesk-app -p assetdesk-cli
  local out=target/$profile root deb_file
  root=$(mktemp -d)
  chmod 755 "$root" # the package's ./ (mktemp makes it 700)
  install -Dm755 "$out/assetdesk-app" "$root/usr/bin/assetdesk-app"
  install -Dm755 "$out/assetdesk" "$root/usr/bin/assetdesk"
  strip "$root/usr/bin/assetdesk-app" "$root/usr/bin/assetdesk"
  install -Dm644 scripts/packaging/linux/assetdesk.desktop "$root/usr/share/applications/assetdesk.desktop"
  for size in 32x32 128x128 256x256; do
    install -Dm644 "assets/icons/$size.png" "$root/usr/share/icons/hicolor/$size/apps/assetdesk.png"
  done
  install -Dm644 scripts/packaging/linux/copyright "$root/usr/share/doc/assetdesk/copyright"
  # The shared libraries the binaries link, as Debian packages (webkit2gtk-4.1, gtk3...).
  local shlib
  shlib=$(mktemp -d)
  mkdir -p "$shlib/debian"
  printf 'Source: assetdesk\n\nPackage: assetdesk\nArchitecture: amd64\n' >"$shlib/debian/control"
  local depends
  depends=$(cd "$shlib" && dpkg-shlibdeps -O "$root/usr/bin/assetdesk-app" "$root/usr/bin/assetdesk" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
  rm -rf "$shlib"
  [ -n "$depends" ] || { echo "dpkg-shlibdeps found no dependencies" >&2; exit 1; }
  mkdir -p "$root/DEBIAN"
  sed -e "s/@VERSION@/$version/" -e "s/@DEPENDS@/$depends/" -e "s/@SIZE@/$(du -sk --exclude=DEBIAN "$root" | cut -f1)/" \
    scripts/packaging/linux/control.in >"$root/DEBIAN/control"
  deb_file=dist/assetdesk_${version}_amd64.deb
  echo "==> building $deb_file (dpkg-deb)"
  # xz for the release; the tests' debug package is large, so gzip -1 there.
  local compress=(-Zxz)
  [ "$profile" = release ] || compress=(-Zgzip -z1)
  dpkg-deb --root-owner-group "${compress[@]}" --build "$root" "$deb_file" >/dev/null
  rm -rf "$root"
  scripts/deb-smoke.sh "$deb_file"
}

# The AppImage: our own runtime (crates/appimage-runtime, static musl, always release:
# it is small and extracts faster optimised) before a squashfs of the AppDir.
appimage() {
  echo "==> building the app and CLI for Linux ($profile) and the AppImage runtime"
  cargo build "${cargo_profile[@]}" -p assetdesk-app -p assetdesk-cli
  cargo build --release --target x86_64-unknown-linux-musl -p assetdesk-appimage-runtime
  local runtime appimage_file=dist/AssetDesk_${version}_x86_64.AppImage
  runtime=$(mktemp)
  strip -o "$runtime" target/x86_64-unknown-linux-musl/release/assetdesk-appimage-runtime
  echo "==> building $appimage_file (mksquashfs)"
  scripts/packaging/appimage/build.sh "target/$profile" "$runtime" "$appimage_file"
  rm -f "$runtime"
  scripts/appimage-smoke.sh "$appimage_file"
}

case "$what" in
  all) windows; deb; appimage ;;
  *) "$what" ;;
esac
echo "==> packages in dist/:"
ls -l dist/
