import pytest

from tidings.datafiles import data_path, read_table
from tidings.errors import KnowledgeBaseError

SHIPPED = ["cameo.tsv", "plover.tsv", "sectors.tsv", "countries.tsv", "igos.tsv", "institutions.tsv",
           "groups.tsv", "officeholders.tsv", "triggers.tsv", "cues.tsv", "classes.tsv", "frame_codes.tsv", "demand_codes.tsv",
           "not_actors.tsv", "regions.tsv", "parties.tsv"]


@pytest.mark.parametrize("name", SHIPPED)
def test_every_data_file_names_version_source_and_licence(name):
    table = read_table(data_path(name))
    assert table.meta["version"]
    assert table.meta["source"]
    assert table.meta["licence"]
    assert table.rows, f"{name} has no rows"


def test_malformed_row_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("# version: 1\n# source: me\n# licence: CC0\na\tb\n1\t2\n1\t2\t3\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as info:
        read_table(bad)
    assert "bad.tsv:6" in str(info.value)


def test_missing_header_is_an_error(tmp_path):
    bad = tmp_path / "nohdr.tsv"
    bad.write_text("a\tb\n1\t2\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="version"):
        read_table(bad)
