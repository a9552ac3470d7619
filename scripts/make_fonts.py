"""Make ``resources/fonts/NotoSerifSC-GB2312.ttf``, the face of the 宋体 role in PDFs.

reportlab embeds TrueType outlines only, and Noto Serif CJK SC (SIL OFL 1.1) ships with CFF
outlines. This keeps the characters the forms need (GB 2312: its 6,763 汉字 and its symbol rows,
which hold ℃ ± × ÷ № ①, plus ASCII), converts the cubic CFF outlines to quadratic TrueType ones
(fontTools cu2qu, at most 1 unit of 1000 off) and drops hinting and layout tables. About half a
minute; the result is about 2.8 MB.

    python scripts/make_fonts.py [path/to/NotoSerifCJK-Regular.ttc]

The source is Debian's fonts-noto-cjk (``apt-get install fonts-noto-cjk``).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
TARGET = ROOT / "resources" / "fonts" / "NotoSerifSC-GB2312.ttf"
FAMILY = "Noto Serif CJK SC"
MAX_ERROR = 1.0          # font units (of 1000) a converted curve may stray
NOTE = ("Subset (GB 2312 and ASCII) of Noto Serif CJK SC, converted to TrueType outlines for "
        "qcdesk by scripts/make_fonts.py. Licensed under the SIL Open Font License 1.1.")


def gb2312_characters() -> set[str]:
    """Every character of GB 2312: rows 01–09 (symbols) and 16–87 (汉字)."""
    found = set()
    for row in (*range(0xA1, 0xAA), *range(0xB0, 0xF8)):
        for cell in range(0xA1, 0xFF):
            try:
                found.add(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return found | {chr(c) for c in range(0x20, 0x7F)}


def sc_face(source: Path) -> TTFont:
    for font in TTCollection(str(source)).fonts:
        if font["name"].getDebugName(1) == FAMILY:
            return font
    raise SystemExit(f"{FAMILY} not found in {source}")


def to_truetype(font: TTFont) -> None:
    """Replace the CFF table by glyf/loca with quadratic outlines."""
    glyphs = font.getGlyphSet()
    order = font.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    del font["CFF "]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0          # no glyph names
    font.sfntVersion = "\x00\x01\x00\x00"


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    start = time.perf_counter()
    font = sc_face(source)
    font.recalcTimestamp = False          # the same source gives the same bytes
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    chars = gb2312_characters()
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    to_truetype(font)
    font["name"].setName(NOTE, 10, 3, 1, 0x409)     # description
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(TARGET))
    print(f"wrote {TARGET}: {len(chars)} characters, {TARGET.stat().st_size / 1e6:.2f} MB, "
          f"{time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
