// The plain text of a contenteditable editor and the way back from text offsets to DOM positions.
// Line breaks come from <br> and block elements, as the agent sees them; non-breaking spaces (which
// editors insert for typed spaces) read as spaces, keeping every offset in place.

const BLOCK = /^(ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|DD|DIV|DL|DT|FIGURE|FOOTER|FORM|H[1-6]|HEADER|HR|LI|MAIN|NAV|OL|P|PRE|SECTION|TABLE|TR|UL)$/;
const SKIP = /^(SCRIPT|STYLE|TEMPLATE|NOSCRIPT)$/;

export class EditableText {
  /** @param {HTMLElement} root the editing host */
  constructor(root) {
    this.root = root;
    this.segments = []; // {node: Text, start, end} in text order
    this.text = "";
    this._walk(root);
  }

  _newline() {
    if (this.text.length && !this.text.endsWith("\n")) this.text += "\n";
  }

  _walk(node) {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        const start = this.text.length;
        this.text += child.data.replace(/\u00a0/g, " ");
        this.segments.push({ node: child, start, end: this.text.length });
      } else if (child.nodeType === Node.ELEMENT_NODE && !SKIP.test(child.tagName)) {
        if (child.tagName === "BR") {
          this.text += "\n";
          continue;
        }
        const block = BLOCK.test(child.tagName);
        if (block) this._newline();
        this._walk(child);
        if (block) this._newline();
      }
    }
  }

  /** A DOM Range over text offsets [start, end), or null when they fall outside any text. */
  range(start, end) {
    const from = this._position(start, false);
    const to = this._position(end, true);
    if (!from || !to) return null;
    const range = this.root.ownerDocument.createRange();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    return range;
  }

  /** One Range per text node that [start, end) covers: their rects are the text's, never a block's box. */
  pieces(start, end) {
    const out = [];
    for (const seg of this.segments) {
      if (seg.end <= start || seg.start >= end) continue;
      const range = this.root.ownerDocument.createRange();
      range.setStart(seg.node, Math.max(start, seg.start) - seg.start);
      range.setEnd(seg.node, Math.min(end, seg.end) - seg.start);
      out.push(range);
    }
    return out;
  }

  /** The text offset of a DOM position inside a text node, or null. */
  offsetOf(node, offset) {
    const seg = this.segments.find((s) => s.node === node);
    return seg ? seg.start + offset : null;
  }

  _position(offset, isEnd) {
    for (const seg of this.segments) {
      const inside = isEnd ? seg.start < offset && offset <= seg.end : seg.start <= offset && offset < seg.end;
      if (inside) return { node: seg.node, offset: offset - seg.start };
    }
    return null;
  }
}
