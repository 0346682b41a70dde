"""One confidence threshold, applied in the services layer: Coach, and so the CLI, the stream and /v1/analyze."""

import pytest

from coach.services.coach import Coach
from coach.services.threshold import confident
from coach.settings import get_settings

TEXT = "Sorry, there's nothing I can do. They set the policy."


def test_confident_keeps_hints_at_or_above_the_threshold():
    hints = [{"confidence": 0.55}, {"confidence": 0.6}, {"confidence": 0.9}]
    assert confident(hints, 0.6) == hints[1:]
    assert confident(hints, 0.0) == hints
    assert confident(hints, 1.0) == []


def test_coach_filters_its_hints_by_its_threshold(analyzer):
    everything = Coach(analyzer, min_confidence=0.0).analyze(TEXT)
    assert len({h["confidence"] for h in everything}) > 1, "the text should give hints of different confidence"
    cut = sorted(h["confidence"] for h in everything)[-1]
    kept = Coach(analyzer, min_confidence=cut).analyze(TEXT)
    assert kept and all(h["confidence"] >= cut for h in kept)
    assert len(kept) < len(everything)


@pytest.fixture
def env_threshold(monkeypatch):
    def set_to(value):
        monkeypatch.setenv("COACH_MIN_CONFIDENCE", value)
        get_settings.cache_clear()
    yield set_to
    get_settings.cache_clear()


def test_coach_load_takes_the_setting_unless_told(env_threshold):
    env_threshold("0.95")
    assert Coach.load().min_confidence == 0.95
    assert Coach.load(min_confidence=0.2).min_confidence == 0.2


def test_the_default_threshold_is_the_documented_one():
    assert get_settings.__wrapped__().min_confidence == 0.6
