"""Everything the Teams bot shares for the life of the server: settings, the adapter, the
bot, the reminder poller, and the small look-ups the bot makes on each turn."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from typing import Any, AsyncIterator, Mapping
from urllib.parse import urlencode

from aiohttp import web
from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import ConfigurationBotFrameworkAuthentication
from botbuilder.schema import Activity, ActivityTypes, ChannelAccount, ConversationParameters, ConversationReference
from botframework.connector.auth import BotFrameworkAuthentication

from adapters.teams import menus, messages, people, reminders
from adapters.teams.adapter import DEFAULT_ACK_SECONDS, PolicybotAdapter
from adapters.teams.bot import PolicyTeamsBot
from adapters.teams.config import TeamsConfig
from adapters.teams.people import PLATFORM, OrgResolution, Person, Place
from adapters.web.runtime import WebState, run_io
from bot.orientation import key_rules, tour_for

log = logging.getLogger(__name__)

# Processed-event ids are (platform, event id) pairs; Teams activity ids are unique only
# within a conversation.
EVENT_KEY_LIMIT = 255


class TeamsRuntime:
    def __init__(
        self,
        state: WebState,
        config: TeamsConfig,
        *,
        auth: BotFrameworkAuthentication | None = None,
        ack_seconds: float = DEFAULT_ACK_SECONDS,
    ) -> None:
        self.state = state
        self.config = config
        self.adapter = PolicybotAdapter(
            auth or ConfigurationBotFrameworkAuthentication(config.bot_framework()),
            local_mode=config.local_mode,
            first_time=self.first_time,
            ack_seconds=ack_seconds,
        )
        self.bot = PolicyTeamsBot(self)
        self._remembered: dict[str, str] = {}
        self.poller: asyncio.Task[None] | None = None

    # --- HTTP and lifecycle ---------------------------------------------------------------

    async def handle(self, request: web.Request) -> web.Response:
        return await self.adapter.process(request, self.bot)

    async def lifecycle(self, _app: web.Application) -> AsyncIterator[None]:
        self.poller = asyncio.create_task(self._poll_reminders(), name="teams-reminders")
        yield
        self.poller.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.poller
        await self.adapter.drain()

    async def _poll_reminders(self) -> None:
        while True:
            try:
                if self.state.service is not None:
                    await self.deliver_due()
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - a database hiccup must not stop the poller
                log.exception("teams: reminder poll failed")
            await asyncio.sleep(self.config.reminder_poll_seconds)

    async def deliver_due(self) -> int:
        return await reminders.deliver_due(self.state, self.send_proactive, self.policy_names())

    async def send_proactive(self, reference: Mapping[str, Any], activity: Activity) -> str:
        """Post `activity` into a stored conversation; returns the new message's id."""
        ref = ConversationReference().deserialize(dict(reference))
        sent: list[str] = []

        async def logic(ctx: TurnContext) -> None:
            async def new_message(_ctx: TurnContext, outgoing: list[Activity], next_send: Any) -> Any:
                # The SDK marks proactive sends as replies to its made-up continuation
                # activity; a reminder is a new message in the conversation, not a reply.
                for a in outgoing:
                    a.reply_to_id = None
                return await next_send()

            ctx.on_send_activities(new_message)
            response = await ctx.send_activity(activity)
            sent.append(response.id if response and response.id else "")

        await self.adapter.continue_conversation(ref, logic, bot_app_id=self.config.app_id or None)
        return sent[0] if sent else ""

    # --- per-turn look-ups ------------------------------------------------------------------

    async def first_time(self, activity: Activity) -> bool:
        conversation = activity.conversation.id if activity.conversation else ""
        key = f"{conversation}|{activity.id}"
        if len(key) > EVENT_KEY_LIMIT:
            key = "sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()
        return await run_io(self.state, self.state.store.mark_event_once, PLATFORM, key)

    async def remember_conversation(self, activity: Activity) -> None:
        """Keep where the bot can post later (HR reminders). Written when new or changed only."""
        if activity.type not in (ActivityTypes.message, ActivityTypes.conversation_update, ActivityTypes.invoke):
            return
        if not activity.conversation or not activity.conversation.id or not activity.service_url:
            return
        place = people.place_of(activity)
        reference = TurnContext.get_conversation_reference(activity)
        reference.conversation.id = people.base_conversation_id(activity.conversation.id)
        reference.activity_id = None  # post as a new message, not a reply to this one
        data = reference.serialize()
        fingerprint = f"{data}|{place.name}"
        if self._remembered.get(place.conversation_key) == fingerprint:
            return
        await run_io(self.state, self.state.store.save_conversation, PLATFORM, place.conversation_key, data, name=place.name)
        self._remembered[place.conversation_key] = fingerprint

    async def org_for(self, place: Place, person: Person) -> OrgResolution:
        service = self.state.require_service()
        chosen = await run_io(self.state, self.state.store.user_org, PLATFORM, person.key)
        return people.resolve_org(self.config, place.tenant_id, chosen, service.org_ids)

    def is_hr(self, person: Person) -> bool:
        return self.config.is_hr(person.aad_id, person.user_id)

    def policy_names(self) -> dict[str, str]:
        service = self.state.service
        return {p.org_id: p.org_name for p in service.policies()} if service is not None else {}

    def org_choices(self) -> tuple[menus.OrgChoice, ...]:
        service = self.state.require_service()
        return tuple(menus.OrgChoice(p.org_id, f"{p.org_name} ({p.doc_id})") for p in service.policies())

    def orientation_url(self, org: str | None) -> str:
        return f"{self.config.base_url}/orientation" + (f"?{urlencode({'org': org})}" if org else "")

    def tour_view(self, org: str) -> menus.TourView | None:
        """The new-hire tour for `org`, each rule quoted from the catalog (a rule whose clause
        is gone is skipped rather than shown from memory)."""
        service = self.state.require_service()
        tour = tour_for(org)
        info = next((p for p in service.policies() if p.org_id == org), None)
        if tour is None or info is None:
            return None
        rules = [menus.RuleView(rule.topic, clause.label, clause.text, service.clause_url(clause)) for rule, clause in key_rules(tour, service.catalog)]
        return menus.TourView(org, info.org_name, info.doc_id, info.title, tuple(rules), tuple(e.question for e in tour.examples))

    async def welcome_card(self, place: Place, person: Person) -> menus.Card:
        resolution = await self.org_for(place, person)
        tour = self.tour_view(resolution.org) if resolution.org else None
        return menus.welcome_card(
            [tour] if tour else [],
            orientation_url=self.orientation_url(resolution.org),
            choices=self.org_choices(),
            interaction=place.interaction,
            name=person.name.split(" ")[0] if person.name else "",
        )

    async def welcome_privately(self, ctx: TurnContext, member: ChannelAccount) -> None:
        """A new member of a team or group chat gets the tour in a 1:1 chat with the bot (a
        new hire's orientation is not for the whole channel)."""
        activity = ctx.activity
        place = people.place_of(activity)
        person = people.person_of(member, place.tenant_id)
        params = ConversationParameters(
            is_group=False,
            bot=activity.recipient,
            members=[ChannelAccount(id=member.id, name=member.name)],
            tenant_id=place.tenant_id or None,
            channel_data={"tenant": {"id": place.tenant_id}} if place.tenant_id else None,
        )

        async def greet(new_ctx: TurnContext) -> None:
            personal = Place(
                conversation_key=people.conversation_key(new_ctx.activity.conversation.id),
                kind="personal", name=f"chat with {member.name or 'a new member'}", tenant_id=place.tenant_id, channel_id=place.channel_id,
            )
            await new_ctx.send_activity(messages.card_activity(await self.welcome_card(personal, person)))

        try:
            await self.adapter.create_conversation(
                self.config.app_id or None, greet, params, activity.channel_id, activity.service_url,
            )
        except Exception:  # noqa: BLE001 - one member we could not greet must not fail the turn
            log.warning("teams: could not start a 1:1 chat to welcome %s", member.id, exc_info=True)
