"""The members table (成员情况) and 主要完成人 from an Excel roster or a pasted block, by header name."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from pydantic import ValidationError

from forms.group_report import GroupMember
from forms.team_report import TeamMember
from importers.headers import (
    CONTRIBUTOR_HEADERS, GROUP_MEMBER_HEADERS, TEAM_MEMBER_HEADERS, cell_text, find_header, normalise, records,
)
from importers.workbook import ImportFailed, read_sheets

_YES = {"是", "√", "✓", "✔", "☑", "1", "Y", "YES", "TRUE", "主要完成人"}


@dataclass
class Roster:
    """Members read from a table, the 主要完成人 among them, and rows that needed a word."""

    members: list[GroupMember | TeamMember] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    sheet: str = ""


def _headers(kind: str) -> dict[str, tuple[str, ...]]:
    base = GROUP_MEMBER_HEADERS if kind == "group" else TEAM_MEMBER_HEADERS
    return {**base, "contributor": CONTRIBUTOR_HEADERS}


def roster_from_rows(rows: Sequence[Sequence[object]], kind: str, *, where: str = "") -> Roster | None:
    """The roster in ``rows`` (a header row naming 姓名, then one person a row), or ``None``.

    ``kind`` is ``"group"`` (组内分工) or ``"team"`` (岗位职责).
    """
    found = find_header(rows, _headers(kind), "name")
    if found is None:
        return None
    start, columns = found
    model = GroupMember if kind == "group" else TeamMember
    roster = Roster(sheet=where)
    marked = "contributor" in columns
    for number, values in records(rows, start, columns):
        name = values.get("name", "").strip()
        if not name:
            continue
        data = {k: v for k, v in values.items() if k in model.model_fields}
        age = data.pop("age", "").removesuffix("岁").strip()
        try:
            member = model.model_validate({**data, "age": age or None})
        except ValidationError:
            roster.problems.append(f"{where}第{number}行（{name}）的“年龄”应为整数，表中为“{values.get('age')}”，已留空。")
            member = model.model_validate(data)
        roster.members.append(member)
        if not marked or normalise(values.get("contributor", "")) in _YES:
            roster.contributors.append(name)
    return roster


def read_roster(path: str | PathLike[str], kind: str) -> Roster:
    """The first sheet of an xlsx whose header row names 姓名 (and one more known column)."""
    path = Path(path)
    for title, rows in read_sheets(path):
        roster = roster_from_rows(rows, kind, where=f"工作表“{title}”")
        if roster is not None:
            return roster
    raise ImportFailed(f"在“{path.name}”中没有找到成员名单：需要一行表头，含“姓名”以及“年龄”“文化程度”“职务、职称”"
                       f"“{'组内分工' if kind == 'group' else '岗位职责'}”“备注”中的至少一项。")


def pasted_rows(text: str) -> list[list[str]]:
    """Cells copied from Excel or WPS: tab-separated columns, one line a row."""
    return [line.split("\t") for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


__all__ = ["Roster", "roster_from_rows", "read_roster", "pasted_rows", "cell_text", "ImportFailed"]


def rows_by_header(rows: Sequence[Sequence[object]], keys: Sequence[str]) -> list[list[str]] | None:
    """Pasted rows whose first row is a header (姓名, 学历, …), re-ordered into ``keys``' columns.

    ``None`` when the first row is not a members header: the rows are then taken as they are.
    """
    if not rows:
        return None
    headers = GROUP_MEMBER_HEADERS if "role" in keys else TEAM_MEMBER_HEADERS if "duty" in keys else None
    if headers is None:
        return None
    found = find_header(rows[:1], {k: v for k, v in headers.items() if k in keys}, "name", scan=1)
    if found is None:
        return None
    start, columns = found
    return [[values.get(k, "") for k in keys] for _number, values in records(rows, start, columns)]
