// Scan anywhere: the one window-level listener that feeds every key, composition and
// input event to the wedge detector (lib/wedge.ts). A recognised scan never lands in a
// field: its terminator is swallowed before any screen sees it (so the ledger's search box
// does not open its highlighted row) and the field it typed into is put back. The scan then
// goes to whoever claimed scans last (a document dialog, the stocktake screen, the scanner
// test screen), else to the default: open that asset's card.
import { WedgeDetector, fromDom, loadWedgeSettings, saveWedgeSettings, type WedgeEvent, type WedgeSettings, type WedgeVerdict } from './wedge';

export type ScanHandler = (code: string) => void | Promise<void>;
export type ScanObserver = (event: WedgeEvent, verdict: WedgeVerdict) => void;

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

const handlers: ScanHandler[] = [];
const observers = new Set<ScanObserver>();
const detector = new WedgeDetector(loadWedgeSettings());
let fallback: ScanHandler = () => {};
let snapshot: { el: Field; value: string } | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
let composing = false;

/** The last feedback to flash: green for a scan taken, red for a refusal. */
let flash = $state<{ kind: 'ok' | 'bad'; code: string; text: string; id: number } | null>(null);
let flashes = 0;

export const scanFeedback = {
  get current() {
    return flash;
  },
  show(kind: 'ok' | 'bad', code: string, text: string) {
    const id = ++flashes;
    flash = { kind, code, text, id };
    setTimeout(() => {
      if (flash?.id === id) flash = null;
    }, kind === 'ok' ? 2500 : 6000);
  },
};

/** Scans go to `handler` until the returned function is called (the latest claim wins). */
export function claimScans(handler: ScanHandler): () => void {
  handlers.push(handler);
  return () => {
    const i = handlers.lastIndexOf(handler);
    if (i >= 0) handlers.splice(i, 1);
  };
}

/** Every event and what the detector made of it (the scanner test screen). */
export function observeScans(observer: ScanObserver): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

export function wedgeSettings(): WedgeSettings {
  return { ...detector.settings };
}

export function setWedgeSettings(s: WedgeSettings) {
  saveWedgeSettings(s);
  detector.settings = { ...s };
  detector.reset();
}

function focusedField(): Field | null {
  const el = document.activeElement;
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement ? el : null;
}

function restoreField() {
  const s = snapshot;
  if (!s || s.el.value === s.value) return;
  s.el.value = s.value;
  // A select's type-ahead may have moved it: put it back too.
  s.el.dispatchEvent(new Event(s.el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

function deliver(code: string) {
  const handler = handlers[handlers.length - 1] ?? fallback;
  Promise.resolve(handler(code)).catch(() => {});
}

function report(e: WedgeEvent, v: WedgeVerdict) {
  for (const o of observers) o(e, v);
}

function onEvent(ev: Event) {
  const e = fromDom(ev);
  if (!e) return;
  // A field for typing codes by hand (the stocktake's 手工 box): what is typed there is
  // the clerk's, however fast.
  if (ev.target instanceof Element && ev.target.closest('[data-scan="off"]')) {
    detector.reset();
    return;
  }
  if (e.type === 'compositionstart') composing = true;
  if (e.type === 'compositionend') composing = false;
  // A burst that starts again inside an IME composition (the page was held up for a
  // moment) keeps the field as it was before the composition began.
  if (e.type === 'keydown' && detector.startsBurst(e.t) && !(composing && snapshot)) {
    const el = focusedField();
    snapshot = el ? { el, value: el.value } : null;
  }
  const v = detector.feed(e);
  report(e, v);
  if (e.type === 'keydown' && detector.settings.terminator === 'timeout') {
    clearTimeout(timer);
    if (detector.active) timer = setTimeout(onSilence, detector.settings.timeoutMs + 5);
  }
  if (v.kind !== 'scan') return;
  // A scanner, not a person: nothing else may act on this key, and the field is put back
  // (again after the IME commits its composition, which lands after the terminator).
  ev.preventDefault();
  ev.stopImmediatePropagation();
  restoreField();
  const done = snapshot;
  setTimeout(() => snapshot === done && restoreField(), 0);
  setTimeout(() => snapshot === done && (snapshot = null), 50);
  deliver(v.code);
}

function onSilence() {
  const e: WedgeEvent = { type: 'keydown', key: '', t: performance.now() };
  const v = detector.flush(e.t);
  report(e, v);
  if (v.kind === 'scan') {
    restoreField();
    snapshot = null;
    deliver(v.code);
  }
}

const EVENTS = ['keydown', 'compositionstart', 'compositionupdate', 'compositionend', 'input'] as const;

/** Starts the window-level listener; `onUnclaimed` gets the scans nobody claimed. */
export function startScanListener(onUnclaimed: ScanHandler): () => void {
  fallback = onUnclaimed;
  for (const type of EVENTS) window.addEventListener(type, onEvent, true);
  return () => {
    for (const type of EVENTS) window.removeEventListener(type, onEvent, true);
    clearTimeout(timer);
    fallback = () => {};
  };
}
