"""A real `coach serve` process with analysis worker processes, driven over real sockets."""

import asyncio
import base64
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
import websockets

from tests.conftest import REPO


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    env = {**os.environ, "COACH_SEND_TIMEOUT_SECONDS": "1", "COACH_MAX_FRAMES_PER_SECOND": "2000",
           "COACH_MAX_FRAMES_BURST": "2000"}
    proc = subprocess.Popen([sys.executable, "-m", "coach.cli", "serve", "--port", str(port), "--workers", "2"],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(url + "/readyz", timeout=1).status == 200:
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("server did not become ready:\n" + proc.stdout.read())
    yield port
    proc.terminate()
    proc.wait(timeout=20)


async def hints_for(port, draft_id, text, rev=1):
    async with websockets.connect(f"ws://127.0.0.1:{port}/v1/stream") as ws:
        hello = json.loads(await ws.recv())
        await ws.send(json.dumps({"type": "draft", "v": 1, "draft_id": draft_id, "rev": rev, "text": text,
                                  "channel": "chat"}))
        return hello, json.loads(await asyncio.wait_for(ws.recv(), 30))


def test_many_connections_get_their_own_hints(server):
    async def main():
        texts = [f"Order {i}: my hands are tied." if i % 2 else f"Order {i} ships today." for i in range(40)]
        return await asyncio.gather(*(hints_for(server, f"d{i}", t) for i, t in enumerate(texts)))

    results = asyncio.run(main())
    for i, (hello, frame) in enumerate(results):
        assert hello["type"] == "hello" and frame["draft_id"] == f"d{i}"
        assert [h["entry"] for h in frame["hints"]] == (["my-hands-are-tied"] if i % 2 else [])


def raw_websocket(port, rcvbuf=4096):
    """A websocket client on a bare socket with a tiny receive buffer, which then never reads."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    sock.connect(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET /v1/stream HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    response = b""
    while b"\r\n\r\n" not in response:
        response += sock.recv(1)
    assert b" 101 " in response.split(b"\r\n")[0]
    return sock


def text_frame(payload: str) -> bytes:
    data = payload.encode()
    mask = os.urandom(4)
    header = bytes([0x81])
    n = len(data)
    if n < 126:
        header += bytes([0x80 | n])
    elif n < 65536:
        header += bytes([0x80 | 126]) + n.to_bytes(2, "big")
    else:
        header += bytes([0x80 | 127]) + n.to_bytes(8, "big")
    return header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data))


def test_a_client_that_never_reads_is_closed_and_others_are_not_hurt(server):
    sock = raw_websocket(server)
    text = " ".join(f"Sorry {i}, there's nothing I can do and my hands are tied." for i in range(120))
    sock.settimeout(5)
    for i in range(200):
        try:
            sock.sendall(text_frame(json.dumps({"type": "draft", "v": 1, "draft_id": f"d{i}", "rev": 1,
                                                "text": text, "channel": "email"})))
        except OSError:
            break  # the server has already given up on us
    _, frame = asyncio.run(hints_for(server, "calm", "My hands are tied."))
    assert frame["hints"][0]["entry"] == "my-hands-are-tied"
    # Reading now, the stream must end with a close frame 1008 (0x03F0) and its reason.
    sock.settimeout(30)
    received = b""
    while True:
        try:
            chunk = sock.recv(1 << 20)
        except (ConnectionResetError, socket.timeout):
            break
        if not chunk:
            break
        received += chunk
    sock.close()
    assert b"\x88" in received and b"\x03\xf0client is not reading its frames" in received


def test_health_ready_metrics_and_docs(server):
    base = f"http://127.0.0.1:{server}"
    assert json.load(urllib.request.urlopen(base + "/healthz")) == {"status": "ok"}
    ready = json.load(urllib.request.urlopen(base + "/readyz"))
    assert ready["status"] == "ready" and ready["model"].startswith("en_core_web_sm")
    metrics = urllib.request.urlopen(base + "/metrics").read().decode()
    assert "coach_connections" in metrics and "coach_analysis_seconds_count" in metrics
    assert urllib.request.urlopen(base + "/docs").status == 200
