"""Parsed fonts kept on disk: a font read back from the cache writes the same PDF as a parsed one."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from exporters import font_cache
from exporters.fonts import FONT_DIR, LATIN, SONG

TEXT = "Quality 质量管理小组 2024 ℃ “引号”"


def _parse(name: str, path: Path) -> tuple[TTFont, frozenset[int]]:
    font = TTFont(name, str(path))
    return font, frozenset(font.face.charToGlyph)


def _pdf(font: TTFont) -> bytes:
    pdfmetrics.registerFont(font)
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    canvas.setFont(font.fontName, 14)
    canvas.drawString(72, 720, TEXT)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


@pytest.mark.parametrize("spec", [LATIN, SONG], ids=["latin", "song"])
def test_a_cached_font_writes_the_same_pdf(spec: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QCDESK_CACHE_DIR", str(tmp_path))
    path = FONT_DIR / spec.file   # type: ignore[attr-defined]
    name = f"T-{spec.name}"        # type: ignore[attr-defined]
    parsed, parsed_chars = font_cache.load(name, path, 0, lambda: _parse(name, path))
    assert len(list((tmp_path / "fonts").iterdir())) == 1

    def not_again() -> tuple[TTFont, frozenset[int]]:
        raise AssertionError("parsed although cached")

    cached, cached_chars = font_cache.load(name, path, 0, not_again)
    assert cached is not parsed and cached_chars == parsed_chars
    assert cached.face.charWidths == parsed.face.charWidths
    assert _pdf(cached) == _pdf(parsed)


def test_a_damaged_cache_entry_means_parsing_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QCDESK_CACHE_DIR", str(tmp_path))
    path = FONT_DIR / LATIN.file
    font_cache.load("T-damaged", path, 0, lambda: _parse("T-damaged", path))
    (entry,) = (tmp_path / "fonts").iterdir()
    for damage in (entry.read_bytes()[:1000], b"", b"\x00garbage"):
        entry.write_bytes(damage)
        parsed: list[int] = []

        def parse() -> tuple[TTFont, frozenset[int]]:
            parsed.append(1)
            return _parse("T-damaged", path)

        font, chars = font_cache.load("T-damaged", path, 0, parse)
        assert parsed == [1] and ord("Q") in chars
        assert _pdf(font).startswith(b"%PDF")


def test_a_folder_that_cannot_be_written_only_means_parsing(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("QCDESK_CACHE_DIR", str(blocker))
    path = FONT_DIR / LATIN.file
    font, chars = font_cache.load("T-unwritable", path, 0, lambda: _parse("T-unwritable", path))
    assert ord("Q") in chars and _pdf(font).startswith(b"%PDF")


def test_a_changed_font_file_is_parsed_again_and_replaces_its_entry(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QCDESK_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "font.ttf"
    path.write_bytes((FONT_DIR / LATIN.file).read_bytes())
    font_cache.load("T-changing", path, 0, lambda: _parse("T-changing", path))
    (first,) = (tmp_path / "cache" / "fonts").iterdir()
    path.write_bytes((FONT_DIR / SONG.file).read_bytes())     # another face under the same name
    font, chars = font_cache.load("T-changing", path, 0, lambda: _parse("T-changing", path))
    (second,) = (tmp_path / "cache" / "fonts").iterdir()
    assert second != first and ord("质") in chars
