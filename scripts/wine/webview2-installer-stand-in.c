/* For scripts/installer-smoke.sh only, never shipped: stands in for Microsoft's offline
 * WebView2 installer (MicrosoftEdgeWebView2RuntimeInstallerX64.exe), which cannot be
 * fetched here. It records the command line it was given beside itself and registers
 * the runtime's per-user EdgeUpdate client key, as the real one does, so the test sees
 * that AssetDesk's setup ran it with the offline, silent arguments and then found it. */
#include <windows.h>
#include <stdio.h>

int main(void)
{
    wchar_t self[MAX_PATH], log[MAX_PATH + 16];
    GetModuleFileNameW(NULL, self, MAX_PATH);
    swprintf(log, MAX_PATH + 16, L"%ls.args.txt", self);
    /* UTF-8: the setup may sit in a folder with a Chinese name. */
    static char line[32768];
    int n = WideCharToMultiByte(CP_UTF8, 0, GetCommandLineW(), -1, line, sizeof line - 1, NULL, NULL);
    FILE *f = _wfopen(log, L"wb");
    if (!f || n <= 0)
        return 2;
    fwrite(line, 1, (size_t)n - 1, f);
    fputc('\n', f);
    fclose(f);
    HKEY key;
    if (RegCreateKeyExW(HKEY_CURRENT_USER, L"Software\\Microsoft\\EdgeUpdate\\Clients\\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}", 0, NULL, 0, KEY_WRITE, NULL, &key, NULL))
        return 3;
    const wchar_t pv[] = L"120.0.2210.91";
    RegSetValueExW(key, L"pv", 0, REG_SZ, (const BYTE *)pv, sizeof pv);
    RegCloseKey(key);
    return 0;
}
