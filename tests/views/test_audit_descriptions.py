"""Every action the application writes to the audit log has a description on the audit page."""

from __future__ import annotations

import re
from pathlib import Path

from fc_admin.views.audit_model import action_description

SOURCES = Path(__file__).resolve().parents[2] / "fc_admin"
# Action names as the services and the demo write them: "entity.verb" string literals passed to
# append_audit / the bulk writer.
_ACTION = re.compile(
    r'"((?:account|application|appointment|appointments|calendar|call_list|capacity|clinic|db|'
    r"demo|eform|export|hkid|member|person|roster|roster_source|setting|user|verification)"
    r'\.[a-z_]+)"'
)
# Demo user names of clinic staff ("clinic.cw" …) match the shape of an action name.
_NOT_ACTIONS = {f"clinic.{code}" for code in ("cw", "hk", "kln", "nt", "fl", "sk")}


def test_every_audited_action_has_a_description() -> None:
    actions = set()
    for path in list((SOURCES / "services").glob("*.py")) + list((SOURCES / "demo").glob("*.py")):
        actions |= set(_ACTION.findall(path.read_text(encoding="utf-8")))
    actions -= _NOT_ACTIONS
    assert "member.decide" in actions and "account.issue" in actions
    assert "appointment.book" in actions and "capacity.close" in actions
    missing = sorted(a for a in actions if not action_description(a))
    assert missing == []
