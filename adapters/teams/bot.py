"""The Teams bot: turns Teams activities into policybot calls and renders the replies.

    message (personal chat, or @mention in a channel / group chat)
        "help" | "org [name]" | "check <draft>" | "remind <when> <question or link>" | "reminders" | a question
    card buttons: Action.Execute (adaptiveCard/action invoke) in Teams, Action.Submit (a message
        with a value) in the Emulator; the same verbs either way: ask, feedback, org, cancelReminder
    message extension "checkDraft": composeExtension/fetchTask and /submitAction
    conversationUpdate membersAdded: the welcome card (new-hire tour)

No policy logic here: answers and checks come from `adapters.web.actions` (which run the core
and store the result), and everything shown is rendered by the card modules.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any, Mapping

from botbuilder.core import InvokeResponse, TurnContext
from botbuilder.core.teams import TeamsActivityHandler
from botbuilder.schema import Activity, ChannelAccount
from botbuilder.schema.teams import MessagingExtensionAction, MessagingExtensionActionResponse

from adapters.teams import answers, checks, extension, hr, menus, messages, people
from adapters.teams.adaptive import ADAPTIVE_CARD, Card
from adapters.teams.people import Person, Place
from adapters.teams.replies import APOLOGY, TeamsReply, user_message
from adapters.teams.text import Command, message_text, parse_command
from adapters.web import actions
from adapters.web.runtime import run_io
from bot.orientation import tour_for

if TYPE_CHECKING:
    from adapters.teams.runtime import TeamsRuntime

log = logging.getLogger(__name__)

ACTIVITY_MESSAGE = "application/vnd.microsoft.activity.message"


class PolicyTeamsBot(TeamsActivityHandler):
    def __init__(self, runtime: "TeamsRuntime") -> None:
        super().__init__()
        self.rt = runtime

    # --- every turn ---------------------------------------------------------------------

    async def on_turn(self, turn_context: TurnContext) -> None:
        await self.rt.remember_conversation(turn_context.activity)
        await super().on_turn(turn_context)

    # --- messages -----------------------------------------------------------------------

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        try:
            if isinstance(activity.value, dict) and activity.value.get("verb"):
                await self._on_submit(turn_context, activity.value)
                return
            command = parse_command(message_text(_without_bot_mention(activity)))
            await self._on_command(turn_context, command)
        except Exception as exc:  # noqa: BLE001 - the person's own mistakes are answered here
            message = user_message(exc)
            if message is None:
                raise  # the adapter's error handler logs it and apologizes
            await turn_context.send_activity(messages.text_activity(message))

    async def _on_command(self, ctx: TurnContext, command: Command) -> None:
        place, person = people.place_of(ctx.activity), self._person(ctx)
        if command.name == "help":
            await self._send_help(ctx, place, person)
        elif command.name == "org":
            await self._on_org(ctx, place, person, command.arg)
        elif command.name == "check":
            if not command.arg:
                raise TeamsReply("Send **check** followed by the text of your post, e.g. “check Proud to work for the City! Open house Saturday.” "
                                 "Or use **Check against policy** from the ••• menu of a message.")
            await self._check_in_chat(ctx, place, person, command.arg)
        elif command.name in ("remind", "reminders", "cancel"):
            await hr.on_command(self.rt, ctx, place, person, command)
        else:
            await self._answer(ctx, place, person, command.arg)

    async def _on_submit(self, ctx: TurnContext, value: Mapping[str, Any]) -> None:
        """A card button in the Emulator (Action.Submit), or a Teams messageBack."""
        place, person = people.place_of(ctx.activity), self._person(ctx)
        verb = str(value.get("verb"))
        if verb == "ask":
            org = value.get("org") if isinstance(value.get("org"), str) else None
            await self._answer(ctx, place, person, str(value.get("q") or ""), org=org)
        elif verb == "feedback":
            await self._save_feedback(person, value)
            await ctx.send_activity(messages.text_activity("Thanks for the feedback — it helps HR improve the answers."))
        elif verb == "org":
            await self._on_org(ctx, place, person, str(value.get("org") or ""))
        elif verb == "cancelReminder":
            await hr.cancel(self.rt, ctx, place, person, str(value.get("reminderId") or ""))
        else:
            raise TeamsReply("That button is from an older version of this bot. Ask your question again.")

    # --- answering ----------------------------------------------------------------------

    async def _answer(self, ctx: TurnContext, place: Place, person: Person, question: str, org: str | None = None) -> None:
        if not question.strip():
            await self._send_help(ctx, place, person)
            return
        await ctx.send_activity(messages.typing_activity())
        chosen = org or (await self.rt.org_for(place, person)).org
        answer, stored = await actions.ask(self.rt.state, question, chosen, asker=person.asker, channel="teams")
        message = answers.answer_message(
            answer.to_dict(),
            permalink=actions.permalink(self.rt.state, stored.id),
            policy_names=self.rt.policy_names(),
            interaction=place.interaction,
            question=stored.question,
        )
        await ctx.send_activity(messages.answer_activity(message))

    async def _save_feedback(self, person: Person, value: Mapping[str, Any]) -> tuple[str, bool]:
        answer_id, helpful = str(value.get("answerId") or ""), value.get("helpful")
        if not isinstance(helpful, bool) or not answer_id:
            raise TeamsReply("That feedback button is incomplete; ask the question again to vote.")
        found = await run_io(self.rt.state, self.rt.state.store.save_feedback, answer_id, helpful, person.asker)
        if not found:
            raise TeamsReply("That answer is no longer stored, so the vote could not be saved.")
        return answer_id, helpful

    # --- checking -----------------------------------------------------------------------

    async def _run_check(self, place: Place, person: Person, draft: str) -> dict[str, Any]:
        org = (await self.rt.org_for(place, person)).org
        return await actions.check(self.rt.state, draft, org, False, asker=person.asker, channel="teams", with_notices=True)

    async def _check_in_chat(self, ctx: TurnContext, place: Place, person: Person, draft: str) -> None:
        await ctx.send_activity(messages.typing_activity())
        result = await self._run_check(place, person, draft)
        card = checks.check_card_fitted(result, draft, policy_names=self.rt.policy_names())
        await ctx.send_activity(messages.card_activity(card))

    # --- organization -------------------------------------------------------------------

    async def _on_org(self, ctx: TurnContext, place: Place, person: Person, wanted: str) -> None:
        card = await self._org_change(place, person, wanted)
        await ctx.send_activity(messages.card_activity(card))

    async def _org_change(self, place: Place, person: Person, wanted: str) -> Card:
        """Show the current organization, or switch to `wanted`; returns the card to show."""
        service = self.rt.state.require_service()
        policies = service.policies()
        resolution = await self.rt.org_for(place, person)
        fixed = resolution.source == "tenant"
        if wanted.strip():
            if fixed:
                raise TeamsReply(people.describe(resolution, policies) + " Ask your Teams administrator if that is wrong.")
            org = people.match_org(wanted, policies)
            if org is None:
                names = ", ".join(f"**{p.org_id}** ({p.org_name})" for p in policies)
                raise TeamsReply(f"I don't know an organization called “{wanted.strip()}”. Choose one of: {names}.")
            await run_io(self.rt.state, self.rt.state.store.set_user_org, people.PLATFORM, person.key, org)
            resolution = people.OrgResolution(org, "user")
            tour = self.rt.tour_view(org)
            if tour is not None:
                # Choosing an organization is how a new hire starts: show its tour right away.
                return menus.welcome_card([tour], orientation_url=self.rt.orientation_url(org), choices=(), interaction=place.interaction, name="")
        return menus.org_card(current=people.describe(resolution, policies), fixed=fixed, choices=self.rt.org_choices(), interaction=place.interaction)

    async def _send_help(self, ctx: TurnContext, place: Place, person: Person) -> None:
        service = self.rt.state.require_service()
        resolution = await self.rt.org_for(place, person)
        tour = tour_for(resolution.org) if resolution.org else None
        examples = [e.question for e in tour.examples] if tour else [e.question for t in map(tour_for, service.org_ids) if t for e in t.examples[:1]]
        card = menus.help_card(
            org_line=people.describe(resolution, service.policies()),
            is_hr=self.rt.is_hr(person),
            in_channel=place.shared,
            examples=examples,
            org=resolution.org,
            interaction=place.interaction,
        )
        await ctx.send_activity(messages.card_activity(card))

    # --- welcome ------------------------------------------------------------------------

    async def on_members_added_activity(self, members_added: list[ChannelAccount], turn_context: TurnContext) -> None:
        activity = turn_context.activity
        place = people.place_of(activity)
        bot_id = activity.recipient.id if activity.recipient else None
        humans = [m for m in members_added if m.id != bot_id]
        bot_added = len(humans) < len(members_added)
        if not place.shared:
            # A personal chat: the bot was installed (Teams) or the Emulator opened a chat.
            who = humans[0] if humans else activity.from_property
            await self._welcome_here(turn_context, place, people.person_of(who, place.tenant_id))
            return
        if bot_added:
            await self._send_help(turn_context, place, self._person(turn_context))
        for member in humans:
            await self.rt.welcome_privately(turn_context, member)

    async def _welcome_here(self, ctx: TurnContext, place: Place, person: Person) -> None:
        await ctx.send_activity(messages.card_activity(await self.rt.welcome_card(place, person)))

    # --- invokes: card actions and the message extension --------------------------------

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse:
        if turn_context.activity.name == "adaptiveCard/action":
            # Handled here rather than in on_adaptive_card_invoke: botbuilder's response model
            # cannot carry a plain-text ("activity.message") reply, which is what a vote in a
            # shared conversation should get.
            return InvokeResponse(status=200, body=await self._on_card_action(turn_context))
        return await super().on_invoke_activity(turn_context)

    async def _on_card_action(self, ctx: TurnContext) -> dict[str, Any]:
        value = ctx.activity.value if isinstance(ctx.activity.value, dict) else {}
        action = value.get("action") if isinstance(value.get("action"), dict) else {}
        data = action.get("data") if isinstance(action.get("data"), dict) else {}
        verb = str(action.get("verb") or data.get("verb") or "")
        place, person = people.place_of(ctx.activity), self._person(ctx)
        try:
            if verb == "feedback":
                answer_id, helpful = await self._save_feedback(person, data)
                if place.shared:
                    # Everyone sees this card: don't show one person's vote on it.
                    return _message_response("Thanks for the feedback — it helps HR improve the answers.")
                stored = await run_io(self.rt.state, self.rt.state.store.get_answer, answer_id)
                if stored is None:
                    return _message_response("Thanks for the feedback.")
                message = answers.answer_message(
                    stored.data, permalink=actions.permalink(self.rt.state, stored.id), policy_names=self.rt.policy_names(),
                    interaction=place.interaction, question=stored.question, vote=helpful,
                )
                return _card_response(message.card)
            if verb == "org":
                return _card_response(await self._org_change(place, person, str(data.get("org") or "")))
            if verb == "cancelReminder":
                return _card_response(await hr.cancel_card(self.rt, place, person, str(data.get("reminderId") or "")))
            return _message_response("That button is from an older version of this bot. Ask your question again.")
        except Exception as exc:  # noqa: BLE001
            message = user_message(exc)
            if message is None:
                log.exception("card action %r failed", verb)
                message = APOLOGY
            return _message_response(message)

    # The message extension ("Check against policy"); see extension.py.

    async def on_teams_messaging_extension_fetch_task(self, turn_context: TurnContext, action: MessagingExtensionAction) -> MessagingExtensionActionResponse:
        return await extension.fetch_task(self._check_for(turn_context), action, self.rt.policy_names())

    async def on_teams_messaging_extension_submit_action(self, turn_context: TurnContext, action: MessagingExtensionAction) -> MessagingExtensionActionResponse:
        return await extension.submit_action(self._check_for(turn_context), action, self.rt.policy_names())

    def _check_for(self, ctx: TurnContext) -> extension.RunCheck:
        place, person = people.place_of(ctx.activity), self._person(ctx)
        return lambda draft: self._run_check(place, person, draft)

    # --- helpers --------------------------------------------------------------------------

    def _person(self, ctx: TurnContext) -> Person:
        return people.person_of(ctx.activity.from_property, people.tenant_of(ctx.activity))


def _without_bot_mention(activity: Activity) -> str:
    """The message text without the bot's @mention (how a channel message addresses it)."""
    text = activity.text or ""
    if not activity.entities or not activity.recipient:
        return text
    try:
        return TurnContext.remove_recipient_mention(activity) or ""
    except Exception:  # noqa: BLE001 - botbuilder uses the display name as a regex pattern
        log.debug("botbuilder could not remove the mention; removing it here", exc_info=True)
        name = activity.recipient.name or ""
        return re.sub(rf"<at[^>]*>\s*{re.escape(name)}\s*</at>", "", text, flags=re.IGNORECASE) if name else text


def _card_response(card: Card) -> dict[str, Any]:
    return {"statusCode": 200, "type": ADAPTIVE_CARD, "value": card}


def _message_response(text: str) -> dict[str, Any]:
    return {"statusCode": 200, "type": ACTIVITY_MESSAGE, "value": text}
