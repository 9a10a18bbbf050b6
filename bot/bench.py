"""`policybot bench`: index build and load times, warm latency, peak memory.

Everything is measured in one run on this machine, so the ratios between our figures and
the baseline's are meaningful even when the machine is busy. Index load is timed in a fresh
subprocess (Chroma keeps clients per path in memory, so an in-process reload would flatter).
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Sequence

from bot.settings import Settings

_LOAD_SCRIPT = """
import json, sys, time
from pathlib import Path
import chromadb, langchain_chroma, rank_bm25  # imports are not part of the load
from knowledge.embedding import load_embeddings
t0 = time.perf_counter()
embeddings = load_embeddings()
t1 = time.perf_counter()
from knowledge.catalog import load_catalog
from knowledge.glossary import load_glossary
from knowledge.index import open_index
from bot.retrieval import HybridRetriever
catalog = load_catalog(Path(sys.argv[2]))
store, info = open_index(catalog, Path(sys.argv[1]), embeddings)
HybridRetriever(catalog, store, embeddings, load_glossary())
t2 = time.perf_counter()
print(json.dumps({"model_load_s": t1 - t0, "index_load_s": t2 - t1, "rebuilt": info.rebuilt}))
"""

BENCH_DRAFTS = 1_500


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def _timed(fn: Callable[[], Any], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def run_bench(settings: Settings) -> dict[str, Any]:
    from bot.service import PolicyService
    from evals.baselines import ChunkBaseline
    from evals.runner import QUESTIONS, load_jsonl
    from knowledge.catalog import load_catalog
    from knowledge.embedding import load_embeddings
    from knowledge.index import build_index

    t0 = time.perf_counter()
    embeddings = load_embeddings()
    model_load_s = time.perf_counter() - t0
    catalog = load_catalog(settings.policy_dir)
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = Path(tmp) / "index"
        t = time.perf_counter()
        build_index(catalog, index_dir, embeddings)
        index_build_s = time.perf_counter() - t
        loads = []
        for _ in range(3):
            proc = subprocess.run(
                [sys.executable, "-c", _LOAD_SCRIPT, str(index_dir), str(settings.policy_dir)],
                capture_output=True,
                text=True,
                check=True,
            )
            loads.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    index_load_s = statistics.median(x["index_load_s"] for x in loads)

    service = PolicyService.start(settings)
    questions = load_jsonl(QUESTIONS)
    for q in questions:  # warm-up pass: caches, lazy imports, allocator
        service.ask(q["q"], q["org"])
    ask_ms: list[float] = []
    for q in questions:
        ask_ms += _timed(lambda q=q: service.ask(q["q"], q["org"]), 1)
    all_orgs_ms: list[float] = []
    for q in questions[:60]:
        all_orgs_ms += _timed(lambda q=q: service.ask(q["q"], None), 1)

    from evals.drafts_eval import load_drafts

    # Every split's drafts, thinned to at most BENCH_DRAFTS by a fixed stride: the dev split
    # grew to thousands, and a percentile needs a spread of drafts, not all of them.
    everything = load_drafts()
    drafts = everything[:: -(-len(everything) // BENCH_DRAFTS)]
    for d in drafts:  # warm-up pass
        service.check(d["text"], d["org"], official=bool(d.get("official")))
    check_ms: list[float] = []
    for d in drafts:
        check_ms += _timed(lambda d=d: service.check(d["text"], d["org"], official=bool(d.get("official"))), 1)

    with tempfile.TemporaryDirectory() as tmp:
        baseline = ChunkBaseline(catalog, settings.policy_dir, Path(tmp) / "chunks", embeddings)
        for q in questions:
            baseline.search(q["q"], q["org"])
        base_ms: list[float] = []
        for q in questions:
            base_ms += _timed(lambda q=q: baseline.search(q["q"], q["org"]), 1)

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "n_questions": len(questions),
        "ask_p50_ms": round(percentile(ask_ms, 0.5), 2),
        "ask_p95_ms": round(percentile(ask_ms, 0.95), 2),
        "ask_all_orgs_p50_ms": round(percentile(all_orgs_ms, 0.5), 2),
        "check_p50_ms": round(percentile(check_ms, 0.5), 2),
        "check_p95_ms": round(percentile(check_ms, 0.95), 2),
        "n_drafts": len(drafts),
        "baseline_ask_p50_ms": round(percentile(base_ms, 0.5), 2),
        "baseline_ask_p95_ms": round(percentile(base_ms, 0.95), 2),
        "index_build_s": round(index_build_s, 3),
        "index_load_s": round(index_load_s, 3),
        "model_load_s": round(model_load_s, 3),
        "model_load_fresh_process_s": round(statistics.median(x["model_load_s"] for x in loads), 3),
        "peak_rss_mb": round(peak_mb, 1),
        "clauses": len(catalog.clauses),
    }


def main(settings: Settings, json_out: bool = False) -> int:
    result = run_bench(settings)
    if json_out:
        print(json.dumps(result))
        return 0
    width = max(len(k) for k in result)
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    return 0
