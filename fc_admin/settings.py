"""Application settings: declared once with types and defaults (R13 'configurable' values live in
the database instead, because they are shared by every officer and their changes are audited).

Precedence: environment variable ``FC_ADMIN_<NAME>`` > settings file > default. The settings file
is JSON in the user's configuration folder; window state is *not* kept here (QSettings does that).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "fc-admin"
APP_AUTHOR = "DH"
ENV_PREFIX = "FC_ADMIN_"
LANGUAGES = ("en", "zh_HK")


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message names the setting and the source."""


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))


def default_settings_file() -> Path:
    return config_dir() / "settings.json"


def default_database_url() -> str:
    return f"sqlite:///{(data_dir() / 'fc-admin.sqlite3').as_posix()}"


@dataclass(frozen=True)
class Settings:
    database_url: str = field(default_factory=default_database_url)
    language: str = "en"
    trusted_keys: str = ""
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_starttls: bool = False
    smtp_user: str = ""
    smtp_password: str = ""
    mail_from: str = ""
    activation_url: str = ""
    idle_lock_minutes: int = 10

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)


_BOOL_TRUE = {"1", "true", "yes", "on"}
_BOOL_FALSE = {"0", "false", "no", "off", ""}


def _coerce(name: str, raw: Any, kind: Any, origin: str) -> Any:
    try:
        if kind in (bool, "bool"):
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in _BOOL_TRUE:
                return True
            if text in _BOOL_FALSE:
                return False
            raise ValueError("expected 0 or 1")
        if kind in (int, "int"):
            return int(str(raw).strip())
        return str(raw)
    except ValueError as exc:
        raise SettingsError(f"{origin}: setting {name}: {raw!r} is not usable ({exc})") from None


def _validate(settings: Settings, origin: str) -> Settings:
    if settings.language not in LANGUAGES:
        raise SettingsError(
            f"{origin}: setting language: {settings.language!r} "
            f"is not one of {', '.join(LANGUAGES)}"
        )
    return settings


def load_settings(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Read the settings file (if any) and apply ``FC_ADMIN_*`` environment overrides."""
    path = path or default_settings_file()
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    kinds = {f.name: f.type for f in fields(Settings)}
    if path.exists():
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise SettingsError(f"{path}: cannot read the settings file ({exc})") from None
        if not isinstance(stored, dict):
            raise SettingsError(f"{path}: the settings file must hold a JSON object")
        for name, raw in stored.items():
            if name in kinds:
                values[name] = _coerce(name, raw, kinds[name], str(path))
    for name, kind in kinds.items():
        env_name = ENV_PREFIX + name.upper()
        if env_name in environ:
            values[name] = _coerce(name, environ[env_name], kind, env_name)
    origin = f"{path} / {ENV_PREFIX}*"
    return _validate(Settings(**values), origin)


def overridden_by_environment(environ: Mapping[str, str] | None = None) -> set[str]:
    """Names of settings that an environment variable fixes (the GUI shows them read-only)."""
    environ = os.environ if environ is None else environ
    return {f.name for f in fields(Settings) if ENV_PREFIX + f.name.upper() in environ}


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings file. The SMTP password is never written here (issue: secret store)."""
    path = path or default_settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {f.name: getattr(settings, f.name) for f in fields(Settings)}
    data.pop("smtp_password", None)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
    return path
