// The content script of one frame owns only the DOM: it finds eligible editors (also ones added later and
// ones in same-origin iframes, where this script runs too), coaches them through the service worker, and
// guards Send with the send-time check. Skipped fields are explained in the console on focus.

import { coachableTarget, skipReasons } from "../core/eligibility.js";
import { FieldCoach } from "../core/field-coach.js";
import { OVERLAY_TAG } from "../core/overlay.js";
import { guardSend } from "../core/send-check.js";
import { PortTransport } from "./port-transport.js";

const CANDIDATES = "textarea, [contenteditable='true'], [contenteditable='']";
const coaches = new Map(); // editor element → FieldCoach
const explained = new WeakSet();
let config = null;
let lastCoach = null;
let stopGuard = null;
let scanQueued = false;

const transport = new PortTransport((next) => {
  const first = config === null;
  config = next;
  if (!config.enabled) {
    if (first || coaches.size) console.info(`Ownership coach is off on ${location.hostname} (extension options)`);
    for (const coach of coaches.values()) coach.detach();
    coaches.clear();
    stopGuard?.();
    stopGuard = null;
    return;
  }
  stopGuard ??= guardSend(document, {
    coachFor: (el) => coaches.get(coachableTarget(el)) || null,
    lastCoach: () => lastCoach,
  });
  scan();
});

function attach(el) {
  if (coaches.has(el) || skipReasons(el, { force: config.force }).length) return null;
  const coach = new FieldCoach(el, { transport, channel: "email" });
  coaches.set(el, coach);
  lastCoach ??= coach;
  return coach;
}

function scan() {
  scanQueued = false;
  if (!config?.enabled) return;
  for (const el of document.querySelectorAll(CANDIDATES)) {
    const target = coachableTarget(el);
    if (target === el) attach(el);
  }
  for (const [el, coach] of coaches) {
    if (!el.isConnected) {
      coach.detach();
      coaches.delete(el);
      if (lastCoach === coach) lastCoach = null;
    }
  }
}

function queueScan() {
  if (scanQueued) return;
  scanQueued = true;
  setTimeout(scan, 150); // one scan for a burst of DOM changes
}

new MutationObserver((records) => {
  for (const record of records) {
    if (record.target.nodeName === OVERLAY_TAG.toUpperCase()) continue;
    for (const node of record.addedNodes) {
      if (node.nodeType === Node.ELEMENT_NODE && node.nodeName !== OVERLAY_TAG.toUpperCase()) return queueScan();
    }
    if (record.removedNodes.length) return queueScan();
  }
}).observe(document.documentElement, { childList: true, subtree: true });

document.addEventListener("focusin", (event) => {
  if (!config?.enabled) return;
  const el = coachableTarget(event.target) || event.target;
  const coach = coaches.get(el) || (el.tagName === "TEXTAREA" || el.isContentEditable ? attach(el) : null);
  if (coach) {
    lastCoach = coach;
    return;
  }
  if (!["TEXTAREA", "INPUT"].includes(el.tagName) && !el.isContentEditable) return;
  if (explained.has(el)) return;
  explained.add(el);
  const reasons = skipReasons(el, { force: config.force });
  if (reasons.length) console.info(`Ownership coach skipped this field: ${reasons.join("; ")}`, el);
}, true);
