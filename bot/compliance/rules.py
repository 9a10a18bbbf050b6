"""The 34 rules of knowledge/rules.yaml and how each one's signals combine into findings.

Every rule reads the same `Analysis` and decides from three kinds of evidence:
- deterministic detections (a City email address, "on behalf of the City", a promo code),
  which fire on their own when they are unambiguous;
- the semantic classifier's probability for the rule on a sentence, compared with two
  thresholds: `review` (a person should look) and `violation` (clear breach);
- the ML signals: alt-profanity-check and VADER sentiment toward a City target.

A rule whose default severity is "review" never produces more than "review". The
classifier alone never makes a "violation" below the rule's `violation` threshold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml

from bot.compliance.analysis import Analysis, Sentence
from bot.compliance.detectors import Detection
from bot.compliance.types import Severity

RULES_PATH = Path(__file__).resolve().parents[2] / "knowledge" / "rules.yaml"

# Saint John's personal-use rules (b)(i)-(viii) cover posts "pertaining to commenting on
# any City business"; rule (a) covers every post.
CITY_BUSINESS_CLAUSE_PREFIX = "com-001.personal-use.b."

# Rules about a personal account posing as, or leaning on, the City. From an official
# City account (official=True) speaking for the City and using its logo is the point.
# (mi.official-approval stays on: official content still needs Communications' approval.)
PERSONAL_ACCOUNT_ONLY = frozenset(
    {
        "sj.logo", "sj.speak-for-city", "sj.city-business", "sj.city-assets", "sj.disclaimer", "sj.respond-negative",
        "mi.logo", "mi.self-identify", "mi.position", "mi.speak-for-city",
        # Official profiles are run by the staff the CAO designates: who section 2 allows.
        "mi.crisis",
    }
)

# Who approves official content, per org, for suggestions.
COMMS = {
    "saint-john": "Corporate Communications",
    "mission": "the office of Communications and Public Engagement",
}


@dataclass(frozen=True)
class RuleSpec:
    rule_id: str
    org: str
    clause_id: str
    severity: str
    official_only: bool
    about: str
    also: tuple[str, ...] = ()

    @property
    def city_business_gated(self) -> bool:
        return self.clause_id.startswith(CITY_BUSINESS_CLAUSE_PREFIX)


def load_rules(path: Path = RULES_PATH) -> dict[str, RuleSpec]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: dict[str, RuleSpec] = {}
    for org, rules in raw.items():
        for rid, body in (rules or {}).items():
            out[rid] = RuleSpec(
                rule_id=rid,
                org=str(org),
                clause_id=str(body["clause"]),
                severity=str(body["severity"]),
                official_only=bool(body.get("official", False)),
                about=str(body.get("about", "")),
                also=tuple(body.get("also") or ()),
            )
    return out


@dataclass(frozen=True)
class Thresholds:
    """Classifier probability cut-offs: `review` <= p < `violation` means unsure."""

    review: float = 0.65
    violation: float = 0.75


# Chosen on the train split of evals/drafts.jsonl together with the dev set
# (evals/drafts_dev.jsonl, written by another author): 0.05 lower than the train split
# alone asked for, because the train drafts' phrasing flattered the detectors.
# The style classifier for official posts is the noisiest (short, informal examples):
# alone it only asks for review when it is very sure.
DEFAULT_THRESHOLDS: dict[str, Thresholds] = {
    "sj.official-consistency": Thresholds(review=0.75, violation=0.9),
    # Personal sales and charity fundraisers read like ads; alone the classifier must be sure.
    "mi.advertising": Thresholds(review=0.75, violation=0.85),
    # Speaking for the City is an explicit act the phrase detector sees; the classifier
    # confuses it with any firm opinion about council.
    "sj.speak-for-city": Thresholds(review=0.8, violation=0.9),
    "mi.speak-for-city": Thresholds(review=0.8, violation=0.9),
}

# Rules about who is speaking: a disclaimer sentence mentions the job and the City, so the
# classifier scores it high, yet it is the very thing these rules ask for.
DISCLAIMER_SAFE = frozenset({"mi.position", "mi.self-identify", "sj.disclaimer", "sj.speak-for-city", "mi.speak-for-city", "mi.official-approval"})

# Rules that hinge on an explicit act (a phrase, a logo, a self-introduction): the
# classifier alone can ask for review but never makes them a violation.
CLASSIFIER_REVIEW_ONLY = frozenset(
    {"sj.speak-for-city", "mi.speak-for-city", "sj.logo", "mi.logo", "sj.city-business", "sj.disclaimer", "mi.self-identify", "mi.official-approval"}
)
# Self-identification needs the author to talk about themselves.
FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|me|my|we|our|us)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Hit:
    rule: str
    severity: Severity
    span: tuple[int, int]  # in the submitted text
    message: str
    suggestion: str
    # Raised by the semantic classifier alone, no pattern: listed after pattern findings on
    # the same words, since a pattern names what it saw.
    by_classifier: bool = False


@dataclass
class OrgContext:
    a: Analysis
    org: str
    org_name: str
    official: bool
    specs: dict[str, RuleSpec]
    thresholds: dict[str, Thresholds]
    semantic: bool  # False when the draft is not English: classifier and phrase cues are off

    @property
    def comms(self) -> str:
        return COMMS.get(self.org, "your communications office")

    def th(self, rule: str) -> Thresholds:
        return self.thresholds.get(rule, Thresholds())

    def default(self, rule: str) -> str:
        return self.specs[rule].severity

    def span(self, s: Sentence | Detection) -> tuple[int, int]:
        return (s.start, s.end)

    def p(self, rule: str, s: Sentence | None) -> float:
        return self.a.prob(rule, s) if (s is not None and self.semantic) else 0.0

    def p_near(self, rule: str, s: Sentence | None) -> float:
        """The rule's probability on the sentence or the whole draft, whichever is higher.
        For rules about who is speaking, a draft with a disclaimer is not scored whole: the
        disclaimer's own words (the job, the City) would lift the score."""
        whole = self.a.whole
        if whole is None or (rule in DISCLAIMER_SAFE and self.a.in_sentence(whole, "disclaimer")):
            return self.p(rule, s)
        return max(self.p(rule, s), self.p(rule, whole))

    def dets(self, *kinds: str) -> list[Detection]:
        return self.a.dets(*kinds) if self.semantic else []

    def around(self, s: Sentence, *kinds: str) -> list[Detection]:
        """Detections of `kinds` in the sentence or its neighbours."""
        out: list[Detection] = []
        for i in (s.index - 1, s.index, s.index + 1):
            if 0 <= i < len(self.a.sentences):
                out.extend(self.a.in_sentence(self.a.sentences[i], *kinds))
        return out

    def sentence_of(self, d: Detection) -> Sentence | None:
        return self.a.sentence_at(d.start)

    def sentences_over(self, rule: str, level: str = "review") -> list[tuple[Sentence, float]]:
        if not self.semantic:
            return []
        th = self.th(rule)
        cut = th.review if level == "review" else th.violation
        # Quoted lines are someone else's words: context for a reply, not the author's.
        out = [(s, self.a.prob(rule, s)) for s in self.a.units if not s.quoted or rule == "sj.respond-negative"]
        return [(s, p) for s, p in out if p >= cut]

    def severity_for(self, rule: str, p: float) -> Severity | None:
        th = self.th(rule)
        if p >= th.violation and self.default(rule) == "violation" and rule not in CLASSIFIER_REVIEW_ONLY:
            return "violation"
        if p >= th.review:
            return "review"
        return None


# --- helpers shared by several rules ---------------------------------------------------

STRONG_THREAT = re.compile(
    r"\b(?:kill|hurt|beat|punch|shoot|stab|burn|smash|strangle|choke|slap|run\s+\w+\s+over)\b|watch\s+(?:your|ur)\s+back"
    r"|know\s+where\s+\w+\s+(?:live|lives|park|parks)|deserves?\s+to\s+(?:die|be)|(?:hope|wish)\s+\w+\s+(?:die|dies|get)"
    r"|(?:burn|blow)\s+\S+(?:\s+\S+)?\s+(?:down|up)|walk\s+away|warning|warned|make\s+you|life\s+(?:hell|miserable)",
    re.IGNORECASE,
)
WEAK_INSULTS = frozenset({"ridiculous", "nuts", "insane", "crazy", "sucks", "suck", "worst", "the worst", "terrible", "awful", "horrible", "disgusting", "disaster", "embarrassing", "lazy", "dumb"})
OWN_CONTACT = re.compile(r"\b(?:call|text|reach|phone|ring)\s+me\b|\bmy\s+(?:cell|number|phone|address)\b|\b(?:me|us)\s+(?:at|on)\s*$", re.IGNORECASE)
# An opinion being given ("honestly nights make the most sense"): with a self-introduction,
# a comment on the work the author does for the City.
OPINION = re.compile(
    r"\b(?:honestly|I\s+think|I\s+believe|imo|imho|in\s+my\s+(?:opinion|view)|tbh|hot\s+take|makes?\s+(?:the\s+most\s+|more\s+|no\s+|total\s+|perfect\s+|complete\s+)?sense"
    r"|(?:great|good|bad|smart|dumb)\s+(?:move|call|decision|idea)|overdue|should(?:n'?t)?\s+(?:have|be)"
    r"|(?:so\s+)?much\s+(?:better|worse)\s+than|trust\s+me|if\s+you\s+ask\s+me|I'?ll\s+say\s+(?:it|this)|change\s+my\s+mind|unpopular\s+opinion|for\s+what\s+it'?s\s+worth|fwiw|needs?\s+to\s+go|should(?:n'?t)?\s+(?:just\s+|really\s+)?(?:bring|stop|start|fix|change|listen|invest|fund|cut|build|scrap|drop|reverse|rethink|get\s+rid|go\s+back|keep|add)|(?:right|perfect|good)\s+balance|(?:love|hate)\s+the\s+new\b|give\s+it\s+a\s+chance|(?:the\s+)?(?:best|worst)\s+(?:place|city|town|decision|idea|thing)\s+(?:in|to|for|the|that|this)\b|finally\s+some\s+good\s+news|needs?\s+to\s+(?:bring|stop|start|fix|change|listen|step|invest|fund|cut|build|scrap|drop|reverse|rethink)|game[-\s]?changer|(?:love|like|hate)\s+the\s+direction|(?:the\s+)?(?:right|wrong)\s+direction|(?:huge|big)\s+(?:win|improvement|mistake|upgrade)|about\s+time|should\s+just|so\s+ready\s+for|proud\s+supporter\s+of|my\s+take|(?:totally|completely|perfectly|more\s+than)\s+fair|personally|I'?d\s+love\s+to\s+see|proud\s+of\s+(?:how|what)|I\s+(?:fully\s+|totally\s+|strongly\s+|100%\s+)?(?:support|oppose)|way\s+(?:easier|better|worse|harder)|(?:the\s+)?new\s+(?:[\w'’-]+\s+){1,4}(?:is|are|was|looks?)\s+(?:so\s+|way\s+|a\s+|such\s+a\s+|absolutely\s+|really\s+)?(?:gorgeous|great|amazing|awesome|beautiful|lovely|fantastic|perfect|ugly|terrible|awful|brutal|nice|stunning|gross))\b",
    re.IGNORECASE,
)
# The author's own life on an official profile ("congrats to my cousin Kyle").
PERSONAL_LIFE = re.compile(
    r"\b(?:my|our)\s+(?:coworker|co-worker|colleague)(?:'s|’s)\s+(?:kid|son|daughter|wife|husband|family)\b|\bmy\s+(?:buddy|pal|bff|friends?|neighbou?rs?|roommate|cousin|wife|husband|partner|kids?|son|daughter|mom|dad|mother|father|brother|sister|grandma|grandpa|nephew|niece|family|dog|cat|boyfriend|girlfriend|fianc[ée]e?|bestie|best\s+friend|birthday|wedding|vacation|band)\b",
    re.IGNORECASE,
)
OWN_PARTNER = re.compile(r"\bmy\s+(?:husband|wife|hubby|wifey|partner|boyfriend|girlfriend|bf|gf|fianc[ée]e?|spouse)\b", re.IGNORECASE)
# Addressing someone who did something: "To the idiot who parked on the hydrant".
ADDRESSED = re.compile(r"\bto\s+(?:the|whoever|that|this)\s+(?:\w+\s+){0,2}(?:who|that)\b|\bwhoever\s+(?:keeps|left|parked|took|stole|did)\b", re.IGNORECASE)
OWN_PICTURE = re.compile(r"\b(?:my|our)\s+(?:own\s+)?(?:\w+\s+)?(?:photos?|pics?|pictures?|headshots?|selfies?|images?|portraits?|face)\b", re.IGNORECASE)
LAUGHING = re.compile(r"😂|🤣|😆|🐷|🐖|🤡|\b(?:lol|lmao|rofl|haha\w*|improvement|upgrade)\b", re.IGNORECASE)
VULGAR_GESTURE = re.compile("\U0001F595")
# Encouraging people to vote without naming a side.
NONPARTISAN_VOTE = re.compile(
    r"\b(?:whoever|whatever|no\s+matter\s+who)\s+(?:you(?:'re|’re|\s+are)\s+)?(?:backing|supporting|vote\s+for|voting\s+for|pick|choose)\b"
    r"|\b(?:whoever|no\s+matter\s+who)\s+(?:wins|gets\s+in|gets\s+elected)\b"
    r"|\bvote\s+for\s+(?:whoever|whomever|anyone)\s+you\s+(?:like|want|choose|support|prefer)\b"
    r"|\b(?:just|please|go|make\s+sure\s+(?:you|to))\s+(?:get\s+out\s+(?:and|to)\s+)?vote\b(?!\s+(?:for|against|yes|no))",
    re.IGNORECASE,
)
# Selling one's own things ("selling my old sectional, $80 OBO").
PERSONAL_SALE = re.compile(
    r"\bselling\s+(?:my|our|the\s+kids['’]?|my\s+kids['’]?)\s+(?:\w+['’]s\s+)?(?:old|used|spare|extra|gently\s+used)?\b|\bOBO\b|\b(?:barely|gently|lightly|hardly)\s+used\b|\b(?:kids?|we|they)\s+outgrew\b|\bselling\s+(?:them\s+|it\s+)?(?:at|for)\s+(?:face\s+value|what\s+I\s+paid|cost)\b|\b(?:yard|garage|moving|estate)\s+sale\b|\bfree\s+to\s+(?:a\s+)?good\s+home\b",
    re.IGNORECASE,
)
ART = re.compile(r"\b(?:galler(?:y|ies)|museum|sculptures?|paintings?|statues?|figure\s+(?:study|studies|drawing)|life\s+drawing|renaissance|classical\s+art|art\s+(?:class|show|history|exhibit\w*))\b", re.IGNORECASE)
LITERAL_EMOJI_CONTEXT = re.compile(
    r"\b(?:swim\w*|pool|lake|beach|splash\w*|spray\s+park|rain\w*|sprinkler|water\w*|hose|sweat\w*|workout|gym|heat|humid\w*|peach(?:es)?|eggplants?|garden\w*|farm\w*|market|recipe|pie|cobbler|harvest)\b",
    re.IGNORECASE,
)
PORN_WORDS = re.compile(r"porn|xxx|onlyfans|nsfw|not\s+safe\s+for\s+work|nudes?|explicit|erotic|🔞", re.IGNORECASE)
# Slurs degrade a protected group on their own.
SLURS = re.compile(r"\b(?:cripples?|r[e3*]?t[a@4*]rds?|f[a@]gg?ots?|n[i1]gg(?:er|a)s?|tr[a@]nn(?:y|ies)|sp[i1]cs?|ch[i1]nks?|k[i1]kes?|wetbacks?|towel-?heads?|rag-?heads?)\b", re.IGNORECASE)
# With an insult, "this absolute whale on the waterslide" points at a person.
PERSON_REF = re.compile(r"@\w|\b(?:sir|ma'?am)\b|\b(?:look\s+at|this|that)\s+(?:absolute|total|complete)\b|\b(?:you|ya|u|he|she|him|her|girl|girls|guy|lady|ladies|woman|women|intern|receptionist|coworker|colleague|new\s+(?:girl|guy|hire|intern|receptionist|lady|coworker|co-worker|colleague|manager|boss|supervisor|clerk|temp|student|dispatcher|driver|operator|planner|engineer|inspector|lifeguard|instructor|coordinator|assistant|neighbou?r|tenant|roommate|foreman|trainee))\b", re.IGNORECASE)
# Words saying the author is talking about their job.
WORK_REF = re.compile(
    r"\b(?:work(?:s|ed|ing)?|job|employ\w*|payroll|staff|crew|department|dept|shift|colleagues?|co-?workers?|boss|manager|office|desk|city\s+hall|the\s+city|city\s+of|union|role|position)\b",
    re.IGNORECASE,
)
# A City topic that only names the author's unit: "the best crew in Public Works" (before
# it), "on the paving crew", "in the parks department" (after it).
JOB_BEFORE = re.compile(r"\b(?:crew|team|folks|gang|guys|everyone|colleagues|coworkers|co-workers)\s+(?:in|at|from|of)\s+(?:the\s+)?$", re.IGNORECASE)
JOB_AFTER = re.compile(r"^\s*(?:crew|team|department|dept|division|staff|shop|yard|office|unit|section)\b", re.IGNORECASE)
# A threat word aimed at a thing is venting: "I'm going to strangle this printer".
THREAT_AT_THING = re.compile(
    r"^\s*(?:me|us|myself|my\s+(?:brother|sister|husband|wife|kids?|son|daughter|mom|dad|roommate|dog|cat)\b|in\s+the\s+(?:first|second|third|final|next)\b|in\s+the\s+(?:playoffs?|clutch|finals?)\b|(?:this|that|the|my|our)\s+(?:\w+\s+)?(?:printer|computer|laptop|pc|phone|keyboard|mouse|monitor|screen|copier|fax|car|truck|alarm|clock|router|wifi|internet|email|inbox|spreadsheet|excel|toaster|microwave|lawnmower|mower|snowblower|machine|app|software|website|traffic|weather|snow|rain|wind|pothole|parking\s+meter|meter|vending\s+machine|coffee\s+maker|kettle|zipper|jar|ikea\s+\w+|furniture|plate|bowl|pizza|burgers?|wings|buffet|fries|poutine|chowder|lobster|fish|dessert|cake|meal|sandwich|nachos|donuts?|project|report|paperwork|form|deadline|cold|headache|mosquito(?:e?s)?|wasps?|raccoons?|seagulls?|squirrels?))\b",
    re.IGNORECASE,
)
# city_negativity's label for a sentence flagged only by a sarcasm cue.
MOCKERY = "mockery"
# Words saying a document is public: a "draft budget" posted online is not internal.
PUBLISHED = re.compile(
    r"\b(?:online|on\s+(?:the\s+)?(?:city(?:'s|’s)?\s+)?(?:website|site)|published|publicly|public\s+(?:input|comment|consultation|hearing))\b",
    re.IGNORECASE,
)
# Rules about what a post tells readers (claims, news, City business): a plain question
# ("does anyone know when the pool reopens?") tells nothing, so their classifier findings
# skip it. A question that carries a claim ("is it true that…", "I heard…") is not plain.
QUESTION_SAFE = frozenset(
    {"mi.false", "sj.fact-check", "mi.illegal", "mi.official-approval", "mi.crisis", "sj.city-business", "mi.speak-for-city", "sj.speak-for-city", "mi.confidential", "mi.work-info", "mi.advertising"}
)
PLAIN_QUESTION = re.compile(
    r"^\W*(?:(?:does|do|did|has|have)\s+(?:any\s*(?:one|body)|someone|somebody|you\s+guys)\s+(?:know|have|heard\s+(?:when|if|whether|where|what))"
    r"|any\s*(?:one|body)\s+(?:know|have|got|heard\s+(?:when|if|whether|where|what)|recommend|lose|lost|find|found|see|seen|missing)|any\s+(?:idea|word|update|rec)s?\b"
    r"|(?:can|could)\s+(?:any\s*(?:one|body)|someone|you\s+guys)\s+recommend|recommendations?\s+(?:for|on)\b"
    r"|does\s+the\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}\s+(?:sell|have|offer|take|do|open|close|run|allow)\b"
    r"|(?:is|are)\s+there\b|(?:when|where|what\s+time|how)\s+(?:is|are|does|do|can|will|should|would)\b|does\s+the\s+city\s+(?:have|offer|know)\b)"
    r"(?![^?]*\b(?:true|heard\s+that|rumou?r|supposedly|apparently)\b)[^?]*\?+\W*$",
    re.IGNORECASE,
)
# Rules whose classifier findings give way when the draft relays the City's own content or
# points people to the City's channels.
RELAY_SAFE = frozenset(
    {"mi.official-approval", "sj.logo", "mi.logo", "sj.city-assets", "sj.city-business", "mi.confidential", "mi.work-info", "sj.fact-check", "mi.false", "sj.disrespect", "mi.reputation",
     "sj.speak-for-city", "mi.speak-for-city", "sj.disclaimer", "mi.self-identify"}
)
# A date or season in a claim: residents act on "leaf pickup is Oct 14 this year".
DATED = re.compile(
    r"\b(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|\b(?:in|by|until|till|from|starting|starts?)\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)\b|\b(?:this|next)\s+(?:year|fall|spring|summer|winter|month|week)\b",
    re.IGNORECASE,
)
# The city's bare name: a place, not City business.
BARE_PLACE = re.compile(r"(?:saint|st\.?)\s+john|mission", re.IGNORECASE)
# Public-service words an official notice may carry without naming a City service:
# "Fog's rolling in ☁️ Drive safe and slow down in school zones. #SaintJohn".
CIVIC_NOTICE = re.compile(
    r"#(?:saint\s*john|sj|sjnb|mission|missionbc)\b|\b(?:drive\s+safe(?:ly)?|school\s+zones?|residents?|roads?|crews?|detours?|closures?|schedules?)\b"
    # Community events an official profile promotes: "Lovely day at the farmers market this weekend!"
    r"|\b(?:farmers['’]?\s+market|festival|parade|fireworks|concerts?|fair|celebrations?|community\s+events?)\b",
    re.IGNORECASE,
)
# A place said to be closed for a while: "Harbour Passage is closed til September".
CLOSURE = re.compile(
    r"\b(?:closed|closing|shut(?:\s+down)?)\s+(?:til|till|until|for\s+the|all|through|this|next|again)\b"
    r"|\bgetting\s+(?:extended|expanded|built|torn\s+down|replaced|renamed|sold|closed|paved|rebuilt|demolished)\b",
    re.IGNORECASE,
)
CLAIM = re.compile(
    r"\d|\bpercent\b|\b(?:more|less|fewer|higher|lower|bigger|cheaper)\s+than\b|\b(?:first|only|biggest|largest|highest|lowest|most|record|oldest|newest)\b"
    r"|\b(?:cut|cuts|cutting|raised|raising|raise|approved|approves|voted|cancel(?:l)?ed|closed|closing|banned|banning|laid\s+off|fired|hired|sold|selling|bought|spent|spending|planted|increase[sd]?|going\s+up|doubled|tripled|eliminat\w+|scrap(?:s|ped|ping)?|ax(?:e|ed|es|ing)|extended|expanded|demolish\w*|torn\s+down|tearing\s+down|waiv\w+|starts?|getting\s+rid\s+of|shut(?:ting)?\s+down"
    r"|(?:is|are)\s+(?:now\s+|totally\s+|completely\s+)?free|lifted|reopen\w*|resum\w*|(?:the\s+)?city\s+(?:confirmed|said|says|announced)|stopp(?:ed|ing)|cancel(?:l)?ing|clos(?:ing|es)\s+for\s+good|no\s+longer|(?:is|are)n'?t\s+(?:opening|happening|running)|(?:don'?t|doesn'?t)\s+need\s+(?:a\s+)?(?:permit|licen[cs]e)|moves?\s+to|starting)\b",
    re.IGNORECASE,
)


def _is_weak_insult(d: Detection) -> bool:
    return d.text.lower() in WEAK_INSULTS or d.text.lower().startswith("bunch of")


def _quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def classifier_hits(
    ctx: OrgContext, rule: str, message: str, suggestion: str | Callable[[Sentence], str], max_hits: int = 2
) -> list[Hit]:
    """A finding per unit (sentence, or the whole draft) the classifier scores over the
    rule's review threshold; "violation" only over its violation threshold."""
    if rule in RELAY_SAFE and relays_city_content(ctx):
        return []
    hits = []
    for s, p in sorted(ctx.sentences_over(rule), key=lambda sp: -sp[1])[:max_hits]:
        if rule in DISCLAIMER_SAFE and ctx.a.in_sentence(s, "disclaimer"):
            continue  # "my views are my own, not the City's" talks about the City and the job, and is what the rule asks for
        if rule in QUESTION_SAFE and _only_asks(ctx, s):
            continue
        sev = ctx.severity_for(rule, p)
        if sev is None:
            continue
        sugg = suggestion(s) if callable(suggestion) else suggestion
        hits.append(Hit(rule, sev, ctx.span(s), message, sugg, by_classifier=True))
    return hits


def _only_asks(ctx: OrgContext, s: Sentence) -> bool:
    """The unit is a plain question, or part of a draft that only asks: plain questions
    plus chatter with no claim and nothing of the City ("couldn't find it anywhere lol")."""
    if s is not ctx.a.whole and PLAIN_QUESTION.search(s.text):
        return True
    asks = [t for t in ctx.a.sentences if PLAIN_QUESTION.search(t.text)]
    if not asks:
        return False
    rest = [t for t in ctx.a.sentences if t not in asks]
    return not any(CLAIM.search(t.text) or _city_targets(ctx, t) for t in rest)


def relays_city_content(ctx: OrgContext) -> bool:
    """The draft passes on what the City itself published ("Sharing from the City: ...")
    or points people to the City's own channels ("try calling 658-CITY"): what the
    policies ask staff to do instead of answering for the City. A link to the City's site
    alone is not enough ("before it goes live on mission.ca")."""
    return bool(ctx.dets("city_source", "city_referral"))


def _internal_docs(ctx: OrgContext) -> list[Detection]:
    """Mentions of work documents, except in a sentence saying the document is public
    ("the City's draft budget online")."""
    return _unpublished(ctx, ctx.a.dets("work_doc"))


def _unpublished(ctx: OrgContext, found: list[Detection]) -> list[Detection]:
    """Drop document mentions (work documents, "draft budget") in a sentence saying the
    document is public."""
    out = []
    for d in found:
        s = ctx.sentence_of(d)
        document = d.kind == "work_doc" or d.text.lower().startswith("draft")
        on_city_site = s is not None and any(x.has(f"city:{ctx.org}") for x in ctx.a.in_sentence(s, "url"))
        if not (document and s and (PUBLISHED.search(s.text) or on_city_site)):
            out.append(d)
    return out


def _city_targets(ctx: OrgContext, s: Sentence) -> list[Detection]:
    return ctx.a.in_sentence(s, "city_target", "city_proper", "city_topic")


def _negative_about_city(ctx: OrgContext, quoted: list[Sentence]) -> bool:
    """Quoted lines that run the City down: together they name the City, one of its
    services or its handle, and are insulting, critical, shouting or plainly negative."""
    if not quoted:
        return False
    names_city = any(
        _city_targets(ctx, s) or any(d.has("city") for d in ctx.a.in_sentence(s, "mention")) or re.search(r"\bcity\b", s.text, re.I)
        for s in quoted
    )
    negative = any(
        ctx.a.in_sentence(s, "insult", "critical", "mockery") or s.sentiment <= -0.3 or re.search(r"\b[A-Z]{4,}\b", s.text)
        or max(ctx.p("sj.disrespect", s), ctx.p("mi.reputation", s)) >= 0.5
        for s in quoted
    )
    return bool(names_city and negative)


def city_negativity(ctx: OrgContext) -> list[tuple[Sentence, Severity, str]]:
    """Sentences that put down the City, its staff or officials: an insult, profanity,
    criticism or strongly negative sentiment in a sentence naming a City target."""
    out: list[tuple[Sentence, Severity, str]] = []
    if not ctx.semantic:
        return out
    for s in ctx.a.sentences:
        if s.quoted:
            continue
        insults = ctx.a.in_sentence(s, "insult")
        strong = [d for d in insults if not _is_weak_insult(d) or d.text.lower().startswith("bunch of")]
        if not _city_targets(ctx, s):
            # "Council voted again. Bunch of clowns, every one of them.": a strong insult
            # right after a sentence naming the target points at it.
            prev = ctx.a.sentences[s.index - 1] if s.index > 0 else None
            mocking = bool(ctx.a.in_sentence(s, "mockery"))
            if not ((strong or mocking) and prev is not None and _city_targets(ctx, prev)):
                continue
        swear = [w for w in ctx.a.profane_words if w[3] and s.start <= w[0] < s.end]
        critical = ctx.a.in_sentence(s, "critical")
        mockery = ctx.a.in_sentence(s, "mockery")
        only_topic = not ctx.a.in_sentence(s, "city_target", "city_proper")
        if strong or (swear and not only_topic):
            out.append((s, "violation", strong[0].text if strong else swear[0][2]))
        elif insults and s.sentiment <= -0.3:
            out.append((s, "violation", insults[0].text))
        elif insults or critical or s.sentiment <= -0.6:
            out.append((s, "review", (insults or critical)[0].text if (insults or critical) else "negative tone"))
        elif mockery:
            out.append((s, "review", MOCKERY))
    return out


# --- Saint John (a): always -------------------------------------------------------------


def _threat_hits(ctx: OrgContext, rule: str, message: str, suggestion: str) -> list[Hit]:
    hits = []
    for d in ctx.dets("threat"):
        if THREAT_AT_THING.match(ctx.a.base.original[d.end:d.end + 60]):
            continue
        strong = bool(STRONG_THREAT.search(d.text))
        s = ctx.sentence_of(d)
        p = ctx.p(rule, s)
        if strong or p >= ctx.th(rule).review:
            hits.append(Hit(rule, "violation", ctx.span(s) if s else ctx.span(d), message, suggestion))
        else:
            hits.append(Hit(rule, "review", ctx.span(d), message, suggestion))
    return hits


def sj_criminal(ctx: OrgContext) -> list[Hit]:
    msg = "This reads as a threat, intimidation, impersonation or other content that could be criminal (threats, harassment, false or defamatory claims, sharing private images)."
    sugg = "Don't post this. If someone's conduct worries you, report it to your manager or Human Resources (or the police if anyone is in danger)."
    hits = _threat_hits(ctx, "sj.criminal", msg, sugg)
    for d in ctx.dets("impersonation"):
        hits.append(Hit("sj.criminal", "violation", ctx.span(d), "Impersonating the City or its officials (a fake page or fake announcements) can be identity fraud or a false communication.", "Don't create or post as a fake City account; delete the page."))
    return hits + classifier_hits(ctx, "sj.criminal", msg, sugg)


def _sexual_cue_hits(ctx: OrgContext, rule: str, msg: str, sugg: str) -> list[Hit]:
    hits = []
    for s in ctx.a.sentences if ctx.semantic else []:
        emoji = ctx.a.in_sentence(s, "sexual_emoji")
        words = ctx.a.in_sentence(s, "sexual")
        if emoji and not words and LITERAL_EMOJI_CONTEXT.search(s.text):
            emoji = []  # 💦 at the lake, 🍑 at the market: the emoji means what it shows
        if not (emoji or words):
            continue
        mentioned = bool(ctx.a.in_sentence(s, "mention"))
        person = bool(PERSON_REF.search(s.text)) or mentioned
        if OWN_PARTNER.search(s.text) and not mentioned:
            continue  # "my husband looks way too good in his firefighter gear 🔥😍": one's own partner
        request = bool(re.search(r"\bsend\s+(?:me\s+)?(?:a\s+)?(?:pic|pics|photo|nudes)|\brate\s+(?:it|them|you)|\bpic\s+of\s+(?:ur|your)", s.text, re.I))
        p = ctx.p_near(rule, s)
        if person and (request or (emoji and mentioned) or (words and p >= 0.5)):
            # aimed at a named or addressed person, or asking for images: clear harassment
            hits.append(Hit(rule, "violation", ctx.span(s), msg, sugg))
        elif person and (emoji or (words and p >= 0.25)):
            hits.append(Hit(rule, "review", ctx.span(s), msg, sugg))
    return hits


def sj_sexual(ctx: OrgContext) -> list[Hit]:
    msg = "This reads as a sexual comment or advance aimed at a person, which the policy treats as sexual harassment."
    sugg = "Delete this post. Comments about a colleague's body, looks or sex life have no place on social media."
    # Sexual harassment is aimed at someone else: a compliment to one's own spouse, with no
    # one tagged, is not (the classifier alone scored "my husband looks way too good" 0.84).
    aimed = [
        h for h in classifier_hits(ctx, "sj.sexual-harassment", msg, sugg)
        if not (OWN_PARTNER.search(ctx.a.excerpt(h.span)) and not ctx.a.dets("mention"))
    ]
    return _sexual_cue_hits(ctx, "sj.sexual-harassment", msg, sugg) + aimed


def sj_cyberbullying(ctx: OrgContext) -> list[Hit]:
    msg = "This mocks, intimidates or spreads rumours about a person, which the policy defines as cyber-bullying."
    sugg = "Don't post this. Leave the person out of it; if there is a real problem, raise it with your manager."
    hits = []
    # "pass it on" under the City's own post spreads the City's word, not gossip.
    gossip = [] if relays_city_content(ctx) else ctx.dets("gossip")
    if gossip:
        s = ctx.sentence_of(gossip[0])
        if s:
            sure = len(gossip) >= 2 or ctx.p_near("sj.cyberbullying", s) >= 0.3
            hits.append(Hit("sj.cyberbullying", "violation" if sure else "review", ctx.span(s), "This spreads a rumour or gossip about a person, which the policy defines as cyber-bullying.", sugg))
    for d in ctx.dets("altered_image"):
        s = ctx.sentence_of(d)
        if s and PERSON_REF.search(s.text) and not OWN_PICTURE.search(d.text):
            mocking = bool(LAUGHING.search(s.text) or ctx.a.in_sentence(s, "mockery", "insult"))
            hits.append(Hit("sj.cyberbullying", "violation" if mocking else "review", ctx.span(s), "This alters a picture of a person, which the policy defines as cyber-bullying.", sugg))
            break
    for d in ctx.dets("exposure")[:1]:
        s = ctx.sentence_of(d)
        hits.append(Hit("sj.cyberbullying", "violation", ctx.span(s) if s else ctx.span(d), msg, sugg))
    for s in ctx.a.sentences if ctx.semantic else []:
        insults = ctx.a.in_sentence(s, "insult")
        if insults and (PERSON_REF.search(s.text) or ctx.a.in_sentence(s, "mention")):
            p = ctx.p_near("sj.cyberbullying", s)
            if p >= 0.3:
                hits.append(Hit("sj.cyberbullying", "violation" if p >= 0.45 else "review", ctx.span(s), msg, sugg))
    return hits + classifier_hits(ctx, "sj.cyberbullying", msg, sugg)


def _hate_hits(ctx: OrgContext, rule: str, msg: str, sugg: str) -> list[Hit]:
    """A protected group and exclusionary or degrading language, in one sentence or two
    neighbouring ones ("Muslims praying in the square. It should be banned.")."""
    hits = []
    for s in ctx.a.sentences if ctx.semantic else []:
        if SLURS.search(s.folded) or SLURS.search(s.text):
            hits.append(Hit(rule, "violation", ctx.span(s), msg, sugg))
            continue
        if ctx.a.in_sentence(s, "discrimination"):
            hits.append(Hit(rule, "violation", ctx.span(s), msg, sugg))
            continue
        groups = ctx.a.in_sentence(s, "hate_group")
        if not groups:
            continue
        exclusion = ctx.around(s, "hate_exclusion")
        if exclusion:
            hits.append(Hit(rule, "violation", ctx.span(s), msg, sugg))
    return hits


def sj_hateful(ctx: OrgContext) -> list[Hit]:
    msg = "This degrades or excludes people for a protected ground (race, religion, gender, disability, orientation, age...)."
    sugg = "Don't post this. Content that demeans or excludes a group of people is prohibited for every post."
    return _hate_hits(ctx, "sj.hateful", msg, sugg) + classifier_hits(ctx, "sj.hateful", msg, sugg)


# --- Saint John (b): posts about City business -------------------------------------------


def _claim_sentences(ctx: OrgContext) -> list[Sentence]:
    """Sentences stating a checkable fact about the City: a City subject with a figure, a
    comparison or a decision verb ("Council voted...", "the City cut...")."""
    out = []
    for s in ctx.a.sentences if ctx.semantic else []:
        rumour = bool(ctx.around(s, "rumor_cue"))
        place = bool(ctx.a.in_sentence(s, "named_facility")) and (rumour or bool(CLOSURE.search(s.text)))
        # The city's bare name is a place, not City business: "Fog rolled in at 3pm, classic Saint John".
        civic = [d for d in ctx.a.in_sentence(s, "city_proper", "city_target", "city_topic") if not BARE_PLACE.fullmatch(d.text)]
        if not civic and not place:
            continue
        # A question checks a fact rather than stating one, unless it passes on a rumour
        # ("Heard the rink is closing for good??").
        if s.text.rstrip().endswith("?") and not re.search(r"\d", s.text) and not rumour:
            continue
        if ctx.a.in_sentence(s, "disclaimer"):
            continue  # "not speaking for the City, just a guy who's worked sewers 15 yrs"
        # "5 years with the City today": the only figure is the author's own tenure.
        own = [(d.start - s.start, d.end - s.start) for d in ctx.a.in_sentence(s, "self_id")]
        if any(not any(a <= m.start() and m.end() <= b for a, b in own) for m in CLAIM.finditer(s.text)):
            out.append(s)
    return out


def sj_fact_check(ctx: OrgContext) -> list[Hit]:
    msg = "This states a fact about City business (a decision, figure or date) that must be accurate."

    def sugg(s: Sentence) -> str:
        return f"Check “{_quote(s.text, 60)}” against an official City source (council minutes, saintjohn.ca) before posting, or link to that source."

    hits: list[Hit] = []
    # A claim relayed from the City, or linked to the City's own site, already names its
    # official source: what the suggestion would ask for.
    if relays_city_content(ctx) or any(d.has(f"city:{ctx.org}") for d in ctx.dets("url")):
        return hits
    for s in _claim_sentences(ctx):
        p = max(ctx.p("sj.fact-check", s), ctx.p("mi.false", s))
        rumor = ctx.around(s, "rumor_cue")
        # A dated change to a City service ("leaf pickup is Oct 14 this year, not the 21st")
        # is exactly what residents act on: a weaker score suffices.
        if p >= 0.3 or rumor or (p >= 0.15 and DATED.search(s.text)):
            hits.append(Hit("sj.fact-check", "review", ctx.span(s), msg, sugg(s)))
    return hits + classifier_hits(ctx, "sj.fact-check", msg, sugg)


def _negativity_hits(
    ctx: OrgContext, rule: str, message: str, suggestion: Callable[[str], str], classifier_needs_city: bool = False
) -> list[Hit]:
    hits: list[Hit] = []
    seen: set[int] = set()
    for s, sev, what in city_negativity(ctx):
        p = ctx.p_near(rule, s)
        if sev == "review" and p >= ctx.th(rule).review:
            sev = "violation"
        # Sarcasm reads as positive to sentiment and classifier alike; the cue decides.
        if sev == "review" and p < 0.15 and s.sentiment > -0.3 and what != MOCKERY:
            continue  # a critical word near "council" is not enough unless the tone or classifier agree
        hits.append(Hit(rule, sev, ctx.span(s), message, suggestion(s.text)))
        seen.add(s.index)
    if classifier_needs_city and not pertains_to_city_business(ctx):
        return hits
    if rule in RELAY_SAFE and relays_city_content(ctx):
        return hits
    for s, p in ctx.sentences_over(rule):
        if s.index in seen:
            continue
        if ctx.a.in_sentence(s, "disclaimer") and not ctx.a.in_sentence(s, "insult", "critical", "mockery"):
            continue  # "views are my own, not the City's" names the City and the job, and harms neither
        sev = ctx.severity_for(rule, p)
        if sev:
            hits.append(Hit(rule, sev, ctx.span(s), message, suggestion(s.text)))
    return hits


def _attacks_on_people(ctx: OrgContext, rule: str, message: str, suggestion: str) -> list[Hit]:
    """Threats, mockery and gossip aimed at a person are also disrespect toward them."""
    attacks = _threat_hits(ctx, rule, message, suggestion) + sj_cyberbullying(ctx)
    return [Hit(rule, h.severity, h.span, message, suggestion, h.by_classifier) for h in attacks]


def sj_disrespect(ctx: OrgContext) -> list[Hit]:
    msg = "This is a disrespectful or critical comment about the City, its employees, elected officials or another person."
    hits = _negativity_hits(
        ctx, "sj.disrespect", msg,
        lambda t: f"Remove “{_quote(t, 60)}”. Raise concerns about City business through your manager or the proper channel, not on social media.",
    )
    return hits + _attacks_on_people(ctx, "sj.disrespect", msg, "Don't post this; raise concerns about a person's conduct with your manager, not on social media.")


def sj_respond_negative(ctx: OrgContext) -> list[Hit]:
    msg = "This replies to other people's negative or critical remarks about the City, its employees or elected officials."
    sugg = "Don't reply to the negative comments; report them to your manager (or Human Resources) and let Corporate Communications respond."
    if not ctx.semantic:
        return []
    # The classifier cannot tell a reply from a plain complaint; it counts only when the
    # draft reads as a reply (a mention, "you're right", "to everyone complaining...").
    replying = bool(ctx.a.dets("reply_cue", "negative_reply_cue", "mention", "defence"))
    # A warm reply ("@CityofSaintJohn thanks for the quick fix!") answers nothing negative.
    warm = ctx.a.whole_sentiment() >= 0.3 and not ctx.a.dets("insult", "critical", "negative_reply_cue", "defence", "correction_cue", "mockery")
    hits = classifier_hits(ctx, "sj.respond-negative", msg, sugg) if replying and not warm else []
    # Answering people who run the City down ("to everyone trashing the Parks dept..."),
    # whether agreeing or defending, is what (b)(iii) forbids.
    for d in ctx.a.dets("negative_reply_cue"):
        s = ctx.sentence_of(d)
        if s and (ctx.around(s, "city_target", "city_proper", "city_topic") or ctx.p_near("sj.respond-negative", s) >= 0.4):
            hits.append(Hit("sj.respond-negative", "violation", ctx.span(s), msg, sugg))
    # Quoting a negative remark about the City and answering it, whatever the answer.
    own = [s for s in ctx.a.sentences if not s.quoted]
    if own and _negative_about_city(ctx, [q for q in ctx.a.sentences if q.quoted]):
        hits.append(Hit("sj.respond-negative", "violation", (own[0].start, own[-1].end), msg, sugg))
    # Defending City staff ("the crews are doing their best") answers someone's complaint.
    for d in ctx.a.dets("defence"):
        s = ctx.sentence_of(d)
        if s and ctx.around(s, "city_target", "city_proper", "city_topic", "reply_cue", "mention"):
            hits.append(Hit("sj.respond-negative", "review", ctx.span(s), msg, sugg))
    if not ctx.a.dets("reply_cue"):
        return hits
    negative = {s.index: sev for s, sev, _ in city_negativity(ctx)}
    for s in ctx.a.sentences:
        replying = bool(ctx.around(s, "reply_cue"))
        if not replying:
            continue
        p = max(ctx.p_near("sj.respond-negative", s), ctx.p("sj.disrespect", s))
        if s.index in negative and p >= 0.15:
            hits.append(Hit("sj.respond-negative", "violation", ctx.span(s), msg, sugg))
        elif ctx.a.in_sentence(s, "correction_cue") and (_city_targets(ctx, s) or ctx.around(s, "reply_cue")) and ctx.around(s, "city_proper", "city_target", "city_topic"):
            hits.append(Hit("sj.respond-negative", "review", ctx.span(s), msg, sugg))
    return hits


def _logo_hits(ctx: OrgContext, rule: str) -> list[Hit]:
    msg = "This uses (or shows) the City's logo, crest or trademark on a personal account."
    sugg = f"Remove the {ctx.org_name} logo/crest from the post; personal accounts may not use the City's logos or trademarks without authorization."
    hits = []
    for d in ctx.dets("logo"):
        s = ctx.sentence_of(d)
        use = bool(s and ctx.a.in_sentence(s, "logo_use")) or d.text.startswith("[")
        p = ctx.p(rule, s)
        if d.text.lower().startswith("trademark") and p < ctx.th(rule).review:
            continue
        if use and (p >= 0.3 or d.text.startswith("[")):
            hits.append(Hit(rule, "violation", ctx.span(d), msg, sugg))
        elif use or p >= ctx.th(rule).review:
            hits.append(Hit(rule, "review", ctx.span(d), msg, sugg))
    if not hits:
        hits = classifier_hits(ctx, rule, msg, sugg, max_hits=1)
    return hits


def sj_logo(ctx: OrgContext) -> list[Hit]:
    return _logo_hits(ctx, "sj.logo")


def _speak_for_hits(ctx: OrgContext, rule: str, msg: str, sugg: str) -> list[Hit]:
    hits = []
    for d in ctx.dets("speak_for_city"):
        explicit = bool(re.search(r"behalf|speak|spokes|authori[sz]ed|we\s+at", d.text, re.I))
        s = ctx.sentence_of(d)
        p = ctx.p(rule, s)
        sev: Severity = "violation" if explicit or p >= 0.5 else "review"
        hits.append(Hit(rule, sev, ctx.span(d), msg, sugg))
    for d in ctx.dets("impersonation"):
        hits.append(Hit(rule, "violation", ctx.span(d), msg, sugg))
    return hits + classifier_hits(ctx, rule, msg, sugg, max_hits=1)


def sj_speak_for_city(ctx: OrgContext) -> list[Hit]:
    msg = "This states or implies that your personal account speaks on behalf of the City."
    sugg = "Remove the wording that presents this as the City speaking; official statements go out through Corporate Communications on the City's own accounts."
    hits = _speak_for_hits(ctx, "sj.speak-for-city", msg, sugg)
    announcing = bool(ctx.dets("official_cue", "speak_for_city")) or bool(_claim_sentences(ctx))
    for d in _own_news_release(ctx):
        hits.append(Hit("sj.speak-for-city", "violation" if announcing else "review", ctx.span(d), msg, sugg))
    return hits


def _own_news_release(ctx: OrgContext) -> list[Detection]:
    """News-release wording that is the author's own, not a citation of the City's release
    ("Per the City's news release, council approved…" relays it)."""
    sources = ctx.a.dets("city_source")
    return [d for d in ctx.dets("news_release") if not any(s.start <= d.start and d.end <= s.end for s in sources)]


def sj_city_business(ctx: OrgContext) -> list[Hit]:
    msg = "This conducts City business (requests, bookings, permits, accounts, tenders) from a personal account."
    sugg = "Don't handle City business here; point people to the City's official channels (saintjohn.ca, the service request line) instead."
    hits = []
    acts = ctx.dets("city_business_act")
    if ctx.a.dets("city_topic", "city_target", "city_proper", "named_facility"):
        acts += ctx.dets("service_offer")
    if acts:
        s = ctx.sentence_of(acts[0])
        p = ctx.p_near("sj.city-business", s)
        strong = len(acts) >= 2 or p >= 0.4
        hits.append(Hit("sj.city-business", "violation" if strong else "review", ctx.span(s) if s else ctx.span(acts[0]), msg, sugg))
    return hits + classifier_hits(ctx, "sj.city-business", msg, sugg, max_hits=1)


def _city_emails(ctx: OrgContext) -> list[Detection]:
    return [d for d in ctx.a.dets("email") if d.has(f"city:{ctx.org}")]


def sj_city_assets(ctx: OrgContext) -> list[Hit]:
    hits = []
    for d in _city_emails(ctx):
        shown = d.text if not d.has("obfuscated") else ctx.a.base.original[d.start:d.end]
        hits.append(Hit(
            "sj.city-assets", "violation", ctx.span(d),
            "A City email address may not be used on a personal social media account.",
            f"Remove the email address {shown}; give a personal contact or point people to the City's official contact page.",
        ))
    for d in ctx.a.dets("credential"):
        hits.append(Hit(
            "sj.city-assets", "violation", ctx.span(d),
            "This shares a password or log-in; City passwords may never appear on social media.",
            f"Remove “{_quote(d.text, 40)}” and change that password now.",
        ))
    for d in ctx.dets("password_reuse"):
        hits.append(Hit(
            "sj.city-assets", "violation", ctx.span(d),
            "This uses a City password for a personal social media account.",
            "Remove this, and give the personal account its own password; change the work password now.",
        ))
    for d in ctx.dets("asset_use"):
        hits.append(Hit(
            "sj.city-assets", "violation", ctx.span(d),
            "This describes using City property (vehicles, equipment, devices, cards) for personal purposes.",
            "Remove this, and don't use City assets for personal purposes; ask your manager if you're unsure what is allowed.",
        ))
    for d in _internal_docs(ctx) if ctx.semantic else []:
        s = ctx.sentence_of(d)
        sharing = bool(s and re.search(r"\b(?:here'?s|posting|sharing|attached|screenshot|leak|see\s+(?:how|what|where)|so\s+you\s+can)\b|\[", s.text, re.I))
        hits.append(Hit(
            "sj.city-assets", "violation" if sharing else "review", ctx.span(s) if s else ctx.span(d),
            "This shares an internal City document or data, which are City assets.",
            "Remove the internal document or screenshot; only information the City has published may be shared.",
        ))
    hits += [
        h for h in classifier_hits(
            ctx, "sj.city-assets",
            "This uses City assets (vehicles, equipment, accounts, documents, work devices) for personal purposes or on a personal account.",
            "Remove the reference to City assets and don't use City property for personal purposes.",
            max_hits=1,
        )
        if not _reads_published(ctx, h)
    ]
    return hits


def _reads_published(ctx: OrgContext, h: Hit) -> bool:
    """The finding's text is about reading something the City published ("the draft
    budget online"), with no sign of a leak."""
    text = ctx.a.excerpt(h.span)
    return bool(PUBLISHED.search(text)) and not re.search(r"leak|screenshot|internal|confidential|not\s+(?:yet\s+)?public", text, re.I)


def _disclaimer_text(ctx: OrgContext) -> str:
    return f"Views are my own and do not represent the {ctx.org_name}."


def _disclaimer_info(ctx: OrgContext, rule: str) -> list[Hit]:
    d = ctx.a.dets("disclaimer")[0]
    return [Hit(rule, "info", ctx.span(d), "Good: the post says the views are your own.", "Keep the disclaimer in the post.")]


def _self_identified_without_disclaimer(ctx: OrgContext, rule: str, msg: str, needs_business: bool = False) -> list[Hit]:
    """Shared by both policies' disclaimer rules: an employee who says where they work must
    say the views are their own. With `needs_business` (Saint John's b.viii asks for the
    disclaimer when the employee "comments on City business"; Mission's 3.iv.d for the
    opinions and content they publish), saying where one works is not enough by itself: a
    work anniversary needs no disclaimer. An opinion or City business besides the job does."""
    self_ids = ctx.a.dets("self_id")
    if ctx.a.dets("disclaimer"):
        return _disclaimer_info(ctx, rule) if self_ids else []
    sugg = f"Add a disclaimer sentence: “{_disclaimer_text(ctx)}”"
    if needs_business and not (_business_beyond_job(ctx, self_ids) or OPINION.search(ctx.a.base.text)):
        return []
    hits = [Hit(rule, "review", ctx.span(d), msg, sugg) for d in self_ids][:1]
    if not hits:
        # The classifier alone only counts where the author talks about themselves and
        # their work: "I hope I'm wrong" about provincial rules identifies no employer.
        hits = [
            h for h in classifier_hits(ctx, rule, msg, sugg, max_hits=1)
            if FIRST_PERSON.search(text := ctx.a.base.original[h.span[0]:h.span[1]]) and WORK_REF.search(text)
        ]
    return hits


def _business_beyond_job(ctx: OrgContext, self_ids: list[Detection]) -> bool:
    """City business in the draft other than the author's own job: "25 years with the City
    of Saint John, started on the paving crew" names the City and paving only to say where
    the author works."""
    original = ctx.a.base.original
    for d in ctx.a.dets("city_topic", "city_target", "work_info"):
        if any(d.start < x.end and x.start < d.end for x in self_ids):
            continue
        if d.kind == "city_topic" and (JOB_AFTER.match(original[d.end:d.end + 30]) or JOB_BEFORE.search(original[max(0, d.start - 30):d.start])):
            continue
        # The people one works with are the job too: "thank you to my coworkers", "10 years
        # with the City's finance team".
        if d.kind == "city_target" and (
            re.match(r"(?:my|our)\s", d.text, re.IGNORECASE)
            or (re.search(r"\b(?:team|crew|department|dept|staff|office|division)$", d.text, re.IGNORECASE) and any(0 <= d.start - x.end <= 80 for x in self_ids))
        ):
            continue
        return True
    return False


def sj_disclaimer(ctx: OrgContext) -> list[Hit]:
    return _self_identified_without_disclaimer(
        ctx,
        "sj.disclaimer",
        "You identify yourself as a City employee while commenting on City business, without saying the views are your own.",
        needs_business=True,
    )


# --- Saint John: official accounts -------------------------------------------------------


def sj_official_consistency(ctx: OrgContext) -> list[Hit]:
    msg = "An official post must be clear, focused and on-brand; this one reads as unclear, informal or off-topic."
    sugg = "Rewrite in the City's voice: say what is happening, where and when, in plain sentences, and link to saintjohn.ca for details."
    hits = classifier_hits(ctx, "sj.official-consistency", msg, sugg, max_hits=1)
    if not hits and not ctx.a.dets("city_topic", "city_target", "city_proper", "crisis"):
        p, unit = ctx.a.max_prob("mi.off-topic")  # an off-topic official post is not "focused"
        if unit is not None and p >= 0.55 and ctx.semantic:
            hits.append(Hit("sj.official-consistency", "review", ctx.span(unit), msg, sugg))
    if not hits and (_names_nothing_civic(ctx) or PERSONAL_LIFE.search(ctx.a.base.text)):
        hits.append(Hit("sj.official-consistency", "review", (0, len(ctx.a.base.original)), msg, sugg))
    informal = ctx.dets("informal")
    shouting = ctx.a.caps >= 0.6 and len(re.findall(r"\b[A-Z]{3,}\b", ctx.a.base.text)) >= 2
    if not hits and (len(informal) >= 2 or (informal and shouting)):
        hits.append(Hit("sj.official-consistency", "review", ctx.span(informal[0]), msg, sugg))
    elif not hits and shouting:
        hits.append(Hit("sj.official-consistency", "review", (0, len(ctx.a.base.original)), msg, sugg))
    return hits


def sj_official_credentials(ctx: OrgContext) -> list[Hit]:
    return [
        Hit(
            "sj.official-credentials", "violation", ctx.span(d),
            "This official post contains a log-in credential or password.",
            f"Remove “{_quote(d.text, 40)}”, change the password, and report the change to Corporate Communications.",
        )
        for d in ctx.a.dets("credential")
    ] + classifier_hits(
        ctx, "sj.official-credentials", "This official post appears to share log-in details.",
        "Remove the credentials and report the change to Corporate Communications.", max_hits=1,
    )


def sj_official_conflict(ctx: OrgContext) -> list[Hit]:
    msg = "This official post favours a business, candidate or side, which creates actual or perceived bias or a conflict of interest."
    sugg = "Remove the endorsement; official posts stay neutral about businesses, candidates and undecided matters."
    hits = [Hit("sj.official-conflict", "review", ctx.span(d), msg, sugg) for d in ctx.dets("political", "advertising", "conflict_interest")][:2]
    return hits + classifier_hits(ctx, "sj.official-conflict", msg, sugg, max_hits=1)


# --- Mission -----------------------------------------------------------------------------

_STRONG_ILLEGAL = re.compile(r"moonshine|legal|don'?t\s+tell|no\s+idea|jump|shrooms|coke|molly|acid|meth|took\s+home|ban\s+or\s+not|nobody|no\s+one|untaxed|over\s+the\s+limit|oxy|percs?|xanax|adderall|fent|edible|pill|racing|cops|under\s+the\s+table|cash|drunk|hammered|wasted|high|fake|counterfeit|bootleg|pirat|hack", re.I)


def mi_illegal(ctx: OrgContext) -> list[Hit]:
    msg = "This describes or promotes something against local, provincial or national law."
    sugg = "Don't post this; content that breaks or promotes breaking the law is inappropriate use under the policy."
    hits = classifier_hits(ctx, "mi.illegal", msg, sugg)
    cues = ctx.dets("illegal_cue")
    strong = [d for d in cues if _STRONG_ILLEGAL.search(d.text) or re.search(r"permit|licen|across|^\d", d.text, re.I)]
    for d in cues:
        s = ctx.sentence_of(d)
        p = ctx.p_near("mi.illegal", s)
        if d in strong:
            hits.append(Hit("mi.illegal", "violation" if (p >= 0.25 or len(strong) >= 2) else "review", ctx.span(s) if s else ctx.span(d), msg, sugg))
        elif p >= 0.4:
            hits.append(Hit("mi.illegal", "review", ctx.span(s) if s else ctx.span(d), msg, sugg))
    return hits


def mi_profane(ctx: OrgContext) -> list[Hit]:
    hits = []
    for start, end, _word, strong in ctx.a.profane_words:
        shown = ctx.a.base.original[start:end]
        hits.append(Hit(
            "mi.profane", "violation" if strong else "review", (start, end),
            f"“{shown}” is vulgar or profane language" + ("" if strong else " (mild, but the policy bars profane language)") + ".",
            f"Remove or replace “{shown}”.",
        ))
    for m in VULGAR_GESTURE.finditer(ctx.a.base.original):
        hits.append(Hit("mi.profane", "violation", (m.start(), m.end()), "The middle-finger emoji is a vulgar gesture.", "Remove the 🖕."))
        break
    if not hits and ctx.semantic:
        for s in ctx.a.sentences:
            if s.profanity >= 0.9 and ctx.a.prob("mi.profane", s) >= 0.5:
                hits.append(Hit("mi.profane", "review", ctx.span(s), "This may contain vulgar or inappropriate language.", "Reword this sentence without the crude language."))
    return hits


def mi_abusive(ctx: OrgContext) -> list[Hit]:
    msg = "This is threatening, abusive, discriminatory or obscene."
    sugg = "Don't post this. If someone's conduct worries you, report it to your manager instead of responding online."
    hits = _threat_hits(ctx, "mi.abusive", msg, sugg)
    hits += _sexual_cue_hits(ctx, "mi.abusive", "This is obscene or sexually harassing.", "Delete this post; sexual comments aimed at people are abusive under the policy.")
    hits += [Hit("mi.abusive", "violation", ctx.span(d), "This puts a person on show to shame or pressure them, which is abusive.", sugg) for d in ctx.dets("exposure")][:1]
    for h in _hate_hits(ctx, "mi.abusive", msg, sugg):
        s = ctx.a.sentence_at(h.span[0])
        if ctx.p_near("mi.abusive", s) >= 0.3 or ctx.p_near("mi.human-rights", s) >= 0.3:
            hits.append(h)
    for s in ctx.a.sentences if ctx.semantic else []:
        strong = [d for d in ctx.a.in_sentence(s, "insult") if not _is_weak_insult(d)]
        if strong and (PERSON_REF.search(s.text) or ADDRESSED.search(s.text) or ctx.a.in_sentence(s, "mention")):
            p = ctx.p_near("mi.abusive", s)
            hits.append(Hit("mi.abusive", "violation" if p >= 0.3 else "review", ctx.span(s), "This insults a person, which is abusive.", sugg))
    return hits + classifier_hits(ctx, "mi.abusive", msg, sugg)


def mi_human_rights(ctx: OrgContext) -> list[Hit]:
    msg = "This treats people differently for a ground protected by the Canadian Human Rights Act or the BC Human Rights Code."
    sugg = "Don't post this; remove the part that excludes or demeans people for age, race, religion, sex, disability, family status or another protected ground."
    return _hate_hits(ctx, "mi.human-rights", msg, sugg) + classifier_hits(ctx, "mi.human-rights", msg, sugg)


def mi_confidential(ctx: OrgContext) -> list[Hit]:
    hits = []
    for d in ctx.a.dets("sin", "credit_card"):
        what = "a Social Insurance Number" if d.kind == "sin" else "a payment card number"
        hits.append(Hit(
            "mi.confidential", "review" if d.has("weak") else "violation", ctx.span(d),
            f"This contains {what}: personal information protected by FOIPPA.",
            f"Remove the number {ctx.a.base.original[d.start:d.end]}.",
        ))
    if ctx.semantic:
        th = ctx.th("mi.confidential")
        ad = ctx.a.dets("advertising", "price")
        for d in ctx.a.dets("phone", "address"):
            s = ctx.sentence_of(d)
            p = ctx.p_near("mi.confidential", s)
            if ad and p < th.review:
                continue  # a business's own phone number in an ad is not someone's private data
            before = ctx.a.base.original[max(0, d.start - 30):d.start]
            if OWN_CONTACT.search(before) and p < th.review:
                continue  # the author's own number ("call me at ...") is theirs to share
            kind = "phone number" if d.kind == "phone" else "street address"
            about_someone = bool(s and re.search(r"complain\w*|bylaw|neighbou?r|resident|lives|folks|family|tenant|owner|applicant|file", " ".join(x.text for x in ctx.a.sentences), re.I))
            hits.append(Hit(
                "mi.confidential", "violation" if (p >= th.review or about_someone) else "review", ctx.span(d),
                f"This shares a {kind}; a person's contact details are personal information under FOIPPA.",
                f"Remove the {kind} {ctx.a.base.original[d.start:d.end]} unless it is your own business contact and you mean to share it.",
            ))
        from_work = bool(ctx.a.dets("work_info"))
        for d in _unpublished(ctx, ctx.a.dets("confidential")) + _internal_docs(ctx):
            s = ctx.sentence_of(d)
            p = ctx.p_near("mi.confidential", s)
            hits.append(Hit(
                "mi.confidential", "violation" if (p >= 0.45 or from_work) else "review", ctx.span(s) if s else ctx.span(d),
                "This appears to share confidential or internal information.",
                "Remove the confidential details; only information the City has made public may be shared.",
            ))
        # Something seen at work about a City decision that is not public yet.
        claims = {c.index for c in _claim_sentences(ctx)}
        for d in ctx.a.dets("work_info"):
            s = ctx.sentence_of(d)
            if s and (s.index in claims or ctx.around(s, "city_topic", "city_target", "crisis")) and ctx.p_near("mi.confidential", s) >= 0.15:
                hits.append(Hit("mi.confidential", "violation", ctx.span(s), "This shares information you saw at work that the City has not made public.", "Remove it; only information the City has published may be shared."))
    hits += classifier_hits(ctx, "mi.confidential", "This appears to share confidential or personal information.", "Remove the confidential or personal details before posting.", max_hits=1)
    return hits


def mi_copyright(ctx: OrgContext) -> list[Hit]:
    msg = "This shares material that appears to be copyrighted without the holder's consent."
    sugg = "Share a link to the original source instead, or get the copyright holder's permission and credit them."
    hits = [Hit("mi.copyright", "review", ctx.span(d), msg, sugg) for d in ctx.dets("copyright_cue")][:1]
    return hits + classifier_hits(ctx, "mi.copyright", msg, sugg, max_hits=1)


def mi_political(ctx: OrgContext) -> list[Hit]:
    msg = "This lobbies for a political purpose (a candidate, party, petition or vote)."
    sugg = "Remove the call to vote, campaign or lobby; employees may not use social media for political lobbying under HUM.11(A)."
    hits = []
    for d in ctx.dets("political"):
        s = ctx.sentence_of(d)
        if s is not None and NONPARTISAN_VOTE.search(s.text) and re.fullmatch(r"(?:just\s+)?vote(?:\s+for)?", d.text.strip(), re.I):
            continue  # "vote for whoever you like, just vote!" lobbies for nobody
        p = ctx.p_near("mi.political", s)
        imperative = bool(re.search(r"vot(?:e|ing)|elect|campaign|petition|donate|lawn|write|call|email|canvass|oppose|support|stop|kill|defeat|#|behind|stands?\s+with|endors|run", d.text, re.I))
        if imperative and p >= 0.3:
            hits.append(Hit("mi.political", "violation", ctx.span(s) if s else ctx.span(d), msg, sugg))
        elif imperative or p >= ctx.th("mi.political").review:
            hits.append(Hit("mi.political", "review", ctx.span(d), msg, sugg))
    if not hits and NONPARTISAN_VOTE.search(ctx.a.base.text):
        return hits  # "whoever you're backing, just vote": encouraging voting lobbies for nobody
    return hits + classifier_hits(ctx, "mi.political", msg, sugg, max_hits=1)


def mi_pornographic(ctx: OrgContext) -> list[Hit]:
    msg = "This shares or points to pornographic material."
    sugg = "Don't post this."
    hits = classifier_hits(ctx, "mi.pornographic", msg, sugg, max_hits=1)
    for s in ctx.a.sentences if not hits and ctx.semantic else []:
        if PORN_WORDS.search(s.text) and re.search(r"attached|pics?|photos?|videos?|calendar|link|dm|📸|😏", s.text, re.I):
            hits.append(Hit("mi.pornographic", "violation", ctx.span(s), msg, sugg))
            break
    for d in ctx.dets("sexual"):
        if PORN_WORDS.search(d.text):
            s = ctx.sentence_of(d)
            if s is not None and ART.search(s.text) and not re.search(r"\b(?:dm|link|send|onlyfans)\b", s.text, re.I):
                continue  # "the nude figure studies at the gallery": art, not pornography
            p = ctx.p_near("mi.pornographic", s)
            hits.append(Hit("mi.pornographic", "violation" if p >= 0.15 else "review", ctx.span(s) if s else ctx.span(d), msg, sugg))
            break
    return hits


def mi_advertising(ctx: OrgContext) -> list[Hit]:
    msg = "This advertises or solicits for a business (or political party)."
    sugg = "Remove the promotion (codes, prices, \"DM to order\"); employees may not advertise or solicit for businesses under HUM.11(A)."
    if not ctx.semantic or relays_city_content(ctx):
        return []  # passing on the City's own giveaway or program sells nothing
    cues = ctx.a.dets("advertising")
    # "Snowblower for sale, barely used": "for sale" on one's own used things sells no business.
    weak = all(re.fullmatch(r"(?:for\s+sale|selling|sale)\W*", d.text, re.IGNORECASE) for d in cues)
    if weak and (PERSONAL_SALE.search(ctx.a.base.text) or NONPARTISAN_VOTE.search(ctx.a.base.text)):
        return []  # selling one's own couch, or "just vote", solicits for no business or party
    prices = ctx.a.dets("price")
    hits = []
    best = max((ctx.a.prob("mi.advertising", s) for s in ctx.a.units), default=0.0)
    if cues:
        strong = len(cues) >= 2 or bool(prices) or best >= 0.5
        hits.append(Hit("mi.advertising", "violation" if strong else "review", ctx.span(cues[0]), msg, sugg))
    elif prices and best >= 0.75:
        s = ctx.sentence_of(prices[0])
        hits.append(Hit("mi.advertising", "violation", ctx.span(s) if s else ctx.span(prices[0]), msg, sugg))
    return hits + classifier_hits(ctx, "mi.advertising", msg, sugg, max_hits=1)


# Rumour cues that mark a dubious claim on their own ("cures diabetes", "do your research").
_STRONG_RUMOR = re.compile(r"proven\s+fact|research|wake|want\s+you|won'?t\s+tell|mainstream|cover|cure|miracle|hoax|plandemic|moon|get\s+in\s+now|guaranteed|docile|secretly", re.I)


def mi_false(ctx: OrgContext) -> list[Hit]:
    msg = "This may be false or misleading."

    def sugg(s: Sentence) -> str:
        return f"Check “{_quote(s.text, 60)}” against a reliable source (the City's website, council minutes) and remove it if you can't confirm it."

    hits = []
    # Passing on what the City published, or linking to its site, is not the author's claim.
    sourced = relays_city_content(ctx) or any(d.has(f"city:{ctx.org}") for d in ctx.dets("url"))
    claims = set() if sourced else {s.index for s in _claim_sentences(ctx)}
    for d in ctx.dets("rumor_cue"):
        s = ctx.sentence_of(d)
        if s and (_STRONG_RUMOR.search(d.text) or s.index in claims or ctx.p_near("mi.false", s) >= 0.2):
            hits.append(Hit("mi.false", "review", ctx.span(s), msg, sugg(s)))
    for s in [] if sourced else _claim_sentences(ctx):
        if ctx.p("mi.false", s) >= 0.3:
            hits.append(Hit("mi.false", "review", ctx.span(s), msg, sugg(s)))
    return hits + classifier_hits(ctx, "mi.false", msg, sugg, max_hits=2)


def mi_off_topic(ctx: OrgContext) -> list[Hit]:
    if ctx.a.dets("city_topic", "city_target", "city_proper", "crisis"):
        return []
    personal = PERSONAL_LIFE.search(ctx.a.base.text)
    if personal:
        return [Hit(
            "mi.off-topic", "review", (personal.start(), personal.end()),
            "This official post is about the author's own life, not the City's programs or services.",
            "Post personal news on a personal account; keep the official profile to City programs and services.",
        )]
    msg = "This official post is not related to the City's programs, services or the profile's purpose."
    sugg = "Keep official City profiles to City programs and services; post personal content on a personal account."
    hits = classifier_hits(ctx, "mi.off-topic", msg, sugg, max_hits=1)
    if not hits and _names_nothing_civic(ctx):
        hits.append(Hit("mi.off-topic", "review", (0, len(ctx.a.base.original)), msg, sugg))
    return hits


def _names_nothing_civic(ctx: OrgContext) -> bool:
    # Every official post labelled fine across the dev authors names a City service, facility,
    # place or page ("Spray parks open Saturday", "Happy Canada Day, Mission!"); one that
    # names none ("Go Lions!! Grey Cup bound", "whose turn is it to bring donuts?") is
    # chit-chat on the City's profile.
    if not ctx.semantic:
        return False
    civic = ctx.a.dets("city_topic", "city_target", "city_proper", "crisis", "named_facility")
    if civic or CIVIC_NOTICE.search(ctx.a.base.text):
        return False
    return not any(d.has(f"city:{ctx.org}") for d in ctx.dets("url"))


def mi_work_info(ctx: OrgContext) -> list[Hit]:
    msg = "This uses or refers to information you got through your work at the City, or calls your impartiality into question."
    sugg = "Remove what you learned at work; share only what the City has made public, and don't comment on files you handle."
    cues = ctx.dets("work_info")
    if ctx.a.dets("city_topic", "city_target", "city_proper", "self_id", "work_info"):
        cues += ctx.dets("conflict_interest")  # a relative's business matters when City work is involved
    hits = [Hit("mi.work-info", "review", ctx.span(d), msg, sugg) for d in cues][:1]
    return hits + classifier_hits(ctx, "mi.work-info", msg, sugg, max_hits=1)


def mi_logo(ctx: OrgContext) -> list[Hit]:
    return _logo_hits(ctx, "mi.logo")


def mi_official_approval(ctx: OrgContext) -> list[Hit]:
    msg = "This is written as official City content, which needs approval before anyone but the Manager of Communications & Public Engagement publishes it."
    sugg = "Send this to Communications and Public Engagement for approval (and publication on the City's official channels) instead of posting it yourself."
    hits = [Hit("mi.official-approval", "review", ctx.span(d), msg, sugg) for d in ctx.dets("approval_bypass")][:1]
    if ctx.official:
        return hits  # an official post is official content by design; flag only a skipped approval
    hits += [Hit("mi.official-approval", "review", ctx.span(d), msg, sugg) for d in [*_own_news_release(ctx), *ctx.dets("impersonation")]][:1]
    return hits + classifier_hits(ctx, "mi.official-approval", msg, sugg, max_hits=1)


def mi_self_identify(ctx: OrgContext) -> list[Hit]:
    # HUM.11(A) 3.iv.d asks the employee to "clarify all opinions and content published are
    # their own": a work anniversary or a thank-you to the crew publishes no opinion to
    # disclaim, so Mission, like Saint John, needs an opinion or City business besides the job.
    return _self_identified_without_disclaimer(
        ctx, "mi.self-identify", "You identify yourself as a City of Mission employee without making clear the opinions are your own.",
        needs_business=True,
    )


def mi_position(ctx: OrgContext) -> list[Hit]:
    msg = "This uses your position with the City to lend weight to a personal opinion."
    sugg = "Remove the reference to your City job (title, department, \"trust me, I work at City Hall\") from the opinion, or don't post the opinion."
    hits = []
    self_ids = ctx.dets("self_id")
    for s in ctx.a.sentences if self_ids else []:
        near_self = any(abs(d.start - s.start) < 250 for d in self_ids)
        if not near_self:
            continue
        cue = ctx.a.in_sentence(s, "position_cue")
        opinion = ctx.a.in_sentence(s, "insult", "critical") or abs(s.sentiment) >= 0.5
        same = bool(ctx.a.in_sentence(s, "self_id"))
        p = ctx.p_near("mi.position", s)
        if cue:
            hits.append(Hit("mi.position", "violation" if (p >= 0.25 or opinion or same) else "review", ctx.span(s), msg, sugg))
        elif opinion and p >= 0.3 and not ctx.a.dets("disclaimer"):
            # With a disclaimer, a plain opinion next to the job title is what 3.iv.d allows;
            # leaning on the job ("trust me, I'm the planner") is a cue, above.
            hits.append(Hit("mi.position", "review", ctx.span(s), msg, sugg))
    return hits + classifier_hits(ctx, "mi.position", msg, sugg, max_hits=1)


def mi_reputation(ctx: OrgContext) -> list[Hit]:
    msg = "This may damage the reputation of the City or its officers, officials or employees."
    # A put-down that names nothing of the City ("the Canucks power play is a disaster")
    # cannot harm the City's reputation, however sure the classifier is of the tone.
    hits = _negativity_hits(
        ctx, "mi.reputation", msg,
        lambda t: f"Remove “{_quote(t, 60)}”; raise concerns through your manager or the City's feedback channels instead.",
        classifier_needs_city=True,
    )
    # A threat against a councillor or City staff harms them and the City's standing.
    for h in _threat_hits(ctx, "mi.reputation", msg, "Don't post this; report concerns about City officials through proper channels."):
        s = ctx.a.sentence_at(h.span[0])
        if s and ctx.around(s, "city_target", "city_proper"):
            hits.append(h)
    return hits


def mi_speak_for_city(ctx: OrgContext) -> list[Hit]:
    msg = "This speaks on behalf of the City or releases City news, which staff may not do from personal accounts."
    sugg = "Remove the statement made for the City; send news to Communications and Public Engagement, who publish it on official channels."
    hits = _speak_for_hits(ctx, "mi.speak-for-city", msg, sugg)
    for d in _own_news_release(ctx):
        s = ctx.sentence_of(d)
        p = ctx.p(rule="mi.speak-for-city", s=s)
        hits.append(Hit("mi.speak-for-city", "violation" if p >= 0.5 else "review", ctx.span(d), msg, sugg))
    return hits


def mi_crisis(ctx: OrgContext) -> list[Hit]:
    msg = "This is about a crisis or emergency; only employees designated by the CAO or Communications may post or comment about it."
    sugg = "Don't post about the emergency yourself; share the City's official updates instead, or send information to Communications and Public Engagement."
    hits = classifier_hits(ctx, "mi.crisis", msg, sugg, max_hits=1)
    if not hits:
        for d in ctx.dets("crisis"):
            s = ctx.sentence_of(d)
            # Beside a City facility the emergency is the City's to speak about: "Leisure
            # Centre cooling centre is already full, don't bother".
            response = re.search(r"cent(?:re|er)|station|evacuat|shelter", d.text, re.IGNORECASE)
            civic = bool(response) and s is not None and bool(ctx.a.in_sentence(s, "city_topic", "city_target", "named_facility"))
            if s and ctx.p_near("mi.crisis", s) >= (0.1 if civic else 0.35):
                hits.append(Hit("mi.crisis", "review", ctx.span(s), msg, sugg))
                break
    return hits


EVALUATORS: dict[str, Callable[[OrgContext], list[Hit]]] = {
    "sj.criminal": sj_criminal,
    "sj.sexual-harassment": sj_sexual,
    "sj.cyberbullying": sj_cyberbullying,
    "sj.hateful": sj_hateful,
    "sj.fact-check": sj_fact_check,
    "sj.disrespect": sj_disrespect,
    "sj.respond-negative": sj_respond_negative,
    "sj.logo": sj_logo,
    "sj.speak-for-city": sj_speak_for_city,
    "sj.city-business": sj_city_business,
    "sj.city-assets": sj_city_assets,
    "sj.disclaimer": sj_disclaimer,
    "sj.official-consistency": sj_official_consistency,
    "sj.official-credentials": sj_official_credentials,
    "sj.official-conflict": sj_official_conflict,
    "mi.illegal": mi_illegal,
    "mi.profane": mi_profane,
    "mi.abusive": mi_abusive,
    "mi.human-rights": mi_human_rights,
    "mi.confidential": mi_confidential,
    "mi.copyright": mi_copyright,
    "mi.political": mi_political,
    "mi.pornographic": mi_pornographic,
    "mi.advertising": mi_advertising,
    "mi.false": mi_false,
    "mi.off-topic": mi_off_topic,
    "mi.work-info": mi_work_info,
    "mi.logo": mi_logo,
    "mi.official-approval": mi_official_approval,
    "mi.self-identify": mi_self_identify,
    "mi.position": mi_position,
    "mi.reputation": mi_reputation,
    "mi.speak-for-city": mi_speak_for_city,
    "mi.crisis": mi_crisis,
}


def pertains_to_city_business(ctx: OrgContext) -> bool:
    """Saint John's (b) rules apply when the post comments on City business: it names a
    City body, service or topic, uses a City address, or identifies the author as staff."""
    a = ctx.a
    if a.dets("city_topic", "city_target", "city_proper", "self_id", "speak_for_city", "logo", "city_business_act", "news_release", "work_doc", "impersonation", "asset_use", "password_reuse"):
        return True
    if _city_emails(ctx) or a.dets("credential"):
        return True
    if a.dets("named_facility") and (a.dets("rumor_cue", "service_offer") or CLOSURE.search(a.base.text)):
        return True  # a rumour about "the Lord Beaverbrook Rink", quotes for "the Rockwood Park washroom reno"
    return any(d.has(f"city:{ctx.org}") for d in a.dets("url", "mention"))
