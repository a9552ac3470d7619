"""Unit-wide forms: 申报单位 block, 附件6 statistics and 附件7 reviewers."""
from __future__ import annotations

from os import PathLike

from forms.campaign import CampaignProfile
from forms.declarant import Declarant
from forms.reviewer import Reviewer
from forms.rules import common
from forms.rules.findings import Reporter
from forms.statistics import Statistics
from forms.text import count_chars


def check_declarant(r: Reporter, d: Declarant) -> None:
    at = ("declarant",)
    if common.require(r, (*at, "name"), d.name, "必填，请填写与公章一致的申报单位名称。"):
        common.single_line(r, (*at, "name"), d.name)
    common.require(r, (*at, "contact_person"), d.contact_person)
    if common.recommend(r, (*at, "phone"), d.phone):
        common.landline(r, (*at, "phone"), d.phone)
    if common.recommend(r, (*at, "mobile"), d.mobile):
        common.mobile(r, (*at, "mobile"), d.mobile)
    common.recommend(r, (*at, "fill_date"), d.fill_date)
    for key in ("department", "department_head", "address"):
        common.recommend(r, (*at, key), getattr(d, key))
    if common.recommend(r, (*at, "postcode"), d.postcode):
        common.postcode(r, (*at, "postcode"), d.postcode)
    if common.recommend(r, (*at, "email"), d.email):
        common.email(r, (*at, "email"), d.email)


# (part, whole, how the part relates to the whole) — a part larger than its whole is an error.
_PARTS = (
    ("qc_groups_registered", "qc_groups_registered_total", "本年度注册数不能多于历年累计数"),
    ("qc_groups_active", "qc_groups_registered", "坚持活动的小组数不能多于本年度注册数"),
    ("qc_groups_with_results", "qc_groups_registered", "取得成果小组数不能多于本年度注册数"),
    ("qc_participants", "employees", "参加QC小组人数不能多于职工总数"),
    ("teams", "teams_total", "本年度班组数不能多于历年累计数"),
)
_COUNTS = ("qc_groups_registered_total", "qc_groups_registered", "qc_participants", "employees",
           "qc_groups_active", "qc_groups_with_results", "teams", "teams_total", "team_participants")
_MONEY = ("qc_economic_benefit", "qc_funding", "qc_rewards", "team_funding", "team_rewards")


def check_statistics(r: Reporter, s: Statistics | None, profile: CampaignProfile) -> None:
    at = ("statistics",)
    if s is None:
        r.error(at, f"尚未填写活动统计表（{profile.statistics_period}）：通知要求一并报送，正式申报前请填写"
                    "（草稿可照常导出）。", "N3")
        return
    for key in _COUNTS:
        if common.recommend(r, (*at, key), getattr(s, key)):
            common.count(r, (*at, key), getattr(s, key))
    for key in _MONEY:
        if common.recommend(r, (*at, key), getattr(s, key)):
            common.money(r, (*at, key), getattr(s, key))
    for part, whole, why in _PARTS:
        p, w = getattr(s, part), getattr(s, whole)
        if p is not None and w is not None and p > w:
            r.error((*at, part), f"{why}（{p} > {w}），请核对。")
    if s.employees == 0:
        r.warning((*at, "employees"), "职工总数为0，普及率无法计算，将显示为“—”。")
    if s.qc_groups_registered == 0 and s.qc_groups_with_results:
        r.warning((*at, "qc_groups_registered"), "本年度注册数为0，成果率无法计算，将显示为“—”。")
    common.recommend(r, (*at, "review_formats"), s.review_formats, "尚未勾选评审及交流形式。")
    common.recommend(r, (*at, "remarks"), s.remarks, "尚未填写主要特点、存在问题及建议。")


def check_reviewers(r: Reporter, reviewers: list[Reviewer], profile: CampaignProfile,
                    base_dir: str | PathLike[str] | None) -> None:
    low, high = profile.limits.reviewers_min, profile.limits.reviewers_max
    if not low <= len(reviewers) <= high:
        r.error(("reviewers",), f"应推荐{low}至{high}名专家，现为{len(reviewers)}名，请调整。")
    limit = profile.limits.experience_max_chars
    for index, person in enumerate(reviewers):
        at = ("reviewers", index)
        common.require(r, (*at, "name"), person.name)
        common.require(r, (*at, "work_unit"), person.work_unit)
        common.recommend(r, (*at, "address"), person.address)
        if common.recommend(r, (*at, "postcode"), person.postcode):
            common.postcode(r, (*at, "postcode"), person.postcode)
        if common.recommend(r, (*at, "mobile"), person.mobile):
            common.mobile(r, (*at, "mobile"), person.mobile)
        if common.recommend(r, (*at, "email"), person.email):
            common.email(r, (*at, "email"), person.email)
        if common.require(r, (*at, "experience"), person.experience):
            chars = count_chars(person.experience)
            if chars > limit:
                r.error((*at, "experience"), f"共{chars}字，超过{limit}字的限制，请精简{chars - limit}字以上。")
        common.require(r, (*at, "review_types"), person.review_types,
                       "请至少勾选一项：小组成果、班组成果。")
        if not any(e.strip() for e in person.evidence):
            r.error((*at, "evidence"),
                    "尚未添加证书等证明材料电子版：通知要求一并提供，正式申报前请添加文件（草稿可照常导出）。", "N3")
        common.paths_exist(r, (*at, "evidence"), person.evidence, base_dir, "证明材料")
