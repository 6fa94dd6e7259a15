"""tidings: news articles in, provable PLOVER/CAMEO political event records out.

    >>> import tidings
    >>> article = tidings.code("Chinese President Xi Jinping met Kim Jong Un in Beijing.", date="2019-01-08")
    >>> [(e.event_type, e.cameo) for e in article.events]
    [('CONSULT', '040')]
"""

__version__ = "0.1.0"

from . import api  # noqa: E402,F401  (tidings.api, for the coder cache in tests)
from .api import classify, code, code_article, get_coder, find_quotes, keep_factuality  # noqa: E402
from .errors import ConfigError, InputError, KnowledgeBaseError, TidingsError  # noqa: E402
from .records import (  # noqa: E402
    FACTUALITIES, Actor, Article, Attribution, Event, EventDate, Mention, Outlet, Quote, Sentence, Span,
)

__all__ = [
    "__version__",
    "FACTUALITIES",
    "Attribution",
    "Outlet",
    "Quote",
    "keep_factuality",
    "find_quotes",
    "Actor",
    "Article",
    "ConfigError",
    "Event",
    "EventDate",
    "InputError",
    "KnowledgeBaseError",
    "Mention",
    "Sentence",
    "Span",
    "TidingsError",
    "classify",
    "code",
    "code_article",
    "get_coder",
]
