"""The roster sources of the demo: some departments and the Pensions Division (R1, R3.1, F1).

Shares are of principals (families), roughly as the civil service is made up: the Police is the
largest department, and pensioners and survivors together are nearly as many as serving officers.
Each source also says how its demo roster file is written, because F1 allows several encodings and
date formats and the demo files should exercise them.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

__all__ = ["PENSIONS", "SOURCES", "SOURCE_CUM_SHARES", "DemoSource", "source_by_code"]

# F1 in its table order; one source writes its columns in another order ("column order free").
F1_COLUMNS: tuple[str, ...] = (
    "source",
    "staff_no",
    "hkid",
    "name_en",
    "name_zh",
    "date_of_birth",
    "category",
    "relationship",
    "principal_hkid",
    "child_status",
    "status",
    "status_date",
)
F1_COLUMNS_REORDERED: tuple[str, ...] = (
    "hkid",
    "principal_hkid",
    "relationship",
    "category",
    "name_en",
    "name_zh",
    "date_of_birth",
    "status",
    "status_date",
    "child_status",
    "staff_no",
    "source",
)


@dataclass(frozen=True)
class DemoSource:
    code: str
    name_en: str
    name_zh: str
    share: float  # of principals
    staff_prefix: str  # staff (or pension) numbers look like L123456
    encoding: str = "utf-8"  # of its roster file: utf-8, utf-8-sig (BOM) or big5hkscs
    date_format: str = "%Y-%m-%d"  # F1 allows YYYY-MM-DD and DD/MM/YYYY
    columns: tuple[str, ...] = F1_COLUMNS

    @property
    def is_pensions(self) -> bool:
        return self.code == PENSIONS


PENSIONS = "PEN"

SOURCES: tuple[DemoSource, ...] = (
    DemoSource("HKPF", "Hong Kong Police Force", "香港警務處", 0.160, "PF"),
    DemoSource(
        "FEHD",
        "Food and Environmental Hygiene Department",
        "食物環境衞生署",
        0.060,
        "FE",
        # An older departmental system: Big5-HKSCS and day-first dates.
        encoding="big5hkscs",
        date_format="%d/%m/%Y",
    ),
    DemoSource("FSD", "Fire Services Department", "消防處", 0.050, "FS"),
    DemoSource(
        "LCSD",
        "Leisure and Cultural Services Department",
        "康樂及文化事務署",
        0.050,
        "L",
        encoding="utf-8-sig",
    ),
    DemoSource("HD", "Housing Department", "房屋署", 0.045, "HD"),
    DemoSource("DH", "Department of Health", "衞生署", 0.040, "DH", encoding="utf-8-sig"),
    DemoSource(
        "ImmD", "Immigration Department", "入境事務處", 0.040, "IM", columns=F1_COLUMNS_REORDERED
    ),
    DemoSource(
        "CSD",
        "Correctional Services Department",
        "懲教署",
        0.035,
        "CS",
        encoding="big5hkscs",
    ),
    DemoSource("SWD", "Social Welfare Department", "社會福利署", 0.030, "SW"),
    DemoSource("EDB", "Education Bureau", "教育局", 0.025, "ED"),
    DemoSource(
        PENSIONS,
        "Pensions Division, Treasury",
        "庫務署退休金分部",
        0.465,
        "P",
        encoding="utf-8",
    ),
)

SOURCE_CUM_SHARES: tuple[float, ...] = tuple(accumulate(s.share for s in SOURCES))

_BY_CODE = {s.code: s for s in SOURCES}


def source_by_code(code: str) -> DemoSource:
    return _BY_CODE[code]
