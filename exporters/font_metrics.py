"""Which characters a TrueType font draws and how wide each is, without loading the font.

Parsing a CJK TrueType file with reportlab takes tens of milliseconds per font, and a check only
needs two facts of each: the characters it draws (a glyph with an outline; ``can_draw`` and the
per-character font choice) and their advance widths (the page-fit bound of
:mod:`exporters.page_bound`). For the bundled fonts both are kept in ``resources/fonts/metrics.json``,
made by ``python -m exporters.font_metrics`` from the very numbers reportlab reads; an entry is used
only while the file's fingerprint (size and header, which holds every table's checksum) matches,
so a changed font file is read afresh. Other fonts (the Windows system faces) are read from the file.

reportlab loads only when a font has to be read here, never for the bundled ones.
"""
from __future__ import annotations

import bisect
import hashlib
import importlib
import json
import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import resources

log = logging.getLogger(__name__)

FONT_DIR = Path(resources.__file__).parent / "fonts"
TABLE = FONT_DIR / "metrics.json"
_HEAD = 16384      # bytes of the file in its fingerprint: the table directory with its checksums


def _accelerated() -> bool:
    # reportlab takes its string widths from this C module when it imports (reportlab.lib.rl_accel).
    try:
        return hasattr(importlib.import_module("_rl_accel"), "instanceStringWidthTTF")
    except ImportError:
        return False


C_WIDTHS = _accelerated()


def scaled(width: float, size: float) -> float:
    """A width in 1/1000 em at ``size`` points, the very float reportlab's ``stringWidth`` gives.

    Its C accelerator and its Python fallback multiply in different orders, which can differ in the
    last bit; the page bound compares widths with reportlab's exactly, so it follows the one in use.
    """
    return width * 0.001 * size if C_WIDTHS else 0.001 * size * width


@dataclass(frozen=True)
class FontMetrics:
    """The drawable characters of one font and their widths (1/1000 of the font size, as reportlab)."""

    chars: frozenset[int]
    starts: tuple[int, ...]      # runs of consecutive drawable code points of equal width
    ends: tuple[int, ...]        # last code point of each run
    widths: tuple[float, ...]

    def width(self, cp: int) -> float | None:
        """The advance width of code point ``cp``; None when the font does not draw it."""
        i = bisect.bisect_right(self.starts, cp) - 1
        return self.widths[i] if i >= 0 and cp <= self.ends[i] else None

    @classmethod
    def from_widths(cls, widths: dict[int, float]) -> FontMetrics:
        starts: list[int] = []
        ends: list[int] = []
        values: list[float] = []
        for cp in sorted(widths):
            w = widths[cp]
            if ends and ends[-1] == cp - 1 and values[-1] == w:
                ends[-1] = cp
            else:
                starts.append(cp)
                ends.append(cp)
                values.append(w)
        return cls(frozenset(widths), tuple(starts), tuple(ends), tuple(values))

    def runs(self) -> list[list[float]]:
        """``[first code point, count, width]`` per run: the stored form."""
        return [[s, e - s + 1, w] for s, e, w in zip(self.starts, self.ends, self.widths)]

    @classmethod
    def from_runs(cls, runs: list[list[float]]) -> FontMetrics:
        starts = tuple(int(r[0]) for r in runs)
        ends = tuple(int(r[0]) + int(r[1]) - 1 for r in runs)
        chars = frozenset(cp for s, e in zip(starts, ends) for cp in range(s, e + 1))
        return cls(chars, starts, ends, tuple(r[2] for r in runs))


def fingerprint(path: Path) -> str:
    with open(path, "rb") as f:
        head = f.read(_HEAD)
    return f"{path.stat().st_size}:{hashlib.sha256(head).hexdigest()[:32]}"


def _key(path: Path, index: int) -> str:
    return f"{path.name}#{index}"


def _empty_glyphs(face: object) -> set[int]:
    """Glyph ids with no outline. Some fonts map characters to them (WenQuanYi maps ℃ so), and
    a character drawn with one silently disappears from the page, so such characters count as absent."""
    face.seek_table("head", 50)  # type: ignore[attr-defined]
    long_offsets = face.read_ushort() == 1  # type: ignore[attr-defined]
    face.seek_table("maxp", 4)  # type: ignore[attr-defined]
    count = face.read_ushort()  # type: ignore[attr-defined]
    face.seek_table("loca")  # type: ignore[attr-defined]
    read = face.read_ulong if long_offsets else (lambda: face.read_ushort() << 1)  # type: ignore[attr-defined]
    offsets = [read() for _ in range(count + 1)]
    return {gid for gid in range(count) if offsets[gid + 1] == offsets[gid]}


def read_font(path: Path, index: int = 0) -> FontMetrics:
    """The metrics as reportlab reads them from the file (raises reportlab's TTFError, OSError or
    ValueError for a font it cannot embed: CFF outlines, a damaged or missing file)."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    face = TTFontFile(str(path), subfontIndex=index)
    empty = _empty_glyphs(face)
    return FontMetrics.from_widths({cp: face.charWidths.get(cp, face.defaultWidth)
                                    for cp, gid in face.charToGlyph.items()
                                    if gid not in empty or chr(cp).isspace()})


@cache
def _table() -> dict[str, dict]:
    try:
        return json.loads(TABLE.read_text(encoding="utf-8"))["fonts"]
    except (OSError, ValueError, KeyError) as exc:
        log.warning("font metrics table %s unreadable: %s", TABLE, exc)
        return {}


@cache
def metrics(path: Path, index: int = 0) -> FontMetrics:
    """The metrics of the font at ``path``: from the table when it has this very file, else read
    (errors as :func:`read_font`)."""
    entry = _table().get(_key(path, index)) if path.parent == FONT_DIR else None
    if entry is not None:
        try:
            if entry["fingerprint"] == fingerprint(path):
                return FontMetrics.from_runs(entry["runs"])
        except OSError:
            pass
    return read_font(path, index)


def write_table(fonts: list[tuple[str, int]]) -> None:
    """Write the table for ``(file name, subfont index)`` of the bundled fonts."""
    table = {}
    for name, index in fonts:
        path = FONT_DIR / name
        table[_key(path, index)] = {"fingerprint": fingerprint(path), "runs": read_font(path, index).runs()}
    text = json.dumps({"about": "Made by python -m exporters.font_metrics; see exporters/font_metrics.py.",
                       "fonts": table}, ensure_ascii=False, separators=(",", ":"))
    TABLE.write_text(text + "\n", encoding="utf-8")


def bundled() -> list[tuple[str, int]]:
    from exporters import fonts
    specs = dict.fromkeys((*fonts.BUNDLED, fonts.LATIN, *(f for fs in fonts.BUNDLED_FOR_ROLE.values() for f in fs)))
    return [(spec.file, spec.index) for spec in specs]


if __name__ == "__main__":
    write_table(bundled())
    print(f"{TABLE} ({TABLE.stat().st_size // 1024} KB)")
