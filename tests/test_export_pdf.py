"""PDFs: fonts embedded and subset, every character drawn and extractable, 草稿 on every page."""
from __future__ import annotations

import itertools
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from exporters import group_form, group_report, reviewers_form, statistics_form, team_report
from exporters.fonts import font_runs, fonts_for
from exporters.pdf_writer import write_pdf
from forms.campaign import load_campaign
from forms.project import Project

PROFILE = load_campaign(2024)


def pdf_of(layout, tmp_path: Path, name: str = "f.pdf") -> Path:
    path = tmp_path / name
    write_pdf(layout, path)
    return path


def text_of(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(str(path)).pages)


def fonts_of(path: Path) -> dict[str, bool]:
    """Font name → embedded (has a FontFile2 stream), over every page."""
    found: dict[str, bool] = {}
    for page in PdfReader(str(path)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = bool(descriptor and descriptor.get_object().get("/FontFile2"))
            found[str(font["/BaseFont"])] = embedded
    return found


def test_every_font_is_embedded_and_subset(sample: Project, tmp_path: Path) -> None:
    fonts = fonts_of(pdf_of(group_form.build(sample, 0, PROFILE), tmp_path))
    assert fonts and all(fonts.values())
    assert all("+" in name for name in fonts)     # subset prefix, e.g. AAAAAA+WenQuanYiMicroHei


def test_special_characters_are_drawn_and_extractable(sample: Project, tmp_path: Path) -> None:
    report = sample.group_achievements[0].report
    report.sections[1].text += "温度±2℃，流量≤5m³/h，负责人阿依古丽·买买提。"
    text = text_of(pdf_of(group_report.build(sample, 0, PROFILE), tmp_path))
    for expected in ("±2℃", "≤5m³/h", "阿依古丽·买买提", "168℃", "CO₂"):
        assert expected in text.replace("\n", "")


@pytest.mark.parametrize("role", ["song", "hei", "fang"])
@pytest.mark.parametrize("ch", list("℃m³±≤·☑□0123456789阿"))
def test_each_character_gets_a_font_that_has_it(ch: str, role: str) -> None:
    (name, chunk), = font_runs(ch, role)
    assert chunk == ch
    font = next(f for f in fonts_for(role) if f.name == name)
    assert font.has(ch)
    # ℃ is mapped to an empty glyph in WenQuanYi (the 黑体 face); it must come from a font that draws it.
    if ch == "℃":
        assert name != "QCD-Hei"


def test_roles_are_set_in_their_own_faces() -> None:
    assert [font_runs("宋体", role)[0][0] for role in ("song", "fang", "kai", "hei")] == \
        ["QCD-Song", "QCD-Fang", "QCD-Kai", "QCD-Hei"]
    # Latin letters and digits beside 宋体/仿宋 in a Times New Roman-like face, as Word sets them;
    # quotation marks stay full-width from the Chinese face.
    assert font_runs("QC小组“2024”", "song") == [("QCD-Serif", "QC"), ("QCD-Song", "小组“"), ("QCD-Serif", "2024"),
                                                ("QCD-Song", "”")]


def test_fangsong_face_draws_every_character_of_gb2312() -> None:
    """Every 汉字 and symbol of GB 2312 (bar U+2015, which — stands for) and — · – in FandolFang."""
    fang = next(f for f in fonts_for("fang") if f.name == "QCD-Fang")
    gb2312 = set()
    for row, cell in itertools.product((*range(0xA1, 0xAA), *range(0xB0, 0xF8)), range(0xA1, 0xFF)):
        try:
            gb2312.add(bytes([row, cell]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
    assert len(gb2312) == 7445
    assert [c for c in sorted(gb2312 | set("—·–")) if not fang.has(c)] == ["―"]


def test_report_cover_is_set_in_fangsong(sample: Project, tmp_path: Path) -> None:
    """附件8/9: the cover lines under 成果名称 are 仿宋 — an embedded FandolFang subset off Windows."""
    path = pdf_of(group_report.build(sample, 0, PROFILE), tmp_path)
    cover = PdfReader(str(path)).pages[0]
    fonts = {str(f.get_object()["/BaseFont"]): f.get_object() for f in cover["/Resources"]["/Font"].values()}
    fang = [name for name in fonts if name.endswith("+FandolFang-Regular")]
    assert fang and fonts[fang[0]]["/FontDescriptor"].get_object().get("/FontFile2")
    lines = [line.strip() for line in cover.extract_text().split("\n")]
    assert f"发 表 人：{sample.group_achievements[0].report.presenter}" in lines


def test_statistics_pdf_rates_and_ticks(sample: Project, tmp_path: Path) -> None:
    text = "".join(text_of(pdf_of(statistics_form.build(sample, PROFILE), tmp_path)).split())
    assert "16.50%" in text and "66.13%" in text
    assert "发表评审☑现场评审☑与QC小组合并开□单独举办□" in text


def test_reviewers_pdf_is_landscape(sample: Project, tmp_path: Path) -> None:
    page = PdfReader(str(pdf_of(reviewers_form.build(sample, PROFILE), tmp_path))).pages[0]
    assert page.mediabox.width > page.mediabox.height


def test_draft_mark_on_every_page(sample: Project, tmp_path: Path) -> None:
    reader = PdfReader(str(pdf_of(team_report.build(sample, 0, PROFILE, draft=True), tmp_path)))
    assert len(reader.pages) >= 3
    assert all("草稿" in page.extract_text() for page in reader.pages)
    final = PdfReader(str(pdf_of(team_report.build(sample, 0, PROFILE), tmp_path, "final.pdf")))
    assert not any("草稿" in page.extract_text() for page in final.pages)


def test_report_pdf_has_contents_with_page_numbers(sample: Project, tmp_path: Path) -> None:
    reader = PdfReader(str(pdf_of(group_report.build(sample, 1, PROFILE), tmp_path)))
    contents = reader.pages[1].extract_text()
    assert "目" in contents and "提出方案并确定最佳方案" in contents
    assert reader.outline  # headings are bookmarks too


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_rendered_page_is_not_blank(sample: Project, tmp_path: Path) -> None:
    from PIL import Image
    pdf = pdf_of(group_form.build(sample, 0, PROFILE), tmp_path)
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True)
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    histogram = image.histogram()          # 256 counts of grey levels
    dark = sum(histogram[:128])
    assert dark > image.width * image.height * 0.01   # text and table lines, not a white page


def test_no_line_starts_with_chinese_punctuation() -> None:
    from exporters.layout import para
    from exporters.pdf_writer import _paragraph
    text = "经目标可行性论证、原因分析和要因确认，实施了冷却水流量控制优化、烧嘴头部材质升级等对策，" * 6
    for width in range(200, 480, 7):
        flowable = _paragraph(para(text, size=10.5))
        flowable.wrap(width, 10_000)
        starts = []
        for line in flowable.blPara.lines:
            words = line[1] if isinstance(line, tuple) else line.words
            first = words[0] if words else ""
            starts.append((first if isinstance(first, str) else first.text)[:1])
        assert "，" not in starts and "、" not in starts, width


def test_font_runs_of_a_megabyte_of_text() -> None:
    unit = "质量管理小组QC活动温度168℃☑□ ABC𠀾，"
    text = unit * (1_000_000 // len(unit))
    runs = font_runs(text, "song")
    chain = fonts_for("song")
    # The reference: each character's first font that has it (the first font when none has), grouped.
    first_with = {ch: next((f.name for f in chain if f.has(ch)), chain[0].name) for ch in set(unit)}
    expected = [(name, "".join(group)) for name, group in
                itertools.groupby(text, key=lambda ch: first_with[ch])]
    assert runs == expected
    assert "".join(chunk for _, chunk in runs) == text
    assert len({name for name, _ in runs}) >= 2
