"""前后一致 (C1–C4): what one form says must agree with what another says.

C1 the people of 附件2/3 against the report's member table; C2 附件6 against the achievements;
C3 the same 成果名称 or 评委 twice (an error); C4 placeholders (张三, XXX, 待填) left in names and
certificate texts. The word lists come from the campaign profile.
"""
from __future__ import annotations

from functools import lru_cache

from forms.campaign import CampaignProfile
from forms.group_achievement import GroupAchievement
from forms.project import Project
from forms.rules.findings import Reporter
from forms.rules.words import Words, norm, split_names, words_of
from forms.team_achievement import TeamAchievement

Achievement = GroupAchievement | TeamAchievement


@lru_cache(maxsize=4096)
def _holds(roles: str, leader_roles: frozenset[str]) -> bool:
    """Whether a 组内分工 such as ``组长、组织协调`` names one of ``leader_roles`` (副组长 does not)."""
    return not leader_roles.isdisjoint(split_names(roles))


def _c1_people(r: Reporter, at: tuple, a: Achievement, words: Words) -> None:
    group = isinstance(a, GroupAchievement)
    noun, leader_title = ("小组", "小组长") if group else ("班组", "班组长")
    leader_roles = words.group_leader_roles if group else words.team_leader_roles
    members = a.report.members
    names = {norm(m.name) for m in members if m.name.strip()}
    if not names:
        return  # the report's own rule asks for the member table first
    for i, person in enumerate(a.main_contributors):
        if person.strip() and norm(person) not in names:
            r.warning((*at, "main_contributors", i),
                      f"主要完成人“{person.strip()}”不在成果报告书的{noun}成员表中：申报表与报告书的人员应一致。", "C1")
    leader = a.leader.strip()
    if leader and norm(leader) not in names:
        r.warning((*at, "leader"),
                  f"{leader_title}“{leader}”不在成果报告书的{noun}成员表中：{leader_title}应是{noun}成员。", "C1")
    # A group's leader shows in 组内分工; a team's 班长 in 岗位职责 or, as often, in 职务、职称 (班长/技师).
    keys = ("role",) if group else ("duty", "title")
    heads: list[tuple[int, object, str]] = []
    for i, member in enumerate(members):
        for key in keys:
            if _holds(getattr(member, key), leader_roles):
                heads.append((i, member, key))
                break
    head_word = "组长" if group else "班长"
    if len(heads) > 1:
        i, _, key = heads[1]
        who = "、".join(m.name.strip() for _, m, _ in heads)  # type: ignore[attr-defined]
        r.warning((*at, "report", "members", i, key),
                  f"成员表中有{len(heads)}人是{head_word}（{who}）：一个{noun}只有一名{leader_title}。", "C1")
    elif len(heads) == 1 and norm(leader) in names and norm(heads[0][1].name) != norm(leader):
        i, head, key = heads[0]
        label = type(head).label_of(key)
        r.warning((*at, "report", "members", i, key),
                  f"成员表中{label}为{head_word}的是“{head.name.strip()}”，申报表的{leader_title}却是“{leader}”："
                  "两处应是同一人。", "C1")


def _c2_statistics(r: Reporter, project: Project) -> None:
    s = project.statistics
    if s is None:
        return
    groups, teams = len(project.group_achievements), len(project.team_achievements)
    if s.qc_groups_with_results is not None and s.qc_groups_with_results < groups:
        r.warning(("statistics", "qc_groups_with_results"),
                  f"取得成果小组数为{s.qc_groups_with_results}，少于本次申报的小组成果{groups}项："
                  "申报的成果应计入活动统计表。", "C2")
    if s.teams is not None and s.teams < teams:
        r.warning(("statistics", "teams"),
                  f"本年度开展建设活动的班组数为{s.teams}，少于本次申报的班组成果{teams}项："
                  "申报的班组应计入活动统计表。", "C2")


def _c3_duplicates(r: Reporter, project: Project) -> None:
    seen: dict[str, str] = {}
    for top, noun in (("group_achievements", "小组成果"), ("team_achievements", "班组成果")):
        for i, a in enumerate(getattr(project, top)):
            key = norm(a.title)
            if not key:
                continue
            if key in seen:
                r.error((top, i, "title"),
                        f"成果名称“{a.title.strip()}”与{seen[key]}相同：同一成果不能重复申报，请核对或删除其中一项。",
                        "C3")
            else:
                seen[key] = f"第{i + 1}个{noun}"
    people: dict[str, int] = {}
    for i, person in enumerate(project.reviewers):
        key = norm(person.name)
        if not key:
            continue
        if key in people:
            r.error(("reviewers", i, "name"),
                    f"评委“{person.name.strip()}”与第{people[key] + 1}位评委同名：同一专家只能推荐一次，请核对。", "C3")
        else:
            people[key] = i


def _placeholder(r: Reporter, path: tuple, value: str, words: Words, *, is_name: bool) -> None:
    text = value.strip()
    if not text:
        return
    if is_name and words.placeholder_name(text):
        r.warning(path, f"“{text}”像是占位的名字：名单和证书上应是真实姓名，请改正。", "C4")
        return
    mark = words.placeholder_mark(text)
    if mark:
        r.warning(path, f"“{text}”中还有“{mark}”这样待填的内容：请填写完整，这些信息会印在表格和证书上。", "C4")


_C4_TEXTS = ("title", "group_name", "team_name", "enterprise", "address", "contact_department",
             "supervising_department")
_C4_NAMES = ("contact_person", "leader", "advisor")


def _has(a: Achievement, key: str) -> bool:
    """``hasattr(a, key)`` without pydantic's slow miss: a field of the form, or a key kept from the file."""
    return key in a.__dict__ or key in (a.__pydantic_extra__ or ())


def _c4_achievement(r: Reporter, at: tuple, a: Achievement, words: Words) -> None:
    text_keys = [key for key in _C4_TEXTS if _has(a, key)]
    name_keys = [key for key in _C4_NAMES if _has(a, key)]
    # Most achievements have nothing to report: one search over every value decides that, before
    # any place is worked out.
    report = a.report
    values = [name for key in name_keys for name in split_names(getattr(a, key))]
    values += a.main_contributors
    values.append(report.presenter)
    values += [m.name for m in report.members]
    joined = "\x00".join([getattr(a, key) for key in text_keys] + values)
    if not words.marks.search(joined) and words.placeholder_names.isdisjoint(map(norm, values)):
        return
    texts = [(key, getattr(a, key)) for key in text_keys]
    names = [((*at, key), name) for key in name_keys for name in split_names(getattr(a, key))]
    names += [((*at, "main_contributors", i), name) for i, name in enumerate(a.main_contributors)]
    names.append(((*at, "report", "presenter"), report.presenter))
    names += [((*at, "report", "members", i, "name"), m.name) for i, m in enumerate(report.members)]
    for key, value in texts:
        _placeholder(r, (*at, key), value, words, is_name=False)
    for path, name in names:
        _placeholder(r, path, name, words, is_name=True)


def _c4_unit(r: Reporter, project: Project, words: Words) -> None:
    d = project.declarant
    _placeholder(r, ("declarant", "name"), d.name, words, is_name=False)
    for key in ("contact_person", "department_head"):
        _placeholder(r, ("declarant", key), getattr(d, key), words, is_name=True)
    for i, person in enumerate(project.reviewers):
        _placeholder(r, ("reviewers", i, "name"), person.name, words, is_name=True)
        _placeholder(r, ("reviewers", i, "work_unit"), person.work_unit, words, is_name=False)


def check_achievement_consistency(r: Reporter, index: int, a: Achievement, profile: CampaignProfile) -> None:
    """C1 and C4 for one achievement."""
    top = "group_achievements" if isinstance(a, GroupAchievement) else "team_achievements"
    at = (top, index)
    words = words_of(profile.self_check)
    _c1_people(r, at, a, words)
    _c4_achievement(r, at, a, words)


def check_project_consistency(r: Reporter, project: Project, profile: CampaignProfile) -> None:
    """C2, C3 and the unit-wide part of C4."""
    _c2_statistics(r, project)
    _c3_duplicates(r, project)
    _c4_unit(r, project, words_of(profile.self_check))
