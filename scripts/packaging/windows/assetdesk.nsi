; The AssetDesk Windows installer, built by scripts/package.sh with the distribution's
; makensis (no plugins beyond those NSIS ships, nothing downloaded):
;   makensis -DVERSION=0.1.0 -DSTAGE=DIR -DOUTFILE=FILE [-DCOMPRESSOR=zlib] scripts/packaging/windows/assetdesk.nsi
; STAGE holds assetdesk-app.exe, assetdesk.exe, WebView2Loader.dll and icon.ico.
;
; - Per user, no administrator rights: $LOCALAPPDATA\Programs\AssetDesk.
; - Start-menu and desktop shortcuts; an entry in Settings > Apps to uninstall.
; - The ledger, its backups and settings are in $LOCALAPPDATA\AssetDesk (not in the
;   install folder); the uninstaller never touches them, and installing a newer version
;   over an older one keeps them (the app backs the ledger up before upgrading it).
; - WebView2: used when installed (Windows 11, updated Windows 10). Otherwise an offline
;   Evergreen installer (MicrosoftEdgeWebView2RuntimeInstallerX64.exe) or a fixed-version
;   runtime folder (WebView2Runtime) beside this setup file is used; else the installer
;   says what to do. Never a download.

; A 64-bit installer (PE32+), as the app is; Debian's nsis ships the amd64 stubs.
Target amd64-unicode
!ifndef VERSION
  !error "pass -DVERSION=x.y.z"
!endif
!ifndef STAGE
  !error "pass -DSTAGE=folder with the files to install"
!endif
!ifndef OUTFILE
  !define OUTFILE "AssetDesk_${VERSION}_x64-setup.exe"
!endif

!define APP "AssetDesk"
!define PUBLISHER "AssetDesk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\AssetDesk"
!define WEBVIEW2_CLIENT "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WEBVIEW2_OFFLINE "MicrosoftEdgeWebView2RuntimeInstallerX64.exe"
!define WEBVIEW2_FIXED "WebView2Runtime"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\AssetDesk"
InstallDirRegKey HKCU "Software\AssetDesk" "InstallDir"
RequestExecutionLevel user
; lzma for the release; tests pass -DCOMPRESSOR=zlib, which is several times faster.
!ifndef COMPRESSOR
  !define COMPRESSOR "/SOLID lzma"
!endif
SetCompressor ${COMPRESSOR}
ShowInstDetails show
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP} 固定资产管理 setup"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "x64.nsh"

!define MUI_ICON "${STAGE}\icon.ico"
!define MUI_UNICON "${STAGE}\icon.ico"
!define MUI_ABORTWARNING
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_FINISHPAGE_RUN "$INSTDIR\assetdesk-app.exe"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default: zh-CN, then English.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString ShortcutName ${LANG_SIMPCHINESE} "AssetDesk 固定资产管理"
LangString ShortcutName ${LANG_ENGLISH} "AssetDesk Fixed Assets"
LangString WebView2Installing ${LANG_SIMPCHINESE} "正在安装 Microsoft Edge WebView2 运行时(离线安装包)……"
LangString WebView2Installing ${LANG_ENGLISH} "Installing the Microsoft Edge WebView2 Runtime (offline installer)..."
LangString WebView2Fixed ${LANG_SIMPCHINESE} "正在复制固定版本的 WebView2 运行时……"
LangString WebView2Fixed ${LANG_ENGLISH} "Copying the fixed-version WebView2 Runtime..."
LangString WebView2Missing ${LANG_SIMPCHINESE} "这台电脑没有 Microsoft Edge WebView2 运行时,AssetDesk 桌面程序需要它才能打开(命令行工具 assetdesk.exe 不需要)。$\r$\n$\r$\n安装将继续。之后请任选一种方式(都不需要联网):$\r$\n1. 把 WebView2 离线安装包 ${WEBVIEW2_OFFLINE}(微软官网“常青版独立安装程序 x64”,可由信息科或另一台电脑下载)放到本安装程序旁边,再运行一次本安装程序;$\r$\n2. 或者把解压后的固定版本运行时文件夹命名为 ${WEBVIEW2_FIXED},放到本安装程序旁边,再运行一次本安装程序。$\r$\n$\r$\n台账数据不受影响。"
LangString WebView2Missing ${LANG_ENGLISH} "This PC does not have the Microsoft Edge WebView2 Runtime, which the AssetDesk desktop app needs to open (the command line, assetdesk.exe, does not).$\r$\n$\r$\nSetup will go on. Afterwards, either (no internet needed):$\r$\n1. put the WebView2 offline installer ${WEBVIEW2_OFFLINE} (Microsoft's 'Evergreen Standalone Installer, x64'; IT or another PC can download it) beside this setup file and run this setup again; or$\r$\n2. put an extracted fixed-version runtime folder, named ${WEBVIEW2_FIXED}, beside this setup file and run this setup again.$\r$\n$\r$\nThe ledger is not affected."
LangString WebView2StillMissing ${LANG_SIMPCHINESE} "WebView2 离线安装包已运行,但仍未检测到 WebView2 运行时。请以管理员身份运行 ${WEBVIEW2_OFFLINE},或联系信息科。"
LangString WebView2StillMissing ${LANG_ENGLISH} "The WebView2 offline installer ran, but the WebView2 Runtime is still not found. Run ${WEBVIEW2_OFFLINE} as an administrator, or ask IT."
LangString DataKept ${LANG_SIMPCHINESE} "台账、备份和设置保存在 $LOCALAPPDATA\AssetDesk,卸载不会删除它们。"
LangString DataKept ${LANG_ENGLISH} "The ledger, backups and settings are in $LOCALAPPDATA\AssetDesk; uninstalling does not delete them."

; $0 = the installed WebView2 version, or "" when there is none. The Evergreen runtime
; registers its client key per machine (32-bit view on 64-bit Windows) or per user.
!macro FindWebView2
  StrCpy $0 ""
  ${If} ${RunningX64}
    SetRegView 32
  ${EndIf}
  ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  SetRegView 64
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 == "0.0.0.0"
    StrCpy $0 ""
  ${EndIf}
!macroend

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "AssetDesk" SecApp
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${STAGE}\assetdesk-app.exe"
  File "${STAGE}\assetdesk.exe"
  File "${STAGE}\WebView2Loader.dll"
  File "${STAGE}\icon.ico"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\AssetDesk.lnk" "$INSTDIR\assetdesk-app.exe" "" "$INSTDIR\icon.ico" 0 SW_SHOWNORMAL "" "$(ShortcutName)"
  CreateShortcut "$DESKTOP\AssetDesk.lnk" "$INSTDIR\assetdesk-app.exe" "" "$INSTDIR\icon.ico" 0 SW_SHOWNORMAL "" "$(ShortcutName)"

  WriteRegStr HKCU "Software\AssetDesk" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "AssetDesk 固定资产管理"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\icon.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $1 $2 $3
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $1
  DetailPrint "$(DataKept)"
SectionEnd

Section "WebView2" SecWebView2
  SectionIn RO
  !insertmacro FindWebView2
  ${If} $0 != ""
    DetailPrint "WebView2 $0"
  ${ElseIf} ${FileExists} "$EXEDIR\${WEBVIEW2_OFFLINE}"
    DetailPrint "$(WebView2Installing)"
    ExecWait '"$EXEDIR\${WEBVIEW2_OFFLINE}" /silent /install' $1
    DetailPrint "${WEBVIEW2_OFFLINE}: $1"
    !insertmacro FindWebView2
    ${If} $0 == ""
      MessageBox MB_OK|MB_ICONEXCLAMATION "$(WebView2StillMissing)" /SD IDOK
    ${EndIf}
  ${ElseIf} ${FileExists} "$EXEDIR\${WEBVIEW2_FIXED}\msedgewebview2.exe"
    ; The app finds this folder beside itself and points WebView2 at it.
    DetailPrint "$(WebView2Fixed)"
    CreateDirectory "$INSTDIR\${WEBVIEW2_FIXED}"
    CopyFiles /SILENT "$EXEDIR\${WEBVIEW2_FIXED}\*.*" "$INSTDIR\${WEBVIEW2_FIXED}"
  ${ElseIf} ${FileExists} "$INSTDIR\${WEBVIEW2_FIXED}\msedgewebview2.exe"
    DetailPrint "WebView2: $INSTDIR\${WEBVIEW2_FIXED}"
  ${Else}
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(WebView2Missing)" /SD IDOK
    DetailPrint "WebView2: missing"
  ${EndIf}
SectionEnd

; Removes what the installer put in place and nothing else: the ledger, its backups and
; settings in $LOCALAPPDATA\AssetDesk stay for the next install.
Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\AssetDesk.lnk"
  Delete "$DESKTOP\AssetDesk.lnk"
  Delete "$INSTDIR\assetdesk-app.exe"
  Delete "$INSTDIR\assetdesk.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\icon.ico"
  RMDir /r "$INSTDIR\${WEBVIEW2_FIXED}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\AssetDesk"
  DetailPrint "$(DataKept)"
SectionEnd
