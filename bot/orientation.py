"""The new-hire tour, platform-neutral: the handful of rules every employee must know, per
policy, with example questions and a self-check quiz. The web page, Slack's App Home and the
Teams welcome card all render this.

Only the choice of clauses, the topic names, the example questions and the quiz are
written here; the rules themselves are always quoted from the catalog, so the tour never
drifts from the policy text. A clause id that disappears from a policy is skipped by the
renderers (and a test fails), rather than showing a rule that no longer exists.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from knowledge.catalog import Catalog
    from knowledge.clauses import Clause

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class KeyRule:
    clause_id: str
    topic: str


@dataclass(frozen=True)
class QuizQuestion:
    prompt: str
    options: tuple[str, ...]
    correct: int
    clause_id: str


@dataclass(frozen=True)
class Example:
    """A question to try, and the clause its answer must cite (a test holds us to it)."""

    question: str
    clause_id: str


@dataclass(frozen=True)
class Tour:
    org_id: str
    rules: tuple[KeyRule, ...]
    examples: tuple[Example, ...]
    quiz: tuple[QuizQuestion, ...]


TOURS: tuple[Tour, ...] = (
    Tour(
        org_id="saint-john",
        rules=(
            KeyRule("com-001.personal-use.a", "Criminal content, harassment, cyber-bullying and hate"),
            KeyRule("com-001.personal-use.b.ii", "Disrespectful or critical comments"),
            KeyRule("com-001.personal-use.b.iii", "Replying to critics of the City"),
            KeyRule("com-001.personal-use.b.iv", "City logos and trademarks"),
            KeyRule("com-001.personal-use.b.v", "Speaking for the City"),
            KeyRule("com-001.personal-use.b.vi", "City business on personal accounts"),
            KeyRule("com-001.personal-use.b.vii", "City assets, email addresses and passwords"),
            KeyRule("com-001.personal-use.b.viii", "Disclaimers"),
        ),
        examples=(
            Example("Can I use the City logo on my Instagram?", "com-001.personal-use.b.iv"),
            Example("Someone is bashing city hall on Facebook. Can I reply to them?", "com-001.personal-use.b.iii"),
            Example("Can I sign up for Facebook with my work email?", "com-001.personal-use.b.vii"),
            Example("Do I need a disclaimer on my personal account?", "com-001.personal-use.b.viii"),
        ),
        quiz=(
            QuizQuestion(
                "A local Facebook group is criticizing City Hall about potholes. May you reply from your personal account to defend the City?",
                ("Yes, as long as I stay polite", "No, not in response to negative or critical remarks about the City", "Only during my breaks"),
                1,
                "com-001.personal-use.b.iii",
            ),
            QuizQuestion(
                "May you put the City logo in your personal Instagram bio?",
                ("Yes, it shows I am proud of my job", "Only if my manager agrees", "No, City logos and trademarks do not belong on personal accounts"),
                2,
                "com-001.personal-use.b.iv",
            ),
            QuizQuestion(
                "May you use your City email address to sign up for a personal social media account?",
                ("No, City email addresses and passwords are not for personal accounts", "Yes, if the account is private", "Yes, if I never post about work"),
                0,
                "com-001.personal-use.b.vii",
            ),
            QuizQuestion(
                "Your personal account sometimes comments on City matters. What does the policy ask you to use where appropriate?",
                ("My job title", "A disclaimer that the account is personal and does not represent the City’s official positions", "The City’s official hashtag"),
                1,
                "com-001.personal-use.b.viii",
            ),
        ),
    ),
    Tour(
        org_id="mission",
        rules=(
            KeyRule("hum-11a.personal-use.iv.d", "If you say you work for the City"),
            KeyRule("hum-11a.personal-use.iv.f", "Inappropriate use"),
            KeyRule("hum-11a.personal-use.iv.g", "The City’s reputation"),
            KeyRule("hum-11a.personal-use.vii", "Speaking for the City, confidential information and news"),
            KeyRule("hum-11a.crisis.ii", "Posting during a crisis"),
            KeyRule("hum-11a.personal-use.iii", "Social media during working hours"),
        ),
        examples=(
            Example("Can I post about the flood emergency on my Facebook?", "hum-11a.crisis.ii"),
            Example("Can I go on social media during work hours?", "hum-11a.personal-use.iii"),
            Example("My bio says I work for the City. What do I have to do?", "hum-11a.personal-use.iv.d"),
            Example("Can I swear on Facebook?", "hum-11a.personal-use.iv.f"),
        ),
        quiz=(
            QuizQuestion(
                "During an emergency, may you post about the crisis on your personal account?",
                (
                    "Yes, sharing information helps residents",
                    "Only if I am designated by the Chief Administrative Officer or the Manager of Communications and Public Engagement",
                    "Yes, if I only share facts",
                ),
                1,
                "hum-11a.crisis.ii",
            ),
            QuizQuestion(
                "When may you use personal social media during regular working hours?",
                ("Any time my work is done", "Never, not even on breaks", "On official breaks, unless the use is authorized in support of City operations"),
                2,
                "hum-11a.personal-use.iii",
            ),
            QuizQuestion(
                "Your profile says you work for the City of Mission. What must you make clear?",
                ("That your opinions and content are your own and do not reflect the City’s", "Your department and manager", "Nothing, as long as the account is private"),
                0,
                "hum-11a.personal-use.iv.d",
            ),
            QuizQuestion(
                "You heard about a City decision before it was announced. May you post it?",
                ("Yes, if I say it is unofficial", "No, staff may not release news or confidential information or speak for the City", "Yes, after working hours"),
                1,
                "hum-11a.personal-use.vii",
            ),
        ),
    ),
)


def tour_for(org_id: str) -> Tour | None:
    return next((t for t in TOURS if t.org_id == org_id), None)


def key_rules(tour: Tour, catalog: "Catalog") -> list[tuple[KeyRule, "Clause"]]:
    """The tour's rules with the clauses they quote; a clause no longer in the policy is
    skipped (and logged) rather than shown."""
    out = []
    for rule in tour.rules:
        clause = catalog.clause(rule.clause_id)
        if clause is None:
            log.warning("tour for %s: clause %s is not in the catalog; skipped", tour.org_id, rule.clause_id)
            continue
        out.append((rule, clause))
    return out
