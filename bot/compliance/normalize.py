"""Text views for the checker, each with an offset map back to the text as submitted.

Detectors never look at the raw text: people (and spammers) hide words with zero-width
characters, Cyrillic/Greek look-alike letters, full-width forms, leetspeak and masks
("f*ck", "sh1t", "a$$", "f u c k"). Every view here keeps, for each of its characters, the
[start, end) range of the original characters it came from, so a match in any view maps
back to exact offsets in the submitted text (DESIGN.md: spans are offsets into the
submitted text).

    base = normalize(original)      # NFKC, invisibles dropped, homoglyphs folded, case kept
    folded = fold_obfuscation(base) # lower case, accents and leet/masks folded (abuse checks)
    base.to_original(start, end)    # -> (start, end) in `original`
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

# Characters that render as nothing: zero-width space/joiners, bidi controls, word joiner,
# BOM, soft hyphen, Mongolian vowel separator. They split words without being seen.
_INVISIBLE = frozenset(
    [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2060, 0x2065)]
    + ["\ufeff", "\u00ad", "\u180e", "\u034f"]
)

# Cyrillic and Greek letters that look like Latin ones. Folded only where the text is
# mostly Latin (a Russian or Greek post keeps its letters, so the language check sees it).
_HOMOGLYPHS = {
    # Cyrillic lower
    "а": "a", "в": "b", "е": "e", "ё": "e", "һ": "h", "і": "i", "ї": "i", "ј": "j", "к": "k",
    "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s",
    "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ь": "b", "п": "n", "г": "r",
    # Cyrillic upper
    "А": "A", "В": "B", "Е": "E", "Ё": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "Ԁ": "D", "Ԛ": "Q",
    "Ԝ": "W", "Ӏ": "I",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ς": "s",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Latin look-alikes outside ASCII that NFKC leaves alone
    "ı": "i", "ɡ": "g", "ɑ": "a", "ʟ": "L", "ᴀ": "A", "ᴄ": "C", "ᴅ": "D", "ᴇ": "E",
}


@dataclass(frozen=True)
class MappedText:
    """A view of `original`: `text[i]` came from `original[starts[i]:ends[i]]`."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) range of this view to a range of the original text."""
        n = len(self.text)
        start = max(0, min(start, n))
        end = max(start, min(end, n))
        if start == end:
            pos = self.starts[start] if start < n else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def original_excerpt(self, start: int, end: int) -> str:
        s, e = self.to_original(start, end)
        return self.original[s:e]


class _Builder:
    """Accumulates output characters, each with the original range it stands for."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, text: str, start: int, end: int) -> None:
        for ch in text:
            self.chars.append(ch)
            self.starts.append(start)
            self.ends.append(end)

    def build(self, original: str) -> MappedText:
        return MappedText(original, "".join(self.chars), tuple(self.starts), tuple(self.ends))


def _clusters(text: str) -> Iterable[tuple[int, int]]:
    """[start, end) of each base character plus the combining marks that follow it, so
    NFKC composes "e" + U+0301 into "é" as it would on the whole string."""
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        yield i, j
        i = j


def _script(ch: str) -> str:
    """Coarse script of a letter: 'latin', 'cyrillic', 'greek' or 'other'."""
    if ch.isascii():
        return "latin"
    name = unicodedata.name(ch, "")
    for script in ("LATIN", "CYRILLIC", "GREEK"):
        if name.startswith(script):
            return script.lower()
    return "other"


def script_counts(text: str) -> dict[str, int]:
    counts = {"latin": 0, "cyrillic": 0, "greek": 0, "other": 0}
    for ch in text:
        if ch.isalpha():
            counts[_script(ch)] += 1
    return counts


def normalize(original: str, words: frozenset[str] | None = None) -> MappedText:
    """NFKC per character cluster, invisibles removed, control characters as spaces,
    Cyrillic/Greek look-alikes folded to Latin when the text is mostly Latin (or inside a
    word that mixes scripts, the usual trick to dodge word filters), and words spelled out
    letter by letter closed up when they are known `words`."""
    b = _Builder()
    for start, end in _clusters(original):
        cluster = original[start:end]
        if all(ch in _INVISIBLE for ch in cluster):
            continue
        cluster = "".join(ch for ch in cluster if ch not in _INVISIBLE)
        if len(cluster) == 1 and unicodedata.category(cluster) == "Cc" and cluster not in "\n\t\r":
            b.add(" ", start, end)
            continue
        b.add(unicodedata.normalize("NFKC", cluster), start, end)
    view = b.build(original)
    return join_spaced_letters(_fold_homoglyphs(view), words)


_SPACED_WORD = re.compile(r"(?<![\w*'’])(?:[^\W\d_][ .\-]){3,}[^\W\d_](?![\w*])")


def join_spaced_letters(view: MappedText, words: frozenset[str] | None) -> MappedText:
    """Close up words written letter by letter ("b y l a w" -> "bylaw") when the result is
    a known word (`words`, or the abuse lexicon). Each letter keeps its own offsets."""
    vocab = (words or frozenset()) | _LEXICON_SET
    text = view.text
    drop: set[int] = set()
    for m in _SPACED_WORD.finditer(text):
        joined = re.sub(r"[ .\-]", "", m.group()).lower()
        if joined in vocab or (joined.endswith("s") and joined[:-1] in vocab):
            drop.update(i for i in range(m.start(), m.end()) if text[i] in " .-")
    if not drop:
        return view
    keep = [i for i in range(len(text)) if i not in drop]
    return MappedText(
        view.original,
        "".join(text[i] for i in keep),
        tuple(view.starts[i] for i in keep),
        tuple(view.ends[i] for i in keep),
    )


def _fold_homoglyphs(view: MappedText) -> MappedText:
    counts = script_counts(view.text)
    letters = sum(counts.values()) or 1
    mostly_latin = counts["latin"] / letters >= 0.5
    chars = list(view.text)
    for m in re.finditer(r"\w+", view.text):
        word = m.group()
        mixed = any(_script(c) == "latin" for c in word if c.isalpha()) and any(c in _HOMOGLYPHS for c in word)
        if not (mostly_latin or mixed):
            continue
        for i in range(m.start(), m.end()):
            if chars[i] in _HOMOGLYPHS:
                chars[i] = _HOMOGLYPHS[chars[i]]
    return MappedText(view.original, "".join(chars), view.starts, view.ends)


# --- the abuse view: lower case, accents stripped, leetspeak and masks resolved --------

# Words whose disguised spellings are worth resolving. Mild words are kept apart so the
# checker can treat them as "review" rather than "violation".
STRONG_PROFANITY = (
    "fuck", "fucking", "fucked", "fucker", "fuckers", "fucks", "motherfucker", "motherfuckers", "clusterfuck", "shitfaced",
    "fuckin", "fck", "fcking", "shit", "shitty", "shits", "bullshit", "shithead", "shitshow",
    "asshole", "assholes", "ass", "arse", "arsehole", "jackass", "dumbass", "bitch", "bitches",
    "bitching", "bastard", "bastards", "cunt", "cunts", "dick", "dicks", "dickhead", "prick",
    "pricks", "twat", "slut", "sluts", "whore", "whores", "cock", "cocksucker", "pussy",
    "wanker", "douche", "douchebag", "goddamn", "goddamned", "piss", "pissed", "stfu", "wtf",
    "retard", "retarded", "fag", "faggot", "dipshit", "horseshit", "ffs",
)
MILD_PROFANITY = ("damn", "damned", "dammit", "hell", "crap", "crappy", "sucks", "screw", "frigging", "freaking", "bloody", "omfg")
# Not profanity, but words people disguise for the same reason; folding them lets the
# phrase detectors and the classifier read "p0rn", "l0ser", "k1ll".
SENSITIVE = (
    "porn", "porno", "nude", "nudes", "naked", "sex", "sexy", "xxx", "kill", "die", "loser", "losers",
    "idiot", "idiots", "moron", "morons", "stupid", "hate", "clown", "clowns", "trash", "scum", "bylaw",
    "council", "mayor", "cops", "drugs", "weed", "oxy", "pills", "coke", "meth", "nazi", "nazis",
)
_LEXICON = STRONG_PROFANITY + MILD_PROFANITY + SENSITIVE
_LEXICON_SET = frozenset(_LEXICON)
_PROFANE_SET = frozenset(STRONG_PROFANITY + MILD_PROFANITY)

_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s", "!": "i", "|": "l", "+": "t", "€": "e"}
_MASK = "*#%_"
_TOKEN = re.compile(r"[\w@$*#!|+%€]+")
# Letters (or leet digits) separated by single spaces, dots or dashes: "f u c k", "s.h.i.t".
_SPACED = re.compile(r"(?<![\w*])(?:[\w@$*][ .\-]){2,}[\w@$*](?![\w*])")


def _squeeze(word: str, keep: int) -> str:
    return re.sub(r"(.)\1{%d,}" % keep, lambda m: m.group(1) * keep, word)


def _resolve(token: str) -> str | None:
    """The lexicon word a disguised token stands for, or None."""
    token = token.rstrip("!")
    if not token or not any(c.isalpha() for c in token):
        return None
    candidates = {token, _squeeze(token, 1), _squeeze(token, 2)}
    for cand in candidates:
        if cand in _LEXICON_SET:
            return cand
    has_mask = any(c in _MASK for c in token)
    leet = "".join(_LEET.get(c, c) for c in token)
    for cand in (leet, _squeeze(leet, 1), _squeeze(leet, 2)):
        if cand in _LEXICON_SET:
            return cand
    if has_mask and token[0] not in _MASK:
        # Each run of n mask characters stands for n letters (give or take one).
        parts = re.split(r"([%s]+)" % re.escape(_MASK), leet)
        pattern = "".join(
            "[a-z]{%d,%d}" % (max(1, len(p) - 1), len(p) + 1) if p and p[0] in _MASK else re.escape(p) for p in parts
        )
        rx = re.compile(pattern)
        for word in _LEXICON:
            if rx.fullmatch(word):
                return word
    return None


def _strip_accents(view: MappedText) -> MappedText:
    b = _Builder()
    for i, ch in enumerate(view.text):
        low = ch.lower()
        decomposed = unicodedata.normalize("NFKD", low)
        kept = "".join(c for c in decomposed if not unicodedata.combining(c)) or low
        if not ch.isalpha():
            kept = low
        b.add(kept, view.starts[i], view.ends[i])
    return b.build(view.original)


def fold_obfuscation(base: MappedText) -> MappedText:
    """The view the profanity and abuse checks read: lower case, accents stripped, and
    disguised spellings of lexicon words replaced by the word itself (mapped to the whole
    disguised token, so a finding's span covers "f*ck" exactly). Tokens that do not
    resolve to a lexicon word are left alone: "$20" and "b2b" stay as written."""
    view = _strip_accents(base)
    text = view.text
    b = _Builder()
    pos = 0

    def copy_until(stop: int) -> None:
        for i in range(pos, stop):
            b.add(text[i], view.starts[i], view.ends[i])

    spans: list[tuple[int, int, str]] = []
    for m in _SPACED.finditer(text):
        joined = re.sub(r"[ .\-]", "", m.group())
        word = _resolve(joined)
        if word:
            spans.append((m.start(), m.end(), word))
    taken = [False] * len(text)
    for s, e, _ in spans:
        for i in range(s, e):
            taken[i] = True
    for m in _TOKEN.finditer(text):
        if any(taken[m.start():m.end()]):
            continue
        token = m.group()
        if token.isalpha() and token in _LEXICON_SET:
            continue  # already plain
        word = _resolve(token)
        if word:
            end = m.end()
            # keep a trailing "!" as punctuation when the word did not need it
            while end > m.start() and text[end - 1] == "!" and _resolve(text[m.start():end - 1]) == word:
                end -= 1
            spans.append((m.start(), end, word))
    for s, e, word in sorted(spans):
        copy_until(s)
        orig_s, orig_e = view.starts[s], view.ends[e - 1]
        b.add(word, orig_s, orig_e)
        pos = e
    copy_until(len(text))
    return b.build(base.original)


def profanity_hits(folded: MappedText) -> list[tuple[int, int, str, bool]]:
    """(start, end, word, strong) of lexicon words in the folded view."""
    out = []
    for m in re.finditer(r"[a-z]+", folded.text):
        w = m.group()
        if w in _PROFANE_SET:
            out.append((m.start(), m.end(), w, w in STRONG_PROFANITY))
    return out


# --- shouting -------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")


def caps_spans(text: str, min_len: int = 3) -> list[tuple[int, int]]:
    """Words of `min_len`+ letters written in capitals ("STOP", "RIDICULOUS")."""
    return [(m.start(), m.end()) for m in _WORD.finditer(text) if len(m.group()) >= min_len and m.group().isupper()]


def caps_ratio(text: str) -> float:
    """Share of letters (in words of 3+ letters) that sit in all-caps words: 1.0 = shouting."""
    words = [m.group() for m in _WORD.finditer(text) if len(m.group()) >= 3]
    total = sum(len(w) for w in words)
    if total == 0:
        return 0.0
    return sum(len(w) for w in words if w.isupper()) / total


# --- sentences --------------------------------------------------------------------------

_ABBREV = frozenset({"st", "dr", "mr", "mrs", "ms", "ave", "rd", "blvd", "no", "vs", "etc", "e.g", "i.e", "inc", "ltd", "jr", "sr", "dept", "approx", "cres", "hwy", "p.m", "a.m"})
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|\n+")


def sentence_spans(text: str, min_words: int = 4) -> list[tuple[int, int]]:
    """[start, end) of each sentence in `text` (trimmed of surrounding white space).
    Splits after . ! ? … followed by white space, and at line breaks; not after common
    abbreviations ("St.", "Dr.") so an address stays in one sentence. Fragments of fewer
    than `min_words` words ("🎂 love u", "Long overdue.") join the sentence before them:
    alone they carry too little meaning for the classifier to score fairly."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group().startswith("."):
            prev = re.search(r"([\w.]+)\.*$", text[start:m.start()])
            if prev and prev.group(1).lower().rstrip(".") in _ABBREV:
                continue
        end = m.end() if not m.group().startswith("\n") else m.start()
        spans.append((start, end))
        start = m.end()
    spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    merged: list[tuple[int, int]] = []
    for s, e in out:
        if merged and len(_WORD.findall(text[s:e])) < min_words:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    if len(merged) >= 2 and len(_WORD.findall(text[merged[0][0]:merged[0][1]])) < min_words:
        merged[0:2] = [(merged[0][0], merged[1][1])]
    return merged


# Words VADER reads as negative that carry no mood here. Municipal service names: "yard
# waste pickup per saintjohn.ca/waste" scored -0.65, as hostile as an insult. Idioms about
# the author's own day: "my boss is going to kill me", "killer leg day, I'm dead".
_NOT_A_MOOD = re.compile(
    r"https?://\S+|\b[\w.-]+\.(?:ca|com|org|net)(?:/\S*)?"
    r"|\b(?:yard|food|organic|household|hazardous|solid|green)\s+waste\b|\bwaste\s+(?:pickup|pick-up|collection|management|water|site|schedule|calendar|carts?|bins?)\b"
    r"|\b(?:parking|fire|burn|campfire|outdoor\s+burning)\s+ban\b"
    r"|\bfire\s+(?:department|dept|hall|station|chief|fighters?|trucks?|hydrants?|code|pits?|permits?|prevention|inspector|services?|rescue)\b|\b(?:saint\s+john|st\.?\s+john|sj|mission)\s+fire\b"
    r"|\bemergency\s+(?:alert|services|management|program|preparedness|kit|plan)\b"
    r"|\b(?:gonna|going\s+to|will|'ll|would)\s+kill\s+(?:me|us)\b|\b(?:is|are|was)\s+killing\s+(?:me|us|it)\b"
    r"|\bkiller\s+(?:leg\s+day|workout|class|session|view|deal|sale|hike|ride|run|sunset)\b|\bI(?:'m|’m|\s+am)\s+dead\b|\bsend\s+help\b"
    r"|\b(?:would|I'?d|could)\s+kill\s+for\b|\b(?:trying|tryna|out)\s+to\s+kill\s+(?:me|us)\b|\bkilled\s+(?:\w+\s+)?(?:hours?|time|minutes|the\s+afternoon|an\s+hour)\b"
    r"|\b(?:my\s+)?(?:legs|arms|forearms|feet|calves|quads|back|phone|battery)\s+(?:are|is)\s+(?:dead|toast|jelly)\b|\bdead\s+(?:street\s*lights?|lights?|batter(?:y|ies)|bulbs?|phone)\b"
    r"|\bset\s+(?:an|your|ur)\s+alarms?\b|\b(?:killed|killing|crushed|crushing|smashed)\s+it\b|\bno\s+survivors\b|\bnobody\s+deserves\s+it\s+more\b",
    re.IGNORECASE,
)


def sentiment_text(text: str) -> str:
    """The text VADER should score: URLs, municipal service names and idioms about the
    author's own day blanked out (same length)."""
    return _NOT_A_MOOD.sub(lambda m: " " * len(m.group()), text)
