"""What only the documents can tell: page fit of the one-page forms measured on the PDF layout,
characters no font can print, and clean file properties (Word template, PDF metadata, text)."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from exporters import group_form, reviewers_form, statistics_form, team_form
from exporters.checks import check_all
from exporters.docx_writer import write_docx
from exporters.layout import Document, para
from exporters.page_fit import page_fit_findings
from exporters.pdf_writer import write_pdf
from forms.campaign import load_campaign
from forms.project import Project
from forms.rules import check_project

PROFILE = load_campaign(2024)
SENTENCE = "小组针对加热炉排烟温度高、热效率低的问题，按照PDCA循环开展活动，排烟温度由168℃降至134℃。"


def summary_of(length: int) -> str:
    """Realistic 简介 text: sentences, a paragraph break every five of them."""
    parts, total, count = [], 0, 0
    while total < length:
        piece = SENTENCE + ("\n" if count % 5 == 4 else "")
        parts.append(piece)
        total += len(piece)
        count += 1
    return "".join(parts)[:length]


def pdf_pages(layout: Document, path: Path) -> int:
    write_pdf(layout, path)
    return len(PdfReader(str(path)).pages)


def fit_warnings(project: Project, top: str, index: int = 0) -> list[str]:
    return [f.detail for f in page_fit_findings(project, PROFILE) if f.path == (top, index, "summary")]


@pytest.mark.parametrize("top, module", [("group_achievements", group_form), ("team_achievements", team_form)],
                         ids=["附件2", "附件3"])
def test_one_page_exactly_when_no_page_fit_warning(sample: Project, tmp_path: Path, top: str, module) -> None:
    outcomes = []
    for length in range(300, 1651, 150):
        getattr(sample, top)[0].summary = summary_of(length)
        warned = fit_warnings(sample, top)
        pages = pdf_pages(module.build(sample, 0, PROFILE), tmp_path / f"{length}.pdf")
        assert (pages == 1) == (not warned), (length, pages, warned)
        outcomes.append(pages == 1)
    assert outcomes[0] and not outcomes[-1]      # the range crosses the page boundary


def test_the_warning_says_how_many_characters_to_cut(sample: Project, tmp_path: Path) -> None:
    text = summary_of(1800)
    sample.group_achievements[0].summary = text
    warning, = fit_warnings(sample, "group_achievements")
    excess = int(warning.split("删减约")[1].split("字")[0])
    assert "附件2" in warning and excess > 0
    sample.group_achievements[0].summary = text[:len(text) - excess]
    assert pdf_pages(group_form.build(sample, 0, PROFILE), tmp_path / "cut.pdf") == 1
    sample.group_achievements[0].summary = text[:len(text) - excess + 1]
    assert pdf_pages(group_form.build(sample, 0, PROFILE), tmp_path / "one-more.pdf") == 2


def test_the_form_shrinks_before_it_warns(sample: Project, tmp_path: Path) -> None:
    # Near the limit the rows and the notes shrink and the form stays on one page, in both formats.
    for length in range(600, 2000, 10):
        sample.group_achievements[0].summary = summary_of(length)
        layout = group_form.build(sample, 0, PROFILE)
        notes = [b for b in layout.blocks if hasattr(b, "runs") and b.text.startswith("注：")]
        if notes[0].runs[0].size < 9 and not fit_warnings(sample, "group_achievements"):
            break
    else:
        pytest.fail("the form never fitted with shrunk notes")
    assert pdf_pages(layout, tmp_path / "shrunk.pdf") == 1
    write_docx(layout, tmp_path / "shrunk.docx")      # Word gets the same shrunk notes
    assert any(run.font.size.pt == 7.5 for p in open_docx(str(tmp_path / "shrunk.docx")).paragraphs
               for run in p.runs if p.text.startswith("注："))


def test_statistics_and_reviewer_forms_are_measured_too(sample: Project) -> None:
    assert page_fit_findings(sample, PROFILE) == []
    sample.statistics.remarks = summary_of(4000)
    sample.reviewers[0].experience = summary_of(3000)
    found = {f.path: f.detail for f in page_fit_findings(sample, PROFILE)}
    assert "附件6" in found[("statistics", "remarks")]
    assert "附件7" in found[("reviewers", 0, "experience")]


def test_two_reviewers_with_300_characters_share_one_page(sample: Project, tmp_path: Path) -> None:
    for reviewer in sample.reviewers[:2]:
        reviewer.experience = summary_of(PROFILE.limits.experience_max_chars)
    assert len(sample.reviewers) == 2
    assert pdf_pages(reviewers_form.build(sample, PROFILE), tmp_path / "r.pdf") == 1


def test_a_character_no_font_has_is_a_warning_naming_it(sample: Project) -> None:
    sample.group_achievements[0].main_contributors[1] = "王𠀾国"
    path = ("group_achievements", 0, "main_contributors", 1)
    found = [f for f in check_all(sample) if f.path == path and "字体中没有" in f.message]
    assert len(found) == 1 and found[0].level == "warning"
    assert "“𠀾”" in found[0].message and "U+2003E" in found[0].message
    # The rules alone know no fonts: the check comes through check_all.
    assert not [f for f in check_project(sample) if f.path == path and "字体中没有" in f.message]


def test_common_text_has_no_glyph_warning(sample: Project) -> None:
    assert not [f for f in check_all(sample) if "字体中没有" in f.detail]


def test_pdf_properties_and_fonts(sample: Project, tmp_path: Path) -> None:
    path = tmp_path / "s.pdf"
    write_pdf(statistics_form.build(sample, PROFILE), path)
    reader = PdfReader(str(path))
    meta = reader.metadata
    assert meta.author == sample.declarant.name
    assert meta.title == PROFILE.titles["attachment6"]
    assert "qcdesk" not in f"{meta.creator}{meta.producer}{meta.author}".lower()
    assert meta.creation_date.year == dt.date.today().year
    for page in reader.pages:
        content = page.get_contents().get_data()
        fonts = page["/Resources"]["/Font"]
        for key, font in fonts.items():
            assert key.encode() in content                       # every font listed is drawn with
            assert "Helvetica" not in str(font.get_object()["/BaseFont"])


def test_text_outside_the_bmp_is_extractable(tmp_path: Path) -> None:
    path = tmp_path / "t.pdf"
    write_pdf(Document(blocks=[para("符号𝌆𝌇与中文")]), path)
    assert "符号𝌆𝌇与中文" in PdfReader(str(path)).pages[0].extract_text()


def docx_parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n).decode("utf-8", "replace") for n in archive.namelist()}


def test_docx_is_clean(sample: Project, tmp_path: Path) -> None:
    path = tmp_path / "a2.docx"
    write_docx(group_form.build(sample, 0, PROFILE), path)
    parts = docx_parts(path)
    assert not any("thumbnail" in name or "theme" in name for name in parts)
    assert not any("python-docx" in text.lower() for text in parts.values())
    core = parts["docProps/core.xml"]
    assert f"<dc:creator>{sample.declarant.name}</dc:creator>" in core
    assert f"<dcterms:created xsi:type=\"dcterms:W3CDTF\">{dt.datetime.now(dt.timezone.utc).year}" in core
    assert "降低常减压装置加热炉排烟温度" in core
    styles = parts["word/styles.xml"]
    assert 'w:eastAsia="zh-CN"' in styles and "ja-JP" not in styles
    assert "Theme" not in styles                                  # no theme fonts to override 黑体
    heading = styles.split('w:styleId="Heading1"')[1].split("</w:style>")[0]
    assert 'w:eastAsia="黑体"' in heading
    # Where 仿宋 is missing, Word looks for 仿宋_GB2312 (the face of many official documents).
    fangsong = parts["word/fontTable.xml"].split('<w:font w:name="仿宋">')[1].split("</w:font>")[0]
    assert '<w:altName w:val="仿宋_GB2312,FangSong"/>' in fangsong and '<w:charset w:val="86"/>' in fangsong


def cell_paragraph_lines(layout: Document) -> list[str]:
    """Every line of every table cell as the PDF breaks it (the cell width less its padding)."""
    from exporters.layout import Table
    from exporters.pdf_writer import _paragraph
    lines = []
    for table in (b for b in layout.blocks if isinstance(b, Table)):
        for row in table.rows:
            for cell in row.cells:
                if cell.colspan > 1:
                    continue
                for p in cell.paras:
                    lines.extend(_wrapped(_paragraph(p), cell, table, row))
    return lines


def _wrapped(flowable, cell, table, row) -> list[str]:
    index = sum(c.colspan for c in row.cells[:row.cells.index(cell)])
    flowable.wrap(table.widths[index] / 2.54 * 72 - 8, 10_000)
    result = []
    for line in flowable.blPara.lines:
        words = line[1] if isinstance(line, tuple) else line.words
        result.append("".join(w if isinstance(w, str) else w.text for w in words))
    return result


@pytest.mark.parametrize("build", [lambda p: group_form.build(p, 0, PROFILE), lambda p: team_form.build(p, 0, PROFILE),
                                   lambda p: statistics_form.build(p, PROFILE)], ids=["附件2", "附件3", "附件6"])
def test_no_pdf_line_breaks_inside_brackets(sample: Project, build) -> None:
    lines = cell_paragraph_lines(build(sample))
    assert any(line.startswith("（") for line in lines)      # some labels do need two lines
    for line in lines:
        assert line.count("（") == line.count("）"), line


def test_check_boxes_come_from_one_font_at_one_size(sample: Project, tmp_path: Path) -> None:
    from exporters.fonts import font_runs
    assert font_runs("☑", "symbol")[0][0] == font_runs("□", "symbol")[0][0]
    path = tmp_path / "s.docx"
    write_docx(statistics_form.build(sample, PROFILE), path)
    boxes = {(run.element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"),
              run.font.name, run.font.size)
             for table in open_docx(str(path)).tables for row in table.rows for cell in row.cells
             for p in cell.paragraphs for run in p.runs if run.text in ("☑", "□")}
    assert len(boxes) == 1


def test_reviewer_form_title_in_two_lines(sample: Project, tmp_path: Path) -> None:
    path = tmp_path / "r.docx"
    write_docx(reviewers_form.build(sample, PROFILE), path)
    texts = [p.text for p in open_docx(str(path)).paragraphs]
    assert texts[:3] == ["附件7", "2024年行业优秀成果评审委员会", "评委推荐表"]
    pdf = tmp_path / "r.pdf"
    write_pdf(reviewers_form.build(sample, PROFILE), pdf)
    lines = [line.strip() for line in PdfReader(str(pdf)).pages[0].extract_text().split("\n")]
    assert "2024年行业优秀成果评审委员会" in lines and "评委推荐表" in lines


def test_contact_block_aligned_on_one_tab_stop(sample: Project, tmp_path: Path) -> None:
    path = tmp_path / "s.docx"
    write_docx(statistics_form.build(sample, PROFILE), path)
    cell = open_docx(str(path)).tables[0].rows[-1].cells[0]
    tabbed = [p for p in cell.paragraphs if "\t" in p.text]
    assert [p.text.split("\t")[1].split("：")[0] for p in tabbed] == ["联系电话", "邮编"]
    stops = {round(p.paragraph_format.tab_stops[0].position.cm, 1) for p in tabbed}
    assert stops == {statistics_form.CONTACT_TAB_CM}
    # In the PDF the second column starts at the same x on both lines.
    pdf = tmp_path / "s.pdf"
    write_pdf(statistics_form.build(sample, PROFILE), pdf)
    starts: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        for key in ("联系电话", "邮编"):
            if text.startswith(key):
                starts[key] = cm[4] + tm[4]
    PdfReader(str(pdf)).pages[0].extract_text(visitor_text=visit)
    assert len(starts) == 2 and abs(starts["联系电话"] - starts["邮编"]) < 1


def test_check_command_and_bundle_report_what_the_documents_tell(sample_data: dict, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from app.cli import main
    from exporters.bundle import export_bundle
    from forms.sample import SAMPLE_DIR
    from tests.conftest import write_json

    sample_data["team_achievements"][0]["summary"] = summary_of(1600)
    sample_data["group_achievements"][0]["main_contributors"][0] = "王𠀾国"
    path = write_json(tmp_path / "p.qcproj", sample_data)
    main(["check", "--json", str(path)])
    found = {(tuple(f["path"]), f["level"]): f["message"] for f in json.loads(capsys.readouterr().out)}
    assert "删减约" in found[(("team_achievements", 0, "summary"), "warning")]
    assert "𠀾" in found[(("group_achievements", 0, "main_contributors", 0), "warning")]
    result = export_bundle(Project.model_validate(sample_data), tmp_path / "out", base_dir=SAMPLE_DIR, draft=True)
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    assert any("删减约" in c["message"] and c["form"] == "附件3" for c in manifest["checks"])


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("length, pages", [(450, 1), (750, 2)])
def test_word_file_takes_the_pages_of_its_pdf(sample: Project, tmp_path: Path, length: int, pages: int) -> None:
    sample.team_achievements[0].summary = summary_of(length)
    layout = team_form.build(sample, 0, PROFILE)
    assert pdf_pages(layout, tmp_path / "form.pdf") == pages
    write_docx(layout, tmp_path / "form.docx")
    profile = f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}"   # apart from any running office
    subprocess.run(["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "lo"),
                    str(tmp_path / "form.docx")], check=True, capture_output=True, timeout=180)
    assert len(PdfReader(str(tmp_path / "lo" / "form.pdf")).pages) == pages


def test_file_names_are_not_checked_for_glyphs(sample: Project) -> None:
    sample.group_achievements[0].attachments = ["记录/王𠀾国.pdf"]
    assert not [f for f in check_all(sample) if "字体中没有" in f.detail]


def test_a_failing_page_fit_measure_is_an_error_finding(sample: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    import exporters.checks
    from forms.rules.findings import CHECK_FAILED

    def broken(*args: object, **kwargs: object) -> list:
        raise RuntimeError("layout failed")

    monkeypatch.setattr(exporters.checks, "page_fit_findings", broken)
    failed = [f for f in check_all(sample) if f.detail == CHECK_FAILED]
    assert len(failed) == 1 and failed[0].is_error
