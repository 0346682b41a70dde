// CoachWidget.attach for chat consoles and web composers: one websocket per server and token, shared by
// every attached field of the page.

import { CoachConnection } from "../core/connection.js";
import { coachableTarget, skipReasons } from "../core/eligibility.js";
import { FieldCoach } from "../core/field-coach.js";
import { streamUrlFor } from "../core/protocol.js";
import { guardSend } from "../core/send-check.js";

const connections = new Map(); // "url token" → CoachConnection
const coaches = new Map(); // element → FieldCoach
const guarded = new WeakSet(); // documents with a send-time check
let lastEmailCoach = null;

function connectionFor(url, token) {
  const key = `${url} ${token}`;
  if (!connections.has(key)) connections.set(key, new CoachConnection({ url, token }).start());
  return connections.get(key);
}

function guard(doc) {
  if (guarded.has(doc)) return;
  guarded.add(doc);
  guardSend(doc, {
    coachFor: (el) => {
      const coach = coaches.get(coachableTarget(el));
      return coach?.channel === "email" ? coach : null;
    },
    lastCoach: () => lastEmailCoach,
  });
}

/**
 * Coaches `element` (a <textarea> or a contenteditable editor).
 * @param {HTMLElement} element
 * @param {{url?: string, token?: string, channel?: "chat"|"email", draftId?: string, force?: boolean,
 *          sendCheck?: boolean, pauseMs?: number, maxWaitMs?: number, scriptSrc?: string}} options
 * @returns {{element, draftId, unresolved: () => object[], detach: () => void}}
 */
export function attach(element, options = {}) {
  const target = coachableTarget(element) || element;
  const reasons = skipReasons(target, { force: options.force });
  if (reasons.length) throw new Error(`CoachWidget: not attached: ${reasons.join("; ")}`);
  if (coaches.has(target)) return handle(coaches.get(target));
  const channel = options.channel || "chat";
  const url = options.url || streamUrlFor(new URL(options.scriptSrc || location.href).origin);
  const connection = connectionFor(url, options.token || "");
  const coach = new FieldCoach(target, {
    transport: connection, channel, draftId: options.draftId, pauseMs: options.pauseMs,
    maxWaitMs: options.maxWaitMs,
  });
  coaches.set(target, coach);
  if (channel === "email" && options.sendCheck !== false) {
    guard(target.ownerDocument);
    target.addEventListener("focus", () => { lastEmailCoach = coach; });
    lastEmailCoach ??= coach;
  }
  return handle(coach);
}

function handle(coach) {
  return {
    element: coach.el,
    draftId: coach.draftId,
    unresolved: () => coach.unresolved(),
    detach: () => {
      coach.detach();
      coaches.delete(coach.el);
      if (lastEmailCoach === coach) lastEmailCoach = null;
    },
  };
}
