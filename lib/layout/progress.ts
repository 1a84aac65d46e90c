/** Progress lines on stderr for synths that take seconds. Internal. */

/** How long a synth runs before it reports progress, and how often after that. */
const INTERVAL_MS = 2000;

/** Reports how many app folders are done, at most every two seconds. */
export class ProgressReporter {
  private readonly started = Date.now();
  private last = Date.now();
  private done_ = 0;
  private reported = false;

  constructor(private readonly enabled: boolean, private readonly total: number) {}

  /** One more app folder is rendered. */
  tick(folder: string) {
    this.done_++;
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < INTERVAL_MS) return;
    this.last = now;
    this.reported = true;
    process.stderr.write(`  ${this.done_}/${this.total} app folders (${folder}), ${((now - this.started) / 1000).toFixed(1)}s\n`);
  }

  /** Everything is rendered. */
  done() {
    if (this.enabled && this.reported) process.stderr.write(`  ${this.total}/${this.total} app folders rendered and checked\n`);
  }
}
