#!/usr/bin/env bash
# Runs the Windows build of the `assetdesk` CLI under Wine, in a fresh throwaway Wine
# prefix, through what a clerk's first day does: init (in the default ledger folder,
# which must be the local, not roaming, AppData), asset add, import of a Chinese-named
# legacy .xlsx from a folder with Chinese characters and spaces, export and backup to
# such folders, backup verify (and a damaged copy refused), restore, audit verify.
# Every step's exit code and output are checked; a Windows-only break fails it.
#
#   scripts/windows-smoke.sh              cross-builds the debug CLI, then runs it
#   scripts/windows-smoke.sh FILE.exe     runs the given build (e.g. a release one)
#
# Needs mingw-w64, wine64 and the x86_64-pc-windows-gnu Rust target (scripts/setup.sh test).
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-pc-windows-gnu
if [ $# -ge 1 ]; then
  exe=$(realpath "$1")
else
  echo "==> cross-building the Windows CLI (debug)"
  cargo build -q --target "$target" -p assetdesk-cli
  exe=$PWD/target/$target/debug/assetdesk.exe
fi
wine=/usr/lib/wine/wine64
[ -x "$wine" ] || wine=$(command -v wine64 || command -v wine)

work=$(mktemp -d)
trap 'wineserver_kill; rm -rf "$work"' EXIT
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEARCH=win64
# No Mono or Gecko (their installers would try the network); UTF-8 so Chinese
# arguments reach the program intact.
export WINEDLLOVERRIDES="mscoree,mshtml=" LC_ALL=C.UTF-8 LANG=C.UTF-8
export ASSETDESK_PASSWORD=secret-123 ASSETDESK_LANG=en
unset ASSETDESK_DATA_DIR DISPLAY WAYLAND_DISPLAY
wineserver_kill() { WINEPREFIX="$work/prefix" wineserver -k 2>/dev/null || true; }

fail() {
  echo "windows smoke: FAILED: $*" >&2
  exit 1
}
# run NAME EXPECTED_EXIT ARGS...: runs the CLI, keeps stdout in $out and stderr in $err.
run() {
  local name=$1 want=$2
  shift 2
  local code=0
  "$wine" "$exe" "$@" >"$work/out" 2>"$work/err" || code=$?
  out=$(tr -d '\r' <"$work/out")
  err=$(tr -d '\r' <"$work/err")
  [ "$code" = "$want" ] || fail "$name: exit $code, expected $want; stdout: $out; stderr: $err"
  echo "ok   $name"
  passed=$((passed + 1))
}
passed=0
# field EXPR: evaluates a Python expression over the last JSON answer `j`.
field() { python3 -c "import json,sys; j=json.loads(sys.argv[1]); print($1)" "$out"; }
expect() { # expect NAME PYTHON-EXPR
  [ "$(field "$2")" = True ] || fail "$1: expected $2 in: $out"
}

started=$(date +%s)
echo "==> a fresh Wine prefix in $WINEPREFIX"
"$wine" wineboot -i >"$work/wineboot.log" 2>&1 || { cat "$work/wineboot.log" >&2; fail "wineboot"; }
drive_c=$WINEPREFIX/drive_c
# Wine 8.0 lacks the ProcessPrng export every Windows 10/11 has: see scripts/wine/.
x86_64-w64-mingw32-gcc -O2 -shared -o "$drive_c/windows/system32/bcryptprimitives.dll" \
  scripts/wine/bcryptprimitives.c scripts/wine/bcryptprimitives.def -lbcrypt

echo "==> the CLI under Wine"
run "version" 0 --version
[[ $out == "assetdesk "* ]] || fail "version: $out"

run "init in the default ledger folder" 0 --json init --admin admin --company "示例单位 总部"
local_ledger=$(find "$drive_c/users" -path "*/AppData/Local/AssetDesk/data/ledger.sqlite3")
[ -n "$local_ledger" ] || fail "the ledger is not under AppData\\Local\\AssetDesk\\data: $out"
[ -z "$(find "$drive_c/users" -path "*/AppData/Roaming/AssetDesk*")" ] || fail "something was written to the roaming AppData"
expect "init names the local AppData ledger" "'\\\\AppData\\\\Local\\\\AssetDesk\\\\data\\\\ledger.sqlite3' in j['ledger']"
run "init again is refused" 1 --json init --admin admin
expect "refusal code" "j['error']['code'] == 'already_initialized'"

run "asset add" 0 --json asset add --name "联想 ThinkPad 笔记本" --category 电子设备 --dept 财务科 --value 5200.00 --acquired 2024-03-05
code=$(field "j['code']")
[ -n "$code" ] || fail "asset add gave no code"
run "asset show" 0 --json asset show "$code"
expect "asset show" "j['name'] == '联想 ThinkPad 笔记本' and j['value'] == '5200.00'"

mkdir -p "$drive_c/旧 台账" "$drive_c/导出 文件"
cp tests/fixtures/legacy-ledger-sample.xlsx "$drive_c/旧 台账/固定资产 台账(旧).xlsx"
run "import dry run from a Chinese path" 0 --json import 'C:\旧 台账\固定资产 台账(旧).xlsx' --dry-run
expect "dry run" "j['rows_read'] == 302 and j['would_import'] == 299 and j['imported'] == 0"
run "import refuses a sheet with a bad row" 1 --json import 'C:\旧 台账\固定资产 台账(旧).xlsx'
run "import --skip-invalid" 0 --json import 'C:\旧 台账\固定资产 台账(旧).xlsx' --skip-invalid
expect "import" "j['imported'] == 299 and [e['row'] for e in j['errors']] == [132]"
run "asset list" 0 --json asset list --limit 1000
expect "asset list" "len(j) == 300"

run "export to a Chinese path with spaces" 0 --json export 'C:\导出 文件\资产 清单 2026.xlsx'
expect "export rows" "j['rows'] == 300"
python3 - "$drive_c/导出 文件/资产 清单 2026.xlsx" <<'PY' || fail "the exported workbook does not hold the ledger"
import sys, zipfile
book = zipfile.ZipFile(sys.argv[1])
sheet = book.read("xl/worksheets/sheet1.xml").decode()
strings = book.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in book.namelist() else ""
assert sheet.count("<row") == 301, sheet.count("<row")
assert "联想 ThinkPad 笔记本" in sheet + strings
PY
echo "ok   exported workbook holds 300 assets and the one added"
passed=$((passed + 1))

run "backup create to a Chinese path with spaces" 0 --json backup create --to 'C:\备份 文件夹'
backup=$(field "j['file']")
[[ $backup == 'C:\备份 文件夹\assetdesk-'*.sqlite3 ]] || fail "backup file: $backup"
run "backup verify" 0 --json backup verify "$backup"
expect "backup verify" "j['assets'] == 300"
unix_backup=$drive_c/${backup#C:\\}
unix_backup=${unix_backup//\\//}
cp "$unix_backup" "$drive_c/备份 文件夹/damaged copy.sqlite3"
cp "$unix_backup.sha256" "$drive_c/备份 文件夹/damaged copy.sqlite3.sha256"
printf 'XXXX' | dd of="$drive_c/备份 文件夹/damaged copy.sqlite3" bs=1 seek=5000 conv=notrunc status=none
run "a damaged backup is refused" 1 --json backup verify 'C:\备份 文件夹\damaged copy.sqlite3'
expect "damaged backup" "j['error']['code'] == 'invalid_input' and 'checksum' in j['error']['message']"

# Two backups at once into one folder: the second waits on the folder's lock file
# (LockFileEx on Windows) and both finish whole.
"$wine" "$exe" --json backup create --to 'C:\并行 备份' >"$work/b1" 2>&1 &
first=$!
"$wine" "$exe" --json backup create --to 'C:\并行 备份' >"$work/b2" 2>&1 || fail "the second of two concurrent backups: $(cat "$work/b2")"
wait $first || fail "the first of two concurrent backups: $(cat "$work/b1")"
[ "$(find "$drive_c/并行 备份" -name 'assetdesk-*.sqlite3' | wc -l)" = 2 ] || fail "two concurrent backups did not leave two files"
for b in "$drive_c/并行 备份"/assetdesk-*.sqlite3; do
  run "verify a concurrent backup" 0 --json backup verify 'C:\并行 备份\'"$(basename "$b")"
done
[ -z "$(find "$drive_c/并行 备份" -name '*.partial*')" ] || fail "a partial file was left"

run "doc issue after the backup" 0 --json doc issue --to 张伟 --dept 财务科 "$code"
run "backup restore" 0 --json backup restore "$backup"
run "asset show after restore" 0 --json asset show "$code"
expect "restored state" "j['status'] == 'in_stock'"

run "audit verify" 0 --json audit verify
expect "audit chain" "j['ok'] is True and j['entries'] > 3"

echo "==> a ledger in a folder with Chinese characters and spaces (--data-dir)"
run "init with --data-dir" 0 --json --data-dir 'C:\台账 数据\二〇二六' init --admin 管理员 --company 示例单位
[ -f "$drive_c/台账 数据/二〇二六/ledger.sqlite3" ] || fail "no ledger in the --data-dir folder"
run "asset add there" 0 --json --data-dir 'C:\台账 数据\二〇二六' --user 管理员 asset add --name 办公桌 --category 家具
run "backup create there" 0 --json --data-dir 'C:\台账 数据\二〇二六' --user 管理员 backup create
backup=$(field "j['file']")
run "backup verify there" 0 --json --data-dir 'C:\台账 数据\二〇二六' backup verify "$backup"
expect "backup there" "j['assets'] == 1"

echo "windows smoke took $(($(date +%s) - started))s under Wine"
echo "windows-smoke: $passed passed, 0 failed"
