"""Bounds of a one-page form's height in the PDF layout, without reportlab.

Laying a form out with reportlab takes tens of milliseconds; checking a project of 200
achievements that way took seconds. :func:`pages_known` bounds a form's height from above and
below from the same structure the PDF writer (``exporters.pdf_writer``) gives reportlab: the frame,
the tables with their column widths, paddings and minimum row heights, and each paragraph's size,
leading, indent and spacing, with the advance widths of its characters in the font each is drawn
with (``exporters.font_metrics``). When the bounds put the form on one page, or certainly on more,
``exporters.page_fit`` needs no layout; otherwise it lays the form out, so the bounds never change
a result, only save work.

Where a paragraph's text is exactly what reportlab breaks (its parser only collapses white space),
its lines are counted by following reportlab's CJK line breaking (``cjkFragSplit``/``dumbSplit``)
step for step, and a row taller than ``CUT_ABOVE`` by following ``exporters.pdf_rows.cut`` with
reportlab's ``Paragraph.split`` (which keeps the first lines, sets the rest afresh, and for a
paragraph of several fonts puts a space after each line). Elsewhere (a forced line break, ``&``,
``<``, ``>``, a no-break space) an upper bound is used: reportlab ends a line when the next character
overflows it and pushes back at most that character, or for Latin text the word it ends (a run of
characters below U+3000 that are not spaces) and that character, so every line but the last holds
at least its width less that piece: ``lines ≤ 1 + (text width + first-line indent) / (width − slack)``.
tests/test_page_bound.py compares with reportlab's layout on generated paragraphs, rows and forms,
and page fit's warnings with those of laying every form out.
"""
from __future__ import annotations

from copy import copy
from math import floor

from exporters import fonts
from exporters.font_metrics import metrics, scaled
from exporters.layout import Document, Para, Row, Table
from forms.text import clean_text

CM = 72.0 / 2.54                      # reportlab.lib.units.cm
MM = CM * 0.1                         # reportlab.lib.units.mm
A4 = (210 * MM, 297 * MM)             # reportlab.lib.pagesizes.A4
# Keep in step with exporters.pdf_writer (tests/test_page_bound.py compares them).
PADDING = (4.0, 4.0, 3.0, 3.0)        # cell padding: left, right, top, bottom (points)
LINE_FACTOR = 1.3
ONE_PAGE_RESERVE = 10.5 * LINE_FACTOR
CUT_ABOVE = 200.0                     # exporters.pdf_rows: taller rows are cut into pieces
TABLE_GAP = 2.0                       # the Spacer after each table
DEFAULT_SIZE = 12.0                   # a paragraph without runs
MARGIN = 0.01                         # points kept free against rounding

FUZZ = 1e-6                           # reportlab's rl_config._FUZZ
# reportlab's textsplit.ALL_CANNOT_START with the Chinese marks exporters.pdf_writer adds.
CANNOT_START = ("!',.:;?!\")]\u3001\u3002\u300d\u300f\u3011\u3015\uff3d\u3011\uff09"
                "\u3005\u2015\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085\u3087\u308e\u30a1\u30a3"
                "\u30a5\u30a7\u30a9\u30c3\u30e3\u30e5\u30e7\u30ee\u30fc\u30f5\u30f6"
                "\u309b\u309c\u30fb\u30fd\u30fe\u309d\u309e\u2015\u2010\xb0\u2032\u2033\u2103\uffe0\uff05\u2030"
                "，；：？！）》」』”’")
# Space separators (Unicode category Zs) below U+3000: reportlab's Latin word search stops there.
_SPACES = frozenset("\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                    "\u202f\u205f")
_widths: dict[str, dict[str, float]] = {}      # role → character → advance (1/1000 of the size)


class Unknown(Exception):
    """The bound cannot be computed (a character no font draws, a structure not modelled)."""


def _role_widths(role: str) -> dict[str, float]:
    table = _widths.get(role)
    if table is None:
        table = _widths[role] = {"\n": 0.0}    # a forced break (<br/>), no glyph
    return table


def _fill(table: dict[str, float], role: str, text: str) -> None:
    """Widths of the characters of ``text`` not yet in ``table``, in the font each is drawn with
    (the choice of ``fonts.font_runs``)."""
    chain = fonts.fonts_for(role)

    def advance(ch: str) -> float | None:
        font = chain[fonts._font_of(role, ch)]
        return metrics(font.path, font.index).width(ord(ch)) if ord(ch) in font.chars else None

    for ch in set(text).difference(table):
        width = advance(ch)
        if ch.isspace():
            # reportlab's parser turns a run of white space into one space: count the wider.
            width = max(width or 0.0, advance(" ") or 0.0)
        if width is None:
            raise Unknown(ch)
        table[ch] = width


def _advances(text: str, role: str) -> list[float]:
    table = _role_widths(role)
    try:
        return list(map(table.__getitem__, text))
    except KeyError:
        _fill(table, role, text)
        return list(map(table.__getitem__, text))


_lines_memo: dict[tuple, tuple[int, int]] = {}


def _lines(spec: Para, size: float, width: float) -> tuple[int, int]:
    """(at most, at least) how many lines reportlab sets ``spec`` in at ``width`` points."""
    indent = size * spec.first_line_indent
    runs = spec.runs
    if len(runs) == 1:                   # most paragraphs: a key without a loop
        key: tuple = (runs[0].text, runs[0].font, runs[0].bold, size, indent, width)
    else:
        key = (tuple((r.text, r.font, r.bold) for r in runs), size, indent, width)
    known = _lines_memo.get(key)
    if known is not None:
        return known
    embolden = bool(runs) and all(r.bold for r in runs)
    pieces = [(clean_text(r.text), "hei" if r.bold and not embolden else r.font) for r in runs]
    text = "".join(t for t, _ in pieces)
    advances = [a for t, role in pieces for a in _advances(t, role)]
    widest = max(advances, default=0.0)
    scale = size / 1000.0
    most = least = 0
    breaks = [i for i, ch in enumerate(text) if ch == "\n"] + [len(text)]
    start = 0
    for pos in breaks:
        segment = text[start:pos]
        # At least a line for text; an empty text is set as one blank line (a forced break alone
        # may make none).
        some = 1 if any(not ch.isspace() for ch in segment) or not text else 0
        advance = sum(advances[start:pos]) * scale
        shift = indent if start == 0 else 0.0
        if advance + shift <= width - MARGIN:
            most, least = most + 1, least + some          # never overflows: one line
        elif not any(ch.isspace() for ch in segment):
            # The text as reportlab sees it (its parser changes only white space): break it as it does.
            lines, rest = _breaks(segment, [scaled(a, size) for a in advances[start:pos]], width - shift, width)
            full = len(lines) - rest
            most, least = most + full + 1, least + full + (1 if rest else 0)
        elif len(breaks) == 1 and (exact := _as_lines(spec, width)) is not None:
            count = len(exact.lines(width))       # white space as reportlab's parser leaves it
            most, least = most + count, least + count
        else:
            # What a line can push back: one character, or (once per word) a Latin word with
            # the character after it (see the module docstring).
            words = [sum(advances[a:b + 1]) for a, b in _latin_words(text, start, pos)]
            room = width - max([widest, *words]) * scale - MARGIN
            narrow_room = width - widest * scale - MARGIN
            bounds = [1 + floor((advance + shift) / room)] if room > 0 else []
            if narrow_room > 0:
                bounds.append(1 + floor((advance + shift + sum(words) * scale) / narrow_room))
            if not bounds:
                raise Unknown("narrow")
            most, least = most + min(bounds), least + some
        start = pos + 1
    if len(_lines_memo) > 20000:
        _lines_memo.clear()
    _lines_memo[key] = (most, least)
    return most, least


def _latin_words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each run of characters below U+3000 that are not space separators."""
    words = []
    begin = None
    for i in range(start, end):
        ch = text[i]
        if ord(ch) < 0x3000 and ch not in _SPACES:
            if begin is None:
                begin = i
        elif begin is not None:
            words.append((begin, i))
            begin = None
    if begin is not None:
        words.append((begin, end))
    return words


def _breaks(text: str, widths: list[float], first: float, later: float) -> tuple[list[tuple[int, int]], bool]:
    """reportlab's ``cjkFragSplit`` / ``dumbSplit`` on ``text`` (no forced break; white space only
    as reportlab's own split joins lines with), whose characters are ``widths`` points wide: each
    line as (start, end), and whether the last is the rest of the text (not a filled line)."""
    lines: list[tuple[int, int]] = []
    i = start = 0
    used = 0.0
    limit = first
    n = len(text)
    while i < n:
        u = text[i]
        used += widths[i]
        i += 1
        if used > limit + FUZZ and used > 0:
            if ord(u) < 0x3000:           # inside Latin text: back up to a space or a CJK character
                for j in range(i - 1, (start + i) >> 1, -1):
                    if (text[j] in _SPACES or ord(text[j]) >= 0x3000) and j + 1 < i:
                        u = text[j + 1]
                        i = j + 2
                        break
            if u not in CANNOT_START and i > start + 1:
                i -= 1
            lines.append((start, i))
            limit = later
            start, used = i, 0.0
    if used > 0:
        lines.append((start, n))
        return lines, True
    return lines, False


# --- rows that exporters.pdf_rows cuts into pieces: laid out as reportlab would ----------------

PIECE = 60.0                          # exporters.pdf_rows.PIECE


Line = tuple[int, int, bool]     # start, end, and whether reportlab's split has put a space after it


class _Lines:
    """A paragraph in a row that may be cut, as reportlab holds it: its characters with their
    widths, broken into lines as reportlab breaks them, split as ``Paragraph.split`` splits.

    reportlab's split keeps the first lines as they are (a part that is split again keeps them
    too) and sets the rest as a new paragraph without first-line indent. For a paragraph of
    several fonts (several fragments) ``_split_blParaHard`` puts a space after each line of both
    parts but their last, in the lines themselves: the rest may take a line more, and so may a
    kept line that a later split sets afresh, or a part that an unsuccessful split makes forget
    its lines."""

    def __init__(self, chars: str, widths: list[float], spaces: list[float], several: bool, leading: float,
                 indent: float, before: float, after: float, given: list[Line] | None = None) -> None:
        self.chars, self.widths, self.spaces, self.several = chars, widths, spaces, several
        self.leading, self.indent, self.before, self.after = leading, indent, before, after
        self.given = given          # lines kept from the paragraph this was split from
        self._lines: tuple[float, list[Line]] | None = None

    def lines(self, width: float) -> list[Line]:
        if self.given is not None:
            return self.given
        if self._lines is None or self._lines[0] != width:
            breaks = _breaks(self.chars, self.widths, width - self.indent, width)[0]
            self._lines = (width, [(a, b, False) for a, b in breaks])
        return self._lines[1]

    def height(self, width: float) -> float:
        return len(self.lines(width)) * self.leading

    def split(self, width: float, room: float) -> list[_Lines]:
        if room < FUZZ:
            return []
        keep = int(room / float(self.leading))
        lines = self.lines(width)
        if keep <= 1:                 # reportlab leaves no orphan line
            if self.given is not None and len(self.given) > 1:
                # ... and forgets the lines it kept: the part is set afresh from its text.
                self.chars, self.widths, self.spaces = self._joined(lines)
                self.given, self._lines = None, None
            return []
        if len(lines) <= keep:
            return [self]
        kept = [(a, b, spaced or (self.several and i < keep - 1)) for i, (a, b, spaced) in enumerate(lines[:keep])]
        first = _Lines(self.chars, self.widths, self.spaces, self.several, self.leading, self.indent,
                       self.before, self.after, given=kept)
        chars, widths, spaces = self._joined(lines[keep:])
        second = _Lines(chars, widths, spaces, self.several, self.leading, 0.0, self.before, self.after)
        return [first, second]

    def _joined(self, lines: list[Line]) -> tuple[str, list[float], list[float]]:
        """The text of ``lines`` as a split part holds it: with a space after each line but the
        last (unless it ends in one) when the paragraph has several fragments."""
        chars: list[str] = []
        widths: list[float] = []
        spaces: list[float] = []
        for n, (a, b, spaced) in enumerate(lines):
            if not self.several:      # one fragment: reportlab keeps its lines stripped
                while a < b and self.chars[a] == " ":
                    a += 1
                while b > a and self.chars[b - 1] == " ":
                    b -= 1
            chars.append(self.chars[a:b])
            widths += self.widths[a:b]
            spaces += self.spaces[a:b]
            ends_in_space = b > a and self.chars[b - 1] == " "
            if b > a and (spaced or (self.several and n < len(lines) - 1)) and not ends_in_space:
                chars.append(" ")
                widths.append(self.spaces[b - 1])
                spaces.append(self.spaces[b - 1])
        return "".join(chars), widths, spaces


_as_lines_memo: dict[tuple, _Lines | None] = {}
_space_widths: dict[str, dict[str, float]] = {}    # role → character → width of a space in its font


def _as_lines(spec: Para, width: float) -> _Lines | None:
    """``spec`` as :class:`_Lines`; None when its text is not reportlab's exactly (white space,
    which reportlab's parser collapses, or a forced break) and it may take more than one line."""
    if spec.tabs:
        return None
    key = (tuple((r.text, r.font, r.bold, r.size) for r in spec.runs), spec.first_line_indent, spec.line_spacing,
           spec.space_before, spec.space_after, width)
    if key not in _as_lines_memo:
        if len(_as_lines_memo) > 4096:
            _as_lines_memo.clear()
        _as_lines_memo[key] = _make_lines(spec, width)
    kept = _as_lines_memo[key]
    # a copy: splitting a part may make it forget its lines, which must not reach the next form
    return None if kept is None else copy(kept)


def _space_width(role: str, ch: str) -> float:
    """The width (1/1000 of the size) of a space in the font that draws ``ch``."""
    table = _space_widths.setdefault(role, {})
    width = table.get(ch)
    if width is None:
        font = fonts.fonts_for(role)[fonts._font_of(role, ch)]
        width = metrics(font.path, font.index).width(0x20)
        if width is None:
            raise Unknown("no space")
        table[ch] = width
    return width


def _make_lines(spec: Para, width: float) -> _Lines | None:
    size = spec.runs[0].size if spec.runs else DEFAULT_SIZE
    leading = size * LINE_FACTOR * spec.line_spacing
    indent = size * spec.first_line_indent
    embolden = bool(spec.runs) and all(r.bold for r in spec.runs)
    pieces = [(clean_text(r.text), "hei" if r.bold and not embolden else r.font) for r in spec.runs]
    text = "".join(t for t, _ in pieces)
    if not text:
        return _Lines("", [], [], False, leading, indent, spec.space_before, spec.space_after, given=[(0, 0, False)])
    if any(ch in _UNMODELLED for ch in text):
        return None
    # The text as reportlab's Paragraph holds it: one fragment per font run, white space in a
    # fragment collapsed to one space in its font (cleanBlockQuotedText on the markup).
    chars: list[str] = []
    widths: list[float] = []
    spaces: list[float] = []
    fragments = 0
    for t, role in pieces:
        advances = _advances(t, role)
        start = 0
        while start < len(t):
            index = fonts._font_of(role, t[start])
            end = start + 1
            while end < len(t) and fonts._font_of(role, t[end]) == index:
                end += 1
            fragments += 1
            space = scaled(_space_width(role, t[start]), size)
            blank = False
            for i in range(start, end):
                ch = t[i]
                if ch.isspace():
                    if not blank:
                        chars.append(" ")
                        widths.append(space)
                        spaces.append(space)
                    blank = True
                else:
                    chars.append(ch)
                    widths.append(scaled(advances[i], size))
                    spaces.append(space)
                    blank = False
            start = end
    return _Lines("".join(chars), widths, spaces, fragments > 1, leading, indent, spec.space_before, spec.space_after)


# Characters whose handling by reportlab's parser is not modelled: a forced break, markup escapes
# (entities may split fragments) and the no-break space (it changes how white space is split).
_UNMODELLED = frozenset("\n&<>\xa0")


def _content(flowables: list[_Lines], width: float) -> float:
    """A cell's content height as reportlab's table measures it (``_listCellGeom``)."""
    if not flowables:
        return 0.0
    total = sum(f.height(width) + f.before + f.after for f in flowables)
    return total - flowables[0].before - flowables[-1].after


def _halves(f: _Lines, width: float, piece: float) -> list[_Lines]:
    """exporters.pdf_rows._halves."""
    h = f.height(width)
    if h <= piece:
        return [f]
    parts = f.split(width, max(piece, (h // (2 * piece)) * piece))
    if len(parts) != 2:
        return [f]
    return _halves(parts[0], width, piece) + _halves(parts[1], width, piece)


def _cut(flowables: list[_Lines], width: float, piece: float = PIECE) -> list[list[_Lines]]:
    """exporters.pdf_rows.cut, step for step."""
    pieces: list[list[_Lines]] = []
    current: list[_Lines] = []
    used = 0.0
    queue = list(flowables)
    queue.reverse()
    while queue:
        f = queue.pop()
        h = f.height(width)
        extra = f.before + f.after
        if used + h + extra <= piece:
            current.append(f)
            used += h + extra
            continue
        if h > piece:
            halves = _halves(f, width, piece)
            if len(halves) > 1:
                queue.extend(reversed(halves))
                continue
        parts = f.split(width, piece - used - f.before) if current else []
        if len(parts) == 2:
            current.append(parts[0])
            queue.append(parts[1])
        elif not current:
            current.append(f)
            used = piece
        else:
            queue.append(f)
        pieces.append(current)
        current, used = [], 0.0
    if current:
        pieces.append(current)
    return pieces


def _laid_row(cells: list[tuple[list[_Lines], float]], minimum: float) -> float:
    """The height of a row exactly as exporters.pdf_rows and reportlab set it, whole or cut."""
    left, right, top, bottom = PADDING
    natural = max((_content(f, w) for f, w in cells), default=0.0) + top + bottom
    measured = max((sum(f.height(w) + f.before + f.after for f in fs) for fs, w in cells), default=0.0)
    if measured + top + bottom <= max(CUT_ABOVE, minimum):   # exporters.pdf_rows keeps it whole
        return max(minimum, natural)
    pieces = [_cut(f, w) for f, w in cells]
    count = max(len(p) for p in pieces)
    total = 0.0
    for k in range(count):
        tallest = max((_content(p[k], w) for p, (_, w) in zip(pieces, cells) if k < len(p)), default=0.0)
        total += tallest + (top if k == 0 else 0.0) + (bottom if k == count - 1 else 0.0)
    return total


def _para_height(spec: Para, width: float) -> tuple[float, float, float, float]:
    """(height at most, height at least, space before, space after) of ``spec`` at ``width`` points."""
    if spec.tabs:
        return (*_tabbed_height(spec, width), 0.0, 0.0)
    size = spec.runs[0].size if spec.runs else DEFAULT_SIZE
    leading = size * LINE_FACTOR * spec.line_spacing
    most, least = _lines(spec, size, width)
    return most * leading, least * leading, spec.space_before, spec.space_after


def _tabbed_height(spec: Para, width: float) -> tuple[float, float]:
    """A paragraph with tab stops: a borderless one-row table (as ``pdf_writer._tabbed``)."""
    pieces = spec.tab_pieces()
    if len(pieces) > len(spec.tabs) + 1:
        raise Unknown("more tabs than tab stops")   # more cells than columns: only reportlab knows
    stops = [0.0, *spec.tabs][: len(pieces)]
    widths = [(b - a) * CM for a, b in zip(stops, stops[1:])]
    widths.append(width - sum(widths))
    most = least = 0.0
    for runs, w in zip(pieces, widths):
        up, low, _, _ = _para_height(Para(runs, align="left"), w)
        most, least = max(most, up), max(least, low)
    return most + spec.space_before + spec.space_after, least


def _cell_content(paras: list[Para], width: float) -> tuple[float, float, float]:
    """Content height of a cell as reportlab's table measures it (``_listCellGeom``): (at most,
    at least without any space, at most with every space as exporters.pdf_rows measures it)."""
    spaced = least = 0.0
    first_before = last_after = 0.0
    for i, p in enumerate(paras):
        up, low, before, after = _para_height(p, width)
        spaced += up + before + after
        least += low
        if i == 0:
            first_before = before
        last_after = after
    return (spaced - first_before - last_after if paras else 0.0), least, spaced


def _table_height(spec: Table) -> tuple[float, float]:
    widths = [w * CM for w in spec.widths]
    left, right, top, bottom = PADDING
    most = least = 0.0
    for row in spec.rows:
        c = 0                  # no cell spans rows, so each row's cells follow one another
        natural = natural_low = cut_measure = 0.0
        for cell in row.cells:
            if cell.rowspan != 1:
                raise Unknown("rowspan")
            inner = sum(widths[c:c + cell.colspan]) - left - right
            if inner <= 0 or c + cell.colspan > len(widths):
                raise Unknown("width")
            content, low, spaced = _cell_content(cell.paras, inner)
            natural, natural_low = max(natural, content), max(natural_low, low)
            cut_measure = max(cut_measure, spaced)
            c += cell.colspan
        minimum = row.min_height * CM
        height = max(minimum, natural + top + bottom)
        low = max(minimum, natural_low + top + bottom)
        # pdf_rows decides on the content with the first space before and the last space after
        if not row.header and cut_measure + top + bottom > max(CUT_ABOVE, minimum):
            # pdf_rows may cut the row into stacked pieces, and reportlab's split may add lines:
            # follow both step for step where the text is exactly known.
            height = low = _cut_row(row, widths, minimum)
        most += height
        least += low
    return most, least


_cut_rows: dict[tuple, float] = {}


def _cut_row(row: Row, widths: list[float], minimum: float) -> float:
    """The height of a row that pdf_rows may cut (remembered: many forms share their tall rows)."""
    key = (tuple((tuple((tuple((r.text, r.font, r.bold, r.size) for r in p.runs), p.first_line_indent,
                         p.line_spacing, p.space_before, p.space_after, p.tabs) for p in c.paras), c.colspan)
                 for c in row.cells), tuple(widths), minimum)
    height = _cut_rows.get(key)
    if height is None:
        cells = _row_lines(row, widths)
        if cells is None:
            raise Unknown("cut row")
        if len(_cut_rows) > 1024:
            _cut_rows.clear()
        height = _cut_rows[key] = _laid_row(cells, minimum)
    return height


def _row_lines(row: Row, widths: list[float]) -> list[tuple[list[_Lines], float]] | None:
    left, right, _, _ = PADDING
    cells = []
    c = 0
    for cell in row.cells:
        inner = sum(widths[c:c + cell.colspan]) - left - right
        flowables = [_as_lines(p, inner) for p in cell.paras]
        if any(f is None for f in flowables):
            return None
        cells.append((flowables, inner))
        c += cell.colspan
    return cells  # type: ignore[return-value]


def _bounds(doc: Document) -> tuple[float, float]:
    """(at most, at least) the height the PDF layout gives ``doc``'s blocks."""
    page_width = A4[1] if doc.landscape else A4[0]
    _, right, _, left = (m * CM for m in doc.margins_cm)
    width = page_width - left - right
    # Most: every space counted in full. Least: as reportlab's frame places them (the first
    # block's space before dropped at the top of the page, a space after and the next space
    # before overlapping, the last space after left out).
    most = least = 0.0
    after_previous: float | None = None
    for block in doc.blocks:
        if isinstance(block, Para):
            up, low, before, after = _para_height(block, width)
            flowables = [(up, low, before, after)]
        elif isinstance(block, Table):
            if sum(block.widths) * CM > width + MARGIN:
                raise Unknown("wide table")
            up, low = _table_height(block)
            flowables = [(up, low, 0.0, 0.0), (TABLE_GAP, TABLE_GAP, 0.0, 0.0)]
        else:
            raise Unknown(type(block).__name__)
        for up, low, before, after in flowables:
            most += before + up + after
            least += low + (max(after_previous, before) if after_previous is not None else 0.0)
            after_previous = after
    return most, least


def _frame_height(doc: Document) -> float:
    page_height = A4[0] if doc.landscape else A4[1]
    top, _, bottom, _ = (m * CM for m in doc.margins_cm)
    return page_height - top - bottom - (ONE_PAGE_RESERVE if doc.one_page else 0.0)


def pages_known(doc: Document) -> int | None:
    """1 when the PDF layout of ``doc`` certainly takes one page, 2 when it certainly takes more
    (at least two), None when only laying it out tells."""
    try:
        most, least = _bounds(doc)
    except Unknown:
        return None
    frame = _frame_height(doc)
    if most <= frame - MARGIN:
        return 1
    if least > frame + MARGIN:
        return 2
    return None
