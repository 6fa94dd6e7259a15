"""The library API that the CLI (and later the web page) call."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .classify import Classification, classify_sentence
from .config import default_outlets_file
from .pipeline import Coder, Options
from .records import FACTUALITIES, Article, Quote


def get_coder(actors_file: str | None = None, outlets_file: str | None = None) -> Coder:
    """The process-wide coder for these options (models load once).

    ``outlets_file`` defaults to ``$TIDINGS_OUTLETS`` or the config file's ``outlets``.
    """
    return _coder(actors_file, outlets_file or default_outlets_file())


@lru_cache(maxsize=4)
def _coder(actors_file: str | None, outlets_file: str | None) -> Coder:
    return Coder(Options(actors_file=actors_file, outlets_file=outlets_file))


def find_quotes(text: str, date: str | None = None, **meta: Any) -> list[Quote]:
    """The quotes of one article's text, with speakers and the outlets that relayed them."""
    return code(text, date, **meta).quotes


def factuality_values(text: str) -> frozenset[str]:
    """The factuality values in a comma-separated list ("asserted,reported"); ValueError names any unknown one."""
    values = frozenset(v.strip().lower() for v in text.split(",") if v.strip())
    unknown = values - set(FACTUALITIES)
    if unknown or not values:
        raise ValueError(f"{', '.join(sorted(unknown)) or repr(text)} is not a factuality value; use one or more of "
                         f"{', '.join(FACTUALITIES)}, comma-separated")
    return values


def keep_factuality(article: Article, values: set[str] | frozenset[str]) -> Article:
    """Drop the article's events whose factuality is not in ``values`` (in place; returns the article)."""
    factuality_values(",".join(values))
    article.events = [e for e in article.events if e.factuality in values]
    return article


def code(text: str, date: str | None = None, actors_file: str | None = None, **meta: Any) -> Article:
    """Code one article's text; ``meta`` may hold ``id``, ``title``, ``url``, ``outlet``."""
    article = Article(text=text, date=date, **meta)
    return get_coder(actors_file).code(article)


def code_article(article: Article, actors_file: str | None = None) -> Article:
    """Code an :class:`Article` built by the caller (e.g. by :mod:`tidings.ingest`)."""
    return get_coder(actors_file).code(article)


def classify(
    text: str,
    actor_span: tuple[int, int] | list[int] | None,
    recipient_span: tuple[int, int] | list[int] | None = None,
    date: str | None = None,
    actors_file: str | None = None,
    use_model: bool = True,
) -> Classification:
    """Code a sentence whose actor (and recipient) spans are given: type, CAMEO, QuadClass.

    The rule coder picks the trigger between the actor and the recipient; when it finds
    none on that path, a classifier over MiniLM embeddings of the sentence and of the
    stretch between the two parties decides (unless ``use_model=False``).
    """
    return classify_sentence(get_coder(actors_file), text, actor_span, recipient_span, date, use_model)
