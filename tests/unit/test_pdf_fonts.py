"""The PDF font: bundled AR PL UMing HK, Latin + Traditional Chinese + HKSCS, embedded, checked."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFontFile
from reportlab.pdfgen.canvas import Canvas

from fc_admin.exchange import pdf_fonts
from fc_admin.exchange.pdf_fonts import (
    ENV_VAR,
    FontProblem,
    cjk_font,
    describe_characters,
    missing_glyphs,
    require_glyphs,
)

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "resources" / "fonts" / "uming.ttc"
NOTO_CFF = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
    reason="poppler-utils not installed (scripts/bootstrap.sh installs it)",
)


@pytest.fixture(autouse=True)
def _no_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)


def hkscs_only_characters() -> set[str]:
    """The characters of HKSCS-2004 that are not in Big5, as Python's codecs know them."""

    def decoded(codec: str, first: range) -> set[str]:
        chars: set[str] = set()
        for b1 in first:
            for b2 in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
                with contextlib.suppress(UnicodeDecodeError):
                    chars.update(bytes([b1, b2]).decode(codec))
        return chars

    return decoded("big5hkscs", range(0x81, 0xFF)) - decoded("big5", range(0xA1, 0xFA))


def test_bundled_font_is_ar_pl_uming_hk_with_its_licence() -> None:
    font = cjk_font()
    assert font.bundled
    assert font.family == "AR PL UMing HK"
    assert font.postscript_name == "UMingHK-1"
    assert font.path.resolve() == BUNDLED.resolve()
    assert font.subfont_index == 1
    licence = BUNDLED.parent / "ARPHICPL.TXT"
    assert licence.read_text(encoding="ascii").startswith("ARPHIC PUBLIC LICENSE")
    readme = (BUNDLED.parent / "README.md").read_text(encoding="utf-8")
    assert "Arphic Public License" in readme
    assert "CJKUnifonts" in readme


def test_registered_once_and_known_to_reportlab() -> None:
    first = cjk_font()
    assert cjk_font() is first
    assert pdfmetrics.getFont(first.name).face.name == b"UMingHK"


def test_covers_latin_traditional_chinese_and_hkscs() -> None:
    font = cjk_font()
    text = (
        "CHAN, Tai Man 0123456789 (A123XXX(X)) https://example.hk/activate?x=1&y=2 – — …"
        "衞生署公務員診所網上預約系統 綫 𨋢 啱嘢冇咗嚟哋嘅喺佢 私人及機密 星期一至五"
    )
    assert missing_glyphs(text, font) == []
    assert font.has_glyph("綫")
    assert font.has_glyph("𨋢")


def test_covers_all_of_hkscs_2004_but_one_symbol() -> None:
    missing = missing_glyphs("".join(sorted(hkscs_only_characters())), cjk_font())
    assert missing == ["\uffed"]  # HALFWIDTH BLACK SQUARE, a symbol: no name uses it


def test_missing_glyphs_lists_each_character_once_in_order_of_use() -> None:
    font = cjk_font()
    assert missing_glyphs("陳😀大文😀\n\t\u00a0🀄", font) == ["😀", "🀄"]
    assert missing_glyphs("", font) == []


def test_require_glyphs_names_font_file_and_characters() -> None:
    font = cjk_font()
    require_glyphs("陳大文 綫𨋢", font)
    with pytest.raises(FontProblem) as caught:
        require_glyphs("陳大文😀", font, what="the Chinese name")
    message = str(caught.value)
    assert "AR PL UMing HK" in message
    assert "uming.ttc" in message
    assert "'😀' U+1F600 (GRINNING FACE)" in message
    assert "the Chinese name" in message


def test_describe_characters() -> None:
    assert describe_characters("𨋢") == "'𨋢' U+282E2 (CJK UNIFIED IDEOGRAPH-282E2)"
    assert describe_characters("\U000f0000") == "'\\U000f0000' U+F0000 (private use)"
    assert describe_characters("abc", limit=2).endswith("and 1 more")


def test_override_missing_file_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    missing = tmp_path / "msjh.ttc"
    monkeypatch.setenv(ENV_VAR, str(missing))
    with pytest.raises(FontProblem, match=r"font file .*msjh\.ttc not found \(set by FC_ADMIN"):
        cjk_font()


def test_override_not_a_font(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "fake.ttf"
    fake.write_bytes(b"not a font at all" * 10)
    monkeypatch.setenv(ENV_VAR, str(fake))
    with pytest.raises(FontProblem, match=r"fake\.ttf .*cannot be used for PDFs"):
        cjk_font()


@pytest.mark.skipif(not NOTO_CFF.is_file(), reason="fonts-noto-cjk not installed")
def test_override_with_cff_outlines_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, str(NOTO_CFF))
    with pytest.raises(FontProblem, match="postscript outlines are not supported"):
        cjk_font()


def test_override_without_latin_is_refused_naming_the_characters(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A font with three Chinese glyphs and nothing else, like Droid Sans Fallback lacks Latin.
    subset = TTFontFile(str(BUNDLED), subfontIndex=1).makeSubset([0, 0x7DAB, 0x9673])
    small = tmp_path / "small.ttf"
    small.write_bytes(subset)
    monkeypatch.setenv(ENV_VAR, str(small))
    with pytest.raises(FontProblem) as caught:
        cjk_font()
    message = str(caught.value)
    assert "small.ttf" in message
    assert "'A' U+0041 (LATIN CAPITAL LETTER A)" not in message  # only the first ten listed
    assert "'!' U+0021 (EXCLAMATION MARK)" in message
    assert "more" in message


def test_override_chooses_a_face_of_a_collection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, f"{BUNDLED}#2")
    font = cjk_font()
    assert not font.bundled
    assert font.family == "AR PL UMing TW"
    assert font.subfont_index == 2
    assert font.name != pdf_fonts._BUNDLED_NAME  # a font of its own, beside the bundled one
    monkeypatch.delenv(ENV_VAR)
    assert cjk_font().family == "AR PL UMing HK"


def test_to_unicode_map_writes_surrogate_pairs() -> None:
    cmap = pdf_fonts._to_unicode_cmap("AAAAAA+UMingHK-1", [0, 0x41, 0x7DAB, 0x282E2])
    assert "<01> <0041>" in cmap
    assert "<02> <7DAB>" in cmap
    assert "<03> <D860DEE2>" in cmap


@needs_poppler
def test_pdf_embeds_the_font_and_text_extracts_with_hkscs(tmp_path: Path) -> None:
    font = cjk_font()
    path = tmp_path / "fonts.pdf"
    canvas = Canvas(str(path), initialFontName=font.name)
    canvas.setFont(font.name, 14)
    canvas.drawString(72, 720, "LEUNG, Ka Yee 梁綫𨋢 2711 0213")
    canvas.save()
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert len(rows) == 1
    assert "+UMingHK-1" in rows[0]
    assert rows[0].split()[-5:-2] == ["yes", "yes", "yes"]  # embedded, subset, ToUnicode
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "LEUNG, Ka Yee 梁綫𨋢 2711 0213" in text
