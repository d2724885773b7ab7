#!/usr/bin/env bash
# Makes the AppImage from built binaries (scripts/package.sh calls it):
#   scripts/packaging/appimage/build.sh BIN_DIR RUNTIME OUT.AppImage
# BIN_DIR holds assetdesk-app and assetdesk (target/release or target/debug); RUNTIME is
# the built crates/appimage-runtime (static, musl). The AppDir carries the app, the CLI,
# and WebKitGTK 4.1 with its helper processes and every library they need that is not on
# ./excludelist (the host's glibc, GL, X11, fontconfig, glib, pango... are used), each with
# RUNPATH $ORIGIN so nothing leaks into the programs the app starts (lp, xdg-open).
# The AppImage is RUNTIME, then a squashfs (gzip) of the AppDir, and the type-2 mark
# 'A','I',2 at byte 8. See README "Install" for what it runs on.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
[ $# -eq 3 ] || { echo "usage: $0 BIN_DIR RUNTIME OUT.AppImage" >&2; exit 2; }
bin_dir=$1 runtime=$2 out=$3
multiarch=lib/x86_64-linux-gnu
webkit_dir=/usr/$multiarch/webkit2gtk-4.1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
appdir=$work/AppDir
mkdir -p "$appdir/usr/bin" "$appdir/usr/$multiarch"
install -m755 "$bin_dir/assetdesk-app" "$bin_dir/assetdesk" "$appdir/usr/bin/"
strip "$appdir/usr/bin/assetdesk-app" "$appdir/usr/bin/assetdesk"
# WebKit's helper processes and injected bundle, where the library looks for them.
cp -a "$webkit_dir" "$appdir/usr/$multiarch/"
rm -f "$appdir/usr/$multiarch/webkit2gtk-4.1/MiniBrowser"

# The libraries: ldd's closure of every program and plug-in, less the excludelist.
excluded() { grep -qxF "$1" <(grep -v '^#' "$here/excludelist"); }
elves=("$appdir/usr/bin/assetdesk-app" "$appdir/usr/$multiarch"/webkit2gtk-4.1/WebKit*Process
  "$appdir/usr/$multiarch/webkit2gtk-4.1/injected-bundle/libwebkit2gtkinjectedbundle.so")
for elf in "${elves[@]}"; do ldd "$elf"; done >"$work/ldd.txt"
if grep -F "not found" "$work/ldd.txt" >&2; then
  echo "build.sh: the programs need libraries this machine lacks (above): scripts/setup.sh package" >&2
  exit 1
fi
bundled=0
while read -r soname path; do
  excluded "$soname" && continue
  [ -e "$appdir/usr/$multiarch/$soname" ] && continue
  cp -L "$path" "$appdir/usr/$multiarch/$soname"
  bundled=$((bundled + 1))
done < <(awk '$2 == "=>" && $3 ~ /^\// { print $1, $3 }' "$work/ldd.txt" | sort -u)
[ "$bundled" -gt 20 ] || { echo "build.sh: only $bundled libraries found to bundle" >&2; exit 1; }

# RUNPATH instead of LD_LIBRARY_PATH: each file finds its neighbours from where it is.
patchelf --set-rpath "\$ORIGIN/../$multiarch" "$appdir/usr/bin/assetdesk-app"
for lib in "$appdir/usr/$multiarch"/*.so*; do patchelf --set-rpath '$ORIGIN' "$lib"; done
for helper in "$appdir/usr/$multiarch"/webkit2gtk-4.1/WebKit*Process; do patchelf --set-rpath '$ORIGIN/..' "$helper"; done
patchelf --set-rpath '$ORIGIN/../..' "$appdir/usr/$multiarch/webkit2gtk-4.1/injected-bundle/libwebkit2gtkinjectedbundle.so"
# WebKit starts WebKitWebProcess/WebKitNetworkProcess and loads the injected bundle from
# a directory compiled into the library. Rewrite that one string, in place and at the
# same length, to the relative "././/lib/…", which AppRun makes right by running the app
# from usr/ (tauri's AppImage bundler does the same with every "/usr" in the library;
# only the WebKit directory is rewritten here, so the system's locale, hyphenation and
# GStreamer paths stay the system's).
python3 - "$appdir/usr/$multiarch/libwebkit2gtk-4.1.so.0" "$webkit_dir" <<'PY'
import sys
path, old = sys.argv[1], sys.argv[2].encode()
new = b"././" + old[len(b"/usr"):]
assert len(new) == len(old)
data = open(path, "rb").read()
count = data.count(old + b"\0") + data.count(old + b"/")
if count == 0:
    sys.exit(f"build.sh: {old.decode()} is not in {path}: this WebKitGTK finds its helpers another way")
open(path, "wb").write(data.replace(old, new))
print(f"==> rewrote {data.count(old)} occurrence(s) of {old.decode()} in libwebkit2gtk-4.1 to {new.decode()}")
PY

# GTK's settings schemas (the file chooser aborts without them; AppRun adds the folder).
mkdir -p "$appdir/usr/share/glib-2.0/schemas"
cp /usr/share/glib-2.0/schemas/org.gtk.Settings.*.gschema.xml "$appdir/usr/share/glib-2.0/schemas/"
glib-compile-schemas "$appdir/usr/share/glib-2.0/schemas"

# Desktop entry and icon at the top (the AppImage spec), icons under usr/share too.
install -m644 "$repo/scripts/packaging/linux/assetdesk.desktop" "$appdir/assetdesk.desktop"
install -m644 "$repo/assets/icons/256x256.png" "$appdir/assetdesk.png"
ln -s assetdesk.png "$appdir/.DirIcon"
for size in 32x32 128x128 256x256; do
  install -Dm644 "$repo/assets/icons/$size.png" "$appdir/usr/share/icons/hicolor/$size/apps/assetdesk.png"
done
install -Dm644 "$repo/scripts/packaging/linux/copyright" "$appdir/usr/share/doc/assetdesk/copyright"

# The oldest glibc it runs on: the newest GLIBC_ symbol version any file in it needs.
floor=$(find "$appdir/usr" -type f \( -name '*.so*' -o -perm -u+x \) -print0 |
  xargs -0 objdump -T 2>/dev/null | grep -o 'GLIBC_[0-9.]*[0-9]' | sed 's/GLIBC_//' | sort -uV | tail -n1)
sed "s/@GLIBC_FLOOR@/$floor/" "$here/AppRun" >"$appdir/AppRun"
chmod 755 "$appdir/AppRun"
echo "==> AppDir: $bundled libraries bundled, needs glibc $floor or newer, $(du -sh "$appdir" | cut -f1)"

# -all-root: the files belong to whoever runs it; SOURCE_DATE_EPOCH (if set) fixes times.
mksquashfs "$appdir" "$work/image.squashfs" -comp gzip -all-root -noappend -quiet -no-progress >/dev/null
mkdir -p "$(dirname "$out")"
cat "$runtime" "$work/image.squashfs" >"$out.partial"
printf 'AI\002' | dd of="$out.partial" bs=1 seek=8 conv=notrunc status=none
chmod 755 "$out.partial"
mv "$out.partial" "$out"
