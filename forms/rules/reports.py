"""附件8 and 附件9 成果报告书 rules: cover, overview, members and the T/CAQ step sequence."""
from __future__ import annotations

from forms.campaign import CampaignProfile
from forms.group_achievement import GroupAchievement
from forms.report_common import Section
from forms.rules import common
from forms.text import cn_date
from forms.rules.findings import Reporter
from forms.team_achievement import TeamAchievement


def _sections(r: Reporter, at: tuple, sections: list[Section], steps: tuple[str, ...],
              sequence_name: str) -> None:
    """Every step of the sequence present with text; other steps kept but reported."""
    first: dict[str, Section] = {}   # the section kept under each step (the first, as section_of)
    for section in sections:
        first.setdefault(section.step, section)
    for step in steps:
        section = first.get(step)
        if section is None or not (section.text.strip() or section.blocks):
            r.error((*at, "sections", step), f"这一步还没有内容，请按{sequence_name}的步骤填写。", "Q1")
    present = [s.step for s in sections if s.step in steps]
    if present != sorted(present, key=steps.index):
        r.warning((*at, "sections"), "步骤顺序与标准不一致，导出时将按标准顺序排列。", "Q1")
    for section in sections:
        if section.step not in steps and (section.text.strip() or section.blocks):
            r.warning((*at, "sections", section.step),
                      f"不是{sequence_name}的步骤，其内容已保留，但不会导出。", "Q1")


def _members(r: Reporter, at: tuple, members: list, member_count: int | None, noun: str) -> None:
    path = (*at, "members")
    if not members:
        r.error(path, f"请逐人填写{noun}成员情况。")
        return
    for index, member in enumerate(members):
        if not member.name.strip():
            r.error((*path, index, "name"), f"第{index + 1}行没有姓名，请填写或删除该行。")
        if member.age is not None and not 16 <= member.age <= 80:
            r.warning((*path, index, "age"), f"年龄{member.age}岁不合常理，请核对。")
    if member_count is not None and len(members) != member_count:
        r.warning(path, f"列了{len(members)}人，与申报表的{noun}人数{member_count}人不一致，请核对。")


def check_group_report(r: Reporter, index: int, a: GroupAchievement, profile: CampaignProfile) -> None:
    at = ("group_achievements", index, "report")
    report = a.report
    common.require(r, (*at, "presenter"), report.presenter)
    common.recommend(r, (*at, "report_date"), report.report_date, "尚未填写，封面日期将留空。")
    common.require(r, (*at, "registration_no"), report.registration_no,
                   "必填。申报的小组须在上年已在“申报与评审系统”登记备案，请填写注册编号；未登记的小组不能申报。")
    common.recommend(r, (*at, "founded_on"), report.founded_on)
    common.recommend(r, (*at, "meetings_this_year"), report.meetings_this_year)
    common.count(r, (*at, "meetings_this_year"), report.meetings_this_year)
    start, end = report.activity_start, report.activity_end
    common.recommend(r, (*at, "activity_start"), start)
    common.recommend(r, (*at, "activity_end"), end)
    if start and end and end < start:
        r.error((*at, "activity_end"), f"结束时间{cn_date(end)}早于开始时间{cn_date(start)}，请改正。")
    if report.founded_on and start and start < report.founded_on:
        r.warning((*at, "activity_start"), f"早于小组成立时间{cn_date(report.founded_on)}，请核对。")
    if end and a.completed_on and end > a.completed_on:
        r.warning((*at, "activity_end"), f"晚于成果完成日期{cn_date(a.completed_on)}，请核对。")
    if a.topic_type == "问题解决型":
        common.require(r, (*at, "target_kind"), report.target_kind,
                       "问题解决型课题须选择“自定目标”或“指令性目标”，它决定报告的步骤。")
    elif a.topic_type == "创新型" and report.target_kind:
        r.warning((*at, "target_kind"), "创新型课题不区分目标类型，此项将不会使用。")
    r.run(at, _members, r, at, report.members, a.member_count, "小组")   # one failing part hides no other
    if a.topic_type:
        steps = profile.group_steps(a.topic_type, report.target_kind)
        kind = a.topic_type + (f"（{report.target_kind}）" if a.topic_type == "问题解决型" and report.target_kind else "")
        r.run(at, _sections, r, at, report.sections, steps, f"{kind}课题")


def check_team_report(r: Reporter, index: int, a: TeamAchievement, profile: CampaignProfile) -> None:
    at = ("team_achievements", index, "report")
    report = a.report
    common.require(r, (*at, "presenter"), report.presenter)
    common.recommend(r, (*at, "report_date"), report.report_date, "尚未填写，封面日期将留空。")
    if not report.registration_no.strip():
        r.error((*at, "registration_no"),
                "必填。申报的班组须在上年已在“申报与评审系统”登记备案，请填写注册编号；未登记的班组不能申报。", "N1")
    for key in ("composition", "duties", "work", "culture_vision"):
        common.recommend(r, (*at, "overview", key), getattr(report.overview, key), "尚未填写班组概况的这一部分。")
    r.run(at, _members, r, at, report.members, a.member_count, "班组")   # one failing part hides no other
    r.run(at, _sections, r, at, report.sections, profile.steps.team, "质量信得过班组建设")
