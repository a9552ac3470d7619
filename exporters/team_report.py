"""附件9 质量信得过班组建设活动成果报告书: cover, 目录, 班组概况, 班组成员情况, then the
T/CAQ 10204 steps grouped under 需求确定, 建设策划, 建设过程, 建设成效."""
from __future__ import annotations

from os import PathLike
from pathlib import Path

from exporters.layout import Document, Para, Run
from exporters.report_blocks import ReportContext, step_layout
from exporters.report_parts import (
    BODY, body, cn_number, cover, heading, member_values, members_table, steps_in_order,
)
from forms.campaign import CampaignProfile
from forms.project import Project
from forms.text import cn_date
from forms.team_report import TeamOverview

MEMBER_HEADERS = ["序号", "姓名", "年龄", "文化程度", "职务、职称", "岗位职责", "备注"]


def build(project: Project, index: int, profile: CampaignProfile, *, draft: bool = False,
          base_dir: str | PathLike[str] | None = None) -> Document:
    """附件9 of the ``index``-th team achievement; ``base_dir`` is where relative picture paths start."""
    a = project.team_achievements[index]
    r = a.report
    doc = Document(title=f"{a.title}—质量信得过班组建设活动成果报告书", draft=draft, page_numbers=True)
    doc.add(*cover(a.title, a.team_name, r.presenter, a.enterprise, cn_date(r.report_date, "    年  月  日")))
    doc.add(heading("一、班组概况"))
    if r.registration_no.strip():   # teams are registered as groups are (附件8 prints it in its table)
        doc.add(Para([Run("注册编号：", "hei", BODY), Run(r.registration_no.strip(), "song", BODY)],
                     first_line_indent=2, align="justify"))
    for key in ("composition", "duties", "work", "culture_vision"):
        text = getattr(r.overview, key).strip()
        lines = text.split("\n") if text else [""]
        lead = Run(f"{TeamOverview.label_of(key)}：", "hei", BODY)
        doc.add(Para([lead, Run(lines[0].strip(), "song", BODY)], first_line_indent=2, align="justify"))
        doc.add(*body("\n".join(lines[1:])) if len(lines) > 1 else [])
    doc.add(heading("二、班组成员情况"))
    doc.add(members_table(MEMBER_HEADERS, [member_values(m, "duty") for m in r.members]))
    chapter, sub = 2, 0
    ctx = ReportContext(Path(base_dir) if base_dir is not None else None, None, doc.text_width_cm,
                        doc.text_height_cm)
    for step, section in steps_in_order(r.sections, profile.steps.team):
        phase = profile.team_phase_of(step)
        if phase:
            chapter, sub = chapter + 1, 0
            doc.add(heading(f"{cn_number(chapter)}、{phase}"))
        sub += 1
        doc.add(heading(f"（{cn_number(sub)}）{step}", level=2))
        doc.add(*step_layout(section, step, ctx))
    return doc
