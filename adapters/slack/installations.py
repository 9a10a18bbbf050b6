"""Where OAuth installations (one bot token per workspace) and install states are kept:
slack_sdk's SQLAlchemy stores on the policybot database (`Store.engine`), so they live
beside answers and feedback, on SQLite or Postgres alike.

slack_sdk's async variants need an async engine driver (aiosqlite, asyncpg) that policybot
does not ship; the synchronous stores run on the web server's database thread pool instead,
behind the async interfaces bolt's AsyncApp expects.
"""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Optional

from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine

RunIo = Callable[..., Awaitable[Any]]  # run_io(fn, *args, **kwargs) off the event loop
STATE_EXPIRATION_S = 600

log = logging.getLogger("adapters.slack.installations")


class ThreadedInstallationStore(AsyncInstallationStore):
    def __init__(self, client_id: str, engine: Engine, run_io: RunIo) -> None:
        self.sync = SQLAlchemyInstallationStore(client_id=client_id, engine=engine, logger=log)
        self.sync.create_tables()  # idempotent; at start-up, like the rest of the schema
        self._run = run_io

    @property
    def logger(self) -> logging.Logger:
        return log

    async def async_save(self, installation: Installation) -> None:
        await self._run(self.sync.save, installation)

    async def async_save_bot(self, bot: Bot) -> None:
        await self._run(self.sync.save_bot, bot)

    async def async_find_bot(
        self, *, enterprise_id: Optional[str], team_id: Optional[str], is_enterprise_install: Optional[bool] = False
    ) -> Optional[Bot]:
        return await self._run(self.sync.find_bot, enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=is_enterprise_install)

    async def async_find_installation(
        self,
        *,
        enterprise_id: Optional[str],
        team_id: Optional[str],
        user_id: Optional[str] = None,
        is_enterprise_install: Optional[bool] = False,
    ) -> Optional[Installation]:
        return await self._run(
            self.sync.find_installation,
            enterprise_id=enterprise_id,
            team_id=team_id,
            user_id=user_id,
            is_enterprise_install=is_enterprise_install,
        )

    async def async_delete_bot(self, *, enterprise_id: Optional[str], team_id: Optional[str]) -> None:
        await self._run(self.sync.delete_bot, enterprise_id=enterprise_id, team_id=team_id)

    async def async_delete_installation(self, *, enterprise_id: Optional[str], team_id: Optional[str], user_id: Optional[str] = None) -> None:
        await self._run(self.sync.delete_installation, enterprise_id=enterprise_id, team_id=team_id, user_id=user_id)


class ThreadedOAuthStateStore(AsyncOAuthStateStore):
    """The one-time `state` of each install attempt (protects the callback from forgery)."""

    def __init__(self, engine: Engine, run_io: RunIo, expiration_seconds: int = STATE_EXPIRATION_S) -> None:
        self.sync = SQLAlchemyOAuthStateStore(expiration_seconds=expiration_seconds, engine=engine, logger=log)
        self.sync.create_tables()
        self._run = run_io

    @property
    def logger(self) -> logging.Logger:
        return log

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        return await self._run(self.sync.issue)

    async def async_consume(self, state: str) -> bool:
        return await self._run(self.sync.consume, state)
