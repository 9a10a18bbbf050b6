"""Cards into Bot Framework activities, with Teams' AI label and citations.

botbuilder's `Entity` model serializes only its `type` (msrest drops every other key), so
the AI label and citations would vanish on the way to Teams. `AIMessageEntity` declares the
keys Teams reads, so the serializer keeps them.
"""

from __future__ import annotations

from typing import Any, Sequence

from botbuilder.schema import Activity, ActivityTypes, Attachment, Entity, TextFormatTypes

from adapters.teams.adaptive import ADAPTIVE_CARD, Card
from adapters.teams.answers import AnswerMessage

SCHEMA_MESSAGE = "https://schema.org/Message"


class AIMessageEntity(Entity):
    """Teams' "AI generated" label, optionally with the citations the text's [n] refer to."""

    _attribute_map = {
        "type": {"key": "type", "type": "str"},
        "schema_type": {"key": "@type", "type": "str"},
        "schema_context": {"key": "@context", "type": "str"},
        "schema_id": {"key": "@id", "type": "str"},
        "additional_type": {"key": "additionalType", "type": "[str]"},
        "citation": {"key": "citation", "type": "[object]"},
    }

    def __init__(self, *, citation: Sequence[dict[str, Any]] | None = None, **kwargs: Any) -> None:
        super().__init__(type=SCHEMA_MESSAGE, **kwargs)
        self.schema_type = "Message"
        self.schema_context = "https://schema.org"
        self.schema_id = ""  # Teams requires it present and empty
        self.additional_type = ["AIGeneratedContent"]
        self.citation = list(citation) if citation else None


def attachment(card: Card) -> Attachment:
    return Attachment(content_type=ADAPTIVE_CARD, content=card)


def card_activity(card: Card, *, text: str = "", ai: bool = False, citations: Sequence[dict[str, Any]] = ()) -> Activity:
    activity = Activity(type=ActivityTypes.message, attachments=[attachment(card)])
    if text:
        activity.text = text
        activity.text_format = TextFormatTypes.markdown
    if ai:
        activity.entities = [AIMessageEntity(citation=citations)]
    return activity


def answer_activity(message: AnswerMessage) -> Activity:
    """Answers are composed by the bot from the policy text: label them AI-generated, as
    Teams asks of automated answers, and attach the citations."""
    return card_activity(message.card, text=message.text, ai=True, citations=message.citations)


def text_activity(text: str) -> Activity:
    return Activity(type=ActivityTypes.message, text=text, text_format=TextFormatTypes.markdown)


def typing_activity() -> Activity:
    return Activity(type=ActivityTypes.typing)
