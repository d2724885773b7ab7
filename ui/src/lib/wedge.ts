// The one keyboard-wedge detector. A USB scanner in keyboard mode "types" a whole code
// in a burst; only the WebView sees those key events, so this is the only place the rule
// lives (the global listener in lib/scan-listener.ts, the stocktake screen and the
// scanner test screen all feed it).
//
// A scan is >= minLength characters whose keystrokes are each <= maxGapMs after the one
// before, ended by the configured terminator (Enter, Tab, either, or — for scanners that
// send nothing — a silence of timeoutMs). What a Chinese office PC adds:
// - IME on: keydown says key 'Process' / keyCode 229; the character arrives later in
//   composition events or an `input` event's data — or never (then `code` says which key).
//   The terminator can be a 229 keydown too (code 'Enter').
// - Full-width ASCII (－, Ａ, １, the ideographic space) and Chinese punctuation are
//   normalised back to ASCII.
// - CapsLock on: the scanner presses Shift for capitals, so its letters arrive with
//   their case inverted; events carry getModifierState('CapsLock') and are put right.
// Modifier-only keys (Shift for capitals, CapsLock) are not keystrokes. Anything slower
// than maxGapMs is a person typing and never a scan.

export type Terminator = 'enter' | 'tab' | 'either' | 'timeout';

export interface WedgeSettings {
  /** Longest gap between two of a scanner's keystrokes. */
  maxGapMs: number;
  /** Fewest characters of a code (after the prefix/suffix are stripped). */
  minLength: number;
  terminator: Terminator;
  /** With terminator 'timeout': this much silence after the last key ends the scan. */
  timeoutMs: number;
  /** Characters the scanner is set to send before / after every code; stripped. */
  prefix: string;
  suffix: string;
}

export const DEFAULT_WEDGE: WedgeSettings = { maxGapMs: 30, minLength: 4, terminator: 'either', timeoutMs: 80, prefix: '', suffix: '' };

/** One recorded event, as the listeners see it (also the shape of the test fixtures). */
export interface WedgeEvent {
  type: 'keydown' | 'compositionstart' | 'compositionupdate' | 'compositionend' | 'input';
  key?: string;
  keyCode?: number;
  code?: string;
  data?: string | null;
  /** InputEvent.inputType; composition text is taken from the composition events. */
  inputType?: string;
  shift?: boolean;
  /** getModifierState('CapsLock') at that key. */
  caps?: boolean;
  /** Ctrl, Alt or Meta held: a shortcut, never part of a scan. */
  chord?: boolean;
  /** Event time in ms (Event.timeStamp). */
  t: number;
}

export type NotScanReason =
  | 'too_slow' // a gap over maxGapMs: typing
  | 'too_short'
  | 'no_terminator' // the burst ended without Enter/Tab
  | 'wrong_terminator' // Enter when only Tab ends a scan, or the other way round
  | 'interrupted' // another key (arrow, Backspace, a shortcut) came in between
  | 'empty';

export interface Decoded {
  /** The code after normalising and stripping prefix/suffix. */
  code: string;
  /** What the keys and IME produced, before normalising. */
  raw: string;
  keys: number;
  /** The largest gap between keystrokes of the burst (0 for one key). */
  maxGap: number;
  ime: boolean;
  capsLock: boolean;
  fullWidth: boolean;
  terminator: 'Enter' | 'Tab' | 'timeout' | null;
}

export type WedgeVerdict =
  | { kind: 'pending' }
  | { kind: 'ignored' }
  | ({ kind: 'scan' } & Decoded)
  | ({ kind: 'not_scan'; reason: NotScanReason } & Decoded);

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'NumLock', 'OS', 'Fn']);
const IME_KEYCODE = 229;

// Chinese-IME punctuation a scanner's ASCII can turn into.
const CJK_PUNCT: Record<string, string> = {
  '。': '.', '，': ',', '、': '/', '【': '[', '】': ']', '《': '<', '》': '>', '“': '"', '”': '"',
  '‘': "'", '’': "'", '￥': '$', '·': '`', '…': '^', '——': '_', '—': '-',
};

/** Full-width ASCII, the ideographic space and IME punctuation back to ASCII. */
export function normalizeWidth(s: string): string {
  return s
    .replace(/——/g, '_')
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[。，、【】《》“”‘’￥·…—]/g, (c) => CJK_PUNCT[c] ?? c);
}

function hasWide(s: string): boolean {
  return normalizeWidth(s) !== s;
}

function invertCase(s: string): string {
  return s.replace(/[a-zA-Z]/g, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
}

const SHIFTED: Record<string, [string, string]> = {
  Minus: ['-', '_'], Equal: ['=', '+'], BracketLeft: ['[', '{'], BracketRight: [']', '}'], Backslash: ['\\', '|'],
  Semicolon: [';', ':'], Quote: ["'", '"'], Comma: [',', '<'], Period: ['.', '>'], Slash: ['/', '?'], Backquote: ['`', '~'],
  Space: [' ', ' '], NumpadSubtract: ['-', '-'], NumpadAdd: ['+', '+'], NumpadDecimal: ['.', '.'], NumpadDivide: ['/', '/'], NumpadMultiply: ['*', '*'],
};
const DIGIT_SHIFTED = ')!@#$%^&*(';

/** The character a US-layout key position types: what an IME keydown's `code` tells. */
export function charFromCode(code: string | undefined, shift: boolean): string {
  if (!code) return '';
  let m = /^Key([A-Z])$/.exec(code);
  if (m) return shift ? m[1] : m[1].toLowerCase();
  m = /^Digit([0-9])$/.exec(code);
  if (m) return shift ? DIGIT_SHIFTED[Number(m[1])] : m[1];
  m = /^Numpad([0-9])$/.exec(code);
  if (m) return m[1];
  const pair = SHIFTED[code];
  return pair ? pair[shift ? 1 : 0] : '';
}

export function isImeKey(e: { key?: string; keyCode?: number }): boolean {
  return e.key === 'Process' || e.keyCode === IME_KEYCODE;
}

function terminatorOf(e: WedgeEvent): 'Enter' | 'Tab' | null {
  if (e.key === 'Enter' || e.code === 'Enter' || e.code === 'NumpadEnter' || e.keyCode === 13) return 'Enter';
  if (e.key === 'Tab' || e.code === 'Tab' || e.keyCode === 9) return 'Tab';
  return null;
}

function printable(key: string | undefined): key is string {
  return !!key && [...key].length === 1 && !/\p{Cc}/u.test(key);
}

interface Burst {
  start: number;
  last: number;
  keys: number;
  maxGap: number;
  /** Characters from ordinary keys and IME commits, in order. */
  text: string;
  /** The IME's uncommitted composition. */
  composing: string;
  /** Ordinary keys plus, for IME keys, the character their `code` names. */
  fallback: string;
  imeKeys: number;
  imeData: boolean;
  caps: boolean;
  /** CapsLock at the last keydown. */
  lastCaps: boolean;
  /** The last keydown was an IME key: the input event that follows carries its text. */
  lastIme: boolean;
}

export class WedgeDetector {
  private burst: Burst | null = null;
  private inComposition = false;

  constructor(public settings: WedgeSettings = DEFAULT_WEDGE) {}

  /** A burst is under way (the listener snapshots the focused field when one starts). */
  get active(): boolean {
    return this.burst !== null;
  }

  /** True when a keystroke at `t` would start a new burst. */
  startsBurst(t: number): boolean {
    return !this.burst || t - this.burst.last > this.settings.maxGapMs || t < this.burst.last;
  }

  feed(e: WedgeEvent): WedgeVerdict {
    switch (e.type) {
      case 'compositionstart':
        this.inComposition = true;
        return { kind: 'ignored' };
      case 'compositionupdate':
        if (this.burst) {
          this.burst.composing = this.imeText(e.data ?? '');
          this.burst.imeData = true;
        }
        return this.burst ? { kind: 'pending' } : { kind: 'ignored' };
      case 'compositionend':
        this.inComposition = false;
        if (!this.burst) return { kind: 'ignored' };
        this.burst.text += e.data != null ? this.imeText(e.data) : this.burst.composing;
        this.burst.composing = '';
        this.burst.imeData = true;
        return { kind: 'pending' };
      case 'input':
        return this.input(e);
      case 'keydown':
        return this.keydown(e);
    }
  }

  /** With terminator 'timeout': call when timeoutMs passed without a key (at time `t`). */
  flush(t: number): WedgeVerdict {
    const b = this.burst;
    if (!b) return { kind: 'ignored' };
    if (t - b.last < this.settings.timeoutMs) return { kind: 'pending' };
    this.burst = null;
    const d = this.decode(b, this.settings.terminator === 'timeout' ? 'timeout' : null);
    if (this.settings.terminator !== 'timeout') return { kind: 'not_scan', reason: 'no_terminator', ...d };
    return this.judge(d);
  }

  reset() {
    this.burst = null;
  }

  /** IME text: with CapsLock on the IME inverts letters as the keyboard does. */
  private imeText(data: string): string {
    return this.burst?.lastCaps ? invertCase(data) : data;
  }

  private input(e: WedgeEvent): WedgeVerdict {
    const b = this.burst;
    if (!b) return { kind: 'ignored' };
    // Composition text is read from the composition events; an ordinary key's input
    // event repeats the keydown's character. Only an IME key's committed text is new.
    const composition = e.inputType === 'insertCompositionText' || e.inputType === 'insertFromComposition' || this.inComposition;
    if (composition || !b.lastIme || !e.data) return { kind: 'pending' };
    b.text += this.imeText(e.data);
    b.imeData = true;
    b.lastIme = false;
    return { kind: 'pending' };
  }

  private keydown(e: WedgeEvent): WedgeVerdict {
    // Under an IME even Shift may arrive as 'Process' / 229: its code still says Shift.
    if (MODIFIERS.has(e.key ?? '') || /^(Shift|Control|Alt|Meta|OS|CapsLock|NumLock)/.test(e.code ?? '')) return { kind: 'ignored' };
    const t = e.t;
    if (e.chord) {
      const b = this.burst;
      this.burst = null;
      return b ? { kind: 'not_scan', reason: 'interrupted', ...this.decode(b, null) } : { kind: 'ignored' };
    }
    const term = terminatorOf(e);
    const ime = isImeKey(e);
    if (term) {
      const b = this.burst;
      this.burst = null;
      if (!b) return { kind: 'ignored' };
      const gap = t - b.last;
      const d = this.decode(b, term);
      if (gap > this.settings.maxGapMs || gap < 0) return { kind: 'not_scan', reason: 'too_slow', ...d, maxGap: Math.max(d.maxGap, gap) };
      const wanted = this.settings.terminator;
      if (wanted === 'timeout' || (wanted === 'enter' && term !== 'Enter') || (wanted === 'tab' && term !== 'Tab')) {
        return { kind: 'not_scan', reason: 'wrong_terminator', ...d };
      }
      return this.judge(d);
    }
    const fromCode = ime ? charFromCode(e.code, !!e.shift) : '';
    if (!ime && !printable(e.key)) {
      const b = this.burst;
      this.burst = null;
      return b ? { kind: 'not_scan', reason: 'interrupted', ...this.decode(b, null) } : { kind: 'ignored' };
    }
    if (ime && !fromCode && !/^(Key|Digit|Numpad|Minus|Equal|Bracket|Backslash|Semicolon|Quote|Comma|Period|Slash|Backquote|Space)/.test(e.code ?? 'Key')) {
      // An IME key on Backspace, an arrow…: not part of a code.
      const b = this.burst;
      this.burst = null;
      return b ? { kind: 'not_scan', reason: 'interrupted', ...this.decode(b, null) } : { kind: 'ignored' };
    }
    let previous: WedgeVerdict = { kind: 'pending' };
    if (this.startsBurst(t)) {
      const b = this.burst;
      // What came before was typing (a longer gap): say so, then start over.
      if (b) previous = { kind: 'not_scan', reason: 'too_slow', ...this.decode(b, null), maxGap: t - b.last };
      this.burst = { start: t, last: t, keys: 0, maxGap: 0, text: '', composing: '', fallback: '', imeKeys: 0, imeData: false, caps: false, lastCaps: false, lastIme: false };
    }
    const b = this.burst!;
    if (b.keys > 0) b.maxGap = Math.max(b.maxGap, t - b.last);
    b.keys += 1;
    b.last = t;
    b.caps ||= !!e.caps;
    b.lastCaps = !!e.caps;
    b.lastIme = ime;
    if (ime) {
      b.imeKeys += 1;
      b.fallback += fromCode;
    } else {
      const ch = e.caps ? invertCase(e.key!) : e.key!;
      b.text += ch;
      b.fallback += ch;
    }
    return previous.kind === 'not_scan' ? previous : { kind: 'pending' };
  }

  private decode(b: Burst, terminator: Decoded['terminator']): Decoded {
    // The IME's own text wins when it gave any; else the keys' positions tell.
    const raw = b.imeKeys && !b.imeData ? b.fallback : b.text + b.composing.replace(/['\s]/g, '');
    let code = normalizeWidth(raw).trim();
    const { prefix, suffix } = this.settings;
    if (prefix && code.startsWith(normalizeWidth(prefix))) code = code.slice(normalizeWidth(prefix).length);
    if (suffix && code.endsWith(normalizeWidth(suffix))) code = code.slice(0, code.length - normalizeWidth(suffix).length);
    code = code.trim();
    return { code, raw, keys: b.keys, maxGap: b.maxGap, ime: b.imeKeys > 0, capsLock: b.caps, fullWidth: hasWide(raw), terminator };
  }

  private judge(d: Decoded): WedgeVerdict {
    if (!d.code) return { kind: 'not_scan', reason: 'empty', ...d };
    if ([...d.code].length < this.settings.minLength || d.keys < this.settings.minLength) return { kind: 'not_scan', reason: 'too_short', ...d };
    if (d.maxGap > this.settings.maxGapMs) return { kind: 'not_scan', reason: 'too_slow', ...d };
    return { kind: 'scan', ...d };
  }
}

/** Replays a recording: the codes it holds, and every verdict on the way. */
export function replay(events: WedgeEvent[], settings: WedgeSettings = DEFAULT_WEDGE): { scans: string[]; verdicts: WedgeVerdict[] } {
  const detector = new WedgeDetector(settings);
  const verdicts: WedgeVerdict[] = [];
  for (const e of events) {
    const v = detector.feed(e);
    if (v.kind === 'scan' || v.kind === 'not_scan') verdicts.push(v);
  }
  if (events.length) {
    const v = detector.flush(events[events.length - 1].t + settings.timeoutMs);
    if (v.kind === 'scan' || v.kind === 'not_scan') verdicts.push(v);
  }
  return { scans: verdicts.flatMap((v) => (v.kind === 'scan' ? [v.code] : [])), verdicts };
}

/** A KeyboardEvent / CompositionEvent / InputEvent as a WedgeEvent. */
export function fromDom(e: Event): WedgeEvent | null {
  if (e instanceof KeyboardEvent) {
    if (e.type !== 'keydown') return null;
    return {
      type: 'keydown', key: e.key, keyCode: e.keyCode, code: e.code, shift: e.shiftKey,
      caps: typeof e.getModifierState === 'function' && e.getModifierState('CapsLock'),
      chord: e.ctrlKey || e.altKey || e.metaKey, t: e.timeStamp,
    };
  }
  if (typeof CompositionEvent !== 'undefined' && e instanceof CompositionEvent) {
    return { type: e.type as WedgeEvent['type'], data: e.data, t: e.timeStamp };
  }
  if (e.type === 'input') {
    const ie = e as InputEvent;
    return { type: 'input', data: ie.data ?? null, inputType: ie.inputType, t: e.timeStamp };
  }
  return null;
}

// ---- settings, per computer ----
const SETTINGS_KEY = 'assetdesk.scanner.wedge';

export function loadWedgeSettings(): WedgeSettings {
  try {
    const saved = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? 'null');
    return { ...DEFAULT_WEDGE, ...(saved ?? {}) };
  } catch {
    return { ...DEFAULT_WEDGE };
  }
}

export function saveWedgeSettings(s: WedgeSettings) {
  localStorage.setItem(SETTINGS_KEY, JSON.stringify(s));
}
