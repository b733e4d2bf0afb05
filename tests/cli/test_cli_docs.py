"""docs/cli.md is generated from --help; a new or changed command must be documented."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "cli_docs.py"


def test_cli_reference_is_current() -> None:
    spec = importlib.util.spec_from_file_location("cli_docs", SCRIPT)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.DOC.read_text("utf-8") == mod.render(), "run: python scripts/cli_docs.py"
