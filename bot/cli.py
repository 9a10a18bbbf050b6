"""`policybot` command line: ask, check, serve, chat, clauses, index, eval, bench.

Exit codes: 0 done; 1 some lines of a batch failed (the rest were answered);
2 the input or arguments cannot be used (the message says why); 3 internal error.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence, TextIO

from bot.errors import PolicybotError, UserInputError
from bot.settings import Settings
from bot.types import Answer, AnswerStatus

log = logging.getLogger("policybot")

EXIT_OK, EXIT_PARTIAL, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
MAX_BATCH_LINE = 1_000_000


def _service(settings: Settings, quiet: bool = False, with_checker: bool = False):  # type: ignore[no-untyped-def]
    from bot.service import PolicyService

    progress = None if quiet else _progress_printer()
    return PolicyService.start(settings, progress=progress, with_checker=with_checker)


def _progress_printer() -> Callable[[int, int], None]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        if "p" not in state:
            p = Progress(TextColumn("Building the policy index"), BarColumn(), MofNCompleteColumn(), transient=False)
            p.start()
            state["p"], state["t"] = p, p.add_task("index", total=total)
        state["p"].update(state["t"], completed=done)
        if done >= total:
            state["p"].stop()

    return update


# --- rendering ------------------------------------------------------------------------


def render_answer(answer: Answer, out: TextIO) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=out, highlight=False, soft_wrap=False)
    parts = answer.parts or ()
    for part in parts:
        if len(parts) > 1:
            console.print(f"[bold underline]{escape(part.org_name)} ({escape(part.doc_id)})[/]")
        if part.status is AnswerStatus.NOT_COVERED:
            console.print(f"[yellow]{escape(part.text)}[/]")
            console.print()
            continue
        if part.short_answer:
            console.print(f"[bold]{escape(part.short_answer)}[/]")
        for c in part.citations:
            console.print()
            console.print(f"  [cyan]{escape(c.label)}[/]")
            for line in _wrap(c.text, 88):
                console.print(f"  [dim]│[/] {escape(line)}")
            console.print(f"  [dim]{escape(c.url)}[/]")
        console.print()


def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width=width) or [""]


# --- commands -------------------------------------------------------------------------


def _read_question(args: argparse.Namespace) -> str:
    question = " ".join(args.question or [])
    if question == "-":
        question = sys.stdin.read()
    return question


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    if args.batch:
        return _ask_batch(args, settings)
    from bot.service import validate_question

    # Bad input fails fast, before the model and the index are loaded.
    question = validate_question(_read_question(args), settings.max_question_chars)
    _check_org(args.org, settings)
    service = _service(settings, quiet=args.json)
    answer = service.ask(question, args.org)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False))
    else:
        render_answer(answer, sys.stdout)
    return EXIT_OK


def _check_org(org: str | None, settings: Settings) -> None:
    if not org:
        return
    from bot.errors import UnknownOrg
    from knowledge.catalog import load_catalog

    org_ids = load_catalog(settings.policy_dir).org_ids
    if org not in org_ids:
        raise UnknownOrg(org, org_ids)


def _batch_lines(path: str) -> Iterator[tuple[int, str]]:
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8", errors="replace")
    try:
        for n, line in enumerate(stream, start=1):
            if line.strip():
                yield n, line
    finally:
        if stream is not sys.stdin:
            stream.close()


def _run_batch(
    args: argparse.Namespace,
    settings: Settings,
    text_key: str,
    with_checker: bool,
    handle: Callable[[Any, dict[str, Any]], dict[str, Any]],
) -> int:
    """One JSON line out per JSON line in; a bad line is reported (on stderr and as its own
    output line) and the others are still processed."""
    if args.batch != "-" and not Path(args.batch).is_file():
        raise UserInputError(f"Batch file not found: {args.batch}")
    _check_org(args.org, settings)
    service = _service(settings, quiet=True, with_checker=with_checker)
    failed = 0
    for n, line in _batch_lines(args.batch):
        item_id: Any = None
        try:
            if len(line) > MAX_BATCH_LINE:
                raise UserInputError(f"line {n} is longer than {MAX_BATCH_LINE:,} characters")
            try:
                item = json.loads(line)
            except ValueError as exc:
                raise UserInputError(f"line {n} is not valid JSON ({exc.msg})") from None
            if not isinstance(item, dict):
                raise UserInputError(f'line {n} must be a JSON object with "id", "org" and "{text_key}"')
            item_id = item.get("id")
            result = handle(service, item)
        except UserInputError as exc:
            failed += 1
            message = str(exc) if str(exc).startswith("line ") else f"line {n}: {exc}"
            print(f"policybot: {message}", file=sys.stderr)
            result = {"id": item_id, "line": n, "status": "error", "error": message}
        print(json.dumps(result, ensure_ascii=False), flush=True)
    return EXIT_PARTIAL if failed else EXIT_OK


def _ask_batch(args: argparse.Namespace, settings: Settings) -> int:
    def handle(service: Any, item: dict[str, Any]) -> dict[str, Any]:
        answer = service.ask(item.get("q", ""), item.get("org") or args.org)
        return answer.to_dict() | {"id": item["id"] if item.get("id") is not None else answer.id}

    return _run_batch(args, settings, "q", False, handle)


# --- draft check ----------------------------------------------------------------------


def render_check(text: str, result: Any, out: TextIO) -> None:
    """The draft with flagged words marked, then each finding with its clause."""
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, highlight=False, soft_wrap=True)
    colour = {"ok": "green", "review": "yellow", "violation": "red"}[result.verdict]
    console.print(Text(f"Verdict: {result.verdict.upper()}", style=f"bold {colour}"))
    for notice in result.notices:
        console.print(Text(f"! {notice}", style="yellow"))
    marked = Text(text)
    for f in result.findings:
        style = "bold white on red" if f.severity == "violation" else "black on yellow" if f.severity == "review" else "underline"
        if f.span[1] > f.span[0]:
            marked.stylize(style, f.span[0], f.span[1])
    console.print()
    console.print(marked)
    for n, f in enumerate(result.findings, start=1):
        console.print()
        console.print(Text(f"{n}. [{f.severity}] {f.message}", style="bold"))
        if f.excerpt:
            console.print(Text(f"   “{f.excerpt}”", style="dim"))
        console.print(Text(f"   What to do: {f.suggestion}"))
        console.print(Text(f"   {f.citation.label}", style="cyan"))
        console.print(Text(f"   {f.citation.url}", style="dim"))


def _read_draft(args: argparse.Namespace) -> object:
    if args.file:
        path = Path(args.file)
        if not path.is_file():
            raise UserInputError(f"File not found: {args.file}")
        return path.read_bytes()  # the checker decodes, and says so when it is not text
    draft = " ".join(args.text or [])
    if draft == "-":
        return sys.stdin.buffer.read()
    return draft


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    if args.batch:
        return _check_batch(args, settings)
    if not args.file and not args.text:
        raise UserInputError("check needs the draft text, --file PATH, or - to read standard input")
    from bot.service import validate_draft

    draft = validate_draft(_read_draft(args), settings.max_draft_chars)
    _check_org(args.org, settings)
    service = _service(settings, quiet=args.json, with_checker=True)
    result = service.check(draft, args.org, official=args.official)
    if args.json:
        print(json.dumps(result.to_dict(with_notices=True), ensure_ascii=False))
    else:
        render_check(draft, result, sys.stdout)
    return EXIT_OK


def _check_batch(args: argparse.Namespace, settings: Settings) -> int:
    def handle(service: Any, item: dict[str, Any]) -> dict[str, Any]:
        official = bool(item.get("official", args.official))
        result = service.check(item.get("text", ""), item.get("org") or args.org, official=official)
        return {"id": item.get("id")} | result.to_dict(with_notices=True)

    return _run_batch(args, settings, "text", True, handle)


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    _check_org(args.org, settings)
    service = _service(settings)
    org = service.resolve_org(args.org)
    interactive = sys.stdin.isatty()
    print("policybot: ask about the social-media policy. Commands: :org ORG, :orgs, :quit")
    print(f"Answering for: {org or 'all policies'}")
    while True:
        try:
            line = input("you> " if interactive else "")
        except EOFError:
            break
        except KeyboardInterrupt:
            print()
            break
        line = line.strip()
        if not line:
            continue
        if line in (":quit", ":q", ":exit"):
            break
        if line == ":orgs":
            for p in service.policies():
                print(f"  {p.org_id:12} {p.display_name}")
            continue
        if line.startswith(":org"):
            try:
                org = service.resolve_org(line[4:].strip() or None)
                print(f"Answering for: {org or 'all policies'}")
            except UserInputError as exc:
                print(f"! {exc}")
            continue
        try:
            render_answer(service.ask(line, org), sys.stdout)
        except UserInputError as exc:
            print(f"! {exc}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from adapters.web import run as run_server

    try:
        run_server(settings, host=args.host, port=args.port)
    except OSError as exc:
        raise UserInputError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    return EXIT_OK


def cmd_clauses(args: argparse.Namespace, settings: Settings) -> int:
    from knowledge.catalog import load_catalog

    _check_org(args.org, settings)
    catalog = load_catalog(settings.policy_dir)
    rows = [c for c in catalog.clauses if not args.org or c.org_id == args.org]
    if args.json:
        for c in rows:
            print(json.dumps({"clause_id": c.clause_id, "org": c.org_id, "doc_id": c.doc_id, "label": c.label, "kind": c.kind.value, "text": c.text}, ensure_ascii=False))
        return EXIT_OK
    width = max(len(c.clause_id) for c in rows) if rows else 10
    for c in rows:
        print(f"{c.clause_id:<{width}}  {c.kind.value:<12} {c.label}")
    print(f"{len(rows)} clauses", file=sys.stderr)
    return EXIT_OK


def cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    from knowledge.catalog import load_catalog
    from knowledge.embedding import load_embeddings
    from knowledge.index import build_index, open_index

    catalog = load_catalog(settings.policy_dir)
    embeddings = load_embeddings()
    if args.if_stale:
        _, info = open_index(catalog, settings.index_dir, embeddings, _progress_printer())
        state = "rebuilt" if info.rebuilt else "up to date"
        print(f"Index {state}: {info.clause_count} clauses in {settings.index_dir} ({info.seconds:.2f}s)")
        return EXIT_OK
    build_index(catalog, settings.index_dir, embeddings, _progress_printer())
    print(f"Index built: {len(catalog.clauses)} clauses from {len(catalog.policies)} policies in {settings.index_dir}")
    return EXIT_OK


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from evals.runner import main as eval_main

    return eval_main(settings, json_out=args.json, split=args.split)


def cmd_bench(args: argparse.Namespace, settings: Settings) -> int:
    from bot.bench import main as bench_main

    return bench_main(settings, json_out=args.json)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="policybot", description="Answers questions about the city's social-media policy, quoting it.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ask", help="answer a question")
    p.add_argument("question", nargs="*", help="the question ('-' reads it from standard input)")
    p.add_argument("--org", help="organization id (saint-john, mission); default: all policies")
    p.add_argument("--json", action="store_true", help="print the answer as JSON")
    p.add_argument("--batch", metavar="FILE.jsonl", help='answer lines {"id", "org", "q"}, one JSON line each')
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("serve", help="serve the web pages and the JSON API")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=3978)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("chat", help="interactive chat in the terminal")
    p.add_argument("--org")
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("check", help="check a draft post against the policy")
    p.add_argument("text", nargs="*", help="the draft ('-' reads standard input)")
    p.add_argument("--file", help="read the draft from a file")
    p.add_argument("--org", help="organization id; default: check against every policy")
    p.add_argument("--official", action="store_true", help="the post is for an official City account")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--batch", metavar="FILE.jsonl", help='check lines {"id", "org", "text"}, one JSON line each')
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("clauses", help="list clause ids, labels and kinds")
    p.add_argument("--org")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_clauses)

    p = sub.add_parser("index", help="build the search index")
    p.add_argument("--if-stale", action="store_true", help="only rebuild when policies, parser or model changed")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("eval", help="score answers on the labelled sets")
    p.add_argument("--json", action="store_true")
    p.add_argument("--split", choices=("all", "train", "dev", "heldout"), default="all")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("bench", help="measure index build/load, latency and memory")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_bench)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "ask" and not args.batch and not args.question:
        parser.error("ask needs a question (or --batch FILE.jsonl)")
    try:
        from dotenv import load_dotenv

        load_dotenv(Path.cwd() / ".env", override=False)
        settings = Settings.from_env()
        return int(args.func(args, settings))
    except UserInputError as exc:
        print(f"policybot: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except PolicybotError as exc:
        log.debug("internal error", exc_info=True)
        print(f"policybot: something went wrong on our side: {exc}", file=sys.stderr)
        return EXIT_INTERNAL
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no tracebacks for users
        log.error("unexpected error", exc_info=True)
        print(f"policybot: something went wrong on our side ({type(exc).__name__}). Run with -v for details.", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
