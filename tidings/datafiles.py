"""Reading the versioned knowledge files in ``tidings/data``.

Every file is tab-separated text: a header of ``# key: value`` comment lines
(title, ``version``, ``source``, ``licence``, ``columns``), then a row of column
names, then data rows. Multi-valued cells are ``|``-separated. Files are
validated on load: a row with the wrong number of cells is a
:class:`~tidings.errors.KnowledgeBaseError` naming the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import KnowledgeBaseError

REQUIRED_META = ("version", "source", "licence")


@dataclass
class Table:
    """A loaded data file: its header metadata and its rows as dicts."""

    path: str
    meta: dict[str, str]
    columns: list[str]
    rows: list[dict[str, str]]

    @property
    def version(self) -> str:
        return self.meta.get("version", "unknown")


def data_path(name: str) -> Path:
    """The path of a file shipped in ``tidings/data``."""
    return Path(str(resources.files("tidings") / "data" / name))


def read_table(path: str | Path, required: tuple[str, ...] = REQUIRED_META) -> Table:
    """Read one data file, checking its header and the shape of every row."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeBaseError(str(path), f"cannot read: {exc}") from exc
    meta: dict[str, str] = {}
    columns: list[str] = []
    rows: list[dict[str, str]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if line.startswith("#"):
            key, sep, value = line.lstrip("# ").partition(":")
            if sep and key.strip().isidentifier() and key.strip() not in meta:
                meta[key.strip()] = value.strip()
            continue
        cells = line.split("\t")
        if not columns:
            columns = [c.strip() for c in cells]
            continue
        if len(cells) < len(columns):
            cells += [""] * (len(columns) - len(cells))
        if len(cells) != len(columns):
            raise KnowledgeBaseError(str(path), f"expected {len(columns)} tab-separated cells, found {len(cells)}", number)
        rows.append({c: v.strip() for c, v in zip(columns, cells)})
    missing = [k for k in required if k not in meta]
    if missing:
        raise KnowledgeBaseError(str(path), f"header lacks {', '.join(missing)} (add '# {missing[0]}: …' lines)")
    return Table(str(path), meta, columns, rows)


def split_multi(cell: str) -> list[str]:
    """Split a ``|``-separated cell into its non-empty values."""
    return [v.strip() for v in cell.split("|") if v.strip()]
