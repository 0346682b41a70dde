"""Hints on the wire carry their confidence, and the server leaves out those under COACH_MIN_CONFIDENCE."""

import json

import pytest
from fastapi.testclient import TestClient

from coach.api.app import create_app
from coach.settings import Settings, get_settings

TEXT = "Sorry, there's nothing I can do."


@pytest.fixture
def serve(monkeypatch):
    """A test client whose analysis (in a thread of the app) reads COACH_MIN_CONFIDENCE as a worker would."""
    def start(threshold):
        monkeypatch.setenv("COACH_MIN_CONFIDENCE", threshold)
        get_settings.cache_clear()
        return TestClient(create_app(Settings(analysis_workers=0)))
    yield start
    get_settings.cache_clear()


def stream_hints(client, text):
    with client.websocket_connect("/v1/stream") as ws:
        ws.receive_json()
        ws.send_text(json.dumps({"type": "draft", "v": 1, "draft_id": "d", "rev": 1, "text": text,
                                 "channel": "chat"}))
        return ws.receive_json()["hints"]


def test_hints_carry_confidence_and_the_threshold_applies_everywhere(serve):
    with serve("0.0") as client:
        hint, = client.post("/v1/analyze", json={"text": TEXT}).json()["hints"]
        assert 0 < hint["confidence"] <= 1
        assert [h["confidence"] for h in stream_hints(client, TEXT)] == [hint["confidence"]]
        above = hint["confidence"] + 0.01
    with serve(f"{above:.2f}") as client:
        assert client.post("/v1/analyze", json={"text": TEXT}).json()["hints"] == []
        assert stream_hints(client, TEXT) == []
