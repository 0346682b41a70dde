"""What the browser clients need from the service: the optional token, the feedback counters, the widget."""

import json

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from coach.api.app import create_app
from coach.settings import Settings


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(Settings(analysis_workers=0, api_token="s3cret"))) as client:
        yield client


def test_stream_closes_1008_without_the_token(client):
    for query in ("", "?token=wrong"):
        with client.websocket_connect("/v1/stream" + query) as ws:
            with pytest.raises(WebSocketDisconnect) as closed:
                ws.receive_json()
        assert (closed.value.code, closed.value.reason) == (1008, "invalid token")


def test_feedback_shows_in_analytics(client):
    with client.websocket_connect("/v1/stream?token=s3cret") as ws:
        assert ws.receive_json()["type"] == "hello"
        ws.send_text(json.dumps({"type": "draft", "v": 1, "draft_id": "d", "rev": 1, "channel": "chat",
                                 "text": "My hands are tied."}))
        hint, = ws.receive_json()["hints"]
        before = client.get("/v1/analytics").json()["entries"]["my-hands-are-tied"]
        ws.send_text(json.dumps({"type": "feedback", "v": 1, "hint_id": hint["id"], "action": "wrong_flag"}))
        ws.send_text(json.dumps({"type": "draft", "v": 1, "draft_id": "d", "rev": 2, "channel": "chat",
                                 "text": "Fine."}))
        assert ws.receive_json()["rev"] == 2  # frames are handled in order: the feedback came first
    after = client.get("/v1/analytics").json()["entries"]["my-hands-are-tied"]
    assert after["wrong_flag"] == before["wrong_flag"] + 1 and after["shown"] >= 1


def test_token_not_required_when_unset():
    with TestClient(create_app(Settings(analysis_workers=0))) as client:
        with client.websocket_connect("/v1/stream") as ws:
            assert ws.receive_json()["type"] == "hello"


def test_demo_and_widget_are_served(client):
    demo = client.get("/demo")
    assert demo.status_code == 200 and "/web/widget/coach-widget.js" in demo.text
    script = client.get("/web/widget/coach-widget.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert client.get("/web/core/connection.js").status_code == 200
    assert client.get("/", follow_redirects=False).headers["location"] == "/demo"
