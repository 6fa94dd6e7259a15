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
# words a Title Case style leaves in lower case: they do not tell a Title Case line from a sentence
MINOR = {"a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of", "off", "on",
         "per", "to", "up", "via", "vs", "from", "into", "onto", "over", "with", "amid", "after", "than"}
MIN_WORDS = 3  # a line of fewer words says nothing about its case style
TITLE_SHARE = 0.75  # of the words that are not minor, this share or more start with a capital
MAX_NAME_WORDS = 4
SENTENCE_BREAK = re.compile(r"[.!?:;\"\u201c\u201d\u2018(\[\n]\s*$")

NameForm = Callable[[str], "str | None"]  # a name in any case → as the name is written, or None


def style(line: str) -> str | None:
    """"title" for a Title Case line, "caps" for one in capitals, else ``None`` (a sentence's case)."""
    words = [w for w in WORD.findall(line) if any(c.isalpha() for c in w)]
    if len(words) < MIN_WORDS:
        return None
    letters = [c for c in line if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return "caps"
    major = [w for w in words[1:] if w.lower() not in MINOR]
    if len(major) < MIN_WORDS - 1:
        return None
    capital = sum(w[0].isupper() for w in major)
    return "title" if capital >= TITLE_SHARE * len(major) else None


def body_cases(body: str) -> dict[str, str]:
    """How the body writes its words inside sentences: lower-case form → the form written with a
    capital when there is one (a name), else the lower-case form (a common word)."""
    seen: dict[str, str] = {}
    for match in WORD.finditer(body):
        word = POSSESSIVE.sub("", match.group().rstrip("."))
        if not word or SENTENCE_BREAK.search(body, max(0, match.start() - 3), match.start()) or match.start() == 0:
            continue  # the first word of a sentence or of a quotation has a capital anyway
        key = word.lower()
        if word[0].isupper():
            seen[key] = word
        else:
            seen.setdefault(key, key)
    return seen


class Casing:
    """Writes shouted and Title Case headlines in a sentence's case; built once per coder."""

    def __init__(self, name_form: NameForm, common: Iterable[str]) -> None:
        self.name_form = name_form
        self.common = frozenset(w.lower() for w in common) | {w.lower() for w in STOP_WORDS}

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
            name, size = names.get(k, (None, 0))
            if size > 1 or name is not None and POSSESSIVE.sub("", word.rstrip(".")).lower() not in cases:
                new = name  # inside a longer name, or a name the body does not write
            else:
                new = self._word(word, k == 0, kind, cases)
            out[match.start():match.end()] = new
        return "".join(out)

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
                    found[k] = (written + (rest.lower() if kind == "caps" else rest), size)
        return found

    def _word(self, word: str, first: bool, kind: str, cases: dict[str, str]) -> str:
        bare = POSSESSIVE.sub("", word.rstrip("."))
        tail = word[len(bare):]
        if any(c.isdigit() for c in bare) or "." in bare:
            return word  # "M23", "G5", "MS-13", "U.N."
        if kind == "caps":
            tail = tail.lower()
        elif any(c.isupper() for c in bare[1:]):
            return word  # "NATO", "McConnell", "U.S.", "ECOWAS"
        key = bare.lower()
        written = cases.get(key)
        if written is not None and written != key:
            new = written  # a name in the body
        elif written is not None or self._common(key):
            new = key.capitalize() if first else key
        else:
            new = bare[:1].upper() + bare[1:].lower() if kind == "caps" else bare
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


# surnames in the KB that headline English far more often writes as a common word ("Power", "Young", "Hunt")
COMMON_SURNAMES = {"ban", "baker", "bishop", "brown", "champagne", "cook", "craft", "duck", "fox", "gallant", "gang",
                   "gates", "hunt", "major", "moon", "pan", "park", "pen", "power", "rice", "sang", "saw", "slim", "son",
                   "song", "straw", "sun", "waltz", "won", "young"}
COMMON_MONTHS = {"march", "may"}  # "Thousands March in Tbilisi", "Iran May Resume Talks"
SHOUTED_NAMES = {"US"}
# the KB's acronyms that are also English words: in a line in capitals they are the words
WORD_ACRONYMS = {"arena", "car", "eff", "ice", "mac", "mud", "ola", "pan", "pap", "raw", "spa", "tao"}  # an acronym in capitals that is also a common word, and far more often the name
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
    forms = [*kb.names, *(s for s in kb.surnames if s.lower() not in COMMON_SURNAMES | STOP_WORDS),
             *(m for m in [*calendar.month_name[1:], *calendar.day_name] if m.lower() not in COMMON_MONTHS)]
    for form in sorted(forms, key=lambda f: not f[:1].isupper()):
        if _capitalized(form):
            written.setdefault(form.lower(), form)

    def name_form(text: str) -> str | None:
        if kb.names.get(text) and not (text.isupper() and text.lower() in WORD_ACRONYMS | STOP_WORDS
                                       and text not in SHOUTED_NAMES):
            return text  # as the headline writes it ("NATO", "Nato"), but "IS" and "CAR" in a shouted line are words
        found = written.get(text.lower())
        if found is not None or " " not in text:
            return found
        title = text.title()
        if any(e.feature != "city" or e.population >= MIN_PLACE_POPULATION for e, primary in gazetteer.lookup(title) if primary):
            return title
        return None

    return Casing(name_form, (w for w in common if "_" not in w))


def _capitalized(form: str) -> bool:
    """Written like a name in a sentence: every word with a capital first and no other capital, or
    in capitals beside such a word ("Sri Lanka", "Al-Shabaab", "DR Congo"; not "LeT", "NATO" or
    "al-Qaeda")."""
    words = [w for w in re.split(r"[\s-]+", form) if w]
    return bool(words) and all(w[0].isupper() and not any(c.isupper() for c in w[1:]) or w.lower() in MINOR
                               or len(words) > 1 and w.isupper() for w in words)
