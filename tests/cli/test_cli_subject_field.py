"""``--subject-field``: each row's subjectless sentences are about the entity it names.

Runs the real pipeline in this process (``--jobs 1``).
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from allegiance.cli.main import cli

ROWS = [
    {"ref": "QDi.1", "name": "QASIM MOHAMED MAHDI AL-RIMI",
     "comments": "Leader of Al-Qaida in the Arabian Peninsula (QDe.129) since Jun. 2015, pledged loyalty to "
                 "Aiman al-Zawahiri (QDi.006)."},
    {"ref": "QDe.2", "name": "AL MOURABITOUN",
     "comments": "Associated with the Organization of Al-Qaida in the Islamic Maghreb (QDe.014) and led by "
                 "Mokhtar Belmokhtar (QDi.136)."},
]


def _claims(out: str) -> dict[str, set[tuple[str | None, str, str | None]]]:
    found = {}
    for line in out.splitlines():
        ex = json.loads(line)
        names = {e["id"]: e["name"] for e in ex["entities"]}
        found[ex["document"]["id"]] = {(names.get(c["subject"]), c["predicate"], names.get(c["object"]))
                                       for c in ex["claims"]}
    return found


def _run(path: Path, *more: str) -> dict[str, set[tuple[str | None, str, str | None]]]:
    result = CliRunner(mix_stderr=False).invoke(cli, ["extract", str(path), "--text-field", "comments",
                                                      "--id-field", "ref", "--format", "jsonl", "-j", "1",
                                                      "--no-progress", *more])
    assert result.exit_code == 0, result.stderr
    return _claims(result.stdout)


def test_subject_field_gives_the_rows_their_subject(tmp_path: Path) -> None:
    path = tmp_path / "list.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    with_subject = _run(path, "--subject-field", "name")
    assert ("QASIM MOHAMED MAHDI AL-RIMI", "leader_of", "al-Qaeda in the Arabian Peninsula") in with_subject["QDi.1"]
    assert ("al-Mourabitoun", "affiliated_with", "al-Qaeda in the Islamic Maghreb") in with_subject["QDe.2"]
    assert ("Mokhtar Belmokhtar", "leader_of", "al-Mourabitoun") in with_subject["QDe.2"]
    without = _run(path)
    # no subject given: no name of the sentence stands in for it
    assert not any(p == "leader_of" for _, p, _ in without["QDi.1"]), without
    assert not any(s == "Mokhtar Belmokhtar" and p == "affiliated_with" for s, p, _ in without["QDe.2"]), without


def test_subject_field_reads_csv_rows(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text('ref,name,comments\nQDi.9,SALEM NOR ELDIN AMOHAMED AL-DABSKI,"Senior member of Libyan Islamic '
                    'Fighting Group (QDe.011) and member of Al-Qaida (QDe.004)."\n', encoding="utf-8")
    claims = _run(path, "--subject-field", "name")["QDi.9"]
    assert {("SALEM NOR ELDIN AMOHAMED AL-DABSKI", "member_of", "Libyan Islamic Fighting Group"),
            ("SALEM NOR ELDIN AMOHAMED AL-DABSKI", "member_of", "al-Qaeda")} <= claims


def test_ingest_takes_the_subject_field_too(tmp_path: Path) -> None:
    path = tmp_path / "list.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    counts = []
    for more in ([], ["--subject-field", "name"]):
        db = tmp_path / f"store{len(more)}.db"
        result = CliRunner(mix_stderr=False).invoke(cli, ["ingest", str(path), "--db", str(db), "--text-field",
                                                          "comments", "--id-field", "ref", "-j", "1",
                                                          "--no-progress", *more])
        assert result.exit_code == 0, result.stderr
        counts.append(int(result.stdout.rsplit("claims:", 1)[1].split()[0]))
    assert counts[1] > counts[0]
