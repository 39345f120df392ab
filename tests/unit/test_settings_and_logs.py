"""Settings precedence (cli.md: FC_ADMIN_<NAME> wins over the file) and HKID-free logs (R9.3)."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import pytest

from fc_admin.domain.privacy import mask_hkids_in_text
from fc_admin.logs import HkidMaskingFilter
from fc_admin.settings import (
    Settings,
    SettingsError,
    load_settings,
    overridden_by_environment,
    save_settings,
)


def test_defaults_without_file_or_environment(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "none.json", environ={})
    assert settings.language == "en"
    assert settings.database_url.startswith("sqlite:///")
    assert settings.idle_lock_minutes == 10


def test_environment_wins_over_the_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"language": "zh_HK", "smtp_port": 2525, "database_url": "x"}))
    env = {"FC_ADMIN_DATABASE_URL": "sqlite:///y.db", "FC_ADMIN_SMTP_STARTTLS": "1"}
    settings = load_settings(path, environ=env)
    assert settings.language == "zh_HK"
    assert settings.smtp_port == 2525
    assert settings.database_url == "sqlite:///y.db"
    assert settings.smtp_starttls is True
    assert overridden_by_environment(env) == {"database_url", "smtp_starttls"}


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"FC_ADMIN_LANGUAGE": "fr"}, "language"),
        ({"FC_ADMIN_SMTP_PORT": "twenty-five"}, "FC_ADMIN_SMTP_PORT"),
        ({"FC_ADMIN_SMTP_STARTTLS": "maybe"}, "smtp_starttls"),
    ],
)
def test_bad_settings_are_named(tmp_path: Path, env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings(tmp_path / "none.json", environ=env)


def test_broken_settings_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    with pytest.raises(SettingsError, match=r"settings\.json"):
        load_settings(path, environ={})


def test_saved_settings_round_trip_without_the_smtp_password(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "settings.json"
    save_settings(Settings(language="zh_HK", smtp_password="s3cret", smtp_host="mail"), path)
    assert "s3cret" not in path.read_text()
    loaded = load_settings(path, environ={})
    assert (loaded.language, loaded.smtp_host, loaded.smtp_password) == ("zh_HK", "mail", "")


def test_r9_3_mask_hkids_in_free_text() -> None:
    text = "member A123456(3), spouse AB9876543 and K2000016; ref EF20250106-000001"
    masked = mask_hkids_in_text(text)
    assert "A123456(3)" not in masked and "A123XXX(X)" in masked
    assert "AB987XXX(X)" in masked and "K200XXX(X)" in masked
    assert "EF20250106-000001" in masked  # not an HKID


def test_r9_3_log_records_are_masked_including_tracebacks() -> None:
    record = logging.LogRecord("t", logging.ERROR, __file__, 1, "lookup %s", ("K200001(6)",), None)
    try:
        raise ValueError("bad member D200004(1)")
    except ValueError:
        record.exc_info = sys.exc_info()
    assert HkidMaskingFilter().filter(record)
    rendered = logging.Formatter().format(record)
    assert "K200001(6)" not in rendered and "D200004(1)" not in rendered
    assert "K200XXX(X)" in rendered and "D200XXX(X)" in rendered
