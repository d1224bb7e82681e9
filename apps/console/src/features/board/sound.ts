/**
 * The chime for a new order. Browsers start audio only after the person has touched the page, so
 * the audio context is made (or resumed) on the first tap or key press; until then the toggle
 * says that sound is waiting for a tap.
 */
const STORAGE_KEY = 'console:sound:v1';

export function soundPreference(storage: Pick<Storage, 'getItem'>): boolean {
  return storage.getItem(STORAGE_KEY) !== 'off';
}

export function rememberSound(storage: Pick<Storage, 'setItem'>, on: boolean): void {
  storage.setItem(STORAGE_KEY, on ? 'on' : 'off');
}

export class Chime {
  private context: AudioContext | null = null;
  enabled: boolean;

  constructor(enabled: boolean) {
    this.enabled = enabled;
    const unlock = () => {
      this.context ??= new AudioContext();
      void this.context.resume();
    };
    document.addEventListener('pointerdown', unlock, { once: true, capture: true });
    document.addEventListener('keydown', unlock, { once: true, capture: true });
  }

  /** True once the browser lets the page play sound. */
  get ready(): boolean {
    return this.context?.state === 'running';
  }

  /** Two short rising notes; tells listeners (and the browser tests) that it played. */
  play(): void {
    if (!this.enabled) return;
    window.dispatchEvent(new CustomEvent('console:chime'));
    const context = this.context;
    if (context?.state !== 'running') return;
    const start = context.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.18, 1320],
    ] as const) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.3, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.16);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.17);
    }
  }
}
