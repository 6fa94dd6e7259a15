"""User configuration: defaults for options, read from a TOML file.

Looked up in order: ``$TIDINGS_CONFIG``, ``./tidings.toml``,
``~/.config/tidings/config.toml``. Example::

    [tidings]
    actors = "my_actors.yaml"   # extra actors, like --actors
    outlets = "my_outlets.tsv"  # extra news organisations, like --outlets
    db = "news.duckdb"          # the store, like --db
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from .errors import ConfigError


def config_paths() -> list[Path]:
    paths = []
    if os.environ.get("TIDINGS_CONFIG"):
        paths.append(Path(os.environ["TIDINGS_CONFIG"]))
    paths += [Path("tidings.toml"), Path.home() / ".config" / "tidings" / "config.toml"]
    return paths


def load_config() -> dict[str, str]:
    """The ``[tidings]`` table of the first config file found (empty if none)."""
    for path in config_paths():
        if path.is_file():
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
            table = data.get("tidings", {})
            for key in ("actors", "outlets"):
                if key in table:
                    value = Path(table[key])
                    table[key] = str(value if value.is_absolute() else path.parent / value)
            return table
    return {}


def default_actors_file() -> str | None:
    return os.environ.get("TIDINGS_ACTORS") or load_config().get("actors")


def default_outlets_file() -> str | None:
    return os.environ.get("TIDINGS_OUTLETS") or load_config().get("outlets")


def default_db() -> str:
    """The store file: ``$TIDINGS_DB``, the config's ``db``, else ``tidings.duckdb``."""
    return os.environ.get("TIDINGS_DB") or load_config().get("db") or "tidings.duckdb"
