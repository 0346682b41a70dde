// A hidden copy of a <textarea>'s text, laid out like the textarea, inside the coach's own overlay: a
// textarea has no Range over its characters, its mirror does. The page's textarea is only read.

const COPIED = [
  "direction", "fontFamily", "fontFeatureSettings", "fontKerning", "fontSize", "fontStretch", "fontStyle",
  "fontVariant", "fontWeight", "letterSpacing", "lineHeight", "overflowWrap", "paddingBottom", "paddingLeft",
  "paddingRight", "paddingTop", "tabSize", "textAlign", "textIndent", "textTransform", "whiteSpace",
  "wordBreak", "wordSpacing",
];

export class TextareaMirror {
  /** @param {HTMLTextAreaElement} textarea  @param {HTMLElement} container inside the overlay */
  constructor(textarea, container) {
    this.textarea = textarea;
    const doc = container.ownerDocument;
    this.box = doc.createElement("div");
    this.box.className = "mirror";
    this.box.setAttribute("aria-hidden", "true");
    this.textNode = doc.createTextNode("");
    this.box.append(this.textNode);
    container.append(this.box);
  }

  /** Client rects of the textarea's characters [start, end), in viewport coordinates. */
  rects(start, end) {
    this._sync();
    const range = this.box.ownerDocument.createRange();
    range.setStart(this.textNode, start);
    range.setEnd(this.textNode, end);
    return [...range.getClientRects()];
  }

  remove() {
    this.box.remove();
  }

  _sync() {
    const ta = this.textarea;
    const css = ta.ownerDocument.defaultView.getComputedStyle(ta);
    const style = this.box.style;
    for (const name of COPIED) style[name] = css[name];
    const r = ta.getBoundingClientRect();
    const padX = parseFloat(css.paddingLeft) + parseFloat(css.paddingRight);
    const padY = parseFloat(css.paddingTop) + parseFloat(css.paddingBottom);
    // clientWidth/Height leave out borders and scrollbars: the mirror wraps lines where the textarea does.
    style.left = `${r.left + ta.clientLeft}px`;
    style.top = `${r.top + ta.clientTop}px`;
    style.width = `${Math.max(0, ta.clientWidth - padX)}px`;
    style.height = `${Math.max(0, ta.clientHeight - padY)}px`;
    // A trailing newline needs a character after it to make its line.
    const text = ta.value + "\u200b";
    if (this.textNode.data !== text) this.textNode.data = text;
    this.box.scrollTop = ta.scrollTop;
    this.box.scrollLeft = ta.scrollLeft;
  }
}
