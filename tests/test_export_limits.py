"""check ⇔ export: what the check approves, a final export writes. Long cells flow across pages,
long titles and huge numbers do not crash the writers, and what no document can hold is a finding."""
from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document as read_docx
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from exporters import reviewers_form, statistics_form
from exporters.bundle import export_bundle
from exporters.docx_writer import write_docx
from exporters.filenames import NameRegistry, safe_file_name, safe_name
from exporters.form_parts import number
from exporters.pdf_writer import write_pdf
from forms.campaign import load_campaign
from forms.project import Project
from forms.rules import check_project


def _slim(data: dict) -> dict:
    """The sample with one group achievement and no teams (few documents). Its files stay listed,
    as the notice requires them, but without a project folder none is found or copied."""
    data["group_achievements"] = data["group_achievements"][:1]
    data["team_achievements"] = []
    return data


def _errors(project: Project) -> list[str]:
    return [f.message for f in check_project(project) if f.is_error]


def _pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(str(path)).pages)


# ---- cells taller than a page ------------------------------------------------------------------

@pytest.mark.parametrize(("where", "text"), [
    (("statistics", "remarks"), "\n".join(f"第{i}条意见" for i in range(1000))),
    (("group_achievements", 0, "summary"), "\n".join(f"简介第{i}段" for i in range(1400 // 5))),
    (("reviewers", 0, "experience"), "\n".join(["经历"] * 140)),   # 280 字 on 140 lines
])
def test_a_cell_taller_than_a_page_exports(sample_data: dict, tmp_path: Path, where: tuple, text: str) -> None:
    data = _slim(sample_data)
    node = data
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = text
    project = Project.model_validate(data)
    assert _errors(project) == []
    result = export_bundle(project, tmp_path / "out")
    pdfs = [f.path for f in result.files if f.path.endswith(".pdf")]
    form = {"statistics": "附件6", "group_achievements": "附件2", "reviewers": "附件7"}[where[0]]
    pdf = tmp_path / "out" / next(p for p in pdfs if form in p)
    shown = _pdf_text(pdf).replace("\n", "")
    last = text.split("\n")[-1]
    assert last in shown and text.split("\n")[0] in shown
    assert len(PdfReader(str(pdf)).pages) >= 2


def test_a_split_cell_keeps_every_line_in_order(sample: Project, tmp_path: Path) -> None:
    assert sample.statistics is not None
    sample.statistics.remarks = "\n".join(f"第{i}条" for i in range(300))
    path = tmp_path / "s.pdf"
    write_pdf(statistics_form.build(sample, load_campaign(2024)), path)
    reader = PdfReader(str(path))
    pages = [p.extract_text() for p in reader.pages]
    assert len(pages) >= 3
    found = [int(t.split("条")[0]) for page in pages for t in page.split("第")[1:] if t.split("条")[0].isdigit()]
    assert found == list(range(300))
    assert all("统计项目" in page for page in pages)     # the header row repeats on every page


def test_a_long_reviewer_row_in_word_and_pdf(sample: Project, tmp_path: Path) -> None:
    sample.reviewers[0].experience = "\n".join("甲乙" for _ in range(150))
    layout = reviewers_form.build(sample, load_campaign(2024))
    write_pdf(layout, tmp_path / "r.pdf")
    write_docx(layout, tmp_path / "r.docx")
    assert _pdf_text(tmp_path / "r.pdf").count("甲乙") == 150
    assert read_docx(str(tmp_path / "r.docx")).tables[0].rows[1].cells[7].text.count("甲乙") == 150


def test_tall_rows_beside_merged_cells(tmp_path: Path) -> None:
    from exporters.layout import Cell, Document, Row, Table, para

    def cell(text: str, **kwargs: int) -> Cell:
        return Cell([para(text)], **kwargs)  # type: ignore[arg-type]

    rows = [Row([cell("表头A"), cell("表头B"), cell("表头C")], header=True),
            Row([cell("跨两行", rowspan=2), cell("一"), cell("二")]),
            Row([cell("三"), cell("四")]),
            Row([cell("左"), Cell([para(f"第{i}行") for i in range(120)], colspan=2)])]
    write_pdf(Document([Table([4, 4, 4], rows)]), tmp_path / "t.pdf")
    pages = [p.extract_text() for p in PdfReader(str(tmp_path / "t.pdf")).pages]
    assert len(pages) >= 2 and all("表头A" in page for page in pages)
    text = "".join(pages)
    assert "跨两行" in text and all(f"第{i}行" in text for i in range(120))


# ---- titles and numbers -------------------------------------------------------------------------

def test_a_very_long_title_exports(sample_data: dict, tmp_path: Path) -> None:
    title = "提高" + "成" * 300 + "合格率"
    sample_data = _slim(sample_data)
    sample_data["group_achievements"][0]["title"] = title
    project = Project.model_validate(sample_data)
    assert _errors(project) == []
    result = export_bundle(project, tmp_path / "out")
    form = tmp_path / "out" / next(f.path for f in result.files if "附件2" in f.path and f.path.endswith(".docx"))
    doc = read_docx(str(form))
    assert len(doc.core_properties.title) == 255 and doc.core_properties.title.endswith("…")
    assert doc.tables[0].rows[0].cells[1].text == title        # the form itself shows it whole


@pytest.mark.parametrize(("key", "value"), [
    ("qc_economic_benefit", "9" * 16), ("qc_funding", "1E+15"), ("employees", 10 ** 15),
])
def test_a_huge_statistics_number_is_an_error_at_its_field_and_a_draft_exports(
        sample_data: dict, tmp_path: Path, key: str, value: object) -> None:
    data = _slim(sample_data)
    data["statistics"][key] = value
    project = Project.model_validate(data)
    findings = [f for f in check_project(project) if f.is_error]
    assert [(f.form, f.field) for f in findings] == [("附件6", key)]
    assert findings[0].detail == "数值过大（超过15位整数），表格中无法正常显示，请核对后改正。"
    result = export_bundle(project, tmp_path / "out", draft=True)
    assert result.draft and any(f.path.startswith("附件6") for f in result.files)


@pytest.mark.parametrize("value", ["9" * 60, "1E+2000", 10 ** 30])
def test_an_absurd_number_is_refused_when_the_file_is_read(sample_data: dict, value: object) -> None:
    from forms.project_file import ProjectFileError, project_from_data
    data = _slim(sample_data)
    data["statistics"]["qc_funding"] = value
    with pytest.raises(ProjectFileError) as caught:
        project_from_data(data)
    assert "数值超出可接受的范围" in str(caught.value) and "经费投入" in str(caught.value)


def test_a_huge_benefit_in_a_group_form(sample_data: dict, tmp_path: Path) -> None:
    data = _slim(sample_data)
    data["group_achievements"][0]["economic_benefit"] = "9" * 16
    project = Project.model_validate(data)
    findings = [f for f in check_project(project) if f.is_error]
    assert [(f.form, f.field, f.label) for f in findings] == [("附件2", "economic_benefit", "经济效益（万元）")]
    export_bundle(project, tmp_path / "out", draft=True)


def test_numbers_never_overflow_their_text() -> None:
    assert number(Decimal("2156.40")) == "2156.40" and number(62) == "62" and number(None) == ""
    assert number(Decimal("1E+2000")) == "1E+2000"
    assert number(10 ** 5000).startswith("1.00000000000000E+5000")    # str() of it would raise
    assert number(Decimal("0E-1000")) == "0" and number(Decimal("1E-900")) == "1E-900"
    assert number(Decimal("123456789012345")) == "123456789012345"


def test_text_longer_than_an_excel_cell_is_an_error(sample_data: dict) -> None:
    data = _slim(sample_data)
    data["group_achievements"][0]["enterprise"] = "企" * 40_000
    data["declarant"]["name"] = "单" * 33_000
    findings = [f for f in check_project(Project.model_validate(data)) if f.is_error and "Excel" in f.detail]
    assert [(f.form, f.field) for f in findings] == [("附件2", "enterprise"), ("附件4", "name")]
    assert findings[0].detail == "共40000字，超过 Excel 单元格能容纳的32767字，汇总表中放不下，请精简。"


def test_text_no_document_could_hold_is_an_error(sample_data: dict) -> None:
    data = _slim(sample_data)
    data["statistics"]["remarks"] = "意见\n" * 40_000
    data["group_achievements"][0]["report"]["sections"][1]["text"] = "现" * 100_001
    step = data["group_achievements"][0]["report"]["sections"][1]["step"]
    findings = [f for f in check_project(Project.model_validate(data)) if f.is_error]
    assert [(f.form, f.path[-1], f.detail) for f in findings] == [
        ("附件8", "text", "共100001字，超过10万字，文档无法正常生成，请精简。"),
        ("附件6", "remarks", "共120000字，超过10万字，文档无法正常生成，请精简。"),
    ]
    assert findings[0].path[:5] == ("group_achievements", 0, "report", "sections", step)


# ---- the property: check without errors ⇒ a final export succeeds ------------------------------

HOSTILE = st.lists(st.sampled_from(
    list("质量小组成果，。；：“”（）\n\t \u202e\u200f\u2066\x0b\x0c\x00\x07Aa1.-=/\\:*?<>|😀\ud7ff\ufeff")
    + ["\n\n", "第一段" * 40, "\n" * 30, "9" * 50]), max_size=200).map("".join)
# Up to the loader's bound (below 10¹⁶): larger values are refused when the file is read.
COUNTS = st.one_of(st.none(), st.integers(min_value=0, max_value=10 ** 16 - 1))
MONEY = st.one_of(COUNTS, st.decimals(min_value=0, max_value=Decimal("9999999999999999.99"), places=2,
                                      allow_nan=False, allow_infinity=False))
TEXT_FIELDS = [
    ("statistics", "remarks"), ("group_achievements", 0, "summary"), ("group_achievements", 0, "title"),
    ("group_achievements", 0, "group_name"), ("group_achievements", 0, "enterprise"),
    ("reviewers", 0, "experience"), ("reviewers", 0, "work_unit"), ("declarant", "name"),
    ("group_achievements", 0, "report", "sections", 0, "text"),
]
NUMBERS = st.one_of(
    st.tuples(st.sampled_from([("statistics", "qc_funding"), ("group_achievements", 0, "economic_benefit")]), MONEY),
    st.tuples(st.sampled_from([("statistics", "employees"), ("group_achievements", 0, "member_count")]), COUNTS))


def _set(data: dict, where: tuple, value: object) -> None:
    for key in where[:-1]:
        data = data[key]
    data[where[-1]] = value


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@example(texts=[(("statistics", "remarks"), "意见\n" * 1000)], numbers=[])      # the crashes of before
@example(texts=[(("group_achievements", 0, "title"), "成" * 240)], numbers=[(("statistics", "qc_funding"), "9" * 16)])
@given(texts=st.lists(st.tuples(st.sampled_from(TEXT_FIELDS), HOSTILE), max_size=4),
       numbers=st.lists(NUMBERS, max_size=2))
def test_what_check_approves_a_final_export_writes(sample_data: dict, tmp_path_factory: pytest.TempPathFactory,
                                                   texts: list, numbers: list) -> None:
    data = _slim(copy.deepcopy(sample_data))
    for where, value in texts + numbers:
        _set(data, where, value if not isinstance(value, Decimal) else str(value))
    project = Project.model_validate(json.loads(json.dumps(data)))
    out = tmp_path_factory.mktemp("prop") / "out"
    draft = bool(_errors(project))
    result = export_bundle(project, out, draft=draft)       # must not raise either way
    assert (out / "manifest.json").is_file() and result.files


# ---- file names --------------------------------------------------------------------------------

@pytest.mark.parametrize("device", ["CON", "nul", "COM1", "COM¹", "com²", "LPT³", "LPT1", "COM0",
                                    "CONIN$", "conout$", "CLOCK$", "AUX .txt", "PRN.docx"])
def test_windows_device_names_are_escaped(device: str) -> None:
    assert safe_name(device).startswith("_") and safe_file_name(device + ".pdf").startswith("_")


def test_direction_controls_and_trailing_dots_go() -> None:
    assert safe_file_name("记录\u202efdp.exe") == "记录fdp.exe"
    assert safe_name("a\u200eb\u200fc\u2066d\u2067e\u2068f\u2069") == "abcdef"
    assert safe_name("报告. . ") == "报告" and safe_name("CONSOLE") == "CONSOLE"
    assert safe_file_name("名单 .  .xlsx") == "名单.xlsx"


def test_names_stay_unique_after_cleaning() -> None:
    names = NameRegistry()
    first = names.claim("附件", safe_file_name("记录\u202e.pdf"))
    second = names.claim("附件", safe_file_name("记录.pdf"))
    third = names.claim("附件", safe_file_name("记录\u200e.PDF"))
    assert [first, second, third] == ["附件/记录.pdf", "附件/记录(2).pdf", "附件/记录(3).PDF"]
