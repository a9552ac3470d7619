"""The campaign profile: one year's notice as data (dates, limits, titles, report steps).

Profiles live in ``resources/campaigns/<year>.toml``; a new notice is a new data file.
"""
from __future__ import annotations

import datetime as dt
import tomllib
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

import resources

CAMPAIGN_DIR = Path(resources.__file__).parent / "campaigns"


class Limits(BaseModel):
    model_config = ConfigDict(frozen=True)

    group_contributors_max: int
    team_contributors_max: int
    group_members_typical_min: int
    group_members_typical_max: int
    reviewers_min: int
    reviewers_max: int
    experience_max_chars: int
    team_name_suffixes: tuple[str, ...]


class SelfCheckWords(BaseModel):
    """Word lists of the 方法自查 and the name checks: reviewers' practice written down as data."""

    model_config = ConfigDict(frozen=True)

    attitude_phrases: tuple[str, ...]
    """对策 that are only an attitude (Q9); ``*`` stands for up to four characters (加强*培训)."""
    placeholder_names: tuple[str, ...]
    """Names that stand for "someone" (C4): a name field holding exactly one of them."""
    placeholder_marks: tuple[str, ...]
    """Text left to fill in (C4): anywhere in a name or certificate field."""
    parent_unit_markers: tuple[str, ...]
    """Words that end a unit's name (N4): one of them before a group's own name is a parent unit."""
    company_markers: tuple[str, ...]
    """Words that end a company's name (N4): two of them in 企业名称 are two companies."""
    group_leader_roles: tuple[str, ...]
    """组内分工 of a QC group's leader (C1): at most one member holds it."""
    team_leader_roles: tuple[str, ...]
    """岗位职责 of a team's leader (C1)."""


class Steps(BaseModel):
    model_config = ConfigDict(frozen=True)

    problem_solving_custom: tuple[str, ...]
    problem_solving_directive: tuple[str, ...]
    innovation: tuple[str, ...]
    team: tuple[str, ...]


class CampaignProfile(BaseModel):
    model_config = ConfigDict(frozen=True)

    year: int
    notice_number: str
    notice_title: str
    notice_date: dt.date
    theme: str
    issuer: str
    completion_cutoff: dt.date
    submission_start: dt.date
    submission_end: dt.date
    statistics_start: str
    statistics_end: str
    next_registration_deadline: dt.date
    system_name: str
    system_url: str
    limits: Limits
    titles: dict[str, str]
    steps: Steps
    team_phases: dict[str, str]
    self_check: SelfCheckWords

    def group_steps(self, topic_type: str | None, target_kind: str | None) -> tuple[str, ...]:
        """The 附件8 step sequence for a topic type (and, for 问题解决型, its target kind)."""
        if topic_type == "创新型":
            return self.steps.innovation
        if target_kind == "指令性目标":
            return self.steps.problem_solving_directive
        return self.steps.problem_solving_custom

    def team_phase_of(self, step: str) -> str | None:
        """The 附件9 phase heading that starts at ``step``, if any."""
        for phase, first in self.team_phases.items():
            if first == step:
                return phase
        return None

    @property
    def statistics_period(self) -> str:
        """Chinese period text, e.g. ``2023年5月至2024年4月``."""
        def fmt(ym: str) -> str:
            year, month = ym.split("-")
            return f"{int(year)}年{int(month)}月"
        return f"{fmt(self.statistics_start)}至{fmt(self.statistics_end)}"


class UnknownCampaign(LookupError):
    """No profile exists for the requested year."""


def available_years() -> list[int]:
    return sorted(int(p.stem) for p in CAMPAIGN_DIR.glob("*.toml") if p.stem.isdigit())


@cache
def load_campaign(year: int) -> CampaignProfile:
    # The range comes first: a year of thousands of digits cannot even be written as a file name.
    path = CAMPAIGN_DIR / f"{year}.toml" if 1990 <= year <= 2200 else None
    if path is None or not path.is_file():
        years = "、".join(str(y) for y in available_years())
        which = f" {year} 年度" if abs(year) < 10**16 else "所填年度"
        raise UnknownCampaign(f"没有{which}的申报通知配置（现有：{years}）")
    with path.open("rb") as fh:
        return CampaignProfile.model_validate(tomllib.load(fh))


def latest_year() -> int:
    return available_years()[-1]
