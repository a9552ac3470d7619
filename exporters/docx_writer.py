"""Render a :mod:`exporters.layout` document as a Word (.docx) file with python-docx.

Chinese fonts are named for both the Latin and the East-Asian slots (``w:eastAsia``), so Word
shows 宋体/黑体/仿宋 as the notice asks, not its Latin fallback.
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from exporters.layout import (
    DRAFT_MARK, Contents, Document, Figure, PageBreak, Para, Run, Table,
)
from forms.text import clean_text

FONT_NAMES: dict[str, str] = {"song": "宋体", "hei": "黑体", "fang": "仿宋", "kai": "楷体"}
# Latin letters and digits, as Chinese official documents set them beside each role.
LATIN_NAMES: dict[str, str] = {"宋体": "Times New Roman", "仿宋": "Times New Roman", "楷体": "Times New Roman",
                               "黑体": "Arial"}
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
_VALIGN = {
    "top": WD_CELL_VERTICAL_ALIGNMENT.TOP, "middle": WD_CELL_VERTICAL_ALIGNMENT.CENTER,
    "bottom": WD_CELL_VERTICAL_ALIGNMENT.BOTTOM,
}


def set_run_font(owner: Any, font: str, size: float | None = None, bold: bool | None = None) -> None:
    """Name ``font`` for East-Asian text (``w:eastAsia``) and its Latin partner for the rest."""
    latin = LATIN_NAMES.get(font, font)
    owner.font.name = latin
    rpr = owner.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), latin)
    fonts.set(qn("w:eastAsia"), font)
    if size is not None:
        owner.font.size = Pt(size)
    if bold is not None:
        owner.font.bold = bold


def _setup_styles(doc: DocxDocument) -> None:
    normal = doc.styles["Normal"]
    set_run_font(normal, FONT_NAMES["song"], 12)
    fmt = normal.paragraph_format
    fmt.line_spacing = 1.0
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    for level in (1, 2, 3):
        style = doc.styles[f"Heading {level}"]
        set_run_font(style, FONT_NAMES["hei"], 12, bold=False)
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(6)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.line_spacing = 1.0
        style.paragraph_format.keep_with_next = True


def _setup_page(doc: DocxDocument, layout: Document) -> None:
    section = doc.sections[0]
    if layout.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    else:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    top, right, bottom, left = layout.margins_cm
    section.top_margin, section.right_margin = Cm(top), Cm(right)
    section.bottom_margin, section.left_margin = Cm(bottom), Cm(left)
    if layout.draft:
        _draft_mark(section.header.paragraphs[0])
    if layout.page_numbers:
        section.different_first_page_header_footer = True   # no number on the cover
        if layout.draft:
            _draft_mark(section.first_page_header.paragraphs[0])
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_field(footer, "PAGE", "1")


def _draft_mark(paragraph: Paragraph) -> None:
    """草稿 in red at the top right of every page (a header paragraph)."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(f"{DRAFT_MARK}（未经检查通过，不可用于正式申报）")
    set_run_font(run, FONT_NAMES["hei"], 14, bold=True)
    run.font.color.rgb = RGBColor(0xC0, 0, 0)


def _fld_char(kind: str) -> OxmlElement:
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    if kind == "begin":
        el.set(qn("w:dirty"), "true")   # Word recomputes the field when it opens the file
    return el


def _begin_field(paragraph: Paragraph, instruction: str) -> None:
    """Start a complex field: begin, the instruction, separate; its shown result follows."""
    paragraph.add_run()._r.append(_fld_char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(_fld_char("separate"))


def _end_field(paragraph: Paragraph) -> None:
    paragraph.add_run()._r.append(_fld_char("end"))


def _add_field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """A complex field showing ``placeholder`` until Word updates it."""
    _begin_field(paragraph, instruction)
    paragraph.add_run(placeholder)
    _end_field(paragraph)


def _write_runs(paragraph: Paragraph, runs: list[Run]) -> None:
    for spec in runs:
        run = paragraph.add_run(clean_text(spec.text))
        set_run_font(run, FONT_NAMES[spec.font], spec.size, bold=spec.bold)
        if spec.underline:
            run.font.underline = True


def _format_para(paragraph: Paragraph, spec: Para) -> None:
    paragraph.alignment = _ALIGN[spec.align]
    fmt = paragraph.paragraph_format
    fmt.line_spacing = spec.line_spacing
    fmt.space_before = Pt(spec.space_before)
    fmt.space_after = Pt(spec.space_after)
    if spec.first_line_indent:
        size = spec.runs[0].size if spec.runs else 12
        fmt.first_line_indent = Pt(size * spec.first_line_indent)
    if spec.keep_with_next:
        fmt.keep_with_next = True


def _add_para(doc: DocxDocument, spec: Para) -> Paragraph:
    style = f"Heading {spec.heading_level}" if spec.heading_level else None
    paragraph = doc.add_paragraph(style=style)
    _format_para(paragraph, spec)
    _write_runs(paragraph, spec.runs)
    return paragraph


def _fill_cell(cell: _Cell, paras: list[Para]) -> None:
    first = True
    for spec in paras or [Para([])]:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        _format_para(paragraph, spec)
        _write_runs(paragraph, spec.runs)


def _add_table(doc: DocxDocument, spec: Table) -> None:
    cols = len(spec.widths)
    table = doc.add_table(rows=len(spec.rows), cols=cols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for index, width in enumerate(spec.widths):
        table.columns[index].width = Cm(width)
        for cell in table.columns[index].cells:
            cell.width = Cm(width)
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(spec.rows):
        docx_row = table.rows[r]
        if row.min_height:
            docx_row.height = Cm(row.min_height)
            docx_row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        if row.header:
            tr_pr = docx_row._tr.get_or_add_trPr()
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            tr_pr.append(header)
        c = 0
        for spec_cell in row.cells:
            while (r, c) in taken:
                c += 1
            last_row, last_col = r + spec_cell.rowspan - 1, c + spec_cell.colspan - 1
            cell = table.cell(r, c)
            if spec_cell.colspan > 1 or spec_cell.rowspan > 1:
                cell = cell.merge(table.cell(last_row, last_col))
            for rr in range(r, last_row + 1):
                for cc in range(c, last_col + 1):
                    taken.add((rr, cc))
            _fill_cell(cell, spec_cell.paras)
            cell.vertical_alignment = _VALIGN[spec_cell.valign]
            for paragraph in cell.paragraphs:
                if paragraph.alignment is None:
                    paragraph.alignment = _ALIGN[spec_cell.align]
            c = last_col + 1


def _add_figure(doc: DocxDocument, spec: Figure) -> None:
    """The picture, centred in its own paragraph at the printed size."""
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.keep_with_next = spec.keep_with_next
    paragraph.add_run().add_picture(io.BytesIO(spec.data), width=Cm(spec.width_cm), height=Cm(spec.height_cm))


def _add_contents(doc: DocxDocument, spec: Contents, headings: list[Para]) -> None:
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(12)
    run = title.add_run(spec.title)
    set_run_font(run, FONT_NAMES["hei"], 16)
    # The field updates in Word (右键“更新域” or F9); until then the heading list below it shows.
    field_para = doc.add_paragraph()
    _add_field_with_entries(doc, field_para, headings)


def _add_field_with_entries(doc: DocxDocument, field_para: Paragraph, headings: list[Para]) -> None:
    _begin_field(field_para, 'TOC \\o "1-2" \\h \\z \\u')
    current = field_para
    for index, heading in enumerate(headings):
        if index:
            current = doc.add_paragraph()
        indent = (heading.heading_level - 1) * 2
        current.paragraph_format.left_indent = Pt(12 * indent)
        current.paragraph_format.space_after = Pt(3)
        run = current.add_run(clean_text(heading.text))
        set_run_font(run, FONT_NAMES["song"], 12)
    _end_field(current)


CORE_PROPERTY_MAX = 255   # python-docx refuses longer document properties (标题)


def core_property(text: str) -> str:
    """``text`` cleaned and shortened to what a document property holds (the title is metadata only)."""
    text = " ".join(clean_text(text).split())
    return text if len(text) <= CORE_PROPERTY_MAX else text[:CORE_PROPERTY_MAX - 1] + "…"


def write_docx(layout: Document, path: str | Path) -> None:
    """Write ``layout`` to ``path`` (the caller makes the write atomic)."""
    doc = new_docx()
    _setup_styles(doc)
    _setup_page(doc, layout)
    doc.core_properties.title = core_property(layout.title)
    doc.core_properties.author = "qcdesk"
    # python-docx's template starts with one empty paragraph; remove it so documents start clean.
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    headings = layout.headings
    for block in layout.blocks:
        if isinstance(block, Para):
            _add_para(doc, block)
        elif isinstance(block, Table):
            _add_table(doc, block)
        elif isinstance(block, Figure):
            _add_figure(doc, block)
        elif isinstance(block, PageBreak):
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, Contents):
            _add_contents(doc, block, headings)
    doc.save(str(path))
