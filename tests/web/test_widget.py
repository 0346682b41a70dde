"""The embeddable widget on the coach's own /demo page: a chat box and an email composer."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.web.conftest import TIMEOUT_MS
from tests.web.helpers import box_of, card, center, page_errors, underline

pytestmark = pytest.mark.usefixtures("repeat")


@pytest.fixture
def page(widget_browser):
    context = widget_browser.new_context(viewport={"width": 1280, "height": 720})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors = page_errors(page)
    yield page
    context.close()
    assert not errors, errors


def test_demo_chat_box_apply_and_undo(page, coach_server, shots):
    page.goto(f"{coach_server.base}/demo")
    chat = page.locator("#chat-input")
    original = chat.input_value()
    mark = underline(page, "nothing-i-can-do")
    expect(mark).to_be_visible()
    expect(underline(page, "you-need-to-contact-them")).to_be_visible()
    expect(underline(page, "my-hands-are-tied")).to_be_visible()  # the email composer too
    assert chat.input_value() == original
    shots(page, "underlined")

    page.mouse.move(*center(box_of(mark)))
    expect(card(page)).to_have_attribute("data-entry", "nothing-i-can-do")
    shots(page, "card")
    rewrite = card(page).locator(".alternative").first.inner_text()
    card(page).locator(".alternative").first.click()
    expect(chat).to_have_value(original.replace("Sorry, there's nothing I can do about that.", rewrite))
    page.keyboard.press("Control+z")
    expect(chat).to_have_value(original)

    # A new reply typed by the agent is coached after a pause in typing.
    chat.fill("")
    chat.press_sequentially("I just work here.")
    expect(page.locator("coach-overlay .underline")).not_to_have_count(0)
    expect(underline(page, "nothing-i-can-do")).to_have_count(0)


def test_demo_email_send_check(page, coach_server, shots):
    page.goto(f"{coach_server.base}/demo")
    body = page.locator("#email-body")
    html = body.inner_html()
    expect(underline(page, "my-hands-are-tied")).to_be_visible()
    assert body.inner_html() == html
    page.locator("#send").click()
    summary = page.locator("coach-overlay .summary")
    expect(summary).to_be_visible()
    expect(page.locator("#sent")).to_have_text("")
    shots(page, "summary")
    summary.locator("button.send-anyway").click()
    expect(page.locator("#sent")).to_have_text("Sent.")


def test_attach_explains_an_ineligible_field(page, coach_server):
    page.goto(f"{coach_server.base}/demo")
    message = page.evaluate("""async () => {
        const field = document.createElement("textarea");
        field.spellcheck = false;
        document.body.append(field);
        try { await CoachWidget.attach(field); return "attached"; } catch (e) { return e.message; }
    }""")
    assert "spellcheck" in message
    forced = page.evaluate("""async () => {
        const field = document.querySelector("textarea[spellcheck=false]");
        const handle = await CoachWidget.attach(field, {force: true});
        return handle.draftId;
    }""")
    assert forced


def test_utf16_offsets_with_emoji(page, coach_server):
    """Offsets are UTF-16 units end to end: after emoji (two units each) the underline is still on the words."""
    page.goto(f"{coach_server.base}/demo")
    chat = page.locator("#chat-input")
    text = "Hi 👋🏽 Zoë! 🙏 Sorry, my hands are tied."
    chat.fill(text)
    mark = underline(page, "my-hands-are-tied", "demo-chat")  # the email composer has one too
    expect(mark).to_be_visible()
    x, y = center(box_of(mark))
    page.mouse.click(x, y - 6)
    caret = chat.evaluate("el => el.selectionStart")  # a JS string index, in UTF-16 units
    start = chat.evaluate("(el) => el.value.indexOf('my hands are tied')")
    assert start < caret < start + len("my hands are tied")
    card(page).locator(".alternative").first.click()
    expect(chat).not_to_have_value(text)
    assert chat.input_value().startswith("Hi 👋🏽 Zoë!")


def test_keyboard_only(page, coach_server):
    """The caret entering a flagged span opens its card; Alt+Down reaches the rewrites; Enter applies."""
    page.goto(f"{coach_server.base}/demo")
    expect(underline(page, "nothing-i-can-do")).to_be_visible()
    chat = page.locator("#chat-input")
    original = chat.input_value()
    chat.focus()
    chat.evaluate("el => el.setSelectionRange(0, 0)")
    for _ in range(original.index("nothing") + 2):
        page.keyboard.press("ArrowRight")
    expect(card(page)).to_have_attribute("data-entry", "nothing-i-can-do")
    page.keyboard.press("Alt+ArrowDown")
    rewrite = card(page).locator(".alternative").first.inner_text()
    page.keyboard.press("Enter")
    expect(chat).to_have_value(original.replace("Sorry, there's nothing I can do about that.", rewrite))
    expect(chat).to_be_focused()
