"""Load generator: N agents type real-length replies over /v1/stream and we measure keystroke-to-hints time.

    .venv/bin/python bench/load.py --agents 500 --duration 60            # starts `coach serve` itself
    .venv/bin/python bench/load.py --agents 200 --url ws://host:8000/v1/stream

Each agent opens one websocket and "types" a reply taken from the real corpus (or the dev set when the
corpus is absent): every `--interval` seconds it appends the next few characters and sends the whole draft
as a new revision. When the reply is complete it starts the next one under a new draft id. Latency of a
revision is the time from sending it to receiving hints for that revision or a newer one.

Printed: p50/p95/p99 latency over the whole run and again without the first `--warmup` seconds (all agents
connect in the same instant, which a contact center never does), updates/s, hints frames/s, errors,
out-of-order and stale answers, server RSS (server process and its analysis workers), the CPU each process
and the load generator used, the share of CPU time the hypervisor stole, and the floor: the median
in-process time of one sentence through the full en_core_web_sm pipeline.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import websockets

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "real_agent_replies.jsonl"


def load_texts(limit: int = 5000, seed: int = 1) -> list[str]:
    if CORPUS.exists():
        rows = [json.loads(line)["text"] for line in CORPUS.open(encoding="utf-8")]
    else:
        rows = [json.loads(line)["text"] for line in (REPO / "tests/data/dev_set.jsonl").open()]
    rng = random.Random(seed)
    rng.shuffle(rows)
    return [t for t in rows if len(t) >= 40][:limit]


def process_tree(pid: int) -> dict[str, int]:
    """The server process and its descendants: name ("server", "server.0", ...) -> pid."""
    out = {}

    def walk(p: int, name: str) -> None:
        out[name] = p
        try:
            children = []
            for task in Path(f"/proc/{p}/task").iterdir():
                children += (task / "children").read_text().split()
        except OSError:
            return
        for i, child in enumerate(children):
            walk(int(child), f"{name}.{i}")

    walk(pid, "server")
    return out


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def machine_ticks() -> tuple[int, int]:
    """(all CPU ticks, ticks stolen by the hypervisor) since boot, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return sum(fields), fields[7]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Stats:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.steady: list[float] = []
        self.steady_from = float("inf")  # revisions sent from then on count as steady state
        self.sent = 0
        self.answered = 0
        self.errors: dict[str, int] = {}
        self.out_of_order = 0
        self.stale = 0


async def agent(url: str, texts: list[str], stats: Stats, stop: float, interval: float, rng: random.Random,
                agent_id: int) -> None:
    async with websockets.connect(url, max_size=None) as ws:
        json.loads(await ws.recv())  # hello
        pending: dict[str, dict[int, float]] = {}
        answered: dict[str, int] = {}
        latest: dict[str, int] = {}

        async def reader() -> None:
            async for raw in ws:
                frame = json.loads(raw)
                now = time.perf_counter()
                if frame["type"] == "error":
                    stats.errors[frame["code"]] = stats.errors.get(frame["code"], 0) + 1
                    continue
                draft, rev = frame["draft_id"], frame["rev"]
                stats.answered += 1
                if rev <= answered.get(draft, -1):
                    stats.out_of_order += 1
                if rev < latest.get(draft, -1):
                    stats.stale += 1
                answered[draft] = max(rev, answered.get(draft, -1))
                waiting = pending.get(draft, {})
                for r in [r for r in waiting if r <= rev]:
                    sent = waiting.pop(r)
                    stats.latencies.append(now - sent)
                    if sent >= stats.steady_from:
                        stats.steady.append(now - sent)

        read_task = asyncio.create_task(reader())
        await asyncio.sleep(rng.random() * interval)  # agents do not type in lockstep
        n = 0
        try:
            while time.perf_counter() < stop:
                text = texts[rng.randrange(len(texts))]
                draft_id = f"a{agent_id}-{n}"
                n += 1
                pos, rev = 0, 0
                while pos < len(text) and time.perf_counter() < stop:
                    pos = min(len(text), pos + rng.randint(3, 8))  # a short burst of typing
                    rev += 1
                    latest[draft_id] = rev
                    pending.setdefault(draft_id, {})[rev] = time.perf_counter()
                    await ws.send(json.dumps({"type": "draft", "v": 1, "draft_id": draft_id, "rev": rev,
                                              "text": text[:pos], "channel": "chat"}))
                    stats.sent += 1
                    await asyncio.sleep(interval)
        finally:
            await asyncio.sleep(1.0)  # let the last answers arrive
            read_task.cancel()


def floor_ms(texts: list[str], n: int = 300) -> float:
    """Median time of one sentence through the full en_core_web_sm pipeline (NER included), in ms."""
    import spacy

    from coach.nlp.pipeline import default_base_model

    nlp = spacy.load(default_base_model())
    sentences = [s.text for t in texts[:400] for s in nlp(t).sents if len(s) >= 5][:n]
    times = []
    for sentence in sentences:
        started = time.perf_counter()
        nlp(sentence)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def start_server(workers: int) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "COACH_MAX_FRAMES_PER_SECOND": "50", "COACH_MAX_FRAMES_BURST": "100"}
    proc = subprocess.Popen([sys.executable, "-m", "coach.cli", "serve", "--port", str(port),
                             "--workers", str(workers)], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1).status == 200:
                return proc, f"ws://127.0.0.1:{port}/v1/stream"
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start")


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


async def run(args: argparse.Namespace, url: str, texts: list[str]) -> tuple[Stats, float]:
    stats = Stats()
    stop = time.perf_counter() + args.duration
    stats.steady_from = time.perf_counter() + args.warmup
    rng = random.Random(args.seed)
    started = time.perf_counter()
    await asyncio.gather(*(agent(url, texts, stats, stop, args.interval, random.Random(rng.random()), i)
                           for i in range(args.agents)))
    return stats, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--agents", type=int, default=100)
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--interval", type=float, default=0.25, help="seconds between updates per agent")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="analysis processes")
    parser.add_argument("--url", help="an already running server's /v1/stream (else one is started)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--warmup", type=float, default=2.0,
                        help="seconds while all agents connect at once; the second latency line leaves them out")
    parser.add_argument("--no-floor", action="store_true")
    args = parser.parse_args()

    texts = load_texts()
    proc = None
    url = args.url
    if url is None:
        proc, url = start_server(args.workers)
    try:
        tree = process_tree(proc.pid) if proc else {}
        cpu_before = {name: cpu_seconds(pid) for name, pid in tree.items()}
        own_before = sum(os.times()[:2])
        ticks_before = machine_ticks()
        stats, elapsed = asyncio.run(run(args, url, texts))
        own_cpu = sum(os.times()[:2]) - own_before
        ticks_after = machine_ticks()
        total_ticks, stolen_ticks = (a - b for a, b in zip(ticks_after, ticks_before))
        memory = {name: rss_mb(pid) for name, pid in tree.items()}
        cpu = {name: cpu_seconds(pid) - cpu_before[name] for name, pid in tree.items()}
    finally:
        if proc:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
    print(f"agents {args.agents}  interval {args.interval}s  duration {elapsed:.1f}s  workers {args.workers}")
    print(f"updates sent {stats.sent}  ({stats.sent / elapsed:.0f}/s)   hints frames {stats.answered} "
          f"({stats.answered / elapsed:.0f}/s)")
    for label, values in (("latency ms", stats.latencies), (f"after {args.warmup:g}s", stats.steady)):
        print(f"{label:10s}  p50 {pct(values, .50):.1f}  p95 {pct(values, .95):.1f}  p99 {pct(values, .99):.1f}  "
              f"max {pct(values, 1):.1f}  (n={len(values)})")
    print(f"errors {sum(stats.errors.values())} {stats.errors or ''}  out-of-order {stats.out_of_order}  "
          f"stale {stats.stale}")
    if memory:
        print("RSS MB  " + "  ".join(f"{k} {v:.0f}" for k, v in memory.items()))
        print("CPU (cores busy)  " + "  ".join(f"{k} {v / elapsed:.2f}" for k, v in cpu.items())
              + f"  load generator {own_cpu / elapsed:.2f}")
        # Time the hypervisor gave to other machines: a run with much of it measures the host, not the coach.
        print(f"CPU stolen by the host during the run: {stolen_ticks / max(1, total_ticks):.1%}")
    if not args.no_floor:
        print(f"floor: one sentence, full en_core_web_sm pipeline, in process: median {floor_ms(texts):.2f} ms")


if __name__ == "__main__":
    main()
