"""The project: one declaring unit's whole submission for one campaign year."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator

from forms.declarant import Declarant
from forms.fields import FormModel, Year, field, none_as_empty, none_as_empty_list
from forms.group_achievement import GroupAchievement
from forms.reviewer import Reviewer
from forms.statistics import Statistics
from forms.team_achievement import TeamAchievement

FORMAT_NAME = "qcdesk"
FORMAT_VERSION = 1


class Project(FormModel):
    format: Literal["qcdesk"] = field("文件格式", default=FORMAT_NAME)
    version: int = field("格式版本", default=FORMAT_VERSION)
    campaign: Year = field("申报年度", "选择对应年度通知的日期、限额和表头。", default=2024)
    declarant: Annotated[Declarant, BeforeValidator(none_as_empty)] = field(
        "申报单位", factory=Declarant)
    group_achievements: Annotated[list[GroupAchievement], BeforeValidator(none_as_empty_list)] = field(
        "小组成果", "附件2 申报表及附件8 成果报告书。", default=[])
    team_achievements: Annotated[list[TeamAchievement], BeforeValidator(none_as_empty_list)] = field(
        "班组成果", "附件3 申报表及附件9 成果报告书。", default=[])
    statistics: Statistics | None = field("活动统计表（附件6）")
    reviewers: Annotated[list[Reviewer], BeforeValidator(none_as_empty_list)] = field(
        "评委推荐（附件7）", "推荐1至2名专家。", default=[])
