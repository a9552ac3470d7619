"""Report content blocks in the exported 附件8/附件9: tables, 排列图, charts, photos, captions.

The files are read back as a reviewer would: Word tables cell by cell, the pictures inside the
.docx, the PDF's text and images.
"""
from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document as open_docx
from PIL import Image, ImageStat
from pypdf import PdfReader

from exporters import group_report, team_report
from exporters.docx_writer import write_docx
from exporters.pdf_writer import write_pdf
from exporters.report_blocks import CAUSE_CHECK_HEADERS, COUNTERMEASURE_HEADERS, fit_widths
from forms.campaign import load_campaign
from forms.project import Project
from forms.rules import check_project
from forms.sample import write_sample

PROFILE = load_campaign(2024)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample's 附件8 (first group) and 附件9 as docx and PDF, with its photos beside it."""
    folder = tmp_path_factory.mktemp("blocks")
    project = write_sample(folder / "示例.qcproj")
    files = {}
    for name, module in (("group", group_report), ("team", team_report)):
        layout = module.build(project, 0, PROFILE, base_dir=folder)
        files[f"{name}.docx"] = folder / f"{name}.docx"
        files[f"{name}.pdf"] = folder / f"{name}.pdf"
        write_docx(layout, files[f"{name}.docx"])
        write_pdf(layout, files[f"{name}.pdf"])
    return files


def _tables(path: Path) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in t.rows] for t in open_docx(str(path)).tables]


def _table_with_header(path: Path, first: str) -> list[list[str]]:
    return next(t for t in _tables(path) if t[0][0] == first)


def _captions(path: Path) -> list[str]:
    return [p.text for p in open_docx(str(path)).paragraphs if re.match(r"^[图表]\d+ ", p.text)]


def test_qc_tables_hold_the_data_in_order_with_tcaq_headers(exported: dict[str, Path], sample: Project) -> None:
    docx = exported["group.docx"]
    blocks = {b.type: b for s in sample.group_achievements[0].report.sections for b in s.blocks}
    check = _table_with_header(docx, "末端因素")
    assert check[0] == CAUSE_CHECK_HEADERS
    assert [row[0] for row in check[1:]] == [r.cause for r in blocks["cause_check"].rows]
    assert check[2] == ["预热器热管泄漏", "热管泄漏率及对出口温度的影响", "停炉抽检36根热管", "泄漏率≤5%",
                        "泄漏7根，泄漏率19.4%", "阿依古丽·买买提", "2023年6月14日", "是"]
    measures = _table_with_header(docx, "要因")
    assert measures[0] == COUNTERMEASURE_HEADERS
    assert [row[0] for row in measures[1:]] == ["预热器热管泄漏", "吹灰器投用频次不足", "氧含量分析仪偏差"]
    assert measures[2][5] == "张伟" and measures[2][6] == "2023年6月30日"
    free = _table_with_header(docx, "月份")
    assert free[1] == ["1月", "744", "166", "178", "71", "89.8"] and free[-1][0] == "合计/平均"


def test_benefit_table_prints_its_total(exported: dict[str, Path], sample: Project) -> None:
    benefit = _table_with_header(exported["group.docx"], "项目")   # the first 项目 table is the 排列图's
    tables = [t for t in _tables(exported["group.docx"]) if t[0] == ["项目", "金额（万元）", "计算依据"]]
    assert len(tables) == 1 and benefit[0][1] == "频数"
    rows = tables[0]
    assert [r[:2] for r in rows[1:]] == [["节约燃料气", "379.24"], ["热管更换及壁温测点改造费用", "-38.30"],
                                         ["氧含量分析仪探头更换费用", "-3.20"], ["合计", "337.74"]]
    assert Decimal(rows[-1][1]) == sample.group_achievements[0].economic_benefit


def test_pareto_table_sorted_with_other_last_and_cumulative_percentages(exported: dict[str, Path]) -> None:
    tables = [t for t in _tables(exported["group.docx"]) if t[0] == ["项目", "频数", "频率（%）", "累计频率（%）"]]
    assert len(tables) == 2   # 现状调查 and 效果检查
    before, after = tables
    assert before[1:] == [
        ["空气预热器出口温度偏高", "185", "62.50", "62.50"], ["炉管外壁积灰", "63", "21.28", "83.78"],
        ["过剩空气系数偏大", "29", "9.80", "93.58"], ["其他", "19", "6.42", "100.00"], ["合计", "296", "100.00", ""]]
    # After the activity 其他 (4) is still last although 炉管外壁积灰 (11) is no longer second.
    assert [r[0] for r in after[1:]] == ["过剩空气系数偏大", "空气预热器出口温度偏高", "炉管外壁积灰", "其他", "合计"]
    counts = [int(r[1]) for r in after[1:-1]]
    running = 0
    for row, count in zip(after[1:-1], counts):
        running += count
        assert Decimal(row[3]) == (Decimal(running) * 100 / sum(counts)).quantize(Decimal("0.01"))


def test_header_rows_repeat_across_pages(exported: dict[str, Path]) -> None:
    document = open_docx(str(exported["group.docx"]))
    check = next(t for t in document.tables if t.rows[0].cells[0].text == "末端因素")
    header_flags = [row._tr.trPr is not None and row._tr.trPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None for row in check.rows]
    assert header_flags[0] and not any(header_flags[1:])


def test_table_widths_fit_the_text_width() -> None:
    rows = [["预热器热管泄漏", "热管泄漏率及对出口温度的影响" * 3, "停炉抽检", "≤5%", "泄漏7根" * 5, "张伟",
             "2023年6月14日", "是"]]
    widths = fit_widths(CAUSE_CHECK_HEADERS, rows, 16.0)
    assert sum(widths) == pytest.approx(16.0)
    assert widths[1] > widths[5] and widths[4] > widths[7]   # long 确认内容 wider than 负责人, 确认结果 than 是否要因
    assert min(widths) > 1.0


def test_captions_numbered_in_order_per_report(exported: dict[str, Path]) -> None:
    captions = _captions(exported["group.docx"])
    figures = [c for c in captions if c.startswith("图")]
    tables = [c for c in captions if c.startswith("表")]
    assert [int(c[1:].split()[0]) for c in figures] == list(range(1, len(figures) + 1))
    assert [int(c[1:].split()[0]) for c in tables] == list(range(1, len(tables) + 1))
    assert figures[:3] == ["图1 小组活动计划与实施进度（甘特图）", "图2 排烟温度超标原因排列图（活动前）",
                           "图3 排烟温度现状与目标对比"]
    assert "表2 排烟温度超标原因频数统计表（活动前）" in tables
    assert len(figures) == 10 and len(tables) == 7
    texts = [p.text for p in open_docx(str(exported["group.docx"])).paragraphs]
    at = texts.index("图4 排烟温度偏高因果图")
    assert texts[at + 1] == "制图人：王海燕    2023年6月7日"   # the note under its caption
    # The team report counts from 1 again.
    assert _captions(exported["team.docx"])[:2] == ["表1 班组目标和测量指标", "图1 成品定置区与目视化标识"]


def test_pictures_are_in_the_word_file_and_not_blank(exported: dict[str, Path]) -> None:
    document = open_docx(str(exported["group.docx"]))
    shapes = document.inline_shapes
    assert len(shapes) == 10
    for shape in shapes:
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        image = Image.open(io.BytesIO(document.part.related_parts[blip].blob))
        assert image.width >= 1200 or image.format == "JPEG"
        assert max(ImageStat.Stat(image.convert("L")).var) > 100   # not a blank picture
        assert 11.9 <= shape.width.cm <= 16.0


def test_pdf_holds_the_same_content(exported: dict[str, Path]) -> None:
    reader = PdfReader(str(exported["group.pdf"]))
    text = "".join(page.extract_text() for page in reader.pages)
    flat = re.sub(r"\s+", "", text)
    for expected in ("图2排烟温度超标原因排列图（活动前）", "表3要因确认表", "末端因素", "是否要因", "阿依古丽·买买提",
                     "合计337.74", "其他196.42100.00"):
        assert expected in flat
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == 10
    assert all(max(ImageStat.Stat(i.image.convert("L")).var) > 100 for i in images)


def test_text_only_steps_print_as_before(sample: Project, tmp_path: Path) -> None:
    report = sample.group_achievements[0].report
    for section in report.sections:
        section.blocks = []
    path = tmp_path / "text.docx"
    write_docx(group_report.build(sample, 0, PROFILE), path)
    document = open_docx(str(path))
    texts = [p.text for p in document.paragraphs]
    assert document.tables and len(document.tables) == 2 and not document.inline_shapes
    assert not [t for t in texts if re.match(r"^[图表]\d+ ", t)]
    start = len(texts) - 1 - texts[::-1].index("三、选择课题")
    body = texts[start:]
    expected: list[str] = []
    for number, section in zip("三四五六七八九十", report.sections):
        expected += [f"{number}、{section.step}", *[line.strip() for line in section.text.split("\n") if line.strip()]]
    assert body[:len(expected)] == expected


def test_blocks_that_cannot_print_leave_a_line_and_a_finding(sample_data: dict, tmp_path: Path) -> None:
    sections = sample_data["group_achievements"][0]["report"]["sections"]
    sections[6]["blocks"] = [
        {"type": "image", "title": "丢失的照片", "path": "示例附件/不存在.jpg"},
        {"type": "radar", "title": "雷达图", "axes": ["质量意识"]},
        {"type": "pareto", "title": "空排列图", "items": []},
    ]
    (tmp_path / "示例附件").mkdir()
    project = Project.model_validate(sample_data)
    findings = [f for f in check_project(project, base_dir=tmp_path) if f.path[:5] == (
        "group_achievements", 0, "report", "sections", "对策实施")]
    messages = {f.path[-1]: f.message for f in findings}
    assert "报告中有本版本不认识的内容类型“radar”，已原样保留但不会打印" in messages["type"]
    assert "找不到图片文件“示例附件/不存在.jpg”" in messages["path"]
    assert "排列图还没有项目和频数" in messages["items"]
    # A missing picture is an error like any missing attachment; the other two are warnings.
    assert {f.path[-1]: f.level for f in findings} == {"path": "error", "type": "warning", "items": "warning"}
    assert all(f.form == "附件8" for f in findings)
    assert sorted(findings, key=lambda f: f.path[6])[0].path == ("group_achievements", 0, "report", "sections", "对策实施", "blocks", 0, "path")
    path = tmp_path / "r.docx"
    write_docx(group_report.build(project, 0, PROFILE, base_dir=tmp_path), path)
    texts = [p.text for p in open_docx(str(path)).paragraphs]
    assert "〔图片“示例附件/不存在.jpg”找不到该文件，未能印出〕" in texts
    assert "〔排列图“空排列图”还没有项目和频数，未能印出〕" in texts
    assert not any("雷达图" in t for t in texts)


def test_a_photo_is_turned_upright_by_its_exif_orientation(tmp_path: Path) -> None:
    from exporters.pictures import PictureError, load_picture
    image = Image.new("RGB", (300, 100), "white")
    image.paste((200, 30, 30), (0, 0, 150, 100))
    exif = Image.Exif()
    exif[0x0112] = 6   # taken with the phone turned: rotate 90° clockwise to view
    image.save(tmp_path / "p.jpg", exif=exif)
    picture = load_picture(tmp_path / "p.jpg")
    assert (picture.width_px, picture.height_px) == (100, 300)
    (tmp_path / "bad.png").write_bytes(b"not a picture")
    with pytest.raises(PictureError, match="不是可识别的图片格式"):
        load_picture(tmp_path / "bad.png")


def test_the_preview_image_is_the_exported_image(exported: dict[str, Path], sample: Project) -> None:
    from exporters.charts import PRINT_WIDTH_CM, render_chart
    report = sample.group_achievements[0].report
    section = next(s for s in report.sections if s.step == "效果检查")
    bar = section.blocks[0]
    preview = render_chart(bar, goal=report.goal, step="效果检查", width_cm=PRINT_WIDTH_CM["bar"])
    document = open_docx(str(exported["group.docx"]))
    blobs = [part.blob for part in document.part.related_parts.values() if part.partname.endswith(".png")]
    assert preview in blobs
