"""spec/cli.md: names, flags, JSON shapes and exit statuses of the foundation commands."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from fc_admin import __version__
from fc_admin.cli import main
from fc_admin.db import Database
from fc_admin.services import Services
from fc_admin.services.audit import AuditFilter
from tests.conftest import ADMIN


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Every CLI test on its own database, settings and data folder."""
    monkeypatch.setenv("FC_ADMIN_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("FC_ADMIN_LANGUAGE", raising=False)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, object]:
    code, out, _ = run(capsys, *args, "--json")
    return code, json.loads(out)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"fc-admin {__version__}"


def test_r9_hkid_check_json_and_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = run_json(capsys, "hkid", "check", "a123456 3", "K200001(6)", "A123456(4)")
    assert code == 1
    assert doc == [
        {"input": "a123456 3", "valid": True, "canonical": "A123456(3)", "reason": None},
        {"input": "K200001(6)", "valid": True, "canonical": "K200001(6)", "reason": None},
        {"input": "A123456(4)", "valid": False, "canonical": None, "reason": doc[2]["reason"]},  # type: ignore[index]
    ]
    assert doc[2]["reason"]  # type: ignore[index]
    code, out, err = run(capsys, "hkid", "check", "Ｋ２００００１（６）")
    assert (code, out.strip(), err) == (0, "K200001(6)", "")


def test_r4_2_deadline_example_from_the_spec(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = run_json(capsys, "calendar", "deadline", "--received", "2025-01-23")
    assert (code, doc) == (0, {"received": "2025-01-23", "deadline": "2025-02-17"})


@pytest.mark.parametrize(
    ("issued", "deadline"),
    [("2025-06-30", "2026-02-28"), ("2025-08-31", "2026-04-30"), ("2025-01-15", "2025-09-15")],
)
def test_r5_3_activation_deadline(
    capsys: pytest.CaptureFixture[str], issued: str, deadline: str
) -> None:
    code, doc = run_json(capsys, "calendar", "activation-deadline", "--issued", issued)
    assert (code, doc) == (0, {"issued": issued, "deadline": deadline})


def test_r4_1_holidays_json_lists_general_holidays_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, doc = run_json(capsys, "calendar", "holidays", "--year", "2025")
    assert code == 0
    dates = [d["date"] for d in doc]  # type: ignore[union-attr]
    assert "2025-04-18" in dates and "2025-04-19" in dates and "2025-04-21" in dates
    assert "2025-01-04" not in dates  # an ordinary Saturday
    assert len(dates) == 17
    assert set(doc[0]) == {"date", "name"}  # type: ignore[index]


def test_r4_1_added_day_appears_in_holidays(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "db", "upgrade")
    db = Database(os.environ["FC_ADMIN_DATABASE_URL"])
    Services(db).calendar.add_non_working_day(ADMIN, date(2025, 9, 1), "Typhoon No. 8")
    db.dispose()
    _code, doc = run_json(capsys, "calendar", "holidays", "--year", "2025")
    assert {"date": "2025-09-01", "name": "Typhoon No. 8"} in doc  # type: ignore[operator]
    _code, doc = run_json(capsys, "calendar", "deadline", "--received", "2025-08-29")
    assert doc == {"received": "2025-08-29", "deadline": "2025-09-19"}


def test_r8_booking_window_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = run_json(
        capsys,
        "booking",
        "window",
        "--clinic",
        "cw",
        "--channel",
        "online",
        "--at",
        "2025-01-24T10:00",
    )
    assert code == 0
    assert doc == {
        "clinic": "CW",
        "channel": "online",
        "at": "2025-01-24T10:00:00+08:00",
        "dates": ["2025-01-24"],
    }
    code, doc = run_json(
        capsys,
        "booking",
        "window",
        "--clinic",
        "HK",
        "--channel",
        "atbs",
        "--at",
        "2025-01-23T10:00",
    )
    assert doc["dates"] == [  # type: ignore[index]
        "2025-01-23",
        "2025-01-24",
        "2025-01-27",
        "2025-01-28",
        "2025-02-03",
        "2025-02-04",
        "2025-02-05",
        "2025-02-06",
    ]
    code, doc = run_json(
        capsys,
        "booking",
        "window",
        "--clinic",
        "CW",
        "--channel",
        "atbs",
        "--at",
        "2025-01-23T10:00",
    )
    assert doc["dates"] == []  # type: ignore[index]


def test_clinics_list_and_go_live(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = run_json(capsys, "clinics", "list", "--at", "2025-01-20T09:00")
    assert code == 0
    by_code = {c["code"]: c for c in doc}  # type: ignore[union-attr]
    assert list(by_code) == ["CW", "HK", "KLN", "NT", "FL", "SK"]
    assert by_code["CW"]["go_live"] == "2025-01-20" and by_code["CW"]["live_today"] is True
    assert by_code["HK"]["go_live"] is None and by_code["HK"]["live_today"] is False
    code, _, _ = run(capsys, "clinics", "go-live", "HK", "2025-02-17")
    assert code == 0
    code, doc = run_json(capsys, "clinics", "list", "--at", "2025-02-17T09:00")
    assert {c["code"]: c["live_today"] for c in doc}["HK"] is True  # type: ignore[union-attr]
    code, _, _ = run(capsys, "clinics", "go-live", "HK", "none")
    code, doc = run_json(capsys, "clinics", "list", "--at", "2025-02-17T09:00")
    assert {c["code"]: c["go_live"] for c in doc}["HK"] is None  # type: ignore[union-attr]
    code, out, _err = run(capsys, "audit", "verify")
    assert code == 0 and "2 records" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["clinics", "go-live", "XX", "2025-02-17"], "unknown clinic code XX"),
        (["clinics", "go-live", "HK", "2025-02-30"], "not a valid date"),
        (["calendar", "deadline", "--received", "23/01/2025"], "not a valid date"),
        (["calendar", "holidays", "--year", "next"], "not a whole number"),
        (
            ["booking", "window", "--clinic", "CW", "--channel", "online", "--at", "soon"],
            "not an ISO 8601 moment",
        ),
    ],
)
def test_bad_input_exits_1_with_one_line_reason(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _out, err = run(capsys, *args)
    assert code == 1
    assert message in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_wrong_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "booking", "window", "--clinic", "CW")[0] == 2
    assert run(capsys, "nonsense")[0] == 2
    assert run(capsys, "booking", "window", "--clinic", "CW", "--channel", "fax")[0] == 2


def test_unreachable_database_is_named_without_password(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _out, err = run(
        capsys, "--database", "postgresql+psycopg://u:secret@127.0.0.1:1/x", "clinics", "list"
    )
    assert code == 1
    assert "does not answer" in err and "secret" not in err and "Traceback" not in err


def test_newer_database_is_refused_untouched(
    capsys: pytest.CaptureFixture[str], isolated: Path
) -> None:
    import sqlite3

    assert run(capsys, "db", "upgrade")[0] == 0
    conn = sqlite3.connect(isolated / "cli.sqlite3")
    conn.execute("UPDATE alembic_version SET version_num = '0999_future'")
    conn.commit()
    conn.close()
    code, _out, err = run(capsys, "clinics", "list")
    assert code == 1 and "newer fc-admin" in err
    code, _out, err = run(capsys, "db", "upgrade")
    assert code == 1 and "newer fc-admin" in err


def test_db_upgrade_is_idempotent(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = run_json(capsys, "db", "upgrade")
    assert code == 0 and doc["before"] is None  # type: ignore[index]
    code, doc = run_json(capsys, "db", "upgrade")
    assert code == 0 and doc["before"] == doc["after"]  # type: ignore[index]


def test_r13_users_add_reads_the_password_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("a-long-password\n"))
    code, _out, err = run(capsys, "users", "add", "chan.tm", "--role", "clinic", "--clinic", "KLN")
    assert code == 0, err
    monkeypatch.setattr(sys, "stdin", io.StringIO("a-long-password\n"))
    code, _out, err = run(capsys, "users", "add", "lee.kc", "--role", "admin")
    assert code == 0
    # --as: the clinic user may not change rollout dates; the admin may.
    code, _out, err = run(capsys, "clinics", "go-live", "SK", "2025-03-03", "--as", "chan.tm")
    assert code == 1 and "not allowed" in err
    code, _out, err = run(capsys, "clinics", "go-live", "SK", "2025-03-03", "--as", "lee.kc")
    assert code == 0
    import os

    from fc_admin.db import Database
    from fc_admin.services import Services
    from tests.conftest import ADMIN

    db = Database(os.environ["FC_ADMIN_DATABASE_URL"])
    rows = Services(db).audit.page(ADMIN, AuditFilter(), 0, 10)
    db.dispose()
    assert [(r.actor, r.action) for r in rows][:1] == [("lee.kc", "clinic.go_live")]
    assert rows[-1].actor.startswith("cli:")  # users add acted as the OS user
    assert Services


def test_as_unknown_user_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "clinics", "go-live", "SK", "2025-03-03", "--as", "ghost")
    assert code == 1 and "no active staff user ghost" in err


def test_the_installed_command_runs_as_a_scheduled_job_would(isolated: Path) -> None:
    """A real process, no terminal: stdout holds only the JSON document."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "fc_admin",
            "calendar",
            "deadline",
            "--received",
            "2025-01-23",
            "--json",
        ],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"received": "2025-01-23", "deadline": "2025-02-17"}
