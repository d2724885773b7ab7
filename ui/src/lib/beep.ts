// Short, distinct verdict sounds made with the Web Audio API: no files, no network.
type Tone = [freq: number, ms: number, wave?: OscillatorType];

const PATTERNS: Record<string, Tone[]> = {
  found: [[1320, 70]],
  misplaced: [[660, 80], [880, 80]],
  duplicate: [[520, 60], [520, 60]],
  out_of_scope: [[440, 90], [330, 120]],
  surplus: [[220, 280, 'square']],
  rejected: [[150, 350, 'sawtooth']],
  // 非本系统编码: a falling triple, unlike 盘盈's single low buzz.
  foreign: [[990, 70, 'triangle'], [660, 70, 'triangle'], [440, 120, 'triangle']],
};

let ctx: AudioContext | null = null;

export function beep(kind: string) {
  const tones = PATTERNS[kind] ?? PATTERNS.rejected;
  try {
    ctx ??= new AudioContext();
    let at = ctx.currentTime;
    for (const [freq, ms, wave] of tones) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = wave ?? 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.18, at);
      gain.gain.exponentialRampToValueAtTime(0.001, at + ms / 1000);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + ms / 1000);
      at += ms / 1000 + 0.04;
    }
  } catch {
    // No audio device: the banner still says it all.
  }
}
