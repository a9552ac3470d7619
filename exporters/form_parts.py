"""Pieces shared by the form documents: title block, label and value cells, dates and numbers."""
from __future__ import annotations

from decimal import Decimal

from dataclasses import replace
from functools import lru_cache

from exporters.layout import (
    SIZE_SI, SIZE_WU, SIZE_XIAO_ER, SIZE_XIAO_WU, Cell, Para, Row, Run, para,
)

TABLE_SIZE = SIZE_WU
FORM_MARGINS = (2.2, 2.0, 2.0, 2.0)   # top, right, bottom, left (cm): 17 cm of text width


BLANK_DATE = "    年    月    日"
"""The date line of the sample tables, left for the hand when no date is known."""


_PLAIN_DIGITS = 40   # beyond this a number (an error the check reports) is shown in exponent form


def number(value: Decimal | int | None) -> str:
    """A number as typed, not in exponent notation unless absurdly long; empty for ``None``."""
    if value is None:
        return ""
    if isinstance(value, int):
        if abs(value) < 10 ** _PLAIN_DIGITS:
            return str(value)
        value = Decimal(value)
    if not value.is_finite():
        return str(value)
    if value.as_tuple().exponent > -_PLAIN_DIGITS and (value == 0 or value.adjusted() < _PLAIN_DIGITS):  # type: ignore[operator]
        return format(value, "f")
    return "0" if value == 0 else format(value, ".15G")


def label(text: str, *, colspan: int = 1, rowspan: int = 1, align: str = "center") -> Cell:
    """A label cell; a line break in ``text`` makes two lines, as in 主要完成人 / （不超过10人）."""
    paras = [para(line, size=TABLE_SIZE, align=align) for line in text.split("\n")]
    return Cell(paras, colspan=colspan, rowspan=rowspan, align=align)  # type: ignore[arg-type]


def value(text: str, *, colspan: int = 1, align: str = "left") -> Cell:
    paras = [para(line, size=TABLE_SIZE, align=align) for line in (text.split("\n") if text else [""])]
    return Cell(paras, colspan=colspan, align=align)  # type: ignore[arg-type]


def title_block(title: str, subtitle: str = "", attachment: str = "") -> list[Para]:
    """附件N, the title (宋体 小二 bold; a line break in ``title`` makes two lines, as 附件7's), the subtitle."""
    blocks: list[Para] = []
    if attachment:
        blocks.append(para(attachment, font="hei", size=SIZE_SI - 2, space_after=6))
    lines = title.split("\n")
    for i, line in enumerate(lines):
        blocks.append(para(line, font="song", size=SIZE_XIAO_ER, bold=True, align="center",
                           space_after=2 if i == len(lines) - 1 else 0))
    if subtitle:
        blocks.append(para(subtitle, font="kai", size=SIZE_SI, align="center", space_after=6))
    return blocks


def declarant_line(name: str) -> Para:
    """申报单位：<name>（盖章）, name underlined as if written on the line."""
    return Para([
        Run("申报单位：", size=SIZE_SI - 2),
        Run(f"  {name}  " if name else " " * 40, size=SIZE_SI - 2, underline=True),
        Run("（盖章）", size=SIZE_SI - 2),
    ], space_after=6)


def notes(lines: list[str]) -> list[Para]:
    return [para(line, size=SIZE_XIAO_WU, space_before=4 if i == 0 else 0)
            for i, line in enumerate(lines)]


def text_paras(text: str, *, size: float = TABLE_SIZE, indent: float = 2.0) -> list[Para]:
    """User text as paragraphs, one per line, with 首行缩进."""
    lines = [line.strip() for line in text.split("\n")]
    return [para(line, size=size, first_line_indent=indent, align="justify") for line in lines if line]


CHECKED, UNCHECKED = "☑", "□"
CELL_PADDING_CM = 0.4     # left and right cell margins together (Word's 0.19 cm each; the PDF's are less)


def text_em(text: str) -> float:
    """The width of ``text`` in ems: Chinese characters and full-width marks 1, Latin letters ½."""
    return sum(1.0 if ord(ch) >= 0x2000 else 0.5 for ch in text)


def fits(text: str, size: float, width_cm: float) -> bool:
    return text_em(text) * size <= (width_cm - CELL_PADDING_CM) / 2.54 * 72


def _box(o: str, chosen: list[str]) -> Run:
    return Run(CHECKED if o in chosen else UNCHECKED, "symbol", TABLE_SIZE)


def checkbox_line(options: tuple[str, ...], chosen: list[str], width_cm: float = 17.0) -> list[Para]:
    """``发表评审☑  现场评审□ …`` as in 附件6: the boxes in one font at one size, lines broken only
    between options (never “单独举办 / □”)."""
    lines: list[list[str]] = [[]]
    for o in options:
        candidate = "  ".join([*lines[-1], o + UNCHECKED])
        if lines[-1] and not fits(candidate, TABLE_SIZE, width_cm):
            lines.append([])
        lines[-1].append(o)
    paras = []
    for line in lines:
        runs: list[Run] = []
        for i, o in enumerate(line):
            runs += [Run(("  " if i else "") + o, "song", TABLE_SIZE), _box(o, chosen)]
        paras.append(Para(runs))
    return paras


def checkbox_lines(options: tuple[str, ...], chosen: list[str]) -> list[Para]:
    """``☑ 小组成果`` / ``□ 班组成果``, one per line, as in 附件7."""
    return [Para([_box(o, chosen), Run(f" {o}", "song", TABLE_SIZE)]) for o in options]


@lru_cache(maxsize=4096)
def _bracket_at(text: str, size: float, width_cm: float) -> int:
    """Where ``text`` is broken before its closing bracket (0: not broken). Remembered: every form
    asks for the same labels."""
    start = text.rfind("（")
    return 0 if start <= 0 or not text.endswith("）") or fits(text, size, width_cm) else start


def _bracket_break(p: Para, width_cm: float) -> list[Para]:
    """``企业名称（以公章为准）`` that does not fit its cell on one line: two lines, broken before
    the bracket, so no line break falls inside （…）."""
    if len(p.runs) != 1:
        return [p]
    run = p.runs[0]
    text = run.text
    start = _bracket_at(text, run.size, width_cm)
    if not start:
        return [p]
    return [replace(p, runs=[replace(run, text=text[:start])]), replace(p, runs=[replace(run, text=text[start:])])]


def keep_brackets(widths: list[float], rows: list[Row]) -> list[Row]:
    """Rows whose cells break their text before a bracket where it would break inside it."""
    taken: set[tuple[int, int]] = set()
    result = []
    for r, row in enumerate(rows):
        cells, c = [], 0
        for cell in row.cells:
            while (r, c) in taken:
                c += 1
            for rr in range(r, r + cell.rowspan):
                for cc in range(c, c + cell.colspan):
                    taken.add((rr, cc))
            width = sum(widths[c:c + cell.colspan])
            paras = [q for p in cell.paras for q in _bracket_break(p, width)]
            cells.append(replace(cell, paras=paras) if len(paras) != len(cell.paras) else cell)
            c += cell.colspan
        changed = any(new is not old for new, old in zip(cells, row.cells))
        result.append(replace(row, cells=cells) if changed else row)
    return result
