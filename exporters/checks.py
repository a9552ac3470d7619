"""Every finding about a project: the notice's rules (forms.rules) and what only the documents
can tell, namely characters no font can print and one-page forms that the layout sets on two.

``qcdesk check``, the window and the bundle all call :func:`check_all`, so they agree.
"""
from __future__ import annotations

import logging
from os import PathLike

from exporters.page_fit import page_fit_findings
from forms.campaign import CampaignProfile, UnknownCampaign, load_campaign
from forms.project import Project
from forms.rules import Finding, check_project

log = logging.getLogger(__name__)


def check_all(project: Project, profile: CampaignProfile | None = None, *,
              base_dir: str | PathLike[str] | None = None) -> list[Finding]:
    """The rules' findings, then the documents' (page fit). Never raises for a project."""
    from exporters.fonts import can_draw   # reportlab and the fonts load at the first check

    findings = check_project(project, profile, base_dir=base_dir, can_draw=can_draw)
    if profile is None:
        try:
            profile = load_campaign(project.campaign)
        except UnknownCampaign:
            return findings     # check_project has said so
    try:
        findings.extend(page_fit_findings(project, profile))
    except Exception:  # a broken measure must never stop the user from working
        log.exception("page fit check failed")
    return findings
