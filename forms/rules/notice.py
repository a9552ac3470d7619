"""Rules of the notice that the forms' own rules did not cover: certificate names that carry a
parent unit (N4), a team named …班组 (N5), an empty 经济效益 on a 问题解决型 topic (N7).

N1 (a team's 注册编号), N2 (no incident in three years), N3 (records, 附件6 and evidence for a
final export) and N6 (a space in a name) sit with the rules of the fields they concern.
"""
from __future__ import annotations

import re
from functools import lru_cache

from forms.campaign import CampaignProfile
from forms.group_achievement import GroupAchievement
from forms.rules.findings import Reporter
from forms.rules.words import Words, words_of
from forms.team_achievement import TeamAchievement


def parent_prefix(name: str, markers: tuple[str, ...]) -> str | None:
    """The parent unit written before a group's own name (聚丙烯车间包装班 → 聚丙烯车间), if any.

    A unit word counts when something names the unit before it and the group's own name follows;
    a name that starts with the word (中心化验室) or ends with it (包装车间) carries no parent.
    """
    best = 0
    for marker in markers:
        start = name.find(marker)
        while start != -1:
            end = start + len(marker)
            if start > 0 and end < len(name):
                best = max(best, end)
            start = name.find(marker, start + 1)
    return name[:best] if best else None


@lru_cache(maxsize=64)
def _company_pattern(markers: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True)) or r"(?!)")


def company_names(name: str, markers: tuple[str, ...]) -> list[str]:
    """The company names in 企业名称, split after each company word (有限公司, 集团…).

    Words that follow each other (集团有限公司) end the same name.
    """
    parts: list[str] = []
    start = 0
    for found in _company_pattern(markers).finditer(name):
        if name[start:found.start()] or not parts:
            parts.append(name[start:found.end()])
        else:
            parts[-1] += found.group()
        start = found.end()
    return parts


def _n4_certificate_names(r: Reporter, at: tuple, name_key: str, noun: str, a: GroupAchievement | TeamAchievement,
                          words: Words) -> None:
    name = "".join(getattr(a, name_key).split())
    prefix = parent_prefix(name, words.parent_units) if name else None
    if prefix:
        r.warning((*at, name_key),
                  f"{noun}名称“{name}”前面挂了上级单位“{prefix}”：通知要求不要挂上级部门，"
                  f"请只写{noun}自己的名称（如“{name[len(prefix):]}”）。", "N4")
    enterprise = "".join(a.enterprise.split())
    companies = company_names(enterprise, words.companies)
    if len(companies) > 1:
        r.warning((*at, "enterprise"),
                  f"企业名称“{enterprise}”含{len(companies)}个单位名称（{'、'.join(companies)}）："
                  f"不要挂上级单位，应与{noun}所在单位的公章一致。", "N4")


def check_group_notice(r: Reporter, index: int, a: GroupAchievement, profile: CampaignProfile) -> None:
    at = ("group_achievements", index)
    _n4_certificate_names(r, at, "group_name", "小组", a, words_of(profile.self_check))
    if a.topic_type == "问题解决型" and a.economic_benefit is None:
        r.warning((*at, "economic_benefit"),
                  "问题解决型课题尚未填写经济效益：效果检查应计算可计算的经济效益，确实没有请填0。", "N7")


def check_team_notice(r: Reporter, index: int, a: TeamAchievement, profile: CampaignProfile) -> None:
    at = ("team_achievements", index)
    _n4_certificate_names(r, at, "team_name", "班组", a, words_of(profile.self_check))
    name = a.team_name.strip()
    if name.endswith("班组"):
        r.warning((*at, "team_name"),
                  f"班组名称“{name}”以“班组”结尾：通知要求区分“班”和“组”，请按正式组织单元写成“**班”或“**组”。",
                  "N5")
