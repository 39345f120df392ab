"""R10.1, F8: weekly session templates - the slot grid, seat pools and what a template may hold."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import date, time

import pytest

from fc_admin.domain.booking_window import Channel
from fc_admin.domain.session_templates import (
    DAY_NAMES,
    MAX_NAME_LENGTH,
    SeatPool,
    SessionSpec,
    WeeklyTemplate,
    pool_capacities,
    pool_for,
    template_problems,
)

WEEKDAYS = (0, 1, 2, 3, 4)
AM = SessionSpec("AM", WEEKDAYS, time(9, 0), time(13, 0), 15, 4, 2)
PM = SessionSpec("PM", WEEKDAYS, time(14, 0), time(17, 0), 15, 4, 2)
SAT = SessionSpec("SAT", (5,), time(9, 0), time(12, 0), 30, 3, 1)
F8_EXAMPLE = WeeklyTemplate((AM, PM))


def test_day_names_follow_date_weekday() -> None:
    assert DAY_NAMES == ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    assert DAY_NAMES[date(2025, 1, 24).weekday()] == "Fri"
    assert AM.day_names() == ["Mon", "Tue", "Wed", "Thu", "Fri"]


# --- the slot grid (F8) ------------------------------------------------------------------------


def test_slot_starts_of_the_f8_example() -> None:
    starts = AM.slot_starts()
    assert len(starts) == 16
    assert starts[0] == time(9, 0) and starts[1] == time(9, 15)
    assert starts[-1] == time(12, 45)
    assert AM.slot_end(starts[-1]) == time(13, 0)  # the last slot ends exactly at the end
    assert len(PM.slot_starts()) == 12


def test_last_slot_ends_at_or_before_the_end() -> None:
    # F8: 09:00-10:50 with 20-minute slots: 09:00 ... 10:20 (ends 10:40); 10:40 would end 11:00.
    spec = replace(AM, start=time(9, 0), end=time(10, 50), slot_minutes=20)
    starts = spec.slot_starts()
    assert starts == [time(9, 0), time(9, 20), time(9, 40), time(10, 0), time(10, 20)]
    assert all(spec.slot_end(s) <= spec.end for s in starts)
    assert spec.slot_end(time(10, 40)) > spec.end


def test_a_session_shorter_than_one_slot_has_no_slots() -> None:
    assert replace(AM, end=time(9, 10)).slot_starts() == []


def test_a_zero_slot_length_gives_no_slots_instead_of_looping() -> None:
    assert replace(AM, slot_minutes=0).slot_starts() == []


def test_slot_end_crosses_the_hour() -> None:
    assert AM.slot_end(time(9, 45)) == time(10, 0)


# --- seat pools (F8, R7.2) ---------------------------------------------------------------------


def test_pools_before_go_live_all_telephone() -> None:
    assert pool_capacities(4, 2, live=False) == {SeatPool.ONLINE: 0, SeatPool.TELEPHONE: 4}


def test_pools_from_go_live_online_share_reserved() -> None:
    assert pool_capacities(4, 2, live=True) == {SeatPool.ONLINE: 2, SeatPool.TELEPHONE: 2}
    assert pool_capacities(4, 4, live=True) == {SeatPool.ONLINE: 4, SeatPool.TELEPHONE: 0}
    assert pool_capacities(4, 0, live=True) == {SeatPool.ONLINE: 0, SeatPool.TELEPHONE: 4}


def test_pools_always_add_up_to_capacity() -> None:
    for live in (False, True):
        for online in range(5):
            assert sum(pool_capacities(4, online, live).values()) == 4


def test_telephone_channels_share_one_pool() -> None:
    assert pool_for(Channel.ONLINE) is SeatPool.ONLINE
    assert pool_for(Channel.MANUAL) is SeatPool.TELEPHONE
    assert pool_for(Channel.ATBS) is SeatPool.TELEPHONE


# --- the week ----------------------------------------------------------------------------------


def test_sessions_on_a_weekday_in_time_order() -> None:
    template = WeeklyTemplate((PM, SAT, AM))  # file order is not time order
    friday, saturday, sunday = date(2025, 1, 24), date(2025, 1, 25), date(2025, 1, 26)
    assert template.sessions_on(friday) == [AM, PM]
    assert template.sessions_on(saturday) == [SAT]
    assert template.sessions_on(sunday) == []  # F8: a day without a session is closed


def test_session_by_name() -> None:
    assert F8_EXAMPLE.session("PM") == PM
    assert F8_EXAMPLE.session("EVE") is None


def test_to_toml_is_f8() -> None:
    data = tomllib.loads(F8_EXAMPLE.to_toml())
    assert data == {
        "session": [
            {
                "name": "AM",
                "days": ["Mon", "Tue", "Wed", "Thu", "Fri"],
                "start": "09:00",
                "end": "13:00",
                "slot_minutes": 15,
                "capacity": 4,
                "online": 2,
            },
            {
                "name": "PM",
                "days": ["Mon", "Tue", "Wed", "Thu", "Fri"],
                "start": "14:00",
                "end": "17:00",
                "slot_minutes": 15,
                "capacity": 4,
                "online": 2,
            },
        ]
    }


@pytest.mark.parametrize("name", ['A "quoted" \\ name', "tab\there", "line\nbreak", "del\x7f"])
def test_to_toml_escapes_names(name: str) -> None:
    template = WeeklyTemplate((replace(AM, name=name),))
    assert tomllib.loads(template.to_toml())["session"][0]["name"] == name


# --- template_problems: each refusal (F8) ------------------------------------------------------


def reasons(*sessions: SessionSpec) -> list[tuple[int | None, str]]:
    return template_problems(tuple(sessions))


def test_the_f8_example_is_valid() -> None:
    assert reasons(AM, PM) == []
    assert reasons(AM, PM, SAT) == []


def test_sessions_that_touch_do_not_overlap() -> None:
    assert reasons(AM, replace(PM, start=time(13, 0))) == []


def test_no_sessions_refused() -> None:
    [(index, reason)] = reasons()
    assert index is None and "no [[session]]" in reason


def test_overlap_on_a_shared_day_refused() -> None:
    late_am = replace(PM, start=time(12, 30))
    [(index, reason)] = reasons(AM, late_am)
    assert index == 1
    assert "'AM' and 'PM' overlap on Mon, Tue, Wed, Thu, Fri" in reason


def test_overlapping_times_on_different_days_allowed() -> None:
    saturday_am = replace(AM, name="SAT_AM", days=(5,))
    assert reasons(AM, saturday_am) == []


def test_overlap_names_only_the_shared_days() -> None:
    [(_, reason)] = reasons(AM, replace(AM, name="X", days=(4, 5)))
    assert reason.endswith("overlap on Fri")


def test_online_more_than_capacity_refused() -> None:
    [(index, reason)] = reasons(replace(AM, online=5))
    assert index == 0 and reason == "online (5) is more than capacity (4)"


def test_online_equal_to_capacity_allowed() -> None:
    assert reasons(replace(AM, online=4)) == []


def test_start_off_the_grid_refused() -> None:
    [(index, reason)] = reasons(replace(AM, start=time(9, 5)))
    assert index == 0 and reason == "start 09:05 is not on the 15-minute slot grid"


def test_end_off_the_grid_allowed() -> None:
    # F8: the last slot ends at or before the end; the end itself need not be on the grid.
    spec = replace(AM, end=time(13, 10))
    assert reasons(spec) == []
    assert spec.slot_starts()[-1] == time(12, 45)


def test_duplicate_name_refused() -> None:
    [(index, reason)] = reasons(AM, replace(PM, name="AM"))
    assert index == 1 and "'AM' is used twice" in reason


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"name": " "}, "the session has no name"),
        ({"name": "X" * (MAX_NAME_LENGTH + 1)}, f"over {MAX_NAME_LENGTH} characters"),
        ({"name": "A\nB"}, "control character"),
        ({"days": ()}, "no days given"),
        ({"days": (0, 0)}, "a day is given twice"),
        ({"days": (7,)}, "a day is not 0 (Monday) to 6 (Sunday)"),
        ({"end": time(9, 0)}, "end 09:00 is not after start 09:00"),
        ({"end": time(9, 10)}, "no 15-minute slot fits between 09:00 and 09:10"),
        ({"slot_minutes": 0}, "slot_minutes must be 5 to 240, not 0"),
        ({"capacity": 0, "online": 0}, "capacity must be 1 to 500, not 0"),
        ({"online": -1}, "online must not be negative, not -1"),
    ],
)
def test_other_refusals(change: dict[str, object], expected: str) -> None:
    found = reasons(replace(AM, **change))  # type: ignore[arg-type]
    assert found, change
    assert any(index == 0 and expected in reason for index, reason in found), found


def test_every_problem_is_listed() -> None:
    found = reasons(replace(AM, online=9, start=time(9, 5)), replace(PM, name="AM"))
    assert [index for index, _ in found] == [0, 0, 1]
