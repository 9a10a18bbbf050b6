"""Shared fixtures: one real index (real Chroma, real MiniLM) built once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("policybot-data")


@pytest.fixture(scope="session")
def settings(data_dir: Path) -> Settings:
    return Settings.from_env({"POLICYBOT_DATA_DIR": str(data_dir), "POLICYBOT_BASE_URL": "http://bot.test"})


@pytest.fixture(scope="session")
def service(settings: Settings):  # type: ignore[no-untyped-def]
    from bot.service import PolicyService

    return PolicyService.start(settings)


@pytest.fixture(scope="session")
def cli_env(settings: Settings, service) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Environment for `policybot` subprocesses: the session's (already built) index."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYBOT_")}
    env.update({"POLICYBOT_DATA_DIR": str(settings.data_dir), "POLICYBOT_BASE_URL": settings.base_url, "HF_HUB_OFFLINE": "1"})
    return env
