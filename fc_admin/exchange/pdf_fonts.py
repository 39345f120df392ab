"""The one font of every PDF fc-admin prints (activation letters, daily lists): Latin and Chinese.

ReportLab's built-in fonts have no Chinese, and it embeds only TrueType outlines (``glyf``), not
the CFF outlines of Noto Sans CJK / Source Han. fc-admin therefore ships a TrueType font in
``fc_admin.resources/fonts``: **AR PL UMing HK**, the Hong Kong face of ``uming.ttc`` (CJK Unifonts
0.2.20080216.2, Arphic Public License; see ``resources/fonts/README.md``). It covers Big5, the
whole of HKSCS-2004 (綫 U+7DAB, 𨋢 U+282E2, …) and Latin text, and is the file as published,
unmodified. It is always used, whatever the machine has installed, so that a PDF comes out the
same on every desktop.

Override: the environment variable ``FC_ADMIN_PDF_FONT`` names another TrueType font file to use
instead, e.g. ``C:\\Windows\\Fonts\\msjh.ttc``; in a collection (``.ttc``) the face is chosen with
``#N`` after the path (``C:\\Windows\\Fonts\\mingliu.ttc#2`` for MingLiU_HKSCS), the first face
otherwise. The file must have TrueType outlines, allow embedding, and cover Latin text; writers
check each text they print with :func:`missing_glyphs` and refuse a document rather than print a
blank box.

:func:`cjk_font` registers the font with ReportLab once per process and returns its name; the
font is embedded in each PDF as a subset of the glyphs used, so ``pdffonts`` lists it as an
embedded TrueType font (``AR PL UMing HK`` appears as ``XXXXXX+UMingHK-1``).
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any, Final

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFError, TTFont

__all__ = [
    "BUNDLED_FONT_FILE",
    "BUNDLED_FONT_INDEX",
    "ENV_VAR",
    "FontProblem",
    "RegisteredFont",
    "cjk_font",
    "describe_characters",
    "missing_glyphs",
    "require_glyphs",
]

ENV_VAR: Final = "FC_ADMIN_PDF_FONT"
BUNDLED_FONT_FILE: Final = "uming.ttc"
# The faces of uming.ttc: 0 CN, 1 HK, 2 TW, 3 TW MBE. The HK face has the HKSCS glyphs and the
# Hong Kong glyph shapes.
BUNDLED_FONT_INDEX: Final = 1
_BUNDLED_NAME: Final = "FcAdminCJK"

# Every PDF needs these: Latin text, digits, punctuation and the Chinese of the department and
# system names. A font without them (Droid Sans Fallback has no Latin; a Simplified-only font has
# no 衞 or 預) is refused when it is registered, not halfway through a print run.
_BASELINE: Final = (
    "".join(chr(c) for c in range(0x21, 0x7F))
    + " –—…’"
    + "衞生署公務員診所網上預約系統年月日頁第共"
)

# Characters that are never drawn with a glyph of their own: ReportLab maps a no-break space to a
# space; line breaks and tabs are layout, not text.
_NOT_DRAWN: Final = frozenset("\n\r\t\u00a0")

_COLLECTION_FACE = re.compile(r"^(?P<path>.+)#(?P<index>\d+)$")


class FontProblem(Exception):
    """The PDF font cannot be used: its file is missing or unusable, or it lacks characters."""


@dataclass(frozen=True)
class RegisteredFont:
    """A font registered with ReportLab: ``name`` is what ``setFont`` and styles take."""

    name: str
    """The ReportLab font name, for Latin and Chinese text alike."""
    family: str
    """The font's own full name, e.g. ``AR PL UMing HK``."""
    postscript_name: str
    """As ``pdffonts`` shows it after the subset tag, e.g. ``UMingHK-1`` for a collection face."""
    path: Path
    subfont_index: int
    bundled: bool
    """False when :data:`ENV_VAR` chose the file."""
    _codepoints: frozenset[int] = field(repr=False, compare=False)

    def has_glyph(self, char: str) -> bool:
        return ord(char) in self._codepoints

    def describe(self) -> str:
        """``AR PL UMing HK (/path/uming.ttc, face 1)``, for messages."""
        face = f", face {self.subfont_index}" if self.path.suffix.lower() == ".ttc" else ""
        return f"{self.family} ({self.path}{face})"


_lock = threading.Lock()
_registered: dict[tuple[str, int], RegisteredFont] = {}


def cjk_font() -> RegisteredFont:
    """The font for all PDF text, registered with ReportLab on the first call of the process.

    The bundled AR PL UMing HK unless :data:`ENV_VAR` names another file (see the module doc).
    Raises :class:`FontProblem` if the file is missing, is not a usable TrueType font (CFF
    outlines, embedding forbidden, bad collection index) or lacks Latin or basic Chinese.
    """
    path, index, bundled = _font_source()
    key = (str(path), index)
    with _lock:
        font = _registered.get(key)
        if font is None:
            font = _register(path, index, bundled)
            _registered[key] = font
        return font


def missing_glyphs(text: str, font: RegisteredFont) -> list[str]:
    """The characters of ``text`` that ``font`` has no glyph for, each once, in order of use."""
    missing: list[str] = []
    seen: set[str] = set()
    for char in text:
        if char in seen or char in _NOT_DRAWN:
            continue
        seen.add(char)
        if not font.has_glyph(char):
            missing.append(char)
    return missing


def require_glyphs(text: str, font: RegisteredFont, what: str = "the text") -> None:
    """Raise :class:`FontProblem` naming the font and every character of ``text`` it lacks."""
    missing = missing_glyphs(text, font)
    if missing:
        raise FontProblem(
            f"font {font.describe()} has no glyph for {describe_characters(missing)} in {what}"
        )


def describe_characters(chars: Iterable[str], limit: int = 10) -> str:
    """``'𨋢' U+282E2 (CJK UNIFIED IDEOGRAPH-282E2), '\\ue000' U+E000 (private use)``.

    At most ``limit`` characters are described, then ``and N more``.
    """
    listed = list(chars)
    parts = []
    for char in listed[:limit]:
        name = unicodedata.name(char, "")
        if not name:
            name = {
                "Co": "private use",
                "Cn": "unassigned",
                "Cs": "surrogate",
                "Cc": "control",
            }.get(unicodedata.category(char), "no name")
        parts.append(f"{char!r} U+{ord(char):04X} ({name})")
    if len(listed) > limit:
        parts.append(f"and {len(listed) - limit} more")
    return ", ".join(parts)


def _font_source() -> tuple[Path, int, bool]:
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        match = _COLLECTION_FACE.match(override)
        if match and not Path(override).exists():
            return Path(match["path"]), int(match["index"]), False
        return Path(override), 0, False
    bundled = Path(str(files("fc_admin.resources"))) / "fonts" / BUNDLED_FONT_FILE
    return bundled, BUNDLED_FONT_INDEX, True


def _register(path: Path, index: int, bundled: bool) -> RegisteredFont:
    origin = "" if bundled else f" (set by {ENV_VAR})"
    if not path.is_file():
        raise FontProblem(f"font file {path} not found{origin}")
    if bundled:
        name = _BUNDLED_NAME
    else:
        digest = hashlib.sha1(f"{path.resolve()}#{index}".encode()).hexdigest()[:8]
        name = f"{_BUNDLED_NAME}-{digest}"
    try:
        ttfont = _TTFontFixedToUnicode(name, str(path), subfontIndex=index)
    except (TTFError, OSError, ValueError, KeyError, IndexError) as exc:
        raise FontProblem(
            f"font file {path}{origin} cannot be used for PDFs (ReportLab needs an embeddable "
            f"TrueType font): {exc}"
        ) from exc
    face: Any = ttfont.face
    font = RegisteredFont(
        name=name,
        family=_full_name(face),
        postscript_name=_text(face.name) + _text(face.subfontNameX),
        path=path,
        subfont_index=index,
        bundled=bundled,
        _codepoints=frozenset(face.charToGlyph),
    )
    missing = missing_glyphs(_BASELINE, font)
    if missing:
        raise FontProblem(
            f"font {font.describe()}{origin} cannot print fc-admin documents: it has no glyph "
            f"for {describe_characters(missing)}"
        )
    pdfmetrics.registerFont(ttfont)
    return font


def _full_name(face: Any) -> str:
    family = _text(face.familyName)
    style = _text(face.styleName)
    return family if style in ("", "Regular", "Light", "Book") else f"{family} {style}"


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return str(value)


def _to_unicode_cmap(font_name: str, subset: Sequence[int]) -> str:
    """A ToUnicode CMap for one 256-code subset, correct for characters beyond U+FFFF.

    ReportLab writes ``<%04X>`` for each character, which for 𨋢 U+282E2 gives the odd-length
    ``<282E2>``: viewers then copy and search it as ⠮ U+282E. The PDF reference wants UTF-16BE,
    i.e. a surrogate pair (``<D860DEE2>``), and at most 100 entries per ``bfchar`` block.
    """
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({font_name})",
        f"/Ordering ({font_name})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{font_name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    entries = [
        f"<{code:02X}> <{chr(char).encode('utf-16-be', 'surrogatepass').hex().upper()}>"
        for code, char in enumerate(subset)
    ]
    for start in range(0, len(entries), 100):
        block = entries[start : start + 100]
        lines += [f"{len(block)} beginbfchar", *block, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


class _TTFontFixedToUnicode(TTFont):  # type: ignore[misc]
    """ReportLab's TTFont, with ToUnicode maps that keep HKSCS characters beyond U+FFFF.

    The glyphs of 𨋢 and the like are embedded and drawn correctly by ReportLab; only the text
    that viewers copy, search and read aloud (and ``pdftotext`` extracts) is wrong. After
    ReportLab has built the font objects of a document, the ToUnicode streams are rewritten
    with :func:`_to_unicode_cmap`.
    """

    def addObjects(self, doc: Any) -> None:  # ReportLab's method name
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)
        face: Any = self.face
        for number, subset in enumerate(subsets):
            base = b"".join((SUBSETN(number), b"+", face.name, face.subfontNameX)).decode("latin-1")
            stream = doc.idToObject.get("toUnicodeCMap:" + base)
            if stream is not None:
                stream.content = _to_unicode_cmap(base, subset)
