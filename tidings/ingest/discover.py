"""Turning a path argument into files: a file, a directory (walked), or a glob pattern.

Directories are walked recursively in sorted path order, taking the files whose
suffix tidings reads (:data:`KNOWN_SUFFIXES`) and skipping hidden files and
folders. A path with ``*``, ``?`` or ``[`` that does not exist as written is a
glob pattern (``**`` crosses folders); its matches are taken in sorted order.
A pattern with no match, a missing file and a folder with nothing to read are
each an :class:`InputError`.
"""

from __future__ import annotations

import glob
import os
from pathlib import Path
from typing import Iterator

from ..errors import InputError

KNOWN_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".csv", ".tsv", ".xml", ".rss", ".atom", ".warc", ".warc.gz")
GLOB_CHARACTERS = frozenset("*?[")


def has_known_suffix(name: str) -> bool:
    return name.lower().endswith(KNOWN_SUFFIXES)


def expand(name: str) -> Iterator[Path | InputError]:
    """The files one path argument stands for, in a fixed order, or the problem with it."""
    path = Path(name)
    if path.is_dir():
        yield from walk(path)
    elif path.exists():
        yield path
    elif GLOB_CHARACTERS & set(name):
        yield from _glob(name)
    else:
        yield InputError(name, "no such file", hint="check the path")


def walk(folder: Path, report_empty: bool = True) -> Iterator[Path | InputError]:
    """Readable files under ``folder`` in sorted path order; hidden entries and folder links skipped."""
    found = False
    for path in _sorted_files(folder):
        found = True
        yield path
    if not found and report_empty:
        yield InputError(str(folder), "is a directory with no files tidings can read",
                         hint=f"it looks for {' '.join(KNOWN_SUFFIXES)} files")


def _sorted_files(folder: Path) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _sorted_files(Path(entry.path))
        elif entry.is_file() and has_known_suffix(entry.name):
            yield Path(entry.path)


def _glob(pattern: str) -> Iterator[Path | InputError]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield InputError(pattern, "matches no files", hint="check the pattern; quote it so the shell passes it on")
        return
    seen: set[Path] = set()
    for match in matches:
        path = Path(match)
        for found in walk(path, report_empty=False) if path.is_dir() else [path]:
            if isinstance(found, Path) and found not in seen:
                seen.add(found)
                yield found
