/* For the Windows smoke test only, never shipped: Rust's standard library (1.78 and
 * later) takes its random numbers from ProcessPrng in bcryptprimitives.dll, which every
 * Windows 10/11 has but Debian 12's Wine 8.0 does not. This stand-in answers the one
 * call from BCryptGenRandom, which Wine has. scripts/windows-smoke.sh builds it with
 * mingw-w64 and puts it in the throwaway Wine prefix. */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
