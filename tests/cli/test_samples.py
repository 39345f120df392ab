"""The shared samples through the command line, exactly as a scheduled job runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
if not SAMPLES.exists():  # CI clones beside shared/; a developer's checkout may sit elsewhere
    SAMPLES = Path("/work/shared/samples")


def fc_admin(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        "FC_ADMIN_DATABASE_URL": f"sqlite:///{tmp_path / 'jobs.sqlite3'}",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
    }
    return subprocess.run(
        [sys.executable, "-m", "fc_admin", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env,
        timeout=120,
        check=False,
        cwd=SAMPLES,
    )


@pytest.mark.skipif(not SAMPLES.exists(), reason="shared/samples not beside the project")
def test_samples_give_exactly_the_expected_results(tmp_path: Path) -> None:
    expected = json.loads((SAMPLES / "expected.json").read_text())
    for source in ("LCSD", "PEN"):
        result = fc_admin(tmp_path, "roster", "import", f"rosters/{source}.csv", "--source", source)
        assert result.returncode == 0, result.stderr
    result = fc_admin(tmp_path, "eforms", "import", "eforms", "--trusted-keys", "keys", "--json")
    assert result.returncode == 0, result.stderr
    imported = json.loads(result.stdout)
    accepted = sorted(r["form_id"] for r in imported if r["result"] == "accepted")
    rejected = sorted(r["form_id"] for r in imported if r["result"] == "rejected")
    assert accepted == expected["accepted"]
    assert rejected == expected["rejected"]
    assert all(set(r) == {"file", "form_id", "result", "reason"} for r in imported)

    result = fc_admin(tmp_path, "verify", "--at", expected["verify_at"], "--json")
    assert result.returncode == 0, result.stderr
    outcomes = {f"{r['form_id']}/{r['hkid']}": r["outcome"] for r in json.loads(result.stdout)}
    assert outcomes == expected["outcomes"]

    # Importing the same forms again is harmless (R2.4).
    again = fc_admin(tmp_path, "eforms", "import", "eforms", "--trusted-keys", "keys", "--json")
    results = {r["form_id"]: r["result"] for r in json.loads(again.stdout)}
    assert results["EF20250106-000001"] == "duplicate"
    assert results["EF20250106-000002"] == "duplicate"
    assert "K200001(6)" not in again.stderr + result.stderr  # R9.3: no full HKID in messages
