"""The content blocks of a report step (tables, charts, photographs) as layout blocks.

Every chart and picture is numbered 图1, 图2… and every table 表1, 表2… in order through one report,
captioned with the block's title (图题 under the figure, 表题 above the table) and followed by its
note. The typed QC tables carry the T/CAQ column headers; their widths follow the content and fit
the text width; header rows repeat on every page. A block that cannot be printed (a missing
picture, a chart without data) leaves a Chinese placeholder line; the rules report it too.
"""
from __future__ import annotations

import logging
import math
import struct
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from exporters.charts import CHART_KINDS, PRINT_WIDTH_CM, render_chart
from exporters.layout import SIZE_WU, Block, Cell, Figure, Para, Row, Table, para
from exporters.pictures import PictureError, load_picture
from exporters.report_parts import body
from forms.blocks import (
    BLOCK_LABELS, BenefitBlock, CauseCheckBlock, CountermeasuresBlock, ImageBlock, ParetoBlock, TableBlock,
    TextBlock, benefit_total, pareto_table,
)
from forms.report_common import Section
from forms.rules.blocks import chart_data_missing
from forms.rules.common import resolve_file

log = logging.getLogger(__name__)

CELL_SIZE = SIZE_WU
CELL_PAD_CM = 0.3                   # left and right padding of a cell, together
PHOTO_WIDTH_CM = 12.0
MAX_FIGURE_SHARE = 0.8              # of the text height: room is left for the caption and a line

CAUSE_CHECK_HEADERS = ["末端因素", "确认内容", "确认方法", "标准", "确认结果", "负责人", "完成日期", "是否要因"]
COUNTERMEASURE_HEADERS = ["要因", "对策", "目标", "措施", "地点", "负责人", "完成时间"]
BENEFIT_HEADERS = ["项目", "金额（万元）", "计算依据"]
PARETO_HEADERS = ["项目", "频数", "频率（%）", "累计频率（%）"]


@dataclass
class Numbering:
    """图 and 表 numbers of one report, counted in order of appearance."""

    figures: int = 0
    tables: int = 0

    def next_figure(self) -> int:
        self.figures += 1
        return self.figures

    def next_table(self) -> int:
        self.tables += 1
        return self.tables


@dataclass
class ReportContext:
    """What block rendering needs beyond the block: where pictures are, the goal, the page."""

    base_dir: Path | None = None
    goal: Any = None
    text_width_cm: float = 16.0
    text_height_cm: float = 24.6
    numbering: Numbering = field(default_factory=Numbering)


# ---- captions and notes ----------------------------------------------------------------------

def _title(block: Any) -> str:
    return (getattr(block, "title", "") or "").strip() or BLOCK_LABELS.get(block.type, "")


def figure_caption(number: int, title: str, *, keep_with_next: bool = False) -> Para:
    return para(f"图{number} {title}".rstrip(), font="hei", size=SIZE_WU, align="center", space_after=4,
                keep_with_next=keep_with_next)


def captioned(figure: Block, number: int, title: str, note: str) -> list[Block]:
    """A picture, its caption and its notes (制图人, period), kept on one page together."""
    notes = note_paras(note, keep_together=True)
    return [figure, figure_caption(number, title, keep_with_next=bool(notes)), *notes]


def table_caption(number: int, title: str) -> Para:
    return para(f"表{number} {title}".rstrip(), font="hei", size=SIZE_WU, align="center", space_before=6,
                space_after=3, keep_with_next=True)


def note_paras(note: str, *, keep_together: bool = False) -> list[Para]:
    lines = [line.strip() for line in note.split("\n") if line.strip()]
    last = len(lines) - 1
    return [para(line, size=SIZE_WU, align="center", space_after=6 if i == last else 0,
                 keep_with_next=keep_together and i < last)
            for i, line in enumerate(lines)]


def placeholder(text: str) -> Para:
    return para(f"〔{text}〕", size=SIZE_WU, align="center", space_before=4, space_after=4)


# ---- tables ----------------------------------------------------------------------------------

def _text_cm(text: str) -> float:
    em = CELL_SIZE * 2.54 / 72
    return sum(em if ord(ch) > 0x2E7F else em * 0.55 for ch in text)


def fit_widths(headers: list[str], rows: list[list[str]], total_cm: float) -> list[float]:
    """Column widths from the content, summing to ``total_cm``.

    Each column gets at least room for two characters and its header in two lines; what is left is
    shared by how much text a column holds (its longest line weighs most), so long 确认内容 and
    措施 columns widen while 负责人 and dates stay narrow.
    """
    ncols = len(headers)
    em = CELL_SIZE * 2.54 / 72
    minimum, natural = [], []
    for c, header in enumerate(headers):
        texts = [header] + [r[c] for r in rows if c < len(r)]
        lines = [line for t in texts for line in (t.split("\n") or [""])]
        longest = max((_text_cm(line) for line in lines), default=0.0)
        low = max(2 * em, math.ceil(len(header) / 2) * em + 0.15) + CELL_PAD_CM   # header in two even lines
        minimum.append(min(low, total_cm / ncols))
        natural.append(max(longest + CELL_PAD_CM, minimum[-1]))
    if sum(natural) <= total_cm:
        spare = total_cm - sum(natural)
        return [w + spare * w / sum(natural) for w in natural]
    room = total_cm - sum(minimum)
    weights = [max(n - m, 0.0) ** 0.75 for n, m in zip(natural, minimum)]
    if sum(weights) == 0:
        return [total_cm / ncols] * ncols
    return [m + room * w / sum(weights) for m, w in zip(minimum, weights)]


def _cell(text: str, align: str) -> Cell:
    lines = text.split("\n") if text else [""]
    return Cell([para(line, size=CELL_SIZE, align=align) for line in lines], align=align)  # type: ignore[arg-type]


def data_table(headers: list[str], rows: list[list[str]], total_cm: float, *,
               centred: set[int] | None = None) -> Table:
    """A table with one header row (repeated on each page); short columns centred."""
    ncols = len(headers)
    rows = [(r + [""] * ncols)[:ncols] for r in rows]
    widths = fit_widths(headers, rows, total_cm)
    if centred is None:
        centred = {c for c in range(ncols) if max((_text_cm(r[c]) for r in rows), default=0) <= widths[c] * 0.8}
    table_rows = [Row([_cell(h, "center") for h in headers], header=True, min_height=0.7)]
    for values in rows:
        table_rows.append(Row([_cell(v, "center" if c in centred else "left") for c, v in enumerate(values)],
                              min_height=0.6))
    return Table(widths, table_rows)


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _number(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def pareto_rows(block: ParetoBlock) -> list[list[str]]:
    """项目, 频数, 频率（%）, 累计频率（%） in print order (其他 last), then 合计."""
    rows = [[name, _number(count), f"{share:.2f}", f"{cumulative:.2f}"]
            for name, count, share, cumulative in pareto_table(block.items)]
    total = sum((i.count for i in block.items if i.count is not None), Decimal(0))
    rows.append(["合计", _number(total), "100.00" if total else "", ""])
    return rows


def table_of(block: Any) -> tuple[list[str], list[list[str]]] | None:
    """Header and rows of a table block, ``None`` for other blocks."""
    if isinstance(block, TableBlock):
        width = max([len(block.columns), *(len(r) for r in block.rows)], default=0)
        headers = (list(block.columns) + [""] * width)[:width]
        return headers, [list(r) for r in block.rows]
    if isinstance(block, CauseCheckBlock):
        return CAUSE_CHECK_HEADERS, [[r.cause, r.content, r.method, r.standard, r.result, r.owner, r.date,
                                      r.is_key] for r in block.rows]
    if isinstance(block, CountermeasuresBlock):
        return COUNTERMEASURE_HEADERS, [[r.cause, r.measure, r.goal, r.actions, r.place, r.owner, r.due]
                                        for r in block.rows]
    if isinstance(block, BenefitBlock):
        rows = [[r.item, _money(r.amount), r.basis] for r in block.rows]
        rows.append(["合计", _money(benefit_total(block)), ""])
        return BENEFIT_HEADERS, rows
    return None


# ---- figures ---------------------------------------------------------------------------------

def _png_size(data: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def figure_of(data: bytes, width_px: int, height_px: int, ctx: ReportContext,
              width_cm: float | None = None) -> Figure:
    """A picture at ``width_cm`` (default the text width), smaller when it would be too tall."""
    width = min(width_cm or ctx.text_width_cm, ctx.text_width_cm)
    height = width * height_px / max(width_px, 1)
    limit = ctx.text_height_cm * MAX_FIGURE_SHARE
    if height > limit:
        width, height = width * limit / height, limit
    return Figure(data, round(width, 3), round(height, 3))


def _chart(block: Any, step: str, ctx: ReportContext) -> list[Block]:
    missing = chart_data_missing(block, ctx.goal, step)
    label = BLOCK_LABELS[block.type]
    if missing:
        return [placeholder(f"{label}“{_title(block)}”{missing}，未能印出")]
    try:
        width_cm = min(PRINT_WIDTH_CM[block.type], ctx.text_width_cm)
        png = render_chart(block, goal=ctx.goal, step=step, width_cm=width_cm)
    except Exception:   # a drawing bug must not stop the export; the rest of the report prints
        log.exception("chart %s could not be drawn", block.type)
        return [placeholder(f"{label}“{_title(block)}”未能绘制")]
    width_px, height_px = _png_size(png)
    figure = figure_of(png, width_px, height_px, ctx, width_cm)
    return captioned(figure, ctx.numbering.next_figure(), _title(block), block.note)


def _image(block: ImageBlock, ctx: ReportContext) -> list[Block]:
    name = block.path.strip()
    if not name:
        return [placeholder(f"图片“{_title(block)}”未选择文件，未能印出")]
    path = resolve_file(name, ctx.base_dir)
    if path is None:
        return [placeholder(f"图片“{name}”的位置未知（项目尚未保存），未能印出")]
    try:
        picture = load_picture(path)
    except PictureError as exc:
        return [placeholder(f"图片“{name}”{exc}，未能印出")]
    figure = figure_of(picture.data, picture.width_px, picture.height_px, ctx, PHOTO_WIDTH_CM)
    return captioned(figure, ctx.numbering.next_figure(), _title(block), block.note)


# ---- one block, a step's blocks --------------------------------------------------------------

def block_layout(block: Any, step: str, ctx: ReportContext) -> list[Block]:
    """What one block prints; nothing for a block type this version does not know."""
    if isinstance(block, TextBlock):
        return body(block.text) if block.text.strip() else []
    if isinstance(block, ParetoBlock):
        table = [table_caption(ctx.numbering.next_table(), _pareto_table_title(block)),
                 data_table(PARETO_HEADERS, pareto_rows(block), ctx.text_width_cm, centred={0, 1, 2, 3})]
        return [*(table if block.items else []), *_chart(block, step, ctx)]
    if getattr(block, "type", None) in CHART_KINDS:
        return _chart(block, step, ctx)
    if isinstance(block, ImageBlock):
        return _image(block, ctx)
    shape = table_of(block)
    if shape is not None:
        headers, rows = shape
        if not headers:
            return []
        return [table_caption(ctx.numbering.next_table(), _title(block)),
                data_table(headers, rows, ctx.text_width_cm), *note_paras(block.note)]
    return []


def _pareto_table_title(block: ParetoBlock) -> str:
    title = _title(block)
    return title.replace("排列图", "频数统计表") if "排列图" in title else f"{title}频数统计表"


def blocks_layout(blocks: list[Any], step: str, ctx: ReportContext) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        out.extend(block_layout(block, step, ctx))
    return out


def step_layout(section: Section | None, step: str, ctx: ReportContext) -> list[Block]:
    """A step's text (its first paragraphs), then its blocks; （未填写） when nothing prints."""
    text = section.text if section is not None else ""
    content = blocks_layout(section.blocks, step, ctx) if section is not None else []
    if text.strip() or not content:
        return [*body(text), *content]
    return content
