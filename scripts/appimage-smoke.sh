#!/usr/bin/env bash
# Checks a built AssetDesk AppImage, as a clerk's desktop would meet it:
# - the file: an ELF with the type-2 mark 'A','I',2 at byte 8, a squashfs image right
#   after the runtime (unsquashfs reads it at the runtime's --appimage-offset);
# - --appimage-extract writes the AppDir (AppRun, .desktop, icon, the programs, WebKitGTK
#   and its helper processes) and the bundled libraries resolve inside it;
# - the CLI inside runs (by argument and through a symlink named assetdesk): --version,
#   a ledger made in a Chinese-named folder, an asset registered and listed;
# - an older glibc gets AppRun's plain message;
# - the app opens its window and draws its page under X, mounted with squashfuse;
# - and again with no FUSE (no /dev/fuse, no squashfuse, no fusermount) and the system's
#   WebKitGTK hidden (a private mount namespace): extracted to the cache, its WebKit
#   helper processes and libraries are the AppImage's own.
#
#   scripts/appimage-smoke.sh dist/AssetDesk_<version>_x86_64.AppImage
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { echo "usage: scripts/appimage-smoke.sh FILE.AppImage" >&2; exit 2; }
[ -n "${DISPLAY:-}" ] || exec xvfb-run -a -s "-screen 0 1366x768x24" "$0" "$@"
appimage=$(realpath "$1")
version=$(python3 -c 'import json; print(json.load(open("tauri.conf.json"))["version"])')
title=$(python3 -c 'import json; print(json.load(open("tauri.conf.json"))["app"]["windows"][0]["title"])')

work=$(mktemp -d)
cleanup() {
  [ -n "${app:-}" ] && kill "$app" 2>/dev/null && wait "$app" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
export XDG_CACHE_HOME=$work/cache ASSETDESK_PASSWORD=secret-123
passed=0
fail() {
  echo "appimage smoke: FAILED: $*" >&2
  exit 1
}
ok() {
  echo "ok   $*"
  passed=$((passed + 1))
}

# The file.
file "$appimage" | grep -q "ELF 64-bit LSB .*x86-64" || fail "not an x86-64 ELF: $(file "$appimage")"
[ "$(od -An -tx1 -j8 -N3 "$appimage" | tr -d ' ')" = 414902 ] || fail "no type-2 mark 'A','I',2 at byte 8"
offset=$("$appimage" --appimage-offset)
[ "$(od -An -c -j"$offset" -N4 "$appimage" | tr -d ' ')" = hsqs ] || fail "no squashfs image at --appimage-offset $offset"
unsquashfs -o "$offset" -lc "$appimage" | sed 's|^squashfs-root/\{0,1\}||' | sort >"$work/listed"
ok "type-2 ELF with the AI\\x02 mark, squashfs at byte $offset ($(du -h "$appimage" | cut -f1))"

# --appimage-extract, compared with unsquashfs's own reading of the image.
(cd "$work" && "$appimage" --appimage-extract >/dev/null) || fail "--appimage-extract"
root=$work/squashfs-root
(cd "$root" && find . -mindepth 1 ! -type d | sed 's|^\./||' | sort) >"$work/extracted"
diff -q <(grep -v '/$' "$work/listed" | sort) "$work/extracted" >/dev/null ||
  fail "--appimage-extract does not match unsquashfs: $(diff <(sort "$work/listed") "$work/extracted" | head -5)"
lib=usr/lib/x86_64-linux-gnu
for f in AppRun assetdesk.desktop assetdesk.png .DirIcon usr/bin/assetdesk-app usr/bin/assetdesk \
  $lib/libwebkit2gtk-4.1.so.0 $lib/libjavascriptcoregtk-4.1.so.0 $lib/libgtk-3.so.0 \
  $lib/webkit2gtk-4.1/WebKitWebProcess $lib/webkit2gtk-4.1/WebKitNetworkProcess \
  $lib/webkit2gtk-4.1/injected-bundle/libwebkit2gtkinjectedbundle.so usr/share/glib-2.0/schemas/gschemas.compiled; do
  [ -e "$root/$f" ] || fail "$f is not in the AppDir"
done
[ -x "$root/AppRun" ] && [ -x "$root/usr/bin/assetdesk-app" ] || fail "AppRun or the app is not executable"
grep -qx "Exec=assetdesk-app" "$root/assetdesk.desktop" || fail "the .desktop entry does not start assetdesk-app"
for elf in usr/bin/assetdesk-app $lib/webkit2gtk-4.1/WebKitWebProcess; do
  ldd "$root/$elf" | grep -q "not found" && fail "$elf: $(ldd "$root/$elf" | grep 'not found')"
  webkit=$(realpath "$(ldd "$root/$elf" | awk '$1 == "libwebkit2gtk-4.1.so.0" { print $3 }')")
  [ "$webkit" = "$root/$lib/libwebkit2gtk-4.1.so.0" ] || fail "$elf loads $webkit, not the bundled WebKitGTK"
done
ok "--appimage-extract writes the AppDir unsquashfs lists; the programs load the bundled WebKitGTK"

# The CLI inside, by argument and by a symlink's name, on a Chinese-named folder.
[ "$("$appimage" assetdesk --version)" = "assetdesk $version" ] || fail "the CLI's version: $("$appimage" assetdesk --version 2>&1)"
ln -s "$appimage" "$work/assetdesk"
[ "$("$work/assetdesk" --version)" = "assetdesk $version" ] || fail "the CLI through a symlink named assetdesk"
ledger="$work/固定资产 台账"
"$appimage" assetdesk --data-dir "$ledger" init --admin 王会计 --company 示例单位 >/dev/null 2>"$work/cli.log" || fail "init: $(cat "$work/cli.log")"
code=$("$work/assetdesk" --data-dir "$ledger" --json asset add --name 联想笔记本电脑 --category 电脑 --dept 行政部 \
  --value 6999.50 --acquired 2025-03-01 --life-years 5 --salvage-rate 5% 2>"$work/cli.log" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["code"])') || fail "asset add: $(cat "$work/cli.log")"
"$appimage" assetdesk --data-dir "$ledger" --json asset list 2>/dev/null |
  python3 -c 'import json, sys; rows = json.load(sys.stdin); sys.exit(not (rows[0]["code"] == sys.argv[1] and rows[0]["value"] == "6999.50"))' "$code" ||
  fail "the registered asset $code is not listed"
ok "the CLI inside: --version, a ledger in \"固定资产 台账\", asset $code registered and listed"

# A system older than the bundled libraries: AppRun says so (a fake getconf reports 2.28).
mkdir "$work/oldglibc"
printf '#!/bin/sh\necho glibc 2.28\n' >"$work/oldglibc/getconf"
chmod 755 "$work/oldglibc/getconf"
if PATH="$work/oldglibc:$PATH" "$appimage" --data-dir "$work/unused" >/dev/null 2>"$work/old.log"; then fail "started on glibc 2.28"; fi
grep -q "needs glibc 2\.[0-9]* or newer .*this system has glibc 2.28" "$work/old.log" || fail "no plain message on an old glibc: $(cat "$work/old.log")"
ok "on glibc 2.28 AppRun says which glibc it needs ($(grep -o 'needs glibc [0-9.]*' "$work/old.log"))"

# Waits for the window titled $title, then for its page to be drawn (a login page has
# hundreds of colours, an empty or crashed WebView a few); fails if $app ends first.
window_drawn() {
  local window colours=0
  for _ in $(seq 1 240); do
    kill -0 "$app" 2>/dev/null || return 1
    window=$(xwininfo -root -tree 2>/dev/null | grep -F "\"$title\"" | awk '{print $1}' | head -n1)
    if [ -n "$window" ]; then
      colours=$(xwd -id "$window" -silent 2>/dev/null | python3 scripts/appimage-colours.py 2>/dev/null || echo 0)
      [ "$colours" -gt 100 ] && { echo "$colours"; return 0; }
    fi
    sleep 0.25
  done
  return 1
}

# The app, mounted with squashfuse (the runtime stays and unmounts after it).
ASSETDESK_APPIMAGE_DEBUG=1 "$appimage" --data-dir "$work/app-ledger" >"$work/app.log" 2>&1 &
app=$!
colours=$(window_drawn) || fail "the mounted app did not draw its window: $(cat "$work/app.log")"
mountpoint=$(sed -n 's/^appimage: mounted at //p' "$work/app.log")
[ -n "$mountpoint" ] && mountpoint -q "$mountpoint" || fail "the app did not run from a FUSE mount: $(head -3 "$work/app.log")"
[ -f "$work/app-ledger/app.lock" ] || fail "the app did not take its ledger folder"
kill "$app"
wait "$app" 2>/dev/null || true
app=
[ ! -e "$mountpoint" ] || fail "the runtime left its mount $mountpoint behind"
ok "the app draws \"$title\" ($colours colours) from a squashfuse mount, unmounted when it ends"

# No FUSE and no system WebKitGTK: a private mount namespace covers /dev/fuse,
# squashfuse, fusermount and the system's libwebkit2gtk-4.1/JavaScriptCore/helpers.
unshare -m true 2>/dev/null || fail "unshare -m is not allowed here (root or user namespaces are needed to hide FUSE and WebKitGTK)"
hide=(/dev/fuse "$(command -v squashfuse)" "$(command -v fusermount || true)" "$(command -v fusermount3 || true)"
  "$(readlink -f /usr/lib/x86_64-linux-gnu/libwebkit2gtk-4.1.so.0)" "$(readlink -f /usr/lib/x86_64-linux-gnu/libjavascriptcoregtk-4.1.so.0)")
ASSETDESK_APPIMAGE_DEBUG=1 APPIMAGE_UNDER_TEST=$appimage LEDGER=$work/nofuse-ledger unshare -m bash -c '
  for f in "$@"; do [ -e "$f" ] && mount --bind /dev/null "$f"; done
  mount -t tmpfs none /usr/lib/x86_64-linux-gnu/webkit2gtk-4.1
  exec "$APPIMAGE_UNDER_TEST" --data-dir "$LEDGER"' _ "${hide[@]}" \
  >"$work/app.log" 2>&1 &
app=$!
colours=$(window_drawn) || fail "with no FUSE and no system WebKitGTK the app did not draw its window: $(cat "$work/app.log")"
appdir=$(sed -n 's/^appimage: extracted to //p' "$work/app.log")
[[ $appdir == "$XDG_CACHE_HOME/assetdesk/appimage/"* ]] || fail "the app was not extracted to the cache: $(head -3 "$work/app.log")"
# unshare execs bash, which execs the runtime, which execs AppRun and then the app: one pid.
grep -q "$appdir/usr/lib/x86_64-linux-gnu/libwebkit2gtk-4.1.so.0" "/proc/$app/maps" || fail "the app did not map the bundled WebKitGTK"
helpers=$(for child in $(pgrep -P "$app"); do readlink "/proc/$child/exe"; done | grep -c "^$appdir/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/WebKit" || true)
[ "$helpers" -ge 2 ] || fail "the WebKit helper processes are not the bundled ones: $(for c in $(pgrep -P "$app"); do readlink "/proc/$c/exe"; done)"
kill "$app"
wait "$app" 2>/dev/null || true
app=
ok "no FUSE, no system WebKitGTK: extracted to the cache, draws its window ($colours colours) with the bundled WebKitGTK and its $helpers helper processes"

echo "appimage-smoke: $passed passed, 0 failed"
