"""What the accuracy benchmarks share: where the third-party gold sets live, and the dated machine line."""

from __future__ import annotations

import datetime
import os
import platform
from pathlib import Path

import tidings

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT.parent / "shared" / "gold"  # measuring only; every benchmark skips what is missing


def machine_line() -> str:
    """ "2026-11-29, x86_64, 2 CPUs, Python 3.11.7, tidings 0.1.0" for a results block."""
    return (f"{datetime.date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}, tidings {tidings.__version__}")
