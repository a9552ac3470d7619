"""scripts/make_fonts.py: outlines simplified within a unit, the font read from the Debian package,
and the bundled 仿宋 face as the script describes it (TrueType outlines, its licence named)."""
from __future__ import annotations

import importlib.util
import io
import lzma
import sys
import tarfile
from pathlib import Path

from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("make_fonts", ROOT / "scripts" / "make_fonts.py")
assert _spec and _spec.loader
make_fonts = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("make_fonts", make_fonts)   # dataclasses look their module up there
_spec.loader.exec_module(make_fonts)


def flattened(draw) -> list[tuple[str, tuple]]:
    out = RecordingPen()
    pen = make_fonts.FlattenPen(out, 1.0)
    draw(pen)
    return out.value


def test_a_straight_curve_becomes_a_line_and_a_real_curve_stays() -> None:
    def draw(pen) -> None:
        pen.moveTo((0, 0))
        pen.curveTo((100, 0.5), (200, -0.5), (300, 0))      # straight within a unit
        pen.curveTo((300, 100), (200, 200), (100, 200))     # a real curve
        pen.closePath()
    assert flattened(draw) == [
        ("moveTo", ((0, 0),)), ("lineTo", ((300, 0),)),
        ("curveTo", ((300, 100), (200, 200), (100, 200))), ("closePath", ()),
    ]


def test_points_on_a_straight_run_are_dropped_but_a_corner_is_kept() -> None:
    def draw(pen) -> None:
        pen.moveTo((0, 0))
        pen.lineTo((100, 0.6))
        pen.lineTo((200, -0.4))
        pen.lineTo((300, 0))        # three segments of one straight edge
        pen.lineTo((300, 300))      # a corner: kept
        pen.lineTo((0, 300))
        pen.closePath()
    assert flattened(draw) == [
        ("moveTo", ((0, 0),)), ("lineTo", ((300, 0),)), ("lineTo", ((300, 300),)),
        ("lineTo", ((0, 300),)), ("closePath", ()),
    ]


def test_a_run_is_not_merged_when_a_skipped_point_would_move_more_than_a_unit() -> None:
    def draw(pen) -> None:
        pen.moveTo((0, 0))
        pen.lineTo((100, 2))        # 2 units off the line from (0, 0) to (200, 0)
        pen.lineTo((200, 0))
        pen.endPath()
    assert flattened(draw) == [
        ("moveTo", ((0, 0),)), ("lineTo", ((100, 2),)), ("lineTo", ((200, 0),)), ("endPath", ()),
    ]


def _ar_member(name: str, data: bytes) -> bytes:
    header = f"{name:<16}{0:<12}{0:<6}{0:<6}{'100644':<8}{len(data):<10}`\n".encode()
    return header + data + (b"\n" if len(data) % 2 else b"")


def test_the_font_is_read_from_the_debian_package_without_dpkg(tmp_path: Path) -> None:
    tar_bytes = io.BytesIO()
    with tarfile.open(fileobj=tar_bytes, mode="w") as tar:
        payload = b"OTTO font bytes"
        info = tarfile.TarInfo("./" + make_fonts.FANDOL_MEMBER)
        info.size = len(payload)
        tar.addfile(info, io.BytesIO(payload))
    deb = tmp_path / "texlive-lang-chinese.deb"
    deb.write_bytes(b"!<arch>\n" + _ar_member("debian-binary", b"2.0\n")
                    + _ar_member("control.tar.xz", lzma.compress(b""))
                    + _ar_member("data.tar.xz", lzma.compress(tar_bytes.getvalue())))
    assert make_fonts._deb_member(deb, make_fonts.FANDOL_MEMBER) == b"OTTO font bytes"


def test_the_bundled_fangsong_face_is_truetype_and_names_its_licence() -> None:
    font = TTFont(ROOT / "resources" / "fonts" / make_fonts.FANG.file)
    assert "glyf" in font and "CFF " not in font
    assert font["name"].getDebugName(10) == make_fonts.FANG_NOTE
    assert "GPL" in make_fonts.FANG_NOTE and "font exception" in make_fonts.FANG_NOTE
    licence = (ROOT / "resources" / "fonts" / "LICENSE-Fandol.txt").read_text(encoding="utf-8")
    assert "GPL + GPL font exception" in licence and make_fonts.FANDOL_SHA256 in licence
    assert (ROOT / "resources" / "fonts" / "LICENSE-GPL-3.0.txt").is_file()
