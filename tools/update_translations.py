"""Collect the translatable strings of fc_admin/ into the Traditional Chinese .ts and build the .qm.

    python tools/update_translations.py          # update the .ts (keeps translations), build .qm
    python tools/update_translations.py --check  # exit 1 if the code has strings the .ts lacks

lupdate finds ``QCoreApplication.translate("Context", "…")`` in the views and
``QT_TRANSLATE_NOOP("errors", "…")`` in the services. Translate the new entries with Qt Linguist
(``pyside6-linguist``) or by editing the XML, then run this again to rebuild the .qm.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = "fc_admin"
TRANSLATIONS = ROOT / "resources" / "translations"
TS_FILE = TRANSLATIONS / "fc_admin_zh_HK.ts"
QM_FILE = TS_FILE.with_suffix(".qm")


def tool(name: str) -> str:
    """A PySide6 tool from the same environment as this Python, else from PATH."""
    beside = Path(sys.executable).parent / name
    for candidate in (beside, beside.with_suffix(".exe")):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 in this environment")
    return found


def lupdate(ts_file: Path) -> None:
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            "-extensions",
            "py",
            "-locations",
            "relative",
            "-no-obsolete",
            "-source-language",
            "en",
            "-target-language",
            "zh_HK",
            SOURCES,
            "-ts",
            str(ts_file),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )


def lrelease(ts_file: Path, qm_file: Path) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )


def messages(ts_file: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) -> the finished translation, or None when missing or unfinished."""
    result: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            finished = (
                translation is not None
                and translation.get("type") not in ("unfinished", "obsolete", "vanished")
                and bool((translation.text or "").strip())
            )
            result[(name, source)] = (
                translation.text if finished and translation is not None else None
            )
    return result


def sources_in_code() -> set[tuple[str, str]]:
    """What lupdate would collect now, without touching the real .ts."""
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder) / "scratch.ts"
        lupdate(scratch)
        return set(messages(scratch))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report missing strings")
    args = parser.parse_args(argv)
    if args.check:
        missing = sources_in_code() - set(messages(TS_FILE))
        for context, source in sorted(missing):
            print(f"not in {TS_FILE.name}: [{context}] {source}")
        untranslated = [key for key, text in messages(TS_FILE).items() if text is None]
        for context, source in sorted(untranslated):
            print(f"not translated: [{context}] {source}")
        return 1 if missing or untranslated else 0
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    lupdate(TS_FILE)
    lrelease(TS_FILE, QM_FILE)
    todo = sum(1 for text in messages(TS_FILE).values() if text is None)
    print(f"{TS_FILE.relative_to(ROOT)}: {len(messages(TS_FILE))} strings, {todo} to translate")
    print(f"{QM_FILE.relative_to(ROOT)} built")
    return 0


if __name__ == "__main__":
    sys.exit(main())
