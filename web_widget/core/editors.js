// The two kinds of editor the coach reads: <textarea> and contenteditable. Each can give its text, the
// screen rectangles of a span, the caret offset, and replace a span through the editor's own input path
// (execCommand "insertText"), so the browser's undo stack and the page's framework both see the edit.

import { TextareaMirror } from "./mirror.js";
import { EditableText } from "./text-model.js";

class TextareaEditor {
  constructor(el, container) {
    this.el = el;
    this.mirror = new TextareaMirror(el, container);
  }

  text() {
    return this.el.value;
  }

  rects(start, end) {
    return this.mirror.rects(start, end);
  }

  caret() {
    const { selectionStart, selectionEnd } = this.el;
    return selectionStart === selectionEnd ? selectionStart : null;
  }

  replace(start, end, text) {
    const el = this.el;
    const doc = el.ownerDocument;
    el.focus();
    el.setSelectionRange(start, end);
    let done = false;
    try {
      done = doc.execCommand("insertText", false, text);
    } catch {
      done = false;
    }
    if (!done) {
      // No undo entry this way, but the page still hears about the change.
      el.setRangeText(text, start, end, "end");
      el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertReplacementText", data: text }));
    }
  }

  detach() {
    this.mirror.remove();
  }
}

class EditableEditor {
  constructor(el) {
    this.el = el;
  }

  text() {
    return new EditableText(this.el).text;
  }

  rects(start, end) {
    return new EditableText(this.el).pieces(start, end).flatMap((range) => [...range.getClientRects()]);
  }

  caret() {
    const selection = this.el.ownerDocument.getSelection();
    if (!selection || !selection.isCollapsed || !selection.anchorNode) return null;
    return new EditableText(this.el).offsetOf(selection.anchorNode, selection.anchorOffset);
  }

  replace(start, end, text) {
    const el = this.el;
    const doc = el.ownerDocument;
    const range = new EditableText(el).range(start, end);
    if (!range) return;
    el.focus();
    const selection = doc.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    let done = false;
    try {
      done = doc.execCommand("insertText", false, text);
    } catch {
      done = false;
    }
    if (done) return;
    // Editors that handle input themselves (Slate, Lexical, ProseMirror) listen to beforeinput; if none
    // takes it, edit the text node and say so with an input event.
    const before = new InputEvent("beforeinput", {
      bubbles: true, cancelable: true, inputType: "insertReplacementText", data: text,
      targetRanges: [new StaticRange(range)],
    });
    if (el.dispatchEvent(before)) {
      range.deleteContents();
      range.insertNode(doc.createTextNode(text));
      el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertReplacementText", data: text }));
    }
  }

  detach() {}
}

/** The editing host of an element inside a contenteditable region (the outermost editable ancestor). */
export function editingHost(el) {
  let host = el;
  while (host.parentElement && host.parentElement.isContentEditable) host = host.parentElement;
  return host;
}

export function editorFor(el, container) {
  // tagName, not instanceof: a content script's world has its own element classes.
  return el.tagName === "TEXTAREA" ? new TextareaEditor(el, container) : new EditableEditor(el);
}
