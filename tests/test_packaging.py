"""pyproject.toml names every package, so an installed fc-admin is the same as the source tree."""

from __future__ import annotations

import tomllib
from importlib.resources import files
from pathlib import Path

import fc_admin

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_of_fc_admin_is_listed_in_pyproject() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "fc_admin").rglob("__init__.py")
    } | {"fc_admin.resources", "fc_admin.migrations.versions"}
    assert found == listed


def test_resources_are_reachable_as_package_data() -> None:
    translations = Path(str(files("fc_admin.resources"))) / "translations"
    assert (translations / "fc_admin_zh_HK.qm").is_file()
    assert (translations / "fc_admin_zh_HK.ts").is_file()


def test_version_is_defined_once() -> None:
    text = (ROOT / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in text
    assert fc_admin.__version__.count(".") == 2
