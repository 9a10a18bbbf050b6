"""The Slack fixtures live in `slack_support` (tests import its helpers by that unique
module name; every test folder has a conftest, so `from conftest import` is ambiguous)."""

from slack_support import mock, mock_server, slack, store  # noqa: F401 - pytest fixtures

__all__ = ["mock", "mock_server", "slack", "store"]
