"""The load benchmark's machinery, small: a few dozen asks against the live server."""

from __future__ import annotations

import asyncio
from typing import Any

from adapters.web.bench_load import load_questions, percentile, run_load, summarize, verify_permalinks


def test_percentile() -> None:
    assert percentile([], 0.95) == 0.0
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 0.5) == 3.0
    assert percentile([10.0, 20.0], 0.95) == 19.5


def test_a_small_load_run_counts_everything_and_finds_every_permalink(live_server: Any) -> None:
    questions = load_questions()
    assert len(questions) > 100 and all(q["q"] for q in questions)

    async def main() -> dict[str, Any]:
        result = await run_load(live_server.url, questions, requests=24, concurrency=4, time_limit_s=120)
        permalinks = await verify_permalinks(live_server.url, result.ids)
        return summarize(result, permalinks, 4)

    report = asyncio.run(main())
    assert report["sent"] == report["ok"] == 24 and report["errors"] == 0
    assert report["permalinks"] == {"checked": 24, "missing": 0, "missing_ids": []}
    assert report["latency_ms"]["p50"] > 0 and report["throughput_rps"] > 0
    assert report["server_ms"]["ask_p50"] > 0
    assert report["targets"]["zero_errors"] and report["targets"]["all_permalinks"]


def test_the_time_limit_bounds_a_run(live_server: Any) -> None:
    result = asyncio.run(run_load(live_server.url, load_questions(), requests=10_000, concurrency=2, time_limit_s=0.5, warmup=False))
    assert result.timed_out and result.sent < 10_000


def test_links_follow_the_served_address_unless_configured() -> None:
    from adapters.web.app import link_settings
    from bot.settings import Settings

    plain = Settings.from_env({})
    assert link_settings(plain, "127.0.0.1", 8080).base_url == "http://127.0.0.1:8080"
    assert link_settings(plain, "0.0.0.0", 3978).base_url == "http://127.0.0.1:3978"
    assert link_settings(plain, "::1", 3978).base_url == "http://[::1]:3978"
    configured = Settings.from_env({"POLICYBOT_BASE_URL": "https://policy.city.example"})
    assert link_settings(configured, "0.0.0.0", 8080).base_url == "https://policy.city.example"
