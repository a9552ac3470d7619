"""Render a :mod:`exporters.layout` document as a Word (.docx) file with python-docx.

Chinese fonts are named for both the Latin and the East-Asian slots (``w:eastAsia``), so Word
shows 宋体/黑体/仿宋 as the notice asks, not its Latin fallback.
"""
from __future__ import annotations

import io
from contextvars import ContextVar
from copy import deepcopy
from functools import cache
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.simpletypes import ST_Merge
from docx.oxml.text.run import _RunContentAppender
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run as DocxRun
from lxml import etree

import resources
from exporters.stamp import export_time, fix_zip_dates
from exporters.layout import (
    DRAFT_MARK, Contents, Document, Figure, PageBreak, Para, Run, Table,
)
from exporters.pdf_writer import LINE_FACTOR, lay_out
from forms.text import clean_text

TEMPLATE = Path(resources.__file__).parent / "templates" / "template.docx"
FONT_NAMES: dict[str, str] = {"song": "宋体", "hei": "黑体", "fang": "仿宋", "kai": "楷体",
                              "symbol": "Segoe UI Symbol"}
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


@cache
def _template_bytes() -> bytes:
    """Our own template (scripts/make_template.py), read once per process."""
    return TEMPLATE.read_bytes()


def _new_document() -> DocxDocument:
    return docx.Document(io.BytesIO(_template_bytes()))


def _set_core_properties(doc: DocxDocument, layout: Document) -> None:
    """Title, the declaring unit as author, and the real time of writing."""
    props = doc.core_properties
    now = export_time()   # one time for every file of an export, in whichever process
    props.title = core_property(layout.title)
    props.author = core_property(layout.author)
    props.last_modified_by = props.author
    props.created = props.modified = now
    props.revision = 1
    props.language = "zh-CN"


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
        _page_number_footer(section.footer.paragraphs[0])


def _page_number_footer(paragraph: Paragraph) -> None:
    """“— n —” centred, 宋体 五号, as the PDF draws it."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_run_font(paragraph.add_run("— "), FONT_NAMES["song"], 10.5)
    _begin_field(paragraph, "PAGE")
    set_run_font(paragraph.add_run("2"), FONT_NAMES["song"], 10.5)
    _end_field(paragraph)
    set_run_font(paragraph.add_run(" —"), FONT_NAMES["song"], 10.5)


def _draft_mark(paragraph: Paragraph) -> None:
    """草稿 in red at the top right of every page (a header paragraph)."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(f"{DRAFT_MARK}（未经检查通过，不可用于正式申报）")
    set_run_font(run, FONT_NAMES["hei"], 14, bold=True)
    run.font.color.rgb = RGBColor(0xC0, 0, 0)


def _fld_char(kind: str) -> OxmlElement:
    # No w:dirty: the shown results are right already, so Word asks nothing when it opens the file.
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
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


# Each distinct run and paragraph format is built once per process through python-docx's setters
# (each of which searches the element's children) and copied from then on: the same XML.
_run_formats: dict[tuple[str, float, bool, bool], BaseOxmlElement] = {}
_para_formats: dict[tuple, BaseOxmlElement] = {}


def _run_format(spec: Run) -> BaseOxmlElement:
    key = (spec.font, spec.size, spec.bold, spec.underline)
    rpr = _run_formats.get(key)
    if rpr is None:
        run = DocxRun(OxmlElement("w:r"), None)  # type: ignore[arg-type]
        set_run_font(run, FONT_NAMES[spec.font], spec.size, bold=spec.bold)
        if spec.underline:
            run.font.underline = True
        rpr = _run_formats[key] = run.element.rPr
    return rpr


def _write_runs(paragraph: Paragraph, runs: list[Run]) -> None:
    p = paragraph._p
    for spec in runs:
        r = p.add_r()
        r.append(deepcopy(_run_format(spec)))
        text = clean_text(spec.text)
        if text:
            # tabs and line breaks as python-docx's Run.text writes them, without clearing the new run first
            _RunContentAppender.append_to_run_from_text(r, text)


_exact_lines: ContextVar[bool] = ContextVar("exact_lines", default=False)


def _line_height(fmt: Any, spec: Para) -> None:
    """Line spacing as the layout says; in a one-page form exactly the PDF's line height
    (LINE_FACTOR × size × spacing), so Word breaks where the page-fit measure did, whichever font
    the machine substitutes for 宋体. Report books keep 单倍行距 as 附件8/9 prescribe; their blank
    lines (the cover's) are exact too, so the cover's lines sit where the PDF has them."""
    blank = not any(r.text for r in spec.runs)
    if not _exact_lines.get() and not blank:
        fmt.line_spacing = spec.line_spacing
        return
    size = max((r.size for r in spec.runs), default=12.0)
    fmt.line_spacing = Pt(round(size * LINE_FACTOR * spec.line_spacing, 1))
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY


def _format_para(paragraph: Paragraph, spec: Para) -> None:
    """The paragraph's format as :func:`_apply_format` makes it, copied from the first paragraph
    of that format (and of the same style)."""
    p = paragraph._p
    own = p.pPr
    key = (_exact_lines.get(), None if own is None else etree.tostring(own), spec.align, spec.line_spacing,
           max((r.size for r in spec.runs), default=12.0), spec.runs[0].size if spec.runs else 12,
           spec.space_before, spec.space_after, spec.first_line_indent, spec.keep_with_next, spec.tabs)
    ppr = _para_formats.get(key)
    if ppr is None:
        scratch = OxmlElement("w:p")
        if own is not None:
            scratch.append(deepcopy(own))
        _apply_format(Paragraph(scratch, None), spec)  # type: ignore[arg-type]
        ppr = _para_formats[key] = scratch.pPr
    if own is not None:
        p.remove(own)
    p.insert(0, deepcopy(ppr))


def _apply_format(paragraph: Paragraph, spec: Para) -> None:
    paragraph.alignment = _ALIGN[spec.align]
    fmt = paragraph.paragraph_format
    _line_height(fmt, spec)
    fmt.space_before = Pt(spec.space_before)
    fmt.space_after = Pt(spec.space_after)
    if spec.first_line_indent:
        size = spec.runs[0].size if spec.runs else 12
        fmt.first_line_indent = Pt(size * spec.first_line_indent)
    if spec.keep_with_next:
        fmt.keep_with_next = True
    for stop in spec.tabs:
        fmt.tab_stops.add_tab_stop(Cm(stop))
    if spec.runs:
        _mark_size(paragraph, max(r.size for r in spec.runs))


def _mark_size(paragraph: Paragraph, size: float) -> None:
    """The paragraph mark at the size of the text: Word sizes an empty line (the cover's blank
    lines) and the last line of a paragraph by its mark too, which is 小四 by default."""
    p_pr = paragraph._p.get_or_add_pPr()
    mark = OxmlElement("w:rPr")
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(round(size * 2)))
        mark.append(el)
    p_pr.append(mark)


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
    # The grid of cells taken once, before any merge: python-docx's table.cell() and
    # columns[i].cells rebuild the whole grid on every call (quadratic in the cells). A merge
    # keeps the element of its top-left cell and of every cell it does not cover.
    rows = list(table.rows)
    grid = [[_Cell(tc, table) for tc in row._tr.tc_lst] for row in rows]
    for index, width in enumerate(spec.widths):
        table.columns[index].width = Cm(width)
        for row_cells in grid:
            row_cells[index].width = Cm(width)
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(spec.rows):
        docx_row = rows[r]
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
            cell = grid[r][c]
            if spec_cell.colspan > 1 or spec_cell.rowspan > 1:
                cell = _merge(grid, r, c, last_row, last_col)
            for rr in range(r, last_row + 1):
                for cc in range(c, last_col + 1):
                    taken.add((rr, cc))
            _fill_cell(cell, spec_cell.paras)   # every paragraph gets its own alignment
            _set_valign(cell, _VALIGN[spec_cell.valign])
            c = last_col + 1


def _merge(grid: list[list[_Cell]], r: int, c: int, last_row: int, last_col: int) -> _Cell:
    """``grid[r][c].merge(grid[last_row][last_col])`` for cells still empty, done as python-docx
    does it (widths added, w:gridSpan, w:vMerge restart/continue, swallowed cells removed) without
    its search of the table grid for every cell it touches (a millisecond a merge)."""
    cells = [grid[rr][cc] for rr in range(r, last_row + 1) for cc in range(c, last_col + 1)]
    if not all(cell._tc._is_empty for cell in cells):    # content would move: python-docx's way
        return grid[r][c].merge(grid[last_row][last_col])
    for rr in range(r, last_row + 1):
        tc = grid[rr][c]._tc
        for cc in range(c + 1, last_col + 1):
            swallowed = grid[rr][cc]._tc
            tc._add_width_of(swallowed)
            tc.grid_span += swallowed.grid_span
            swallowed._remove()
        tc.vMerge = None if last_row == r else ST_Merge.RESTART if rr == r else ST_Merge.CONTINUE
    return grid[r][c]


# Elements that come before w:vAlign in a w:tcPr, the only ones a cell has when its alignment is set.
_BEFORE_VALIGN = frozenset(qn(tag) for tag in ("w:tcW", "w:gridSpan", "w:vMerge"))
_valigns: dict[Any, BaseOxmlElement] = {}


def _set_valign(cell: _Cell, value: Any) -> None:
    """``cell.vertical_alignment = value``: the w:vAlign python-docx makes, appended to the cell
    properties where python-docx would search its sequence of successors for the place."""
    tc_pr = cell._tc.get_or_add_tcPr()
    if not all(child.tag in _BEFORE_VALIGN for child in tc_pr):
        cell.vertical_alignment = value
        return
    element = _valigns.get(value)
    if element is None:
        scratch = OxmlElement("w:tcPr")
        scratch.vAlign_val = value
        element = _valigns[value] = scratch[0]
    tc_pr.append(deepcopy(element))


def _add_figure(doc: DocxDocument, spec: Figure) -> None:
    """The picture, centred in its own paragraph at the printed size."""
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.keep_with_next = spec.keep_with_next
    paragraph.add_run().add_picture(io.BytesIO(spec.data), width=Cm(spec.width_cm), height=Cm(spec.height_cm))


def _add_contents(doc: DocxDocument, spec: Contents, layout: Document) -> None:
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(12)
    run = title.add_run(spec.title)
    set_run_font(run, FONT_NAMES["hei"], 16)
    field_para = doc.add_paragraph()
    _add_field_with_entries(doc, field_para, _contents_entries(layout), _text_width_cm(layout))


def _text_width_cm(layout: Document) -> float:
    _top, right, _bottom, left = layout.margins_cm
    return (29.7 if layout.landscape else 21.0) - left - right


def _contents_entries(layout: Document) -> list[tuple[int, str, str]]:
    """(level, heading, page) of every heading, pages as the PDF layout of the same document has them."""
    pages = lay_out(layout).headings
    entries = []
    for index, heading in enumerate(layout.headings):
        page = str(pages[index][2]) if index < len(pages) else ""
        entries.append((heading.heading_level, clean_text(heading.text), page))
    return entries


def _add_field_with_entries(doc: DocxDocument, field_para: Paragraph, entries: list[tuple[int, str, str]],
                            width_cm: float) -> None:
    """The TOC field with its result written out: entries, dot leaders and page numbers, so Word
    and WPS show a finished 目录 without updating (Word can still update it: 右键“更新域” or F9)."""
    _begin_field(field_para, 'TOC \\o "1-2" \\h \\z \\u')
    current = field_para
    for index, (level, text, page) in enumerate(entries):
        if index:
            current = doc.add_paragraph()
        current.style = doc.styles[f"toc {min(level, 2)}"]
        current.paragraph_format.tab_stops.add_tab_stop(Cm(width_cm), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        set_run_font(current.add_run(f"{text}\t{page}"), FONT_NAMES["song"], 12)
    _end_field(current)


CORE_PROPERTY_MAX = 255   # python-docx refuses longer document properties (标题)


def core_property(text: str) -> str:
    """``text`` cleaned and shortened to what a document property holds (the title is metadata only)."""
    text = " ".join(clean_text(text).split())
    return text if len(text) <= CORE_PROPERTY_MAX else text[:CORE_PROPERTY_MAX - 1] + "…"


def write_docx(layout: Document, path: str | Path) -> None:
    """Write ``layout`` to ``path`` (the caller makes the write atomic)."""
    token = _exact_lines.set(layout.one_page)
    try:
        _write_docx(layout, path)
    finally:
        _exact_lines.reset(token)


def _write_docx(layout: Document, path: str | Path) -> None:
    doc = _new_document()
    _setup_page(doc, layout)
    _set_core_properties(doc, layout)
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
            _add_contents(doc, block, layout)
    doc.save(str(path))
    fix_zip_dates(path)   # the export's time, not the second it was saved in
