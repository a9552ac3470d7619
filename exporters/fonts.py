"""Fonts for PDFs: which TrueType file draws each role (宋体, 黑体, 仿宋, 楷体) and each character.

reportlab embeds TrueType outlines only and does no glyph fallback, so every text run is split by
which font actually has each character: the role's font first, then every other font we have.
Per role: ASCII letters and digits of the serif roles in Liberation Serif (the metrics of Times
New Roman, which the Word files name for them); on Windows the system font the notice names
(宋体/黑体/仿宋/楷体) when present; then the bundled face of that role from ``resources/fonts``
(Noto Serif CJK SC converted to TrueType for 宋体, FandolFang converted likewise for 仿宋, AR PL
KaitiM GB for 楷体, WenQuanYi Micro Hei for 黑体); then the remaining fonts, ending with DejaVu Sans
for symbols such as ☑.
The ``symbol`` role draws check boxes (☑ and □) from one font at one size.

Which characters each font draws comes from :mod:`exporters.font_metrics` (a table for the bundled
fonts), so checking a project loads no font; reportlab reads a role's fonts when a PDF first uses them.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from html import escape as _escape   # xml.sax.saxutils would load urllib, http and ssl

import resources
from exporters import font_metrics

log = logging.getLogger(__name__)

FONT_DIR = Path(resources.__file__).parent / "fonts"


@dataclass(frozen=True)
class FontFile:
    name: str      # the name registered with reportlab
    file: str
    index: int = 0


# Bundled faces, in the order they are tried after a role's own faces.
SONG = FontFile("QCD-Song", "NotoSerifSC-GB2312.ttf")   # Noto Serif CJK SC, TrueType (宋体 role)
FANG = FontFile("QCD-Fang", "FandolFang-GB2312.ttf")  # FandolFang, TrueType (仿宋 role)
KAI = FontFile("QCD-Kai", "gkai00mp.ttf")            # AR PL KaitiM GB (楷体 role)
HEI = FontFile("QCD-Hei", "wqy-microhei.ttc")        # WenQuanYi Micro Hei (黑体 role)
SYMBOLS = FontFile("QCD-DejaVu", "DejaVuSans.ttf")   # ☑, ℃ and other symbols
LATIN = FontFile("QCD-Serif", "LiberationSerif-Regular.ttf")   # ASCII of the serif roles
BUNDLED: tuple[FontFile, ...] = (SONG, FANG, KAI, HEI, SYMBOLS)
SERIF_ROLES = ("song", "fang", "kai")
ASCII = frozenset(range(0x20, 0x7F))
# (name, path, index) of the sans faces, as the charts (exporters.charts) register them with matplotlib.
BUNDLED_CJK = (HEI.name, FONT_DIR / HEI.file, HEI.index)
BUNDLED_SYMBOLS = (SYMBOLS.name, FONT_DIR / SYMBOLS.file, SYMBOLS.index)
BUNDLED_FOR_ROLE: dict[str, tuple[FontFile, ...]] = {
    "song": (SONG,), "fang": (FANG,), "kai": (KAI,), "hei": (HEI,), "symbol": (SYMBOLS,),
}

# Windows font files for each role, in order of preference; SimSun-ExtB draws CJK Extension B.
WINDOWS_FONTS: dict[str, list[str]] = {
    "song": ["simsun.ttc", "simsun.ttf"],
    "hei": ["simhei.ttf"],
    "fang": ["simfang.ttf", "fangsong.ttf"],
    "kai": ["simkai.ttf"],
}
WINDOWS_EXTRA = ["simsunb.ttf"]

ROLES = ("song", "hei", "fang", "kai", "symbol")


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters outside the BMP written as UTF-16 pairs.

    reportlab writes such a character as five hex digits (<2003E>), which PDF readers reject, so
    copied or extracted text lost it; a surrogate pair (<D840DC3E>) is what the PDF format wants."""
    def utf16(cp: int) -> str:
        return chr(cp).encode("utf-16-be", "surrogatepass").hex().upper() if 0 <= cp <= 0x10FFFF else "FFFD"

    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{utf16(cp)}>" for i, cp in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ]
    return "\n".join(lines)


@dataclass(frozen=True)
class LoadedFont:
    name: str          # the name registered with reportlab
    path: Path
    chars: frozenset[int]
    index: int = 0     # of the face in its file (a .ttc holds several)

    def has(self, ch: str) -> bool:
        return ord(ch) in self.chars or ch in "\n\t"


def _windows_font_dir() -> Path | None:
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot")
    if os.name != "nt" or not windir:
        return None
    folder = Path(windir) / "Fonts"
    return folder if folder.is_dir() else None


@cache
def _load(name: str, path: Path, index: int) -> LoadedFont | None:
    try:
        drawable = font_metrics.metrics(path, index).chars
    except Exception as exc:  # reportlab's TTFError (CFF outlines), a damaged or missing file
        log.warning("font %s (%s) cannot be embedded: %s", name, path, exc)
        return None
    return LoadedFont(name, path, drawable, index)


@cache
def _registered(role: str) -> tuple[LoadedFont, ...]:
    """``fonts_for(role)``, every font registered with reportlab (done once, before the first PDF
    uses the role)."""
    from reportlab.pdfbase import pdfmetrics, ttfonts
    from reportlab.pdfbase.ttfonts import TTFont

    from exporters import font_cache

    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    chain = fonts_for(role)
    known = set(pdfmetrics.getRegisteredFontNames())
    for font in chain:
        if font.name not in known:
            # parsed once per machine: later processes read the parsed font from the user cache
            parsed, _ = font_cache.load(font.name, font.path, font.index, lambda font=font: (
                TTFont(font.name, str(font.path), subfontIndex=font.index), font.chars))
            pdfmetrics.registerFont(parsed)
            known.add(font.name)
    return chain


def _load_bundled(spec: FontFile) -> LoadedFont | None:
    return _load(spec.name, FONT_DIR / spec.file, spec.index)


def _system_fonts(files: Iterable[str], prefix: str) -> list[LoadedFont]:
    system = _windows_font_dir()
    found: list[LoadedFont] = []
    if system is None:
        return found
    for filename in files:
        if (system / filename).is_file():
            loaded = _load(f"QCD-{prefix}-{Path(filename).stem}", system / filename, 0)
            if loaded:
                found.append(loaded)
                break
    return found


@cache
def fonts_for(role: str) -> tuple[LoadedFont, ...]:
    """The fonts tried, in order, for text of ``role``: the role's own faces, then all others."""
    chain: list[LoadedFont] = []
    latin = _load_bundled(LATIN) if role in SERIF_ROLES else None
    if latin is not None:
        # Only ASCII: “ ” and other marks shared with Chinese stay full-width from the CJK face.
        chain.append(LoadedFont(latin.name, latin.path, latin.chars & ASCII, latin.index))
    chain += _system_fonts(WINDOWS_FONTS.get(role, []), role)
    own = BUNDLED_FOR_ROLE.get(role, (SONG,))
    for spec in (*own, *(b for b in BUNDLED if b not in own)):
        loaded = _load_bundled(spec)
        if loaded:
            chain.append(loaded)
    for filename in WINDOWS_EXTRA:
        chain.extend(_system_fonts([filename], "extra"))
    if not chain:
        raise RuntimeError(f"没有可用于 PDF 的中文字体（应在 {FONT_DIR}）")
    return tuple(dict.fromkeys(chain))


@cache
def _font_index(role: str) -> tuple[tuple[LoadedFont, ...], dict[str, int]]:
    return fonts_for(role), {}


def _font_of(role: str, ch: str) -> int:
    """Index in ``fonts_for(role)`` of the first font with a glyph for ``ch`` (0 when none has)."""
    chain, memo = _font_index(role)
    index = memo.get(ch)
    if index is None:
        index = next((i for i, f in enumerate(chain) if f.has(ch)), 0)
        memo[ch] = index
    return index


def font_runs(text: str, role: str) -> list[tuple[str, str]]:
    """Split ``text`` into ``(font name, text)`` runs so every character has a glyph.

    One pass: the start of the current run is remembered and the text sliced when the font
    changes, so the time grows linearly with the length of the text.
    """
    chain = _registered(role)
    runs: list[tuple[str, str]] = []
    start, current = 0, -1
    for pos, ch in enumerate(text):
        index = _font_of(role, ch)
        if index != current:
            if pos > start:
                runs.append((chain[current].name, text[start:pos]))
            start, current = pos, index
    if len(text) > start:
        runs.append((chain[current].name, text[start:]))
    return runs


def primary_font(role: str) -> str:
    return _registered(role)[0].name


@cache
def _drawable() -> frozenset[int]:
    chars: set[int] = set()
    for role in ROLES:
        for font in fonts_for(role):
            chars |= font.chars
    return frozenset(chars)


def can_draw(ch: str) -> bool:
    """Whether some bundled or system font embeddable in a PDF has a glyph for ``ch``."""
    return ord(ch) in _drawable() or ch.isspace()


def escape(text: str) -> str:
    """``xml.sax.saxutils.escape``, whose module would load urllib, http and ssl (a fifth of the
    export's imports) for three replacements."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(text: str, role: str, *, bold: bool = False, underline: bool = False) -> str:
    """reportlab Paragraph markup for ``text``: escaped, with a font switch where glyphs demand.

    reportlab has no synthetic bold for TrueType fonts: a bold run inside other text is drawn in
    the 黑体 role; a paragraph that is bold throughout is emboldened by the PDF writer instead.
    """
    if bold:
        role = "hei"
    parts = []
    for name, chunk in font_runs(text, role):
        chunk = _escape(chunk, quote=False).replace("\n", "<br/>")
        parts.append(f'<font name="{name}">{chunk}</font>')
    result = "".join(parts)
    if underline:
        result = f"<u>{result}</u>"
    return result
