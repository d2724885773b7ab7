// Keyboard-wedge scanners type a whole code in a burst. This mirrors the rule in
// crates/scanner/src/wedge.rs (see crates/scanner/README.md): a scan is >= minChars
// printable keys, each <= maxGapMs after the one before, ended by Enter (or Tab).
// Modifier-only keys (Shift for capitals) are not fed. Anything slower is typing.

export interface WedgeRules { minChars: number; maxGapMs: number; tabEndsScan: boolean }
export const DEFAULT_WEDGE: WedgeRules = { minChars: 4, maxGapMs: 30, tabEndsScan: true };
export type WedgeVerdict = 'pending' | 'not_scan' | { scan: string };

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

export function isModifier(key: string): boolean {
  return MODIFIERS.has(key);
}

export function isPrintable(key: string): boolean {
  return [...key].length === 1 && !/\p{Cc}/u.test(key);
}

export class WedgeDetector {
  private burst = '';
  private lastAt: number | null = null;
  constructor(private rules: WedgeRules = DEFAULT_WEDGE) {}

  /** True when the next printable key at `t` would start a new burst. */
  startsBurst(t: number): boolean {
    return !(this.lastAt !== null && t - this.lastAt <= this.rules.maxGapMs);
  }

  key(key: string, t: number): WedgeVerdict {
    const within = this.lastAt !== null && t - this.lastAt <= this.rules.maxGapMs; // time going back = no gap
    if (isPrintable(key)) {
      if (!within) this.burst = '';
      this.burst += key;
      this.lastAt = t;
      return 'pending';
    }
    if (key === 'Enter' || (key === 'Tab' && this.rules.tabEndsScan)) {
      const code = this.burst;
      const isScan = [...code].length >= this.rules.minChars && within;
      this.reset();
      return isScan ? { scan: code } : 'not_scan';
    }
    this.reset();
    return 'not_scan';
  }

  reset() {
    this.burst = '';
    this.lastAt = null;
  }
}
