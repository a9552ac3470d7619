"""Fonts for PDFs: which TrueType file draws each role (宋体, 黑体, 仿宋, 楷体) and each character.

reportlab embeds TrueType outlines only and does no glyph fallback, so every text run is split by
which font actually has each character: the role's font first, then the bundled fallbacks.
Order: on Windows the system's 宋体/黑体/仿宋/楷体 when present; otherwise (and for a missing role)
WenQuanYi Micro Hei shipped in ``resources/fonts``; DejaVu Sans for symbols such as ☑.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont, TTFontFile

import resources

log = logging.getLogger(__name__)

FONT_DIR = Path(resources.__file__).parent / "fonts"
BUNDLED_CJK = ("QCD-WQY", FONT_DIR / "wqy-microhei.ttc", 0)
BUNDLED_SYMBOLS = ("QCD-DejaVu", FONT_DIR / "DejaVuSans.ttf", 0)

# Windows font files for each role, in order of preference.
WINDOWS_FONTS: dict[str, list[tuple[str, int]]] = {
    "song": [("simsun.ttc", 0), ("simsun.ttf", 0)],
    "hei": [("simhei.ttf", 0)],
    "fang": [("simfang.ttf", 0), ("fangsong.ttf", 0)],
    "kai": [("simkai.ttf", 0)],
}


@dataclass(frozen=True)
class LoadedFont:
    name: str          # the name registered with reportlab
    path: Path
    chars: frozenset[int]

    def has(self, ch: str) -> bool:
        return ord(ch) in self.chars or ch in "\n\t"


def _windows_font_dir() -> Path | None:
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot")
    if os.name != "nt" or not windir:
        return None
    folder = Path(windir) / "Fonts"
    return folder if folder.is_dir() else None


def _empty_glyphs(face: TTFontFile) -> set[int]:
    """Glyph ids with no outline. Some fonts map characters to them (WenQuanYi maps ℃ so), and
    a character drawn with one silently disappears from the page, so such characters count as absent."""
    face.seek_table("head", 50)
    long_offsets = face.read_ushort() == 1
    face.seek_table("maxp", 4)
    count = face.read_ushort()
    face.seek_table("loca")
    read = face.read_ulong if long_offsets else (lambda: face.read_ushort() << 1)
    offsets = [read() for _ in range(count + 1)]
    return {gid for gid in range(count) if offsets[gid + 1] == offsets[gid]}


@cache
def _load(name: str, path: Path, index: int) -> LoadedFont | None:
    try:
        font = TTFont(name, str(path), subfontIndex=index)
    except (TTFError, OSError, ValueError) as exc:  # CFF outlines, a damaged or missing file
        log.warning("font %s (%s) cannot be embedded: %s", name, path, exc)
        return None
    pdfmetrics.registerFont(font)
    empty = _empty_glyphs(font.face)
    drawable = {cp for cp, gid in font.face.charToGlyph.items() if gid not in empty or chr(cp).isspace()}
    return LoadedFont(name, path, frozenset(drawable))


@cache
def fonts_for(role: str) -> tuple[LoadedFont, ...]:
    """The fonts tried, in order, for text of ``role``."""
    chain: list[LoadedFont] = []
    system = _windows_font_dir()
    if system is not None:
        for filename, index in WINDOWS_FONTS.get(role, []):
            if (system / filename).is_file():
                loaded = _load(f"QCD-{role}-{Path(filename).stem}", system / filename, index)
                if loaded:
                    chain.append(loaded)
                    break
    for name, path, index in (BUNDLED_CJK, BUNDLED_SYMBOLS):
        loaded = _load(name, path, index)
        if loaded:
            chain.append(loaded)
    if not chain:
        raise RuntimeError(f"没有可用于 PDF 的中文字体（应在 {FONT_DIR}）")
    return tuple(chain)


def font_runs(text: str, role: str) -> list[tuple[str, str]]:
    """Split ``text`` into ``(font name, text)`` runs so every character has a glyph."""
    chain = fonts_for(role)
    runs: list[tuple[str, str]] = []
    for ch in text:
        font = next((f for f in chain if f.has(ch)), chain[0])
        if runs and runs[-1][0] == font.name:
            runs[-1] = (font.name, runs[-1][1] + ch)
        else:
            runs.append((font.name, ch))
    return runs


def primary_font(role: str) -> str:
    return fonts_for(role)[0].name


def markup(text: str, role: str, *, bold: bool = False, underline: bool = False) -> str:
    """reportlab Paragraph markup for ``text``: escaped, with a font switch where glyphs demand.

    TrueType fonts have no synthetic bold in reportlab: bold text is drawn in the 黑体 role.
    """
    if bold:
        role = "hei"
    parts = []
    for name, chunk in font_runs(text, role):
        chunk = escape(chunk).replace("\n", "<br/>")
        parts.append(f'<font name="{name}">{chunk}</font>')
    result = "".join(parts)
    if underline:
        result = f"<u>{result}</u>"
    return result
