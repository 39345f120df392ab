"""Who is a civil service eligible person (R1), and the vocabulary of verification (R3.2).

Pure rules over roster facts: ages, the birthdays on which a child ages out, the reasons a
roster row is not eligible on a date, and the outcome and reason codes the verifier records
(also the ``issue_code`` values of the department query list, formats.md F4).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Final

__all__ = [
    "CATEGORIES",
    "CATEGORY_MISMATCH",
    "CHILD_OVER_21",
    "CHILD_STATUSES",
    "CHILD_STATUS_MISSING",
    "DEPENDANT_CATEGORIES",
    "DOB_MISMATCH",
    "INACTIVE",
    "INELIGIBILITY_REASONS",
    "MISMATCH_REASONS",
    "NAME_MISMATCH",
    "PRINCIPAL_CATEGORIES",
    "PRINCIPAL_INACTIVE",
    "PRINCIPAL_MISMATCH",
    "PRINCIPAL_NOT_ON_ROSTER",
    "RELATIONSHIPS",
    "RELATIONSHIP_MISMATCH",
    "STATUSES",
    "Outcome",
    "RosterFacts",
    "age_on",
    "age_out_dates",
    "birthday",
    "judge_eligibility",
]

# --- The roster vocabulary (R1.1, R1.2, formats.md F1) ---------------------------------------
PRINCIPAL_CATEGORIES: Final = frozenset({"officer", "pensioner", "survivor"})
DEPENDANT_CATEGORIES: Final = frozenset({"dependant"})
CATEGORIES: Final = PRINCIPAL_CATEGORIES | DEPENDANT_CATEGORIES
RELATIONSHIPS: Final = frozenset({"self", "spouse", "child"})
CHILD_STATUSES: Final = frozenset({"fte", "infirm"})
STATUSES: Final = frozenset({"active", "inactive"})

# R1.2: a child is eligible under 21, and at 19 and 20 only in full-time education or training
# or when dependent through infirmity.
CHILD_STATUS_FROM_AGE: Final = 19
CHILD_AGE_LIMIT: Final = 21


class Outcome(StrEnum):
    """The outcome of verifying one member against the rosters (R3.2)."""

    ELIGIBLE = "ELIGIBLE"
    REVIEW = "REVIEW"
    MISMATCH = "MISMATCH"
    NOT_FOUND = "NOT_FOUND"
    INELIGIBLE = "INELIGIBLE"
    DUPLICATE = "DUPLICATE"


# --- Reason codes: found, but the form differs from the roster (R3.2 MISMATCH / REVIEW) ---------
DOB_MISMATCH: Final = "DOB_MISMATCH"
NAME_MISMATCH: Final = "NAME_MISMATCH"  # a REVIEW reason: names differ beyond R3.3
RELATIONSHIP_MISMATCH: Final = "RELATIONSHIP_MISMATCH"
PRINCIPAL_MISMATCH: Final = "PRINCIPAL_MISMATCH"
CATEGORY_MISMATCH: Final = "CATEGORY_MISMATCH"

# --- Reason codes: the roster says not eligible (R3.2 INELIGIBLE, R1) --------------------------
INACTIVE: Final = "INACTIVE"  # R1.3: the row is inactive (for a pensioner: pension suspended)
PRINCIPAL_INACTIVE: Final = "PRINCIPAL_INACTIVE"  # R1.3: dependant of an ineligible principal
PRINCIPAL_NOT_ON_ROSTER: Final = "PRINCIPAL_NOT_ON_ROSTER"  # a dependant whose principal is gone
CHILD_OVER_21: Final = "CHILD_OVER_21"  # R1.2
CHILD_STATUS_MISSING: Final = "CHILD_STATUS_MISSING"  # R1.2: 19 or 20, not fte/infirm

MISMATCH_REASONS: Final = frozenset(
    {DOB_MISMATCH, NAME_MISMATCH, RELATIONSHIP_MISMATCH, PRINCIPAL_MISMATCH, CATEGORY_MISMATCH}
)
INELIGIBILITY_REASONS: Final = frozenset(
    {INACTIVE, PRINCIPAL_INACTIVE, PRINCIPAL_NOT_ON_ROSTER, CHILD_OVER_21, CHILD_STATUS_MISSING}
)


def _anniversary(date_of_birth: date, year: int) -> date:
    """The birthday of ``date_of_birth`` in ``year``.

    Choice (R1 does not say): someone born on 29 February has the birthday on 1 March in a
    non-leap year, so turns 19 or 21 on 1 March, not on 28 February. The year is only complete
    once all of February has passed, and the choice never makes a child age out a day early.
    """
    try:
        return date_of_birth.replace(year=year)
    except ValueError:
        # Only 29 February in a non-leap year gets here.
        return date(year, 3, 1)


def birthday(date_of_birth: date, age: int) -> date:
    """The date on which someone born on ``date_of_birth`` turns ``age`` (29 Feb -> 1 Mar)."""
    if age < 0:
        raise ValueError(f"age must not be negative, not {age}")
    return _anniversary(date_of_birth, date_of_birth.year + age)


def age_on(date_of_birth: date, on: date) -> int:
    """Age in completed years on the date ``on`` (R1.4), 29 February birthdays on 1 March.

    A date before the birth gives a negative number rather than an error, so that one bad roster
    date cannot stop a verification run; the roster reader is the place that refuses bad data.
    """
    years = on.year - date_of_birth.year
    if on < _anniversary(date_of_birth, on.year):
        years -= 1
    return years


def age_out_dates(date_of_birth: date, relationship: str) -> tuple[date | None, date | None]:
    """For a child, the 19th and 21st birthdays (R1.2, R1.4); ``(None, None)`` for anyone else.

    On the 19th birthday a child needs ``child_status`` ``fte`` or ``infirm``; on the 21st the
    child ages out whatever the status.
    """
    if relationship != "child":
        return (None, None)
    return (
        birthday(date_of_birth, CHILD_STATUS_FROM_AGE),
        birthday(date_of_birth, CHILD_AGE_LIMIT),
    )


@dataclass(frozen=True)
class RosterFacts:
    """What the newest roster says about one person, as needed to judge R1 on a date.

    ``principal_status`` is the status of the principal's own roster row; None for a principal
    (``relationship`` ``self``) and, for a dependant, when the principal has no row.
    """

    category: str
    relationship: str
    status: str
    child_status: str | None
    date_of_birth: date
    principal_status: str | None = None


def judge_eligibility(facts: RosterFacts, on: date) -> list[str]:
    """The reason codes for which the person is not eligible on ``on`` (R1); empty = eligible.

    Every reason that applies is given, in a fixed order, so that an officer sees all of them.
    """
    reasons: list[str] = []
    # R1.3: an inactive row is not eligible; for a pensioner or survivor that is a suspended
    # pension.
    if facts.status != "active":
        reasons.append(INACTIVE)
    if facts.relationship != "self":
        # R1.3: dependants of an ineligible principal are not eligible.
        if facts.principal_status is None:
            reasons.append(PRINCIPAL_NOT_ON_ROSTER)
        elif facts.principal_status != "active":
            reasons.append(PRINCIPAL_INACTIVE)
    if facts.relationship == "child":
        age = age_on(facts.date_of_birth, on)
        if age >= CHILD_AGE_LIMIT:
            reasons.append(CHILD_OVER_21)
        elif age >= CHILD_STATUS_FROM_AGE and facts.child_status not in CHILD_STATUSES:
            reasons.append(CHILD_STATUS_MISSING)
    return reasons
