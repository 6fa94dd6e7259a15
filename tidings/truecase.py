"""Headlines in Title Case or in capitals, read in the case of a sentence.

Many outlets' feeds and pages write titles in Title Case ("Russia Launches Drone Attack on
Kyiv") or in capitals. The small English model learnt that a capital letter inside a sentence
starts a name: it tags every word of such a title a proper noun, finds one long name and no
verb, and the article's first line, often its clearest statement of the event, gives nothing.

Before the parse, such a line is written in the case a sentence would have. A word keeps its
capital when it is a name: when the article's body writes it with a capital inside a sentence,
or when the body does not have it and it is a name we know (a country, a demonym, an
organisation, a leader, a large place) or no English word. A word the body writes only in lower
case, or a common English word (spaCy's stop words and the lemmatizer's word list), is lowered.
Only letters change case, so every offset stays; the article's own text is never changed and
the records show it as written (see :func:`tidings.pipeline.Coder.code_many`).
"""

from __future__ import annotations

import calendar
import re
from typing import Callable, Iterable

from spacy.lang.en.stop_words import STOP_WORDS

WORD = re.compile(r"[^\W_]+(?:['\u2019.][^\W_]+)*\.?")
POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)
# words a Title Case style may leave in lower case: they do not tell a Title Case line from a sentence
MINOR = {"a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of", "off", "on",
         "per", "to", "up", "via", "vs", "from", "into", "onto", "over", "with", "amid", "after", "than"}
# the small words inside names ("Rio de Janeiro", "Osama bin Laden", "Port-au-Prince")
PARTICLES = {"al", "el", "bin", "ibn", "bint", "abu", "von", "van", "der", "den", "de", "du", "da", "di", "del", "della",
             "la", "le", "les", "dos", "das", "y", "au", "aux", "sur", "am", "im"}
SMALL_WORDS = MINOR | PARTICLES
MIN_WORDS = 3  # a line of fewer words says nothing about its case style
MAX_NAME_WORDS = 4
SENTENCE_MARKS = ".!?:;\"\u201c\u201d\u2018([\u2022*\u2014\u2013"  # what a sentence, a quote or a list item opens after
TITLES = {"mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "maj", "sgt", "capt", "adm", "prof", "st", "mt", "ft"}
CALENDAR = {m.lower() for m in [*calendar.month_name[1:], *calendar.day_name]}
COMMON_MONTHS = {"march", "may"}  # "Thousands March in Tbilisi", "Iran May Resume Talks"
DATE_WORDS = {"in", "on", "by", "since", "until", "till", "from", "for", "early", "late", "mid", "last", "next", "this",
              "before", "after", "during"}

NameForm = Callable[[str], "str | None"]  # a name in any case → as the name is written, or None


def lower(text: str) -> str:
    """``text`` in lower case, letter by letter, keeping its length ("İ" stays: its lower case is two characters)."""
    return "".join(c.lower() if len(c.lower()) == 1 else "i" if c == "\u0130" else c for c in text)


def capital(text: str) -> str:
    """``text`` with a capital first letter and the rest in lower case, keeping its length."""
    first = text[:1].upper() if len(text[:1].upper()) == 1 else text[:1]
    return first + lower(text[1:])


def style(line: str) -> str | None:
    """"title" for a Title Case line, "caps" for one in capitals, else ``None`` (a sentence's case). A line
    is Title Case when every word that is not a small function word, a name's particle or the second
    part of a hyphenated word starts with a capital: a single lower-case verb ("Kim Jong Un visits
    Russia") makes it a sentence."""
    words = [m for m in WORD.finditer(line) if any(c.isalpha() for c in m.group())]
    if len(words) < MIN_WORDS:
        return None
    letters = [c for c in line if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return "caps"
    major = [m.group() for m in words[1:] if lower(m.group()) not in SMALL_WORDS and line[m.start() - 1] != "-"
             and m.group()[:1].isalpha()]
    if len(major) < MIN_WORDS - 1:
        return None
    return "title" if all(w[0].isupper() for w in major) else None


def body_cases(body: str) -> dict[str, tuple[str, int, int]]:
    """How the body writes its words inside sentences: lower-case form → (the form written with a capital,
    or the lower-case form when there is none; how many times with a capital; how many without). The
    first word of a sentence, a quotation, a list item or a paragraph, and lines in Title Case or
    capitals (a title repeated, "Related: …") say nothing; nor do the names of months and days."""
    seen: dict[str, tuple[str, int, int]] = {}
    for line in body.splitlines(keepends=True):
        if style(line) is None:
            for match in WORD.finditer(line):
                word = POSSESSIVE.sub("", match.group().rstrip("."))
                if not word or _opens(line, match.start()):
                    continue
                key = lower(word)
                if key in CALENDAR:
                    continue
                form, capitals, plain = seen.get(key, (key, 0, 0))
                if word[0].isupper():
                    seen[key] = (word if form == key else form, capitals + 1, plain)
                else:
                    seen[key] = (form, capitals, plain + 1)
    return seen


def _opens(line: str, start: int) -> bool:
    """Does the word at ``start`` open its line, a sentence, a quotation or a list item?"""
    j = start - 1
    while j >= 0 and line[j].isspace():
        j -= 1
    if j < 0:
        return True
    if line[j] == "-":  # "KABUL (AP) - Police …", not "pro-Russian"
        return j + 1 < start
    if line[j] == ".":  # not after "U.S." or "Mr."
        before = line[:j].split()[-1:] or [""]
        return not ("." in before[0] or len(before[0]) == 1 or lower(before[0]) in TITLES)
    return line[j] in SENTENCE_MARKS


class Casing:
    """Writes shouted and Title Case headlines in a sentence's case; built once per coder."""

    def __init__(self, name_form: NameForm, common: Iterable[str], place: Callable[[str], bool] = lambda word: False) -> None:
        self.name_form = name_form
        self.place = place
        self.common = frozenset(lower(w) for w in common) | {lower(w) for w in STOP_WORDS}

    def sentence_case(self, line: str, body: str = "") -> str:
        """``line`` in a sentence's case (same length), or unchanged when it is not in Title Case or capitals."""
        kind = style(line)
        if kind is None:
            return line
        words = list(WORD.finditer(line))
        names = self._names(line, words, kind)
        cases = body_cases(body) if body else {}
        out = list(line)
        for k, match in enumerate(words):
            word = match.group()
            if kind == "title" and not word[:1].isupper():
                continue
            key = lower(POSSESSIVE.sub("", word.rstrip(".")))
            name, size = names.get(k, (None, 0))
            if key in COMMON_MONTHS and _dated(words, k):
                new = capital(word) if kind == "caps" else word  # "Elections Set for March 15", "Talks in May"
            elif size > 1 or name is not None and not _mostly_lower(cases.get(key)):
                new = name  # inside a longer name, or a name the body does not write in lower case
            else:
                new = self._word(word, _opens(line, match.start()), kind, cases)
            out[match.start():match.end()] = new
        cased = "".join(out)
        return cased if len(cased) == len(line) else line

    def _names(self, line: str, words: list[re.Match], kind: str) -> dict[int, tuple[str, int]]:
        """Words inside a known name, longest names first: each word as the name writes it, and the
        name's length in words."""
        found: dict[int, tuple[str, int]] = {}
        for size in range(MAX_NAME_WORDS, 0, -1):
            for first in range(len(words) - size + 1):
                if any(k in found for k in range(first, first + size)):
                    continue
                start, end = words[first].start(), words[first + size - 1].end()
                whole = POSSESSIVE.sub("", line[start:end])
                for text in dict.fromkeys((whole, whole.rstrip("."))):  # "U.S." with its dot, "Inc." without
                    form = self.name_form(text) if len(text) > 1 else None
                    if form is not None and len(form) == len(text):
                        break
                else:
                    continue
                for k in range(first, first + size):
                    piece, at = words[k].group(), words[k].start() - start
                    written = form[at:at + len(piece)]  # the name has no possessive or final dot: the word keeps its own
                    rest = piece[len(written):]
                    found[k] = (written + (lower(rest) if kind == "caps" else rest), size)
        return found

    def _word(self, word: str, first: bool, kind: str, cases: dict[str, tuple[str, int, int]]) -> str:
        bare = POSSESSIVE.sub("", word.rstrip("."))
        tail = word[len(bare):]
        if any(c.isdigit() for c in bare) or "." in bare:
            return word  # "M23", "G5", "MS-13", "U.N."
        if kind == "caps":
            tail = lower(tail)
        elif any(c.isupper() for c in bare[1:]):
            return word  # "NATO", "McConnell", "ECOWAS"
        key = lower(bare)
        if tail == "." and key in TITLES:
            return capital(bare) + tail  # "Mr. Xi", "Gen. Milley"
        form, capitals, plain = cases.get(key, (key, 0, 0))
        common = self._common(key)
        if capitals > plain and (capitals > 1 or not common or self.place(form)):
            new = form  # a name in the body ("Storm Darragh", "Nara"; a word like "Shell" only if written so more than once)
        elif plain or common:
            new = capital(key) if first else key
        else:
            new = capital(bare) if kind == "caps" else bare
        return new + tail

    def _common(self, word: str) -> bool:
        """An English word in its base form or a regular inflection ("launches", "denied", "talks")."""
        if word in self.common:
            return True
        for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"), ("ing", ""),
                             ("ing", "e"), ("'s", ""), ("\u2019s", "")):
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                stem = word[: -len(suffix)] + repl
                if stem in self.common or len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in self.common:
                    return True
        return False


def _mostly_lower(seen: tuple[str, int, int] | None) -> bool:
    """Does the body write the word in lower case more often than with a capital ("turkey" the bird)?"""
    return seen is not None and seen[2] > seen[1]


def _dated(words: list[re.Match], k: int) -> bool:
    """Is "March" or "May" a month here: next to a number, or after "in", "on", "since" …?"""
    near = [words[j].group() for j in (k - 1, k + 1) if 0 <= j < len(words)]
    return any(w[:1].isdigit() for w in near) or k > 0 and lower(words[k - 1].group()) in DATE_WORDS


# surnames in the KB that headline English far more often writes as a common word ("Power", "Young", "Hunt")
COMMON_SURNAMES = {"ban", "baker", "bishop", "brown", "champagne", "cook", "craft", "duck", "fox", "gallant", "gang",
                   "gates", "hunt", "major", "moon", "pan", "park", "pen", "power", "rice", "sang", "saw", "slim", "son",
                   "song", "straw", "sun", "waltz", "won", "young"}
SHOUTED_NAMES = {"US"}  # an acronym in capitals that is also a common word, and far more often the name
# the KB's acronyms that are also English words: in a line in capitals they are the words
WORD_ACRONYMS = {"arena", "car", "eff", "ice", "mac", "mud", "ola", "pan", "pap", "raw", "spa", "tao"}
WORD_SURNAMES = COMMON_SURNAMES | STOP_WORDS  # surnames read as words
SHOUTED_WORDS = WORD_ACRONYMS | STOP_WORDS
MIN_PLACE_POPULATION = 15_000  # a town of two or more words the gazetteer knows, and no smaller


def load_casing(nlp, kb, gazetteer, words: Iterable[str] = ()) -> Casing:
    """A :class:`Casing` that knows the KB's names and surnames, the gazetteer's names of two or more
    words, the months and weekdays, and as English words those of the model's lemmatizer tables and
    ``words`` (the lexicon's)."""
    tables = nlp.get_pipe("lemmatizer").lookups
    index, exceptions = tables.get_table("lemma_index"), tables.get_table("lemma_exc")
    common = {w for pos in index.keys() for w in index[pos]} | {w for pos in exceptions.keys() for w in exceptions[pos]}
    common |= {w.lower() for w in words}
    # a name in another case → as written: only names written like "Turkey" or "Sri Lanka" (an acronym such as
    # "LeT" or "CAR" must be written as it is: "Let", "car"); a KB name before a surname, "Al-Shabaab" before "al-Shabaab"
    written: dict[str, str] = {}
    forms = [*kb.names, *(s for s in kb.surnames if s.lower() not in WORD_SURNAMES),
             *(m for m in [*calendar.month_name[1:], *calendar.day_name] if m.lower() not in COMMON_MONTHS)]
    for form in sorted(forms, key=lambda f: not f[:1].isupper()):
        if _capitalized(form):
            written.setdefault(lower(form), form)

    def place(word: str) -> bool:
        return any(e.feature != "city" or e.population >= MIN_PLACE_POPULATION for e, primary in gazetteer.lookup(word) if primary)

    def name_form(text: str) -> str | None:
        if kb.names.get(text) and not (text.isupper() and lower(text) in SHOUTED_WORDS
                                       and text not in SHOUTED_NAMES):
            return text  # as the headline writes it ("NATO", "Nato"), but "IS" and "CAR" in a shouted line are words
        found = written.get(lower(text))
        if found is not None or " " not in text and "-" not in text:
            return found
        named = _name_case(text)  # "Strait of Hormuz", "Port-au-Prince", "Rio de Janeiro"
        return named if place(named) else None

    return Casing(name_form, (w for w in common if "_" not in w), place)


def _name_case(text: str) -> str:
    """A name's words with capitals, but its small words and particles after the first in lower case."""
    parts = re.split(r"([\s-]+)", text)
    return "".join(p if not p or p[0] in " -\t" else lower(p) if k and lower(p) in SMALL_WORDS else capital(p)
                   for k, p in enumerate(parts))


def _capitalized(form: str) -> bool:
    """Written like a name in a sentence: every word with a capital first and no other capital, or
    in capitals beside such a word ("Sri Lanka", "Al-Shabaab", "DR Congo"; not "LeT", "NATO" or
    "al-Qaeda")."""
    words = [w for w in re.split(r"[\s-]+", form) if w]
    return bool(words) and all(w[0].isupper() and not any(c.isupper() for c in w[1:]) or w.lower() in MINOR
                               or len(words) > 1 and w.isupper() for w in words)
