"""The unpacked MV3 extension in real Chromium, on fixture pages, against a real coach server."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.web.helpers import (box_of, card, center, only_overlay_added, open_coached, page_errors,
                               page_mutations, text_rect, underline)

pytestmark = pytest.mark.usefixtures("repeat")


@pytest.fixture
def page(extension_context):
    page = extension_context.new_page()
    errors = page_errors(page)
    yield page
    page.close()
    assert not errors, errors


def test_textarea_hint_apply_and_undo(page, fixture_site, coach_server, shots):
    editor, original, mark = open_coached(page, f"{fixture_site}/textarea.html", "nothing-i-can-do")
    shots(page, "underlined")

    # The underline sits on the flagged words: the textarea's own hit test puts the caret inside them.
    x, y = center(box_of(mark))
    page.mouse.click(x, y - 6)
    caret = editor.evaluate("el => el.selectionStart")
    start = original.index("nothing I can do")
    assert start < caret < start + len("nothing I can do")
    expect(card(page)).to_be_visible()
    expect(card(page).locator(".message")).to_contain_text("Nothing I can do")
    shots(page, "card")

    applied_before = coach_server.analytics().get("nothing-i-can-do", {}).get("applied", 0)
    alternative = card(page).locator(".alternative").first
    rewrite = alternative.inner_text()
    alternative.click()
    expect(editor).to_have_value(original.replace("Sorry, there's nothing I can do about the late fee.", rewrite))
    expect(mark).to_have_count(0)
    assert coach_server.wait_for_count("nothing-i-can-do", "applied", applied_before + 1) == applied_before + 1
    shots(page, "applied")

    page.keyboard.press("Control+z")
    expect(editor).to_have_value(original)
    expect(underline(page, "nothing-i-can-do")).to_be_visible()  # the restored text is coached again


def test_gmail_like_composer_untouched_until_apply(page, fixture_site, coach_server, shots):
    editor, _html, mark = open_coached(page, f"{fixture_site}/gmail.html", "my-hands-are-tied", "inner_html")

    # Under the words the page itself measures for "my hands are tied", within a pixel or two.
    words = text_rect(page, "#editor", "my hands are tied")
    box = box_of(mark)
    assert abs(box["x"] - words["left"]) <= 2 and abs(box["x"] + box["width"] - words["right"]) <= 2
    assert words["bottom"] - 6 <= box["y"] <= words["bottom"] + 2
    shots(page, "underlined")

    page.mouse.move(*center(box))  # hovering opens the card
    expect(card(page)).to_be_visible()
    rewrite = card(page).locator(".alternative").first.inner_text()
    card(page).locator(".alternative").first.click()
    expect(editor).to_contain_text(rewrite)
    expect(editor).not_to_contain_text("my hands are tied")
    expect(editor).to_contain_text("Hi Dana,")
    shots(page, "applied")
    page.keyboard.press("Control+z")
    expect(editor).to_contain_text("Unfortunately my hands are tied on this one.")
    expect(editor).not_to_contain_text(rewrite)
    expect(underline(page, "my-hands-are-tied")).to_be_visible()


def test_send_time_check(page, fixture_site, shots):
    page.goto(f"{fixture_site}/gmail.html")
    expect(underline(page, "my-hands-are-tied")).to_be_visible()
    page.locator("#editor").click()
    page.keyboard.press("Control+Enter")
    summary = page.locator("coach-overlay .summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("1 suggestion not resolved yet")
    assert page.evaluate("window.sent") == []
    shots(page, "summary")

    summary.locator("button.review").click()
    expect(summary).to_have_count(0)
    expect(card(page)).to_be_visible()
    card(page).locator(".dismiss").click()
    expect(card(page)).to_have_count(0)

    page.locator("#send").click()  # nothing unresolved now: the page sends
    expect(page.locator("#log")).to_have_text("sent by button")

    page.reload()
    expect(underline(page, "my-hands-are-tied")).to_be_visible()
    page.locator("#send").click()
    expect(summary).to_be_visible()
    summary.locator("button.send-anyway").click()
    expect(page.locator("#log")).to_have_text("sent by button")
    assert page.evaluate("window.sent") == ["button"]


def test_late_chat_box_dismiss_and_wrong_flag(page, fixture_site, coach_server, shots):
    messages = []
    page.on("console", lambda m: messages.append(m.text))
    page.goto(f"{fixture_site}/chat.html")
    editor = page.locator("#editor")  # added by the page after load
    editor.click()
    editor.press_sequentially("Sorry, my hands are tied. You'll have to call the bank.")
    tied = underline(page, "my-hands-are-tied")
    contact = underline(page, "you-need-to-contact-them")
    expect(tied).to_be_visible()
    expect(contact).to_be_visible()
    shots(page, "underlined")

    dismissed_before = coach_server.analytics().get("my-hands-are-tied", {}).get("dismissed", 0)
    page.mouse.click(*center(box_of(tied)))
    expect(card(page)).to_have_attribute("data-entry", "my-hands-are-tied")
    card(page).locator(".dismiss").click()
    expect(tied).to_have_count(0)
    assert coach_server.wait_for_count("my-hands-are-tied", "dismissed", dismissed_before + 1) \
        == dismissed_before + 1

    wrong_before = coach_server.analytics().get("you-need-to-contact-them", {}).get("wrong_flag", 0)
    page.mouse.click(*center(box_of(contact)))
    expect(card(page)).to_have_attribute("data-entry", "you-need-to-contact-them")
    shots(page, "card")
    card(page).locator(".wrong-flag").click()
    expect(contact).to_have_count(0)
    assert coach_server.wait_for_count("you-need-to-contact-them", "wrong_flag", wrong_before + 1) \
        == wrong_before + 1
    # Typing on keeps the dismissed hints hidden for this draft.
    editor.press_sequentially(" Thanks!")
    expect(page.locator("coach-overlay .badge[data-count='0']")).to_have_count(1)
    expect(tied).to_have_count(0)

    # The spellcheck="false" field is skipped, and the console says why.
    page.locator("#code").focus()
    expect(page.locator("coach-overlay .layer")).to_have_count(1)
    assert any("skipped this field" in m and "spellcheck" in m for m in messages), messages


def test_editor_inside_an_iframe(page, fixture_site, shots):
    page.goto(f"{fixture_site}/iframe.html")
    frame = page.frame_locator("#frame")
    inner = page.frame(url=f"{fixture_site}/frame-editor.html")
    editor = frame.locator("#editor")
    html = editor.inner_html()
    mark = underline(frame, "not-my-department")
    expect(mark).to_be_visible()
    expect(underline(frame, "you-need-to-contact-them")).to_be_visible()
    assert editor.inner_html() == html
    assert only_overlay_added(page_mutations(inner)), page_mutations(inner)
    assert page.locator("coach-overlay").count() == 0  # drawn inside the frame, not over it
    shots(page, "underlined")

    page.mouse.click(*center(box_of(mark)))
    expect(card(frame)).to_be_visible()
    rewrite = card(frame).locator(".alternative").first.inner_text()
    card(frame).locator(".alternative").first.click()
    expect(editor).to_contain_text(rewrite)
    expect(editor).to_contain_text("Hello Kim,")
    shots(page, "applied")
    page.keyboard.press("Control+z")
    expect(editor).to_contain_text("That's not my department, you'll need to contact billing.")


def test_reconnect_after_server_restart(page, fixture_site, coach_server, shots):
    page.goto(f"{fixture_site}/textarea.html")
    expect(underline(page, "nothing-i-can-do")).to_be_visible()
    badge = page.locator("coach-overlay .badge")
    coach_server.stop()
    expect(badge).not_to_have_attribute("data-status", "open")
    shots(page, "offline")
    coach_server.start()
    expect(badge).to_have_attribute("data-status", "open")
    editor = page.locator("#editor")
    editor.click()
    page.keyboard.press("Control+End")
    editor.press_sequentially(" My hands are tied.")
    expect(underline(page, "my-hands-are-tied")).to_be_visible()
    expect(underline(page, "nothing-i-can-do")).to_be_visible()


def set_site(extension_context, host: str, on: bool) -> None:
    """Switches the coach on or off for `host` through the options page."""
    options = extension_context.new_page()
    options.goto(f"chrome-extension://{extension_context.extension_id}/extension/options.html")
    options.wait_for_selector("body[data-loaded=true]")
    if options.locator(f"input[data-site='{host}']").count() == 0:
        options.fill("#newSite", host)
        options.click("#addSite")
    options.locator(f"input[data-site='{host}']").set_checked(on)
    options.click("button[type=submit]")
    options.wait_for_selector("#saved:has-text('Saved.')")
    options.close()


def test_switched_off_on_a_site(page, extension_context, fixture_site):
    local = fixture_site.replace("127.0.0.1", "localhost")
    set_site(extension_context, "localhost", False)
    try:
        with page.expect_console_message(lambda m: "Ownership coach is off on localhost" in m.text):
            page.goto(f"{local}/textarea.html")
        assert page.locator("coach-overlay").count() == 0
        assert page_mutations(page) == []
    finally:
        set_site(extension_context, "localhost", True)
    page.reload()
    expect(underline(page, "nothing-i-can-do")).to_be_visible()
