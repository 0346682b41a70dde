// The content script's side of the socket: drafts and feedback go to the service worker over a port.
// If the worker is stopped (Chrome ends idle workers) the port is opened again and the newest draft of
// every field is sent again, as the socket itself does after a reconnect.

import { PORT_NAME, isMessage, message } from "./messages.js";

export class PortTransport {
  /** @param {(config: {enabled: boolean, force: boolean}) => void} onConfig */
  constructor(onConfig) {
    this.onConfig = onConfig;
    this.latest = new Map(); // local draft_id → draft
    this.subscribers = new Map();
    this.statusListeners = new Set();
    this.status = "connecting";
    this._connect();
  }

  _connect() {
    this.port = chrome.runtime.connect({ name: PORT_NAME });
    this.port.onMessage.addListener((msg) => {
      if (isMessage(msg, "hints")) this.subscribers.get(msg.frame.draft_id)?.(msg.frame);
      else if (isMessage(msg, "status")) this._setStatus(msg.status);
      else if (isMessage(msg, "config")) this.onConfig(msg);
    });
    this.port.onDisconnect.addListener(() => {
      this._setStatus("reconnecting");
      if (chrome.runtime?.id) {
        this._connect(); // the extension is still there: only its worker went away
        for (const draft of this.latest.values()) this.port.postMessage(message.draft(draft));
      }
    });
  }

  _setStatus(status) {
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }

  sendDraft(draft) {
    this.latest.set(draft.draft_id, draft);
    this.port.postMessage(message.draft(draft));
  }

  sendFeedback(feedback) {
    this.port.postMessage(message.feedback(feedback));
  }

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
}
