// The hint card: the message, the why, the rewrites as buttons, then Dismiss and "Wrong flag".
// It keeps the editor's focus (mousedown is not allowed to move it), so an agent's caret is never lost.

const CATEGORY_LABELS = {
  "blaming-others": "Blaming others", "hiding-behind-policy": "Hiding behind policy",
  "helplessness": "Helplessness", "passing-the-buck": "Passing the buck", "disclaiming": "Disclaiming",
  "blaming-the-customer": "Blaming the customer",
};

function el(doc, tag, className, text) {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * @param {Document} doc
 * @param {object} hint a wire hint
 * @param {{apply: (alt: object) => void, dismiss: () => void, wrongFlag: () => void, close: () => void}} on
 */
export function renderCard(doc, hint, on) {
  const card = el(doc, "div", "card");
  card.setAttribute("role", "dialog");
  card.setAttribute("aria-label", "Ownership coach suggestion");
  card.dataset.hintId = hint.id;
  card.dataset.entry = hint.entry;
  card.append(el(doc, "div", "label", CATEGORY_LABELS[hint.category] || hint.category));
  card.append(el(doc, "p", "message", hint.message));
  card.append(el(doc, "p", "why", hint.why));
  if (hint.alternatives.length) card.append(el(doc, "p", "try", "Try instead (click to apply):"));
  for (const alt of hint.alternatives) {
    const button = el(doc, "button", "alternative", alt.text);
    button.type = "button";
    button.addEventListener("click", () => on.apply(alt));
    card.append(button);
  }
  const actions = el(doc, "div", "actions");
  const dismiss = el(doc, "button", "dismiss", "Dismiss");
  dismiss.type = "button";
  dismiss.addEventListener("click", on.dismiss);
  const wrong = el(doc, "button", "wrong-flag", "Wrong flag");
  wrong.type = "button";
  wrong.title = "This is not deflecting: tell the coach's trainers";
  wrong.addEventListener("click", on.wrongFlag);
  actions.append(dismiss, wrong);
  card.append(actions);
  card.addEventListener("mousedown", (event) => event.preventDefault());
  card.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      on.close();
    }
  });
  return card;
}

/** Places `box` under the span's last rectangle, or above it when there is no room, inside the viewport. */
export function placeNear(box, anchor, view) {
  const width = box.offsetWidth;
  const height = box.offsetHeight;
  const left = Math.max(8, Math.min(anchor.left, view.innerWidth - width - 8));
  let top = anchor.bottom + 6;
  if (top + height > view.innerHeight - 8) {
    // No room below: above the span, else as low as fits (a small frame; the card scrolls inside).
    top = anchor.top - height - 6 >= 8 ? anchor.top - height - 6 : Math.max(8, view.innerHeight - height - 8);
  }
  box.style.left = `${left}px`;
  box.style.top = `${top}px`;
}
