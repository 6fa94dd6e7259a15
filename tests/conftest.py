"""Shared fixtures: the coder is built once per test session (the model loads once)."""

from __future__ import annotations

import pytest

import tidings
from tidings.pipeline import Coder


@pytest.fixture(scope="session")
def coder() -> Coder:
    return tidings.get_coder()


@pytest.fixture(scope="session")
def nlp(coder: Coder):
    return coder.nlp
