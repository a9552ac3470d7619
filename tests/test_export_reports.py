"""附件8 and 附件9 report books: cover typography, a real TOC field, tables, steps in order."""
from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.enum.text import WD_TAB_LEADER
from docx.shared import Pt
from pypdf import PdfReader

from exporters import group_report, team_report
from exporters.docx_writer import write_docx
from exporters.pdf_writer import write_pdf
from forms.campaign import load_campaign
from forms.project import Project
from tests.docx_helpers import table_texts

PROFILE = load_campaign(2024)


def export(project: Project, tmp_path: Path, kind: str = "group", index: int = 0) -> Path:
    module = group_report if kind == "group" else team_report
    path = tmp_path / f"{kind}{index}.docx"
    write_docx(module.build(project, index, PROFILE), path)
    return path


def headings(path: Path) -> list[tuple[int, str]]:
    return [(int(p.style.name.split()[-1]), p.text) for p in open_docx(str(path)).paragraphs
            if p.style.name.startswith("Heading")]


@pytest.mark.parametrize("index, expected", [
    (0, ["选择课题", "现状调查", "设定目标", "原因分析", "确定主要原因", "制定对策", "对策实施", "效果检查",
         "制定巩固措施", "总结和下一步打算"]),
    (2, ["选择课题", "设定目标", "目标可行性论证", "原因分析", "确定主要原因", "制定对策", "对策实施", "效果检查",
         "制定巩固措施", "总结和下一步打算"]),
    (1, ["选择课题", "设定目标及目标可行性论证", "提出方案并确定最佳方案", "制定对策", "对策实施", "效果检查",
         "标准化", "总结和下一步打算"]),
], ids=["问题解决型-自定目标", "问题解决型-指令性目标", "创新型"])
def test_the_three_group_report_variants(sample: Project, tmp_path: Path, index: int, expected: list[str]) -> None:
    found = headings(export(sample, tmp_path, index=index))
    assert found[:2] == [(1, "一、小组概况"), (1, "二、小组成员情况")]
    assert [text.split("、", 1)[1] for _, text in found[2:]] == expected
    assert found[2][1] == "三、选择课题"


def test_step_text_follows_its_heading(sample: Project, tmp_path: Path) -> None:
    texts = [p.text for p in open_docx(str(export(sample, tmp_path))).paragraphs]
    at = len(texts) - 1 - texts[::-1].index("九、对策实施")   # the heading, not its line in 目录
    assert texts[at + 1].startswith("实施一：利用7月小修更换泄漏热管7根")


def test_cover_typography(sample: Project, tmp_path: Path) -> None:
    doc = open_docx(str(export(sample, tmp_path)))
    by_text = {p.text: p for p in doc.paragraphs if p.text}
    title = by_text["降低常减压装置加热炉排烟温度"].runs[0]
    assert title.font.size == Pt(22) and title.font.name == "Times New Roman"
    assert title._r.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"
    for line in ("节能先锋QC小组", "发 表 人：王海燕", "江海石油化工股份有限公司", "2024年4月8日"):
        run = by_text[line].runs[0]
        assert run.font.size == Pt(15) and run._r.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    # The blank lines above and below the title are 小三 as in the PDF, not the style's 小四: Word
    # sizes an empty line by its paragraph mark.
    paragraphs = doc.paragraphs
    before_title = paragraphs[:next(i for i, p in enumerate(paragraphs) if p.text)]
    assert len(before_title) == 7
    assert {p._p.pPr.find(qn("w:rPr")).find(qn("w:sz")).get(qn("w:val")) for p in before_title} == {"30"}


def test_headings_hei_body_song_single_spacing_a4(sample: Project, tmp_path: Path) -> None:
    doc = open_docx(str(export(sample, tmp_path)))
    h1 = doc.styles["Heading 1"]
    assert h1.font.size == Pt(12) and h1.element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    body = next(p for p in doc.paragraphs if p.text.startswith("常减压车间加热炉F-101"))
    assert body.runs[0].font.size == Pt(12)
    assert body.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"
    assert body.paragraph_format.line_spacing == 1.0
    section = doc.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7


def test_contents_is_a_word_field_with_the_headings_visible(sample: Project, tmp_path: Path) -> None:
    doc = open_docx(str(export(sample, tmp_path)))
    instructions = [el.text for el in doc.element.body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith("TOC") for i in instructions)
    texts = [p.text for p in doc.paragraphs]
    contents = texts.index("目  录")
    assert [t.split("\t")[0] for t in texts[contents + 1:contents + 4]] == ["一、小组概况", "二、小组成员情况", "三、选择课题"]


def docx_contents(path: Path) -> list[tuple[str, int]]:
    """(heading, page) of each entry of the docx 目录: the paragraphs styled toc 1/toc 2."""
    doc = open_docx(str(path))
    entries = []
    for p in doc.paragraphs:
        if p.style.name.lower().startswith("toc"):
            text, page = p.text.split("\t")
            entries.append((text, int(page)))
            assert p.paragraph_format.tab_stops[0].leader == WD_TAB_LEADER.DOTS
    return entries


def pdf_heading_pages(path: Path) -> list[tuple[str, int]]:
    """(heading, page) of each bookmark of the PDF: the page the heading is really set on."""
    reader = PdfReader(str(path))
    found = []
    for item in reader.outline:
        for entry in item if isinstance(item, list) else [item]:
            found.append((entry.title, reader.get_destination_page_number(entry) + 1))
    return found


@pytest.mark.parametrize("kind, index", [("group", 0), ("group", 1), ("team", 0)])
def test_word_contents_show_the_pdf_page_numbers(sample: Project, tmp_path: Path, kind: str, index: int) -> None:
    # Long steps push the later headings onto later pages.
    report = (sample.group_achievements if kind == "group" else sample.team_achievements)[index].report
    for section in report.sections[::2]:
        section.text = (section.text + "\n") * 10
    module = group_report if kind == "group" else team_report
    layout = module.build(sample, index, PROFILE)
    write_docx(layout, tmp_path / "r.docx")
    write_pdf(layout, tmp_path / "r.pdf")
    in_word = docx_contents(tmp_path / "r.docx")
    in_pdf = pdf_heading_pages(tmp_path / "r.pdf")
    assert [t for t, _ in in_word] == [t for t, _ in in_pdf]
    assert in_word == in_pdf
    assert len({page for _, page in in_word}) >= 3
    pages = PdfReader(str(tmp_path / "r.pdf")).pages
    for text, page in in_word:   # the heading is on that page of the PDF
        assert text in pages[page - 1].extract_text().replace(" ", "")


def test_word_footer_numbers_pages_as_the_pdf_does(sample: Project, tmp_path: Path) -> None:
    doc = open_docx(str(export(sample, tmp_path)))
    section = doc.sections[0]
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
    assert any(i.text.strip() == "PAGE" for i in footer._p.iter(qn("w:instrText")))
    assert section.different_first_page_header_footer   # no number on the cover, as in the PDF


def test_overview_and_member_tables(sample: Project, tmp_path: Path) -> None:
    path = export(sample, tmp_path)
    overview = table_texts(path, 0)
    assert overview[0] == ["小组名称", "节能先锋QC小组", "注册编号", "SHQC2023-0158"]
    assert overview[2] == ["课题类型", "问题解决型", "活动时间", "2023年5月8日—2023年11月20日"]
    assert overview[3] == ["小组人数", "8", "当年活动次数", "14"]
    members = table_texts(path, 1)
    assert members[0] == ["序号", "姓名", "年龄", "文化程度", "职务、职称", "组内分工", "备注"]
    assert members[3][:3] == ["3", "阿依古丽·买买提", "32"]
    assert len(members) == 9


def test_team_report_phases_and_steps(sample: Project, tmp_path: Path) -> None:
    path = export(sample, tmp_path, "team")
    found = headings(path)
    assert found[:3] == [(1, "一、班组概况"), (1, "二、班组成员情况"), (1, "三、需求确定")]
    level1 = [t for level, t in found if level == 1]
    assert level1[2:] == ["三、需求确定", "四、建设策划", "五、建设过程", "六、建设成效"]
    level2 = [t.split("）", 1)[1] for level, t in found if level == 2]
    assert level2 == list(PROFILE.steps.team)
    assert table_texts(path, 0)[0] == ["序号", "姓名", "年龄", "文化程度", "职务、职称", "岗位职责", "备注"]
    texts = [p.text for p in open_docx(str(path)).paragraphs]
    assert any(t.startswith("班组文化和愿景：班组文化") for t in texts)


def test_draft_report_marks_every_page_header(sample: Project, tmp_path: Path) -> None:
    path = tmp_path / "d.docx"
    write_docx(group_report.build(sample, 0, PROFILE, draft=True), path)
    section = open_docx(str(path)).sections[0]
    assert "草稿" in section.header.paragraphs[0].text
    assert "草稿" in section.first_page_header.paragraphs[0].text


def test_a_figure_its_caption_and_its_notes_share_a_page(sample: Project, tmp_path: Path) -> None:
    """The sample's first report puts 图3's caption at the foot of a page: its 制图人 line follows it."""
    write_pdf(group_report.build(sample, 0, PROFILE), tmp_path / "r.pdf")
    pages = [page.extract_text() for page in PdfReader(tmp_path / "r.pdf").pages]
    for number, text in enumerate(pages):
        for line_no, line in enumerate(lines := [line.strip() for line in text.splitlines()]):
            if line.startswith("图") and line[1:2].isdigit():
                rest = lines[line_no + 1:]
                assert rest, f"{line} ends page {number + 1}; its notes are on the next"
