"""Render a :mod:`exporters.layout` document as PDF with reportlab, CJK fonts embedded and subset."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib import textsplit as rl_textsplit
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    BaseDocTemplate, Flowable, Frame, Image as RLImage, PageBreak as RLPageBreak, PageTemplate, Paragraph,
    Spacer,
    Table as RLTable, TableStyle,
)
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.tableofcontents import TableOfContents

from exporters.fonts import font_runs, markup, primary_font
from exporters.layout import DRAFT_MARK, Contents, Document, Figure, PageBreak, Para, Table, para
from exporters.pdf_rows import Grid, split_tall_rows
from forms.text import clean_text

_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}
_VALIGN = {"top": "TOP", "middle": "MIDDLE", "bottom": "BOTTOM"}
_PADDING = (4.0, 4.0, 3.0, 3.0)   # left, right, top, bottom (points)
LINE_FACTOR = 1.3   # single (1.0) spacing of CJK text in Word is about 1.3 × the font size

# reportlab keeps Japanese punctuation off the start of a line but not the Chinese full-width
# comma, semicolon, colon and closing marks; add them so no line begins with “，”.
_CHINESE_CANNOT_START = "，；：？！）》」』”’"
for _module in (rl_paragraph, rl_textsplit):   # multi-run and single-run paragraphs each read one
    if not _module.ALL_CANNOT_START.endswith(_CHINESE_CANNOT_START):
        _module.ALL_CANNOT_START += _CHINESE_CANNOT_START


def _style(spec: Para) -> ParagraphStyle:
    size = spec.runs[0].size if spec.runs else 12
    font = primary_font(spec.runs[0].font if spec.runs else "song")
    return ParagraphStyle(
        name="p", fontName=font, fontSize=size, leading=size * LINE_FACTOR * spec.line_spacing,
        alignment=_ALIGN[spec.align], firstLineIndent=size * spec.first_line_indent,
        spaceBefore=spec.space_before, spaceAfter=spec.space_after, wordWrap="CJK",
        keepWithNext=int(spec.keep_with_next or bool(spec.heading_level)),
    )


def _paragraph(spec: Para) -> Paragraph:
    text = "".join(markup(clean_text(r.text), r.font, bold=r.bold, underline=r.underline)
                   for r in spec.runs)
    flowable = Paragraph(text or "&nbsp;", _style(spec))
    if spec.heading_level:
        flowable._qcd_heading = (spec.heading_level, clean_text(spec.text))  # type: ignore[attr-defined]
    return flowable


def _table(spec: Table) -> RLTable:
    ncols = len(spec.widths)
    grid = Grid(data=[["" for _ in range(ncols)] for _ in spec.rows], widths=[w * cm for w in spec.widths],
                spans=[], valign={}, min_heights=[row.min_height * cm for row in spec.rows],
                padding=_PADDING)
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(spec.rows):
        c = 0
        for cell in row.cells:
            while (r, c) in taken:
                c += 1
            last_r, last_c = r + cell.rowspan - 1, c + cell.colspan - 1
            for rr in range(r, last_r + 1):
                for cc in range(c, last_c + 1):
                    taken.add((rr, cc))
            grid.data[r][c] = [_paragraph(p) for p in cell.paras]
            if (last_r, last_c) != (r, c):
                grid.spans.append((c, r, last_c, last_r))
            grid.valign[(c, r)] = _VALIGN[cell.valign]
            c = last_c + 1
    header_rows = 0
    for row in spec.rows:
        if not row.header:
            break
        header_rows += 1
    grid = split_tall_rows(grid, header_rows)
    left, right, top, bottom = _PADDING
    commands: list[tuple] = [
        # A frame and the column rules, then a rule above each row that does not carry on the one above.
        ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
        ("LINEBEFORE", (1, 0), (-1, -1), 0.6, colors.black),
        ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), 0.6, colors.black),   # closes a page's part
        ("FONTNAME", (0, 0), (-1, -1), primary_font("song")),  # else empty span cells use Helvetica
        ("LEFTPADDING", (0, 0), (-1, -1), left), ("RIGHTPADDING", (0, 0), (-1, -1), right),
        ("TOPPADDING", (0, 0), (-1, -1), top), ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
    ]
    for r in range(1, len(grid.data)):
        if r in grid.continued:
            commands += [("TOPPADDING", (0, r), (-1, r), 0), ("BOTTOMPADDING", (0, r - 1), (-1, r - 1), 0)]
        else:
            commands.append(("LINEABOVE", (0, r), (-1, r), 0.6, colors.black))
    commands += [("SPAN", (c, r), (lc, lr)) for c, r, lc, lr in grid.spans]
    commands += [("VALIGN", cell, cell, v) for cell, v in grid.valign.items()]
    return RLTable(grid.data, colWidths=grid.widths, style=TableStyle(commands),
                   repeatRows=header_rows, minRowHeights=grid.min_heights, hAlign="CENTER")


def _figure(spec: Figure) -> RLImage:
    image = RLImage(io.BytesIO(spec.data), width=spec.width_cm * cm, height=spec.height_cm * cm, hAlign="CENTER")
    image.spaceBefore = 6
    image.keepWithNext = spec.keep_with_next   # the caption follows on the same page
    return image


class _ContentsDocTemplate(BaseDocTemplate):
    """Reports headings to the table of contents as they are laid out."""

    def afterFlowable(self, flowable: Flowable) -> None:
        heading = getattr(flowable, "_qcd_heading", None)
        if heading:
            level, text = heading
            key = f"h{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=level - 1, closed=False)
            self.notify("TOCEntry", (level - 1, text, self.page, key))


def _draw_text(canvas: Any, x: float, y: float, text: str, role: str, size: float,
               anchor: str = "left") -> None:
    runs = font_runs(text, role)
    width = sum(canvas.stringWidth(chunk, name, size) for name, chunk in runs)
    if anchor == "center":
        x -= width / 2
    elif anchor == "right":
        x -= width
    for name, chunk in runs:
        canvas.setFont(name, size)
        canvas.drawString(x, y, chunk)
        x += canvas.stringWidth(chunk, name, size)


def _decorate(layout: Document):
    def on_page(canvas: Any, doc: BaseDocTemplate) -> None:
        width, height = doc.pagesize
        canvas.saveState()
        if layout.draft:
            canvas.setFillColor(colors.Color(0.75, 0, 0, alpha=0.13))
            canvas.translate(width / 2, height / 2)
            canvas.rotate(35)
            _draw_text(canvas, 0, -60, DRAFT_MARK, "hei", 150, anchor="center")
            canvas.rotate(-35)
            canvas.translate(-width / 2, -height / 2)
            canvas.setFillColor(colors.Color(0.75, 0, 0))
            _draw_text(canvas, width - doc.rightMargin, height - doc.topMargin + 14,
                       f"{DRAFT_MARK}（未经检查通过，不可用于正式申报）", "hei", 11, anchor="right")
        if layout.page_numbers and doc.page > 1:
            canvas.setFillColor(colors.black)
            _draw_text(canvas, width / 2, doc.bottomMargin - 24, f"— {doc.page} —", "song", 10.5,
                       anchor="center")
        canvas.restoreState()
    return on_page


def _contents(spec: Contents) -> list[Flowable]:
    toc = TableOfContents(dotsMinLevel=0)
    font = primary_font("song")
    toc.levelStyles = [
        ParagraphStyle("toc1", fontName=font, fontSize=12, leading=20, leftIndent=0, wordWrap="CJK"),
        ParagraphStyle("toc2", fontName=font, fontSize=12, leading=20, leftIndent=24, wordWrap="CJK"),
    ]
    return [_paragraph(para(spec.title, font="hei", size=16, align="center", space_after=12)), toc]


def write_pdf(layout: Document, path: str | Path) -> None:
    """Write ``layout`` to ``path`` (the caller makes the write atomic)."""
    pagesize = landscape(A4) if layout.landscape else A4
    top, right, bottom, left = (m * cm for m in layout.margins_cm)
    doc = _ContentsDocTemplate(
        str(path), pagesize=pagesize, topMargin=top, rightMargin=right, bottomMargin=bottom,
        leftMargin=left, title=layout.title, author="qcdesk", creator="qcdesk", invariant=1,
        initialFontName=primary_font("song"), initialFontSize=12,
    )
    frame = Frame(left, bottom, pagesize[0] - left - right, pagesize[1] - top - bottom, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_decorate(layout))])
    story: list[Flowable] = []
    has_contents = False
    for block in layout.blocks:
        if isinstance(block, Para):
            story.append(_paragraph(block))
        elif isinstance(block, Table):
            story.append(_table(block))
            story.append(Spacer(1, 2))
        elif isinstance(block, Figure):
            story.append(_figure(block))
        elif isinstance(block, PageBreak):
            story.append(RLPageBreak())
        elif isinstance(block, Contents):
            story.extend(_contents(block))
            has_contents = True
    if has_contents:
        doc.multiBuild(story)
    else:
        doc.build(story)
