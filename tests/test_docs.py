"""The README is executable: its examples are run and checked here, and every command is documented."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from tidings.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def test_worked_example_output_matches_readme():
    command = next(b for b in blocks("sh") if "tidings code -" in b)
    sentence = re.search(r'echo "(.*?)"', command).group(1)
    expected = json.loads(blocks("json")[0])
    result = CliRunner().invoke(main, ["code", "-", "--date", "2019-01-08"], input=sentence + "\n")
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout.splitlines()[0])
    assert got == expected


def test_python_examples_print_what_readme_says():
    code = next(b for b in blocks("python") if "tidings.code(" in b)
    expected = [line.split("# →", 1)[1].strip() for line in code.splitlines() if "# →" in line]
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert output.returncode == 0, output.stderr
    assert output.stdout.split("\n")[0].strip() == expected[0]
    assert output.stdout.split("\n")[1].strip() == expected[1]


def test_every_command_and_option_is_documented():
    for name, command in main.commands.items():
        assert f"tidings {name}" in README, f"README lacks `tidings {name}`"
        for param in command.params:
            for flag in getattr(param, "opts", []):
                if flag.startswith("--") and flag not in ("--help", "--quiet"):
                    assert flag in README, f"README lacks {flag} of tidings {name}"


def test_two_commands_come_first_and_ci_calls_the_test_command():
    first_block = blocks("sh")[0]
    assert "make demo" in first_block and "make test" in first_block
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
