"""Comparing the names on a form with the names on a roster (R3.3).

English names are equivalent when they are equal after case folding, after treating commas,
hyphens and runs of spaces as one space, and ignoring the order of surname and given names:
``"CHAN, Tai-man"`` is ``"Tai Man CHAN"``. Chinese names are compared exactly after Unicode NFKC
and removal of spaces. Names that differ beyond that are not refused: the member goes to an
officer for review with both names and a similarity score (R3.2 ``REVIEW``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

__all__ = [
    "NameComparison",
    "compare_names",
    "name_similarity",
    "name_tokens_en",
    "names_equivalent_en",
    "names_equivalent_zh",
    "normalise_name_en",
    "normalise_name_zh",
]

# R3.3: commas, hyphens and (runs of) white space all separate name parts. The Unicode hyphens
# U+2010/U+2011 are included because word processors substitute them for "-"; NFKC runs first,
# so full-width commas and hyphen-minus ("，", "－") are already ASCII by then.
_SEPARATORS = re.compile(r"[,\-\u2010\u2011\s]+")


def normalise_name_en(name: str) -> str:
    """``name`` case-folded, with commas, hyphens and runs of spaces as one space, stripped (R3.3).

    NFKC comes first so that a name keyed in with full-width letters compares like ASCII; that
    adds nothing a clerk would call a different name.
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    return _SEPARATORS.sub(" ", text).strip()


def name_tokens_en(name: str) -> list[str]:
    """The parts of the normalised English name, sorted: the order-free form of R3.3."""
    return sorted(normalise_name_en(name).split())


def names_equivalent_en(a: str, b: str) -> bool:
    """Whether two English names are equivalent under R3.3, whatever the order of their parts.

    The parts are compared as multisets, so "CHAN, Tai Man" equals "Tai Man CHAN" and
    "Man Tai CHAN", but "CHAN Chan" does not equal "CHAN".
    """
    return name_tokens_en(a) == name_tokens_en(b)


def normalise_name_zh(name: str | None) -> str:
    """A Chinese name after Unicode NFKC with all white space removed (R3.3); ``""`` for None."""
    if name is None:
        return ""
    text = unicodedata.normalize("NFKC", name)
    return "".join(text.split())


def names_equivalent_zh(a: str | None, b: str | None) -> bool:
    """Whether two Chinese names are equal after :func:`normalise_name_zh` (R3.3).

    Strict: an empty name equals only an empty name. Whether a missing Chinese name counts as a
    difference is the caller's decision; :func:`compare_names` reports it as "not compared".
    """
    return normalise_name_zh(a) == normalise_name_zh(b)


def name_similarity(a: str, b: str) -> float:
    """How alike two English names are, 0.0 to 1.0, ignoring the order of their parts.

    The :class:`difflib.SequenceMatcher` ratio of the sorted parts joined by spaces, rounded to
    two decimals. Exactly 1.0 means equivalent (R3.3); names that are not equivalent never show
    1.0 (at most 0.99), so that an officer is not told two different names are identical.
    """
    left = " ".join(name_tokens_en(a))
    right = " ".join(name_tokens_en(b))
    if left == right:
        return 1.0
    # SequenceMatcher is not symmetric; a fixed order of the two makes the score the same
    # whichever side is the form.
    first, second = sorted((left, right))
    ratio = round(SequenceMatcher(None, first, second, autojunk=False).ratio(), 2)
    return min(ratio, 0.99)


@dataclass(frozen=True)
class NameComparison:
    """The outcome of comparing a form's names with a roster's (R3.2, R3.3).

    ``zh_equal`` is None when either side has no Chinese name: nothing was compared, which the
    verifier may treat as equal (the roster's ``name_zh`` is optional in F1).
    ``similarity`` is :func:`name_similarity` of the English names.
    """

    en_equal: bool
    zh_equal: bool | None
    similarity: float

    @property
    def equivalent(self) -> bool:
        """English names equivalent and Chinese names not different (absent counts as equal)."""
        return self.en_equal and self.zh_equal is not False


def compare_names(
    form_en: str, form_zh: str | None, roster_en: str, roster_zh: str | None
) -> NameComparison:
    """Compare the English and Chinese names of a form member with a roster row (R3.3)."""
    zh_form = normalise_name_zh(form_zh)
    zh_roster = normalise_name_zh(roster_zh)
    zh_equal = None if not zh_form or not zh_roster else zh_form == zh_roster
    return NameComparison(
        en_equal=names_equivalent_en(form_en, roster_en),
        zh_equal=zh_equal,
        similarity=name_similarity(form_en, roster_en),
    )
