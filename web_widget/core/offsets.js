// Hints are computed for the text of one revision; the agent may have typed since. Between two texts we
// find the changed middle (common prefix and suffix) and keep only hints that lie wholly outside it,
// shifted by the change in length. A hint touched by the edit is dropped until the next answer.

/** {prefix, oldEnd, newEnd}: old[prefix:oldEnd] became new[prefix:newEnd]. */
export function changedMiddle(oldText, newText) {
  let prefix = 0;
  const max = Math.min(oldText.length, newText.length);
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix
         && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) {
    suffix++;
  }
  return { prefix, oldEnd: oldText.length - suffix, newEnd: newText.length - suffix };
}

function shiftRange(start, end, change) {
  const delta = change.newEnd - change.oldEnd;
  if (end <= change.prefix) return [start, end];
  if (start >= change.oldEnd) return [start + delta, end + delta];
  return null;
}

/** The hints of `oldText` moved onto `newText`; hints the edit touched are left out. */
export function rebaseHints(hints, oldText, newText) {
  if (oldText === newText) return hints;
  const change = changedMiddle(oldText, newText);
  const out = [];
  for (const hint of hints) {
    const span = shiftRange(hint.start, hint.end, change);
    if (!span) continue;
    const alternatives = [];
    for (const alt of hint.alternatives) {
      const altSpan = shiftRange(alt.start, alt.end, change);
      if (altSpan) alternatives.push({ ...alt, start: altSpan[0], end: altSpan[1] });
    }
    if (alternatives.length !== hint.alternatives.length) continue; // the sentence it rewrites was edited
    out.push({ ...hint, start: span[0], end: span[1], alternatives });
  }
  return out;
}

/** Drops hints whose text no longer sits at their offsets (a cheap guard before drawing or applying). */
export function stillThere(hints, text) {
  return hints.filter((h) => text.slice(h.start, h.end) === h.text);
}
