"""reportlab's CJK line breaking, the same lines at a third of the cost.

A paragraph of several fragments (fonts) with ``wordWrap="CJK"`` is broken by reportlab's
``cjkFragSplit``: it makes a string object per character, measures each character on its own
(``stringWidth``) and, per line, compares every character's fragment with the one before
(``sameFrag``) and looks its font's ascent up again. :func:`cjk_frag_split` runs the same algorithm
step for step on plain lists: widths come from a table per font and size (the same ``stringWidth``
values), and a run of characters of one fragment is compared and measured once, which gives what
comparing each character gave (a fragment is the same as itself; the maximum of equal numbers is
that number). Fragments reportlab treats specially (inline images, ``cbDefn``) and byte strings
go to reportlab's own function.

:func:`install` puts it in place of reportlab's for the versions checked (4.0 to 5.1, whose
``cjkFragSplit`` and ``makeCJKParaLine`` are the same), with :func:`char_widths` for the one-font
paragraphs (``wordSplit``); tests compare the lines of generated paragraphs with reportlab's own.
"""
from __future__ import annotations

from typing import Any
from unicodedata import category

import reportlab
from reportlab.lib import textsplit as rl_textsplit
from reportlab.lib.rl_accel import sameFrag
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.paragraph import FragLine, ParaLines
from reportlab.rl_config import _FUZZ

CHECKED_VERSIONS = ("4.", "5.0", "5.1.")
original_cjk_frag_split = rl_paragraph.cjkFragSplit

_widths: dict[tuple[str, float], dict[str, float]] = {}


def _width_table(font_name: str, font_size: float) -> dict[str, float]:
    table = _widths.get((font_name, font_size))
    if table is None:
        table = _widths[(font_name, font_size)] = {}
    return table


def char_widths(word: str, fontName: str, fontSize: float) -> list[float]:  # noqa: N803
    """reportlab's ``textsplit.getCharWidths`` (the widths of a one-font paragraph's characters,
    each ``stringWidth`` of the character alone), from the table of the font and size."""
    table = _width_table(fontName, fontSize)
    get = table.get
    widths = [get(ch) for ch in word]
    if None in widths:
        for i, w in enumerate(widths):
            if w is None:
                widths[i] = table[word[i]] = stringWidth(word[i], fontName, fontSize)
    return widths


_ascent_descent: dict[tuple[str, float], tuple[float, float]] = {}


def _ascent_and_descent(font_name: str, font_size: float) -> tuple[float, float]:
    key = (font_name, font_size)
    found = _ascent_descent.get(key)
    if found is None:
        found = _ascent_descent[key] = getAscentDescent(font_name, font_size)
    return found


def _line(chars: list[str], frags: list[Any], start: int, end: int, max_width: float, width_used: float,
          extra_space: float, line_break: bool, calc_bounds: bool) -> FragLine:
    """reportlab's ``makeCJKParaLine`` for ``chars[start:end]``."""
    words = []
    cw: list[str] = []
    f0 = FragLine()
    max_size = max_ascent = min_descent = 0
    previous = None
    simple = False
    for i in range(start, end):
        f = frags[i]
        if f is previous and simple:
            same = True          # sameFrag(f0, f) held for this fragment already (or f0 is f)
        else:
            font_size = f.fontSize
            if calc_bounds:
                cb_defn = getattr(f, "cbDefn", None)
                if getattr(cb_defn, "width", 0):
                    descent, ascent = rl_paragraph.imgVRange(
                        rl_paragraph.imgNormV(cb_defn.height, font_size), cb_defn.valign, font_size)
                else:
                    ascent, descent = _ascent_and_descent(f.fontName, font_size)
            else:
                ascent, descent = _ascent_and_descent(f.fontName, font_size)
            max_size = max(max_size, font_size)
            max_ascent = max(max_ascent, ascent)
            min_descent = min(min_descent, descent)
            same = sameFrag(f0, f)
            d = f.__dict__
            simple = "cbDefn" not in d and "lineBreak" not in d
            previous = f
        if not same:
            f0 = f0.clone()
            f0.text = "".join(cw)
            words.append(f0)
            cw = []
            f0 = f
        cw.append(chars[i])
    if cw:
        f0 = f0.clone()
        f0.text = "".join(cw)
        words.append(f0)
    return FragLine(kind=1, extraSpace=extra_space, wordCount=1, words=words[1:], fontSize=max_size,
                    ascent=max_ascent, descent=min_descent, maxWidth=max_width, currentWidth=width_used,
                    lineBreak=line_break)


def cjk_frag_split(frags: list[Any], maxWidths: list[float], calcBounds: bool,  # noqa: N803
                   encoding: str = "utf8") -> ParaLines:
    """reportlab's ``cjkFragSplit``, step for step."""
    if any(hasattr(f, "cbDefn") or not isinstance(f.text, str) for f in frags):
        return original_cjk_frag_split(frags, maxWidths, calcBounds, encoding)
    chars: list[str] = []
    widths: list[float] = []
    owners: list[Any] = []
    for f in frags:
        text = f.text
        if text:
            chars.extend(text)
            widths.extend(char_widths(text, f.fontName, f.fontSize))
            owners.extend([f] * len(text))
        else:
            chars.append(text)
            widths.append(stringWidth(text, f.fontName, f.fontSize))
            owners.append(f)
    cannot_start = rl_paragraph.ALL_CANNOT_START   # read now: the PDF writer adds Chinese marks
    breaks = {id(f): hasattr(f, "lineBreak") for f in frags}
    lines = []
    i = width_used = line_start = 0
    max_width = maxWidths[0]
    n = len(chars)
    while i < n:
        u = chars[i]
        f = owners[i]
        w = widths[i]
        i += 1
        width_used += w
        line_break = breaks[id(f)]
        end_line = (width_used > max_width + _FUZZ and width_used > 0) or line_break
        if end_line:
            extra_space = max_width - width_used
            if not line_break:
                if ord(u) < 0x3000:
                    # reportlab: inside a non-Asian stretch, go back to a space or a CJK character
                    limit = (line_start + i) >> 1
                    for j in range(i - 1, limit, -1):
                        uj = chars[j]
                        if uj and category(uj) == "Zs" or ord(uj) >= 0x3000:
                            k = j + 1
                            if k < i:
                                j = k + 1
                                extra_space += sum(widths[ii] for ii in range(j, i))
                                w = widths[k]
                                u = chars[k]
                                i = j
                                break
                # a character that cannot start a line hangs in the margin; else it goes down
                if u not in cannot_start and i > line_start + 1:
                    i -= 1
                    extra_space += w
            lines.append(_line(chars, owners, line_start, i, max_width, width_used, extra_space, line_break,
                               calcBounds))
            try:
                max_width = maxWidths[len(lines)]
            except IndexError:
                max_width = maxWidths[-1]
            line_start = i
            width_used = 0
    if width_used > 0:
        lines.append(_line(chars, owners, line_start, n, max_width, width_used, max_width - width_used, False,
                           calcBounds))
    return ParaLines(kind=1, lines=lines)


def install() -> None:
    """Use :func:`cjk_frag_split` and :func:`char_widths` for reportlab's paragraphs (for the
    reportlab versions checked)."""
    if reportlab.Version.startswith(CHECKED_VERSIONS):
        rl_paragraph.cjkFragSplit = cjk_frag_split
        rl_textsplit.getCharWidths = char_widths
