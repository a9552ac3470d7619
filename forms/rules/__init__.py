"""The notice's rules: one call takes a project and returns its findings. Rules never raise."""
from __future__ import annotations

import logging
from collections.abc import Callable
from os import PathLike

from forms.campaign import CampaignProfile, UnknownCampaign, load_campaign
from forms.project import Project
from forms.rules.achievements import check_group, check_team
from forms.rules.blocks import check_blocks
from forms.rules.consistency import check_achievement_consistency, check_project_consistency
from forms.rules.files import check_image_files
from forms.rules.findings import CATEGORIES, LEVEL_NAMES, Finding, Level, Reporter
from forms.rules.method import check_group_method, check_team_method
from forms.rules.notice import check_group_notice, check_team_notice
from forms.rules.export_limits import check_export_limits
from forms.rules.reports import check_group_report, check_team_report
from forms.rules.unit_forms import check_declarant, check_reviewers, check_statistics

__all__ = ["CATEGORIES", "Finding", "Level", "LEVEL_NAMES", "check_project", "errors_of"]

log = logging.getLogger(__name__)


def _guarded(rule: Callable[..., None], *args: object) -> None:
    try:
        rule(*args)
    except Exception:  # a broken rule must never stop the user from working
        log.exception("rule %s failed", rule.__name__)


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
    _guarded(check_declarant, r, project.declarant)
    for i, group in enumerate(project.group_achievements):
        _guarded(check_group, r, i, group, profile, base_dir)
        _guarded(check_group_report, r, i, group, profile)
        _guarded(check_group_notice, r, i, group, profile)
        _guarded(check_group_method, r, i, group, profile)
        _guarded(check_achievement_consistency, r, i, group, profile)
    for i, team in enumerate(project.team_achievements):
        _guarded(check_team, r, i, team, profile, base_dir)
        _guarded(check_team_report, r, i, team, profile)
        _guarded(check_team_notice, r, i, team, profile)
        _guarded(check_team_method, r, i, team, profile)
        _guarded(check_achievement_consistency, r, i, team, profile)
    if not project.group_achievements and not project.team_achievements:
        r.warning(("group_achievements",), "还没有任何小组成果或班组成果。")
    _guarded(check_blocks, r, project, base_dir)
    _guarded(check_statistics, r, project.statistics, profile)
    _guarded(check_reviewers, r, project.reviewers, profile, base_dir)
    _guarded(check_image_files, r, project, base_dir)
    _guarded(check_project_consistency, r, project, profile)
    _guarded(check_export_limits, r, project, base_dir)
    return r.findings


def errors_of(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.is_error]
