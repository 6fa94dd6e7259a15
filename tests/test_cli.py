"""The command line, run as users run it: a real subprocess, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = (
    "Kim arrives in Beijing\n\n"
    "North Korean leader Kim Jong Un has traveled to China at the request of Chinese president "
    "Xi Jinping, state media of both countries announced.\n"
)


def run(*args: str, stdin: str | bytes | None = None) -> subprocess.CompletedProcess:
    data = stdin.encode() if isinstance(stdin, str) else stdin
    env = {**os.environ, "TIDINGS_CONFIG": "/nonexistent"}
    return subprocess.run([sys.executable, "-m", "tidings", *args], input=data, capture_output=True, cwd=ROOT, env=env, timeout=300)


@pytest.fixture()
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "kim.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_code_txt_writes_one_event_per_line(article_file):
    result = run("code", str(article_file), "--date", "2019-01-08")
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [e["event_type"] for e in events] == ["CONSULT", "CONSULT"]
    visit = events[1]
    for name in ("article_id", "event_type", "mode", "cameo", "quad_class", "goldstein", "actor", "recipient",
                 "trigger", "sentence", "factuality", "date", "coder_version", "kb_version"):
        assert name in visit
    assert visit["cameo"] == "042" and visit["actor"][0]["country"] == "PRK"
    assert ARTICLE[visit["trigger"]["start"]:visit["trigger"]["end"]] == "traveled"


def test_code_json_gives_the_whole_article(article_file):
    result = run("code", str(article_file), "--format", "json", "--date", "2019-01-08")
    article = json.loads(result.stdout.decode().splitlines()[0])
    assert article["title"] == "Kim arrives in Beijing"
    assert article["date"] == "2019-01-08"
    assert len(article["sentences"]) == 2 and article["events"] and article["mentions"]


def test_code_table_and_summary(article_file):
    result = run("code", str(article_file), "--format", "table", "--summary")
    assert result.returncode == 0
    assert "CONSULT/visit 042" in result.stdout.decode()
    assert "events by PLOVER type" in result.stderr.decode()


def test_code_reads_jsonl_from_stdin():
    lines = [
        {"id": "a1", "text": "Japan imposed sanctions on North Korea.", "date": "2017-09-01"},
        {"id": "a2", "text": "The weather was fine in Oslo on Monday."},
    ]
    result = run("code", "-", stdin="\n".join(json.dumps(x) for x in lines))
    events = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [(e["article_id"], e["event_type"]) for e in events] == [("a1", "COERCE")]


def test_bad_inputs_are_reported_and_the_rest_is_coded(tmp_path, article_file):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02PNG\x00" * 100)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 talks\n\nFrance and Spain held talks in Madrid on Monday.".encode("latin-1"))
    german = tmp_path / "german.txt"
    german.write_text('Die Regierung hat am Montag neue Gespräche mit der Opposition angekündigt, und die Verhandlungen sollen in der nächsten Woche beginnen. Der Kanzler sagte, man wolle eine Einigung über den Haushalt erreichen, bevor das Parlament im Sommer in die Pause geht, und die Länder sollen ebenfalls beteiligt werden.', encoding="utf-8")
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(101 * 1024 * 1024)
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "page1.pdf").write_bytes(b"%PDF-1.4")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "x", "text": "Iran condemned the attack."}\n{not json\n{"id": "y"}\n', encoding="utf-8")
    result = run("code", str(empty), str(binary), str(latin), str(german), str(big), str(folder),
                 str(broken), str(article_file), "--date", "2019-01-08")
    err = result.stderr.decode()
    assert result.returncode == 0
    assert "Traceback" not in err
    assert f"{empty}: is empty" in err
    assert f"{binary}: looks like a binary file" in err
    assert f"{latin}: not valid UTF-8" in err
    assert f"{german}: does not look like English" in err
    assert f"{big}: is 106 MB, too large" in err
    assert f"{folder}: is a directory with no files tidings can read" in err
    assert f"{broken}:2: not valid JSON" in err
    assert f"{broken}:3: record has no 'text'" in err
    ids = {json.loads(line)["article_id"] for line in result.stdout.decode().splitlines()}
    assert "x" in ids and len(ids) >= 3  # the JSONL record, the Latin-1 file and the good article


def test_exit_status_is_nonzero_only_when_nothing_could_be_read(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = run("code", str(empty), str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    assert "no such file" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_bad_date_option_is_a_clear_error(article_file):
    result = run("code", str(article_file), "--date", "08/01/2019")
    assert result.returncode != 0
    assert "YYYY-MM-DD" in result.stderr.decode() and "Traceback" not in result.stderr.decode()


def test_classify_given_spans():
    text = "North Korea has refused to engage in working-level talks with the U.S."
    line = {"id": "s1", "text": text, "actor_span": [0, 11], "recipient_span": [66, 70]}
    result = run("classify", "--input", "-", stdin=json.dumps(line) + "\n{broken\n")
    out = [json.loads(x) for x in result.stdout.decode().splitlines()]
    assert out == [{"id": "s1", "event_type": "REJECT", "cameo": out[0]["cameo"], "quad_class": 3,
                    "confidence": out[0]["confidence"], "trigger": "refused"}]
    assert out[0]["cameo"].startswith("12")
    assert ":2: not valid JSON" in result.stderr.decode()


def test_actors_option_adds_a_user_actor(tmp_path):
    actors = tmp_path / "mine.yaml"
    actors.write_text("- name: Maren Quillfeather\n  country: NOR\n  sector: GOV\n", encoding="utf-8")
    result = run("code", "-", "--actors", str(actors), stdin="Maren Quillfeather condemned the attack on the embassy.")
    event = json.loads(result.stdout.decode().splitlines()[0])
    assert event["actor"][0]["country"] == "NOR"
    assert "+user." in event["kb_version"]


def test_actor_lookup_command():
    result = run("actor", "Secretary of State Mike Pompeo", "--date", "2019-03-01")
    assert json.loads(result.stdout.decode())[0]["country"] == "USA"


def test_config_file_gives_the_default_actor_file(tmp_path):
    actors = tmp_path / "extra.csv"
    actors.write_text("name,aliases,country,sector,role,start,end\nTovan Erlik,,KAZ,OPP,,,\n", encoding="utf-8")
    config = tmp_path / "tidings.toml"
    config.write_text('[tidings]\nactors = "extra.csv"\n', encoding="utf-8")
    env = {**os.environ, "TIDINGS_CONFIG": str(config)}
    result = subprocess.run([sys.executable, "-m", "tidings", "code", "-"], input=b"Tovan Erlik condemned the government.",
                            capture_output=True, cwd=ROOT, env=env, timeout=300)
    event = json.loads(result.stdout.decode().splitlines()[0])
    assert event["actor"][0]["country"] == "KAZ"


def test_classify_rules_only_flag():
    line = {"id": "s2", "text": "Iran threatened to attack U.S. bases.", "actor_span": [0, 4], "recipient_span": [26, 30]}
    result = run("classify", "--input", "-", "--rules-only", stdin=json.dumps(line))
    assert json.loads(result.stdout.decode())["event_type"] == "THREATEN"

