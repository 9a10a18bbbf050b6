"""Errors policybot raises, in two families.

    PolicybotError
    ├── UserInputError        the person's input cannot be used; the message is for them
    │   ├── EmptyInput         nothing to answer or check
    │   ├── InputTooLong       over the size limit (the message says the limit)
    │   ├── UnknownOrg         an org id that is not configured (the message lists valid ones)
    │   └── UnreadableInput    binary data, invalid UTF-8, a batch line that is not JSON
    └── InternalError         our fault or the environment's: logged in full, shown to the
        └── IndexUnavailable   person as a short apology, never as a traceback

Adapters catch `UserInputError` and show `str(exc)`; anything else is an internal error.
"""

from __future__ import annotations


class PolicybotError(Exception):
    """Base of every error policybot raises on purpose."""


class UserInputError(PolicybotError):
    """The input cannot be used; `str(exc)` is worded for the person who sent it."""


class EmptyInput(UserInputError):
    pass


class InputTooLong(UserInputError):
    pass


class UnknownOrg(UserInputError):
    def __init__(self, org: str, valid: tuple[str, ...]) -> None:
        self.org = org
        self.valid = valid
        super().__init__(f"Unknown organization {org!r}. Valid organizations: {', '.join(valid)}.")


class UnreadableInput(UserInputError):
    pass


class InternalError(PolicybotError):
    """Something on our side failed; log it and tell the person plainly."""


class IndexUnavailable(InternalError):
    pass
