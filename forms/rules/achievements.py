"""附件2 (小组) and 附件3 (班组) 申报表 rules, and the campaign's dates."""
from __future__ import annotations

from os import PathLike

from forms.campaign import CampaignProfile
from forms.group_achievement import GroupAchievement
from forms.rules import common
from forms.text import cn_date
from forms.rules.findings import Reporter
from forms.team_achievement import TeamAchievement

Achievement = GroupAchievement | TeamAchievement


def _shared(r: Reporter, at: tuple, a: Achievement, profile: CampaignProfile, noun: str,
            base_dir: str | PathLike[str] | None) -> None:
    """What 附件2 and 附件3 have in common: certificate texts, contacts, dates, records."""
    name_key = "group_name" if isinstance(a, GroupAchievement) else "team_name"
    for key in ("title", name_key, "enterprise"):
        if common.require(r, (*at, key), getattr(a, key), "必填，这是制作证书的依据，请准确填写。"):
            common.single_line(r, (*at, key), getattr(a, key))
    common.require(r, (*at, "address"), a.address)
    common.require(r, (*at, "contact_person"), a.contact_person)
    common.require(r, (*at, "leader"), a.leader)
    common.require(r, (*at, "summary"), a.summary)
    if common.recommend(r, (*at, "postcode"), a.postcode):
        common.postcode(r, (*at, "postcode"), a.postcode)
    if common.recommend(r, (*at, "mobile"), a.mobile):
        common.mobile(r, (*at, "mobile"), a.mobile)
    if len(a.summary) > profile.limits.summary_max_chars:
        r.warning((*at, "summary"),
                  f"共{len(a.summary)}字，超过约{profile.limits.summary_max_chars}字后申报表将超过一页，"
                  "请精简，详细内容写在成果报告书中。")
    r.run(at, _dates, r, at, a, profile)   # one failing part hides no other
    if not any(f.strip() for f in a.attachments):
        r.error((*at, "attachments"),
                f"尚未添加{noun}活动记录：通知要求提交{noun}活动记录，正式申报前请添加文件（草稿可照常导出）。", "N3")
    r.run(at, common.paths_exist, r, (*at, "attachments"), a.attachments, base_dir, f"{noun}活动记录等附件")


def _dates(r: Reporter, at: tuple, a: Achievement, profile: CampaignProfile) -> None:
    cutoff = profile.completion_cutoff
    if common.require(r, (*at, "completed_on"), a.completed_on):
        if a.completed_on < cutoff:
            r.error((*at, "completed_on"),
                    f"成果须是{cn_date(cutoff)}以后完成的，此成果完成于{cn_date(a.completed_on)}，不能申报本年度评选。")
        elif a.completed_on > profile.submission_end:
            r.warning((*at, "completed_on"), f"晚于申报截止日{cn_date(profile.submission_end)}，请核对。")
    if a.sign_date is None:
        r.warning((*at, "sign_date"), "尚未填写所在企业盖章日期。")
        return
    start, end = profile.submission_start, profile.submission_end
    if not start <= a.sign_date <= end:
        r.warning((*at, "sign_date"),
                  f"{cn_date(a.sign_date)}不在申报期{cn_date(start)}至{cn_date(end)}内，请核对盖章日期。")
    if a.completed_on is not None and a.sign_date < a.completed_on:
        r.warning((*at, "sign_date"), f"早于成果完成日期{cn_date(a.completed_on)}，请核对。")


def check_group(r: Reporter, index: int, a: GroupAchievement, profile: CampaignProfile,
                base_dir: str | PathLike[str] | None) -> None:
    at = ("group_achievements", index)
    r.run(at, _shared, r, at, a, profile, "小组", base_dir)
    limits = profile.limits
    if common.require(r, (*at, "member_count"), a.member_count) and \
            common.count(r, (*at, "member_count"), a.member_count, minimum=1):
        low, high = limits.group_members_typical_min, limits.group_members_typical_max
        if not low <= a.member_count <= high:
            r.warning((*at, "member_count"), f"QC小组一般为{low}至{high}人（现为{a.member_count}人），请核对。")
    common.names(r, (*at, "main_contributors"), a.main_contributors,
                 maximum=limits.group_contributors_max, member_count=a.member_count, member_noun="小组人数")
    common.require(r, (*at, "topic_type"), a.topic_type, "必填，请选择“问题解决型”或“创新型”。")
    common.money(r, (*at, "economic_benefit"), a.economic_benefit)
    common.recommend(r, (*at, "contact_department"), a.contact_department)
    common.recommend(r, (*at, "advisor"), a.advisor)


def check_team(r: Reporter, index: int, a: TeamAchievement, profile: CampaignProfile,
               base_dir: str | PathLike[str] | None) -> None:
    at = ("team_achievements", index)
    r.run(at, _shared, r, at, a, profile, "班组", base_dir)
    limits = profile.limits
    name = a.team_name.strip()
    if name and not name.endswith(limits.team_name_suffixes):
        endings = "、".join(f"“**{s}”" for s in limits.team_name_suffixes)
        r.warning((*at, "team_name"),
                  f"班组名称应以正式组织单元名称为准，以{endings}等为名，请核对“{name}”。")
    if common.require(r, (*at, "member_count"), a.member_count):
        common.count(r, (*at, "member_count"), a.member_count, minimum=1)
    common.names(r, (*at, "main_contributors"), a.main_contributors,
                 maximum=limits.team_contributors_max, member_count=a.member_count, member_noun="班组人数")
    if common.recommend(r, (*at, "landline"), a.landline):
        common.landline(r, (*at, "landline"), a.landline)
    common.recommend(r, (*at, "supervising_department"), a.supervising_department)
    for key in ("work_completion_rate", "satisfaction_rate", "pass_rate", "assessment_pass_rate",
                "participation_rate"):
        if common.recommend(r, (*at, key), getattr(a, key)):
            common.rate(r, (*at, key), getattr(a, key))
    if common.recommend(r, (*at, "quality_cost"), a.quality_cost):
        common.money(r, (*at, "quality_cost"), a.quality_cost)
    for key in ("training_attendance", "customer_complaints"):
        if common.recommend(r, (*at, key), getattr(a, key)):
            common.count(r, (*at, key), getattr(a, key))
    if not a.no_incidents_3y:
        r.error((*at, "no_incidents_3y"),
                "尚未确认：附件1要求被推荐班组近三年无质量、安全、环保事故，确认属实后请勾选；不符合条件的班组不能申报。",
                "N2")
    if a.incidents is None:
        r.error((*at, "incidents"), "必填，请填写事故数（无事故填0）。")
    elif common.count(r, (*at, "incidents"), a.incidents) and a.incidents > 0:
        r.error((*at, "incidents"),
                f"填报了{a.incidents}起事故。附件1要求被推荐班组近三年无质量、安全、环保事故，"
                "该班组不符合申报条件，请勿申报此成果。")
