// The ring of an incoming call, made with WebAudio (no sound file to ship): two short beeps every two seconds.
// Phones only let a page make sound after a tap, so the context is created on the sign-in tap (unlock).
export class RingTone {
  private context: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  /** Call from a user gesture (the sign-in button), so later rings may sound. */
  unlock(): void {
    if (typeof AudioContext === 'undefined') return;
    this.context ??= new AudioContext();
    void this.context.resume();
  }

  start(): void {
    if (this.timer) return;
    this.burst();
    this.timer = setInterval(() => this.burst(), 2000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  get ringing(): boolean {
    return this.timer !== null;
  }

  private burst(): void {
    const ctx = this.context;
    if (!ctx || ctx.state !== 'running') return;
    for (const offset of [0, 0.35]) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, ctx.currentTime + offset);
      gain.gain.exponentialRampToValueAtTime(0.4, ctx.currentTime + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + offset + 0.25);
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + offset);
      osc.stop(ctx.currentTime + offset + 0.3);
    }
  }
}
