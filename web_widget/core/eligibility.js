// Which fields the coach attaches to, and why not: "why is nothing underlined?" always has an answer.

/** The editable element the coach would coach for `target` (a textarea or a contenteditable host). */
export function coachableTarget(target) {
  if (!target || target.nodeType !== 1) return null;
  if (target.tagName === "TEXTAREA") return target;
  if (!target.isContentEditable) return null;
  let host = target;
  while (host.parentElement && host.parentElement.isContentEditable) host = host.parentElement;
  return host;
}

/**
 * Reasons the coach skips `el`; an empty list means it is eligible.
 * @param {Element} el  @param {{force?: boolean}} options force: coach even with spellcheck="false"
 */
export function skipReasons(el, { force = false } = {}) {
  const reasons = [];
  if (!el || el.nodeType !== 1) return ["not an element"];
  const isTextarea = el.tagName === "TEXTAREA";
  if (!isTextarea && !el.isContentEditable) {
    reasons.push(el.tagName === "INPUT"
      ? "a single-line <input>: the coach reads <textarea> and contenteditable editors"
      : "not editable text (neither a <textarea> nor contenteditable)");
    return reasons;
  }
  if (isTextarea && el.disabled) reasons.push("the textarea is disabled");
  if (isTextarea && el.readOnly) reasons.push("the textarea is read-only");
  if (el.closest("[data-coach='off']")) reasons.push("the page opted out with data-coach=\"off\"");
  if (!force && el.spellcheck === false) {
    reasons.push("spellcheck=\"false\": the page says this is not prose (force it in the options to coach anyway)");
  }
  const view = el.ownerDocument.defaultView;
  const style = view.getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  if (style.display === "none" || style.visibility === "hidden" || rect.width < 2 || rect.height < 2) {
    reasons.push("not visible");
  }
  return reasons;
}
