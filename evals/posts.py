"""Write knowledge/rule_posts.jsonl, the labelled whole posts the draft classifier learns
from: every train and dev draft, never a held-out one (nor any dev or train draft whose
text also appears in the held-out split).

    python -m evals.posts
"""

from __future__ import annotations

import json

from bot.compliance.classifier import POSTS_PATH
from evals.drafts_eval import load_drafts


def main() -> None:
    held_out = {r["text"] for r in load_drafts(splits=["heldout"])}
    rows = [r for r in load_drafts(splits=["train", "dev"]) if r["text"] not in held_out]
    lines = [json.dumps({"id": r["id"], "org": r["org"], "text": r["text"], "rules": r["rules"]}, ensure_ascii=False) for r in rows]
    POSTS_PATH.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} posts to {POSTS_PATH}")


if __name__ == "__main__":
    main()
