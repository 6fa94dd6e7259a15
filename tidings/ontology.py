"""The event ontology: CAMEO codes, their PLOVER type, Goldstein score and QuadClass.

Loaded once from ``data/cameo.tsv`` and ``data/plover.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .datafiles import data_path, read_table
from .errors import KnowledgeBaseError

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT",
)


@dataclass(frozen=True)
class CameoCode:
    code: str
    plover: str
    mode: str | None
    context: str | None
    goldstein: float
    quad_class: int


@dataclass(frozen=True)
class Ontology:
    codes: dict[str, CameoCode]
    default_code: dict[str, str]
    version: str

    def code(self, cameo: str) -> CameoCode:
        try:
            return self.codes[cameo]
        except KeyError:
            raise KnowledgeBaseError("cameo.tsv", f"unknown CAMEO code {cameo!r}") from None

    def for_type(self, plover: str) -> CameoCode:
        """The default CAMEO code of a PLOVER type."""
        return self.codes[self.default_code[plover]]


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    table = read_table(data_path("cameo.tsv"))
    codes = {}
    for row in table.rows:
        codes[row["cameo"]] = CameoCode(
            code=row["cameo"],
            plover=row["plover"],
            mode=row["mode"] or None,
            context=row["context"] or None,
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
        )
    types = read_table(data_path("plover.tsv"))
    default = {row["type"]: row["default_cameo"] for row in types.rows}
    for plover, code in default.items():
        if plover not in PLOVER_TYPES or code not in codes:
            raise KnowledgeBaseError(types.path, f"bad default {plover} -> {code}")
    return Ontology(codes, default, table.version)
