from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from allegiance.cli.main import cli


def test_names_cluster_writes_one_line_per_name(tmp_path: Path) -> None:
    f = tmp_path / "names.txt"
    f.write_text("Abu Obeida al-Mosuli\nAbu Ubaida al-Mosuli\n\nJabhat al-Nusra\n", "utf-8")
    res = CliRunner().invoke(cli, ["names", "cluster", str(f), "--no-reference"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert [r["name"] for r in rows] == ["Abu Obeida al-Mosuli", "Abu Ubaida al-Mosuli", "Jabhat al-Nusra"]
    assert rows[0]["cluster"] == rows[1]["cluster"] != rows[2]["cluster"]


def test_names_cluster_reads_stdin() -> None:
    res = CliRunner().invoke(cli, ["names", "cluster", "-"], input="Daesh\nDa3esh\n")
    assert res.exit_code == 0
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert rows[0]["cluster"] == rows[1]["cluster"]


def test_names_cluster_missing_file_is_an_error(tmp_path: Path) -> None:
    from allegiance.cli.main import main

    assert main(["names", "cluster", str(tmp_path / "nope.txt")]) != 0
