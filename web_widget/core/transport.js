// What a FieldCoach needs from the way to the server, shared by the websocket (widget, extension worker)
// and the extension's port to its worker: the newest draft per field, who gets each draft's hints, and
// the connection status.

export class Transport {
  constructor(status) {
    this.status = status;
    this.latest = new Map(); // draft_id → newest draft, sent again after a reconnect
    this.subscribers = new Map(); // draft_id → (hints frame) => void
    this.statusListeners = new Set();
  }

  /** Hints frames of one draft go to `callback`; returns the unsubscribe function. */
  subscribe(draftId, callback) {
    this.subscribers.set(draftId, callback);
    return () => {
      this.subscribers.delete(draftId);
      this.latest.delete(draftId);
    };
  }

  onStatus(callback) {
    this.statusListeners.add(callback);
    callback(this.status);
    return () => this.statusListeners.delete(callback);
  }

  _setStatus(status) {
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }

  _deliver(frame) {
    this.subscribers.get(frame.draft_id)?.(frame);
  }
}
