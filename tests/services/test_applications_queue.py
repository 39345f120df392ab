"""The application queue: paging and filters in SQL, R4.3 risk, assignment, remarks, history."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from fc_admin.domain.deadlines import DeadlineState
from fc_admin.domain.roles import Role
from fc_admin.models import Application, ApplicationMember
from fc_admin.services import Services
from fc_admin.services.applications import QueueFilter, RiskFilter, SortKey
from fc_admin.services.audit import AuditFilter
from fc_admin.services.errors import InvalidInput, PermissionDenied
from tests.conftest import ADMIN, OPERATOR, actor_for

SUPERVISOR = actor_for(Role.SUPERVISOR)
VERIFIER = actor_for(Role.VERIFIER)

# (form_id, received, deadline, channel, members: (hkid, name_en, name_zh, relationship, dept))
FORMS = [
    (
        "EF20241216-000001",
        date(2024, 12, 16),
        date(2025, 1, 6),
        "iam_smart",
        [
            ("K200001(6)", "HO, Chun Wai", "何俊偉", "self", "LCSD"),
            ("K200002(4)", "YIP, Wing Sze", "葉詠詩", "spouse", "LCSD"),
        ],
    ),
    (
        "EF20241219-000002",
        date(2024, 12, 19),
        date(2025, 1, 10),
        "iam_smart",
        [("D200004(1)", "LAU, Kam Chuen", "劉錦泉", "self", "PEN")],
    ),
    (
        "PF20250102-CW-000001",
        date(2025, 1, 2),
        date(2025, 1, 22),
        "in_person",
        [("A123456(3)", "CHAN, Tai Man", "陳大文", "self", "HKPF")],
    ),
]


def _seed(services: Services) -> None:
    now = datetime(2025, 1, 2, 1, 0, tzinfo=UTC)
    with services.db.write() as session:
        for form_id, received, deadline, channel, members in FORMS:
            form = Application(
                form_id=form_id,
                channel=channel,
                submitted_at=now,
                received_date=received,
                notification_deadline=deadline,
                applicant_hkid=members[0][0],
                status="OPEN",
                imported_at=now,
                clinic_code="CW" if channel == "in_person" else None,
            )
            session.add(form)
            session.flush()
            for i, (hkid, name_en, name_zh, rel, dept) in enumerate(members, start=1):
                session.add(
                    ApplicationMember(
                        application_id=form.id,
                        position=i,
                        hkid=hkid,
                        name_en=name_en,
                        name_zh=name_zh,
                        date_of_birth=date(1980, 1, 1),
                        category="officer" if rel == "self" else "dependant",
                        relationship=rel,
                        principal_hkid=members[0][0],
                        department=dept,
                        outcome="ELIGIBLE" if dept != "HKPF" else "NOT_FOUND",
                    )
                )
    services.auth.add_user(OPERATOR, "verifier.a", Role.VERIFIER, "password-1")
    services.auth.add_user(OPERATOR, "clerk.a", Role.CLERK, "password-1")


@pytest.fixture
def queue(services: Services) -> Services:
    _seed(services)
    return services


def _ids(rows: list) -> list[str]:  # type: ignore[type-arg]
    return [r.form_id for r in rows]


def test_r4_3_queue_shows_deadline_days_left_and_risk(queue: Services) -> None:
    # Today is Wednesday 8 January 2025.
    rows = queue.applications.page(VERIFIER, QueueFilter(), 0, 50)
    assert _ids(rows) == [f[0] for f in FORMS]  # by deadline
    overdue, at_risk, on_track = rows
    assert overdue.deadline_state is DeadlineState.OVERDUE and overdue.working_days_left < 0
    assert at_risk.deadline_state is DeadlineState.AT_RISK and at_risk.working_days_left == 2
    assert on_track.deadline_state is DeadlineState.ON_TRACK
    assert overdue.members == 2 and overdue.principal_name_zh == "何俊偉"
    assert overdue.outcomes == {"ELIGIBLE": 2}
    counts = queue.applications.counts(VERIFIER)
    assert (counts.total, counts.overdue, counts.at_risk) == (3, 1, 1)


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (QueueFilter(risk=RiskFilter.OVERDUE), ["EF20241216-000001"]),
        (QueueFilter(risk=RiskFilter.AT_RISK), ["EF20241219-000002"]),
        (
            QueueFilter(risk=RiskFilter.AT_RISK_OR_OVERDUE),
            ["EF20241216-000001", "EF20241219-000002"],
        ),
        (QueueFilter(channel="in_person"), ["PF20250102-CW-000001"]),
        (QueueFilter(department="PEN"), ["EF20241219-000002"]),
        (QueueFilter(outcome="NOT_FOUND"), ["PF20250102-CW-000001"]),
        (QueueFilter(text="wing sze"), ["EF20241216-000001"]),
        (QueueFilter(text="劉錦"), ["EF20241219-000002"]),
        (QueueFilter(text="000002"), ["EF20241219-000002"]),
        (
            QueueFilter(sort=SortKey.RECEIVED, descending=True),
            ["PF20250102-CW-000001", "EF20241219-000002", "EF20241216-000001"],
        ),
    ],
)
def test_queue_filters_and_sorts_in_the_database(
    queue: Services, flt: QueueFilter, expected: list[str]
) -> None:
    assert _ids(queue.applications.page(VERIFIER, flt, 0, 50)) == expected
    assert queue.applications.count(VERIFIER, flt) == len(expected)


def test_queue_pages(queue: Services) -> None:
    first = queue.applications.page(VERIFIER, QueueFilter(), 0, 2)
    rest = queue.applications.page(VERIFIER, QueueFilter(), 2, 2)
    assert _ids(first) + _ids(rest) == [f[0] for f in FORMS]


def test_r13_3_an_hkid_search_is_audited_and_masked(queue: Services) -> None:
    rows = queue.applications.page(VERIFIER, QueueFilter(text="k2000024"), 0, 50)
    assert _ids(rows) == ["EF20241216-000001"]
    assert queue.applications.count(VERIFIER, QueueFilter(text="k2000024")) == 1
    records = queue.audit.page(ADMIN, AuditFilter(action="hkid.search"), 0, 5)
    assert len(records) == 1  # one search, one record (the count that goes with it is not)
    assert records[0].actor == VERIFIER.username and records[0].entity_id == "K200XXX(X)"


def test_r9_3_clerks_cannot_search_by_hkid(queue: Services) -> None:
    with pytest.raises(PermissionDenied):
        queue.applications.page(actor_for(Role.CLERK), QueueFilter(text="K200002(4)"), 0, 5)


def test_clinic_staff_do_not_see_the_queue(queue: Services) -> None:
    with pytest.raises(PermissionDenied):
        queue.applications.page(actor_for(Role.CLINIC, "CW"), QueueFilter(), 0, 5)


def test_supervisor_assigns_work_and_my_work_lists_it(queue: Services) -> None:
    assert queue.applications.assignable_officers(SUPERVISOR) == [("verifier.a", "verifier.a")]
    changed = queue.applications.assign(
        SUPERVISOR, ["EF20241216-000001", "PF20250102-CW-000001"], "verifier.a"
    )
    assert changed == 2
    mine = queue.applications.page(VERIFIER, QueueFilter(assigned_to="verifier.a"), 0, 50)
    assert _ids(mine) == ["EF20241216-000001", "PF20250102-CW-000001"]
    pool = queue.applications.page(VERIFIER, QueueFilter(assigned_to=""), 0, 50)
    assert _ids(pool) == ["EF20241219-000002"]
    with pytest.raises(PermissionDenied):
        queue.applications.assign(VERIFIER, ["EF20241219-000002"], "verifier.a")
    with pytest.raises(InvalidInput, match="not an active verifier"):
        queue.applications.assign(SUPERVISOR, ["EF20241219-000002"], "clerk.a")


def test_remarks_thread_and_history(queue: Services, clock: object) -> None:
    queue.applications.assign(SUPERVISOR, ["EF20241216-000001"], "verifier.a")
    queue.applications.add_remark(VERIFIER, "EF20241216-000001", "Called LCSD about the spouse")
    queue.clock.at = queue.clock.now() + timedelta(minutes=5)  # type: ignore[attr-defined]
    queue.applications.add_remark(SUPERVISOR, "EF20241216-000001", "Please chase by Friday")
    detail = queue.applications.detail(VERIFIER, "EF20241216-000001")
    assert [(r.author, r.text) for r in detail.remarks] == [
        (VERIFIER.username, "Called LCSD about the spouse"),
        (SUPERVISOR.username, "Please chase by Friday"),
    ]
    assert [m.hkid for m in detail.members] == ["K200001(6)", "K200002(4)"]
    history = queue.applications.history(VERIFIER, "EF20241216-000001")
    assert [(h.actor, h.action) for h in history] == [
        (SUPERVISOR.username, "application.assign"),
        (VERIFIER.username, "application.remark"),
        (SUPERVISOR.username, "application.remark"),
    ]
    with pytest.raises(InvalidInput):
        queue.applications.add_remark(VERIFIER, "EF20241216-000001", "   ")
