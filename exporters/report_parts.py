"""Pieces shared by the two report books (附件8, 附件9): cover, numbering, member tables, step text."""
from __future__ import annotations

import datetime as dt

from exporters.form_parts import number
from exporters.layout import (
    SIZE_ER, SIZE_XIAO_SAN, SIZE_XIAO_SI, Block, Cell, Contents, PageBreak, Para, Row, Table, para,
)
from forms.group_report import GroupMember
from forms.report_common import Section, section_of
from forms.team_report import TeamMember
from forms.text import cn_date

CN_NUMERALS = "一二三四五六七八九十"
BODY = SIZE_XIAO_SI


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二 (enough for the chapters of a report)."""
    if n <= 10:
        return CN_NUMERALS[n - 1]
    if n < 20:
        return "十" + CN_NUMERALS[n - 11]
    tens, ones = divmod(n, 10)
    return CN_NUMERALS[tens - 1] + "十" + (CN_NUMERALS[ones - 1] if ones else "")


def heading(text: str, level: int = 1) -> Para:
    """标题: 黑体 小四, listed in the table of contents."""
    return para(text, font="hei", size=SIZE_XIAO_SI, heading_level=level, space_before=6, space_after=6,
                keep_with_next=True)


def body(text: str) -> list[Para]:
    """正文: 宋体 小四, single spacing, 首行缩进两字, one paragraph per line of the user's text."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return [para(line, size=BODY, first_line_indent=2, align="justify") for line in lines] or \
        [para("（未填写）", size=BODY, first_line_indent=2)]


def cover(title: str, unit_name: str, presenter: str, enterprise: str, date_text: str) -> list[Block]:
    """封面: 成果名称 宋体 二号; the other lines 仿宋 小三."""
    blank = [para("", size=SIZE_XIAO_SAN) for _ in range(7)]
    lines = [para(t, font="fang", size=SIZE_XIAO_SAN, align="center", space_after=10)
             for t in (unit_name, f"发 表 人：{presenter}", enterprise, date_text)]
    return [*blank, para(title, font="song", size=SIZE_ER, align="center", line_spacing=1.2),
            *blank, *blank[:3], *lines, PageBreak(), Contents(), PageBreak()]


def cell(text: str, align: str = "center") -> Cell:
    return Cell([para(text, size=BODY - 1.5, align=align)], align=align)  # type: ignore[arg-type]


def members_table(headers: list[str], rows: list[list[str]]) -> Table:
    widths = [1.2, 2.3, 1.3, 2.0, 3.4, 3.8, 2.0]
    table_rows = [Row([cell(h) for h in headers], header=True, min_height=0.8)]
    for index, values in enumerate(rows, start=1):
        table_rows.append(Row([cell(str(index)), *(cell(v) for v in values)], min_height=0.7))
    return Table(widths, table_rows)


def member_values(member: GroupMember | TeamMember, duty_key: str) -> list[str]:
    """One member's row: 姓名, 年龄, 文化程度, 职务、职称, 组内分工 or 岗位职责, 备注."""
    return [member.name, number(member.age), member.education, member.title, getattr(member, duty_key),
            member.remark]


def steps_in_order(sections: list[Section], steps: tuple[str, ...]) -> list[tuple[str, Section | None]]:
    """(step, its section or ``None``) for every step of the sequence, in the standard's order."""
    return [(step, section_of(sections, step)) for step in steps]


def date_span(start: dt.date | None, end: dt.date | None) -> str:
    """活动时间: ``2023年5月8日—2023年11月20日``, empty when neither is known."""
    if not start and not end:
        return ""
    return f"{cn_date(start)}—{cn_date(end)}"
