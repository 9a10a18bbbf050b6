"""Errors the person can act on, and how they are worded.

    TeamsReply("...")   stop and tell the person this (their input, or "still starting up")
    user_message(exc)   the person-worded text of an error, or None for an internal error
                        (logged in full; the person gets an apology, never a traceback)
"""

from __future__ import annotations

from adapters.web.runtime import HttpError
from bot.errors import UserInputError


class TeamsReply(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def user_message(exc: BaseException) -> str | None:
    if isinstance(exc, TeamsReply):
        return exc.message
    # The web actions raise HttpError: 4xx are the person's input, 503 is "still loading".
    if isinstance(exc, HttpError) and (exc.status < 500 or exc.status == 503):
        return exc.message
    if isinstance(exc, UserInputError):
        return str(exc)
    return None


APOLOGY = "Sorry, something went wrong on our side. Please try again in a moment; if it keeps happening, tell IT."
