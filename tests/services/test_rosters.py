"""R3.1 / F1: roster imports replace a source's roster atomically, or change nothing at all."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from fc_admin.db import Database
from fc_admin.domain.hkid import check_character
from fc_admin.domain.roles import Role
from fc_admin.exchange.errors import FileRejected
from fc_admin.models import (
    Application,
    ApplicationMember,
    AuditRecord,
    RosterImport,
    RosterPerson,
    RosterSource,
)
from fc_admin.services import Services, roster_load
from fc_admin.services.audit import AuditFilter
from fc_admin.services.errors import PermissionDenied
from fc_admin.services.intake import IntakeService
from fc_admin.services.roster_load import RUN_CHARS
from fc_admin.services.rosters import PREVIEW_COLUMNS, RosterService
from fc_admin.tasks import Cancelled, TaskControl
from tests.conftest import ADMIN, OPERATOR, actor_for

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
HEADER = (
    "source,staff_no,hkid,name_en,name_zh,date_of_birth,category,relationship,principal_hkid,"
    "child_status,status,status_date"
)
LCSD_ROWS = (
    'LCSD,L200001,K200001(6),"HO, Chun Wai",何俊偉,1980-04-12,officer,self,K200001(6),,active,',
    'LCSD,,K200002(4),"YIP, Wing Sze",葉詠詩,1982-09-03,dependant,spouse,K200001(6),,active,',
    'LCSD,,R200003(1),"HO, Hiu Tung",何曉彤,2012-02-28,dependant,child,K200001(6),,active,',
)
CLERK = actor_for(Role.CLERK)


def hkid(prefix: str, number: int) -> str:
    digits = f"{number:06d}"
    return f"{prefix}{digits}({check_character(prefix, digits)})"


def write_csv(path: Path, lines: list[str] | tuple[str, ...], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def family_rows(source: str, first: int, families: int) -> list[str]:
    """``families`` families (officer, spouse, child) with HKIDs from ``first`` on."""
    rows = []
    for n in range(first, first + families):
        principal, spouse, child = hkid("A", 3 * n), hkid("B", 3 * n + 1), hkid("C", 3 * n + 2)
        rows += [
            f'{source},S{n:06d},{principal},"CHAN, Tai Man {n}",陳大文,1980-01-01,officer,self,'
            f"{principal},,active,",
            f'{source},,{spouse},"WONG, Mei Ling {n}",,1982-02-02,dependant,spouse,{principal},,'
            "active,",
            f'{source},,{child},"CHAN, Siu Ming {n}",,2015-03-03,dependant,child,{principal},,'
            "active,",
        ]
    return rows


@pytest.fixture
def rosters(services: Services) -> RosterService:
    return RosterService(services.db, services.clock)


@pytest.fixture
def intake(services: Services) -> IntakeService:
    return IntakeService(services.db, services.clock)


def table_rows(db: Database, model: Any) -> list[tuple[Any, ...]]:
    table = model.__table__
    with db.read() as session:
        rows = session.execute(sa.select(table).order_by(*table.primary_key.columns)).all()
    return [tuple(row) for row in rows]


def snapshot(db: Database) -> dict[str, Any]:
    """Everything a roster import may touch, row by row."""
    with db.read() as session:
        audit_count = session.execute(sa.select(sa.func.count(AuditRecord.id))).scalar_one()
    return {
        "roster_source": table_rows(db, RosterSource),
        "roster_import": table_rows(db, RosterImport),
        "roster_person": table_rows(db, RosterPerson),
        "application": table_rows(db, Application),
        "application_member": table_rows(db, ApplicationMember),
        "audit_records": audit_count,
    }


def import_samples(rosters: RosterService, intake: IntakeService) -> None:
    rosters.import_roster(CLERK, SAMPLES / "rosters" / "LCSD.csv", "LCSD")
    rosters.import_roster(CLERK, SAMPLES / "rosters" / "PEN.csv", "PEN")
    intake.import_eforms(CLERK, [SAMPLES / "eforms"], SAMPLES / "keys")


def test_r3_1_sample_rosters_import_with_counts(rosters: RosterService, services: Services) -> None:
    lcsd = rosters.import_roster(CLERK, SAMPLES / "rosters" / "LCSD.csv", "LCSD")
    assert (lcsd.source, lcsd.file_name, lcsd.rows) == ("LCSD", "LCSD.csv", 3)
    assert lcsd.counts == {"dependant": 2, "officer": 1}
    assert lcsd.encoding == "utf-8-sig" and lcsd.warnings == []
    assert lcsd.as_of == date(2025, 1, 8)  # today in Hong Kong
    pen = rosters.import_roster(
        CLERK, SAMPLES / "rosters" / "PEN.csv", "PEN", as_of=date(2025, 1, 6)
    )
    assert (pen.rows, pen.counts, pen.encoding) == (1, {"pensioner": 1}, "utf-8")

    sources = {s.code: s for s in rosters.sources()}
    assert sources["LCSD"].name_en == "LCSD" and not sources["LCSD"].is_pensions
    assert (sources["LCSD"].as_of, sources["LCSD"].rows) == (date(2025, 1, 8), 3)
    assert sources["PEN"].is_pensions
    assert (sources["PEN"].name_en, sources["PEN"].name_zh) == ("Pensions Division", "退休金組")
    assert (sources["PEN"].as_of, sources["PEN"].rows) == (date(2025, 1, 6), 1)

    with services.db.read() as session:
        people = session.execute(
            sa.select(RosterPerson.hkid, RosterPerson.name_zh, RosterPerson.date_of_birth)
            .where(RosterPerson.source_code == "LCSD")
            .order_by(RosterPerson.hkid)
        ).all()
    assert [tuple(p) for p in people] == [
        ("K200001(6)", "何俊偉", date(1980, 4, 12)),
        ("K200002(4)", "葉詠詩", date(1982, 9, 3)),
        ("R200003(1)", "何曉彤", date(2012, 2, 28)),
    ]

    records = services.audit.page(ADMIN, AuditFilter(action="roster.import"), 0, 10)
    assert len(records) == 2
    after = json.loads(records[-1].after or "{}")
    assert after["source"] == "LCSD" and after["rows"] == 3 and after["file"] == "LCSD.csv"
    assert after["counts"] == {"dependant": 2, "officer": 1}
    assert "K200001" not in (records[-1].after or "")  # R9.3: no HKIDs in the audit trail
    added = services.audit.page(ADMIN, AuditFilter(action="roster_source.add"), 0, 10)
    assert sorted(r.entity_id for r in added) == ["LCSD", "PEN"]


def test_r3_1_newer_roster_replaces_the_old_one_atomically(
    rosters: RosterService, services: Services, tmp_path: Path
) -> None:
    old = write_csv(tmp_path / "HKPF-old.csv", [HEADER, *family_rows("HKPF", 1, 4)])
    new = write_csv(tmp_path / "HKPF-new.csv", [HEADER, *family_rows("HKPF", 3, 5)])
    other = write_csv(tmp_path / "DH.csv", [HEADER, *family_rows("DH", 100, 1)])
    rosters.import_roster(CLERK, other, "DH")
    rosters.import_roster(CLERK, old, "HKPF", as_of=date(2024, 12, 31))
    result = rosters.import_roster(CLERK, new, "HKPF", as_of=date(2025, 1, 7))
    assert result.rows == 15

    with services.db.read() as session:
        hkpf = set(
            session.execute(
                sa.select(RosterPerson.hkid).where(RosterPerson.source_code == "HKPF")
            ).scalars()
        )
        dh = session.execute(
            sa.select(sa.func.count()).where(RosterPerson.source_code == "DH")
        ).scalar_one()
        imports = session.execute(
            sa.select(RosterImport.file_name, RosterImport.is_current).order_by(RosterImport.id)
        ).all()
    # Only the new roster's persons: families 1-2 are gone, 3-4 are listed once (not twice).
    assert hkpf == {hkid(p, 3 * n + k) for n in range(3, 8) for k, p in enumerate("ABC")}
    assert dh == 3  # another source's roster is untouched
    assert [tuple(i) for i in imports] == [
        ("DH.csv", True),
        ("HKPF-old.csv", False),
        ("HKPF-new.csv", True),
    ]
    sources = {s.code: s for s in rosters.sources()}
    assert (sources["HKPF"].as_of, sources["HKPF"].rows) == (date(2025, 1, 7), 15)


def test_r3_1_import_history_newest_first(
    rosters: RosterService, services: Services, tmp_path: Path
) -> None:
    first = write_csv(tmp_path / "a.csv", [HEADER, *family_rows("HKPF", 1, 2)])
    second = write_csv(tmp_path / "b.csv", [HEADER, *family_rows("HKPF", 1, 1)])
    rosters.import_roster(CLERK, first, "HKPF", as_of=date(2025, 1, 2))
    rosters.import_roster(OPERATOR, SAMPLES / "rosters" / "PEN.csv", "PEN")
    rosters.import_roster(CLERK, second, "HKPF", as_of=date(2025, 1, 3))

    history = rosters.history(CLERK)
    assert [(h.source, h.file_name, h.is_current) for h in history] == [
        ("HKPF", "b.csv", True),
        ("PEN", "PEN.csv", True),
        ("HKPF", "a.csv", False),
    ]
    only = rosters.history(ADMIN, "HKPF")
    assert [h.file_name for h in only] == ["b.csv", "a.csv"]
    b, a = only
    assert (b.as_of, b.rows, b.counts) == (date(2025, 1, 3), 3, {"dependant": 2, "officer": 1})
    assert (a.as_of, a.rows, a.counts) == (date(2025, 1, 2), 6, {"dependant": 4, "officer": 2})
    assert a.imported_by == "clerk1" and a.imported_at == services.clock.now()
    assert history[1].imported_by == "cli:tester"


def test_r3_1_big5_hkscs_file_keeps_hkscs_characters(
    rosters: RosterService, services: Services, tmp_path: Path
) -> None:
    principal, child = hkid("K", 300001), hkid("K", 300002)
    path = write_csv(
        tmp_path / "FEHD.csv",
        [
            HEADER,
            f'FEHD,FE000001,{principal},"LEUNG, Kwok Wing",梁綫,1975-05-05,officer,self,'
            f"{principal},,active,",
            f'FEHD,,{child},"LEUNG, Lik",梁𨋢,16/07/2010,dependant,child,{principal},,active,',
        ],
        encoding="big5hkscs",
    )
    result = rosters.import_roster(CLERK, path, "FEHD")
    assert result.encoding == "big5hkscs" and result.rows == 2
    with services.db.read() as session:
        names = {
            person: name
            for person, name in session.execute(
                sa.select(RosterPerson.hkid, RosterPerson.name_zh).where(
                    RosterPerson.source_code == "FEHD"
                )
            ).all()
        }
        born = session.execute(
            sa.select(RosterPerson.date_of_birth).where(RosterPerson.hkid == child)
        ).scalar_one()
    assert names == {principal: "梁綫", child: "梁𨋢"}
    assert born == date(2010, 7, 16)


# --- refusals: every class of bad file, nothing changes ------------------------------------------
def _with(line: int, replace: tuple[str, str]) -> list[str]:
    rows = [HEADER, *LCSD_ROWS]
    rows[line - 1] = rows[line - 1].replace(*replace)
    return rows


BAD_FILES: dict[str, tuple[Callable[[], list[str] | bytes], list[int | None]]] = {
    "bad_hkid": (lambda: _with(4, ("R200003(1)", "R200003(2)")), [4]),
    "same_hkid_twice": (lambda: [HEADER, *LCSD_ROWS, LCSD_ROWS[1]], [5]),
    "dependant_without_principal": (
        lambda: _with(3, (",K200001(6),,active", f",{hkid('K', 999999)},,active")),
        [3],
    ),
    "another_source": (lambda: _with(2, ("LCSD,L200001", "HKPF,L200001")), [2]),
    "missing_column": (
        lambda: [
            HEADER.replace(",status,status_date", ",status_date"),
            *(row[: row.rindex(",active")] + "," for row in LCSD_ROWS),
        ],
        [1],
    ),
    "bad_date": (lambda: _with(3, ("1982-09-03", "31/02/1982")), [3]),
    "bad_choice": (lambda: _with(4, ("dependant,child", "dependant,cousin")), [4]),
    "pensioner_on_a_department_roster": (
        lambda: _with(2, ("officer,self", "pensioner,self")),
        [2],
    ),
    "wrong_field_count": (lambda: _with(3, (",active,", ",active,,extra")), [3]),
    "header_only": (lambda: [HEADER], [None]),
    "not_text": (
        lambda: (
            ("\r\n".join([HEADER, *LCSD_ROWS]) + "\r\n")
            .encode("utf-8")
            .replace("葉詠詩".encode(), b"\xff\xfe\xff")
        ),
        [3],
    ),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_r3_1_a_bad_file_is_refused_whole_and_nothing_changes(
    kind: str,
    rosters: RosterService,
    intake: IntakeService,
    services: Services,
    tmp_path: Path,
) -> None:
    import_samples(rosters, intake)
    # An officer queried one member meanwhile: outcomes and decisions must survive untouched.
    with services.db.write() as session:
        member = session.execute(
            sa.select(ApplicationMember).order_by(ApplicationMember.id).limit(1)
        ).scalar_one()
        member.outcome, member.decision = "MISMATCH", "query"
        member.outcome_reasons = '["DOB_MISMATCH"]'
    before = snapshot(services.db)

    content, lines = BAD_FILES[kind]
    data = content()
    path = tmp_path / "LCSD-new.csv"
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        write_csv(path, data)
    with pytest.raises(FileRejected) as refused:
        rosters.import_roster(CLERK, path, "LCSD")

    assert [p.line for p in refused.value.problems] == lines
    assert all(p.file == "LCSD-new.csv" for p in refused.value.problems)
    assert snapshot(services.db) == before
    current = {s.code: s.rows for s in rosters.sources()}
    assert current == {"LCSD": 3, "PEN": 1}


def test_r3_1_refusal_lists_every_bad_line(
    rosters: RosterService, services: Services, tmp_path: Path
) -> None:
    good = family_rows("HKPF", 1, 30)
    rows = [HEADER, *good]
    bad_lines = []
    for index in range(2, len(rows), 4):  # 23 rows with a bad date, all over the file
        rows[index - 1] = rows[index - 1].replace("-01-01", "-13-01").replace("-02-02", "-13-02")
        rows[index - 1] = rows[index - 1].replace("-03-03", "-13-03")
        bad_lines.append(index)
    path = write_csv(tmp_path / "HKPF.csv", rows)
    before = snapshot(services.db)
    with pytest.raises(FileRejected) as refused:
        rosters.import_roster(CLERK, path, "HKPF")
    error = refused.value
    assert [p.line for p in error.problems] == bad_lines
    assert error.total == len(bad_lines) > FileRejected.SHOWN
    message = str(error)
    assert "HKPF.csv line 2, column date_of_birth" in message
    assert f"… and {len(bad_lines) - FileRejected.SHOWN} more" in message
    assert snapshot(services.db) == before


def test_r3_1_missing_file_is_refused(rosters: RosterService, tmp_path: Path) -> None:
    with pytest.raises(FileRejected, match="no such file"):
        rosters.import_roster(CLERK, tmp_path / "nothing.csv", "LCSD")


def test_r3_1_cancel_rolls_back_everything(
    rosters: RosterService, services: Services, tmp_path: Path
) -> None:
    rosters.import_roster(CLERK, SAMPLES / "rosters" / "LCSD.csv", "LCSD")
    before = snapshot(services.db)
    path = write_csv(tmp_path / "LCSD.csv", [HEADER, *family_rows("LCSD", 1, 4000)])
    seen: list[int] = []

    def on_progress(done: int, total: int, what: str) -> None:
        seen.append(done)
        control.cancel()  # after the first chunk is in the table

    control = TaskControl(on_progress)
    with pytest.raises(Cancelled):
        rosters.import_roster(CLERK, path, "LCSD", control=control)
    assert seen == [5000]
    assert snapshot(services.db) == before


def test_r3_1_progress_counts_rows(rosters: RosterService, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "LCSD.csv", [HEADER, *family_rows("LCSD", 1, 4000)])
    seen: list[tuple[int, int, str]] = []
    rosters.import_roster(CLERK, path, "LCSD", control=TaskControl(lambda *args: seen.append(args)))
    assert seen == [(5000, 0, "rows"), (10000, 0, "rows"), (12000, 0, "rows")]


def test_r3_1_preview_masks_hkids_and_lists_problems(
    rosters: RosterService, tmp_path: Path
) -> None:
    rows = [HEADER, *family_rows("HKPF", 1, 10)]
    rows[26] = rows[26].replace("1982-02-02", "1982-02-30")  # line 27
    path = write_csv(tmp_path / "HKPF.csv", rows)
    preview = rosters.preview(path, "HKPF", rows=5)
    assert preview.columns == PREVIEW_COLUMNS
    assert len(preview.rows) == 5 and preview.total_rows == 29
    first = dict(zip(PREVIEW_COLUMNS, preview.rows[0], strict=True))
    assert first["line"] == "2" and first["hkid"] == hkid("A", 3)[:4] + "XXX(X)"
    assert first["principal_hkid"].endswith("XXX(X)")
    assert first["name_en"] == "CHAN, Tai Man 1" and first["date_of_birth"] == "1980-01-01"
    assert [p.line for p in preview.problems] == [27] and preview.problem_count == 1
    assert not preview.importable and preview.encoding == "utf-8"
    assert all(hkid("A", 3) not in "".join(r) for r in preview.rows)


def test_r13_2_who_may_import_rosters(rosters: RosterService) -> None:
    path = SAMPLES / "rosters" / "LCSD.csv"
    for role in (Role.VERIFIER, Role.CLINIC):
        with pytest.raises(PermissionDenied):
            rosters.import_roster(actor_for(role), path, "LCSD")
        with pytest.raises(PermissionDenied):
            rosters.history(actor_for(role))
    assert rosters.sources() == []
    for actor in (CLERK, actor_for(Role.SUPERVISOR), ADMIN, OPERATOR):
        assert rosters.import_roster(actor, path, "LCSD").rows == 3
    assert len(rosters.history(CLERK, "LCSD")) == 4


def test_r3_5_newer_roster_verifies_waiting_members_again(
    rosters: RosterService, intake: IntakeService, services: Services, tmp_path: Path
) -> None:
    pytest.importorskip("fc_admin.services.verification")
    # The forms arrive before any roster: every member is waiting (NOT_FOUND).
    intake.import_eforms(CLERK, [SAMPLES / "eforms"], SAMPLES / "keys")

    def outcomes() -> dict[str, str | None]:
        with services.db.read() as session:
            rows = session.execute(
                sa.select(
                    Application.form_id, ApplicationMember.hkid, ApplicationMember.outcome
                ).join(Application, Application.id == ApplicationMember.application_id)
            ).all()
        return {f"{form_id}/{person}": outcome for form_id, person, outcome in rows}

    assert set(outcomes().values()) == {"NOT_FOUND"}
    lcsd = rosters.import_roster(CLERK, SAMPLES / "rosters" / "LCSD.csv", "LCSD")
    assert lcsd.reverified == 3  # the LCSD family; the pensioner is not that source's
    assert outcomes()["EF20250106-000002/D200004(1)"] == "NOT_FOUND"
    pen = rosters.import_roster(CLERK, SAMPLES / "rosters" / "PEN.csv", "PEN")
    assert pen.reverified == 1
    expected = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))
    assert outcomes() == expected["outcomes"]


# --- bulk loading: what is stored is what the file says -------------------------------------------
def stored_people(db: Database, source: str) -> list[tuple[Any, ...]]:
    columns = (
        RosterPerson.hkid,
        RosterPerson.source_code,
        RosterPerson.staff_no,
        RosterPerson.name_en,
        RosterPerson.name_zh,
        RosterPerson.date_of_birth,
        RosterPerson.category,
        RosterPerson.relationship,
        RosterPerson.principal_hkid,
        RosterPerson.child_status,
        RosterPerson.status,
        RosterPerson.status_date,
    )
    with db.read() as session:
        rows = session.execute(
            sa.select(*columns)
            .where(RosterPerson.source_code == source)
            .order_by(RosterPerson.hkid)
        ).all()
    return [tuple(row) for row in rows]


def test_r3_1_values_are_stored_exactly(
    rosters: RosterService, services: Services, tmp_path: Path
) -> None:
    # Characters that the bulk paths must carry through untouched (JSON on SQLite, CSV COPY on
    # PostgreSQL): separators, quotes, backslashes, line breaks, tabs, HKSCS beyond the BMP.
    principal, spouse, child = hkid("K", 400001), hkid("K", 400002), hkid("R", 400003)
    odd_en = 'O\'NEIL, "Jr" \\ back\tslash'
    lines = [
        HEADER,
        f'DH,DH-01,{principal},"{odd_en.replace(chr(34), chr(34) * 2)}",梁綫𨋢,1975-05-05,'
        f"officer,self,{principal},,active,2024-12-31",
        f'DH,,{spouse},"LINE,\nBREAK",,03/02/1977,dependant,spouse,{principal},,inactive,',
        f'DH,,{child},"=1+1, \\N",NULL,2006-01-01,dependant,child,{principal},infirm,active,',
    ]
    result = rosters.import_roster(CLERK, write_csv(tmp_path / "DH.csv", lines), "DH")
    assert result.rows == 3
    assert stored_people(services.db, "DH") == [
        (
            principal,
            "DH",
            "DH-01",
            odd_en,
            "梁綫𨋢",
            date(1975, 5, 5),
            "officer",
            "self",
            principal,
            None,
            "active",
            date(2024, 12, 31),
        ),
        (
            spouse,
            "DH",
            None,
            "LINE,\nBREAK",
            "",
            date(1977, 2, 3),
            "dependant",
            "spouse",
            principal,
            None,
            "inactive",
            None,
        ),
        (
            child,
            "DH",
            None,
            "=1+1, \\N",
            "NULL",
            date(2006, 1, 1),
            "dependant",
            "child",
            principal,
            "infirm",
            "active",
            None,
        ),
    ]


def test_r3_1_loose_values_are_stored_canonical(
    rosters: RosterService, services: Services, tmp_path: Path
) -> None:
    # R9.2 and F1: HKIDs normalised, both date forms, choices in any case; optional columns absent.
    principal, spouse = hkid("D", 400011), hkid("D", 400012)
    loose = principal.lower().replace("(", "").replace(")", "")
    lines = [
        "hkid,source,name_en,date_of_birth,category,relationship,principal_hkid,status",
        f'{loose},PEN,"LAU, Kam",1/2/1948, Pensioner ,SELF,{principal},ACTIVE',
        f'{spouse},PEN,"LAU, Mei",1950-03-04,dependant,Spouse, {loose} ,active',
    ]
    rosters.import_roster(CLERK, write_csv(tmp_path / "PEN.csv", lines), "PEN")
    assert stored_people(services.db, "PEN") == [
        (
            principal,
            "PEN",
            None,
            "LAU, Kam",
            "",
            date(1948, 2, 1),
            "pensioner",
            "self",
            principal,
            None,
            "active",
            None,
        ),
        (
            spouse,
            "PEN",
            None,
            "LAU, Mei",
            "",
            date(1950, 3, 4),
            "dependant",
            "spouse",
            principal,
            None,
            "active",
            None,
        ),
    ]


@pytest.mark.parametrize("run_chars", [1, RUN_CHARS])
def test_r3_1_runs_inserted_before_a_refusal_are_rolled_back(
    rosters: RosterService,
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    run_chars: int,
) -> None:
    # With runs of one chunk, rows reach roster_person (on the helper thread) long before the
    # bad last line is read: the refusal must take them back out, and the next import works.
    monkeypatch.setattr(roster_load, "RUN_CHARS", run_chars)
    setting = "PRAGMA cache_size" if services.db.dialect == "sqlite" else "SHOW work_mem"

    def connection_setting() -> object:
        with services.db.write() as session:
            return session.connection().exec_driver_sql(setting).scalar_one()

    setting_before = connection_setting()
    good = write_csv(tmp_path / "HKPF.csv", [HEADER, *family_rows("HKPF", 1, 4000)])
    bad_rows = [HEADER, *family_rows("HKPF", 1, 4000)]
    bad_rows[-1] = bad_rows[-1].replace("2015-03-03", "2015-02-30")
    bad = write_csv(tmp_path / "HKPF-bad.csv", bad_rows)
    assert rosters.import_roster(CLERK, good, "HKPF").rows == 12000
    before = snapshot(services.db)
    with pytest.raises(FileRejected) as refused:
        rosters.import_roster(CLERK, bad, "HKPF")
    assert [p.line for p in refused.value.problems] == [12001]
    assert snapshot(services.db) == before
    assert rosters.import_roster(CLERK, good, "HKPF").rows == 12000
    assert len(stored_people(services.db, "HKPF")) == 12000
    # The connection goes back to the pool as it was (the import's settings are its own).
    assert connection_setting() == setting_before


def test_r3_1_cancel_while_runs_are_inserted(
    rosters: RosterService,
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(roster_load, "RUN_CHARS", 1)
    rosters.import_roster(CLERK, SAMPLES / "rosters" / "LCSD.csv", "LCSD")
    before = snapshot(services.db)
    path = write_csv(tmp_path / "LCSD.csv", [HEADER, *family_rows("LCSD", 1, 4000)])
    seen: list[int] = []

    def on_progress(done: int, total: int, what: str) -> None:
        seen.append(done)
        if done >= 10000:
            control.cancel()

    control = TaskControl(on_progress)
    with pytest.raises(Cancelled):
        rosters.import_roster(CLERK, path, "LCSD", control=control)
    assert seen == [5000, 10000]
    assert snapshot(services.db) == before


def test_r3_1_import_into_an_in_memory_database(tmp_path: Path) -> None:
    # sqlite3 binds an in-memory database's connection to its thread: runs go in on this one.
    from fc_admin.schema import upgrade
    from fc_admin.services.clock import FixedClock
    from tests.conftest import NOW

    db = Database("sqlite://")
    try:
        upgrade(db)
        rosters = RosterService(db, FixedClock(NOW))
        path = write_csv(tmp_path / "HKPF.csv", [HEADER, *family_rows("HKPF", 1, 20)])
        assert rosters.import_roster(CLERK, path, "HKPF").rows == 60
        assert len(stored_people(db, "HKPF")) == 60
    finally:
        db.dispose()
