"""Settings, read once from the environment at start-up.

Library code receives a `Settings` object; only `Settings.from_env` looks at the
environment, so tests build settings directly and nothing changes behind their back.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping

from knowledge.catalog import POLICY_DIR

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_data_dir() -> Path:
    # In a source checkout the data lives beside the code; installed elsewhere, in XDG.
    if (PROJECT_ROOT / "pyproject.toml").exists():
        return PROJECT_ROOT / "data"
    return Path(os.path.expanduser("~/.local/share")) / "policybot"


def _csv(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def _mapping(value: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in _csv(value):
        key, _, org = pair.partition("=")
        if key.strip() and org.strip():
            out[key.strip()] = org.strip()
    return out


@dataclass(frozen=True)
class Settings:
    data_dir: Path = field(default_factory=_default_data_dir)
    policy_dir: Path = POLICY_DIR
    base_url: str = "http://127.0.0.1:3978"
    default_org: str = ""
    max_question_chars: int = 2000
    max_draft_chars: int = 10_000
    admin_token: str = ""
    database_url: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        env = dict(os.environ if environ is None else environ)
        s = cls()
        if env.get("POLICYBOT_DATA_DIR"):
            s = replace(s, data_dir=Path(env["POLICYBOT_DATA_DIR"]).expanduser())
        if env.get("POLICYBOT_POLICY_DIR"):
            s = replace(s, policy_dir=Path(env["POLICYBOT_POLICY_DIR"]).expanduser())
        if env.get("POLICYBOT_BASE_URL"):
            s = replace(s, base_url=env["POLICYBOT_BASE_URL"].rstrip("/"))
        if env.get("POLICYBOT_DEFAULT_ORG"):
            s = replace(s, default_org=env["POLICYBOT_DEFAULT_ORG"].strip())
        if env.get("POLICYBOT_ADMIN_TOKEN"):
            s = replace(s, admin_token=env["POLICYBOT_ADMIN_TOKEN"])
        if env.get("DATABASE_URL"):
            s = replace(s, database_url=env["DATABASE_URL"])
        # Platform settings are passed through untouched for the adapters to read.
        extra = {k: v for k, v in env.items() if k.startswith(("SLACK_", "MICROSOFT_", "POLICYBOT_"))}
        return replace(s, extra=extra)

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    def org_mapping(self, key: str) -> dict[str, str]:
        """`KEY=org,KEY2=org2` style settings (workspace or tenant to org)."""
        return _mapping(self.extra.get(key, ""))
