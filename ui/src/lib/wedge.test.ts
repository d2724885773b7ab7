import { describe, expect, it } from 'vitest';
import { DEFAULT_WEDGE, WedgeDetector, charFromCode, normalizeWidth, replay, type WedgeSettings } from './wedge';
import * as rec from './fixtures/wedge-recordings';

const CODE = 'ZC-2026-0001';
const reasons = (v: ReturnType<typeof replay>) => v.verdicts.map((x) => (x.kind === 'not_scan' ? x.reason : x.kind));

describe('keyboard-wedge detector on recorded sequences', () => {
  it('a plain scan ended by Enter is one scan, the input events not counted twice', () => {
    const r = replay(rec.plainEnter);
    expect(r.scans).toEqual([CODE]);
    const v = r.verdicts[0];
    expect(v.kind === 'scan' && v.keys).toBe(CODE.length);
    expect(v.kind === 'scan' && v.ime).toBe(false);
  });

  it('IME on: 229 keydowns, the code in composition events with a full-width hyphen, Enter inside the composition', () => {
    const r = replay(rec.imeComposition);
    expect(r.scans).toEqual([CODE]);
    const v = r.verdicts[0];
    expect(v.kind === 'scan' && v.ime && v.fullWidth).toBe(true);
  });

  it('IME on: 229 keydowns, the characters in input events (full-width digits and hyphen)', () => {
    expect(replay(rec.imeInputData).scans).toEqual([CODE]);
  });

  it('IME on: 229 keydowns with nothing but the key position (code)', () => {
    expect(replay(rec.imeCodeOnly).scans).toEqual([CODE]);
    // Some IMEs report the scanner's Shift as a 229 key too: still a modifier.
    const shiftAs229 = rec.imeCodeOnly.map((e) => (e.key === 'Shift' ? { ...e, key: 'Process', keyCode: 229 } : e));
    expect(replay(shiftAs229).scans).toEqual([CODE]);
  });

  it('full-width ASCII keys and an ideographic space are normalised', () => {
    const r = replay(rec.fullWidth);
    expect(r.scans).toEqual([CODE]);
    expect(normalizeWidth('ＺＣ－２０２６－０００１　')).toBe(CODE + ' ');
    expect(normalizeWidth('ＡＢ——１。２')).toBe('AB_1.2');
  });

  it('CapsLock on: letters arrive inverted and are put right', () => {
    expect(rec.capsLock.find((e) => e.code === 'KeyZ')?.key).toBe('z');
    expect(replay(rec.capsLock).scans).toEqual([CODE]);
  });

  it('a scanner sending Tab ends the scan, unless only Enter is configured', () => {
    expect(replay(rec.tabTerminator).scans).toEqual([CODE]);
    const enterOnly = replay(rec.tabTerminator, { ...DEFAULT_WEDGE, terminator: 'enter' });
    expect(enterOnly.scans).toEqual([]);
    expect(reasons(enterOnly)).toEqual(['wrong_terminator']);
    expect(replay(rec.tabTerminator, { ...DEFAULT_WEDGE, terminator: 'tab' }).scans).toEqual([CODE]);
  });

  it('configured prefix and suffix characters are stripped', () => {
    const settings: WedgeSettings = { ...DEFAULT_WEDGE, prefix: '$$', suffix: '#' };
    expect(replay(rec.prefixSuffix, settings).scans).toEqual([CODE]);
    expect(replay(rec.prefixSuffix).scans).toEqual(['$$' + CODE + '#']);
  });

  it('a person typing fast (60-90 ms a key) is not a scan', () => {
    const r = replay(rec.humanFast);
    expect(r.scans).toEqual([]);
    expect(reasons(r)).toContain('too_slow');
    // Not even when the clerk allows a slower scanner than the default.
    expect(replay(rec.humanFast, { ...DEFAULT_WEDGE, maxGapMs: 50 }).scans).toEqual([]);
    expect(replay(rec.humanFast, { ...DEFAULT_WEDGE, terminator: 'timeout' }).scans).toEqual([]);
  });

  it('a fast burst without a terminator is not a scan, unless the scanner sends none (timeout)', () => {
    const r = replay(rec.burstNoTerminator);
    expect(r.scans).toEqual([]);
    expect(reasons(r)).toEqual(['no_terminator']);
    expect(replay(rec.burstNoTerminator, { ...DEFAULT_WEDGE, terminator: 'timeout' }).scans).toEqual([CODE]);
  });

  it('mixed: a person pressing keys before and after a scan leaves the scan exact', () => {
    const r = replay(rec.mixed);
    expect(r.scans).toEqual([CODE]);
    expect(reasons(r).filter((x) => x !== 'scan').length).toBeGreaterThan(0);
  });

  it('too few characters, a shortcut or another key in between is not a scan', () => {
    const d = new WedgeDetector();
    const keys = (s: string, t0: number) => [...s].map((key, i) => d.feed({ type: 'keydown', key, t: t0 + i * 10 }));
    keys('ZC1', 0);
    expect(d.feed({ type: 'keydown', key: 'Enter', t: 30 })).toMatchObject({ kind: 'not_scan', reason: 'too_short' });
    keys('ZC-1', 100);
    expect(d.feed({ type: 'keydown', key: 'c', chord: true, t: 140 })).toMatchObject({ kind: 'not_scan', reason: 'interrupted' });
    keys('ZC-1', 200);
    expect(d.feed({ type: 'keydown', key: 'Backspace', t: 240 })).toMatchObject({ kind: 'not_scan', reason: 'interrupted' });
    expect(d.feed({ type: 'keydown', key: 'Enter', t: 250 })).toEqual({ kind: 'ignored' });
    keys('ZC-1', 300);
    expect(d.feed({ type: 'keydown', key: 'Enter', t: 380 })).toMatchObject({ kind: 'not_scan', reason: 'too_slow' });
  });

  it('key positions map to US-layout characters', () => {
    expect(charFromCode('KeyQ', false)).toBe('q');
    expect(charFromCode('KeyQ', true)).toBe('Q');
    expect(charFromCode('Digit3', true)).toBe('#');
    expect(charFromCode('Minus', false)).toBe('-');
    expect(charFromCode('Numpad7', false)).toBe('7');
    expect(charFromCode('ArrowLeft', false)).toBe('');
  });
});
