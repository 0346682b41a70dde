"""The /v1/stream protocol through FastAPI's test client (analysis in a thread of the app, the real pipeline)."""

import json
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient

from coach.api.app import create_app
from coach.settings import Settings

DEFLECTING = "Sorry, there's nothing I can do about that."


@pytest.fixture(scope="module")
def app():
    return create_app(Settings(analysis_workers=0, max_drafts_per_connection=5, max_frames_per_second=200,
                               max_frames_burst=400, max_frame_bytes=4096))


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app) as client:
        yield client


def draft(draft_id="d1", rev=1, text=DEFLECTING, channel="chat", **extra):
    return json.dumps({"type": "draft", "v": 1, "draft_id": draft_id, "rev": rev, "text": text,
                       "channel": channel, **extra})


@contextmanager
def connect(client):
    with client.websocket_connect("/v1/stream") as ws:
        yield ws, ws.receive_json()


def test_hello_comes_first(client):
    with connect(client) as (ws, hello):
        assert hello["type"] == "hello" and hello["v"] == 1
        assert len(hello["phrasebook_version"]) == 12 and hello["model"].startswith("en_core_web_sm")


def test_draft_gets_hints_with_utf16_offsets(client):
    with connect(client) as (ws, _hello):
        text = "Héllo 👋🏽 Zoë! " + DEFLECTING
        ws.send_text(draft(text=text))
        frame = ws.receive_json()
        assert frame["type"] == "hints" and frame["draft_id"] == "d1" and frame["rev"] == 1
        hint, = frame["hints"]
        utf16 = text.encode("utf-16-le")
        start, end = hint["start"], hint["end"]
        assert utf16[2 * start:2 * end].decode("utf-16-le") == hint["text"] == "nothing I can do"
        assert start == text.index("nothing") + 2  # the two emoji code points take two units each
        for alt in hint["alternatives"]:
            assert utf16[2 * alt["start"]:2 * alt["end"]].decode("utf-16-le") == DEFLECTING
        assert {"id", "entry", "category", "severity", "message", "why"} <= set(hint)


def test_several_drafts_share_a_connection(client):
    with connect(client) as (ws, _hello):
        ws.send_text(draft("chat-1", text="My hands are tied."))
        ws.send_text(draft("email-7", text="Thanks, it ships today.", channel="email"))
        frames = {f["draft_id"]: f for f in (ws.receive_json(), ws.receive_json())}
        assert [h["entry"] for h in frames["chat-1"]["hints"]] == ["my-hands-are-tied"]
        assert frames["email-7"]["hints"] == []


def test_latest_revision_wins_and_answers_never_go_backwards(client):
    with connect(client) as (ws, _hello):
        for rev in range(1, 31):
            ws.send_text(draft(rev=rev, text=f"Draft number {rev}. " + DEFLECTING))
        answered = []
        while not answered or answered[-1] != 30:
            frame = ws.receive_json()
            assert frame["type"] == "hints"
            answered.append(frame["rev"])
        assert answered == sorted(set(answered)), answered
        assert len(answered) < 30, "superseded revisions should have been dropped"
        ws.send_text(draft(rev=12))
        error = ws.receive_json()
        assert error == {"type": "error", "v": 1, "code": "stale_rev",
                         "detail": "rev 12 of draft 'd1' is not newer than rev 30"}


def test_feedback_is_counted_per_entry(client, app):
    with connect(client) as (ws, _hello):
        ws.send_text(draft(text="My hands are tied."))
        hint, = ws.receive_json()["hints"]
        before = app.state.analytics.for_entry("my-hands-are-tied")
        ws.send_text(json.dumps({"type": "feedback", "v": 1, "hint_id": hint["id"], "action": "wrong_flag"}))
        ws.send_text(json.dumps({"type": "feedback", "v": 1, "hint_id": "nope", "action": "applied"}))
        assert ws.receive_json()["code"] == "unknown_hint"
        after = app.state.analytics.for_entry("my-hands-are-tied")
        assert after["wrong_flag"] == before["wrong_flag"] + 1


BAD_FRAMES = [
    ("x" * 5000, "frame_too_large"),
    ("{not json", "invalid_json"),
    ("[" * 100_0 + "]" * 100_0, "invalid_json"),
    ('{"type": "draft"}', "invalid_frame"),
    ("[1, 2]", "invalid_frame"),
    (json.dumps({"type": "typing", "v": 1}), "unknown_type"),
    (json.dumps({"type": ["draft"], "v": 1}), "unknown_type"),
    (json.dumps({"type": "draft", "v": 2}), "unsupported_version"),
    (json.dumps({"type": "draft", "v": True, "draft_id": "d", "rev": 1, "text": "", "channel": "chat"}),
     "unsupported_version"),
    (draft(channel="sms"), "invalid_frame"),
    (draft(rev=-1), "invalid_frame"),
    (draft(rev=2**53), "invalid_frame"),
    (draft(rev="7"), "invalid_frame"),
    (draft(rev=1.5), "invalid_frame"),
    (draft(text=None), "invalid_frame"),
    (draft(extra_field=1), "invalid_frame"),
    ('{"type": "draft", "v": 1, "draft_id": "d", "rev": 1, "text": "bad \\ud800 pair", "channel": "chat"}',
     "invalid_text"),
    (json.dumps({"type": "feedback", "v": 1, "hint_id": "x", "action": "loved"}), "invalid_frame"),
]


@pytest.mark.parametrize("raw, code", BAD_FRAMES)
def test_bad_frames_get_a_specific_error_and_the_connection_goes_on(client, raw, code):
    with connect(client) as (ws, _hello):
        ws.send_text(raw)
        error = ws.receive_json()
        assert error["type"] == "error" and error["code"] == code and error["detail"]
        ws.send_text(draft(rev=1))
        assert ws.receive_json()["type"] == "hints"


def test_binary_frames_are_refused(client):
    with connect(client) as (ws, _hello):
        ws.send_bytes(b"\x00\x01binary")
        assert ws.receive_json()["code"] == "binary_frame"


def test_drafts_per_connection_are_bounded(client):
    with connect(client) as (ws, _hello):
        for i in range(5):
            ws.send_text(draft(f"d{i}", text="ok"))
            ws.receive_json()
        ws.send_text(draft("d5", text="ok"))
        error = ws.receive_json()
        assert error["code"] == "too_many_drafts"
        ws.send_text(draft("d0", rev=2, text="still fine"))
        assert ws.receive_json()["draft_id"] == "d0"


def test_a_flood_is_rate_limited_without_hurting_another_connection(client):
    with connect(client) as (flood, _h1), connect(client) as (other, _h2):
        for rev in range(1, 1001):
            flood.send_text(draft(rev=rev, text="typing fast"))
        other.send_text(draft("calm", text="My hands are tied."))
        assert other.receive_json()["hints"][0]["entry"] == "my-hands-are-tied"
        codes = set()
        while "rate_limited" not in codes:
            frame = flood.receive_json()
            codes.add(frame.get("code", frame["type"]))


def test_bad_input_on_one_connection_does_not_affect_another(client):
    with connect(client) as (bad, _h1), connect(client) as (good, _h2):
        for raw, _code in BAD_FRAMES:
            bad.send_text(raw)
        good.send_text(draft("g", text="It's out of our hands."))
        assert good.receive_json()["hints"][0]["entry"] == "out-of-our-control"
        codes = [bad.receive_json()["code"] for _ in BAD_FRAMES]
        assert codes == [code for _raw, code in BAD_FRAMES]


def test_metrics_count_connections_updates_and_errors(client):
    with connect(client) as (ws, _hello):
        ws.send_text("{oops")
        ws.receive_json()
        body = client.get("/metrics").text
        assert "coach_connections" in body and 'coach_errors_total{code="invalid_json"}' in body
        assert "coach_analysis_seconds_bucket" in body and "coach_cache_hit_ratio" in body


def test_analyze_endpoint_matches_the_stream(client):
    text = "😀 My hands are tied."
    body = client.post("/v1/analyze", json={"text": text, "channel": "email"}).json()
    hint, = body["hints"]
    assert hint["entry"] == "my-hands-are-tied" and hint["start"] == 3
    assert client.post("/v1/analyze", json={"text": "x" * 5000}).status_code == 413
    assert client.post("/v1/analyze", json={"text": 5}).status_code == 422
    assert client.post("/v1/analyze", json={"text": "hi", "channel": "fax"}).status_code == 422


def test_openapi_docs_are_served(client):
    assert client.get("/docs").status_code == 200
    assert "/v1/analyze" in client.get("/openapi.json").json()["paths"]
