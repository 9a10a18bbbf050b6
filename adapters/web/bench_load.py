"""Load benchmark on loopback: N `POST /api/ask` from C concurrent aiohttp clients.

    python -m adapters.web.bench_load [--requests 1000] [--concurrency 8] [--json]

Starts the real server (`python -m adapters.web`) in a subprocess on a free port, with a
throw-away database so HR's figures are not polluted, waits for /healthz, warms up with one
request per client (not counted), then sends the questions of evals/questions.jsonl in a
cycle. Bounded in count (--requests) and time (--time-limit; requests not sent by then are
reported as not sent). Afterwards every returned answer id is fetched at /a/<id>.

The server runs in its own process so the load generator does not share its GIL. On a
2-core machine they still share the cores: the figures include that contention.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import aiohttp

from bot.bench import percentile

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "evals" / "questions.jsonl"
TARGET_P95_MS = 100.0
_SERVER_TIMING = re.compile(r"(\w+);dur=([0-9.]+)")


def load_questions(path: Path = QUESTIONS) -> list[dict[str, Any]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            out.append({"q": item["q"], "org": item.get("org")})
    if not out:
        raise SystemExit(f"no questions in {path}")
    return out


@dataclass
class LoadResult:
    requested: int
    sent: int = 0
    ok: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    latencies_ms: list[float] = field(default_factory=list, repr=False)
    server_ask_ms: list[float] = field(default_factory=list, repr=False)
    server_store_ms: list[float] = field(default_factory=list, repr=False)
    ids: list[tuple[str, str]] = field(default_factory=list, repr=False)  # (answer id, question)
    wall_s: float = 0.0
    timed_out: bool = False

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


async def _one(session: aiohttp.ClientSession, url: str, item: dict[str, Any], result: LoadResult | None) -> None:
    t0 = time.perf_counter()
    try:
        async with session.post(f"{url}/api/ask", json=item) as resp:
            body = await resp.read()
            elapsed = (time.perf_counter() - t0) * 1000
            if result is None:
                return
            result.sent += 1
            if resp.status != 200:
                result.error(f"HTTP {resp.status}")
                return
            data = json.loads(body)
            result.ok += 1
            result.latencies_ms.append(elapsed)
            result.ids.append((data["id"], item["q"]))
            timing = dict((k, float(v)) for k, v in _SERVER_TIMING.findall(resp.headers.get("Server-Timing", "")))
            if "ask" in timing:
                result.server_ask_ms.append(timing["ask"])
            if "store" in timing:
                result.server_store_ms.append(timing["store"])
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError, KeyError) as exc:
        if result is not None:
            result.sent += 1
            result.error(type(exc).__name__)


async def run_load(
    url: str,
    questions: Sequence[dict[str, Any]],
    *,
    requests: int = 1000,
    concurrency: int = 8,
    time_limit_s: float = 300.0,
    request_timeout_s: float = 30.0,
    warmup: bool = True,
) -> LoadResult:
    """`requests` asks from `concurrency` clients (one aiohttp session and connection each)."""
    result = LoadResult(requested=requests)
    timeout = aiohttp.ClientTimeout(total=request_timeout_s)
    sessions = [
        aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=1, force_close=False)) for _ in range(concurrency)
    ]
    try:
        if warmup:
            await asyncio.gather(*(_one(s, url, questions[i % len(questions)], None) for i, s in enumerate(sessions)))
        counter = iter(range(requests))
        deadline = time.perf_counter() + time_limit_s

        async def client(session: aiohttp.ClientSession) -> None:
            for n in counter:  # shared iterator: each request index is taken exactly once
                if time.perf_counter() > deadline:
                    result.timed_out = True
                    return
                await _one(session, url, questions[n % len(questions)], result)

        t0 = time.perf_counter()
        await asyncio.gather(*(client(s) for s in sessions))
        result.wall_s = time.perf_counter() - t0
    finally:
        await asyncio.gather(*(s.close() for s in sessions))
    return result


async def verify_permalinks(url: str, ids: Sequence[tuple[str, str]], concurrency: int = 8) -> dict[str, Any]:
    """Fetch /a/<id> for every answer; the page must be 200 and show the question."""
    import html

    missing: list[str] = []
    queue = iter(ids)
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session:

        async def worker() -> None:
            for answer_id, question in queue:
                try:
                    async with session.get(f"{url}/a/{answer_id}") as resp:
                        text = await resp.text()
                        if resp.status != 200 or html.escape(question.strip(), quote=True) not in text:
                            missing.append(answer_id)
                except (aiohttp.ClientError, asyncio.TimeoutError):
                    missing.append(answer_id)

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return {"checked": len(ids), "missing": len(missing), "missing_ids": missing[:20]}


def summarize(result: LoadResult, permalinks: dict[str, Any], concurrency: int, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    lat = result.latencies_ms
    out: dict[str, Any] = {
        "requests": result.requested,
        "sent": result.sent,
        "ok": result.ok,
        "errors": sum(result.errors.values()),
        "error_kinds": result.errors,
        "not_sent_time_limit": result.requested - result.sent,
        "concurrency": concurrency,
        "wall_s": round(result.wall_s, 2),
        "throughput_rps": round(result.ok / result.wall_s, 1) if result.wall_s else 0.0,
        "latency_ms": {
            "p50": round(percentile(lat, 0.50), 1),
            "p95": round(percentile(lat, 0.95), 1),
            "p99": round(percentile(lat, 0.99), 1),
            "max": round(max(lat), 1) if lat else 0.0,
        },
        # Server-side split (Server-Timing): "ask" includes waiting for a worker thread.
        "server_ms": {
            "ask_p50": round(percentile(result.server_ask_ms, 0.5), 1),
            "ask_p95": round(percentile(result.server_ask_ms, 0.95), 1),
            "store_p50": round(percentile(result.server_store_ms, 0.5), 1),
            "store_p95": round(percentile(result.server_store_ms, 0.95), 1),
        },
        "permalinks": permalinks,
    }
    out["targets"] = {
        "p95_le_100ms": out["latency_ms"]["p95"] <= TARGET_P95_MS,
        "zero_errors": out["errors"] == 0 and out["not_sent_time_limit"] == 0,
        "all_permalinks": permalinks.get("missing", 1) == 0 and permalinks.get("checked", 0) == result.ok,
    }
    if extra:
        out.update(extra)
    return out


# --- the server under test ---------------------------------------------------------------


class ServerProcess:
    """`python -m adapters.web --port 0` with a throw-away database; reads its address."""

    def __init__(self, workers: int | None, env_extra: dict[str, str]) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="policybot-bench-")
        env = dict(os.environ)
        env.setdefault("HF_HUB_OFFLINE", "1")
        env["DATABASE_URL"] = f"sqlite:///{Path(self._tmp.name) / 'bench.db'}"
        env["POLICYBOT_SALT"] = "bench"
        if workers:
            env["POLICYBOT_WEB_WORKERS"] = str(workers)
        env.update(env_extra)
        # stderr to a file: a pipe nobody reads would block the server once it fills.
        self._stderr = open(Path(self._tmp.name) / "server.log", "w+", encoding="utf-8")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "adapters.web", "--host", "127.0.0.1", "--port", "0"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
        )
        self.url = ""

    def wait_listening(self, timeout_s: float = 60) -> str:
        assert self.proc.stdout is not None
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            m = re.search(r"serving on (http://\S+?)(?:\s|$)", line)
            if m:
                self.url = m.group(1)
                return self.url
        self._stderr.flush()
        self._stderr.seek(0)
        raise RuntimeError(f"the server did not start: {self._stderr.read().strip()[-2000:]}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self._stderr.close()
        self._tmp.cleanup()


def process_cpu_s(pid: int) -> float | None:
    """CPU seconds (user + system) a process has used, from /proc; None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


async def wait_ready(url: str, timeout_s: float = 900) -> float:
    """Seconds until /healthz says 200 (a first run builds the index)."""
    t0 = time.perf_counter()
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session:
        while time.perf_counter() - t0 < timeout_s:
            try:
                async with session.get(f"{url}/healthz") as resp:
                    if resp.status == 200:
                        return time.perf_counter() - t0
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.5)
    raise RuntimeError(f"{url}/healthz did not answer 200 within {timeout_s:.0f}s")


async def bench(args: argparse.Namespace) -> dict[str, Any]:
    questions = load_questions()
    server: ServerProcess | None = None
    url = args.url
    extra: dict[str, Any] = {"cpu_count": os.cpu_count(), "loadavg_before": [round(x, 2) for x in os.getloadavg()]}
    try:
        if not url:
            server = ServerProcess(args.workers, {})
            url = server.wait_listening()
            extra["ready_s"] = round(await wait_ready(url), 1)
            extra["server_workers"] = args.workers or "default"
        server_cpu0 = process_cpu_s(server.proc.pid) if server else None
        client_cpu0 = time.process_time()
        result = await run_load(
            url, questions, requests=args.requests, concurrency=args.concurrency, time_limit_s=args.time_limit, warmup=True
        )
        # Where the machine's time went, per answer: the server's CPU and this load generator's
        # (on 2 cores they compete; the figures say how much headroom is left).
        server_cpu1 = process_cpu_s(server.proc.pid) if server else None
        if result.ok:
            extra["client_cpu_ms_per_answer"] = round((time.process_time() - client_cpu0) * 1000 / result.ok, 2)
            if server_cpu0 is not None and server_cpu1 is not None:
                extra["server_cpu_ms_per_answer"] = round((server_cpu1 - server_cpu0) * 1000 / result.ok, 2)
        permalinks = await verify_permalinks(url, result.ids, concurrency=args.concurrency)
        extra["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
        return summarize(result, permalinks, args.concurrency, extra)
    finally:
        if server is not None:
            server.stop()


def _met(flag: bool) -> str:
    return "met" if flag else "MISSED"


def render(report: dict[str, Any]) -> str:
    lat, srv, perm, tgt = report["latency_ms"], report["server_ms"], report["permalinks"], report["targets"]
    ok = _met
    return "\n".join(
        [
            f"POST /api/ask x {report['requests']} at {report['concurrency']} concurrent clients ({report.get('cpu_count')} CPUs, load before {report.get('loadavg_before')})",
            f"  sent {report['sent']}, ok {report['ok']}, errors {report['errors']} {report['error_kinds'] or ''}, not sent (time limit) {report['not_sent_time_limit']}",
            f"  latency ms: p50 {lat['p50']}  p95 {lat['p95']}  p99 {lat['p99']}  max {lat['max']}",
            f"  server ms:  ask p50 {srv['ask_p50']} p95 {srv['ask_p95']} (incl. waiting for a worker), store p50 {srv['store_p50']} p95 {srv['store_p95']}",
            f"  throughput {report['throughput_rps']} answers/s over {report['wall_s']} s; CPU per answer: server {report.get('server_cpu_ms_per_answer', '?')} ms, load generator {report.get('client_cpu_ms_per_answer', '?')} ms",
            f"  permalinks: {perm['checked'] - perm['missing']}/{perm['checked']} retrievable at /a/<id>",
            f"  targets: p95 <= {TARGET_P95_MS:.0f} ms {ok(tgt['p95_le_100ms'])}; zero errors {ok(tgt['zero_errors'])}; every permalink {ok(tgt['all_permalinks'])}",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m adapters.web.bench_load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--time-limit", type=float, default=300.0, help="stop sending after this many seconds")
    parser.add_argument("--workers", type=int, default=None, help="server answer threads (POLICYBOT_WEB_WORKERS)")
    parser.add_argument("--url", help="bench an already running server instead of starting one")
    parser.add_argument("--json", action="store_true", help="print the report as one JSON object")
    args = parser.parse_args(argv)
    if args.requests < 1 or args.concurrency < 1:
        parser.error("--requests and --concurrency must be at least 1")
    report = asyncio.run(bench(args))
    print(json.dumps(report) if args.json else render(report))
    t = report["targets"]
    return 0 if t["zero_errors"] and t["all_permalinks"] else 1


if __name__ == "__main__":
    sys.exit(main())
