"""Render a :mod:`exporters.layout` document as PDF with reportlab, CJK fonts embedded and subset."""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import IO, Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib import textsplit as rl_textsplit
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate, Flowable, Frame, PageBreak as RLPageBreak, PageTemplate, Paragraph,
    Spacer,
    Table as RLTable, TableStyle,
)
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.tableofcontents import TableOfContents

from exporters import pdf_cjk_lines, pdf_font_subsets
from exporters.fonts import font_runs, markup, primary_font
from exporters.layout import DRAFT_MARK, Contents, Document, Figure, PageBreak, Para, Table, para
from exporters.pdf_frags import frags
from exporters.pdf_pictures import Picture
from exporters.pdf_rows import Grid, split_tall_rows
from exporters.stamp import export_time
from forms.text import clean_text

_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}
_VALIGN = {"top": "TOP", "middle": "MIDDLE", "bottom": "BOTTOM"}
# Streams and images binary (Flate only): reportlab's ASCII85 step is pure Python without its C
# accelerator, costs most of a chart-heavy PDF's time and makes the file a quarter larger.
rl_config.useA85 = 0
_PADDING = (4.0, 4.0, 3.0, 3.0)   # left, right, top, bottom (points)
LINE_FACTOR = 1.3   # single (1.0) spacing of CJK text in Word is about 1.3 × the font size
# A one-page form leaves one line of 五号 free at the foot of its PDF page: Word and WPS set
# Latin text with their own metrics, and this keeps their page on one page too.
ONE_PAGE_RESERVE = 10.5 * LINE_FACTOR

# reportlab keeps Japanese punctuation off the start of a line but not the Chinese full-width
# comma, semicolon, colon and closing marks; add them so no line begins with “，”.
_CHINESE_CANNOT_START = "，；：？！）》」』”’"
for _module in (rl_paragraph, rl_textsplit):   # multi-run and single-run paragraphs each read one
    if not _module.ALL_CANNOT_START.endswith(_CHINESE_CANNOT_START):
        _module.ALL_CANNOT_START += _CHINESE_CANNOT_START
pdf_cjk_lines.install()   # the same lines as reportlab's CJK line breaking, at less cost
pdf_font_subsets.install()   # a font subset used again in another PDF is not made and compressed again


def _style(spec: Para) -> ParagraphStyle:
    size = spec.runs[0].size if spec.runs else 12
    font = primary_font(spec.runs[0].font if spec.runs else "song")
    return ParagraphStyle(
        name="p", fontName=font, fontSize=size, leading=size * LINE_FACTOR * spec.line_spacing,
        alignment=_ALIGN[spec.align], firstLineIndent=size * spec.first_line_indent,
        spaceBefore=spec.space_before, spaceAfter=spec.space_after, wordWrap="CJK",
        keepWithNext=int(spec.keep_with_next or bool(spec.heading_level)),
    )


class _Paragraph(Paragraph):
    """A paragraph that keeps its lines for a width: reportlab wraps a paragraph again for each
    measure of its table, each page split, each drawing and each layout pass (four times on
    average), and the lines for one width are always the same."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        kept = self.__dict__.get("_qcd_lines")
        if kept is not None and kept[0] == availWidth:
            _width, self._wrapWidths, self.blPara, self.height = kept
            self.width = availWidth
            return availWidth, self.height
        size = Paragraph.wrap(self, availWidth, availHeight)
        if "blPara" in self.__dict__ and self.width == availWidth:   # not refused as too narrow
            self._qcd_lines = (availWidth, self._wrapWidths, self.blPara, self.height)
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        # reportlab's split changes the lines it splits (and drops them when it cannot split):
        # the paragraph then wraps afresh, as reportlab's own does, so pages stay as they were.
        self.__dict__.pop("_qcd_lines", None)
        return Paragraph.split(self, availWidth, availHeight)


class _EmboldenedParagraph(_Paragraph):
    """A paragraph bold throughout, drawn as Word draws bold 宋体 (which has no bold face): the
    glyph outlines are filled and stroked, so the title keeps its serif face in both formats."""

    def beginText(self, x: float, y: float) -> Any:
        self.canv.setLineWidth(self.style.fontSize * 0.035)
        text = self.canv.beginText(x, y)
        text.setTextRenderMode(2)
        return text


def _paragraph(spec: Para) -> Flowable:
    if spec.tabs:
        return _tabbed(spec)
    embolden = bool(spec.runs) and all(r.bold for r in spec.runs)
    style = _style(spec)
    # The fragments reportlab would parse out of the runs' markup, made directly (pdf_frags).
    flowable = (_EmboldenedParagraph if embolden else _Paragraph)(
        clean_text(spec.text), style, frags=frags(spec.runs, style, embolden=embolden))
    if spec.heading_level:
        flowable._qcd_heading = (spec.heading_level, clean_text(spec.text))  # type: ignore[attr-defined]
    return flowable


def _tabbed(spec: Para) -> Flowable:
    """A paragraph with tab stops as a borderless one-row table whose columns start at the stops
    (reportlab has no tab stops); Word gets real tab stops, so both align the same way."""
    pieces = spec.tab_pieces()
    stops = [0.0, *spec.tabs][: len(pieces)]
    widths = [(b - a) * cm for a, b in zip(stops, stops[1:])]
    cells = [_paragraph(Para(runs, align="left")) for runs in pieces]
    table = RLTable([cells], colWidths=[*widths, None], hAlign="LEFT", style=TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), primary_font("song")),   # else the table names Helvetica
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), spec.space_before), ("BOTTOMPADDING", (0, 0), (-1, -1), spec.space_after),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


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


def _figure(spec: Figure) -> Picture:
    image = Picture(spec.data, spec.width_cm * cm, spec.height_cm * cm)
    image.spaceBefore = 6
    image.keepWithNext = spec.keep_with_next   # the caption follows on the same page
    return image


@dataclass
class PdfLayout:
    """What laying a document out as PDF found: its number of pages and each heading's page."""

    pages: int
    headings: list[tuple[int, str, int]] = field(default_factory=list)   # (level, text, page)


class _ContentsDocTemplate(BaseDocTemplate):
    """Reports headings to the table of contents as they are laid out."""

    heading_pages: list[tuple[int, str, int]]

    def beforeDocument(self) -> None:
        self.heading_pages = []     # each pass of a multi-pass build starts afresh

    def afterFlowable(self, flowable: Flowable) -> None:
        heading = getattr(flowable, "_qcd_heading", None)
        if heading:
            level, text = heading
            self.heading_pages.append((level, text, self.page))
            key = f"h{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=level - 1, closed=False)
            # The entry is Paragraph markup: each character in a font that has it.
            self.notify("TOCEntry", (level - 1, markup(text, "song"), self.page, key))


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


class _LayoutOnlyCanvas(Canvas):
    """The first pass of a book with a 目录 only finds the page each heading lands on: nothing of
    it is saved (reportlab's multiBuild saves only the pass whose 目录 is settled, never the first,
    whose 目录 is still empty), so the body frame places its flowables without drawing them
    (:class:`_BodyFrame`) and pictures are neither decoded nor compressed."""

    draws_pictures = False   # exporters.pdf_pictures.Picture

    def drawImage(self, image: Any, x: float, y: float, width: float | None = None,  # noqa: N802
                  height: float | None = None, *args: Any, **kwargs: Any) -> tuple[Any, Any]:
        return width, height


class _MeasuringCanvas(_LayoutOnlyCanvas):
    """Lays pages out without drawing or writing them (font subsetting and compression are most
    of the cost of a PDF): for measuring only."""

    def save(self) -> None:
        pass


def _placed_only(*args: Any, **kwargs: Any) -> None:
    pass


class _BodyFrame(Frame):
    """The page's frame. On a :class:`_LayoutOnlyCanvas` a flowable is measured, split and
    placed as on a real page, but not drawn: where things land does not depend on drawing."""

    def add(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:  # noqa: N803
        if not isinstance(canv, _LayoutOnlyCanvas):
            return Frame.add(self, flowable, canv, trySplit)
        flowable.drawOn = _placed_only   # this flowable, for this pass only
        try:
            return Frame.add(self, flowable, canv, trySplit)
        finally:
            del flowable.drawOn


def _export_timestamp() -> TimeStamp:
    """The export's time (exporters.stamp) as reportlab's document time stamp, in UTC.

    Documents are written ``invariant`` so the same project gives the same bytes in any process;
    their creation date is then the export's, not reportlab's fixed 2000-01-01."""
    when = export_time()
    stamp = TimeStamp(invariant=1)
    stamp.t = when.replace(tzinfo=dt.timezone.utc).timestamp()
    stamp.lt = when.timetuple()
    stamp.YMDhms = tuple(stamp.lt)[:6]
    stamp.dhh = stamp.dmm = 0
    stamp.tzname = "UTC"
    return stamp


def _stamped(maker: Callable[..., Canvas]) -> Callable[..., Canvas]:
    def make(*args: Any, **kwargs: Any) -> Canvas:
        canvas = maker(*args, **kwargs)
        canvas._doc._timeStamp = _export_timestamp()
        return canvas
    return make


def _passes() -> Callable[..., Canvas]:
    """A canvas maker for multiBuild: the first pass on a :class:`_LayoutOnlyCanvas`."""
    made: list[Canvas] = []

    def make(*args: Any, **kwargs: Any) -> Canvas:
        made.append((_LayoutOnlyCanvas if not made else Canvas)(*args, **kwargs))
        return made[-1]
    return make


def write_pdf(layout: Document, path: str | Path | IO[bytes], *, save: bool = True) -> PdfLayout:
    """Write ``layout`` to ``path`` (the caller makes the write atomic); say how it was laid out.

    ``save=False`` lays the pages out without writing the file."""
    if save and isinstance(path, (str, Path)):
        kept = _take_kept(layout)
        if kept is not None:       # measured inside this export already (page fit)
            Path(path).write_bytes(kept[0])
            _remember(layout, kept[1])
            return kept[1]
    pagesize = landscape(A4) if layout.landscape else A4
    top, right, bottom, left = (m * cm for m in layout.margins_cm)
    doc = _ContentsDocTemplate(
        path if not isinstance(path, Path) else str(path), pagesize=pagesize, topMargin=top,
        rightMargin=right, bottomMargin=bottom, leftMargin=left,
        initialFontName=primary_font("song"), initialFontSize=12, **_metadata(layout),
    )
    reserve = ONE_PAGE_RESERVE if layout.one_page else 0.0
    frame = _BodyFrame(left, bottom + reserve, pagesize[0] - left - right, pagesize[1] - top - bottom - reserve,
                  id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
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
    if not save:
        maker: Callable[..., Canvas] = _MeasuringCanvas
    elif has_contents and layout.headings:
        maker = _passes()
    else:
        maker = Canvas
    if has_contents:
        doc.multiBuild(story, canvasmaker=_stamped(maker))
    else:
        doc.build(story, canvasmaker=_stamped(maker))
    result = PdfLayout(doc.page, doc.heading_pages)
    _remember(layout, result)
    return result


APPLICATION = "质量成果申报助手"


def _metadata(layout: Document) -> dict[str, object]:
    """Document properties: title, the declaring unit as author, the real creation time."""
    return {"title": clean_text(layout.title), "author": clean_text(layout.author), "subject": "",
            "creator": APPLICATION, "producer": APPLICATION, "invariant": 1}


_laid_out: OrderedDict[int, tuple[weakref.ref[Document], PdfLayout]] = OrderedDict()


def _remember(layout: Document, result: PdfLayout) -> None:
    # By identity: a report's layout holds its pictures, too big to compare by value.
    _laid_out[id(layout)] = (weakref.ref(layout), result)
    while len(_laid_out) > 64:
        _laid_out.popitem(last=False)


_keeping: ContextVar[bool] = ContextVar("keeping_pdfs", default=False)
# Documents measured inside an export, written in memory with the export's time: (layout, time, bytes).
_kept: OrderedDict[int, tuple[weakref.ref[Document], dt.datetime, bytes, PdfLayout]] = OrderedDict()
KEPT_MAX = 512      # one-page forms of a few hundred achievements, some 50 KB each


@contextlib.contextmanager
def keeping_pdfs() -> Iterator[None]:
    """Inside an export: a form measured for page fit (:func:`lay_out` with ``keep``) is written
    in memory at once, and :func:`write_pdf` of that very layout writes those bytes, so the form
    is laid out once, not twice. The bytes are those ``write_pdf`` writes (same time stamp).
    What an earlier export kept and did not write (its workers wrote it) is dropped."""
    now = export_time()
    for stale in [key for key, entry in _kept.items() if entry[1] != now]:
        del _kept[stale]
    token = _keeping.set(True)
    try:
        yield
    finally:
        _keeping.reset(token)


def _take_kept(layout: Document) -> tuple[bytes, PdfLayout] | None:
    entry = _kept.pop(id(layout), None)
    if entry is None or entry[0]() is not layout or entry[1] != export_time():
        return None
    return entry[2], entry[3]


def lay_out(layout: Document, *, keep: bool = False) -> PdfLayout:
    """Lay ``layout`` out as PDF in memory: the measure of pages for page fit and the Word 目录.
    A document just written as PDF is not laid out again. With ``keep``, inside
    :func:`keeping_pdfs`, the document is written in memory for :func:`write_pdf` to use."""
    entry = _laid_out.get(id(layout))
    known = entry[1] if entry is not None and entry[0]() is layout else None
    if known is not None:
        return known
    if not (keep and _keeping.get()):
        return write_pdf(layout, io.BytesIO(), save=False)
    buffer = io.BytesIO()
    result = write_pdf(layout, buffer)
    _kept[id(layout)] = (weakref.ref(layout), export_time(), buffer.getvalue(), result)
    while len(_kept) > KEPT_MAX:
        _kept.popitem(last=False)
    return result
