"""The quick start's main job: the bundled example, extracted, stored and reported."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from allegiance.cli.demo import example_path
from allegiance.cli.main import cli
from allegiance.ingest import read_path
from allegiance.pipeline import extract_document


def test_demo_reports_the_example_and_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    first = CliRunner().invoke(cli, ["demo", "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "Nour al-Din al-Zenki Movement" in first.output
    assert "merged_into" in first.output and "2017-01-28" in first.output
    second = CliRunner().invoke(cli, ["demo", "--db", str(db)])
    assert second.exit_code == 0
    assert "unchanged" in second.output


def test_example_claims_carry_time_stance_and_source() -> None:
    ex = extract_document(read_path(example_path()))
    name = {e.id: e.name for e in ex.entities}
    got = {(name.get(c.subject), c.predicate, name.get(c.object), c.stance) for c in ex.claims}
    assert ("Nour al-Din al-Zenki Movement", "merged_into", "Hay'at Tahrir al-Sham", "asserted") in got
    assert ("Nour al-Din al-Zenki Movement", "defected_from", "Hay'at Tahrir al-Sham", "asserted") in got
    # the witness's account is reported, with the witness as source; HTS's denial is kept
    assert ("Hay'at Tahrir al-Sham", "arrested", "Abu Yusuf al-Zenki", "reported") in got
    assert ("Hay'at Tahrir al-Sham", "arrested", "Abu Yusuf al-Zenki", "denied") in got
    merged = next(c for c in ex.claims if c.predicate == "merged_into" and name.get(c.subject) == "Nour al-Din al-Zenki Movement")
    assert merged.time is not None and (merged.time.start, merged.time.end) == ("2017-01-28", "2017-01-28")
    reported = next(c for c in ex.claims if c.stance == "reported" and c.predicate == "arrested")
    assert name[reported.source] == "Abu Hafs al-Halabi"
    text = ex.text or ""
    for c in ex.claims:  # every claim points at its sentence
        assert c.evidence.text == text[c.evidence.start:c.evidence.end]
