"""Pieces shared by the form documents: title block, label and value cells, dates and numbers."""
from __future__ import annotations

from decimal import Decimal

from exporters.layout import (
    SIZE_SI, SIZE_WU, SIZE_XIAO_ER, SIZE_XIAO_WU, Cell, Para, Run, para,
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
    blocks: list[Para] = []
    if attachment:
        blocks.append(para(attachment, font="hei", size=SIZE_SI - 2, space_after=6))
    blocks.append(para(title, font="song", size=SIZE_XIAO_ER, bold=True, align="center", space_after=2))
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


def checkbox_line(options: tuple[str, ...], chosen: list[str]) -> Para:
    """``发表评审☑  现场评审□ …`` on one line, as in 附件6."""
    text = "  ".join(f"{o}{CHECKED if o in chosen else UNCHECKED}" for o in options)
    return para(text, size=TABLE_SIZE)


def checkbox_lines(options: tuple[str, ...], chosen: list[str]) -> list[Para]:
    """``☑ 小组成果`` / ``□ 班组成果``, one per line, as in 附件7."""
    return [para(f"{CHECKED if o in chosen else UNCHECKED} {o}", size=TABLE_SIZE) for o in options]
