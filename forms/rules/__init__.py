"""The notice's rules: one call takes a project and returns its findings.

``check_project`` never raises: a rule that fails becomes an error finding naming the form or
achievement it was checking (see ``Reporter.run``), never silence.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from os import PathLike

from forms.campaign import CampaignProfile, UnknownCampaign, load_campaign
from forms.locations import Path
from forms.project import Project
from forms.rules.achievements import check_group, check_team
from forms.rules.blocks import check_blocks
from forms.rules.consistency import check_achievement_consistency, check_project_consistency
from forms.rules.files import check_image_files
from forms.rules.export_limits import check_export_limits
from forms.rules.findings import CATEGORIES, CHECK_FAILED, LEVEL_NAMES, Finding, Level, Reporter
from forms.rules.method import check_group_method, check_team_method
from forms.rules.notice import check_group_notice, check_team_notice
from forms.rules.reports import check_group_report, check_team_report
from forms.rules.unit_forms import check_declarant, check_reviewers, check_statistics

__all__ = ["CATEGORIES", "Finding", "Level", "LEVEL_NAMES", "check_project", "errors_of"]

log = logging.getLogger(__name__)


def _guarded(r: Reporter, at: Path, rule: Callable[..., None], *args: object) -> None:
    # A broken rule must never stop the user from working, nor hide as "no problem found".
    r.run(at, rule, r, *args)


def check_project(project: Project, profile: CampaignProfile | None = None, *,
                  base_dir: str | PathLike[str] | None = None) -> list[Finding]:
    """All findings for ``project`` under its campaign's profile.

    ``base_dir`` is the project file's folder; with it, listed attachments are checked to exist.
    """
    r = Reporter(project)
    if profile is None:
        try:
            profile = load_campaign(project.campaign)
        except UnknownCampaign as exc:
            r.error(("campaign",), f"{exc}，请选择已支持的申报年度。")
            return r.findings
        except Exception:   # a damaged profile file: say so rather than pass the project
            log.exception("campaign %r cannot be loaded", project.campaign)
            r.error(("campaign",), CHECK_FAILED)
            return r.findings
    _guarded(r, ("declarant",), check_declarant, project.declarant)
    for i, group in enumerate(project.group_achievements):
        at = ("group_achievements", i)
        _guarded(r, at, check_group, i, group, profile, base_dir)
        _guarded(r, (*at, "report"), check_group_report, i, group, profile)
        _guarded(r, at, check_group_notice, i, group, profile)
        _guarded(r, (*at, "report"), check_group_method, i, group, profile)
        _guarded(r, at, check_achievement_consistency, i, group, profile)
    for i, team in enumerate(project.team_achievements):
        at = ("team_achievements", i)
        _guarded(r, at, check_team, i, team, profile, base_dir)
        _guarded(r, (*at, "report"), check_team_report, i, team, profile)
        _guarded(r, at, check_team_notice, i, team, profile)
        _guarded(r, (*at, "report"), check_team_method, i, team, profile)
        _guarded(r, at, check_achievement_consistency, i, team, profile)
    if not project.group_achievements and not project.team_achievements:
        r.warning(("group_achievements",), "还没有任何小组成果或班组成果。")
    _guarded(r, (), check_blocks, project, base_dir)
    _guarded(r, ("statistics",), check_statistics, project.statistics, profile)
    _guarded(r, ("reviewers",), check_reviewers, project.reviewers, profile, base_dir)
    _guarded(r, (), check_image_files, project, base_dir)
    _guarded(r, (), check_project_consistency, project, profile)
    _guarded(r, (), check_export_limits, project, base_dir)
    return r.findings


def errors_of(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.is_error]
