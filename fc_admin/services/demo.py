"""Demo data: a seeded database (``fc-admin demo seed``, ``gui --demo``) and demo exchange files
(``fc-admin demo files``). Deterministic: the same seed gives the same data.

The work is in :mod:`fc_admin.demo`; this module is the stable entry point the CLI and the GUI
call. Seeding is one unit of work (it commits whole or not at all) and writes audit records for
what it created, chained like every other record (R13.3).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fc_admin.db import Database
from fc_admin.demo.files import DEFAULT_AS_OF, DemoFilesSummary, RosterFile
from fc_admin.demo.files import write_demo_files as _write_demo_files
from fc_admin.demo.forms import eform_key_id
from fc_admin.demo.seed import (
    DEMO_ADMIN_USERNAME,
    DEMO_PASSWORD,
    DEMO_SEED_ACTOR,
    DEMO_STAFF,
    seed,
)
from fc_admin.services.clock import Clock
from fc_admin.tasks import TaskControl

__all__ = [
    "DEFAULT_AS_OF",
    "DEMO_ADMIN_USERNAME",
    "DEMO_PASSWORD",
    "DEMO_SEED_ACTOR",
    "DEMO_STAFF",
    "DemoFilesSummary",
    "DemoSummary",
    "RosterFile",
    "eform_key_id",
    "seed_database",
    "seed_demo_database",
    "write_demo_files",
]


@dataclass(frozen=True)
class DemoSummary:
    people: int  # roster rows (principals and dependants)
    families: int
    applications: int
    users: int  # staff users created
    audit_records: int
    admin_username: str  # an administrator of the seeded database (password DEMO_PASSWORD)
    members: int = 0  # application members (1 to 6 a form)
    outcomes: dict[str, int] = field(default_factory=dict)  # members per outcome (R3.2)
    decisions: int = 0  # members approved, rejected or queried (R3.4)
    assigned: int = 0  # forms assigned to an officer
    remarks: int = 0
    quarantined: int = 0  # refused e-forms (R2.3)
    roster_imports: int = 0  # current and earlier (history)
    accounts: int = 0  # activation details issued to approved members (R5)
    accounts_active: int = 0  # activated in the online system
    accounts_expired: int = 0  # past the 8-month deadline (R5.3)
    accounts_suspended: int = 0  # R5.4
    accounts_not_sent: int = 0  # refused by the mail server ("not sent", send_error)
    accounts_reminded: int = 0  # reminder emailed before the deadline (R5.3)
    old_applications: int = 0  # the older cohort's, received 7 to 11 months ago
    templates_loaded: int = 0  # session templates beside the standard one (R10.1)
    appointments: int = 0  # every state, the past twelve weeks and the open windows (R8, R10)
    appointments_booked: int = 0  # still to come or not yet recorded
    appointments_attended: int = 0
    appointments_no_show: int = 0
    appointments_cancelled: int = 0
    closures: int = 0  # R10.2: a typhoon day and a staff-training session, made now
    closure_affected: int = 0  # booked appointments on them: the call lists' rows


def seed_database(
    db: Database,
    clock: Clock,
    people: int = 2000,
    seed: int = 1,
    control: TaskControl | None = None,
) -> DemoSummary:
    """Fill an upgraded, empty database with deterministic synthetic data.

    Rosters of every demo source with ``people`` persons in all (and two earlier imports of each, as
    history), staff users of every role (password :data:`DEMO_PASSWORD`), a few added non-working
    days, applications of about 3% of the families received over the past weeks (a quarter of them
    paper forms keyed in at the clinics), every member verified (every outcome of R3.2 present), the
    older forms mostly decided, forms assigned to the verifiers and the supervisor with remarks, a
    handful of refused e-forms in quarantine, go-live dates for the clinics in Q1 2025 and two more
    session templates, twelve weeks of appointments and the ones booked in the open windows (by
    channel, with cancellations and no-shows), a typhoon closure and a staff-training closure with
    people to phone, and the audit records of all that. Dates are relative to ``clock.now()``.
    Raises :class:`~fc_admin.services.errors.Conflict` if the database already holds rosters or
    applications; :class:`~fc_admin.tasks.Cancelled` (nothing written) if ``control`` is cancelled.
    """
    return _seed(db, clock, people, seed, control, ensure_demo_admin=False)


def seed_demo_database(
    db: Database,
    clock: Clock,
    people: int = 2000,
    seed: int = 1,
    control: TaskControl | None = None,
) -> DemoSummary:
    """:func:`seed_database`, and the demo administrator ``demo`` (password
    :data:`DEMO_PASSWORD`) exists, active and unlocked: the GUI's ``--demo`` signs in as it."""
    return _seed(db, clock, people, seed, control, ensure_demo_admin=True)


def _seed(
    db: Database,
    clock: Clock,
    people: int,
    seed_value: int,
    control: TaskControl | None,
    *,
    ensure_demo_admin: bool,
) -> DemoSummary:
    result = seed(db, clock, people, seed_value, control, ensure_demo_admin=ensure_demo_admin)
    return DemoSummary(
        people=result.people,
        families=result.families,
        applications=result.applications,
        users=result.users,
        audit_records=result.audit_records,
        admin_username=result.admin_username,
        members=result.members,
        outcomes=dict(result.outcomes),
        decisions=result.decisions,
        assigned=result.assigned,
        remarks=result.remarks,
        quarantined=result.quarantined,
        roster_imports=result.roster_imports,
        accounts=result.accounts,
        accounts_active=result.accounts_active,
        accounts_expired=result.accounts_expired,
        accounts_suspended=result.accounts_suspended,
        accounts_not_sent=result.accounts_not_sent,
        accounts_reminded=result.accounts_reminded,
        old_applications=result.old_applications,
        templates_loaded=result.templates_loaded,
        appointments=result.appointments,
        appointments_booked=result.appointments_booked,
        appointments_attended=result.appointments_attended,
        appointments_no_show=result.appointments_no_show,
        appointments_cancelled=result.appointments_cancelled,
        closures=result.closures,
        closure_affected=result.closure_affected,
    )


def write_demo_files(
    directory: Path,
    people: int = 2000,
    seed: int = 1,
    control: TaskControl | None = None,
) -> DemoFilesSummary:
    """Write roster CSVs (F1), signed e-forms (F2) with their public key, and an online bookings
    feed (F3) into ``directory`` (new or empty). A few e-forms must be refused on import (a
    tampered one, one signed with an unknown key, one with 7 members, one with duplicate JSON
    keys; their names are in ``rejected_eforms``), and verifying the imported e-forms against the
    rosters gives every outcome of R3.2. Byte-identical for the same arguments; dates are
    around :data:`DEFAULT_AS_OF`, the first weeks of the rollout."""
    return _write_demo_files(Path(directory), people, seed, control)
