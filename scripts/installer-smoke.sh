#!/usr/bin/env bash
# Installs AssetDesk's Windows setup under Wine, silently (/S), in a fresh throwaway
# prefix, and checks what a clerk gets:
#   1. a PC without WebView2 and nothing beside the setup: the program files under
#      %LOCALAPPDATA%\Programs\AssetDesk, Start-menu and desktop shortcuts, the
#      Settings > Apps entry; the installed CLI makes a ledger in %LOCALAPPDATA%\AssetDesk;
#   2. installing again with a fixed-version WebView2 runtime folder beside the setup:
#      it is copied beside the app; the ledger is kept;
#   3. installing again with the offline WebView2 installer beside the setup: it is run
#      with /silent /install (a stand-in, scripts/wine/webview2-installer-stand-in.c);
#   4. uninstalling: program files, shortcuts and the Apps entry gone, the ledger kept.
#
#   scripts/installer-smoke.sh dist/AssetDesk_<version>_x64-setup.exe   (scripts/package.sh)
#   scripts/installer-smoke.sh       (scripts/test.sh) builds a test installer from the .nsi
#       with the debug Windows CLI that scripts/windows-smoke.sh built, and stand-in files
#       for the app and its WebView2 loader: the app's Windows build is too slow for every
#       run (package.sh checks the real one). Also checks the version and the .ico.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -le 1 ] || { echo "usage: scripts/installer-smoke.sh [SETUP.exe]" >&2; exit 2; }
if [ $# -eq 1 ]; then
  setup=$(realpath "$1")
else
  python3 - <<'PY' || exit 1
import json, re, struct
conf = json.load(open("tauri.conf.json"))
cargo = open("Cargo.toml").read()
version = re.search(r'^version = "(.+)"', cargo.split("[workspace.package]")[1], re.M).group(1)
assert conf["version"] == version, f"tauri.conf.json says {conf['version']}, Cargo.toml {version}: the installer's name and the app's --version would disagree"
assert "assets/icons/icon.ico" in conf["bundle"]["icon"], "tauri.conf.json must list the .ico (the Windows build embeds it)"
ico = open("assets/icons/icon.ico", "rb").read()
reserved, kind, count = struct.unpack("<HHH", ico[:6])
sizes = [ico[6 + 16 * i] or 256 for i in range(count)]
assert (reserved, kind) == (0, 1) and 32 in sizes and 256 in sizes, f"icon.ico: {sizes}"
print(f"ok   version {version} agrees; icon.ico holds {sizes}")
PY
  cli=target/x86_64-pc-windows-gnu/debug/assetdesk.exe
  [ -f "$cli" ] || { echo "build the Windows CLI first (scripts/windows-smoke.sh)" >&2; exit 1; }
  stage=$(mktemp -d)
  x86_64-w64-mingw32-strip -o "$stage/assetdesk.exe" "$cli"
  printf 'stand-in\n' | tee "$stage/assetdesk-app.exe" >"$stage/WebView2Loader.dll"
  cp assets/icons/icon.ico "$stage/"
  setup=$stage/AssetDesk_test_x64-setup.exe
  makensis -V1 -DVERSION="$(python3 -c 'import json; print(json.load(open("tauri.conf.json"))["version"])')" \
    -DSTAGE="$stage" -DCOMPRESSOR=zlib -DOUTFILE="$setup" scripts/packaging/windows/assetdesk.nsi
  file "$setup" | grep -q "PE32+" || { echo "the installer is not PE32+: $(file "$setup")" >&2; exit 1; }
  echo "ok   the test installer builds from the .nsi (PE32+)"
fi

wine=/usr/lib/wine/wine64
[ -x "$wine" ] || wine=$(command -v wine64 || command -v wine)
work=$(mktemp -d)
trap 'WINEPREFIX="$work/prefix" wineserver -k 2>/dev/null || true; rm -rf "$work" ${stage:+"$stage"}' EXIT
# HOME too: Wine links its Desktop folder to $HOME/Desktop when that exists.
mkdir -p "$work/home"
export HOME="$work/home" WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEARCH=win64
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d" LC_ALL=C.UTF-8 LANG=C.UTF-8
export ASSETDESK_PASSWORD=secret-123 ASSETDESK_LANG=en
unset ASSETDESK_DATA_DIR DISPLAY WAYLAND_DISPLAY

passed=0
fail() {
  echo "installer smoke: FAILED: $*" >&2
  exit 1
}
ok() {
  echo "ok   $*"
  passed=$((passed + 1))
}
# Runs a Windows program and waits until every process it started has ended (the
# uninstaller re-launches itself from a temporary copy).
win() {
  "$wine" "$@"
  wineserver -w
}

started=$(date +%s)
"$wine" wineboot -i >"$work/wineboot.log" 2>&1 || { cat "$work/wineboot.log" >&2; fail "wineboot"; }
wineserver -w
x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  scripts/wine/bcryptprimitives.c scripts/wine/bcryptprimitives.def -lbcrypt
profile=$(find "$WINEPREFIX/drive_c/users" -mindepth 1 -maxdepth 1 -type d ! -name Public | head -1)
install_dir="$profile/AppData/Local/Programs/AssetDesk"
ledger="$profile/AppData/Local/AssetDesk/data/ledger.sqlite3"
start_menu="$profile/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/AssetDesk.lnk"
desktop="$profile/Desktop/AssetDesk.lnk"
uninstall_key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\AssetDesk'
media="$work/装机 U盘"
mkdir -p "$media"
cp "$setup" "$media/setup.exe"

echo "==> 1. install on a PC without WebView2"
win "$media/setup.exe" /S
for f in assetdesk-app.exe assetdesk.exe WebView2Loader.dll uninstall.exe; do
  [ -f "$install_dir/$f" ] || fail "$f is not in $install_dir"
done
ok "program files in %LOCALAPPDATA%\\Programs\\AssetDesk"
[ -f "$start_menu" ] || fail "no Start-menu shortcut at $start_menu"
[ -f "$desktop" ] || fail "no desktop shortcut at $desktop"
grep -qa "assetdesk-app.exe" "$start_menu" || fail "the Start-menu shortcut does not start assetdesk-app.exe"
ok "Start-menu and desktop shortcuts to the app"
"$wine" reg query "$uninstall_key" /v UninstallString 2>/dev/null | tr -d '\r' | grep -q 'uninstall.exe' || fail "no Apps entry"
ok "an uninstall entry in Settings > Apps (per user)"
[ ! -d "$install_dir/WebView2Runtime" ] || fail "a WebView2 runtime folder appeared from nowhere"

"$wine" "$install_dir/assetdesk.exe" --json init --admin admin --company 示例单位 >"$work/out" || fail "the installed CLI cannot init"
[ -f "$ledger" ] || fail "no ledger at $ledger"
"$wine" "$install_dir/assetdesk.exe" --json asset add --name 联想笔记本 --category 电子设备 --value 5200.00 >"$work/out" || fail "asset add"
code=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["code"])' "$work/out")
ok "the installed CLI keeps a ledger in %LOCALAPPDATA%\\AssetDesk\\data"

echo "==> 2. install again, a fixed-version WebView2 runtime beside the setup"
mkdir -p "$media/WebView2Runtime/Locales"
# Only the folder's shape matters to the installer: it copies the folder as it is.
printf 'stand-in for the runtime\n' >"$media/WebView2Runtime/msedgewebview2.exe"
printf 'zh-CN\n' >"$media/WebView2Runtime/Locales/zh-CN.pak"
win "$media/setup.exe" /S
[ -f "$install_dir/WebView2Runtime/msedgewebview2.exe" ] && [ -f "$install_dir/WebView2Runtime/Locales/zh-CN.pak" ] ||
  fail "the fixed-version runtime was not copied beside the app"
ok "a fixed-version WebView2 runtime beside the setup is installed beside the app"
"$wine" "$install_dir/assetdesk.exe" --json asset show "$code" >"$work/out" || fail "the ledger was not kept over a reinstall"
ok "installing over the previous install keeps the ledger"
rm -rf "$media/WebView2Runtime"

echo "==> 3. install again, the offline WebView2 installer beside the setup"
x86_64-w64-mingw32-gcc -O2 -o "$media/MicrosoftEdgeWebView2RuntimeInstallerX64.exe" scripts/wine/webview2-installer-stand-in.c
win "$media/setup.exe" /S
args="$media/MicrosoftEdgeWebView2RuntimeInstallerX64.exe.args.txt"
[ -f "$args" ] || fail "the offline WebView2 installer beside the setup was not run"
grep -q -- "/silent /install" "$args" || fail "the WebView2 installer was not run silently and offline: $(cat "$args")"
ok "the offline WebView2 installer beside the setup is run with /silent /install"
rm "$args"
win "$media/setup.exe" /S
[ ! -f "$args" ] || fail "the WebView2 installer ran again although WebView2 is now installed"
ok "with WebView2 installed, it is not run again"

echo "==> 4. uninstall"
win "$install_dir/uninstall.exe" /S
[ ! -e "$install_dir" ] || fail "the install folder is still there: $(ls -A "$install_dir")"
[ ! -e "$start_menu" ] && [ ! -e "$desktop" ] || fail "a shortcut is still there"
! "$wine" reg query "$uninstall_key" >/dev/null 2>&1 || fail "the Apps entry is still there"
ok "the uninstaller removes the program, its shortcuts and its Apps entry"
python3 - "$ledger" <<'PY' || fail "the ledger did not survive the uninstall"
import sqlite3, sys
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
assert conn.execute("SELECT COUNT(*) FROM assets WHERE name = '联想笔记本'").fetchone()[0] == 1
assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
PY
ok "the uninstaller keeps the ledger and its data"

echo "installer smoke took $(($(date +%s) - started))s under Wine"
echo "installer-smoke: $passed passed, 0 failed"
