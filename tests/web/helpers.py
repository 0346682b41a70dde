"""What the browser tests look at: the coach's overlay, the page's own DOM, and where text sits."""

from __future__ import annotations

from playwright.sync_api import expect

OVERLAY = "coach-overlay"


def underline(scope, entry: str, draft_id: str | None = None):
    """The first underline drawn for a phrasebook entry, in one field's layer when `draft_id` is given
    (Playwright's CSS pierces the overlay's open shadow root)."""
    layer = f".layer[data-draft-id='{draft_id}'] " if draft_id else ""
    return scope.locator(f"{OVERLAY} {layer}.underline[data-entry='{entry}']").first


def card(scope):
    return scope.locator(f"{OVERLAY} .card")


def center(box: dict) -> tuple[float, float]:
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def page_mutations(frame) -> list[dict]:
    """Every DOM change recorded since the page started (conftest.RECORD_MUTATIONS)."""
    return frame.evaluate("window.__mutations")


def only_overlay_added(mutations: list[dict]) -> bool:
    """The coach's only change to the page: its overlay host, added to <html> once."""
    return mutations == [{"type": "childList", "target": "HTML", "targetId": None, "attribute": None,
                          "added": [OVERLAY.upper()], "removed": []}]


def text_rect(frame, selector: str, phrase: str) -> dict:
    """The page's own measure of where `phrase` sits inside the editor: a Range over its text node."""
    return frame.evaluate("""([selector, phrase]) => {
        const root = document.querySelector(selector);
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.data.indexOf(phrase);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + phrase.length);
            const r = range.getBoundingClientRect();
            return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
        }
        return null;
    }""", [selector, phrase])


def open_coached(page, url: str, entry: str, read: str = "input_value"):
    """Opens a fixture page and waits for `entry`'s underline; the editor (#editor) must be as it was, and
    the page's DOM unchanged but for the overlay host. Returns (editor, its content before, underline)."""
    page.goto(url)
    editor = page.locator("#editor")
    before = getattr(editor, read)()
    mark = underline(page, entry)
    expect(mark).to_be_visible()
    assert getattr(editor, read)() == before
    assert only_overlay_added(page_mutations(page)), page_mutations(page)
    return editor, before, mark


def page_errors(page) -> list:
    """Uncaught errors of the page's scripts (the coach's included), collected as they happen."""
    errors: list = []
    page.on("pageerror", lambda error: errors.append(error))
    return errors


def box_of(locator, timeout_s: float = 5.0) -> dict:
    """The element's box. The overlay redraws its underlines whenever it has reason to (a hints frame, focus,
    the connection's status), replacing the nodes, so a node located a moment ago can be gone when measured:
    measure again until one is there."""
    import time

    deadline = time.monotonic() + timeout_s
    while (box := locator.bounding_box(timeout=int(timeout_s * 1000))) is None:
        if time.monotonic() > deadline:
            raise AssertionError(f"{locator} has no box")
        time.sleep(0.05)
    return box
