"""Achievements started from a 附件4/附件5 申报汇总表 (as qcdesk writes it, or typed by hand with the
notice's headers): one group or team achievement per row, columns matched by header name."""
from __future__ import annotations

from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from forms.group_achievement import TOPIC_TYPES, GroupAchievement
from forms.team_achievement import TeamAchievement
from importers.headers import (
    GROUP_SUMMARY_HEADERS, TEAM_SUMMARY_HEADERS, cell_text, find_header, records,
)
from importers.workbook import ImportFailed, read_sheets


@dataclass
class SummaryImport:
    groups: list[GroupAchievement] = field(default_factory=list)
    teams: list[TeamAchievement] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _kind(rows: list[list[object]], start: int, group_columns: dict[str, list[int]],
          team_columns: dict[str, list[int]] | None) -> str:
    if "group_name" in group_columns or "topic_type" in group_columns:
        return "group"
    if team_columns and "team_name" in team_columns:
        return "team"
    above = " ".join(cell_text(c) for row in rows[:start] for c in row)
    return "team" if "附件5" in above or "班组" in above else "group"


def summary_from_rows(rows: list[list[object]], where: str, into: SummaryImport) -> bool:
    """Add the achievements of one sheet to ``into``; False when the sheet has no summary table."""
    found = find_header(rows, GROUP_SUMMARY_HEADERS, "title")
    team_found = find_header(rows, TEAM_SUMMARY_HEADERS, "title")
    if found is None and team_found is None:
        return False
    start, columns = found or team_found  # type: ignore[misc]
    kind = _kind(rows, start, columns, team_found[1] if team_found else None)
    if kind == "team" and team_found is not None:
        start, columns = team_found
    for number, values in records(rows, start, columns):
        if not values.get("title", "").strip():
            continue
        data = {k: v for k, v in values.items() if v}
        if kind == "group":
            topic = "".join(data.pop("topic_type", "").split())
            if topic and topic not in TOPIC_TYPES:
                into.problems.append(f"{where}第{number}行的“课题类型”应为 问题解决型 或 创新型，表中为“{topic}”，已留空。")
                topic = ""
            into.groups.append(GroupAchievement(**data, topic_type=topic or None))
        else:
            into.teams.append(TeamAchievement(**data))
    return True


def read_summary(path: str | PathLike[str]) -> SummaryImport:
    """Every 汇总表 sheet of an xlsx workbook (附件4 gives groups, 附件5 teams)."""
    path = Path(path)
    result = SummaryImport()
    matched = False
    for title, rows in read_sheets(path):
        matched = summary_from_rows(rows, f"工作表“{title}”", result) or matched
    if not matched:
        raise ImportFailed(f"在“{path.name}”中没有找到申报汇总表：需要一行表头，含“成果名称”以及“企业名称”"
                           "“小组名称”或“班组名称”等列（附件4、附件5的格式）。")
    return result
