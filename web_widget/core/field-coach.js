// Coaching of one editor: reads its text, sends drafts after pauses, draws the hints of the newest answer
// over the text, and shows a card on hover, click or when the caret enters a flagged span.
// The transport is either a CoachConnection (widget) or the extension's port to its service worker.

import { renderCard, placeNear } from "./card.js";
import { editorFor } from "./editors.js";
import { rebaseHints, stillThere } from "./offsets.js";
import { clipRect, createLayer, visibleBox } from "./overlay.js";
import { PauseScheduler } from "./schedule.js";

const HOVER_GRACE_MS = 350;
let nextId = 1;

export class FieldCoach {
  /**
   * @param {HTMLElement} el a <textarea> or a contenteditable editing host
   * @param {{transport: object, channel: "chat"|"email", draftId?: string, pauseMs?: number,
   *          maxWaitMs?: number}} options
   */
  constructor(el, { transport, channel, draftId, pauseMs, maxWaitMs }) {
    this.el = el;
    this.doc = el.ownerDocument;
    this.view = this.doc.defaultView;
    this.transport = transport;
    this.channel = channel;
    this.draftId = draftId || `draft-${Date.now().toString(36)}-${nextId++}`;
    this.layer = createLayer(this.doc);
    this.layer.dataset.draftId = this.draftId;
    this.editor = editorFor(el, this.layer);
    this.rev = 0;
    this.sent = new Map(); // rev → text sent, until a newer rev is answered
    this.answeredRev = -1;
    this.base = { text: "", hints: [] }; // the newest answer and the text it was computed for
    this.hints = []; // base hints moved onto the current text
    this.dismissed = new Set();
    this.drawn = []; // [{hint, rects}] as last drawn, for hit tests
    this.card = null;
    this.status = "connecting";
    this.frame = 0;
    this.scheduler = new PauseScheduler(() => this._sendDraft(), { pauseMs, maxWaitMs });
    this.cleanups = [];
    this._listen();
    this.badge = this._makeBadge();
    this.cleanups.push(transport.subscribe(this.draftId, (frame) => this._onHints(frame)));
    this.cleanups.push(transport.onStatus((status) => {
      this.status = status;
      this.render();
    }));
    if (this.editor.text().trim()) this._sendDraft();
    this.render();
  }

  /** Hints on the text as it is now, not dismissed. */
  unresolved() {
    return this.hints;
  }

  /** Sends the current text at once (e.g. before a send-time check). */
  flush() {
    this.scheduler.flush();
  }

  /** Focuses the editor and opens the card of the first unresolved hint. */
  review() {
    this.el.focus();
    if (this.hints.length) this._openCard(this.hints[0], "pinned");
  }

  detach() {
    this.scheduler.cancel();
    for (const cleanup of this.cleanups) cleanup();
    this.editor.detach();
    this.layer.remove();
  }

  // ---- drafts and answers -----------------------------------------------------------------------------

  _sendDraft() {
    const text = this.editor.text();
    this.rev += 1;
    this.sent.set(this.rev, text);
    this.transport.sendDraft({ draft_id: this.draftId, rev: this.rev, text, channel: this.channel });
  }

  _onHints(frame) {
    const text = this.sent.get(frame.rev);
    if (frame.rev < this.answeredRev || text === undefined) return; // only the newest answer counts
    this.answeredRev = frame.rev;
    for (const rev of this.sent.keys()) if (rev < frame.rev) this.sent.delete(rev);
    this.base = { text, hints: frame.hints };
    this._refresh();
  }

  _refresh() {
    const text = this.editor.text();
    const moved = stillThere(rebaseHints(this.base.hints, this.base.text, text), text);
    this.hints = moved.filter((h) => !this.dismissed.has(this._key(h)));
    if (this.card && !this.hints.some((h) => h.id === this.card.hint.id)) this._closeCard();
    this.render();
  }

  _key(hint) {
    return `${hint.entry}\u0000${hint.text}`;
  }

  _feedback(hint, action) {
    this.transport.sendFeedback({ hint_id: hint.id, action, draft_id: this.draftId });
  }

  // ---- drawing ----------------------------------------------------------------------------------------

  /** Redraws on the next animation frame (scroll, resize and typing come in bursts). */
  scheduleRender() {
    if (this.frame) return;
    this.frame = this.view.requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  render() {
    for (const node of this.layer.querySelectorAll(".underline")) node.remove();
    this.drawn = [];
    const box = visibleBox(this.el);
    if (box) {
      for (const hint of this.hints) {
        const rects = this.editor.rects(hint.start, hint.end).map((r) => clipRect(r, box)).filter(Boolean);
        this.drawn.push({ hint, rects });
        for (const r of rects) {
          const line = this.doc.createElement("div");
          line.className = `underline ${hint.severity}`;
          if (this.card?.hint.id === hint.id) line.classList.add("active");
          line.dataset.hintId = hint.id;
          line.dataset.entry = hint.entry;
          line.style.left = `${r.left}px`;
          line.style.top = `${r.bottom - 2}px`;
          line.style.width = `${r.width}px`;
          this.layer.append(line);
        }
      }
    }
    this._placeBadge(box);
    if (this.card) this._placeCard();
  }

  _makeBadge() {
    const badge = this.doc.createElement("button");
    badge.type = "button";
    badge.className = "badge";
    badge.addEventListener("mousedown", (event) => event.preventDefault());
    badge.addEventListener("click", () => {
      if (this.hints.length) this._openCard(this.hints[0], "pinned");
    });
    this.layer.append(badge);
    return badge;
  }

  _placeBadge(box) {
    const badge = this.badge;
    if (!badge) return;
    const focused = this.doc.activeElement === this.el || this.el.contains(this.doc.activeElement);
    badge.hidden = !box || (!focused && !this.hints.length && this.status === "open");
    if (!box) return;
    badge.style.left = `${box.right - badge.offsetWidth - 6}px`;
    badge.style.top = `${box.bottom - 24}px`;
    const offline = this.status !== "open";
    badge.classList.toggle("offline", offline);
    badge.classList.toggle("has-hints", this.hints.length > 0);
    badge.textContent = offline ? "offline" : String(this.hints.length || "✓");
    badge.title = offline
      ? `Ownership coach: ${this.status === "unauthorized" ? "the token was refused" : "reconnecting…"}`
      : `Ownership coach: ${this.hints.length} suggestion${this.hints.length === 1 ? "" : "s"}`;
    badge.dataset.status = this.status;
    badge.dataset.count = String(this.hints.length);
  }

  // ---- the card ---------------------------------------------------------------------------------------

  _openCard(hint, mode) {
    if (this.card?.hint.id === hint.id) {
      if (mode === "pinned") this.card.mode = "pinned";
      return;
    }
    this._closeCard();
    const node = renderCard(this.doc, hint, {
      apply: (alt) => this._apply(hint, alt),
      dismiss: () => this._dismiss(hint),
      wrongFlag: () => this._wrongFlag(hint),
      close: () => this._closeCard(true),
    });
    node.addEventListener("mouseenter", () => clearTimeout(this.hoverTimer));
    node.addEventListener("mouseleave", () => this._hoverAway());
    this.layer.append(node);
    this.card = { hint, node, mode };
    this.render();
  }

  _placeCard() {
    const drawn = this.drawn.find((d) => d.hint.id === this.card.hint.id);
    const anchor = drawn?.rects.at(-1);
    this.card.node.hidden = !anchor;
    if (anchor) placeNear(this.card.node, anchor, this.view);
  }

  _closeCard(refocus = false) {
    if (!this.card) return;
    this.card.node.remove();
    this.card = null;
    if (refocus) this.el.focus();
    this.render();
  }

  _hoverAway() {
    clearTimeout(this.hoverTimer);
    if (this.card?.mode !== "hover") return;
    this.hoverTimer = this.view.setTimeout(() => {
      if (this.card?.mode === "hover") this._closeCard();
    }, HOVER_GRACE_MS);
  }

  _apply(hint, alt) {
    this._closeCard();
    const text = this.editor.text();
    if (text.slice(hint.start, hint.end) !== hint.text) return; // the text moved under the card
    this._feedback(hint, "applied");
    this.editor.replace(alt.start, alt.end, alt.text);
  }

  _dismiss(hint) {
    this.dismissed.add(this._key(hint));
    this._feedback(hint, "dismissed");
    this._closeCard(true);
    this._refresh();
  }

  _wrongFlag(hint) {
    this.dismissed.add(this._key(hint));
    this._feedback(hint, "wrong_flag");
    this._closeCard(true);
    this._refresh();
  }

  _hintAt(x, y) {
    for (const { hint, rects } of this.drawn) {
      if (rects.some((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom + 3)) return hint;
    }
    return null;
  }

  _hintAtCaret() {
    const caret = this.editor.caret();
    if (caret === null) return null;
    return this.hints.find((h) => caret > h.start && caret < h.end) || null;
  }

  // ---- events -----------------------------------------------------------------------------------------

  _on(target, type, handler, options) {
    target.addEventListener(type, handler, options);
    this.cleanups.push(() => target.removeEventListener(type, handler, options));
  }

  _listen() {
    this._on(this.el, "input", () => {
      this.scheduler.touch();
      this._refresh();
    });
    this._on(this.el, "focus", () => this.render());
    this._on(this.el, "blur", () => this.render());
    this._on(this.el, "scroll", () => this.scheduleRender(), { passive: true });
    this._on(this.view, "scroll", () => this.scheduleRender(), { capture: true, passive: true });
    this._on(this.view, "resize", () => this.scheduleRender());
    const observer = new this.view.ResizeObserver(() => this.scheduleRender());
    observer.observe(this.el);
    this.cleanups.push(() => observer.disconnect());
    this._on(this.doc, "mousemove", (event) => {
      if (this.card && event.composedPath().includes(this.card.node)) {
        clearTimeout(this.hoverTimer);
        return;
      }
      const hint = this._hintAt(event.clientX, event.clientY);
      if (hint) {
        clearTimeout(this.hoverTimer);
        this._openCard(hint, "hover");
      } else if (this.card?.mode === "hover") {
        this._hoverAway();
      }
    }, { passive: true });
    this._on(this.el, "click", (event) => {
      const hint = this._hintAt(event.clientX, event.clientY) || this._hintAtCaret();
      if (hint) this._openCard(hint, "pinned");
    });
    this._on(this.doc, "mousedown", (event) => {
      // Events from the overlay's shadow root reach the document retargeted to its host: ask the path.
      if (this.card && !this._hintAt(event.clientX, event.clientY)
          && !event.composedPath().includes(this.card.node)) {
        this._closeCard();
      }
    }, { capture: true });
    this._on(this.doc, "selectionchange", () => {
      if (this.doc.activeElement !== this.el && !this.el.contains(this.doc.activeElement)) return;
      const hint = this._hintAtCaret();
      if (hint) this._openCard(hint, this.card?.mode === "pinned" ? "pinned" : "caret");
      else if (this.card?.mode === "caret") this._closeCard();
    });
    this._on(this.el, "keydown", (event) => {
      // Alt+Down moves the keyboard into the open card; Escape closes it.
      if (!this.card) return;
      if (event.key === "ArrowDown" && event.altKey) {
        event.preventDefault();
        this.card.mode = "pinned";
        this.card.node.querySelector("button")?.focus();
      } else if (event.key === "Escape") {
        event.preventDefault();
        this._closeCard();
      }
    });
  }
}
