"""The table of font metrics (resources/fonts/metrics.json) says what reportlab reads from the fonts.

A check knows which characters the bundled fonts draw, and the page-fit bound their widths, from
this table without opening a font file; if a font file changes or a font is added, the table must
be made again (``python -m exporters.font_metrics``), or those fonts are read from their files.
"""
from __future__ import annotations

import json
import sys

import pytest

from exporters import font_metrics, fonts


def test_the_table_has_every_bundled_font_as_reportlab_reads_it() -> None:
    table = json.loads(font_metrics.TABLE.read_text(encoding="utf-8"))["fonts"]
    for name, index in font_metrics.bundled():
        path = font_metrics.FONT_DIR / name
        entry = table.get(f"{name}#{index}")
        assert entry is not None, f"{name} 不在 metrics.json 中：请运行 python -m exporters.font_metrics"
        assert entry["fingerprint"] == font_metrics.fingerprint(path), f"{name} 已改变：请重新生成 metrics.json"
        read = font_metrics.read_font(path, index)
        stored = font_metrics.FontMetrics.from_runs(entry["runs"])
        assert stored.chars == read.chars
        assert all(stored.width(cp) == read.width(cp) for cp in read.chars)


def test_reportlab_widths_are_the_tables() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for role in ("song", "hei", "fang", "symbol"):
        fonts.primary_font(role)      # registers the role's fonts
        for font in fonts.fonts_for(role):
            m = font_metrics.metrics(font.path, font.index)
            for ch in "质量QC小组2023年℃☑□，。“”":
                if ord(ch) in font.chars:
                    # reportlab's C accelerator (rl_accel) scales in another order: equal but for the last bit
                    assert stringWidth(ch, font.name, 10.0) == pytest.approx(0.001 * 10.0 * m.width(ord(ch)), rel=1e-12)


def test_a_changed_font_file_is_read_from_the_file(tmp_path) -> None:
    source = font_metrics.FONT_DIR / fonts.LATIN.file
    copy = tmp_path / fonts.LATIN.file
    copy.write_bytes(source.read_bytes())
    # The same name in another folder is not the bundled file: read, and equal to it.
    assert font_metrics.metrics(copy, 0) == font_metrics.read_font(source, 0)


def test_checking_characters_loads_no_font_library() -> None:
    import subprocess

    code = ("from exporters.fonts import can_draw\n"
            "import sys\n"
            "assert can_draw('质') and can_draw('☑') and not can_draw('\\U000e0100')\n"
            "print('reportlab' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
