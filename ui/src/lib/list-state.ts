// What a list screen looked like when the clerk left it (search, filters, sort, scroll),
// kept for the session so 返回台账 or a trip to another page comes back to the same
// place (issue 27). In memory only: a restart starts from a clean list.
const kept = new Map<string, unknown>();

/// The state `screen` was left in, or `initial()` the first time.
export function restoreList<T>(screen: string, initial: () => T): T {
  return (kept.get(screen) as T | undefined) ?? initial();
}

/// Remembers `state` (a plain snapshot) for `screen`.
export function keepList<T>(screen: string, state: T) {
  kept.set(screen, state);
}

/// Forgets every kept list (logging out or switching user: nothing of the previous
/// user's searches stays for the next).
export function clearLists() {
  kept.clear();
}
