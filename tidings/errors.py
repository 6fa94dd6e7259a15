"""The exceptions tidings raises, in one tree.

    TidingsError                 base class; every error tidings raises on purpose
    ├── InputError               one input (file, line, record) could not be read
    │                            carries ``source`` and ``line`` and says what to do
    ├── KnowledgeBaseError       a data file (actor KB, lexicon, ontology) is malformed
    │                            carries ``path`` and ``line``
    └── ConfigError              a configuration value or option is wrong

Library code raises these and never calls ``sys.exit``; the CLI turns them into
one-line messages. A batch keeps going after an :class:`InputError`.
"""

from __future__ import annotations


class TidingsError(Exception):
    """Base class of every error tidings raises on purpose."""


class InputError(TidingsError):
    """One input could not be read: names the file (and line) and the fix."""

    def __init__(self, source: str, message: str, line: int | None = None, hint: str = "") -> None:
        self.source = source
        self.line = line
        self.message = message
        self.hint = hint
        where = f"{source}:{line}" if line is not None else source
        text = f"{where}: {message}"
        if hint:
            text += f" ({hint})"
        super().__init__(text)


class KnowledgeBaseError(TidingsError):
    """A knowledge file is malformed."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class ConfigError(TidingsError):
    """A configuration value or command-line option is wrong."""
