"""Every action the application writes to the audit log has a description on the audit page."""

from __future__ import annotations

import re
from pathlib import Path

from fc_admin.views.audit_model import action_description

SOURCES = Path(__file__).resolve().parents[2] / "fc_admin"
# Action names as the services and the demo write them: "entity.verb" string literals passed to
# append_audit / the bulk writer.
_ACTION = re.compile(
    r'"((?:account|application|calendar|clinic|db|demo|eform|export|hkid|member|roster|'
    r'roster_source|setting|user|verification)\.[a-z_]+)"'
)
_NOT_ACTIONS = {"clinic.cw", "clinic.fl"}  # test data / settings keys that match the shape


def test_every_audited_action_has_a_description() -> None:
    actions = set()
    for path in list((SOURCES / "services").glob("*.py")) + list((SOURCES / "demo").glob("*.py")):
        actions |= set(_ACTION.findall(path.read_text(encoding="utf-8")))
    actions -= _NOT_ACTIONS
    assert "member.decide" in actions and "account.issue" in actions
    missing = sorted(a for a in actions if not action_description(a))
    assert missing == []
