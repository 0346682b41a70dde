// Send-time check for email: Send (a button labelled so) or Ctrl+Enter with unresolved hints shows a
// short summary with "Review" and "Send anyway" instead of sending. Nothing is blocked when all is clear.

import { placeNear } from "./card.js";
import { overlayRoot } from "./overlay.js";

const SEND_LABEL = /^\s*send\b/i;

/** The send control `target` is inside, if any: a button, role=button or submit labelled "Send…". */
export function sendControl(target) {
  const control = target?.closest?.("[data-coach-send], button, [role='button'], input[type='submit']");
  if (!control) return null;
  if (control.hasAttribute("data-coach-send")) return control;
  const label = [control.getAttribute("aria-label"), control.getAttribute("data-tooltip"), control.value,
    control.textContent].find((s) => s && s.trim());
  return label && SEND_LABEL.test(label) ? control : null;
}

/**
 * Guards sending in `doc`.
 * @param {Document} doc
 * @param {{coachFor: (el: Element) => object|null, lastCoach: () => object|null}} find
 *   coachFor: the FieldCoach of an editor element; lastCoach: the email field focused most recently
 */
export function guardSend(doc, { coachFor, lastCoach }) {
  let bypass = false;
  let summary = null;

  function close() {
    summary?.remove();
    summary = null;
  }

  function block(event, coach, anchorRect, sendAnyway) {
    const hints = coach?.unresolved() || [];
    if (bypass || !hints.length) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    close();
    summary = renderSummary(doc, hints, {
      review: () => {
        close();
        coach.review();
      },
      sendAnyway: () => {
        close();
        bypass = true;
        try {
          sendAnyway();
        } finally {
          bypass = false;
        }
      },
    });
    overlayRoot(doc).append(summary);
    placeNear(summary, anchorRect, doc.defaultView);
    summary.querySelector("button.review").focus();
  }

  const onKey = (event) => {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    const target = event.target;
    const coach = coachFor(target);
    block(event, coach, target.getBoundingClientRect(), () => {
      target.dispatchEvent(new KeyboardEvent("keydown", {
        key: "Enter", code: "Enter", ctrlKey: event.ctrlKey, metaKey: event.metaKey, bubbles: true,
        cancelable: true,
      }));
    });
  };
  const onClick = (event) => {
    const control = sendControl(event.target);
    if (!control) return;
    block(event, lastCoach(), control.getBoundingClientRect(), () => control.click());
  };
  doc.addEventListener("keydown", onKey, true);
  doc.addEventListener("click", onClick, true);
  return () => {
    close();
    doc.removeEventListener("keydown", onKey, true);
    doc.removeEventListener("click", onClick, true);
  };
}

function renderSummary(doc, hints, on) {
  const box = doc.createElement("div");
  box.className = "summary";
  box.setAttribute("role", "alertdialog");
  box.setAttribute("aria-label", "Unresolved suggestions before sending");
  const title = doc.createElement("h2");
  title.textContent = `${hints.length} suggestion${hints.length === 1 ? "" : "s"} not resolved yet`;
  const list = doc.createElement("ul");
  for (const hint of hints) {
    const item = doc.createElement("li");
    item.textContent = `“${hint.text}” — ${hint.message}`;
    list.append(item);
  }
  const actions = doc.createElement("div");
  actions.className = "actions";
  const review = doc.createElement("button");
  review.type = "button";
  review.className = "review";
  review.textContent = "Review";
  review.addEventListener("click", on.review);
  const send = doc.createElement("button");
  send.type = "button";
  send.className = "send-anyway";
  send.textContent = "Send anyway";
  send.addEventListener("click", on.sendAnyway);
  actions.append(review, send);
  box.append(title, list, actions);
  box.addEventListener("keydown", (event) => {
    if (event.key === "Escape") on.review();
  });
  return box;
}
