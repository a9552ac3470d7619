"""Make the converted faces of ``resources/fonts``: 宋体 and 仿宋 for PDFs, in TrueType outlines.

reportlab embeds TrueType outlines only, and the open-licensed Chinese faces ship with CFF ones.
For each face this keeps the characters the forms need (GB 2312: its 6,763 汉字 and its symbol
rows, which hold ℃ ± × ÷ № ①, plus ASCII; the 仿宋 face also the marks of ``FANG_EXTRA``),
converts the cubic CFF outlines to quadratic TrueType ones (fontTools cu2qu, at most 1 unit of
1000 off) and drops hinting and layout tables. The same source gives the same bytes.

- ``NotoSerifSC-GB2312.ttf`` (宋体): Noto Serif CJK SC 2.001, SIL OFL 1.1, from Debian's
  fonts-noto-cjk (``apt-get install fonts-noto-cjk``); about 25 s, 2.8 MB.
- ``FandolFang-GB2312.ttf`` (仿宋): FandolFang Regular 1.300 (Fandol 0.3), GPL-3 with the GPL font
  exception, from Debian's texlive-lang-chinese (``apt-get download texlive-lang-chinese``; the
  .deb itself is read, nothing needs installing); about 15 s, 4.3 MB.

    python scripts/make_fonts.py [song|fang|all] [--noto PATH.ttc] [--fandol PATH.deb|PATH.otf]
"""
from __future__ import annotations

import argparse
import hashlib
import io
import lzma
import math
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.pens.basePen import AbstractPen
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(__file__).resolve().parent.parent
FONT_DIR = ROOT / "resources" / "fonts"
MAX_ERROR = 1.0          # font units (of 1000) a converted curve may stray
Point = tuple[float, float]

NOTO_SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
NOTO_FAMILY = "Noto Serif CJK SC"
SONG_NOTE = ("Subset (GB 2312 and ASCII) of Noto Serif CJK SC, converted to TrueType outlines for "
             "qcdesk by scripts/make_fonts.py. Licensed under the SIL Open Font License 1.1.")

FANDOL_DEB = "texlive-lang-chinese_2022.20230122-1_all.deb"
FANDOL_MEMBER = "usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf"
FANDOL_SHA256 = "d838ad32ce2244d8144f408c37fe71065aba6fbbc80759a4d2aa2033948d5bc9"
# Marks the forms print that GB 2312 (as Python decodes it) lacks: — in "— 2 —" and 2023年5月—11月,
# the middle dot of names such as 阿依古丽·买买提, the en dash.
FANG_EXTRA = "—·–"
FANG_NOTE = ("Subset (GB 2312, ASCII and —·–) of FandolFang Regular 1.300 (Fandol 0.3, Copyright "
             "2012-2013 the Fandol team: Clerk Ma, Jie Su), converted to TrueType outlines for qcdesk "
             "by scripts/make_fonts.py. Licensed under the GNU GPL version 3 with the GPL font "
             "exception, extended to this version.")
FANG_FAMILY = "FandolFang"


@dataclass(frozen=True)
class Target:
    file: str
    note: str
    flatten: bool = False      # curves that are straight within MAX_ERROR become lines (FlattenPen)
    drop: tuple[str, ...] = ()  # tables no PDF of ours reads


SONG = Target("NotoSerifSC-GB2312.ttf", SONG_NOTE)
FANG = Target("FandolFang-GB2312.ttf", FANG_NOTE, flatten=True,
              drop=("BASE", "GPOS", "GSUB", "VORG", "vhea", "vmtx"))


def gb2312_characters() -> set[str]:
    """Every character of GB 2312: rows 01–09 (symbols) and 16–87 (汉字), and ASCII."""
    found = set()
    for row in (*range(0xA1, 0xAA), *range(0xB0, 0xF8)):
        for cell in range(0xA1, 0xFF):
            try:
                found.add(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return found | {chr(c) for c in range(0x20, 0x7F)}


def noto_sc_face(source: Path) -> TTFont:
    for font in TTCollection(str(source)).fonts:
        if font["name"].getDebugName(1) == NOTO_FAMILY:
            return font
    raise SystemExit(f"{NOTO_FAMILY} not found in {source}")


def _deb_member(deb: Path, member: str) -> bytes:
    """One file of a Debian package, read from its ar archive and data.tar.xz (no dpkg needed)."""
    data = deb.read_bytes()
    if not data.startswith(b"!<arch>\n"):
        raise SystemExit(f"{deb} is not a Debian package")
    pos = 8
    while pos + 60 <= len(data):
        header = data[pos:pos + 60]
        name = header[:16].decode().strip().rstrip("/")
        size = int(header[48:58].decode().strip())
        body = data[pos + 60:pos + 60 + size]
        if name.startswith("data.tar"):
            raw = lzma.decompress(body) if name.endswith(".xz") else body
            with tarfile.open(fileobj=io.BytesIO(raw)) as tar:
                for info in tar:
                    if info.name.lstrip("./") == member:
                        extracted = tar.extractfile(info)
                        assert extracted is not None
                        return extracted.read()
            raise SystemExit(f"{member} not found in {deb}")
        pos += 60 + size + (size & 1)
    raise SystemExit(f"no data.tar in {deb}")


def fandol_fang_face(source: Path) -> TTFont:
    data = _deb_member(source, FANDOL_MEMBER) if source.suffix == ".deb" else source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != FANDOL_SHA256:
        print(f"note: {source} holds another FandolFang-Regular.otf than the one the bundled file was "
              f"made from (sha256 {digest}); the result will differ")
    font = TTFont(io.BytesIO(data))
    if font["name"].getDebugName(16) != FANG_FAMILY:
        raise SystemExit(f"{source} is not FandolFang")
    return font


def _off(p: Point, a: Point, b: Point) -> float:
    """Distance of ``p`` from the segment ``a``–``b``."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


class FlattenPen(AbstractPen):
    """Draws into ``out`` with fewer points, none of the outline moving more than ``tolerance``.

    FandolFang's outlines (drawn with Inkscape) hold many cubic curves that are straight lines
    within a unit, and runs of points on one line; a TrueType curve costs two points where a line
    costs one. Such curves become lines and the inner points of straight runs are dropped: the
    file is about a fifth smaller."""

    def __init__(self, out: AbstractPen, tolerance: float) -> None:
        self.out, self.tolerance = out, tolerance
        self.start: Point = (0, 0)
        self.ops: list[tuple[Point, tuple[Point, ...]]] = []    # (end point, control points)

    def moveTo(self, pt: Point) -> None:
        self.start, self.ops = pt, []

    def lineTo(self, pt: Point) -> None:
        self.ops.append((pt, ()))

    def curveTo(self, *points: Point) -> None:
        current = self.ops[-1][0] if self.ops else self.start
        *controls, end = points
        straight = all(_off(c, current, end) <= self.tolerance for c in controls)
        self.ops.append((end, () if straight else tuple(controls)))

    def qCurveTo(self, *points: Point) -> None:
        raise NotImplementedError("CFF outlines have cubic curves only")

    def _flush(self, close: bool) -> None:
        self.out.moveTo(self.start)
        ops, current, i = self.ops, self.start, 0
        while i < len(ops):
            end, controls = ops[i]
            if controls:
                self.out.curveTo(*controls, end)
                current, i = end, i + 1
                continue
            last = i     # extend the line while every point it skips stays within tolerance
            while last + 1 < len(ops) and not ops[last + 1][1] and all(
                    _off(ops[k][0], current, ops[last + 1][0]) <= self.tolerance for k in range(i, last + 1)):
                last += 1
            self.out.lineTo(ops[last][0])
            current, i = ops[last][0], last + 1
        if close:
            self.out.closePath()
        else:
            self.out.endPath()

    def closePath(self) -> None:
        self._flush(True)

    def endPath(self) -> None:
        self._flush(False)

    def addComponent(self, glyphName: str, transformation: tuple[float, ...]) -> None:
        self.out.addComponent(glyphName, transformation)


def to_truetype(font: TTFont, flatten: bool = False) -> None:
    """Replace the CFF table by glyf/loca with quadratic outlines."""
    glyphs = font.getGlyphSet()
    order = font.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        quadratic = Cu2QuPen(pen, MAX_ERROR, reverse_direction=True)
        glyphs[name].draw(FlattenPen(quadratic, MAX_ERROR) if flatten else quadratic)
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


def make(font: TTFont, chars: set[str], target: Target) -> Path:
    """Subset ``font`` to ``chars``, convert it to TrueType outlines and write ``target``."""
    start = time.perf_counter()
    font.recalcTimestamp = False          # the same source gives the same bytes
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    for tag in target.drop:
        if tag in font:
            del font[tag]
    to_truetype(font, target.flatten)
    font["name"].setName(target.note, 10, 3, 1, 0x409)     # description
    path = FONT_DIR / target.file
    path.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(path))
    print(f"wrote {path}: {len(chars)} characters, {path.stat().st_size / 1e6:.2f} MB, "
          f"{time.perf_counter() - start:.1f} s")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", nargs="?", choices=("song", "fang", "all"), default="all")
    parser.add_argument("--noto", type=Path, default=NOTO_SOURCE, help="NotoSerifCJK-Regular.ttc")
    parser.add_argument("--fandol", type=Path, default=Path(FANDOL_DEB),
                        help=f"{FANDOL_DEB} or FandolFang-Regular.otf")
    args = parser.parse_args()
    if args.which in ("song", "all"):
        make(noto_sc_face(args.noto), gb2312_characters(), SONG)
    if args.which in ("fang", "all"):
        make(fandol_fang_face(args.fandol), gb2312_characters() | set(FANG_EXTRA), FANG)


if __name__ == "__main__":
    main()
