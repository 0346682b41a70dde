// The coach draws in its own element: one <coach-overlay> per document, appended to <html>, with an open
// shadow root, fixed at the viewport's origin and letting the pointer through except on the card. The
// page's editor and its styles are never touched; the shadow root keeps the page's CSS out as well.

import { OVERLAY_CSS } from "./overlay-style.js";

export const OVERLAY_TAG = "coach-overlay";

/** The overlay's shadow root in `doc`, created on first use. */
export function overlayRoot(doc) {
  let host = doc.documentElement.querySelector(`:scope > ${OVERLAY_TAG}`);
  if (!host) {
    host = doc.createElement(OVERLAY_TAG);
    host.setAttribute("style", "all: initial; position: fixed; left: 0; top: 0; width: 0; height: 0; "
      + "overflow: visible; z-index: 2147483647; pointer-events: none;");
    const root = host.attachShadow({ mode: "open" });
    const style = doc.createElement("style");
    style.textContent = OVERLAY_CSS;
    root.append(style);
    doc.documentElement.append(host);
  }
  return host.shadowRoot;
}

/** A layer of one field: its underlines, its mirror and its badge live here. */
export function createLayer(doc) {
  const layer = doc.createElement("div");
  layer.className = "layer";
  overlayRoot(doc).append(layer);
  return layer;
}

/** Visible part of `rect` inside `clip` (both DOMRect-like), or null. */
export function clipRect(rect, clip) {
  const left = Math.max(rect.left, clip.left);
  const right = Math.min(rect.right, clip.right);
  const top = Math.max(rect.top, clip.top);
  const bottom = Math.min(rect.bottom, clip.bottom);
  return right > left && bottom > top ? { left, top, right, bottom, width: right - left, height: bottom - top }
    : null;
}

/** The box of an element's content that is visible inside the viewport (inside borders and scrollbars). */
export function visibleBox(el) {
  const r = el.getBoundingClientRect();
  const view = el.ownerDocument.defaultView;
  const box = {
    left: r.left + el.clientLeft, top: r.top + el.clientTop,
    right: r.left + el.clientLeft + el.clientWidth, bottom: r.top + el.clientTop + el.clientHeight,
  };
  return clipRect(box, { left: 0, top: 0, right: view.innerWidth, bottom: view.innerHeight });
}
