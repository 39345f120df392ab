"""Keeping full HKIDs out of logs, exports and the audit trail (R9.3)."""

from __future__ import annotations

import re

from fc_admin.domain.hkid import InvalidHkid, mask_hkid

# Any token shaped like an HKID (with or without brackets around the check character).
_HKID_LIKE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}\d{6}(?:\([0-9A]\)|[0-9A])(?![0-9A-Za-z])")


def mask_hkids_in_text(text: str) -> str:
    """``text`` with every HKID-shaped token masked as in R9.3 (``A123XXX(X)``)."""

    def mask(match: re.Match[str]) -> str:
        token = match.group(0)
        try:
            return mask_hkid(token)
        except InvalidHkid:
            # Shaped like an HKID but not a valid one: masked all the same, the same way.
            letters = token[: 2 if token[1].isalpha() else 1]
            return f"{letters}{token[len(letters) : len(letters) + 3]}XXX(X)"

    return _HKID_LIKE.sub(mask, text)
