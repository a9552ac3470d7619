"""A new year's project from last year's: what belongs to the unit, the groups and teams carries over.

Kept: 申报单位 (all but 填报日期); the 评委 (all fields and certificates); for each group and team the
certificate and contact data (小组/班组名称, 企业名称, 通讯地址, 邮编, 联系部门/主管部门, 联系人, 手机, 座机,
指导者, 组长/班组长, 人数), the group's 注册编号 and 成立时间, the team's 班组概况, and the members table
(each age one year older per campaign year). Cleared: everything of last year's achievement —
成果名称, 课题类型, 主要完成人, results and rates, 简介, dates, 活动记录, the report's 发表人, dates, 课题指标 and
step contents — and 附件6 (its figures are per year).
"""
from __future__ import annotations

from forms.group_achievement import GroupAchievement
from forms.group_report import GroupMember, GroupReport
from forms.project import Project
from forms.team_achievement import TeamAchievement
from forms.team_report import TeamMember, TeamReport

GROUP_KEPT = ("group_name", "enterprise", "address", "postcode", "contact_department", "contact_person",
              "mobile", "advisor", "leader", "member_count")
TEAM_KEPT = ("team_name", "enterprise", "address", "postcode", "supervising_department", "contact_person",
             "mobile", "landline", "leader", "member_count")


def _older(members: list, years: int, model: type) -> list:
    result = []
    for member in members:
        data = member.model_dump()
        if isinstance(data.get("age"), int) and years > 0:
            data["age"] += years
        result.append(model.model_validate(data))
    return result


def next_year_group(a: GroupAchievement, years: int) -> GroupAchievement:
    report = GroupReport(registration_no=a.report.registration_no, founded_on=a.report.founded_on,
                         members=_older(a.report.members, years, GroupMember))
    return GroupAchievement(**{k: getattr(a, k) for k in GROUP_KEPT}, report=report)


def next_year_team(a: TeamAchievement, years: int) -> TeamAchievement:
    report = TeamReport(overview=a.report.overview.model_copy(deep=True),
                        members=_older(a.report.members, years, TeamMember))
    return TeamAchievement(**{k: getattr(a, k) for k in TEAM_KEPT}, report=report)


def next_year_project(last: Project, year: int) -> Project:
    """A project for campaign ``year`` started from ``last`` (see the module's docstring)."""
    years = year - last.campaign
    declarant = last.declarant.model_copy(deep=True)
    declarant.fill_date = None
    return Project(
        campaign=year,
        declarant=declarant,
        group_achievements=[next_year_group(a, years) for a in last.group_achievements],
        team_achievements=[next_year_team(a, years) for a in last.team_achievements],
        statistics=None,
        reviewers=[r.model_copy(deep=True) for r in last.reviewers],
    )
