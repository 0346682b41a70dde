// The content script's side of the socket: drafts and feedback go to the service worker over a port.
// If the worker is stopped (Chrome ends idle workers) the port is opened again and the newest draft of
// every field is sent again, as the socket itself does after a reconnect.

import { Transport } from "../core/transport.js";
import { PORT_NAME, isMessage, message } from "./messages.js";

export class PortTransport extends Transport {
  /** @param {(config: {enabled: boolean, force: boolean}) => void} onConfig */
  constructor(onConfig) {
    super("connecting");
    this.onConfig = onConfig;
    this._connect();
  }

  _connect() {
    this.port = chrome.runtime.connect({ name: PORT_NAME });
    this.port.onMessage.addListener((msg) => {
      if (isMessage(msg, "hints")) this._deliver(msg.frame);
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

  sendDraft(draft) {
    this.latest.set(draft.draft_id, draft);
    this.port.postMessage(message.draft(draft));
  }

  sendFeedback(feedback) {
    this.port.postMessage(message.feedback(feedback));
  }
}
