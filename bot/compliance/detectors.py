"""Deterministic detectors: things a draft says that a rule can hinge on, with exact spans.

Identifiers (emails, phones, SINs, cards, URLs, postal codes) come from Presidio's pattern
recognizers, which carry checksum validation (Luhn for SINs and cards) and phone parsing;
they run in an `AnalyzerEngine` with a no-op NLP engine, so no spaCy model is loaded or
downloaded. Everything else (phrasings such as "on behalf of the City", disclaimers,
self-identification, promo codes...) is plain regex: these are English phrasings, not
entities.

Detectors read the normalised view (`normalize.normalize`) and, for the phrase cues, the
folded view too (`normalize.fold_obfuscation`: "p0rn", "l0ser"), so zero-width
characters, look-alike letters and leetspeak do not hide anything. Every `Detection`
span is an offset range in the submitted text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Pattern

from bot.compliance.normalize import MappedText

# Email domains of the two Cities (and any subdomain: "parks.mission.ca").
CITY_DOMAINS: dict[str, tuple[str, ...]] = {
    "saint-john": ("saintjohn.ca",),
    "mission": ("mission.ca",),
}


@dataclass(frozen=True)
class Detection:
    """`kind` is what was found; `start`/`end` are offsets in the submitted text; `text` is
    the matched text in the view it was found in; `tags` refine it ("city",
    "city:mission", "negated", "weak", "obfuscated")."""

    kind: str
    start: int
    end: int
    text: str
    score: float = 1.0
    tags: frozenset[str] = field(default_factory=frozenset)

    def has(self, tag: str) -> bool:
        return tag in self.tags


def _rx(*alternatives: str, flags: int = re.IGNORECASE) -> Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in alternatives), flags)


_CITY = r"(?:the\s+)?(?:city(?:\s+of\s+(?:saint|st\.?)\s+john|\s+of\s+mission)?|city\s+hall|council|the\s+mayor|my\s+employer|the\s+organi[sz]ation|(?:my|our|the)\s+department)"
NEGATABLE = frozenset({"speak_for_city", "self_id", "logo", "political", "advertising", "hate_exclusion"})
_NEGATION = re.compile(r"(?:\b(?:not|never|no\s+longer|nor|cannot|dont|in\s+no\s+way)\b|n['’]t\b)[^.!?\n]{0,25}$", re.IGNORECASE)

PHRASES: dict[str, Pattern[str]] = {
    # Rule cues ------------------------------------------------------------------------
    "speak_for_city": _rx(
        r"^\s*we(?:'re|’re|\s+are)\s+aware\s+of\s+the\b", r"\bthe\s+city\s+will\s+(?:cover|pay\s+for|reimburse|replace)\b",
        r"\b(?:from\s+)?(?:ur|your)\s+friends\s+at\s+(?:the\s+)?city(?:\s+hall)?\b", r"\bfrom\s+all\s+of\s+us\s+at\s+(?:the\s+)?city\b",
        r"\byou\s+heard\s+it\s+(?:from\s+me\s+)?first\b", r"^\s*breaking\b(?=[^\n]{0,60}\bcity\b)",
        r"\bstarted\s+(?:a|an|my\s+own|@\w+)\s*(?:page|account)?\s+for\s+the\s+(?:\w+\s+)?(?:dept|department|city)\b", r"\bso\s+it'?s\s+legit\b",
        rf"\bon\s+behalf\s+of\s+{_CITY}",
        rf"\b(?:speaking|speak|talking|posting|writing)\s+(?:for|as)\s+{_CITY}",
        r"\b(?:speaking|speak|talking|posting|writing)\s+for\s+the\s+(?:whole|entire)\s+(?:city|department|dept|team)\b",
        r"\b(?:take\s+(?:this|it)\s+as|consider\s+(?:this|it))\s+(?:official|the\s+city(?:'s|’s)\s+(?:reply|answer|response|position|word))\b",
        r"\bso\s+officially\s*[:,]", r"\bmy\s+official\s+(?:take|position|word|answer|statement|response)\b", r"\b(?:I'?ll|let\s+me)\s+(?:just\s+)?(?:answer|respond|reply|speak)\s+for\s+(?:the\s+)?city\b",
        # Signing in as a department: "Hi all, Parks & Rec here 👋 ... we'll have a crew out".
        r"(?:^|[.!?,]\s*|\b(?:hi|hey|hello)\s+(?:all|everyone|folks|neighbours)\s*[,!-]?\s*)(?:parks\s*(?:&|and)\s*rec(?:reation)?|public\s+works|transit|roads|bylaw|engineering|utilities|water\s*(?:&|and)\s*sewer|solid\s+waste|the\s+city)\s+here\b(?=[^\n]{0,120}\bwe(?:'ll|’ll|\s+will|'re|’re|\s+are)\b)",
        r"\b(?:speaking|speak|talking|posting|answering)\s+for\s+all\s+of\s+(?:the\s+)?(?:parks|roads|transit|works|public\s+works|water|utilities|planning|bylaw|rec(?:reation)?|engineering|finance|fire|city\s+hall|the\s+city)\b",
        r"\b(?:speaking|speak|talking|posting|answering)\s+(?:for|on\s+behalf\s+of)\s+(?:the\s+)?(?:parks|roads|transit|works|public\s+works|water|utilities|planning|bylaw|rec(?:reation)?|engineering|finance|fire|library|IT|HR)\s+(?:dept|department|team|crew|division|office)\b",
        r"\b(?:the\s+)?(?:[\w-]+\s+)?voice\s+of\s+(?:the\s+)?(?:city\b|city\s+hall|(?:(?:saint|st\.?)\s+john|mission)\s+(?:public\s+works|transit|parks|city\s+hall|fire|roads|water|rec(?:reation)?)|public\s+works|(?:the\s+)?(?:parks|roads|transit|water|planning|bylaw)\s+(?:department|dept))",
        r"\bofficial\s+(?:city\s+)?(?:statement|position|announcement|response|word|update|comment)\b",
        r"\b(?:the\s+)?city(?:'s|’s)\s+(?:official\s+)?(?:position|stance)\s+is\b",
        r"\bI\s+(?:can|am\s+(?:able|authori[sz]ed)\s+to|'m\s+(?:able|authori[sz]ed)\s+to)\s+(?:officially\s+)?(?:confirm|announce|promise|guarantee)\b",
        r"\bofficially\s+(?:announce|confirm)\w*",
        r"\bwe\s+at\s+(?:the\s+)?city(?:\s+hall)?\b",
        r"\b(?:as\s+)?(?:a|the)\s+(?:city(?:'s)?\s+)?spokes(?:person|man|woman)\b",
        r"\b(?:the\s+)?city\s+(?:has\s+)?(?:authori[sz]ed|asked)\s+me\s+to\s+(?:say|share|announce|tell|confirm)",
        r"\bthis\s+(?:account|page)\s+(?:speaks|is\s+speaking)\s+for\s+(?:the\s+)?city",
        r"\bon\s+behalf\s+of\s+(?:all\s+)?(?:city\s+)?(?:staff|employees)\b",
        r"\b(?:answering|responding|replying|posting)\s+(?:for|on\s+behalf\s+of)\s+(?:the\s+)?(?:city|department|dept|my\s+(?:department|dept|team))\b",
        r"\bon\s+behalf\s+of\s+(?:all\s+of\s+us|everyone|us\s+all|the\s+(?:whole\s+)?team)\s+(?:at|from|in)\s+(?:the\s+)?(?:city\b|city\s+hall|@\w*(?:city|saintjohn|mission)\w*)",
        r"^\s*official\s*(?:update\s*)?[:!-]",
        # "we (the City) know about it": the author speaks as the City.
        r"\bwe\s*\(\s*(?:i\.?e\.?,?\s+)?(?:the\s+)?city(?:\s+hall)?\s*\)",
        # A post signed as a City department ("— Jess, Public Works") reads as the department's.
        r"(?-i:(?:^|\s)[—–-]{1,2}\s*(?:[A-Z][\w'’.]*,?\s+){0,2}(?:(?:[Tt]he\s+)?City(?:\s+of\s+(?:(?:Saint|St\.?)\s+John|Mission))?\s+)?(?:Public\s+Works|Transportation(?:\s+(?:&|and)\s+Environment(?:al\s+Services)?)?|Transit|Parks(?:\s*(?:&|and)\s*Rec(?:reation)?)?|Recreation|Engineering|Planning|Finance|Bylaw(?:\s+Enforcement)?|Utilities|Water(?:\s+(?:&|and)\s+Sewer)?|Fire(?:\s+Department)?|Communications|Roads|Operations|Leisure\s+Services|Development\s+Services|City\s+Hall)(?:\s+(?:Dept\.?|Department|Team|Crew|Division|Office))?\W*$)",
    ),
    "disclaimer": _rx(
        r"\b(?:views?|opinions?|thoughts?|posts?|comments?|tweets?|content)\s+(?:(?:expressed|shared|posted)\s+)?(?:(?:here|on\s+this\s+(?:account|page|profile))\s+)?(?:are|is)\s+(?:all\s+)?(?:my\s+own|mine|personal|solely\s+my\s+own|my\s+personal\s+\w+)",
        r"\bviews?\s+(?:are\s+)?(?:my\s+)?own\b",
        r"\bopinions?\s+(?:are\s+)?(?:100\s*%\s+|entirely\s+|all\s+|completely\s+|totally\s+|strictly\s+)?(?:my\s+)?own\b",
        r"\bmy\s+own\s+(?:views?|opinions?|thoughts)\b",
        r"\b(?:do(?:es)?\s+not|don'?t|doesn'?t|do\s+not|in\s+no\s+way)\s+(?:necessarily\s+)?(?:represent|reflect|speak\s+for)\s+(?:(?:those|the\s+views?|the\s+opinions?|the\s+position)\s+of\s+)?(?:the\s+|my\s+)?(?:city|employer|council|organi[sz]ation)",
        r"\bnot\s+(?:speaking|posting|writing|commenting)\s+(?:for|on\s+behalf\s+of|as\s+a\s+representative\s+of)\s+(?:the\s+|my\s+)?(?:city|employer)",
        r"\b(?:this\s+is\s+(?:a|my)\s+)?personal\s+(?:account|page|capacity)\b",
        r"\bspeaking\s+(?:only\s+)?for\s+myself\b",
        r"\b(?:just|only)\s+me\s+(?:talking|speaking)\b",
        r"\bnot\s+(?:an?\s+)?official\s+(?:city\s+)?(?:account|statement|position|communication)\b",
        r"#(?:myviews|personalviews|viewsmyown|opinionsmyown)\b", r"\bpersonal\s+acct\b", r"\bmy\s+views\s+only\b", r"\bpersonal\s+(?:views|opinions)\b", r"\bnot\s+my\s+employer(?:'s|’s)\b",
        r"\b(?:this\s+)?(?:isn'?t|is\s+not|not)\s+the\s+city\s+talking\b", r"\b(?:just|only)\s+me\s*,?\s+not\s+(?:the\s+)?(?:city|my\s+employer)\b",
        r"\bmy\s+(?:views|opinions|thoughts)\s*,?\s+not\s+(?:the\s+city(?:'s|’s)?|my\s+employer(?:'s|’s)?)\b",
    ),
    "self_id": _rx(
        r"\bproud\s+(?:(?:saint\s+john|SJ|mission)\s+)(?:city\s+)?(?:staffer|employee|worker)\b",
        r"\bsomeone\s+who\s+works?\s+(?:at|for|in)\s+(?:the\s+)?(?:city\b|city\s+hall)",
        r"\bas\s+a\s+(?:(?:saint\s+john|SJ|mission)\s+)?(?:city|municipal)\s+(?:employee|worker|staffer)\b",
        r"\bcity\s+(?:employee|worker|staffer)\s*\([^)]{1,30}\)\s*here\b",
        r"(?-i:\bI\s+work\s+at\s+(?:the\s+)?(?:[A-Z][\w'’]+\s+){1,4}(?:Aquatic\s+Cent(?:re|er)|Leisure\s+Cent(?:re|er)|Arena|Library|City\s+Hall|Rink|Operations\s+Cent(?:re|er)))",
        r"\bI\s+(?:work|worked|have\s+worked|'ve\s+worked|'m\s+working|am\s+working)\s+(?:\w+\s+){0,3}?(?:for|at|with|in)\s+(?:the\s+)?(?:city\b|city\s+hall|city\s+of\s+(?:saint|st\.?)\s+john|city\s+of\s+mission)",
        r"\bas\s+(?:a|an|the|one\s+of\s+the)\s+(?:city|municipal|city\s+of\s+\w+(?:\s+john)?)\s+(?:[\w-]+\s+){0,2}?(?:employee|worker|staffer|staff(?:\s+member)?|planner|engineer|inspector|manager|officer|clerk|lifeguard|firefighter|operator|supervisor|technician|analyst|director|coordinator|labou?rer|crew\s+member|[a-z]+(?:er|or|ist|ian|ant|ent))s?\b",
        r"\bas\s+(?:a|an)\s+(?:employee|staff\s+member|member\s+of\s+staff|worker)\s+(?:of|at|with|for)\s+(?:the\s+)?city",
        r"\bI(?:'m|\s+am)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:at|for|with)\s+(?:the\s+)?city\b(?!\s+(?:of\s+)?(?:residents?|council\s+meeting))",
        r"\bI(?:'m|\s+am)\s+(?:a|an)\s+(?:city|municipal)\s+(?:employee|worker|staffer|planner|engineer|inspector|clerk|lifeguard|firefighter|[a-z]+er)\b",
        r"\bmy\s+(?:job|work|role|position|employer|colleagues|coworkers|co-workers|team|office|desk|boss|manager)\s+(?:at|with|for|in)\s+(?:the\s+)?city\b",
        r"\bI(?:'m|’m|\s+am)\s+(?:on|with|in)\s+(?:the\s+)?city(?:'s|’s)?\s+(?:[\w-]+\s+){0,2}(?:team|crew|department|dept|staff|division|office)\b",
        r"\b(?:been|worked)\s+(?:with|at|for)\s+(?:the\s+)?city(?:\s+of\s+(?:(?:saint|st\.?)\s+john|mission))?\s+(?:for\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty)\+?\s+(?:years?|yrs?)\b",
        r"\b(?:city|municipal)\s+(?:employee|worker|staffer)\s+here\b",
        r"\bproud\s+(?:member|part)\s+of\s+(?:the\s+)?city(?:\s+of\s+(?:(?:saint|st\.?)\s+john|mission))?(?:'s|’s)?\s+(?:[\w-]+\s+){0,2}?(?:team|crew|staff|department|family)\b",
        r"\b(?:parks|roads|transit|works|public\s+works|water|utilities|planning|bylaw|rec(?:reation)?|engineering|finance|IT|HR|fire|library|arena)\s+(?:staffer|employee|worker|crew\s+member|staff\s+member|operator|driver|officer|inspector|planner|mechanic|clerk|dispatcher|technician|supervisor|foreman)\s+here\b",
        r"\b(?:bus|plow|snowplow|transit|garbage|recycling|zamboni|street\s+sweeper)\s+(?:driver|operator)\s+here\b",
        r"\bas\s+a\s+city\s+(?:guy|gal|girl|lady|man|woman|employee|worker|staffer)\b",
        r"\bI\s+(?:run|manage|supervise|lead|head|oversee)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:utility|department|dept|division|crew|yard|program|office)\s+here\b",
        r"\bas\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:firefighter|paramedic|lifeguard|bylaw\s+officer|planner|engineer|inspector|operator|driver)\s+(?:with|at|for)\s+(?:SJFD|SJ\s+Fire|(?:saint\s+john|mission)\s+(?:fire|transit|water|parks|public\s+works)|the\s+city)\b",
        # A clipped profile line naming a City unit: "Work in City planning, and ..."
        r"(?:^|(?<=[.!?]\s))\s*(?:I\s+)?work(?:ing)?\s+in\s+(?-i:City)\s+(?:planning|finance|engineering|parks|transit|IT|HR|hall|recreation|operations|bylaw|works)\b",
        r"\b(?:city|municipal|city\s+of\s+(?:(?:saint|st\.?)\s+john|mission))\s+(?:[\w-]+\s+){0,2}?(?:lifeguard|planner|engineer|inspector|clerk|firefighter|librarian|bus\s+driver|driver|mechanic|labou?rer|operator|gardener|arborist|instructor|employee|worker|staffer|analyst|technician|coordinator|supervisor)\s+here\b",
        # "20 years with Saint John Fire", "5 years at Mission Public Works"
        r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty)\s+(?:years?|yrs?)\s+(?:with|at|in|(?:driving|working|plowing|paving)\s+for)\s+(?:(?:saint|st\.?)\s+john|SJ|mission)\s+(?:fire|transit|water|public\s+works|works|parks|roads|utilities|engineering|planning|finance|bylaw|recreation|leisure\s+services)\b",
        r"\b(?:accepted|started|starting|took|landed|got)\s+(?:a|an|the|my\s+new)\s+(?:new\s+)?(?:position|job|role)\s+(?:as\s+(?:a|an\s+)?(?:[\w-]+\s+){1,3})?(?:with|at)\s+(?:the\s+)?city\b",
        # Clipped profile lines: "Work at Transit and...", "Work in the Common Clerk's office and
        # honestly...", "Summer student with the City here", "I'm the City's arborist so I'd know",
        # "I'm in Solid Waste so...", "Speaking as the person who builds Mission's rec budget".
        r"(?:^|(?<=[.!?]\s))\s*(?:I\s+)?work(?:ing)?\s+(?:at|in|for)\s+(?:the\s+)?(?-i:(?:Transit|Parks|Public\s+Works|Engineering|Planning|Finance|Bylaw|Recreation|Solid\s+Waste|Utilities|City\s+Hall|Common\s+Clerk(?:'s|’s)?|Clerk(?:'s|’s)?|Water|Roads))\b",
        r"\b(?:summer\s+student|student|intern|seasonal|co-?op\s+student|temp)\s+(?:with|at|for)\s+the\s+city\s+here\b",
        r"\b(?:(?:saint|st\.?)\s+john|mission|SJ)\s+city\s+(?:employee|worker|staffer)\b",
        r"\bas\s+(?:the\s+)?(?:city|mission|saint\s+john)(?:'s|’s)\s+(?:[\w-]+\s+){0,2}?(?:supervisor|manager|director|arborist|planner|engineer|inspector|officer|coordinator|clerk|chief|foreman|lead)\b",
        r"\bI(?:'m|’m|\s+am)\s+the\s+city(?:'s|’s)\s+(?:[\w-]+\s+){0,2}?(?:arborist|planner|engineer|inspector|clerk|manager|director|coordinator|supervisor|officer|analyst|lawyer|solicitor|accountant|electrician|mechanic|gardener)\b",
        r"\bI(?:'m|’m|\s+am)\s+in\s+(?-i:(?:Solid\s+Waste|Public\s+Works|Parks|Transit|Engineering|Planning|Finance|Bylaw|Recreation|Utilities|Water|Roads|IT|HR|Purchasing|Procurement))\b",
        r"\bspeaking\s+as\s+(?:the|a|an|someone|one)\s+(?:person\s+)?(?:who\s+)?(?:[\w'’-]+\s+){0,3}?(?:builds|runs|manages|writes|sets|approves|reviews|handles|oversees|drafts)\s+(?:the\s+)?(?:city(?:'s|’s)\s+|(?:saint\s+john|mission)(?:'s|’s)\s+)?(?:[\w-]+\s+){0,2}(?:budget|permits|plans|schedule|program|bylaws?|policy|policies)\b",
        # "I'm a bylaw officer in Saint John": a municipal job title placed in the city.
        r"\bI(?:'m|’m|\s+am)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:officer|inspector|planner|firefighter|lifeguard|operator|driver|clerk|engineer|dispatcher|arborist|librarian|technician|labou?rer)\s+(?:in|for|with|at)\s+(?:(?:the\s+)?city\b|(?:saint|st\.?)\s+john\b|SJ\b|mission\b)",
        # "yes I'm with the City of Mission"; a clipped profile line "work in transit ops for the city".
        r"\bI(?:'m|’m|\s+am)\s+with\s+(?:the\s+)?city(?:\s+of\s+(?:(?:saint|st\.?)\s+john|mission))?\b(?!\s+on\b)",
        r"(?:^|(?<=[.!?]\s))\s*work(?:ing)?\s+(?:\w+\s+){0,3}?(?:for|at|with)\s+(?:the\s+)?city\b",
        r"\bI\s+work\s+in\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:department|division)\s+(?:at|of|for)\s+(?:the\s+)?city",
        r"\bwe\s+(?:city\s+)?(?:employees|staff|workers)\s+(?:at|of)\s+(?:the\s+)?city",
        r"#(?:cityemployee|cityworker|cityofsaintjohnemployee|cityofmissionemployee)\b",
        r"\bas\s+(?:someone|a\s+person|one)\s+who\s+(?:works?|has\s+worked)\s+(?:\w+\s+){0,2}?(?:for|at|in|with)\s+(?:the\s+)?(?:city|city\s+hall|municipal)",
        r"\bcity\s+of\s+(?:(?:saint|st\.?)\s+john|mission)\s+(?:employee|worker|staff(?:er)?|planner|engineer)s?\b",
        r"\b(?:proud|happy|glad|lucky|blessed|honou?red|privileged)\s+to\s+(?:work|serve)\s+(?:for|at|with|in)\s+(?:the\s+)?(?:@?city\w*|city\s+hall|@\w*(?:city|saintjohn|mission)\w*)",
        r"\b(?:I|we)(?:'ve|\s+have)?\s+(?:worked|been\s+working)\s+(?:in|at|for|with)\s+(?:the\s+)?(?:city|municipal)\s*\w*",
        r"\bI\s+(?:run|manage|supervise|lead|head|oversee|coordinate)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:for|at|with)\s+(?:the\s+)?city\b",
        r"\bI(?:'m|\s+am)\s+(?:on|in|part\s+of)\s+the\s+(?:[\w-]+\s+){0,2}(?:review|planning|inspection|permit|parks|roads|works|engineering|finance|bylaw|fire)\s+(?:team|crew|department|committee|staff|division)\b",
        r"\bas\s+(?:(?:the\s+)?(?:city|mission|saint\s+john)(?:'s|’s)|a|an|the)\s+(?:deputy\s+|assistant\s+|senior\s+|chief\s+)?(?:fire\s+chief|city\s+\w+|bylaw\s+officer|building\s+inspector|city\s+planner|planner|engineer|inspector|director|manager|clerk|councillor|CAO)\b(?=[^.!?]{0,40}(?:I|I'm|I\s+am|my)\b)",
        r"\b(?:after|in)\s+(?:my\s+)?\d+\s+years\s+(?:at|with|in|of\s+working\s+(?:at|for))\s+(?:the\s+)?(?:city|city\s+hall)",
        # Work anniversaries: "10 years with the City of Saint John today!"
        r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty)\s+years?\s+(?:with|at|working\s+(?:for|at))\s+(?:the\s+)?city\b",
        r"\bI(?:'m|’m|\s+am)\s+(?:a|an)\s+(?:(?:saint|st\.?)\s+john|SJ|mission|city|municipal)\s+(?:[\w-]+\s+)?(?:employee|worker|staffer|firefighter|lifeguard|paramedic|planner|engineer|inspector|clerk|operator|[a-z]+(?:er|or|ist|ian))\b",
        r"\b(?:our|my)\s+(?:team|crew|department|dept|division|office|colleagues|coworkers|co-workers)\s+(?:at|with|in)\s+(?:the\s+)?(?:city\b|(?:saint|st\.?)\s+john\s+[A-Z]\w+|mission\s+[A-Z]\w+)",
        r"\byour\s+(?:friendly\s+)?(?:neighbou?rhood\s+)?(?:local\s+)?city\s+(?:employee|worker|staffer|planner|inspector|engineer)\b",
        r"\b(?:the\s+)?city(?:'s|’s)\s+own\s+(?:planner|engineer|inspector|staff|employee|[a-z]+(?:er|or|ist|ian))\b",
        r"\b(?:after|in)\s+(?:my\s+)?\d+\s+years\s+(?:of\s+)?(?:processing|issuing|reviewing|inspecting|approving)\s+(?:building\s+)?(?:permits|applications|inspections)",
        # "proud to be part of the City of Saint John team", "joined the City's roads crew"
        r"\b(?:I(?:'m|’m|\s+am)\s+|proud\s+to\s+be\s+|happy\s+to\s+be\s+|(?:I\s+)?(?:just\s+)?joined\s+)(?:a\s+)?(?:part\s+of\s+)?(?:the\s+)?(?:@?city(?:\s+of\s+(?:(?:saint|st\.?)\s+john|mission))?(?:'s|’s)?)\s+(?:[\w-]+\s+){0,2}?(?:team|crew|family|staff|workforce)\b",
        # "a City of Saint John day camp counsellor": the job named after the employer.
        r"\b(?:a|an|as|I(?:'m|’m|\s+am)|proud)\s+(?:proud\s+)?city\s+of\s+(?:(?:saint|st\.?)\s+john|mission)\s+(?:[\w-]+\s+){0,2}?(?:counsell?or|employee|worker|staffer|lifeguard|firefighter|paramedic|planner|engineer|inspector|clerk|operator|driver|supervisor|technician|analyst|coordinator|instructor|labou?rer|mechanic|librarian|officer|manager|director|crew\s+member)s?\b",
        # A profile line: "Parks crew @ City of Mission", "Roads team at the City".
        r"\b(?:crew|team|dept|department|staff|services|office|division)\s*@\s*(?:the\s+)?city(?:\s+of\s+(?:(?:saint|st\.?)\s+john|mission))?\b",
    ),
    "hate_group": _rx(
        # Naming someone's identity as the point: "new supervisor is Jewish so good luck..."
        r"\b(?:is|are|'s|’s)\s+(?:jewish|muslim|sikh|hindu|gay|lesbian|trans|black|indigenous|native|chinese|indian|pakistani|filipino|arab|deaf|autistic|disabled)\b",
        # Nationalities and ages named as a group ("these Pakistani cabbies", "anyone over 55").
        r"\b(?:pakistanis?|indians?|chinese|filipinos?|africans?|somalis?|syrians?|afghans?|jamaicans?|haitians?|nigerians?|vietnamese|koreans?|japanese|mexicans?|punjabis?|sikh|muslim|jewish|arab|asian|black|indigenous|native)\s+(?:people|folks|guys|drivers?|cabbies|cabbie|families|kids|workers|immigrants|women|men)\b",
        r"\b(?:kids|people|children|folks|students|adults|someone|anyone)\s+with\s+(?:autism|disabilities|a\s+disability|down\s+syndrome|adhd|special\s+needs|mental\s+illness)\b|\bautistic\s+(?:kids|people|children)\b|\bspecial\s+needs\s+(?:kids|children)\b|\bwheelchair\s+users?\b",
        r"\b(?:pakistanis|filipinos|africans|somalis|syrians|afghans|jamaicans|haitians|nigerians|punjabis)\b",
        r"\b(?:anyone|people|workers|employees|applicants|someone|nobody)\s+(?:over|older\s+than|above)\s+(?:the\s+age\s+of\s+)?[4-9]\d\b",
        r"\b(?:gays?|lesbians?|homosexuals?|queers?|trans(?:gender)?\s*(?:people|folks|women|men|kids)?|muslims?|jews?|jewish\s+people|christians?|sikhs?|hindus?|immigrants?|refugees?|migrants?|newcomers|foreigners?|indigenous\s+people|natives?|first\s+nations|black\s+people|blacks|asians?|chinese\s+people|indians|east\s+indians|arabs?|mexicans?|women|females|old\s+people|seniors|old\s+timers|boomers|disabled\s+people|the\s+disabled|retards?|people\s+on\s+welfare|welfare\s+(?:bums|people)|homeless\s+people)\b"
    ),
    "hate_exclusion": _rx(
        r"\b(?:you|u)\s+know\s+how\s+(?:they|them|those\s+people)\s+(?:are|get)\b", r"\bprotect\s+(?:your|our)\s+(?:daughters|kids|children|women|wives)\b",
        r"\b(?:shouldn'?t|should\s+not|should\s+never)\s+be\s+allowed\b",
        r"\bshould\s+be\s+(?:banned|deported|removed|kicked\s+out|locked\s+up|sent\s+back)\b",
        r"\bgo\s+back\s+(?:to|where)\b",
        r"\bonly\s+(?:showing|renting|selling|hiring|leasing|open)\s+(?:it\s+|them\s+)?(?:to\s+)?(?:canadian-born|white|christian|english-speaking|straight|young|able-bodied|native-born)\b",
        r"\bgo\s+(?:back\s+)?home\b(?!\s+(?:early|now|and|to\s+(?:bed|sleep)|after))",
        r"\bcan'?t\s+understand\s+a\s+word\b",
        r"\boverrun\s+(?:by|with)\b",
        r"\bthere\s+goes\s+the\s+neighbou?rhood\b",
        r"\bshouldn'?t\s+have\s+to\s+(?:take|accept|include|serve|hire|deal\s+with|put\s+up\s+with)\b",
        r"\bpeople\s+like\s+(?:that|them|those|you)\b",
        r"\bthose\s+people\b",
        r"\bdon'?t\s+belong\b",
        r"\bnot\s+welcome\b",
        r"\bban\s+all\s+(?:women|gays|muslims|immigrants|old\s+timers|seniors|foreigners|refugees)\b",
        r"\b(?:only|,)\s*no\s+(?:women|girls|men|gays|muslims|immigrants|old\s+timers|seniors|foreigners|refugees|indians|asians|blacks|natives|disabled)\b",
        r"\bthis\s+is\s+canada\b",
        r"\b(?:are|r)\s+(?:all\s+)?(?:animals|vermin|parasites|terrorists|criminals|disgusting|subhuman|a\s+disease)\b",
        r"\bget\s+(?:them|these\s+people)\s+out\b",
        r"\b(?:these|those)\s+(?:people|folks|guys)\s+(?:can'?t|cannot|never|always|don'?t|won'?t|are\s+all)\b",
        r"\bbefore\s+(?:all\s+)?(?:the|these|those)\s+\w+\s+(?:moved|came|showed\s+up)\b",
        r"\b(?:not|never|no\s+longer|won'?t\s+be|stop)\s+hiring\b",
        r"\b(?:they|them)\s+(?:just\s+)?(?:can'?t|cannot)\s+(?:keep\s+up|handle|do|drive|speak|learn)\b",
    ),
    # Turning people away for who they are, group and refusal in one phrase: "no single
    # moms, nobody on disability", "not taking girls or any kids with special needs".
    "discrimination": _rx(
        r"\bturn(?:ing|ed)?\s+(?:saint\s+john|mission|canada|this\s+city|our\s+city|the\s+city)\s+into\s+(?:kabul|pakistan|india|mexico|a\s+third[-\s]world|iran|baghdad|somalia|china|mogadishu)\b",
        r"\b(?:mentally\s+ill|trans|gay|disabled)\s+(?:fr[e3]aks?|perverts?|predators?|degenerates?)\b",
        r"\bno\s+(?:turbans|hijabs|headscarves|kippahs|burkas|niqabs)\b", r"\b(?:whites?|christians?|canadian-born)\s+only\b",
        # Dehumanising people without homes or with addictions: "the homeless are basically rats".
        r"\b(?:junkies|homeless|addicts|drunks|encampment|panhandlers)\b[^\n]{0,80}\b(?:vermin|rats|animals|pests?|pest\s+control|subhuman|cockroaches)\b",
        r"\b(?:vermin|rats|pests?|cockroaches)\b[^\n]{0,80}\b(?:junkies|homeless|addicts|drunks|encampment|panhandlers)\b",
        r"\bno\s+(?:wheelchair|disabled|handicapped|deaf|blind)\s+(?:people|users|tenants|folks|kids)\b",
        r"\b(?:not|never|won'?t|refuse\s+to)\s+(?:be\s+)?call(?:ing)?\s+(?:him|her|them|it)\s+(?:they|them|she|her|he|him)\b",
        r"\bif\s+your\s+(?:religion|faith|culture)\s+(?:means|says)\b",
        r"\bland\s+acknowledg\w+\b[^\n]{0,80}\b(?:handouts|give\s+me\s+a\s+break|get\s+over\s+it)\b",
        r"\b(?:round|rounding)\s+(?:em|'em|them|these\s+\w+|those\s+\w+)\s+up\b[^.!?\n]{0,30}\b(?:ship|send|kick|throw)\b",
        r"\b(?:doesn'?t|don'?t|won'?t|that\s+doesn'?t|that\s+won'?t)\s+(?:take|accept|allow|admit|serve|rent\s+to|hire)\s+(?:kids|children|people|anyone|students|tenants)\s+with\s+(?:autism|disabilit\w+|special\s+needs|ADHD|down\s+syndrome|mental\s+illness|wheelchairs?)\b",
        r"\bnot\s+(?:taking|renting\s+to|hiring|accepting|allowing|letting\s+in|selling\s+to|serving|picking)\s+(?:any\s+)?(?:girls|boys|women|men|gays|muslims|sikhs|jews|immigrants|seniors|old\s+people|foreigners|refugees|indians|asians|blacks|natives|disabled|kids\s+with|anyone\s+(?:with|on|in\s+a)|people\s+(?:with|on|in\s+a)|single\s+(?:moms|mothers|dads|parents)|pregnant)\b",
        r"\bnot\s+renting\s+to\s+(?:that|them|those|people\s+like)\b",
        r"\bno(?:body|\s+one)?\s+on\s+(?:disability|welfare|(?:income\s+)?assistance|PWD)\b",
        r"\bno\s+single\s+(?:moms|mothers|dads|fathers|parents)\b",
        r"\b(?:turned|turning|sent)\s+(?:\w+\s+){0,3}?(?:down|away)\b[^.!?\n]{0,60}\b(?:hijab|turban|headscarf|niqab|kippah|wheelchair|accent|skin|pregnan\w*)\b",
        r"\bpregnant\b[^.!?\n]{0,80}\bshould(?:'ve|’ve|\s+have)\s+asked\b|\bshould(?:'ve|’ve|\s+have)\s+asked\b[^.!?\n]{0,40}\bpregnan\w*",
    ),
    "sexual_emoji": re.compile("[\U0001F351\U0001F346\U0001F4A6\U0001F975\U0001F445\U0001F60F\U0001F48B\U0001F51E]"),
    "informal": _rx(
        r"\b(?:u|r|ur|cuz|coz|lol|lmao|omg|idk|tbh|pls|plz|yolo|ya|gonna|wanna|kinda|sorta|dunno|whatever|ugh|meh|smh|ngl|fr)\b",
        r"!{3,}|\?{2,}", r"^\s*(?:anyone|does\s+anyone|anybody)\s+know\b", r"\bi\s+guess\b", r"🤷",
        r"\btest\s+post\b", r"\bignore\s+the\b", r"\banyways?\b", r"\bjust\s+wanted\s+to\s+say\s+hi\b", r"[😂🤣]",
        r"\bnot\s+sure\b", r"\bps\b", r"\blorem\s+ipsum\b", r"(?-i:\bTBD\b)", r"\binsert\s+(?:photo|link|image|text|date)\s+here\b", r"\bdo\s+not\s+post\b", r"\bmaybe\s*[.!?💦]*\s*$", r"\bwe\s+think\b", r"\bor\s+\d+\s*\?", r"#whatever\b", r"\bsomewhere\b", r"\bcouldn'?t\s+find\b", r"\boops\b", r"\bmy\s+bad\b",
        r"\bpls\s+ignore\b",
        r"\bthe\s+thing\b",
        r"\bor\s+(?:maybe|whatever)\b",
    ),
    "rumor_cue": _rx(
        r"\bdo\s+(?:your|ur)\s+(?:own\s+)?research\b", r"\bproven\s+fact\b",
        r"\bheard\s+(?:it'?s|its|it\s+is|they'?re|that)\s+(?:already\s+)?(?:approved|happening|done|official|confirmed|a\s+done\s+deal)\b",
        r"\bsaw\s+(?:it|this|that)\s+(?:in|on)\s+(?:a|the|some)\s+(?:FB|facebook|tiktok|reddit|whatsapp|group\s+chat)(?:\s+(?:group|post|page|chat))?\b",
        r"\bword\s+on\s+the\s+street\b", r"\b(?:my\s+)?(?:buddy|friend|cousin|neighbou?r)\s+(?:who\s+works\s+\w+\s+|(?:on|at|in|from)\s+the\s+\w+\s+)?(?:told|says|said)\s+me\b",
        r"(?:^|[.!?]\s+|\bI\s+)heard\s+(?:they(?:'re|’re|\s+are)|the\s+city(?:'s|’s|\s+is)?|council(?:'s|’s|\s+is)?)\s+(?:\w+\s+)?(?:shutting|closing|cutting|cancell?ing|raising|selling|tearing|scrapping|ending|moving|laying)\b",
        r"\bshare\s*,?\s+share\b", r"\bshare\s+(?:it\s+)?everywhere\b", r"\bspread\s+the\s+word\b(?=[^.!?]*!)",
        r"\bwake\s+up\b",
        r"\bshare\s+(?:this|before|widely)\b", r"\bshare\s*!",
        r"\bspread\s+the\s+word\b",
        r"\bthey\s+don'?t\s+want\s+you\s+to\s+know\b",
        r"\bwon'?t\s+tell\s+you\b",
        r"\bmainstream\s+media\b",
        r"\bcover(?:ing|ed)?[-\s]up\b",
        r"\bcures?\s+(?:cancer|diabetes|covid|autism|everything|\w+)\b",
        r"\bmiracle\b",
        r"\bhoax\b",
        r"\bplandemic\b",
        r"\brumou?r\s+(?:is|has\s+it)\b",
        r"\bheard\s+(?:that\s+)?(?:the|our|council|the\s+city)\b",
        r"\b(?:I\s+)?heard\s+(?:that\s+)?(?:[A-Z][\w'’]+\s+){1,4}(?:is|are|was|were|will|has|have)\b",
        r"\banyone\s+know\s+if\s+(?:that'?s|it'?s|this\s+is)\s+true\b",
        r"\bapparently\b",
        r"\bPSA\s*:",
        r"\bdid\s+(?:you|u|y'?all)\s+know\b", r"\bfun\s+fact\b", r"\bFYI\b",
        r"\bto\s+the\s+moon\b|\bmoon(?:ing)?\b|\bget\s+in\s+now\b|\bguaranteed\s+returns?\b",
        r"\bsecretly\b",
        r"\bkeep\s+us\s+(?:docile|sick|dumb)\b",
        r"\b(?:confirmed|100%)\s+(?:true|fact)\b",
    ),
    "impersonation": _rx(
        r"\b(?:fake|parody|pretend(?:ing)?|spoof|unofficial)\s+(?:\w+\s+){0,3}(?:page|account|profile|announcements?|notices?|posts?|press\s+release)",
        r"\b(?:made|started|created|set\s+up|opened|launched)\s+(?:a|an|my|our)\s+(?:new\s+)?(?:fb|facebook|instagram|insta|ig|twitter|x|tiktok|page|account|profile|group)\s+(?:\w+\s+){0,2}(?:called|named|for)\s+['\"‘“]?[^'\"’”]{0,40}(?:city|mayor|council|dept|department|parks|office|fire|police|mission|saint\s+john)",
        r"\b(?:pretending|posing)\s+to\s+be\s+(?:the\s+)?(?:city|mayor|council|fire\s+chief|a\s+city)",
        r"\b(?:made|started|created|set\s+up|opened|launched)\s+(?:a|an|my|our)\s+(?:new\s+)?['\"‘“][^'\"’”]{0,40}(?:city|mayor|council|dept|department|parks|office|fire|mission|saint\s+john)[^'\"’”]{0,20}['\"’”]\s*(?:fb|facebook|instagram|insta|ig|twitter|x|tiktok|page|account|profile|group)\b",
    ),
    "approval_bypass": _rx(
        r"\b(?:whipped\s+up|made|threw\s+together|designed)\s+(?:a|an|the)\s+['\x22‘“]?city\s+of\s+\w+[^'\x22’”\n]{0,30}['\x22’”]?\s+(?:graphic|poster|post|flyer|update)\b",
        r"\bsince\s+I\s+(?:have|had|still\s+have)\s+the\s+(?:login|password|access)\b",
        r"\b(?:posting|posted)\s+(?:this\s+)?(?:from|with|using|on)\s+(?:the|my)\s+(?:old\s+|\w+\s+)?(?:login|account)\b(?=[^\n]{0,60}(?:comms|communications|since|because|bc))",
        r"\b(?:comms|communications)\s+can\s+(?:fix|change|edit|approve|tidy|clean)\s+(?:it|the\s+\w+|this)\s+(?:up\s+)?(?:later|after)\b",
        r"\b(?:since|because|bc|as)\s+(?:comms|communications)\s+(?:is|are|was)\s+(?:at\s+a\s+conference|on\s+(?:vacation|holidays?|leave))\b",
        r"(?:page|login|account|updated|posted|posting|typed)[^\n]{0,80}\bhope\s+that'?s\s+(?:ok|okay|alright|fine)\b",
        r"\b(?:posting|posted)\s+(?:this\s+)?(?:from|with|using)\s+(?:the|my)\s+old\s+(?:login|account|password)\b",
        r"\b(?:comms|communications)\s+can\s+(?:fix|change|edit|approve)\s+it\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|tomorrow|next\s+week)\b",
        r"\bbefore\s+(?:comms|communications|corporate\s+communications|my\s+manager|anyone)\s+(?:sees?|approves?|signs?\s+off|gets?\s+to|wakes?\s+up|finds?\s+out|notices?|can)",
        r"\bbefore\s+(?:it|this)\s+(?:goes\s+through|gets\s+to|hits|clears)\s+(?:comms|communications)\b",
        r"\bno\s+sign-?off\s+(?:yet|from\s+(?:comms|communications))\b", r"\bnot\s+(?:yet\s+)?signed\s+off\b",
        r"\b(?:didn'?t|did\s+not|haven'?t|without)\s+(?:run(?:ning)?|check(?:ing)?|clear(?:ing)?)\s+(?:it\s+|this\s+)?(?:past|with|by)\s+(?:comms|communications|my\s+manager|anyone)",
        r"\bwithout\s+(?:comms|communications)'?\s*(?:approval|sign-?off|ok)",
        r"\bwe\s+(?:didn'?t|did\s+not|haven'?t)\s+(?:route|run|send|clear)\s+(?:it|this(?:\s+one)?)\s+(?:through|past|by)\s+(?:comms|communications)\b",
        r"\b(?:the\s+)?(?:comms|communications)(?:\s+(?:manager|team|lead|person|director))?\s+(?:is|are)\s+(?:off|away|out|busy|at\s+lunch|on\s+(?:vacation|holidays?|break|leave))\b",
        # Getting ahead of the official channel: "posting it here since comms hasn't yet".
        r"\b(?:since|because|as)\s+(?:comms|communications|the\s+city)\s+(?:hasn'?t|haven'?t|didn'?t|won'?t|still\s+hasn'?t)(?:\s+yet)?\b",
        r"\b(?:comms|communications)\s+(?:hasn'?t|haven'?t|is\s+too\s+slow|is\s+taking\s+(?:forever|too\s+long))\b",
        r"\bposting\s+(?:this|it)\s+(?:(?:to|on)\s+(?:the\s+)?(?:[\w'’-]+\s+){1,3}(?:page|account|feed|site)\s+)?myself\b",
        r"\b(?:comms|communications)\s+can\s+(?:fix|change|edit|approve)\s+it\s+(?:later|after)\b",
        r"\b(?:still\s+)?waiting\s+(?:on|for)\s+(?:comms|communications|my\s+manager|approval)\s+(?:to\s+(?:sign\s+off|approve)|but)\b",
        r"\b(?:get|have|ask)\s+(?:comms|communications)\s+(?:to\s+)?(?:sign\s+off|approve\s+it|look)\s+(?:on\s+it\s+)?(?:after|later)\b",
        r"\bdon'?t\s+tell\s+(?:comms|communications)\b",
        r"\bnot\s+supposed\s+to\s+post\s+this\b",
        r"\bnot\s+(?:yet\s+)?approved\s+(?:by\s+)?(?:comms|communications)",
        r"\b(?:edited|updated|changed)\s+the\s+(?:pinned|official)\s+post\b",
        # Doing it oneself or ahead of the sign-off: "posting holiday hours myself, comms
        # draft is stuck in approvals", "will tell Communications after", "didn't wait for comms".
        r"\b(?:posting|posted|updated|changed|edited|made|designed|threw\s+together|whipped\s+up)\s+(?:[\w'’-]+\s+){0,6}?(?<!of\s)(?<!as\s)(?<!by\s)myself\b(?=[^\n]{0,80}\b(?:page|account|feed|comms|communications|approv|sign-?off|city|post)|[^\n]{0,10}$)",
        r"\bskipp(?:ed|ing)\s+(?:the\s+)?(?:approval|sign-?off|comms)\b",
        r"\b(?:didn'?t|did\s+not)\s+want\s+to\s+wait\s+(?:till|until|for)\b[^.!?\n]{0,30}\bsign-?off\b",
        r"\b(?:since|because|bc|as)\s+(?:comms|communications)\s+(?:is|are|was)\s+(?:swamped|slammed|backed\s+up|busy|away|off|out)\b",
        r"\b(?:stuck|sitting|held\s+up)\s+in\s+(?:approvals?|review|comms)\b",
        r"\b(?:will|I'?ll|gonna|going\s+to)\s+(?:tell|let|inform|loop\s+in|cc|ask)\s+(?:comms|communications|my\s+(?:manager|boss|supervisor))\s+(?:know\s+)?(?:after|later|afterwards|tomorrow)\b",
        r"\bnot\s+(?:been\s+)?approved\s+yet\s*(?:,|but\b|—|-|\.\.\.)",
        r"\b(?:didn'?t|did\s+not|couldn'?t|can'?t|won'?t|not\s+gonna|not\s+going\s+to)\s+wait\s+(?:for|on)\s+(?:comms|communications|approval|sign-?off|my\s+(?:manager|boss|supervisor))\b",
        r"\bbefore\s+(?:my\s+)?(?:boss|manager|supervisor|comms|communications)\s+(?:is|gets?|comes?)\s+back\b",
        r"\bbefore\s+my\s+(?:boss|supervisor)\s+(?:sees?|approves?|signs?\s+off|finds?\s+out|notices?)",
        r"\b(?:comms|communications)\s+can\s+(?:thank\s+me|sort\s+it\s+out|deal\s+with\s+it)\b",
        r"\bfigured\s+(?:nobody|no\s+one|no-one)\s+would\s+(?:mind|notice|care)\b",
        r"\bfigured\s+(?:comms|communications|my\s+(?:boss|manager))\s+would\s+(?:love|like|want|be\s+fine\s+with|approve)\b",
        r"\b(?:comms|communications|my\s+(?:boss|manager|supervisor))\s+said\s+(?:to\s+)?(?:wait|hold|not\s+to)\b",
        r"\b(?:get|have|ask)\s+(?:comms|communications)\s+to\s+(?:double[-\s]?check|check|look\s+(?:it\s+)?over|review)\s+(?:it\s+)?(?:later|after)\b",
        r"\b(?:I'?m\s+)?doing\s+it\s+myself\b",
        r"\bput\s+(?:it|this)\s+up\s+on\s+the\s+city(?:'s|’s)?\s+(?:account|page|feed)\b",
        r"\b(?:adding|posting|putting)\s+(?:this|it)\s+(?:to|on)\s+the\s+(?:[\w'’&-]+\s+){0,2}(?:page|account|feed)\s+while\s+\w+(?:['’]s|\s+is)\s+(?:on\s+(?:holidays?|vacation|leave)|away|off|out)\b",
        r"\bstill\s+have\s+(?:access|the\s+(?:login|password))\s+to\s+(?:this|the)\s+(?:page|account)\b",
    ),
    "critical": _rx(
        r"\blet\s+(?:the\s+)?\w+(?:\s+\w+)?\s+go\s+to\s+(?:hell|pot|seed|waste)\b", r"\bnobody\s+(?:upstairs|at\s+city\s+hall|in\s+charge)\s+(?:cares|cared|gives)\b",
        r"\bdisappoint(?:ed|ing)\b", r"\bbad\s+(?:call|decision|idea|move|job)\b", r"\bmistake\b", r"\bfail(?:ed|ing|s|ure)?\b",
        r"\bwaste\s+of\b", r"\bmismanag\w*", r"\bout\s+of\s+touch\b", r"\bdropped\s+the\s+ball\b", r"\bbotched\b",
        r"\b(?:screwed|messed)\s+up\b", r"\bshame\s+on\b", r"\bcheap\b", r"\bdoesn'?t\s+care\b", r"\bcouldn'?t\s+care\s+less\b",
        r"\bnobody\s+(?:listens|cares)\b", r"\bwrong\b", r"\bpoor(?:ly)?\b", r"\bfed\s+up\b", r"\bsick\s+of\b", r"\bblame\b",
    ),
    # Sarcasm and ridicule: praise that means the opposite, or a clown aimed at someone.
    # Putting a person on show to shame or pressure them: "posting this pic of you passed
    # out every day til you pay up", "made a TikTok of the old guy in Accounts Payable".
    "exposure": _rx(
        r"\beveryone\s+go\s+(?:honk|knock|visit|yell|egg)\b",
        r"\brat(?:ing|e)\s+(?:the\s+|all\s+the\s+)?(?:moms|mums|women|girls|ladies|wives|nurses|teachers|lifeguards|coworkers|co-workers|waitresses)\b",
        r"\bscreenshot(?:ted|ed)?\s+(?:it|this|her|him)\s+for\s+the\s+(?:boys|guys|group\s+chat|lads)\b",
        r"\b(?:he|she|they)\s+lives?\s+on\s+[A-Z]\w+\s+(?:Rd|Road|St|Street|Ave|Avenue|Dr|Drive|Cres|Crescent|Lane|Court)\b",
        r"\b(?:posting|post|share|sharing|keep\s+posting)\s+(?:this|that|the|a|more|these)\s+(?:pics?|photos?|pictures?|videos?)\s+of\s+(?:you|him|her|them)\b[^.!?\n]{0,60}\b(?:til|till|until|unless|every\s+day)\b",
        r"\bmade\s+(?:a|another)\s+(?:tiktok|meme|video|reel|compilation)\s+(?:of|about)\s+(?:the|this|that|my|our|a)\s+(?:[\w-]+\s+){0,3}?(?:guy|girl|lady|woman|man|coworker|co-worker|boss|neighbou?r|kid|mom|dad|receptionist|intern|karen)\b",
        r"\bput\s+(?:her|his|their|the\s+\w+(?:'s|’s))\s+face\s+on\b",
        r"\bmake\s+(?:her|him|them)\s+(?:famous|go\s+viral)\b",
        r"\b(?:posted|put\s+up|listed)\s+(?:a|an)\s+(?:\w+\s+)?(?:ad|listing)\s+with\s+(?:my\s+)?(?:buddy|friend|coworker|neighbou?r|ex|boss)?\s*(?:\w+(?:'s|’s)\s+)?(?:cell|phone|number|address|email)",
    ),
    "mockery": _rx(
        r"\bwhat\s+(?:the\s+)?city\s+calls\b", r"\b(?:shout\s*-?out|thanks|kudos|props)\s+to\s+the\s+genius(?:es)?\b", r"\bthe\s+genius(?:es)?\s+(?:in|at|who)\b",
        r"\bbut\s+sure\s*,", r"\b(?:than|what)\s+the\s+city\s+(?:is\s+)?(?:letting\s+on|admitting|admits|telling\s+(?:us|you|people))\b",
        r"\bheld\s+together\s+(?:with|by)\s+(?:duct\s+tape|tape|string|glue|prayers?)\b",
        r"\bwhere\s+(?:good\s+)?(?:ideas|dreams|projects|plans|things)\s+go\s+to\s+die\b", r"\bgalaxy[\s-]brain(?:ed)?\b", r"\bbig[\s-]brain\s+(?:move|energy|idea|plan|decision)\b",
        r"\btruly\s+(?:a\s+)?(?:visionary|inspired|genius)\b", r"\bgenius\s+(?:stuff|work|planning|design)\b", r"👏\s*👏", r"\breal\s+genius\s+(?:move|idea|plan)\b",
        r"\bcouldn'?t\s+be\s+me\b", r"\bslow\s+clap\b", r"\bbold\s+(?:strategy|choice)\b", r"(?<![\d.])0\s*/\s*10\b",
        r"\bwhat\s+could\s+(?:possibly\s+)?go\s+wrong\b", r"\bnever\s+(?:actually\s+)?(?:driven|used|ridden|seen|been\s+to)\b", "🤡",
    ),
    # Standing up for City staff against someone's complaint: a reply to negative remarks.
    "defence": _rx(
        r"\bcut\s+(?:the|our|them|those)\s+(?:\w+\s+)?(?:some\s+)?slack\b", r"\bhave\s+(?:u|you)\s+ever\s+tried\s+to\b",
        r"\bdoing\s+(?:their|the|our|his|her)\s+(?:very\s+)?best\b",
        r"\bworking\s+(?:day\s+and\s+night|around\s+the\s+clock|non-?stop|so\s+hard|their\s+butts\s+off)\b",
        r"\bcut\s+(?:them|the\s+\w+|us)\s+(?:some\s+)?slack\b", r"\bgive\s+(?:them|the\s+\w+|us)\s+a\s+break\b",
        r"\bnot\s+everything\s+is\s+a\s+conspiracy\b", r"\b(?:it|that)\s+was\s+(?:all\s+)?on\s+the\s+city(?:'s|’s)?\s+(?:website|site|page)\b",
        r"\bbefore\s+you\s+(?:judge|complain|trash|whine|moan|rant|bash|go\s+off|call\s+(?:them|him|her|us))\b",
        r"\byou(?:'re|’re|\s+are)\s+(?:slamming|bashing|trashing|ragging\s+on|dumping\s+on|attacking)\b",
    ),
    # Referring to other people's negative remarks (what a reply to them looks like).
    "negative_reply_cue": _rx(
        r"\bthe\s+(?:comment|post|person|guy|lady|poster)\s+(?:above|below|earlier)\s+(?:saying|claiming|calling|who\s+said)\b",
        r"\bto\s+(?:everyone|everybody|all\s+(?:the\s+)?(?:people|folks))\s+(?:\w+\s+){0,3}?(?:saying|claiming|complaining|whining|moaning|calling)\b",
        r"\b(?:people|those|everyone|folks|all\s+of\s+you|you\s+guys|y'?all)\s+(?:\w+\s+){0,4}?(?:who\s+(?:are|keep)\s+)?(?:complaining|whining|moaning|trashing|bashing|hating\s+on|slamming|dumping\s+on|ragging\s+on|crapping\s+on|attacking)\b",
        r"\bhaters\b",
        r"\bthe\s+complainers\b",
        r"\bto\s+(?:the\s+)?(?:guy|person|lady|people|commenters?)\s+(?:\w+\s+){0,4}(?:calling|saying|who\s+said|claiming)\b",
        r"\b(?:you|they)\s+(?:have|has)\s+no\s+idea\s+how\s+hard\b",
        r"\b(?:stop|quit)\s+(?:complaining|whining|trashing|bashing)\b",
    ),
    "asset_use": _rx(
        r"\blogged\s+(?:in)?to\s+(?:the\s+)?(?:city|work)(?:'s|’s)?\s+(?:\w+\s+)?(?:GIS|system|database|server|portal|network)\s+from\s+home\s+and\b",
        r"\bdrone\s+footage\b[^\n]{0,80}\b(?:inspection|perks\s+of\s+the\s+job)\b", r"\b(?:uploaded|posted|put)\s+(?:the\s+)?(?:drone\s+)?footage\s+from\s+(?:our|the|work)\b",
        r"\bhere'?s\s+the\s+(?:\w+\s+)?dispatch\s+(?:radio|audio|recording|call)\b", r"\bdispatch\s+(?:radio|audio|recording)\b[^\n]{0,80}\[audio\]",
        r"\b(?:took|take|taking|borrowed|borrow|borrowing|used|use|using|drove|drive|driving|brought|bring|had)\s+(?:the|a|my|our)\s+(?:work\s+|city(?:'s|’s)?\s+|office\s+)(?:[\w-]+\s+)?(?:truck|pickup|vehicle|van|car|equipment|laptop|phone|tools?|trailer|mower|drone|camera|gas\s+card|fuel\s+card|credit\s+card|printer|sound\s+system|projector|chainsaw|generator)\b",
        r"\b(?:city|work)\s+(?:truck|pickup|vehicle|van|laptop|phone|drone|equipment|fuel\s+card|gas\s+card|credit\s+card)\s+(?:for|to)\s+(?:my|a)\s+(?:personal|own|side|weekend|cottage|cabin|move|moving|trip|party|wedding|business)\b",
        # "Sunday cruise in the work truck, perks of the job", "from my work laptop, don't tell IT"
        r"\b(?:in|with|on|from)\s+(?:the|my|a)\s+(?:work|city(?:'s|’s)?)\s+(?:truck|pickup|vehicle|van|car|laptop)\b(?=[^.!?\n]{0,60}\b(?:perks?|don'?t\s+tell|joyride|cottage|cabin|beach|road\s*trip)\b)",
        r"\b(?:using|used|use|borrowing)\s+(?:the\s+|our\s+|my\s+)?(?:work|city|office|rec\s+cent(?:re|er)|department|dept|station|library|team)(?:'s|’s)?\s+(?:[\w-]+\s+){0,2}(?:login|log-in|account|licen[cs]e|subscription|credit\s+card|card)\s+for\s+(?:my|our\s+personal|personal)\b",
        r"\bposting\s+(?:this\s+)?from\s+(?:(?:the|my)\s+(?:work|office|station|city|desk)|the\s+[\w-]+)\s+(?:desktop|computer|pc|laptop|phone|ipad|tablet|terminal)\b",
        r"\b(?:fire\s*truck|fire\s+engine|plow\s+truck|snow\s*plow|city\s+bus|zamboni|work\s+truck|city\s+truck)\s+(?:\w+\s+){0,2}for\s+(?:my|our)\s+(?:\w+(?:'s|’s)\s+)?(?:\w+\s+)?(?:birthday|bday|party|wedding|prom|photos?|photo\s*shoot|grad)\b",
        r"\b(?:sunday|saturday|weekend|joy)\s*(?:cruise|drive|ride|trip|run)\b[^.!?\n]{0,40}\b(?:work|city(?:'s|’s)?)\s+(?:truck|pickup|vehicle|van|car)\b",
        # "Flew the City's drone over the bridge", "borrowed the one from work for the long weekend"
        r"\b(?:flew|flying|fly)\s+(?:the|a|our)\s+(?:city(?:'s|’s)?|work|department(?:'s|’s)?|dept)\s+drones?\b",
        r"\bborrow(?:ed|ing)?\s+(?:the\s+one|one|it|them)\s+from\s+work\b",
        r"\btook\s+home\s+(?:\w+\s+){0,4}?(?:of\s+)?(?:the\s+)?(?:city(?:'s|’s)|work(?:'s|’s)?)\s+\w+", r"\bfrom\s+the\s+(?:works|city|public\s+works|parks)\s+yard\b(?=[^\n]{0,60}(?:my|perks|🤫|home))",
        # Showing a workplace the public does not see: "a little tour of the dispatch floor".
        r"\b(?:tour|video|pics?|photos?|footage|livestream)\s+(?:of|from|inside)\s+(?:the|our)\s+(?:dispatch|control|server|911|call)\s+(?:floor|room|centre|center)\b",
        r"\b(?:internal|intranet)\s+(?:org(?:anizational)?\s+chart|directory|phone\s+list|screenshot|portal|site|page)\b|\[intranet\s+screenshot\]",
        r"\b(?:still\s+had|used)\s+my\s+old\s+(?:IT\s+|work\s+|city\s+|admin\s+)?(?:login|password|access|credentials|badge|key\s*card)\b",
    ),
    # A work password reused on a personal account.
    "password_reuse": _rx(
        r"\b(?:use|using|used)\s+my\s+(?:work|city|office)\s+(?:one|password|pw|login)\s+for\s+(?:everything|all|every|my)\b",
        r"\b(?:password|passcode|pw|login|log-in)\s+(?:\w+\s+){0,6}?(?:is\s+)?(?:on|taped\s+to|stuck\s+to|written\s+on)\s+(?:a|the|my)\s+(?:sticky|post-?it|whiteboard|monitor|screen|desk)",
        r"\b(?:password|passcode|pw|login)\b[^.!?\n]{0,30}\bsame\s+as\s+(?:my|the|our)\s+(?:work|city|office)\b",
        r"\b(?:same|reused?|reusing)\s+(?:\w+\s+){0,2}(?:password|passcode|login)\s+(?:as|from)\s+(?:my|the|our)?\s*(?:work|city|office)\b",
    ),
    "gossip": _rx(
        r"\bregistered\s+sex\s+offender\b", r"\bis\s+a\s+(?:pedo|pedophile|paedophile|predator|creep)\b",
        r"\bsleeping\s+with\b", r"\bcheating\s+on\b", r"\bgetting\s+divorced\b", r"\baffair\s+with\b",
        r"#?\bspill(?:ing)?\s*the\s*tea\b", r"\brumou?r\s+has\s+it\b", r"\bnot\s+naming\s+names\b",
        r"\ba\s+certain\s+someone\b", r"\bpass\s+it\s+on\b", r"\bguess\s+who\b", r"\b(?:drunk|wasted|high)\s+at\s+(?:work|the\s+office)\b",
    ),
    # Altering a picture of a person (COM-001's definition of cyber-bullying names it).
    "altered_image": _rx(
        r"\b(?:photoshop(?:ped|ping)?|edit(?:ed|s|ing)?|altered|doctored|face-?swap(?:ped|ping)?|meme-?(?:d|ified)|filtered|drew\s+on|drawing\s+on)\b[^.!?\n]{0,50}?\b(?:photo|pic|picture|headshot|selfie|image|face|portrait)s?\b",
        r"\b(?:photo|pic|picture|headshot|selfie|image|face|portrait)s?\b[^.!?\n]{0,30}?\b(?:photoshopped|edited|altered|doctored|face-?swapped|memed)\b",
    ),
    "correction_cue": _rx(
        r"\bisn'?t\b", r"\bnot\s+true\b", r"\blook\s+it\s+up\b", r"\bactually\b", r"\bget\s+(?:your|ur)\s+facts\b",
        r"\bbefore\s+you\s+(?:post|comment|complain)\b", r"\bdo\s+(?:some|a\s+little|your)\s+(?:research|homework)\b", r"\bif\s+you\s+(?:don'?t\s+like\s+it|hate\s+it)\b", r"\bmaybe\s+(?:you|people)\s+should\b",
    ),
    "work_doc": _rx(
        r"\b(?:internal|draft|confidential|staff|staffing|in-?house)\s+(?:\w+\s+){0,2}(?:sheet|deck|memo|report|spreadsheet|file|docs?|documents?|list|schedule|numbers|figures|budget|plan|emails?)\b",
        r"\b(?:screenshot|photo|pic|copy)\s+of\s+(?:our|the|my)\s+(?:\w+\s+){0,3}(?:sheet|deck|memo|report|spreadsheet|file|docs?|documents?|list|schedule|emails?|system|database)\b",
        r"\[(?:screenshot|pdf|attachment|attached|document|doc|file)[^\]]{0,30}\]",
        r"\b(?:from|at)\s+work\s+so\s+(?:you|everyone)\b",
        r"\btender\s+(?:docs|documents|package)\b",
    ),
    "conflict_interest": _rx(
        r"\bmy\s+(?:brother|sister|cousin|wife|husband|partner|dad|father|mom|mother|son|daughter|uncle|aunt|friend|buddy|neighbou?r|brother-in-law|sister-in-law|in-laws?)(?:'s)?\s+(?:\w+\s+){0,3}(?:company|business|firm|bid|development|contract|development\s+application|rezoning)\b",
        r"\b(?:company|developer|contractor|business|owner|applicant|bidder)\s+(?:\w+\s+){0,4}(?:is|'s)\s+my\s+(?:brother|sister|cousin|wife|husband|partner|dad|father|mom|mother|son|daughter|uncle|aunt|friend|buddy|brother-in-law|sister-in-law)\b",
        r"\b(?:our|my)\s+friend\s+(?:councillor|mayor|candidate)\b",
        # "Our Recreation manager's wife runs Fundy Fresh Kitchen", "Dave's our fleet manager's cousin"
        r"\b(?:manager|director|supervisor|staffer|councillor|mayor|chief|coordinator|foreman)(?:'s|’s)\s+(?:wife|husband|partner|brother|sister|cousin|son|daughter|mom|dad|family|friend|buddy|in-laws?)\b(?:\s+(?:runs|owns|has|started|operates))?",
    ),
    "logo": _rx(
        r"\b(?:city(?:'s|’s)?|municipal|official|the\s+city(?:'s|’s)?|our|mission(?:'s)?|saint\s+john(?:'s)?)\s+(?:official\s+)?(?:logos?|crests?|coat\s+of\s+arms|emblems?|brand(?:ing)?|trademarks?|seal|wordmark|shield)\b",
        r"\b(?:logo|crest|coat\s+of\s+arms|emblem|trademark|wordmark)\s+of\s+the\s+city\b",
        r"\[(?:image|photo|img|attached|attachment|graphic|picture)[^\]]{0,60}(?:logo|crest|coat\s+of\s+arms|trademark)[^\]]{0,60}\]",
        r"\btrademark(?:s|ed)?\b",
    ),
    "logo_use": _rx(
        r"\b(?:using|used|use|added|adding|put|putting|slapped|printed|printing|made|making|designed|created|attached|featuring|features|edited|photoshopped|stuck|sell|selling|with\s+the)\b",
        r"\b(?:profile|banner|avatar|merch|t-?shirts?|hoodies?|stickers?|mugs?|shirts?|hats?|cover\s+photo|header|flyer|poster|website|page|channel|watermark)\b",
        r"\b(?:decals?|wraps?|tattoos?|jerseys?|patches|pins|magnets|signs?|business\s+cards?)\b",
    ),
    "crisis": _rx(
        r"\bemergenc(?:y|ies)\b(?!\s+(?:preparedness|kits?\s+(?:week|month)|contact))",
        r"\bevacuat\w+",
        r"\b(?:wild|forest|brush|house|structure)\s*fires?\b",
        r"\bflood(?:s|ing|ed|waters?)?\b",
        r"\bboil[-\s]water\b",
        r"\bEOC\b",
        r"\bemergency\s+operations\s+cent(?:re|er)\b",
        r"\bexplosions?\b",
        r"\b(?:chemical|fuel|oil|toxic)\s+(?:spill|leak)s?\b",
        r"\bgas\s+leaks?\b",
        r"\block(?:ed)?\s*down\b",
        r"\bshelter[-\s]in[-\s]place\b",
        r"\b(?:land|mud)slides?\b",
        r"\bearthquakes?\b",
        r"\btornado(?:es)?\b",
        r"\b(?:water\s+main|dam|dike|dyke)\s+(?:break|breach|failure)\b",
        r"\bcontaminat\w+",
        r"\boutbreak\b",
        r"\bactive\s+shooter\b",
        r"\bcris[ie]s\b",
        r"\bdisaster\b",
        r"\batmospheric\s+river\b",
        r"\bheat\s+dome\b", r"\bevacuees\b", r"\bwash-?outs?\b",
        r"\b(?:cooling|warming|reception)\s+(?:cent(?:re|er)|stations?)s?\b", r"\bheat\s+(?:wave|warning|emergency)\b",
        r"\bpower(?:['’]s|\s+is)\s+out\b", r"\b(?:power|hydro)\s+outages?\b", r"\b(?:wide|city)[-\s]?wide\s+outage\b",
        r"\bcasualt(?:y|ies)\b",
        r"\bfatalit(?:y|ies)\b",
        r"\bhazmat\b",
        r"\bstate\s+of\s+(?:local\s+)?emergency\b",
        r"\b(?:road|bridge)\s+(?:has\s+)?(?:collapsed|washed\s+out)\b",
        r"\b(?:river|water|creek|fraser|lake)\s+(?:is\s+)?(?:rising|overflowing|over\s+the\s+banks|breaching)\b",
        r"\bdikes?\b(?!\s+(?:trail|path|walk|loop|ride|run))",
        r"\bsandbag\w*\b",
    ),
    "political": _rx(
        r"#(?:NDP|BCNDP|BCUnited|BCConservatives?|Liberals?|CPC|LPC|Tories|PPC|GreenParty|BCGreens)\b", r"\bwhich\s+box\s+to\s+(?:tick|check|mark)\b",
        r"\bvote\b[^\n]{0,80}\b(?:the\s+)?right\s+choice\b",
        r"\bvote\s+(?:for|against)\b",
        r"\bvot(?:e|ing)\s+(?:[A-Z][\w'’-]+\s+){1,3}for\s+(?:mayor|council|councillor|MLA|MP|school\s+board)\b",
        r"\byou\s+should\s+(?:vote\s+for\s+\w+\s+)?too\b(?=[^.!?]{0,5}(?:🗳|$))",
        r"\bvote\s+(?:yes|no)\s+(?:on|to)\b",
        r"\b(?:re-?elect|elect)\s+(?:[A-Z][a-z]+|councillor|mayor)",
        r"\bcampaign(?:ing)?\s+(?:for|against|office|team|donation|launch)\b",
        r"\b(?:my|his|her|their|our)\s+(?:election\s+)?campaign\b",
        r"\bsign\s+(?:the|my|our|this)\s+petition\b",
        r"\bdonate\s+to\s+(?:\w+\s+){0,2}(?:campaign|party|candidate)",
        r"\b(?:NDP|New\s+Democrats?|Liberals?|Liberal\s+Party|Conservatives?|Conservative\s+Party|Tories|Tory|Green\s+Party|BC\s+United|People'?s\s+Party|PPC|CPC|Bloc\s+Qu[ée]b[ée]cois|BC\s+Conservatives?)\b",
        r"\bcandidates?\b",
        r"\blawn\s+signs?\b",
        r"\block\s+(?:him|her|them)\s+up\b",
        r"\blobby(?:ing)?\b",
        r"\b(?:write|email|call|phone)\s+(?:to\s+)?(?:your|our)\s+(?:MLA|MP|MPP|councillors?|council|mayor|premier)\b",
        r"\b(?:oppose|support|stop|kill|defeat|pass)\s+(?:Bill\s+\d+|the\s+bill|the\s+referendum|the\s+motion)\b",
        r"\breferendum\b",
        r"\bvolunteer\s+(?:for|with)\s+(?:\w+\s+){0,2}campaign\b",
        r"\bcanvass(?:ing)?\b",
        r"#(?:vote|elect|reelect)\w+",
        r"\b(?:don'?t|do\s+not|never)\s+vote\s+(?:for\s+)?\w+",
        r"\b(?:party|parties)\s+(?:leader|platform|membership)\b",
        r"\b(?:run(?:ning)?|campaign(?:ing)?)\s+for\s+(?:mayor|council|office|re-?election|MLA|MP)\b",
        r"\bstands?\s+with\s+(?:\w+\s+){0,4}(?:union|party|candidate|strikers|protesters)\b",
        r"\b(?:we'?re|i'?m|we\s+are)\s+behind\s+(?:you|him|her|them)\b",
        r"\bendors(?:e|es|ed|ing)\b",
        r"\bin\s+their\s+fight\s+against\b",
    ),
    "advertising": _rx(
        r"\b(?:coworkers|co-workers)\s+(?:welcome|especially|get\s+\w+\s+off|discount)\b", r"\$\d+\s+(?:a|per)\s+(?:return|session|hour|class|lesson)\b",
        # Party-plan brands sold to friends and coworkers.
        r"\b(?:scentsy|avon|amway|herbalife|arbonne|tupperware|pampered\s+chef|mary\s+kay|younique|doterra|young\s+living|monat|rodan\s*\+?\s*fields|partylite|norwex)\b",
        r"\b(?:promo(?:tion(?:al)?)?|discount|coupon|referral)\s+codes?\b",
        r"\bbooking\s+(?:\w+\s+){0,2}(?:sessions|appointments|clients|lessons|shoots)\b", r"\bgrab\s+a\s+(?:spot|slot)\b", r"\b(?:spots?|slots?)\s+(?:left|available|open)\b",
        r"\buse\s+(?:my\s+)?code\s+\w+",
        r"\bcode\s+[A-Z0-9]{4,}\b",
        r"\b\d{1,3}\s*%\s*off\b",
        r"\b(?:DM|PM|message|inbox|text)\s+(?:me\s+)?(?:to|for)\s+(?:order|orders|pricing|prices|details|booking|bookings|a\s+quote|quotes|rates|info)\b",
        r"\b(?:order|book|buy|shop|call)\s+(?:now|today|online)\b",
        r"\bfor\s+sale\b",
        r"\blink\s+in\s+(?:my\s+)?bio\b",
        r"\bfree\s+(?:shipping|delivery|quotes?|estimates?|consultations?|samples?)\b",
        r"\bmy\s+(?:new\s+|little\s+|small\s+)?(?:business|shop|store|bakery|company|side\s+hustle|etsy|salon|studio|brand|products?)\b",
        r"\b(?:hire|book)\s+(?:me|us)\b",
        r"\bspecial\s+offers?\b",
        r"\bgiveaway\b",
        r"\b(?:sale|offer)\s+ends\b",
        r"\blimited\s+time\b",
        r"\baccepting\s+(?:new\s+)?(?:clients|customers|orders|bookings)\b",
        r"\b(?:rates|prices)\s+start(?:ing)?\s+at\b",
        r"\bstarting\s+at\s+\$",
        r"\bsupport\s+(?:my|our)\s+(?:small\s+)?business\b",
        r"\b(?:check\s+out|visit|shop\s+at)\s+my\s+(?:\w+\s+){0,2}(?:store|shop|page|website|business)\b",
        r"\bMLM\b|\bbe\s+your\s+own\s+boss\b|\bjoin\s+my\s+team\b",
    ),
    "price": _rx(r"\$\s?\d[\d,]*(?:\.\d{1,2})?", r"\b\d[\d,]*(?:\.\d{2})?\s?(?:\$|dollars|bucks)"),
    "news_release": _rx(
        r"\bfor\s+immediate\s+release\b",
        r"\b(?:news|press|media)\s+(?:release|advisory)\b",
        r"\bmedia\s+(?:contact|inquiries)\b",
        r"\bbreaking(?:\s+news)?\s*[:!-]",
        r"\b(?:we\s+are|we're|the\s+city\s+is|i'?m|i\s+am)\s+(?:pleased|proud|excited|happy|thrilled|delighted)\s+to\s+announce\b",
        r"\b(?:it\s+is|it'?s)\s+official\s*[:!]",
        r"\bannounc(?:e|ing)\s+(?:today\s+)?that\s+the\s+city\b",
        r"\byou\s+heard\s+it\s+here\s+first\b",
        r"\b(?:is|are|'s|’s|'re)\s+about\s+to\s+announce\b",
        r"\bcan'?t\s+(?:share|say|tell\s+you)\s+(?:everything|much|details|it\s+all|more)\s+yet\b",
        r"\bsneak\s+peek\b(?=[^.!?]{0,80}\b(?:city|council|plan|announce))",
        r"\bfirst\s+to\s+know\b",
        r"\b(?:scoop|exclusive)\s*[:!]",
        r"\bnot\s+(?:yet\s+)?(?:been\s+)?(?:announced|made\s+public)\b",
        r"\bbefore\s+(?:it'?s|it\s+is|it\s+gets)\s+(?:officially\s+)?announced\b",
        r"\bbefore\s+(?:it|they|the\s+\w+)\s+(?:goes|go|gets|get|is|are)\s+(?:live|public|out|posted|published)\b",
        r"\bbefore\s+(?:it'?s|it’s|they'?re|they’re)\s+(?:officially\s+)?(?:posted|published|public|out|live|released)\b",
        r"\bahead\s+of\s+the\s+(?:official\s+)?announcement\b",
        r"\b(?:the\s+city|council|we)\s+will\s+(?:officially\s+)?announce\b",
    ),
    "confidential": _rx(
        r"\bconfidential(?:ity)?\b",
        r"\binternal\s+(?:only|memo|email|e-mail|document|report|review|investigation|numbers|figures|plan|discussions?|meeting)\b",
        r"\bin[-\s]camera\b",
        r"\bclosed[-\s](?:door|session)\b",
        r"\boff\s+the\s+record\b",
        r"\bleak(?:ed|ing)?\b",
        r"\bnot\s+(?:yet\s+)?(?:public|released)\b",
        r"\bhasn'?t\s+been\s+(?:announced|released|made\s+public)\b",
        r"\b(?:not|n't)\s+supposed\s+to\s+(?:say|share|tell|post|know)\b",
        r"\bdon'?t\s+tell\s+anyone\b",
        r"\bbetween\s+(?:you\s+and\s+me|us)\b",
        r"\bkeep\s+this\s+(?:quiet|between)\b",
        r"\bunder\s+wraps\b",
        r"\bdraft\s+(?:budget|report|plan|bylaw|by-law|policy)\b",
        r"\b(?:should|will|won'?t)\s+be\s+(?:made\s+)?public\s+(?:until|till|next|this|on|in|for)\b",
        r"\b(?:personnel|HR|employee|disciplinary|medical)\s+(?:file|record|records)\b",
        r"\b(?:his|her|their|\w+'s)\s+(?:salary|home\s+address|medical\s+(?:leave|condition)|disability|diagnosis)\b",
        r"\bsalar(?:y|ies)\s+of\b",
        r"\b(?:on|went\s+on)\s+(?:stress|medical|sick)\s+leave\b",
        r"\bbeing\s+(?:fired|disciplined|investigated|let\s+go)\b",
        r"\bcomplaint\s+(?:file|against)\b",
    ),
    "work_info": _rx(
        r"\bon\s+the\s+(?:interview|hiring|selection)\s+panel\b",
        r"\benjoy\s+(?:your|the)\s+(?:current\s+)?(?:tax\s+bills?|rates?|hours|fees)\s+while\s+(?:it|they)\s+lasts?\b",
        r"\b(?:at|from)\s+work\s+(?:I|we)\s+(?:saw|heard|learned|found)",
        # Hinting at what one knows: "can't say more 🤐", "read the next council agenda very carefully 👀".
        r"\bcan'?t\s+say\s+(?:much|more|anything)\b(?=[^\n]{0,90}(?:🤐|👀|#perks|agenda|wait|hold\s+off|council))|(?:🤐|👀|agenda|wait|hold\s+off|council)[^\n]{0,90}\bcan'?t\s+say\s+(?:much|more|anything)\b",
        r"#perksofthejob\b",
        r"\bsomeone\s+who\s+(?:reads|sees|reviews|handles|processes|works\s+on|approves)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:plans|permits|applications|files|budgets?|reports|results|numbers|data)\b",
        r"\bI\s+(?:score|review|process|approve|assess|handle|read)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:applications|permits|files|bids|grants?|complaints)\b",
        r"\blooked\s+(?:it|him|her|them)\s+up\s+(?:at|from)\s+work\b",
        r"\b(?:registering|processing|checking\s+in|signing\s+in)\s+(?:\w+\s+)?(?:evacuees|applicants|patients|clients)\b",
        r"\b(?:processed|approved|reviewed|issued|stamped|signed\s+off\s+on)\s+(?:a|the|another)\s+(?:\w+\s+)?(?:permit|application|licen[cs]e|variance|rezoning)\s+(?:today|this\s+morning|yesterday|for)\b",
        r"\bcross(?:es)?\s+my\s+desk\b",
        r"\bsat\s+in\s+on\s+(?:the|a|an|today'?s)\s+(?:\w+\s+)?(?:(?:budget|council|in-camera|closed|staff|planning)\s+(?:workshop|meeting|session|briefing)|interviews|hiring\s+panel)\b",
        r"\bthe\s+stories\s+I\s+could\s+tell\b", r"\bworking\s+(?:bylaw|dispatch|the\s+front\s+desk|permits|911|payroll)\s+you\s+(?:learn|see|hear)\b",
        r"\bmy\s+job\s+at\s+the\s+city\s+is\b[^\n]{0,80}\bguess\s+who\b",
        r"\b(?:doesn'?t|don'?t)\s+want\s+(?:ppl|people|anyone|everyone)\s+(?:knowing|to\s+know)\b",
        r"(?:^|\b(?:from|in)\s+(?:the\s+|our\s+)?)(?:camp\s+|program\s+)?(?:registrations?|registration\s+forms?|intake\s+forms?)\s*:|\bthe\s+incident\s+report\b",
        # "from what's been coming across my desk", "what we're hearing on shift"
        r"\b(?:coming|came|comes)\s+across\s+my\s+desk\b", r"\b(?:crossed|landed\s+on|hit)\s+my\s+desk\b",
        r"\b(?:hearing|heard|hear)\s+(?:on|at)\s+(?:shift|the\s+job|work)\b",
        r"\bsomeone\s+who\s+(?:sees|has\s+seen|handles|reads)\s+(?:\w+\s+){0,3}(?:at\s+work|schedule|files?|applications?|reports?)\b",
        r"\bfrom\s+what\s+I(?:'ve|\s+have)?\s+(?:seen|heard|read)\s+at\s+work\b",
        r"\bI\s+(?:saw|read|heard|processed|handled|reviewed|pulled|looked\s+up)\s+(?:\w+\s+){0,3}(?:file|application|permit|records?|report|complaint|account|details)\b",
        r"\b(?:from|in)\s+(?:the\s+)?(?:files?|records?|database|system)\s+at\s+work\b",
        r"\b(?:saw|heard|learned)\s+(?:it\s+|this\s+)?at\s+work\b",
        r"\b(?:came\s+across|crossed)\s+my\s+desk\b",
        r"\binside(?:r)?\s+info(?:rmation)?\b",
        r"\bI\s+(?:know|can\s+tell\s+you)\s+(?:this\s+)?(?:for\s+a\s+fact\s+)?(?:because|since|cause)\s+I\s+work\b",
        r"\b(?:through|from)\s+my\s+(?:job|work|position)\s+(?:at|with)\s+the\s+city\b",
        r"\bfound\s+(?:an?\s+|the\s+|some\s+)?(?:[\w\']+\s+){0,3}(?:in|on|at)\s+the\s+(?:printer|copier|photocopier|office|shared\s+drive)\b",
        r"\b(?:I\'?m|I\s+am)\s+(?:on|in)\s+the\s+(?:[\w-]+\s+){0,2}review\s+(?:team|committee|panel)\b",
        r"\b(?:I|we)\s+(?:processed|reviewed|inspected|approved|handled)\s+(?:their|his|her|that)\b",
        r"\b(?:heard|saw|learned|read)\s+(?:it\s+)?(?:on|in|at|from)\s+(?:the\s+)?(?:EOC|staff|internal|work|team|department|shared)\s*(?:radio|channel|call|meeting|email|chat|drive|server)?\b",
        r"\binside\s+scoop\b",
        r"\bsaw\s+(?:it\s+)?in\s+the\s+(?:draft|internal)\b",
        r"\b(?:from\s+)?what\s+I(?:\'m|\s+am)?\s+(?:hearing|seeing|heard|saw)\s+at\s+work\b",
        r"\b(?:hearing|seeing)\s+(?:it\s+)?at\s+work\b",
        r"\b(?:keeps?|kept)\s+calling\s+(?:us|the\s+office|our\s+office|our\s+department)\b",
    ),
    "position_cue": _rx(
        r"\bI\s+can\s+say\s+with\s+(?:authority|certainty)\b",
        r"\btrust\s+me\b",
        r"\btake\s+it\s+from\s+(?:me|someone)\b",
        r"\bbelieve\s+me\b",
        r"\bI\s+can\s+tell\s+you\b",
        r"\bI\s+know\s+(?:for\s+a\s+fact|what\s+I'?m\s+talking\s+about|how\s+this\s+works)\b",
        r"\bspeaking\s+as\s+(?:a|an|the)\b",
        r"\bin\s+my\s+professional\s+(?:opinion|view)\b",
        r"\bwith\s+my\s+(?:expertise|experience|authority|position)\b",
        r"\bas\s+someone\s+(?:who\s+works|inside|on\s+the\s+inside)\b",
        r"\b(?:you|everyone)\s+should\s+(?:all\s+)?(?:vote|oppose|support|sign|boycott|complain|protest)\b",
        r"\b(?:I|we)\s+(?:urge|encourage)\s+(?:everyone|you|residents|people)\b",
        r"\bmy\s+(?:position|role|job|title)\s+(?:gives|means|lets)\b",
        r"\bI\'?m\s+telling\s+you\b",
        r"\bso\s+I\s+know\b",
        r"\btake\s+my\s+word\b",
        r"\b(?:don\'?t|never)\s+buy\s+(?:there|from|a\s+house)\b",
        r"\bstay\s+away\s+from\s+(?:that|this|the)\s+(?:builder|contractor|developer|subdivision|company)\b",
    ),
    "city_business_act": _rx(
        r"\b(?:DM|PM|message|email|text|send)\s+me\s+(?:your|the)\s+(?:address|application|permit|complaint|request|details|info|ticket|account\s+number|roll\s+number|photos?|receipts?|claim)\b",
        r"\bI(?:'m|’m|\s+am)\s+(?:the\s+one\s+)?(?:approving|processing|issuing|signing\s+off\s+on|handling|booking|scheduling)\s+(?:the|your|all|any)\s+(?:[\w-]+\s+){0,3}?(?:permits?|closures?|applications?|requests?|bookings?|licen[cs]es?|complaints?)\b",
        r"\bI'?ll\s+(?:approve|process|fast-?track|expedite|waive|cancel|issue|log|submit|file|sort\s+out|push\s+through)\s+(?:your|the|it|that|them)\b",
        r"\b(?:submit|send|report)\s+(?:your\s+)?(?:service\s+requests?|complaints?|applications?|permit\s+applications?|requests?)\s+(?:here|to\s+me|through\s+me|in\s+the\s+comments|via\s+DM|by\s+DM)\b",
        r"\bwork\s+orders?\b",
        r"\bservice\s+requests?\b",
        r"\bticket\s+number\b",
        r"\bpay\s+(?:your\s+)?(?:parking\s+)?(?:ticket|fine|bill|taxes)\s+(?:to\s+me|here|through\s+me)\b",
        r"\b(?:comment|reply)\s+(?:below\s+)?with\s+your\s+(?:address|complaint|request)\b",
        r"\bcomment\s+(?:the|your|ur)\s+address(?:es)?\s+below\b",
        r"\b(?:comment|drop|post|leave|put)\s+(?:your|a\s+comment\s+with\s+your)\s+(?:[\w#+&/]+\s+){0,4}(?:below|here|in\s+the\s+comments)\b",
        # Taking requests around the official channel: "skip the portal and message me".
        r"\bI['’]?(?:ll|\s+will)\s+(?:put|add|get|slide|sneak|squeeze|bump)\s+(?:them|em|'em|it|you|your\s+\w+|those|these)\s+(?:on|onto|in(?:to)?|to)\s+(?:the\s+|my\s+)?(?:list|system|queue|schedule|roster|work\s+orders?)\b",
        r"\bno\s+need\s+to\s+(?:bother\s+with|use|go\s+through)\s+(?:the\s+)?(?:online\s+)?(?:portal|website|form|system|office)\b",
        r"\be-?transfer\s+me\b",
        r"\bI\s+can\s+send\s+you\s+the\s+(?:[\w-]+\s+){0,2}(?:spec|specs|tender|bid|application|permit|package|documents?|docs|forms?|drawings|plans)\b",
        r"\b(?:skip|bypass|forget)\s+(?:the\s+)?(?:portal|website|web\s*site|official\s+(?:queue|channels?|line)|311|phone\s+line|online\s+form|form)\b",
        r"\b(?:easier|faster|quicker)\s+than\s+(?:calling\s+(?:the\s+)?(?:city|311)|the\s+(?:website|portal|official\s+(?:queue|line|channels?)|online\s+form|phone\s+line))\b",
        r"\b(?:message|DM|PM|text|email)\s+me\s+(?:here\s+)?(?:with\s+)?(?:your|ur)\s+(?:[\w'’-]+\s+){0,3}?(?:requests?|questions?|complaints?|applications?|issues?|names?|addresses?)\b",
        # Dispatching City staff for someone: "I'll get the driver to swing by".
        r"\bI['’]?ll\s+(?:get|have|send)\s+(?:the|a|our|my|one\s+of\s+(?:the|our|my))\s+(?:crews?|drivers?|guys|team|inspectors?|trucks?|operators?)\b",
        r"\bI\'?ll\s+(?:look\s+(?:it\s+|that\s+|into\s+it\s+)?up|handle\s+it|take\s+care\s+of\s+it|sort\s+it\s+out|book\s+it|get\s+(?:it|that|this|you)\s+(?:done|fixed|booked|in|sorted|handled|looked\s+at))\b",
        r"\bfrom\s+my\s+end\b",
        r"\bI(?:['’]?ll|\s+can|\s+could)\s+(?:pencil|squeeze|slot|fit|book)\s+(?:you|u|them|em|'em|your\s+\w+)\s+(?:in|into)\b",
        r"\b(?:sign|fill)\s+(?:it\s+)?(?:and|&)\s+send\s+(?:it\s+)?back\s+to\s+me\b",
        r"\bso\s+we\s+can\s+award\b",
        r"\b(?:easier|faster|quicker)\s+than\s+going\s+(?:through|thru)\s+(?:procurement|purchasing|the\s+(?:portal|city|office|tender))\b",
        r"\bI['’]?(?:ll|\s+will)\s+(?:add|put|get)\s+(?:it|them|you|em|'em)\s+(?:on|onto|to|in(?:to)?)\s+(?:tomorrow['’]?s|today['’]?s|the|my|our)\s+(?:crew|work|job)\s+(?:list|sheet|orders?)\b",
        r"^\s*(?:crew|team|all\s+staff|parks\s+crew|roads\s+crew)\s*[—–:-](?=[^\n]{0,100}\b(?:shift|start|yard|muster|gloves|site|6am|7am))",
        r"\b(?:get(?:ting)?|have|having)\s+(?:it|that|them|your\s+\w+)\s+(?:waived|voided)\b",
        # Deciding someone's file in a comment: "yep your variance is approved, I'll send the letter over messenger".
        r"\byour\s+(?:variance|permit|application|rezoning|licen[cs]e|request|appeal|exemption|subdivision)\s+(?:is|was|has\s+been|got|went)\s+(?:approved|denied|granted|rejected|through)\b",
        r"\bI['’]?ll\s+send\s+(?:you\s+)?the\s+(?:letter|permit|approval|licen[cs]e|paperwork)\s+(?:over\s+|by\s+|through\s+)?(?:messenger|DM|text|FB|facebook)\b",
    ),
    # Offers that are City business only beside a City service or place (the checker asks):
    # "DM me your rates" sells a deck on its own, runs a tender beside "Harbour Passage repairs".
    "service_offer": _rx(
        r"\bgot\s+(?:your|ur)\s+(?:quote|bid|application|request|invoice)\b", r"\bwe'?ll\s+call\s+it\s+a\s+deal\b", r"\bI['’]?ll\s+sign\s+off\s+on\s+(?:it|that|the\s+\w+)\b",
        r"\bsent\s+(?:it|them|the\s+\w+)\s+(?:on|over|through|via)\s+(?:messenger|FB|facebook|DM|whatsapp|text)\b",
        r"\b(?:message|msg|DM|PM)\s+me\s+here\b",

        # Collecting what the City's own channels take: "comment ur address and I'll add it
        # to tomorrow's route", "DM me your rates, I'll pass it along", "collecting quotes".
        r"\b(?:DM|PM|message|text|email|send|comment|drop)\s+(?:me\s+)?(?:your|ur)\s+(?:[\w'’#-]+\s+){0,2}?(?:address(?:es)?|plates?|plate\s*#|ticket|times?|rates?|numbers|quotes?|bids?|prices?|licen[cs]e\s+plates?)\b",
        r"\bI['’]?(?:ll|\s+will)\s+(?:add|put|get)\s+(?:it|them|you|em|'em)\s+(?:on|onto|to|in(?:to)?)\s+(?:tomorrow['’]?s|today['’]?s|next\s+week['’]?s|the|my|our)\s+(?:route|run|list|schedule)\b",
        r"\bI['’]?(?:ll|\s+will)\s+(?:lock|pencil|book)\s+(?:it|them|you)\s+in\b",
        r"\bI['’]?(?:ll|\s+will)\s+(?:pass|send)\s+(?:it|them|those|these)\s+(?:along|on|up)\b",
        r"\bI['’]?(?:ll|\s+will)\s+see\s+what\s+I\s+can\s+do\b",
        r"\b(?:collecting|taking|accepting|getting)\s+(?:quotes|bids|tenders|proposals)\s+(?:for|on)\b",
        r"\bgetting\s+(?:it|that|them|the\s+\w+)\s+(?:waived|cancell?ed|dropped|wiped|reduced)\b",
    ),
    "reply_cue": _rx(
        r"^\s*\^+\s*(?:this|yes|agreed|exactly)\b", r"\bpreach\b",
        r"^\s*@\w+",
        r"\b(?:replying|responding)\s+to\b",
        r"\bin\s+(?:reply|response)\s+to\b",
        r"^\s*re:",
        r"(?:^|\n)[ \t]*>[ \t]*\S",
        r"\byou'?re\s+(?:so\s+|absolutely\s+|totally\s+)?right\b",
        r"\b(?:you'?re|you\s+are|ur)\s+(?:not\s+wrong|spot\s+on|dead\s+on)\b",
        r"\bI\s+(?:totally\s+|completely\s+|fully\s+|100%\s+)?agree\b",
        r"\bagreed\b",
        r"\bso\s+true\b",
        r"\bcouldn'?t\s+agree\s+more\b",
        r"\bwell\s+said\b",
        r"\b(?:this|that)\s+(?:comment|post|thread)\b",
        r"\byour\s+(?:comment|post|point)\b",
        r"\bto\s+(?:everyone|all\s+(?:of\s+)?you|the\s+people)\s+(?:complaining|saying|who\s+said|commenting)\b",
        r"\b(?:commenters?|people\s+in\s+the\s+comments|the\s+comments)\b",
        r"\b(?:you|he|she|they)\s+said\s+(?:the\s+)?(?:city|council|mayor|staff)\b",
        r"\bexactly\s*[!.]",
        r"\b(?:people|those|everyone|folks)\s+(?:who\s+are\s+)?(?:complaining|whining|moaning)\b",
        r"\bhaters\b",
        r"\bthe\s+complainers\b",
    ),
    "city_target": _rx(
        r"\b(?:mission|saint\s+john|SJ|city)\s+(?-i:(?:[Ee]ngineering|[Pp]lanning|[Bb]ylaw|[Tt]ransit|[Pp]ublic\s+[Ww]orks|[Ff]inance|IT|HR|[Rr]oads|[Pp]arks(?:\s*(?:&|and)\s*[Rr]ec)?))\b",
        r"\bcouncil(?:lors?|lor|llors?|llor)?\b",
        r"\bmayor\b",
        r"\bcity\s+(?:hall|staff|manager|crew|crews|workers?|employees?|council|officials?|planners?|management|engineers?|inspectors?|departments?)\b",
        r"\bCAO\b",
        # Front-line staff being talked about ("the firefighters you're slamming") are the City's people.
        r"\b(?:the\s+)?(?:firefighters|fire\s+crews?|plow\s+(?:drivers|operators)|bus\s+drivers|garbage\s+(?:collectors|crews)|lifeguards)\s+(?:you|who|that|were|are)\b",
        # City departments by their public names: "SJ Water can't fix a leak".
        r"\b(?:SJ|(?:saint|st\.?)\s+john|mission)\s+(?:water|transit|fire(?:\s+department)?|public\s+works|works|parks|roads|bylaw|utilities)\b",
        r"\bchief\s+administrative\s+officer\b",
        r"\b(?:my|our|the)\s+(?:boss|supervisor|manager|director|department\s+head|coworkers?|co-workers?|colleagues?)\b",
        r"\b(?:my|our|the)\s+(?:parks|roads|transit|water|works|rec(?:reation)?|finance|planning|bylaw|fire|IT|HR|engineering|utilities)\s+(?:director|manager|supervisor|foreman|superintendent|chief|commissioner|boss)\b",
        r"\b(?:guys|crew|people|folks|staff|everyone|half\s+the\s+\w+)\s+(?:at|in|on)\s+(?:my|our)\s+(?:depot|work|office|shop|yard|station|branch|hall|department|dept|crew|team|shift)\b",
        r"\b(?:by-?law|bylaw)\s+(?:officers?|enforcement)\b",
        r"\b(?:public\s+works|parks|roads|transit|planning|finance|HR|water|utilities|works|rec(?:reation)?|bylaw|engineering|IT|fire|sanitation|garbage|snow)\s+(?:department|dept|crews?|staff|division|guys|team|people)\b",
        r"\belected\s+officials?\b",
        r"\b(?:management|administration)\b",
        r"\b(?:this|the|our)\s+town\b(?=[^.!?]{0,30}\b(?:approved|decided|council|hall|staff|runs?|run\s+by|ever)\b)",
        # "whoever in Parks scheduled the mowing", "whoever designed the new roundabout": the
        # unnamed person behind a City decision.
        r"\bwhoever\s+(?:at|in|from)\s+(?:the\s+)?(?:city|city\s+hall|parks|public\s+works|transit|roads|planning|engineering|bylaw|finance|rec(?:reation)?)\b",
        r"\bwhoever\s+(?:designed|planned|scheduled|approved|decided\s+on|thought\s+of|came\s+up\s+with|signed\s+off\s+on)\s+(?:the|this|that|our)\s+(?:new\s+)?(?:roundabout|intersection|bike\s+lanes?|crosswalks?|sidewalks?|detours?|roadwork|road\s+work|paving|mowing|snow\s+(?:clearing|plowing|removal)|bus\s+(?:routes?|schedule)|budget|bylaw|parking|signs?|park|trail|schedule|closure)",
    ),
    "city_topic": _rx(
        r"\bcouncil(?:lors?|lor|llors?|llor)?\b",
        r"\bmayor\b",
        r"\bcity\s+(?:hall|staff|manager|crew|crews|workers?|employees?|council|officials?|planners?|budget|services?|departments?|bylaws?|by-laws?|property|vehicles?|trucks?|email|accounts?|policy|policies|project|projects|facilities|pool|arena|library|parks?|roads?|website|site|page|app|of\s+(?:saint|st\.?)\s+john|of\s+mission)\b",
        r"\bmunicipal\w*\b",
        r"\bby-?laws?\b",
        r"\b(?:property\s+)?tax(?:es|\s+(?:rate|bill|increase|hike))?\b",
        r"\bbudget\b",
        r"\bpermits?\b",
        r"\b(?:re)?zoning\b",
        r"\bdevelopment\s+(?:applications?|permits?|proposals?)\b",
        r"\bpublic\s+works\b",
        r"\bparks?\s+(?:and\s+rec(?:reation)?|crew|department|staff)\b",
        r"\brecreation\s+(?:cent(?:re|er)|programs?)\b",
        r"\btransit\b",
        r"\b(?:garbage|recycling|compost|trash)\s+(?:collection|pickup|pick-up|schedule|trucks?|day|crews?|(?:was|is|were|are)\s+late)\b",
        r"\bsnow\s+(?:removal|plowing|plowed|clearing|plows?)\b",
        r"\bpaid\s+parking\b",
        r"\b(?:flood|zoning|floodplain|flood\s*plain)\s+maps?\b",
        r"\bboil(?:[-\s]water)?\s+(?:order|advisory|notice)\b",
        r"\b(?:street\s+|paid\s+|free\s+|city\s+)?parking\s+(?:on\s+[A-Z]\w+\s+(?:St|Street|Ave|Avenue|Rd|Road)\b|meters?|tickets?|rates?|fees?|enforcement|bylaw|bans?|passes|permits?)",
        r"\b(?:snow\s*)?(?:plows|plow\s+(?:trucks?|drivers?|operators?|routes?)|ploughs|salt\s+trucks?|sanders)\b",
        r"\bpotholes?\b",
        r"\bwater\s+(?:mains?|bills?|rates?|treatment|meters?|pressure)\b",
        r"\b(?:roundabouts?|bike\s+lanes?|crosswalks?|sidewalks?|streetlights?|street\s+lights?|speed\s+bumps?|road\s*work|paving)\b",
        r"\bfire\s+(?:department|hall|chief|station)\b",
        r"\bCAO\b",
        r"\bchief\s+administrative\s+officer\b",
        r"\binfrastructure\b",
        r"\b(?:public\s+)?hearing\b",
        r"\bward\s+\d+\b",
        r"\b(?:leisure|rec(?:reation)?|community|aquatic|civic)\s+cent(?:re|er)\b",
        r"\b(?:city|public|municipal)\s+(?:pool|library|arena|rink|park|parks|beach|dock)\b",
        r"\belected\s+officials?\b",
        r"\b(?:saint|st\.?)\s+john\b",
        r"\bcity\s+of\s+mission\b",
        # Services only the City runs here: "yard waste pickup ends Oct 15", "water's getting
        # shut off all day Thursday", "the Lancaster pool is closed ALL summer".
        r"\b(?:yard|leaf)\s+(?:&\s+yard\s+)?waste\b", r"\b(?:leaf|brush|bulky\s+item|curbside|recycling|compost)\s+(?:pickup|pick-up|collection)\b", r"\bcurbside\s+recycling\b",
        r"\b(?:cash|bus|transit|tap)\s+fares?\b", r"\bfare\s+cards?\b", r"\bagenda\s+package\b", r"\b(?:green|blue|grey|gray)\s+bins?\b",
        r"\bwater(?:['’]s|\s+is|\s+will\s+be|\s+(?:getting|being|gets|got))\s+(?:\w+\s+)?(?:shut|turned)\s+off\b",
        r"\bwater\s+(?:shut-?offs?|outages?|main\s+breaks?)\b",
        r"\b(?:splash\s+pads?|spray\s+parks?|boat\s+launch)\b",
        r"\bbus\s+(?:routes?|stops?|schedules?|shelters?|drivers?|service)\b",
        r"(?-i:\b(?!(?:The|My|Our|Your|His|Her|Their|This|That|An?|Backyard|Hotel|Home|Swimming|Kiddie|Inflatable|Outdoor|Indoor|New|Old|Local|Community|Public)\b)[A-Z][a-z]+\s+(?:[A-Z][a-z]+\s+)?(?:pool|rink|arena|pavilion|library|ball\s*fields?|ball\s+diamonds?))\b",
    ),
    "insult": _rx(
        r"\bhags?\b", r"\bentitled\s+(?:\w+\s+)?(?:brat|hag|jerk|idiot|karen|witch|cow|princess)s?\b",
        # Body-shaming aimed at someone: "nobody wants to see your rolls", "so fat she can barely fit".
        r"\b(?:your|her|his|their)\s+(?:rolls|flab|muffin\s+top|beer\s+gut|fat\s+\w+)\b", r"\bso\s+fat\b", r"\bfatty\b", r"\bold\s+(?:bag|hag|bat|coot|geezer|fart|cow)\b", r"\blet\s+(?:herself|himself)\s+go\b",
        r"\b(?:you|u|she|he)\s+looks?\s+like\s+(?:a|an)\s+(?:thumb|potato|troll|pig|whale|cow|hobbit|goblin|gremlin|rat|horse|hag|witch|walrus)\b",
        r"\bpiece\s+of\s+(?:garbage|trash|shit|crap|work)\b", r"\bsmells?\s+like\s+(?:a\s+)?(?:sewer|garbage|trash|shit|dumpster|death)\b", r"\bget\s+a\s+life\b", r"\binbred\b", r"\b(?:sad|lonely|pathetic|ugly)\s+(?:lonely\s+)?freaks?\b", r"\bnobody\s+wants\s+(?:u|you)\b", r"\bhicks?\b", r"\bugliest\s+(?:couple|people|family|person|kid|woman|man|guy|girl|lady)\b",
        r"\b(?:you|u)\s+(?:have|got)\s+no\s+(?:clue|idea)\s+what\b", r"\bcouldn'?t\s+find\s+(?:the\s+)?\w+(?:\s+\w+)?\s+with\s+a\s+map\b", r"🤡", r"\bjunkies\b",
        r"\b(?:does|do|doing|did|accomplish(?:ed|es)?|achieved)\s+(?:absolutely|exactly|literally)\s+n[o0]thing\b", r"\btakes?\s+(?:cash|bribes|money|kickbacks)\s+(?:to|for)\b",
        r"\b(?:the\s+)?geniuses\s+(?:upstairs|at\s+city\s+hall|in\s+charge|on\s+council|in\s+(?:engineering|planning|finance))\b",
        r"\b(?:absolute|total|complete|giant|massive|fat)\s+(?:beached\s+)?(?:whale|walrus|hippo|heifer|blob|manatee)\b", r"\bbeached\s+whale\b", r"\bfat\s+(?:ass|pig|cow|slob)\b",
        r"\bfraud\s+and\s+a\s+cheat\b", r"\bis\s+a\s+(?:fraud|cheat|liar)\b",
        r"\bclowns?\b", r"\bidiot(?:s|ic)?\b", r"\b(?:dumbest|stupidest|laziest)\b", r"\bmoron(?:s|ic)?\b", r"\bstupid(?:ity)?\b", r"\bdumb\b",
        r"\bincompeten(?:t|ce)\b", r"\buseless\b", r"\blazy\b", r"\bcorrupt(?:ion)?\b", r"\bclueless\b",
        r"\bpathetic\b", r"\b(?:a|total|complete|such\s+a)\s+joke\b", r"\bcircus\b", r"\bbuffoons?\b",
        r"\bfools?\b", r"\bimbeciles?\b", r"\blosers?\b(?!\s+(?:buys|pays|gets|has\s+to))", r"\bbrain-?dead\b", r"\bdisgrace(?:ful)?\b",
        r"\bcrooks?\b", r"\bliars?\b", r"\blying\b", r"\bthie(?:f|ves)\b", r"\bfrauds?\b", r"\bworthless\b",
        r"\bhopeless\b", r"\bdimwits?\b", r"\bhalf-?wits?\b", r"\bshameful\b", r"\bembarrass(?:ing|ment)\b",
        r"\bcan'?t\s+do\s+(?:their|his|her)\s+jobs?\b", r"\bwaste\s+of\s+(?:space|money|oxygen|taxpayer)",
        r"\b(?:is|are|was|were)\s+(?:total\s+|absolute\s+|complete\s+|such\s+)?(?:garbage|trash|rubbish|a\s+(?:dumpster\s+fire|train\s?wreck|shambles))\b",
        r"\b(?:an?\s+)?(?:absolute|total|complete|hot)\s+mess\b",
        r"\bscrew-?ups?\b",
        r"\bgo\s+(?:f\W*\w*k|screw|to\s+hell)\s+(?:it|them|your)sel(?:f|ves)\b",
        r"\bcouldn'?t\s+organi[sz]e\b", r"\bdinosaurs?\b", r"\bdo-?nothing\b", r"\bpower[-\s]hungry\b",
        r"\bsnakes?\b", r"\bhacks\b", r"\bpuppets?\b", r"\bcronies\b", r"\bkickbacks?\b", r"\bgreedy\b",
        r"\bincapable\b", r"\bignorant\b", r"\bscum\w*\b", r"\bparasites?\b", r"\bleeches?\b", r"\bidiocy\b",
        r"\bnincompoops?\b", r"\bmorons?\b", r"\bdumpster\s+fire\b", r"\bshit\s*show\b", r"\bclown\s+show\b",
        r"\bgutless\b", r"\bspineless\b", r"\bcowards?\b", r"\bsheep\b", r"\bclowncil\b", r"\bcrooked\b",
        r"\bridiculous\b", r"\bnuts\b", r"\binsane\b", r"\bcrazy\b", r"\bdisgusting\b", r"\bsucks?\b",
        r"\b(?:the\s+)?worst\b", r"\bterrible\b", r"\bawful\b", r"\bhorrible\b", r"(?<!best\s)(?<!great\s)(?<!good\s)(?<!fun\s)(?<!nice\s)\bbunch\s+of\s+\w+",
    ),
    "threat": _rx(
        r"\b(?:I'?ll|I\s+will|I'?m\s+gonna|I'?m\s+going\s+to|gonna|someone\s+should|somebody\s+should|we\s+should)\s+(?:\w+\s+){0,2}?(?:kill|hurt|beat|punch|shoot|stab|burn|destroy|smash|strangle|choke|slap|run\s+(?:him|her|them|you)\s+over|find\s+(?:you|him|her|them)|make\s+(?:you|him|her|them)\s+pay)\b",
        r"\bwatch\s+(?:your|ur)\s+back\b",
        r"\b(?:hurry\s+up\s+and\s+|just\s+)?(?:die|drop\s+dead)\s+already\b", r"\bhope\s+(?:you|he|she|they)\s+(?:die|dies|drop\s+dead|get\s+hit|choke|chokes|rot|rots|burn|burns)\b",
        r"\b(?:putting|put|leave|leaving)\s+out\s+(?:some\s+)?(?:antifreeze|poison|rat\s+poison)\b",
        r"\b(?:we|I)\s+know\s+who\s+you\s+are\b",
        r"\bkeep\s+it\s+up\s+and\s+(?:you'?ll|you\s+will|see\s+what)\b",
        r"\bsee\s+what\s+happens\s+(?:next\s+time|the\s+next\s+time|when|if)\s+(?:you|u|ur|you'?re|he|she|they)\b",
        r"\bsee\s+what\s+happens\s+to\s+(?:your|ur|his|her|their)\b", r"\bI\s+(?:got|have|know)\s+(?:your|ur)\s+(?:plate|truck|car|house)\b", r"\bcome\s+say\s+(?:it|that)\s+to\s+(?:me|my\s+face)\b", r"\bmight\s+be\s+(?:your|his|her|their)\s+last\b", r"\b(?:we|I)\s+know\s+(?:which|where)\s+(?:house|home|car|truck|place)\s+is\s+(?:yours|his|hers)\b",
        r"\b(?:we\s+(?:all\s+)?|let'?s\s+(?:all\s+)?|maybe\s+we\s+(?:all\s+)?|someone\s+should\s+|I\s+might\s+)pay\s+(?:her|him|them|this\s+\w+)\s+a\s+(?:little\s+)?visit\b",
        r"\byou'?ll\s+be\s+the\s+one\s+(?:needing|in\s+the\s+hospital|getting\s+hurt)\b",
        r"\bI\s+know\s+where\s+(?:you|he|she|they)\s+(?:live|lives|park|parks|work|works)\b",
        r"\b(?:burn|blow)\s+(?:it|that\s+place|city\s+hall|the\s+\w+)\s+(?:down|up)\b",
        r"\bdeserves?\s+to\s+(?:die|be\s+(?:shot|hurt|beaten|punched|killed))\b",
        r"\b(?:you'?ll|you\s+will|they'?ll|he'?ll|she'?ll)\s+(?:pay|regret)\b",
        r"\bwon'?t\s+be\s+safe\b",
        r"\bor\s+else\b",
        r"\bbetter\s+(?:watch|be\s+careful)\b",
        r"\b(?:hope|wish)\s+(?:you|he|she|they)\s+(?:die|dies|get\s+hurt|gets\s+hurt)\b",
        r"\bwon\'?t\s+walk\s+away\b",
        r"\bconsider\s+this\s+(?:your|ur)\s+(?:last\s+|final\s+|only\s+)?warning\b",
        r"\byou\'?ve\s+been\s+warned\b",
        r"\bI\s+swear\s+(?:he|she|you|they)\s*(?:\'ll|will|won\'?t|\'re\s+gonna)\b",
        r"\bquit\s+before\s+(?:we|I)\s+make\s+you\b",
        r"\bmake\s+(?:your|his|her|their)\s+life\s+(?:hell|miserable)\b",
    ),
    "sexual": _rx(
        r"\b(?:da+y?u+m|damn)\s+(?:girl|gurl|mama|baby)\b", r"\bhelp\s+(?:w|with)\s+(?:the|your|ur)\s+sunscreen\b",
        r"\bsexy\b", r"\bhottie\b", r"\bnudes?\b", r"\bnaked\b", r"\bsend\s+(?:me\s+)?(?:pics|nudes)\b",
        r"\bhook\s+up\b", r"\bbooty\b", r"\bboobs?\b", r"\btits?\b", r"\bsleep\s+with\b", r"\bsexual(?:ly)?\b",
        r"\bxxx\b", r"\bporn\w*\b", r"\bonlyfans\b", r"\bnsfw\b", r"\blingerie\b", r"\bstrip(?:per|\s+club)\b",
        r"\berotic\b", r"\bexplicit\b", r"\bsweetheart\b", r"\bif\s+(?:u|you)\s+know\s+what\s+I\s+mean\b", r"\b(?:a\s+)?solid\s+10\b", r"\bsweet\s*cheeks\b", r"\bbaby\s*girl\b", r"\bhot\s+stuff\b", r"\bbed\s+(?:her|him)\b", r"\bthat\s+ass\b", r"\bin\s+bed\b",
    ),
    "copyright_cue": _rx(
        r"\bstreaming\s+the\s+(?:full\s+)?(?:UFC|fight|game|PPV|pay-per-view|movie|card)\b", r"\b(?:full\s+)?(?:UFC|PPV)\s+card\b",
        r"©", r"\(c\)\s*\d{4}", r"\ball\s+rights\s+reserved\b", r"\bfull\s+(?:movie|album|episode|season|book|pdf|textbook)\b",
        r"\bfree\s+download\b", r"\bdownload\s+(?:link|here|it\s+free)\b", r"\bpirat(?:ed|ing)\b", r"\btorrents?\b",
        r"\bripped\b", r"\breposting\s+(?:this\s+)?(?:without|w/o)\s+(?:credit|permission)\b",
        r"\b(?:grabbed|took|pulled|stole|borrowed|lifted|ripped|saved)\s+(?:some\s+|a\s+few\s+|these\s+|this\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:shots?|photos?|pics?|images?|pictures?|songs?|videos?|clips?|artwork)\s+(?:of\s+(?:[\w-]+\s+){1,3})?(?:off|from)\s+(?:a|an|some|this|that|the|her|his)\s+(?:\w+(?:'s|’s)\s+)?(?:photographer|artist|instagram|insta|IG|website|page|account|feed)",
        r"\bhope\s+(?:nobody|no\s+one|youtube|tiktok|facebook|instagram)\s+(?:flags|reports|takes\s+down|notices)\s+it\b", r"\bthe\s+whole\s+(?:[\w'’-]+\s+){0,3}song\b",
        r"\bhope\s+(?:she|he|they|the\s+(?:photographer|artist|band|author))\s+(?:doesn'?t|don'?t|won'?t)\s+mind\b",
        r"\bpaywall(?:ed)?\b", r"\b(?:not|isn'?t)\s+my\s+(?:photo|image|video|song|music|work|pic)\b",
        r"\bcredit\s+to\s+(?:the\s+)?(?:owner|original)\b", r"\bno\s+copyright\s+intended\b",
        r"\bscanned\s+(?:the|a|this|every)\s+(?:\w+\s+)?(?:book|textbook|chapter|manual|report|page)s?\b",
        r"\b(?:copy|copied)\s+(?:and\s+pasted\s+)?(?:the\s+)?(?:whole|entire|full)\b",
        r"\bwithout\s+(?:the\s+)?(?:photographer|artist|author|owner)'?s?\s+permission\b",
        r"\bfound\s+this\s+(?:\w+\s+)?(?:photo|pic|picture|image|video|song|clip)\s+(?:\w+\s+){0,4}online\b",
        r"\bno\s+idea\s+who\s+(?:took|made|shot|wrote)\s+it\b",
        r"\bscreen[-\s]?record(?:ed|ing)?\b",
        r"\b(?:off|from)\s+(?:netflix|disney\+?|crave|hbo|prime\s+video|spotify)\b",
        r"\bfull\s+(?:video|movie|episode|finale)\s+(?:below|here|in\s+the\s+comments)\b",
        r"\bbefore\s+it\s+gets\s+taken\s+down\b",
    ),
    "illegal_cue": _rx(
        r"\b'?found'?\s+(?:e-?bikes?|bikes?|phones?|tools|laptops?)\b", r"\bno\s+papers,?\s+(?:and\s+)?no\s+questions\b",
        r"\b(?:get\s+around|beat|bypass|trick|fool)\s+(?:a|the|an)\s+(?:breathalyzer|interlock|drug\s+test|speed\s+camera|photo\s+radar)\b",
        r"\bmoonshine\b(?=[^\n]{0,80}(?:\$|sell|jar|DM|pickup))", r"\b(?:way\s+)?(?:past|over)\s+the\s+legal\s+(?:limit|\d+)",
        # Getting away with it: "fire ban or not", "nobody's gonna know", "untaxed smokes".
        r"\b(?:fire|burn|campfire|burning|fishing|parking)\s+ban\s+or\s+not\b",
        r"\b(?:nobody|no\s+one)(?:['’]s|\s+is|\s+will)?\s+(?:gonna\s+|going\s+to\s+|ever\s+)?(?:know|notice|find\s+out)\b",
        r"\bnobody\s+(?:checks|enforces|from\s+bylaw\s+works)\b",
        r"\buntaxed\s+(?:smokes|cigarettes|cigs|tobacco|booze|liquor)\b",
        r"\bway\s+over\s+the\s+limit\b",
        r"\bdon'?t\s+tell\s+(?:fisheries|the\s+game\s+warden|conservation\s+officers|the\s+DFO|DFO|the\s+cops|the\s+police|the\s+RCMP|CRA|the\s+taxman|conservation|fish\s+and\s+game|BC\s+Hydro|NB\s+Power|bylaw|the\s+landlord)\b",
        r"\b(?:DFO|the\s+cops|the\s+police|the\s+RCMP|CRA|BC\s+Hydro|NB\s+Power|bylaw)\s+(?:has|have)\s+no\s+idea\b",
        r"\bjump(?:ed|ing)?\s+the\s+(?:hydro\s+|power\s+|electric\s+)?meter\b",
        r"\b(?:selling|sells|buy(?:ing)?|got|get)\s+(?:some\s+)?(?:shrooms|coke|molly|acid|meth|oxy|percs)\b",
        r"\btook\s+home\s+(?:\w+\s+){0,4}?(?:of\s+)?(?:the\s+)?(?:city(?:'s|’s)|work(?:'s|’s)?)\s+\w+",
        r"\b(?:weed|cocaine|coke|meth|pills|shrooms|oxy)\s+(?:for\s+sale|available|delivery|plug)\b",
        r"\bcash\s+only,?\s+no\s+(?:receipts?|tax)\b",
        r"\bunder\s+the\s+table\b",
        r"\bbolt[-\s]?cutters\b", r"\b(?:cut|snip|pick)\s+(?:the|a)\s+lock\b", r"\bafter\s+the\s+gates?\s+(?:close|lock)\w*\b(?=[^.!?]{0,60}(?:🤫|🔓|sneak|get\s+in|hop|climb))",
        r"\b(?:1[4-9]\d|2\d\d)\s*(?:km/?h|kmh|kph|clicks)?\s+(?:on|down|up|along|through)\s+(?:the\s+)?[A-Z]\w+",
        r"\b(?:don'?t|never)\s+pay\s+(?:your\s+)?(?:taxes|tickets?|fines?)\b",
        r"\bdump(?:ed|ing)?\s+(?:\w+\s+){0,3}(?:in|into)\s+the\s+(?:river|creek|lake|bush|woods|ditch)\b",
        r"\bdrunk\s+driv\w+\b",
        r"\bdr(?:o|i)ve\s+(?:home\s+)?(?:drunk|hammered|wasted|high)\b",
        r"\b(?:steal|stole|stolen|shoplift\w*)\b",
        r"\bfake\s+(?:id|ids|permit|licen[cs]e|receipt|doctor'?s\s+note|nexus\s+card|passport|health\s+card|status\s+card|insurance|vaccine\s+card|plates?)s?\b",
        r"\b(?:bootleg|counterfeit)\w*\b",
        r"\bvandali[sz]\w*\b",
        r"\bpoach(?:ed|ing)\b",
        r"\bhack(?:ed|ing)?\s+into\b",
        r"\bjaywalk\w*\b",
        r"\bwithout\s+a\s+(?:permit|licen[cs]e)\b",
        r"\b(?:oxy|oxys|percs?|xanax|adderall|fent|molly|edibles|pills?)\b[^.!?\n]{0,40}(?:\$\s?\d|DM|sell|selling|for\s+sale|pickup|a\s+pill)",
        r"\b(?:selling|sell)\s+(?:my\s+)?(?:extra\s+)?(?:oxy|percs?|xanax|adderall|prescription|pills)\b",
        r"\b(?:street\s+)?racing\s+on\b",
        r"\bcops\s+(?:never|don'?t|won'?t)\s+(?:patrol|check|come)\b",
        r"\b(?:cash|paid)\s+under\s+the\s+table\b|\$\s?\d+\s*/\s*(?:hr|hour)\s+cash\b",
        r"\bno\s+(?:permit|licen[cs]e|receipt)\s*,?\s+no\s+problem\b",
        r"\b(?:from\s+)?across\s+the\s+(?:line|border)\b[^.!?\n]{0,60}\b(?:sell|selling|cheap|DM)\b",
    ),
    "official_cue": _rx(
        r"\b(?:the\s+)?city\s+(?:will|has|is|announces?|confirms?|wants|asks|reminds|would\s+like)\b",
        r"\bwe\s+(?:will|are|have|would\s+like\s+to)\s+(?:\w+\s+){0,2}(?:residents|the\s+public|announce|remind|inform)\b",
        r"\bresidents\s+(?:are|should|must|can)\b",
        r"\bplease\s+(?:note|be\s+advised)\b",
        r"\bpublic\s+(?:notice|service\s+announcement)\b",
        r"\bofficial(?:ly)?\b",
    ),
    # A facility named the way the City names its own ("Lord Beaverbrook Rink", "Mission
    # Leisure Centre"): only used to read a rumour about it as a claim about City business.
    "named_facility": re.compile(
        r"\b(?:[A-Z][\w'’.]+\s+){1,4}(?:Rink|Arena|Pool|Library|Park|Cent(?:re|er)|Field|Fields|Trail|Stadium|Complex|Theatre|Hall|Beach|Marina|Station|Pavilion|Passage)\b"
    ),
    # Pointing people to the City's own channels, which the policies ask staff to do.
    "city_referral": _rx(
        r"\b(?:call(?:ing)?|phon(?:e|ing)|contact(?:ing)?|email(?:ing)?|report(?:ing)?\s+(?:it|this|that)\s+to|reach(?:ing)?\s+out\s+to)\s+(?:the\s+)?(?:city\b|city\s+hall|311\b|658-?city\b|customer\s+service)",
        r"\b658-?CITY\b",
        r"\b(?:best\s+bet\s+is|try|check)\s+(?:the\s+)?city(?:'s|’s)?\s+(?:website|site|page|app)\b",
        r"\b(?:go\s+by|check|look\s+at|see|read|trust)\s+(?:\w+\s+){0,3}?(?:on\s+|at\s+)?(?:the\s+)?city(?:'s|’s)\s+(?:official\s+)?(?:site|website|page|notice|report|updates?|posts?)\b",
        r"\b(?:the\s+)?city\s+posts\s+(?:its|the|an?)\b[^.!?\n]{0,60}\b(?:website|site|page)\b",
    ),
    # Content attributed to the City as its source: passing on what the City published.
    "city_source": _rx(
        # The shared card a platform adds: "[shared post from City of Mission]", "[reposted from @cityofsaintjohn]"
        r"\[\s*(?:shared|reposted|re-?shared)\s+(?:post\s+)?from\s+(?:the\s+)?(?:city\s+of\s+(?:mission|(?:saint|st\.?)\s+john)|city\b|@?\w*(?:city|saintjohn|mission)\w*)",
        r"\b(?:are|is)\s+(?:now\s+)?(?:up|posted|out|live)\s+(?:on|at)\s+(?:the\s+city(?:'s|’s)?\s+(?:site|website|page)|saintjohn\.ca|mission\.ca)\b",
        r"\b(?:sharing|reposting|re-?sharing|passing\s+(?:on|along))\s+(?:the\s+|this\s+)?city(?:'s|’s)?\s+(?:(?:official\s+)?(?:post|update|announcement|notice|news|page))",
        r"\b(?:shared|sharing|reposting|re-?shared)\s+from\s+(?:the\s+)?city\b",
        r"\bre-?shared\s+(?:the\s+)?city(?:'s|’s)\s+(?:post|update|announcement|notice)",
        r"\b(?:link|info|details|sign-?up|registration)\s+(?:is\s+|are\s+)?(?:on|at)\s+(?:the\s+)?city(?:'s|’s)\s+(?:website|site|page|facebook|instagram|account)",
        r"\b(?:the\s+)?city\s+(?:just\s+)?(?:posted|shared|published|put\s+out|released)\b",
        r"\b(?:per|via|from|according\s+to)\s+(?:the\s+)?city(?:'s|’s)?\s+(?:website|site|page|post|news\s+release|announcement|facebook|instagram)\b",
        r"\b(?:info|details|more|check\s+it|posting(?:'s|’s)?|job\s+posting|application|apply)\s+(?:is\s+|are\s+)?(?:here\s+)?(?:on|at|through|via)\s+(?:the\s+)?city(?:'s|’s)?\s+(?:careers?\s+|jobs?\s+|news\s+|events?\s+)?(?:website|site|page|portal)\b",
    ),
    "city_proper": re.compile(
        r"\b(?:the\s+)?City(?:'s|’s)?\b(?!\s+of\s+(?!(?:Saint|St\.?)\s+John|SJ\b|Mission)[A-Z])"
        # Lower-case "the city" acting or owning ("the city didn't waste a dime", "not the
        # city's fault") is the municipality too; "the city lights" is not.
        r"|(?i:\bthe\s+city(?:'s|’s)?(?=\s+(?:fault|didn'?t|did|does|doesn'?t|is|isn'?t|was|wasn'?t|has|hasn'?t|had|will|won'?t|should|shouldn'?t|can'?t|could|couldn'?t|needs?|spent|spends|paid|pays|wasted|wastes|decided|approved|cut|cuts|closed|budget|website|plan|crews?|staff|workers|council|never|just|already|finally|really|keeps?)\b))"
    ),
    "mention": re.compile(r"(?<![\w.@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?"),
    "hashtag": re.compile(r"(?<![\w#])#\w+"),
}

_ADDRESS = re.compile(
    r"\b\d{1,5}(?:-\d{1,5})?\s+(?:[A-Za-z][A-Za-z'’]+\.?\s+){1,3}"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Crescent|Cres|Boulevard|Blvd|Lane|Ln|Way|Court|Ct|Place|Pl|Terrace|Highway|Hwy|Parkway|Pkwy|Circle|Cir|Trail|Row|Close)\b\.?",
    re.IGNORECASE,
)
_CREDENTIAL_KEY = (
    r"\b(?:(?:wi-?fi\s+)?pass(?:word|wd|code|phrase)|pw|pwd|log-?in|username|user\s*name|user\s*id|pin|credentials?"
    r"|access\s+code|door\s+code|alarm\s+code|lock\s+combo|combination)(?:\s+(?:for|to|at|on)\s+[\w\s'’.-]{1,40}?)?"
)
# "password: x", "login = x": the separator says a value follows.
_CREDENTIAL_KV = re.compile(_CREDENTIAL_KEY + r"\s*[:=]\s*[\"'“]?[^\s\"'”]+", re.IGNORECASE)
# "password is hunter2": only when the value looks like a secret (a digit or a symbol),
# so "my password is strong" is not a leak.
_CREDENTIAL_IS = re.compile(_CREDENTIAL_KEY + r"\s+(?:is|was|-)\s+(?:(?:still|now|literally|just|always|STILL)\s+)?[\"'“‘]?(?=[^\s\"'”]*[\d#!$@%&*_/])[^\s\"'”]+", re.IGNORECASE)
# "pw Fundy#2023", "password hunter2!": a key followed directly by a value that looks like
# a secret (has a digit or symbol), without "is" or ":".
_CREDENTIAL_BARE = re.compile(
    r"\b(?:pw|pwd|pass(?:word|wd|code)?|passcode|pin)\s+(?=[^\s]*[\d#!$@%&*])[^\s,;]{4,}",
    re.IGNORECASE,
)
# "login is parksequip / Softball25" (a user and a password), "pw changed to Courtenay!Bay9".
_CREDENTIAL_PAIR = re.compile(
    _CREDENTIAL_KEY + r"\s+(?:is|was|are|(?:(?:was\s+|got\s+|has\s+been\s+)?(?:changed|updated|reset|switched)\s+to))\s+"
    r"(?:[^\s/]+\s*/\s*)?(?=[^\s]*[\d#!$@%&*])[^\s,;]{4,}",
    re.IGNORECASE,
)
# "the login for the staff portal if anyone wants to skip the modules: sjtrain / Welcome2024"
_CREDENTIAL_SLASH = re.compile(
    r"\b(?:log-?in|password|credentials?)\b[^.!?\n]{0,80}?:\s*[^\s/]+\s*/\s*(?=[^\s]*[\d#!$@%&*])[^\s,;]{4,}", re.IGNORECASE
)
# "work laptop pw is literally my cat's name lol 🐈 Pickles2023": the secret a few words on.
_CREDENTIAL_NEAR = re.compile(
    r"\b(?:pass(?:word|wd|code)|pw|pwd|pin)\s+(?:is|was)\b[^.!?\n]{0,40}?\b(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z\d!#$@%&*]{6,}\b", re.IGNORECASE
)
# "password on the city outlook? mine's been SaintJohn2023 since I started"
_CREDENTIAL_MINE = re.compile(
    r"\b(?:password|pw)\b[^.!?\n]{0,60}\bmine(?:['’]s|\s+is|\s+was)?(?:\s+been)?\s+(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z\d!#$@%&*]{6,}\b", re.IGNORECASE
)
_CREDENTIALS = (_CREDENTIAL_MINE, _CREDENTIAL_KV, _CREDENTIAL_IS, _CREDENTIAL_BARE, _CREDENTIAL_PAIR, _CREDENTIAL_SLASH, _CREDENTIAL_NEAR)
# "jsmith [at] saintjohn [dot] ca", "j.smith (at) mission (dot) ca"
_AT = r"(?:\s*[\[(]\s*at\s*[\])]\s*|\s+at\s+|\s*@\s*)"
_DOT = r"(?:\s*[\[(]\s*dot\s*[\])]\s*|\s+dot\s+)"
_OBFUSCATED_EMAIL = re.compile(
    rf"\b[\w.+-]+{_AT}(?P<domain>[\w-]+(?:(?:{_DOT}|\.)[\w-]+)*?)(?:{_DOT})(?P<tld>ca|com|org|net)\b",
    re.IGNORECASE,
)
_DOT_RX = re.compile(_DOT, re.IGNORECASE)
# Nine digits in threes; Presidio's recognizer skips SINs starting 0 or 8 (not issued to
# people, but still someone's number when a post says "SIN"), so these need the context.
_LOOSE_SIN = re.compile(r"(?<![\d-])\d{3}[- ]\d{3}[- ]\d{3}(?![\d-])")
_SIN_CONTEXT = re.compile(r"\b(?:sin|s\.i\.n|social\s+insurance|nas)\b", re.IGNORECASE)


# The Cities' own social-media handles ("@CityofSJ", "@CityOfMission").
CITY_HANDLES: dict[str, Pattern[str]] = {
    "saint-john": re.compile(r"@(?:the)?(?:city_?of_?(?:saint|st)_?john|city_?of_?sj|saint_?john_?city|sj_?city)(?:_?nb|_?official|_?hall)?$", re.IGNORECASE),
    "mission": re.compile(r"@(?:the)?(?:city_?of_?mission|mission_?city)(?:_?bc|_?official|_?hall)?$", re.IGNORECASE),
}


def _city_handle_tags(handle: str) -> set[str]:
    tags: set[str] = set()
    for org, rx in CITY_HANDLES.items():
        if rx.match(handle):
            tags.update({"city", f"city:{org}"})
    return tags


def _negated(text: str, start: int) -> bool:
    line_start = max(text.rfind("\n", 0, start), max(text.rfind(". ", 0, start), text.rfind("! ", 0, start)))
    window = text[max(line_start + 1, start - 40):start]
    return bool(_NEGATION.search(window))


def _overlaps(a: Detection, b: Detection) -> bool:
    return a.start < b.end and b.start < a.end


class Detectors:
    """Runs every detector over a normalised text. Build once; `run` is cheap (~2 ms)."""

    def __init__(self, city_domains: dict[str, tuple[str, ...]] | None = None) -> None:
        self.city_domains = city_domains or CITY_DOMAINS

    @cached_property
    def _analyzer(self):  # type: ignore[no-untyped-def]
        # Heavy imports stay here: presidio pulls in spaCy's vocabulary machinery.
        import tldextract
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NoOpNlpEngine
        from presidio_analyzer.predefined_recognizers import (
            CaPostalCodeRecognizer,
            CaSinRecognizer,
            CreditCardRecognizer,
            EmailRecognizer,
            PhoneRecognizer,
            UrlRecognizer,
        )

        # The stock email recognizer validates domains with tldextract's module-level
        # extractor, which fetches the public suffix list: use the bundled snapshot only.
        extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

        class OfflineEmailRecognizer(EmailRecognizer):
            def validate_result(self, pattern_text: str) -> bool:
                return extract(pattern_text).fqdn != ""

        registry = RecognizerRegistry(supported_languages=["en"])
        for recognizer in (
            OfflineEmailRecognizer(),
            PhoneRecognizer(supported_regions=("CA", "US")),
            CaSinRecognizer(),
            CreditCardRecognizer(),
            UrlRecognizer(),
            CaPostalCodeRecognizer(),
        ):
            registry.add_recognizer(recognizer)
        engine = NoOpNlpEngine([{"lang_code": "en", "model_name": "none"}])
        return AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["en"])

    def warm_up(self) -> None:
        self._analyzer.analyze("call 506-555-0100 or j@example.com", language="en")

    def _city_tags(self, host: str) -> frozenset[str]:
        host = host.lower().rstrip(".")
        tags = set()
        for org, domains in self.city_domains.items():
            if any(host == d or host.endswith("." + d) for d in domains):
                tags.update({"city", f"city:{org}"})
        return frozenset(tags)

    def _entities(self, text: str) -> list[Detection]:
        kinds = {
            "EMAIL_ADDRESS": "email",
            "PHONE_NUMBER": "phone",
            "CA_SIN": "sin",
            "CREDIT_CARD": "credit_card",
            "URL": "url",
            "CA_POSTAL_CODE": "postal_code",
        }
        out: list[Detection] = []
        for r in self._analyzer.analyze(text, language="en"):
            kind = kinds.get(r.entity_type)
            if kind is None:
                continue
            span = text[r.start:r.end]
            tags: set[str] = set()
            if kind == "email":
                tags |= self._city_tags(span.rsplit("@", 1)[-1])
            elif kind == "url":
                host = re.sub(r"^(?:https?://)?(?:www\d{0,3}\.)?", "", span, flags=re.I).split("/")[0]
                tags |= self._city_tags(host)
            elif kind == "sin":
                # A bare nine-digit number passes Luhn one time in ten: only trust it
                # with separators (123 456 789) or the word "SIN" nearby.
                separated = not span.isdigit()
                context = _SIN_CONTEXT.search(text[max(0, r.start - 40):r.start])
                if not (separated or context):
                    tags.add("weak")
            elif kind == "postal_code" and r.score < 0.3:
                tags.add("weak")
            out.append(Detection(kind, r.start, r.end, span, float(r.score), frozenset(tags)))
        # Presidio reads the domain of an email as a URL, and a SIN or card as a phone.
        strong = [d for d in out if d.kind in ("email", "sin", "credit_card")]
        return [
            d for d in out
            if not (d.kind in ("url", "phone", "postal_code") and any(_overlaps(d, s) for s in strong))
        ]

    def _raw(self, text: str, phrases_only: bool = False) -> list[Detection]:
        """Detections with spans in `text` (a view), before mapping to the original."""
        found = [] if phrases_only else self._entities(text)
        if not phrases_only:
            for m in _ADDRESS.finditer(text):
                found.append(Detection("address", m.start(), m.end(), m.group()))
            for m in _OBFUSCATED_EMAIL.finditer(text):
                host = _DOT_RX.sub(".", m.group("domain")) + "." + m.group("tld")
                tags = {"obfuscated"} | set(self._city_tags(host))
                found.append(Detection("email", m.start(), m.end(), m.group(), 0.8, frozenset(tags)))
            for m in _LOOSE_SIN.finditer(text):
                digits = re.sub(r"\D", "", m.group())
                if _luhn(digits) and _SIN_CONTEXT.search(text[max(0, m.start() - 40):m.start()]):
                    found.append(Detection("sin", m.start(), m.end(), m.group(), 0.9))
        for rx in _CREDENTIALS:
            for m in rx.finditer(text):
                value = m.group().rstrip(".,;:!?)")
                found.append(Detection("credential", m.start(), m.start() + len(value), value))
        for kind, rx in PHRASES.items():
            for m in rx.finditer(text):
                if m.end() == m.start():
                    continue
                tags: set[str] = set()
                if kind in NEGATABLE and _negated(text, m.start()):
                    tags.add("negated")
                if kind == "mention":
                    tags.update(_city_handle_tags(m.group()))
                found.append(Detection(kind, m.start(), m.end(), m.group(), 1.0, frozenset(tags)))
        return found

    def run(self, base: MappedText, folded: MappedText | None = None) -> list[Detection]:
        """Every detection, spans as offsets into the submitted text. Phrase cues are also
        looked for in the folded view, which sees through leetspeak and masks."""
        views = [(base, False)]
        if folded is not None and folded.text != base.text.lower():
            views.append((folded, True))
        seen: set[tuple[str, int, int]] = set()
        found: list[Detection] = []
        for view, phrases_only in views:
            for d in self._raw(view.text, phrases_only):
                start, end = view.to_original(d.start, d.end)
                key = (d.kind, start, end)
                if key in seen:
                    continue
                seen.add(key)
                found.append(Detection(d.kind, start, end, d.text, d.score, d.tags))
        found = _drop_shadowed(found)
        found.sort(key=lambda d: (d.start, d.end, d.kind))
        return found


def _drop_shadowed(found: list[Detection]) -> list[Detection]:
    """Remove duplicates across views and kinds that a stronger detection explains: an
    email's "@name" is not a mention; a SIN read twice is one SIN."""
    emails = [d for d in found if d.kind == "email"]
    sins = [d for d in found if d.kind == "sin" and not d.has("weak")]
    out = []
    for d in found:
        if d.kind == "mention" and any(_overlaps(d, e) for e in emails):
            continue
        if d.kind in ("url", "phone", "address", "postal_code") and any(_overlaps(d, e) for e in emails + sins):
            continue
        if d.kind == "sin" and d.has("weak") and any(_overlaps(d, x) for x in sins):
            continue
        if d.kind == "email" and d.has("obfuscated") and any(_overlaps(d, e) for e in emails if not e.has("obfuscated")):
            continue
        out.append(d)
    return out


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0 and len(digits) > 1
