#!/usr/bin/env bash
# Checks a built AssetDesk .deb: its control data (version, Depends on the webkit2gtk-4.1
# runtime), that apt can resolve its Depends on this machine, its files (binaries,
# .desktop entry, icons), then starts the packaged binaries from the extracted package:
# the CLI answers, and the app opens its window under Xvfb on a fresh ledger folder.
#
#   scripts/deb-smoke.sh dist/assetdesk_<version>_amd64.deb
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { echo "usage: scripts/deb-smoke.sh FILE.deb" >&2; exit 2; }
deb=$(realpath "$1")
version=$(python3 -c 'import json; print(json.load(open("tauri.conf.json"))["version"])')

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
fail() {
  echo "deb smoke: FAILED: $*" >&2
  exit 1
}
ok() {
  echo "ok   $*"
  passed=$((passed + 1))
}

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = assetdesk ] && [ "$(field Version)" = "$version" ] && [ "$(field Architecture)" = amd64 ] ||
  fail "control: $(dpkg-deb -f "$deb" Package Version Architecture)"
depends=$(field Depends)
for lib in libwebkit2gtk-4.1-0 libgtk-3-0 libc6; do
  [[ $depends == *"$lib"* ]] || fail "Depends lacks $lib: $depends"
done
ok "control: assetdesk $version amd64, Depends on the webkit2gtk-4.1 runtime"
apt-get install -s -q "$deb" >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; fail "apt cannot install it"; }
ok "apt resolves its Depends here (simulated install)"

dpkg-deb -x "$deb" "$work/root"
for f in usr/bin/assetdesk-app usr/bin/assetdesk usr/share/applications/assetdesk.desktop \
  usr/share/icons/hicolor/256x256/apps/assetdesk.png usr/share/doc/assetdesk/copyright; do
  [ -f "$work/root/$f" ] || fail "$f is not in the package"
done
grep -qx "Exec=assetdesk-app" "$work/root/usr/share/applications/assetdesk.desktop" || fail "the .desktop entry does not start assetdesk-app"
ok "binaries, .desktop entry, icons and copyright in place"
missing=$(ldd "$work/root/usr/bin/assetdesk-app" | grep "not found" || true)
[ -z "$missing" ] || fail "libraries not found: $missing"

export ASSETDESK_PASSWORD=secret-123
[ "$("$work/root/usr/bin/assetdesk" --version)" = "assetdesk $version" ] || fail "the CLI's version"
"$work/root/usr/bin/assetdesk" --data-dir "$work/ledger" init --admin admin --company 示例单位 >/dev/null || fail "the packaged CLI cannot init"
ok "the packaged CLI runs"

# The window appears (titled as in tauri.conf.json) on the packaged app's first run.
title=$(python3 -c 'import json; print(json.load(open("tauri.conf.json"))["app"]["windows"][0]["title"])')
xvfb=()
[ -n "${DISPLAY:-}" ] || xvfb=(xvfb-run -a -s "-screen 0 1366x768x24")
"${xvfb[@]}" bash -c '
  "$1" --data-dir "$2/app-ledger" >"$2/app.log" 2>&1 &
  app=$!
  for _ in $(seq 1 120); do
    if xwininfo -root -tree 2>/dev/null | grep -qF "\"$3\""; then
      kill $app; wait $app 2>/dev/null; exit 0
    fi
    kill -0 $app 2>/dev/null || { cat "$2/app.log" >&2; exit 1; }
    sleep 0.5
  done
  kill $app; exit 1
' _ "$work/root/usr/bin/assetdesk-app" "$work" "$title" || fail "the packaged app did not open its window: $(cat "$work/app.log")"
[ -f "$work/app-ledger/app.lock" ] || fail "the app did not take its ledger folder"
ok "the packaged app opens its window \"$title\" under X"

echo "deb-smoke: $passed passed, 0 failed"
