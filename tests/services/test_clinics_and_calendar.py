"""R6, R7: clinics and rollout; R4.1: added non-working days; R8 windows through the service."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from fc_admin.domain.booking_window import Channel
from fc_admin.domain.hktime import HONG_KONG
from fc_admin.domain.roles import Role
from fc_admin.services import Services
from fc_admin.services.audit import AuditFilter
from fc_admin.services.errors import Conflict, NotFound, PermissionDenied
from tests.conftest import ADMIN, actor_for


def test_r6_the_six_clinics_with_their_numbers(services: Services) -> None:
    clinics = services.clinics.list_clinics(date(2025, 1, 8))
    assert [c.code for c in clinics] == ["CW", "HK", "KLN", "NT", "FL", "SK"]
    kln = clinics[2]
    assert kln.name_zh == "九龍公務員診所" and kln.appointment_phones == "2771 1518, 2771 6946"


def test_r7_1_default_go_live_dates(services: Services) -> None:
    clinics = {c.code: c for c in services.clinics.list_clinics(date(2025, 1, 20))}
    assert clinics["CW"].go_live_date == date(2025, 1, 20) and clinics["CW"].live
    assert clinics["FL"].live
    assert all(clinics[c].go_live_date is None for c in ("HK", "KLN", "NT", "SK"))
    before = {c.code: c for c in services.clinics.list_clinics(date(2025, 1, 19))}
    assert not before["CW"].live


def test_r7_2_channels_before_and_after_go_live(services: Services) -> None:
    before = services.clinics.get("CW", date(2025, 1, 19))
    after = services.clinics.get("CW", date(2025, 1, 20))
    assert before.channels == (Channel.MANUAL, Channel.ATBS)
    assert after.channels == (Channel.ONLINE, Channel.MANUAL)


def test_r7_3_what_changes_on_a_date(services: Services) -> None:
    changes = services.clinics.changes_on(date(2025, 1, 20))
    assert [(c.clinic_code, c.opens, c.closes) for c in changes] == [
        ("CW", (Channel.ONLINE,), (Channel.ATBS,)),
        ("FL", (Channel.ONLINE,), (Channel.ATBS,)),
    ]
    assert services.clinics.changes_on(date(2025, 1, 21)) == []


def test_r7_1_admin_sets_go_live_and_it_is_audited(services: Services) -> None:
    row = services.clinics.set_go_live(ADMIN, "kln", date(2025, 3, 3))
    assert row.go_live_date == date(2025, 3, 3)
    record = services.audit.page(ADMIN, AuditFilter(action="clinic.go_live"), 0, 1)[0]
    assert record.entity_id == "KLN" and record.actor == "admin1"
    assert services.clinics.get("KLN", date(2025, 3, 3)).live


def test_r13_2_only_admin_sets_go_live(services: Services) -> None:
    with pytest.raises(PermissionDenied):
        services.clinics.set_go_live(actor_for(Role.SUPERVISOR), "HK", date(2025, 3, 3))
    assert services.clinics.get("HK").go_live_date is None


def test_go_live_edit_conflict_is_detected(services: Services) -> None:
    stale = services.clinics.get("HK")
    services.clinics.set_go_live(ADMIN, "HK", date(2025, 3, 3), expected_version=stale.version)
    with pytest.raises(Conflict, match="changed by somebody else"):
        services.clinics.set_go_live(ADMIN, "HK", date(2025, 4, 1), expected_version=stale.version)
    assert services.clinics.get("HK").go_live_date == date(2025, 3, 3)


def test_unknown_clinic_code_is_named(services: Services) -> None:
    with pytest.raises(NotFound, match="unknown clinic code XY"):
        services.clinics.set_go_live(ADMIN, "XY", date(2025, 3, 3))


def test_r4_1_added_non_working_day_moves_the_deadline(services: Services) -> None:
    assert services.calendar.notification_deadline(date(2025, 1, 23)) == date(2025, 2, 17)
    services.calendar.add_non_working_day(ADMIN, date(2025, 2, 10), "Typhoon signal No. 8")
    assert services.calendar.notification_deadline(date(2025, 1, 23)) == date(2025, 2, 18)
    listed = [h for h in services.calendar.holidays(2025) if h.added]
    assert [(h.date, h.name_en) for h in listed] == [(date(2025, 2, 10), "Typhoon signal No. 8")]
    services.calendar.remove_non_working_day(ADMIN, date(2025, 2, 10))
    assert services.calendar.notification_deadline(date(2025, 1, 23)) == date(2025, 2, 17)
    actions = [r.action for r in services.audit.page(ADMIN, AuditFilter(), 0, 10)]
    assert actions == ["calendar.remove_non_working_day", "calendar.add_non_working_day"]


def test_r4_1_calendar_changes_need_admin_and_sane_input(services: Services) -> None:
    with pytest.raises(PermissionDenied):
        services.calendar.add_non_working_day(actor_for(Role.VERIFIER), date(2025, 2, 10), "x")
    with pytest.raises(Conflict, match="already a general holiday"):
        services.calendar.add_non_working_day(ADMIN, date(2025, 1, 29), "again")
    with pytest.raises(NotFound):
        services.calendar.remove_non_working_day(ADMIN, date(2025, 2, 11))


def test_r8_window_uses_added_non_working_days(services: Services) -> None:
    thursday = datetime(2025, 2, 6, 10, 0, tzinfo=HONG_KONG)
    assert services.booking.window("CW", Channel.ONLINE, thursday) == [
        date(2025, 2, 6),
        date(2025, 2, 7),
    ]
    services.calendar.add_non_working_day(ADMIN, date(2025, 2, 7), "Black rainstorm")
    assert services.booking.window("CW", Channel.ONLINE, thursday) == [date(2025, 2, 6)]
    assert services.booking.window("HK", Channel.ONLINE, thursday) == []
    assert len(services.booking.window("HK", Channel.MANUAL, thursday)) == 8
