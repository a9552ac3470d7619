"""Tall table rows for the PDF: cut into short stacked rows so a table can break inside a cell.

reportlab moves a table row to the next page whole and fails when the row is taller than a page
(a 附件6 remark of a thousand lines, a long 简介). Its own in-row splitting measures spanned cells
at the width of their first column and so leaves most of each page blank. Instead, a row taller
than :data:`CUT_ABOVE` is cut here into pieces of about :data:`PIECE` points, its paragraphs split
between lines where needed; no rule is drawn between the pieces, so unbroken they look like one
row, and the table breaks between pieces as Word breaks a row across pages.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import Flowable

PIECE = 60.0          # points: about four lines of 五号 text
CUT_ABOVE = 200.0     # rows up to this height stay whole (and keep their vertical alignment)
_TALL = 1e7           # "unlimited" height for measuring


@dataclass
class Grid:
    """A table as reportlab takes it: cells (flowable lists), spans, alignments, minimum heights."""

    data: list[list[Any]]
    widths: list[float]                               # column widths in points
    spans: list[tuple[int, int, int, int]]            # (col, row, last col, last row)
    valign: dict[tuple[int, int], str]                # (col, row) → TOP/MIDDLE/BOTTOM
    min_heights: list[float]
    padding: tuple[float, float, float, float]        # left, right, top, bottom
    continued: set[int] = field(default_factory=set)  # rows that carry on the row above


def _height(flowables: list[Flowable], width: float) -> float:
    total = 0.0
    for f in flowables:
        total += f.wrap(width, _TALL)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def _halves(f: Flowable, width: float, piece: float) -> list[Flowable]:
    """A tall flowable split into parts of at most ``piece`` by halving: O(n log n) for long text,
    where splitting off one piece at a time would re-break the rest of the paragraph each time."""
    h = f.wrap(width, _TALL)[1]
    if h <= piece:
        return [f]
    parts = f.split(width, max(piece, (h // (2 * piece)) * piece))
    if len(parts) != 2:
        return [f]
    return _halves(parts[0], width, piece) + _halves(parts[1], width, piece)


def cut(flowables: list[Flowable], width: float, piece: float = PIECE) -> list[list[Flowable]]:
    """``flowables`` in pieces of at most ``piece`` points (a line or flowable taller stays whole)."""
    pieces: list[list[Flowable]] = []
    current: list[Flowable] = []
    used = 0.0
    queue = list(flowables)
    queue.reverse()               # popped from the end: the first flowable is last
    while queue:
        f = queue.pop()
        h = f.wrap(width, _TALL)[1]
        extra = f.getSpaceBefore() + f.getSpaceAfter()
        if used + h + extra <= piece:
            current.append(f)
            used += h + extra
            continue
        if h > piece:
            halves = _halves(f, width, piece)
            if len(halves) > 1:
                queue.extend(reversed(halves))
                continue
        parts = f.split(width, piece - used - f.getSpaceBefore()) if current else []
        if len(parts) == 2:
            current.append(parts[0])
            queue.append(parts[1])
        elif not current:     # nothing splits off an empty piece: it holds the flowable whole
            current.append(f)
            used = piece
        else:
            queue.append(f)
        pieces.append(current)
        current, used = [], 0.0
    if current:
        pieces.append(current)
    return pieces


def _cells_of(grid: Grid, r: int) -> list[tuple[int, int]]:
    """(col, last col) of each cell that starts in row ``r``."""
    spans = {(c, rr): lc for c, rr, lc, _ in grid.spans}
    covered = {(cc, rr) for c, rr0, lc, lr in grid.spans for rr in range(rr0, lr + 1)
               for cc in range(c, lc + 1) if (cc, rr) != (c, rr0)}
    return [(c, spans.get((c, r), c)) for c in range(len(grid.widths)) if (c, r) not in covered]


def split_tall_rows(grid: Grid, header_rows: int) -> Grid:
    """A copy of ``grid`` with every tall row (not a header, not in a row span) cut into pieces."""
    in_row_span = {rr for _, r, _, lr in grid.spans if lr > r for rr in range(r, lr + 1)}
    left, right, top, bottom = grid.padding
    out = Grid([], grid.widths, [], {}, [], grid.padding)
    for r, row in enumerate(grid.data):
        cells = _cells_of(grid, r)
        inner = {c: sum(grid.widths[c:lc + 1]) - left - right for c, lc in cells}
        content = {c: row[c] if isinstance(row[c], list) else [] for c, _ in cells}
        natural = max((_height(content[c], inner[c]) for c, _ in cells), default=0.0) + top + bottom
        base = len(out.data)
        if r < header_rows or r in in_row_span or natural <= max(CUT_ABOVE, grid.min_heights[r]):
            out.data.append(list(row))
            out.min_heights.append(grid.min_heights[r])
            out.spans += [(c, base, lc, base + lr - r) for c, rr, lc, lr in grid.spans if rr == r]
            out.valign.update({(c, base): v for (c, rr), v in grid.valign.items() if rr == r})
            continue
        pieces = {c: cut(content[c], inner[c]) for c, _ in cells}
        count = max(len(p) for p in pieces.values())
        for k in range(count):
            out.data.append([pieces[c][k] if c in pieces and k < len(pieces[c]) else ""
                             for c in range(len(grid.widths))])
            out.min_heights.append(0.0)
            if k:
                out.continued.add(base + k)
            for c, lc in cells:
                if lc > c:
                    out.spans.append((c, base + k, lc, base + k))
                # A cell that fits in the first piece keeps its alignment there; cut text runs from the top.
                out.valign[(c, base + k)] = grid.valign.get((c, r), "MIDDLE") if len(pieces[c]) == 1 else "TOP"
    return out
