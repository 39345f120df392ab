"""Printed activation letters (R5.1): bilingual, masked HKID, embedded font, one page each."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from fc_admin.domain.hkid import mask_hkid
from fc_admin.exchange.activation_letter import (
    LetterContent,
    LetterError,
    format_date_en,
    format_date_zh,
    write_letters,
)
from fc_admin.exchange.pdf_fonts import ENV_VAR

pytestmark = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in ("pdftotext", "pdffonts", "pdfinfo")),
    reason="poppler-utils not installed (scripts/bootstrap.sh installs it)",
)

A4_WIDTH = 595.28
LONG_NAME = (
    "WOLFESCHLEGELSTEINHAUSENBERGERDORFF-AUGUSTINE, Maximilian Alexander Christopher "
    "Jonathan Bartholomew Fitzgerald-Montgomery"
)
FULL_HKIDS = ("A123456(3)", "XY987654(8)", "K123456(0)")


@pytest.fixture(autouse=True)
def _bundled_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)


def letter(**changes: object) -> LetterContent:
    base = LetterContent(
        name_en="CHAN, Tai Man",
        name_zh="陳大文",
        hkid_masked=mask_hkid(FULL_HKIDS[0]),
        account_id="FC2025000123",
        code="K7PMQX4R9T",
        deadline=date(2025, 9, 8),
        activation_url="https://booking.fc.dh.gov.hk/activate",
        form_id="EF20250108-000123",
        clinic_name_en="Chai Wan Families Clinic",
        clinic_name_zh="柴灣公務員診所",
        issued_on=date(2025, 1, 8),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


THREE = (
    letter(),
    letter(
        name_en=LONG_NAME,
        name_zh="",
        hkid_masked=mask_hkid(FULL_HKIDS[1]),
        account_id="FC2025000124",
        code="Z8W3HN6YCE",
        form_id="EF20250108-000124",
    ),
    letter(
        name_en="LEUNG, Ka Yee",
        name_zh="梁綫𨋢",
        hkid_masked=mask_hkid(FULL_HKIDS[2]),
        account_id="FC2025000125",
        code="2B5DG7JVRS",
        form_id="EF20250108-000125",
        deadline=date(2026, 2, 28),
        issued_on=date(2025, 6, 30),
        clinic_name_en="Fanling Families Clinic",
        clinic_name_zh="粉嶺公務員診所",
    ),
)


def run(*args: str) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout


def text_of(path: Path, page: int | None = None, layout: bool = True) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return run("pdftotext", *(["-layout"] if layout else []), *pages, str(path), "-")


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("letters") / "letters.pdf"
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(ENV_VAR, raising=False)
        assert write_letters(path, THREE) == 3
    return path


def test_dates_in_both_languages() -> None:
    assert format_date_en(date(2025, 1, 8)) == "8 January 2025"
    assert format_date_zh(date(2025, 1, 8)) == "2025年1月8日"
    assert format_date_en(date(2026, 12, 31)) == "31 December 2026"


def test_one_a4_page_per_letter(three: Path) -> None:
    info = run("pdfinfo", str(three))
    assert re.search(r"^Pages:\s+3$", info, re.M)
    assert re.search(r"^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info, re.M)


def test_font_is_embedded_and_nothing_else_is_used(three: Path) -> None:
    rows = run("pdffonts", str(three)).splitlines()[2:]
    assert rows, "no font listed"
    for row in rows:
        assert "+UMingHK-1" in row
        assert "Type 3" not in row
        assert row.split()[-5:-2] == ["yes", "yes", "yes"]  # embedded, subset, ToUnicode


def test_text_in_both_languages_with_the_details(three: Path) -> None:
    text = text_of(three)
    flat = " ".join(text_of(three, layout=False).split())
    for expected in (
        "Department of Health — Families Clinics Online Booking System",
        "衞生署 — 公務員診所網上預約系統",
        "Personal and confidential / 私人及機密",
        "8 January 2025",
        "2025年1月8日",
        "8 September 2025",
        "2025年9月8日",
        "30 June 2025",
        "28 February 2026",
        "2026年2月28日",
        "https://booking.fc.dh.gov.hk/activate",
        "2711 0213",
        "Monday to Friday 9:00–13:00 and 14:00–17:00",
        "星期一至五 上午9時至下午1時、下午2時至5時",
        "Chai Wan Families Clinic",
        "柴灣公務員診所",
        "CHAN, Tai Man",
        "陳大文",
        "梁綫𨋢",
        LONG_NAME,
        "How to activate",
        "啟用方法",
    ):
        assert expected in text or expected in flat, expected
    for item in THREE:
        assert item.account_id in text
        assert item.code in text
        assert item.hkid_masked in text


def test_only_masked_hkids_are_printed(three: Path) -> None:
    text = text_of(three) + text_of(three, layout=False)
    for full in FULL_HKIDS:
        assert full not in text
        assert full.replace("(", "").replace(")", "") not in text
    assert re.findall(r"[A-Z]{1,2}\d{3}XXX\(X\)", text)
    # Nothing shaped like a full HKID (account IDs and form IDs are longer runs of digits).
    assert not re.search(r"(?<![A-Za-z0-9])[A-Z]{1,2}\d{6}\(?[0-9A]\)?(?![0-9A-Za-z])", text)


def test_each_page_has_its_own_letter_form_id_and_page_number(three: Path) -> None:
    for number, item in enumerate(THREE, start=1):
        page = text_of(three, number)
        assert item.form_id in page
        assert f"Page {number} of 3" in page
        assert f"第{number}頁，共3頁" in page
        assert item.code in page
        for other in THREE:
            if other is not item:
                assert other.code not in page


def test_nothing_runs_off_the_page(three: Path) -> None:
    html = run("pdftotext", "-bbox", str(three), "-")
    right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', html)]
    assert right_edges
    assert max(right_edges) <= A4_WIDTH - 50  # within the right margin (22 mm)
    assert min(float(x) for x in re.findall(r'xMin="([\d.]+)"', html)) >= 50


def test_a_very_long_name_still_fits_one_page(tmp_path: Path) -> None:
    name = ", ".join(["CHAN-WONG-LEUNG-CHEUNG Tai Man Siu Ming Ka Yee"] * 6)
    path = tmp_path / "long.pdf"
    assert write_letters(path, [letter(name_en=name, name_zh="陳綫𨋢" * 8)]) == 1
    flat = " ".join(text_of(path, layout=False).split())
    assert name in flat.replace("- ", "-")
    assert "Page 1 of 1" in flat


def test_a_name_too_long_for_a_page_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "too_long.pdf"
    with pytest.raises(LetterError, match=r"EF20250108-000123 .*too long for one page"):
        write_letters(path, [letter(name_en="Tai Man " * 600)])
    assert list(tmp_path.iterdir()) == []


def test_a_character_the_font_lacks_is_named_with_the_form_id(tmp_path: Path) -> None:
    path = tmp_path / "letters.pdf"
    path.write_bytes(b"the previous print run")
    bad = letter(name_zh="陳大文😀", form_id="EF20250108-000999")
    with pytest.raises(LetterError) as caught:
        write_letters(path, [letter(), bad])
    message = str(caught.value)
    assert "form EF20250108-000999" in message
    assert "name_zh" in message
    assert "'😀' U+1F600 (GRINNING FACE)" in message
    assert "AR PL UMing HK" in message
    assert "EF20250108-000123" not in message  # the good letter is not blamed
    # Nothing written: the old file is intact and no temporary file is left behind.
    assert path.read_bytes() == b"the previous print run"
    assert [p.name for p in tmp_path.iterdir()] == ["letters.pdf"]


def test_a_full_hkid_is_refused_without_being_repeated(tmp_path: Path) -> None:
    with pytest.raises(LetterError) as caught:
        write_letters(tmp_path / "x.pdf", [letter(hkid_masked=FULL_HKIDS[0])])
    assert "hkid_masked is not a masked HKID" in str(caught.value)
    assert "123456" not in str(caught.value)


def test_empty_required_fields_and_no_letters(tmp_path: Path) -> None:
    with pytest.raises(LetterError, match="code is empty"):
        write_letters(tmp_path / "x.pdf", [letter(code=" ")])
    with pytest.raises(LetterError, match="no letters"):
        write_letters(tmp_path / "x.pdf", [])


def test_unwritable_path(tmp_path: Path) -> None:
    path = tmp_path / "no such folder" / "letters.pdf"
    with pytest.raises(LetterError, match=r"cannot write .*letters\.pdf"):
        write_letters(path, [letter()])


def test_text_is_escaped_not_read_as_markup(tmp_path: Path) -> None:
    path = tmp_path / "markup.pdf"
    write_letters(path, [letter(name_en="O'NEIL <b>& Sons</b>, Tai Man")])
    assert "O'NEIL <b>& Sons</b>, Tai Man" in text_of(path)
