"""Is a draft mostly English? Script counts plus stop-word ratios, no model download.

The detectors, examples and lexicons are English. A post mostly in another language (French
in Saint John, Punjabi in Mission) cannot be judged by them, and the checker must say so
rather than return a silent "ok".
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

_EN = frozenset(
    """a about after all also am an and any are as at be been before but by can could did do does
    for from had has have he her here him his how i if in into is it its just me more my no not
    now of on or our out over she so some than that the their them then there these they this to
    too up us was we were what when where which who will with would you your i'm it's don't
    can't we're they're i've let's get got very today tonight great thanks lol omg wtf ppl smh tbh
    idk ngl lmao imo btw thx pls plz u ur gonna wanna""".split()
)

# Frequent function words per language, chosen to overlap English as little as possible.
_OTHER: dict[str, frozenset[str]] = {
    "French": frozenset(
        "le la les de des du un une et est sont pour dans avec sur pas ne je tu il elle nous vous ils"
        " elles ce cette ces qui que quoi mais ou où au aux très bien merci notre nos votre vos"
        " leur leurs être avoir fait été mon ma mes son sa ses c'est j'ai aujourd'hui ville conseil"
        " maire employés nouvelle nouveau parce comme tout tous toute plus moins aussi encore".split()
    ),
    "Spanish": frozenset(
        "el la los las de un una y es son para en con por no yo tú él ella nosotros ustedes que qué"
        " pero muy bien gracias nuestro nuestra hoy del al está están fue ser hay como más también"
        " ciudad consejo alcalde".split()
    ),
    "German": frozenset(
        "der die das und ist sind für mit auf nicht ich du er sie wir ihr ein eine einen dem den"
        " des zu von im auch aber sehr gut danke heute unsere stadt wird wurde haben hat".split()
    ),
    "Portuguese": frozenset(
        "o os as um uma e é são para em com por não eu você ele ela nós que mas muito bem obrigado"
        " hoje do da dos das está foi ser há como mais também cidade".split()
    ),
    "Italian": frozenset(
        "il lo gli le un una e è sono per con non io tu lui lei noi voi che ma molto bene grazie"
        " oggi del della dei delle questo questa città anche più".split()
    ),
    "Dutch": frozenset(
        "de het een en is zijn voor met op niet ik jij hij zij wij jullie dat maar zeer goed dank"
        " vandaag van ook stad gemeente".split()
    ),
    "Tagalog": frozenset(
        "ang ng mga sa ay na hindi ako ikaw siya kami tayo kayo sila ito iyan yan po salamat"
        " maraming lungsod ngayon".split()
    ),
}

_WORDS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@dataclass(frozen=True)
class LanguageGuess:
    language: str  # "English" or the name of the language/script detected
    english: bool
    english_share: float


def _script_of(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ")[0].title() if name else "Unknown"


def guess_language(text: str, vocabulary: frozenset[str] | None = None) -> LanguageGuess:
    """`vocabulary` (lower-case English words, e.g. the embedding model's word pieces) lets a
    Latin-script text in a language without a stop-word list be told apart from terse
    English ("Trails cleared, benches painted, playground fixed")."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return LanguageGuess("English", True, 1.0)
    scripts = Counter("Latin" if c.isascii() else _script_of(c) for c in letters)
    latin = scripts.get("Latin", 0)
    if latin / len(letters) < 0.5:
        script = max((s for s in scripts if s != "Latin"), key=lambda s: scripts[s])
        return LanguageGuess(f"{script} script", False, 0.0)
    words = [w.lower().replace("’", "'") for w in _WORDS.findall(text)]
    if len(words) < 4:
        return LanguageGuess("English", True, 1.0)  # too short to tell; assume English
    en = sum(w in _EN for w in words) / len(words)
    best, best_share = "", 0.0
    for name, vocab in _OTHER.items():
        share = sum(w in vocab and w not in _EN for w in words) / len(words)
        if share > best_share:
            best, best_share = name, share
    if best_share >= 0.15 and best_share > en:
        return LanguageGuess(best, False, en)
    if vocabulary is not None and en < 0.1 and len(words) >= 6:
        known = sum(w in vocabulary for w in words) / len(words)
        if known < 0.6:
            return LanguageGuess("an unrecognised language", False, en)
    return LanguageGuess("English", True, en)
