"""Every finding about a project: the notice's rules (forms.rules) and what only the documents
can tell, namely characters no font can print and one-page forms that the layout sets on two.

``qcdesk check``, the window and the bundle all call :func:`check_all`, so they agree.
"""
from __future__ import annotations

from os import PathLike

from exporters.page_fit import page_fit_findings
from forms.campaign import CampaignProfile, load_campaign
from forms.project import Project
from forms.rules import Finding, check_project
from forms.rules.findings import Reporter


def check_all(project: Project, profile: CampaignProfile | None = None, *,
              base_dir: str | PathLike[str] | None = None) -> list[Finding]:
    """The rules' findings, then the documents' (page fit). Never raises for a project."""
    from exporters.fonts import can_draw   # reportlab and the fonts load at the first check

    findings = check_project(project, profile, base_dir=base_dir, can_draw=can_draw)
    if profile is None:
        try:
            profile = load_campaign(project.campaign)
        except Exception:       # unknown or damaged: check_project has said so
            return findings
    # A measure that fails is an error finding like a failing rule, never silence (and never a crash).
    r = Reporter(project)
    r.run((), lambda: findings.extend(page_fit_findings(project, profile)))
    return findings + r.findings
