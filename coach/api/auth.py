"""The optional shared token of `/v1/stream` (`COACH_API_TOKEN`)."""

from __future__ import annotations

import secrets

from fastapi import WebSocket

from coach.settings import Settings

POLICY_VIOLATION = 1008


async def token_accepted(ws: WebSocket, settings: Settings) -> bool:
    """True when no token is configured or `?token=` matches; otherwise closes the socket with 1008.

    The socket is accepted before it is closed: a close before the handshake reaches the browser as a bare
    HTTP 403, and the client could not tell a bad token from a server that is down.
    """
    expected = settings.api_token
    if not expected:
        return True
    given = ws.query_params.get("token", "")
    if secrets.compare_digest(given.encode(), expected.encode()):
        return True
    await ws.accept()
    await ws.close(code=POLICY_VIOLATION, reason="invalid token")
    return False
