"""spec/cli.md: ``fc-admin daily-list --clinic CODE|--all-live --date DATE [--pdf F] [--csv F]``."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.test_cli import isolated, run, run_json  # noqa: F401  (autouse fixture)
from tests.cli.test_cli_booking import book, roster, services  # noqa: F401  (fixture)

FRIDAY = "2025-01-24"


def test_clinic_list_to_pdf_and_csv_and_audited(
    capsys: pytest.CaptureFixture[str],
    isolated: Path,  # noqa: F811
    roster: list[str],  # noqa: F811
) -> None:
    # CW went live on 20 January: on Thursday it books Friday (R8.1).
    for person, when in zip(roster[:3], ("09:00", "09:00", "14:15"), strict=True):
        code, out, err = book(
            capsys, person, clinic="CW", day=FRIDAY, at="2025-01-23T10:00", time=when
        )
        assert code == 0, err
    pdf, csv_file = isolated / "cw.pdf", isolated / "cw.csv"
    code, doc = run_json(
        capsys,
        "daily-list",
        "--clinic",
        "cw",
        "--date",
        FRIDAY,
        "--pdf",
        str(pdf),
        "--csv",
        str(csv_file),
    )
    assert code == 0
    assert isinstance(doc, dict)
    assert (doc["clinic"], doc["date"], doc["total"], doc["cancelled"]) == ("CW", FRIDAY, 3, 0)
    assert [(s["name"], s["total"]) for s in doc["sessions"]] == [("AM", 2), ("PM", 1)]
    assert [(f["kind"], f["rows"]) for f in doc["files"]] == [("pdf", 3), ("csv", 3)]
    assert "hkid" not in str(doc).lower()  # totals only on stdout
    text = csv_file.read_bytes().decode("utf-8-sig")
    assert text.count("\r\n") == 4 and "CHEUNG, Officer A" in text
    if shutil.which("pdftotext"):
        out = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "CHEUNG, Officer C" in out and "RESTRICTED (STAFF)" in out
    db, _svc = services()
    try:
        from tests.services.booking_support import audit_records

        assert len(audit_records(db, "daily_list.print")) == 1
        assert len(audit_records(db, "daily_list.export")) == 1
    finally:
        db.dispose()


def test_all_live_writes_one_file_per_live_clinic(
    capsys: pytest.CaptureFixture[str],
    isolated: Path,  # noqa: F811
) -> None:
    folder = isolated / "lists"
    code, doc = run_json(
        capsys,
        "daily-list",
        "--all-live",
        "--date",
        FRIDAY,
        "--pdf",
        str(folder),
        "--csv",
        str(folder),
    )
    assert code == 0
    assert isinstance(doc, list)
    assert sorted(d["clinic"] for d in doc) == ["CW", "FL"]
    assert sorted(p.name for p in folder.iterdir()) == [
        "daily-list-CW-2025-01-24.csv",
        "daily-list-CW-2025-01-24.pdf",
        "daily-list-FL-2025-01-24.csv",
        "daily-list-FL-2025-01-24.pdf",
    ]
    # Before any go-live nothing is written (and that is not an error).
    code, _out, err = run(
        capsys, "daily-list", "--all-live", "--date", "2025-01-10", "--pdf", str(isolated / "x")
    )
    assert code == 0 and "no clinic is live" in err
    assert not any((isolated / "x").iterdir())


def test_a_date_without_sessions_still_gives_a_list(
    capsys: pytest.CaptureFixture[str],
    isolated: Path,  # noqa: F811
) -> None:
    pdf = isolated / "sat.pdf"
    code, out, err = run(
        capsys, "daily-list", "--clinic", "HK", "--date", "2025-01-25", "--pdf", str(pdf)
    )
    assert code == 0, err
    assert "does not open on Saturdays" in out and pdf.stat().st_size > 0
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "does not open on Saturdays" in text


def test_usage_and_refusals(capsys: pytest.CaptureFixture[str], isolated: Path) -> None:  # noqa: F811
    assert run(capsys, "daily-list", "--date", FRIDAY)[0] == 2
    assert run(capsys, "daily-list", "--clinic", "CW", "--all-live", "--date", FRIDAY)[0] == 2
    code, _, err = run(capsys, "daily-list", "--clinic", "ZZ", "--date", FRIDAY)
    assert code == 1 and "ZZ" in err
    code, _, err = run(capsys, "daily-list", "--clinic", "CW", "--date", "2025-13-01")
    assert code == 1
    (isolated / "file").write_text("x")
    code, _, err = run(
        capsys, "daily-list", "--all-live", "--date", FRIDAY, "--pdf", str(isolated / "file")
    )
    assert code == 1 and "must be a folder" in err
