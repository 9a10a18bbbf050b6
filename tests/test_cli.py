"""The `policybot` command as a subprocess: JSON contract, batch, chat, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

POLICYBOT = [sys.executable, "-m", "bot.cli"]


def run(args: list[str], env: dict[str, str], stdin: str | None = None, timeout: int = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(POLICYBOT + args, input=stdin, capture_output=True, text=True, env=env, timeout=timeout)


def test_ask_json_follows_the_contract(cli_env: dict[str, str]) -> None:
    proc = run(["ask", "--json", "--org", "saint-john", "can I use the city logo on my instagram?"], cli_env)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["status"] == "answered" and data["org"] == "saint-john"
    assert data["short_answer"].startswith("No")
    top = data["citations"][0]
    assert top == {
        "doc_id": "COM-001",
        "clause_id": "com-001.personal-use.b.iv",
        "label": "COM-001 › Personal Use of Social Media › (b)(iv)",
        "text": "Do not use the City’s logos or trademarks on Personal Use Social Media sites;",
        "url": "http://bot.test/policies/COM-001#com-001.personal-use.b.iv",
    }
    assert "Traceback" not in proc.stderr


def test_ask_human_output_is_readable(cli_env: dict[str, str]) -> None:
    proc = run(["ask", "--org", "mission", "what", "does", "3.iv.g", "say?"], cli_env)
    assert proc.returncode == 0, proc.stderr
    assert "HUM.11(A) › 3. Personal Use of Social Media › 3.iv.g" in proc.stdout
    assert "Employees must not publish material that may damage the reputation" in proc.stdout
    assert "http://bot.test/policies/HUM.11(A)#hum-11a.personal-use.iv.g" in proc.stdout


def test_batch_answers_every_good_line_and_reports_the_bad_one(cli_env: dict[str, str], tmp_path: Path) -> None:
    batch = tmp_path / "questions.jsonl"
    batch.write_text(
        "\n".join(
            [
                json.dumps({"id": "q1", "org": "mission", "q": "can i swear on facebook?"}),
                "{this is not json",
                json.dumps({"id": "q3", "org": "gotham", "q": "can i swear?"}),
                json.dumps({"id": "q4", "org": "saint-john", "q": "what's the dress code on fridays?"}),
                json.dumps({"id": "q5", "org": "mission", "q": ""}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    proc = run(["ask", "--json", "--batch", str(batch)], cli_env)
    assert proc.returncode == 1  # some lines failed, the rest were answered
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [x["id"] for x in lines] == ["q1", None, "q3", "q4", "q5"]
    assert lines[0]["status"] == "answered" and lines[0]["citations"]
    assert lines[1]["status"] == "error" and "line 2" in lines[1]["error"] and "not valid JSON" in lines[1]["error"]
    assert lines[2]["status"] == "error" and "saint-john" in lines[2]["error"]
    assert lines[3]["status"] == "not_covered" and lines[3]["citations"] == []
    assert lines[4]["status"] == "error" and "empty" in lines[4]["error"]
    assert "line 2" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("args", "stdin", "words"),
    [
        (["ask", ""], None, "empty"),
        (["ask", "-"], "x" * 100_000, "limit is 2,000"),
        (["ask", "--org", "gotham", "can i swear?"], None, "Valid organizations: mission, saint-john"),
        (["clauses", "--org", "gotham"], None, "Valid organizations"),
        (["ask", "--batch", "/no/such/file.jsonl"], None, "not found"),
    ],
)
def test_bad_input_gets_a_message_and_exit_2(cli_env: dict[str, str], args: list[str], stdin: str | None, words: str) -> None:
    proc = run(args, cli_env, stdin=stdin)
    assert proc.returncode == 2
    assert words in proc.stderr
    assert "Traceback" not in proc.stderr


def test_clauses_lists_ids_labels_and_kinds(cli_env: dict[str, str]) -> None:
    proc = run(["clauses", "--org", "saint-john"], cli_env)
    assert proc.returncode == 0
    rows = proc.stdout.splitlines()
    assert len(rows) == 83
    row = next(r for r in rows if r.startswith("com-001.personal-use.b.iii "))
    assert "prohibition" in row and "COM-001 › Personal Use of Social Media › (b)(iii)" in row


def test_chat_answers_switches_org_and_quits(cli_env: dict[str, str]) -> None:
    script = "can i swear on my facebook?\n:org gotham\n:org saint-john\nwhat does (b)(iii) say?\n:quit\n"
    proc = run(["chat", "--org", "mission"], cli_env, stdin=script)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "HUM.11(A) › Definitions › “Inappropriate Use” ii" in out
    assert "Unknown organization 'gotham'" in out
    assert "Answering for: saint-john" in out
    assert "COM-001 › Personal Use of Social Media › (b)(iii)" in out


def test_check_json_spans_point_into_the_submitted_text(cli_env: dict[str, str]) -> None:
    draft = "Love this city 🎉\u200b but these clowns on council have no clue. Email me at j.smith@saintjohn.ca"
    proc = run(["check", "--json", "--org", "saint-john", "-"], cli_env, stdin=draft)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["verdict"] == "violation" and data["org"] == "saint-john"
    rules = {f["rule"] for f in data["findings"]}
    assert {"sj.disrespect", "sj.city-assets"} <= rules
    for f in data["findings"]:
        start, end = f["span"]
        assert draft[start:end] == f["excerpt"]
        assert set(f["citation"]) == {"doc_id", "clause_id", "label", "text", "url"}
    email = next(f for f in data["findings"] if f["rule"] == "sj.city-assets")
    assert email["excerpt"] == "j.smith@saintjohn.ca"
    assert email["citation"]["clause_id"] == "com-001.personal-use.b.vii"


def test_check_marks_the_draft_in_the_terminal(cli_env: dict[str, str], tmp_path: Path) -> None:
    draft = tmp_path / "post.txt"
    draft.write_text("Proud of our parks crew today, the new trail looks great!", encoding="utf-8")
    proc = run(["check", "--org", "mission", "--file", str(draft)], cli_env)
    assert proc.returncode == 0, proc.stderr
    assert "Verdict: OK" in proc.stdout


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not readable text"),
        (b"", "empty"),
        (("word " * 2_500).encode(), "limit is 10,000"),
    ],
)
def test_check_bad_files_exit_2(cli_env: dict[str, str], tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "draft.bin"
    path.write_bytes(content)
    proc = run(["check", "--file", str(path)], cli_env)
    assert proc.returncode == 2
    assert words in proc.stderr and "Traceback" not in proc.stderr
