// One websocket to the coach, shared by every field of a page (widget) or of a browser (extension worker).
// It reconnects with exponential backoff, resends the latest revision of every draft after a reconnect
// (hint ids belong to a connection, so old ones are useless to the new one) and hands each hints frame to
// the subscriber of its draft.

import { draftFrame, feedbackFrame, parseServerFrame, streamUrl } from "./protocol.js";
import { Transport } from "./transport.js";

const POLICY_VIOLATION = 1008;

export class CoachConnection extends Transport {
  /**
   * @param {{url: string, token?: string, initialDelayMs?: number, maxDelayMs?: number,
   *          WebSocketImpl?: typeof WebSocket}} options
   */
  constructor({ url, token = "", initialDelayMs = 250, maxDelayMs = 5000, WebSocketImpl = WebSocket }) {
    super("idle"); // idle | connecting | open | reconnecting | unauthorized | closed
    this.url = url;
    this.token = token;
    this.initialDelayMs = initialDelayMs;
    this.maxDelayMs = maxDelayMs;
    this.WebSocketImpl = WebSocketImpl;
    this.delayMs = initialDelayMs;
    this.socket = null;
    this.hello = null;
    this.errorListeners = new Set();
    this.timer = null;
  }

  start() {
    if (this.status === "idle" || this.status === "closed") this._open();
    return this;
  }

  close() {
    this.status = "closed";
    clearTimeout(this.timer);
    this.socket?.close(1000, "client closed");
    this.socket = null;
    this._emitStatus();
  }

  /** Moves to another server or token (new settings), keeping the drafts and subscribers. */
  retarget({ url, token = "" }) {
    if (url === this.url && token === this.token) return;
    this.url = url;
    this.token = token;
    this.delayMs = this.initialDelayMs;
    clearTimeout(this.timer);
    const old = this.socket;
    this.socket = null; // its close event is then ignored
    old?.close(1000, "settings changed");
    this.status = "idle";
    this._open();
  }

  /** Sends a draft now, or as soon as the socket is open; only the newest revision per draft is kept. */
  sendDraft(draft) {
    const frame = draftFrame(draft);
    const previous = this.latest.get(frame.draft_id);
    if (previous && previous.rev > frame.rev) return;
    this.latest.set(frame.draft_id, frame);
    this._send(frame);
  }

  sendFeedback(feedback) {
    this._send(feedbackFrame(feedback));
  }

  onError(callback) {
    this.errorListeners.add(callback);
    return () => this.errorListeners.delete(callback);
  }

  _send(frame) {
    if (this.socket && this.socket.readyState === 1 && this.hello) this.socket.send(JSON.stringify(frame));
    // Otherwise the draft waits in `latest` and goes out after hello; feedback for a closed connection
    // names hints the next connection never sent, so it is dropped.
  }

  _open() {
    if (this.status !== "unauthorized") {
      this.status = this.status === "idle" || this.status === "closed" ? "connecting" : "reconnecting";
      this._emitStatus();
    }
    let socket;
    try {
      socket = new this.WebSocketImpl(streamUrl(this.url, this.token));
    } catch (err) {
      this._scheduleReconnect();
      return;
    }
    this.socket = socket;
    this.hello = null;
    socket.onmessage = (event) => this._receive(event.data);
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.hello = null;
      if (this.status === "closed") return;
      if (event.code === POLICY_VIOLATION && event.reason === "invalid token") {
        this.status = "unauthorized";
        this._emitStatus();
        this.delayMs = this.maxDelayMs; // a wrong token will not fix itself soon
      }
      this._scheduleReconnect();
    };
  }

  _receive(data) {
    const frame = parseServerFrame(data);
    if (!frame) return;
    if (frame.type === "hello") {
      this.hello = frame;
      this.delayMs = this.initialDelayMs;
      this.status = "open";
      this._emitStatus();
      for (const draft of this.latest.values()) this._send(draft);
    } else if (frame.type === "hints") {
      this._deliver(frame);
    } else {
      for (const listener of this.errorListeners) listener(frame);
    }
  }

  _scheduleReconnect() {
    if (this.status === "closed") return;
    if (this.status !== "unauthorized") {
      this.status = "reconnecting";
      this._emitStatus();
    }
    // Jitter spreads the reconnects of many agents after a server restart.
    const wait = this.delayMs * (0.75 + Math.random() * 0.5);
    this.delayMs = Math.min(this.maxDelayMs, this.delayMs * 2);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this._open(), wait);
  }

  _emitStatus() {
    this._setStatus(this.status);
  }
}
