"""Wire models of the `/v1/stream` protocol (DESIGN.md, "Streaming protocol") and `POST /v1/analyze`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

PROTOCOL_VERSION = 1
MAX_SAFE_INTEGER = 2**53 - 1
"""Revisions stay within what JavaScript represents exactly."""

Channel = Literal["chat", "email"]
FeedbackAction = Literal["applied", "dismissed", "wrong_flag"]


class _Frame(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DraftFrame(_Frame):
    type: Literal["draft"]
    v: Literal[1]
    draft_id: StrictStr = Field(min_length=1, max_length=128)
    rev: StrictInt = Field(ge=0, le=MAX_SAFE_INTEGER)
    text: StrictStr
    channel: Channel


class FeedbackFrame(_Frame):
    type: Literal["feedback"]
    v: Literal[1]
    hint_id: StrictStr = Field(min_length=1, max_length=64)
    action: FeedbackAction
    draft_id: StrictStr | None = Field(None, max_length=128)


class AlternativePublic(BaseModel):
    text: str
    start: int
    end: int


class HintPublic(BaseModel):
    id: str
    entry: str
    category: str
    severity: str
    start: int
    end: int
    text: str
    message: str
    why: str
    alternatives: list[AlternativePublic]
    confidence: float = Field(ge=0, le=1, description="How sure the coach is that this is a deflection; hints "
                                                      "below the server's COACH_MIN_CONFIDENCE are not sent.")


class _ServerFrame(BaseModel):
    v: int = PROTOCOL_VERSION


class HelloFrame(_ServerFrame):
    type: Literal["hello"] = "hello"
    phrasebook_version: str
    model: str


class HintsFrame(_ServerFrame):
    type: Literal["hints"] = "hints"
    draft_id: str
    rev: int
    phrasebook_version: str
    hints: list[HintPublic]


class ErrorFrame(_ServerFrame):
    type: Literal["error"] = "error"
    code: str
    detail: str


class AnalyzeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: StrictStr = Field(description="The reply to check.")
    channel: Channel = "chat"


class AnalyzeResponse(BaseModel):
    phrasebook_version: str
    hints: list[HintPublic] = Field(description="Offsets are UTF-16 code units, as in the stream.")
