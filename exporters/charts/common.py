"""What every chart shares: fonts, a figure of the print size reused per kind, a renderer that keeps
what text drawing looks up, the placing of a single axes, PNG output.

Charts are drawn with matplotlib's object API (``matplotlib.figure.Figure`` on the Agg canvas):
no pyplot, no GUI backend, so exports run without Qt and the window's preview shows the very PNG
that is exported. Text uses the bundled fonts with matplotlib's per-glyph fallback: DejaVu Sans
first (Latin, digits, ℃, ², ±; WenQuanYi maps ℃ to an empty glyph, so it must not come first),
then WenQuanYi Micro Hei for Chinese.
"""
from __future__ import annotations

import math
import re
import struct
import threading
import zlib
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Any

import matplotlib
import numpy as np
from matplotlib import font_manager, ft2font
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.transforms import Bbox

from exporters.fonts import BUNDLED_CJK, BUNDLED_SYMBOLS

CM_PER_INCH = 2.54
MIN_PIXELS = 1200          # a chart printed across the text width stays sharp (≥ 200 dpi at 15 cm)

# Colours: print well in black and white too (distinct greys), calm on screen.
BAR_COLOR = "#4F81BD"
BAR_EDGE = "#1F3864"
ACCENT = "#C0504D"
TARGET_COLOR = "#9BBB59"
TEXT_COLOR = "#000000"
GRID_COLOR = "#BFBFBF"

FONT_SIZE = 9.0

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_LEVEL = 3



@cache
def font_family() -> tuple[str, ...]:
    """Register the bundled fonts once; the family list matplotlib falls back through per glyph."""
    names: list[str] = []
    for _name, path, _index in (BUNDLED_SYMBOLS, BUNDLED_CJK):
        try:
            font_manager.fontManager.addfont(str(path))
            names.append(font_manager.FontProperties(fname=str(path)).get_name())
        except (OSError, RuntimeError, ValueError):  # a damaged file: matplotlib's own fonts remain
            continue
    names.append("DejaVu Sans")
    return tuple(dict.fromkeys(names))


def rc() -> dict[str, Any]:
    """rcParams every chart is drawn under (applied with ``matplotlib.rc_context``)."""
    return {
        "font.family": list(font_family()),
        "font.size": FONT_SIZE,
        "axes.unicode_minus": False,
        "axes.linewidth": 0.8,
        "axes.edgecolor": TEXT_COLOR,
        "text.color": TEXT_COLOR,
        "axes.labelcolor": TEXT_COLOR,
        "xtick.color": TEXT_COLOR,
        "ytick.color": TEXT_COLOR,
        "svg.fonttype": "none",
    }


# What text drawing looks up again and again, kept across charts: a text's glyphs and their offsets,
# its measured size, the line metrics of a font. Keyed as matplotlib's own font caches are (the font
# properties' hash, the dpi, the hinting, the thread, as fonts are per thread); emptied when large.
_glyph_runs: dict[tuple, tuple] = {}
_text_sizes: dict[tuple, tuple[float, float, float]] = {}
_line_metrics: dict[tuple, tuple[float, float, float]] = {}
_glyph_bitmaps: dict[tuple, tuple[np.ndarray, int, int]] = {}
_rotations: dict[float, tuple[float, float, np.ndarray]] = {}
_TEXT_CACHE_SIZE = 20000
# matplotlib 3.11 lays text out and renders it glyph by glyph from Python; earlier versions render a
# whole text in C and are drawn as they are (only the measuring is kept there). The glyph path
# repeats 3.11's private drawing code, so it is taken on the release it was checked against only:
# a later one may draw differently under the same names, and then draws as matplotlib does.
_GLYPH_BY_GLYPH = (tuple(int(p) for p in matplotlib.__version__.split(".")[:2]) == (3, 11)
                   and hasattr(RendererAgg, "_draw_text_glyphs_and_boxes") and hasattr(ft2font, "RenderMode")
                   and all(hasattr(ft2font.FT2Font, name) for name in ("_layout", "_render_glyph", "_set_transform")))


def _remember(cache: dict, key: tuple, value: Any) -> Any:
    if len(cache) >= _TEXT_CACHE_SIZE:
        cache.clear()
    cache[key] = value
    return value


class ChartRenderer(RendererAgg):
    """matplotlib's Agg renderer, remembering the layout of each text it has drawn or measured.

    A chart's texts (tick values, axis titles, 目标值, 类 names…) recur from chart to chart and are
    measured several times per drawing; laying a text out in its font chain costs tens of µs per
    glyph. The glyphs are rendered as matplotlib renders them, so the pixels are the same. What is
    kept is shared by every drawing: drawings run one at a time, under the render lock
    (``exporters.charts.cache``), as matplotlib's own font objects require.
    """

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):  # type: ignore[override]
        if (not _GLYPH_BY_GLYPH or ismath
                or (mtext is not None and (mtext.get_fontfeatures() or mtext.get_language()))):
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        flags = get_hinting_flag()
        key = (hash(prop), self.dpi, s, flags, threading.get_ident())
        run = _glyph_runs.get(key)
        if run is None:
            font = self._prepare_font(prop)
            run = _remember(_glyph_runs, key, tuple(
                (item.ft_object, item.glyph_index, item.x, item.y) for item in font._layout(s, flags=flags)))
        size = prop.get_size_in_points()
        if not gc.get_antialiased():
            self._draw_text_glyphs_and_boxes(
                gc, x, y, angle, ((font, size, glyph, 0, 1, dx, dy) for font, glyph, dx, dy in run), [])
            return
        self._draw_glyphs(gc, x, y, angle, size, run, flags)

    def _draw_glyphs(self, gc, x: float, y: float, angle: float, size: float, run: tuple, flags: Any) -> None:
        """What ``RendererAgg._draw_text_glyphs_and_boxes`` does for antialiased glyphs, with each glyph's
        bitmap kept: a glyph rendered at the same size and the same fraction of a pixel is the same
        bitmap moved by whole pixels, and charts draw the same glyphs at such places again and again."""
        rotation = _rotations.get(angle)
        if rotation is None:
            cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
            matrix = (0x10000 * np.array([[cos, -sin], [sin, cos]]) @ [[1, 0], [0, 1]]).round().astype(int)
            rotation = _rotations[angle] = (cos, sin, matrix)
        cos, sin, matrix = rotation
        height = self.height
        for font, glyph, dx, dy in run:   # dy is upwards
            fx = round(0x40 * (x + dx * cos - dy * sin))
            fy = round(0x40 * (height - y + dx * sin + dy * cos))   # FreeType's y is upwards
            key = (font, size, self.dpi, glyph, angle, flags, fx & 63, fy & 63)
            kept = _glyph_bitmaps.get(key)
            if kept is None:
                font.set_size(size, self.dpi)
                font._set_transform(matrix, [fx, fy])
                bitmap = font._render_glyph(glyph, flags, ft2font.RenderMode.NORMAL)
                kept = _remember(_glyph_bitmaps, key,
                                 (bitmap.buffer, bitmap.left - (fx >> 6), bitmap.top - (fy >> 6)))
            buffer, left, top = kept
            # draw_text_image's y is downwards, to the bitmap's bottom side.
            self._renderer.draw_text_image(buffer, left + (fx >> 6),
                                           int(height) - (top + (fy >> 6)) + buffer.shape[0], 0, gc)

    def get_text_width_height_descent(self, s, prop, ismath):  # type: ignore[override]
        if ismath:
            return super().get_text_width_height_descent(s, prop, ismath)
        key = (hash(prop), self.dpi, s, get_hinting_flag(), threading.get_ident())
        size = _text_sizes.get(key)
        if size is None:
            size = _remember(_text_sizes, key, super().get_text_width_height_descent(s, prop, ismath))
        return size

    def _get_font_height_metrics(self, prop):  # noqa: ANN001 — matplotlib's hook for Text._get_layout
        """Ascent, descent and line gap of the font of ``prop`` at this dpi, as ``Text`` computes them
        from the font's tables (the same arithmetic, done once per font, size and dpi)."""
        key = (hash(prop), self.dpi, threading.get_ident())
        metrics = _line_metrics.get(key)
        if metrics is None:
            font = font_manager.get_font(font_manager.fontManager._find_fonts_by_props(prop))
            metrics = (None, None, None)
            for table_name, gap_key, ascent_key, descent_key in (
                    ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                    ("hhea", "lineGap", "ascent", "descent")):
                table = font.get_sfnt_table(table_name)
                if table is None:
                    continue
                scale = 1 / font.get_sfnt_table("head")["unitsPerEm"] * prop.get_size_in_points() * self.dpi / 72
                metrics = (table[ascent_key] * scale, -table[descent_key] * scale, table[gap_key] * scale)
                break
            _remember(_line_metrics, key, metrics)
        return metrics


class ChartCanvas(FigureCanvasAgg):
    """The Agg canvas, drawing with :class:`ChartRenderer`."""

    def get_renderer(self) -> RendererAgg:
        renderer = super().get_renderer()
        if type(renderer) is RendererAgg:   # just made for a new size: the same renderer, drawing as ours
            renderer.__class__ = ChartRenderer
        return renderer


def new_figure(width_cm: float, height_cm: float) -> Figure:
    """A white figure of the printed size, drawn by :class:`ChartCanvas`."""
    fig = Figure(figsize=(width_cm / CM_PER_INCH, height_cm / CM_PER_INCH), facecolor="white")
    ChartCanvas(fig)
    return fig


_figures: dict[str, tuple[Figure, list[Axes], set[Any]]] = {}


def reused_figure(kind: str, width_cm: float, height_cm: float,
                  make_axes: Callable[[Figure], list[Axes]]) -> tuple[Figure, list[Axes]]:
    """The figure of ``kind`` and its axes, made by ``make_axes`` the first time, emptied after.

    Building a figure with its axes, ticks and spines costs about a quarter of a drawing, and a
    figure of the same pixel size keeps its renderer, whose cache of text sizes (tick labels, axis
    titles) then serves the next chart. Each kind always sets the same axes properties and its own
    limits, so only what a drawing adds is taken away; what ``make_axes`` adds to the figure (e.g. a
    legend that never changes) stays. Callers hold the render lock (``exporters.charts.cache``):
    one drawing at a time.
    """
    held = _figures.get(kind)
    if held is None:
        fig = new_figure(width_cm, height_cm)
        axes = make_axes(fig)
        _figures[kind] = (fig, axes, {*fig.legends, *fig.texts})
        return fig, axes
    fig, axes, fixed = held
    for artist in [*fig.legends, *fig.texts]:
        if artist not in fixed:
            artist.remove()
    for ax in axes:
        for container in list(ax.containers):
            container.remove()
        for artist in [*ax.lines, *ax.patches, *ax.texts, *ax.collections, *ax.images]:
            artist.remove()
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.dataLim.set(Bbox.null())
        ax.ignore_existing_data_limits = True
    fig.set_size_inches(width_cm / CM_PER_INCH, height_cm / CM_PER_INCH)
    return fig, axes


def add_line(ax: Axes, xs: Any, ys: Any, **style: Any) -> Line2D:
    """A line as ``ax.plot(xs, ys, **style)`` draws it (``style`` names its colour), added without
    the data-limit bookkeeping, which costs more than the line: every chart sets its own limits."""
    line = Line2D(xs, ys, **style)
    ax.add_artist(line)
    return line


def add_rectangle(ax: Axes, left: float, bottom: float, width: float, height: float, **style: Any) -> Rectangle:
    """A bar as ``ax.bar``/``ax.barh`` draws it, added as :func:`add_line` adds a line."""
    rectangle = Rectangle((left, bottom), width, height, **style)
    ax.add_artist(rectangle)
    return rectangle


PAD_INCH = 3 / 72          # room around what an axes' decorations take, as constrained layout leaves
FIT_START = (0.125, 0.11, 0.775, 0.77)   # where a new subplot sits: where constrained layout starts too


def fit_axes(fig: Figure, ax: Axes) -> None:
    """Place the single ``ax`` so that it, its tick labels, axis titles and texts fill ``fig`` with
    :data:`PAD_INCH` to spare on every side: what ``layout="constrained"`` does for one axes (measure
    what sticks out of the axes, make that room, measure again once since texts placed in data
    units stick out by more or less when the axes changes size), without its general solver, which
    costs as much as the measuring. Call at the final dpi, before drawing."""
    ax.set_position(FIT_START)
    w_pad = PAD_INCH / fig.get_figwidth()
    h_pad = PAD_INCH / fig.get_figheight()
    for _ in range(2):
        box = ax.get_tightbbox(fig.canvas.get_renderer(), for_layout_only=True)
        if box is None:
            return
        box = box.transformed(fig.transFigure.inverted())
        pos = ax.get_position(original=True)
        left = w_pad + pos.x0 - box.x0
        right = w_pad + box.x1 - pos.x1
        bottom = h_pad + pos.y0 - box.y0
        top = h_pad + box.y1 - pos.y1
        if left + right >= 1 or bottom + top >= 1:   # labels crowd the axes out: leave it where it is
            return
        ax.set_position((left, bottom, 1 - left - right, 1 - bottom - top))


def png_of(fig: Figure, width_cm: float, dpi: int, *, fit: Axes | None = None) -> bytes:
    """PNG bytes at ``dpi`` or more, so the printed width has at least :data:`MIN_PIXELS`.

    ``fit``: an axes placed by :func:`fit_axes` at that dpi. Drawn once on the Agg canvas and
    written as RGB (charts are opaque) by :func:`png_bytes`.
    """
    fig.set_dpi(math.ceil(max(float(dpi), MIN_PIXELS / (width_cm / CM_PER_INCH))))
    if fit is not None:
        fit_axes(fig, fit)
    canvas = fig.canvas
    canvas.draw()
    rgba = np.asarray(canvas.buffer_rgba())
    return png_bytes(rgba[:, :, :3], fig.dpi)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


_rows = threading.local()   # each thread's buffer of PNG rows, kept: a fresh one costs page faults


def png_bytes(rgb: np.ndarray, dpi: float, level: int = PNG_LEVEL) -> bytes:
    """An 8-bit RGB PNG of the ``(height, width, 3)`` pixels, ``dpi`` noted for Word and PDF.

    Every row unfiltered (filter type 0) and deflated at a low level: Pillow tries all five PNG
    filters on every row, which costs more than the deflating, and for charts (large flat areas)
    the filters gain little; a higher level costs twice the time for a fifth less size. The rows
    (a filter byte, then the pixels) are put together in a buffer kept for the next chart and
    deflated from there: allocating megabytes afresh for every chart costs page faults.
    """
    height, width, _ = rgb.shape
    stride = 1 + width * 3
    buffer = getattr(_rows, "buffer", None)
    if buffer is None or buffer.size < height * stride:
        buffer = _rows.buffer = np.empty(height * stride, dtype=np.uint8)
    rows = buffer[:height * stride].reshape(height, stride)
    rows[:, 0] = 0
    pixels = rows[:, 1:].reshape(height, width, 3)
    for channel in range(3):   # one channel at a time: numpy copies 3 of 4 bytes per pixel slowly
        pixels[:, :, channel] = rgb[:, :, channel]
    per_metre = round(dpi / 0.0254)
    return b"".join((
        PNG_SIGNATURE,
        _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)),
        _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
        _chunk(b"IDAT", zlib.compress(rows, level)),
        _chunk(b"IEND", b""),
    ))


def number_text(value: Decimal | float | int | None) -> str:
    """A number as printed on a chart: no trailing zeros, no exponent."""
    if value is None:
        return ""
    return format(Decimal(str(value)).normalize(), "f")


PT_CM = CM_PER_INCH / 72
_TOKEN = re.compile(r"[A-Za-z0-9.,:%±℃°²³+\-/~～（）()]+|\s+|.")


def text_width_cm(text: str, size_pt: float) -> float:
    """Rough printed width: full width for CJK, about half for Latin letters and digits."""
    em = size_pt * PT_CM
    return sum(em if ord(ch) > 0x2E7F else em * 0.56 for ch in text)


def wrap_lines(text: str, width_cm: float, size_pt: float = FONT_SIZE) -> list[str]:
    """``text`` in lines no wider than ``width_cm``, balanced (no lone last character), numbers
    and Latin words kept whole, Chinese broken between any two characters."""
    text = " ".join(text.split())
    total = text_width_cm(text, size_pt)
    if total <= width_cm or width_cm <= 0:
        return [text]
    # Even lines: the share of each line plus one character's slack, never beyond the room.
    target = min(width_cm, total / math.ceil(total / width_cm) + size_pt * PT_CM * 0.9)
    tokens: list[str] = []
    for token in _TOKEN.findall(text):
        if len(token) > 1 and text_width_cm(token, size_pt) > width_cm:
            tokens.extend(token)   # a run too long for any line is broken too
        else:
            tokens.append(token)
    lines, current = [], ""
    for token in tokens:
        if current and text_width_cm(current + token, size_pt) > target:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current += token
    if current:
        lines.append(current)
    return lines


def wrap(text: str, width_cm: float, size_pt: float = FONT_SIZE) -> str:
    return "\n".join(wrap_lines(text, width_cm, size_pt))


def unit_suffix(unit: str) -> str:
    return f"（{unit.strip()}）" if unit.strip() else ""
