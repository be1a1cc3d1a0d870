/** At most `permits` holders at once; the others wait in arrival order. */
export class Semaphore {
  private held = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private permits: number) {}

  /** Changes the number of permits; waiters start as room appears. */
  resize(permits: number): void {
    this.permits = Math.max(1, Math.floor(permits));
    this.dispatch();
  }

  /** Runs `work` once a permit is free, and frees it when `work` settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.dispatch();
    });
    try {
      return await work();
    } finally {
      this.held--;
      this.dispatch();
    }
  }

  /** How many hold a permit, and how many wait for one. */
  get load(): { held: number; waiting: number } {
    return { held: this.held, waiting: this.waiting.length };
  }

  private dispatch(): void {
    while (this.held < this.permits && this.waiting.length) {
      this.held++;
      this.waiting.shift()!();
    }
  }
}
