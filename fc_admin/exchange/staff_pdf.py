"""What every printed list for clinic staff shares: the RESTRICTED (STAFF) marking, the issuing
department, bilingual weekday and channel labels, and the shape of a masked HKID (R9.3, R11).

Used by the closure call list and the daily appointment list, so that both carry the same
marking drawn the same way.
"""

from __future__ import annotations

import re
from typing import Any, Final

from reportlab.lib import colors
from reportlab.lib.units import mm

__all__ = [
    "CHANNEL_LABELS",
    "DEPARTMENT",
    "MARKING",
    "MARKING_ZH",
    "MARK_RED",
    "MASKED_HKID",
    "WEEKDAYS_EN",
    "WEEKDAYS_ZH",
    "draw_restricted_marking",
]

WEEKDAYS_EN: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_ZH: Final = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
DEPARTMENT: Final = "Department of Health — Families Clinics / 衞生署 — 公務員診所"
MARKING: Final = "RESTRICTED (STAFF)"
MARKING_ZH: Final = "限閱文件（職員）"
MARK_RED: Final = colors.HexColor("#a4161a")
CHANNEL_LABELS: Final = {
    "online": "Online 網上",
    "manual": "Telephone 電話",
    "atbs": "ATBS 自動電話",
}
# R9.3: the only form an HKID may take on paper.
MASKED_HKID: Final = re.compile(r"[A-Z]{1,2}[0-9]{3}XXX\(X\)")


def draw_restricted_marking(canvas: Any, font: str, right: float, top: float) -> None:
    """The boxed ``RESTRICTED (STAFF)`` marking at the top right of a page (personal data)."""
    canvas.setFillColor(MARK_RED)
    canvas.setFont(font, 11)
    marking = f"{MARKING}  {MARKING_ZH}"
    canvas.drawRightString(right - 2 * mm, top - 4 * mm, marking)
    width = canvas.stringWidth(marking, font, 11)
    canvas.setStrokeColor(MARK_RED)
    canvas.setLineWidth(0.8)
    canvas.rect(right - width - 4 * mm, top - 5.6 * mm, width + 4 * mm, 6.2 * mm)
