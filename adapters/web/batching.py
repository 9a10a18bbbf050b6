"""Doing concurrent requests' work together.

Answering: the embedding model and Chroma cost much less per question in a batch (8
questions: 6.8 ms each, against 14.7 ms one at a time), so under load the server hands the
core all the questions waiting at once (`PolicyService.ask_many`).

Storing: every answer must be committed (fsync'd) before its permalink is handed out; the
batch's answers are committed together, in one transaction (`Store.save_answers`, group
commit), on the same thread right after answering.

Nothing waits for a batch to fill: an item that arrives while a worker is free goes straight
out on its own; only items that arrive while every worker is busy queue, and the next free
worker takes them all.
"""

from __future__ import annotations

import asyncio
import time
from typing import Awaitable, Callable, Generic, Sequence, TypeVar

from adapters.web.actions import answer_record
from adapters.web.runtime import WebState, run_answering

T = TypeVar("T")
R = TypeVar("R")

MAX_BATCH = 16


class Coalescer(Generic[T, R]):
    """`await submit(item)` -> that item's result from `work(batch)`, run by at most
    `workers` batches at a time. `work` returns one result per item, in order; a result
    that is an exception is raised to that item's caller only."""

    def __init__(self, work: Callable[[list[T]], Awaitable[Sequence[R | BaseException]]], workers: int = 1, max_batch: int = MAX_BATCH) -> None:
        self._work = work
        self._workers = workers
        self._max_batch = max_batch
        self._pending: list[tuple[T, asyncio.Future[R]]] = []
        self._running: set[asyncio.Task[None]] = set()

    async def submit(self, item: T) -> R:
        future: asyncio.Future[R] = asyncio.get_running_loop().create_future()
        self._pending.append((item, future))
        self._dispatch()
        return await future

    def _dispatch(self) -> None:
        while self._pending and len(self._running) < self._workers:
            batch = self._pending[: self._max_batch]
            del self._pending[: self._max_batch]
            task = asyncio.get_running_loop().create_task(self._run(batch))
            self._running.add(task)
            task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._running.discard(task)
        self._dispatch()

    async def _run(self, batch: list[tuple[T, asyncio.Future[R]]]) -> None:
        try:
            results = await self._work([item for item, _ in batch])
        except BaseException as exc:  # noqa: BLE001 - every waiting request must hear of it
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc)
            if not isinstance(exc, Exception):
                raise
            return
        for (_, future), result in zip(batch, results):
            if future.done():  # the client went away
                continue
            if isinstance(result, BaseException):
                future.set_exception(result)
            else:
                future.set_result(result)


def ask_coalescer(state: WebState) -> "Coalescer[tuple[object, str | None, str, str], object]":
    """Items (question, org, asker, channel) -> (Answer, StoredAnswer, store ms), or the
    UserInputError for that question.

    The batch is answered and then committed on the answering thread itself: handing the
    commit to a database thread cost each request ~15 ms of waiting for the GIL under
    load, against ~0.3 ms of work per answer."""

    def answer_and_store(items: list[tuple[object, str | None, str, str]]) -> list[object]:
        service = state.require_service()
        answers = service.ask_many([(q, org) for q, org, _, _ in items])
        records = [
            answer_record(service, answer, asker, channel)
            for answer, (_, _, asker, channel) in zip(answers, items)
            if not isinstance(answer, BaseException)
        ]
        t0 = time.perf_counter()
        stored = iter(state.store.save_answers(records) if records else [])
        store_ms = (time.perf_counter() - t0) * 1000
        out: list[object] = []
        for answer in answers:
            if isinstance(answer, BaseException):
                out.append(answer)
                continue
            saved = next(stored)
            out.append(saved if isinstance(saved, BaseException) else (answer, saved, store_ms))
        return out

    async def work(items: list[tuple[object, str | None, str, str]]) -> Sequence[object]:
        return await run_answering(state, answer_and_store, items)

    # One batch at a time, on one thread: with two, one took the crowd and the other a
    # stream of single questions (half the questions went one by one, at twice the cost
    # each), and two threads calling torch each brought their own intra-op thread team.
    # With one, everything that queues during a batch goes in the next.
    return Coalescer(work, workers=1)
