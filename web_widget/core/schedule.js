// When to send a draft: after a short pause in typing, and at least every `maxWaitMs` while typing goes
// on, so a fast typist still sees hints without one frame per keystroke (the server rate-limits at 30/s).

export class PauseScheduler {
  /** @param {() => void} fire  @param {{pauseMs?: number, maxWaitMs?: number}} options */
  constructor(fire, { pauseMs = 250, maxWaitMs = 1000 } = {}) {
    this.fire = fire;
    this.pauseMs = pauseMs;
    this.maxWaitMs = maxWaitMs;
    this.pauseTimer = null;
    this.maxTimer = null;
  }

  /** Something changed. */
  touch() {
    clearTimeout(this.pauseTimer);
    this.pauseTimer = setTimeout(() => this.flush(), this.pauseMs);
    if (this.maxTimer === null) this.maxTimer = setTimeout(() => this.flush(), this.maxWaitMs);
  }

  /** Fire now (e.g. before a send-time check) and forget what was pending. */
  flush() {
    this.cancel();
    this.fire();
  }

  cancel() {
    clearTimeout(this.pauseTimer);
    clearTimeout(this.maxTimer);
    this.pauseTimer = this.maxTimer = null;
  }
}
