"""附件8 质量管理小组活动成果报告书: cover, 目录, 小组概况, 小组成员情况, then the T/CAQ 10201 steps."""
from __future__ import annotations

from os import PathLike
from pathlib import Path

from exporters.form_parts import number
from exporters.layout import Document, Row, Table
from exporters.report_blocks import ReportContext, step_layout
from exporters.report_parts import (
    cell, cn_number, cover, date_span, heading, member_values, members_table, steps_in_order,
)
from forms.campaign import CampaignProfile
from forms.project import Project
from forms.text import cn_date

MEMBER_HEADERS = ["序号", "姓名", "年龄", "文化程度", "职务、职称", "组内分工", "备注"]


def build(project: Project, index: int, profile: CampaignProfile, *, draft: bool = False,
          base_dir: str | PathLike[str] | None = None) -> Document:
    """附件8 of the ``index``-th group achievement; ``base_dir`` is where relative picture paths start."""
    a = project.group_achievements[index]
    r = a.report
    doc = Document(title=f"{a.title}—质量管理小组活动成果报告书", draft=draft, page_numbers=True)
    doc.add(*cover(a.title, a.group_name, r.presenter, a.enterprise, cn_date(r.report_date, "    年  月  日")))
    chapter = 1
    doc.add(heading(f"{cn_number(chapter)}、小组概况"))
    overview = [
        ("小组名称", a.group_name, "注册编号", r.registration_no),
        ("课题名称", a.title, "成立时间", cn_date(r.founded_on)),
        ("课题类型", a.topic_type or "", "活动时间", date_span(r.activity_start, r.activity_end)),
        ("小组人数", number(a.member_count), "当年活动次数", number(r.meetings_this_year)),
    ]
    doc.add(Table([2.6, 5.6, 2.8, 5.0],
                  [Row([cell(k1), cell(v1, "left"), cell(k2), cell(v2, "left")], min_height=0.9)
                   for k1, v1, k2, v2 in overview]))
    chapter += 1
    doc.add(heading(f"{cn_number(chapter)}、小组成员情况"))
    doc.add(members_table(MEMBER_HEADERS, [member_values(m, "role") for m in r.members]))
    steps = profile.group_steps(a.topic_type, r.target_kind)
    ctx = ReportContext(Path(base_dir) if base_dir is not None else None, r.goal, doc.text_width_cm,
                        doc.text_height_cm)
    for step, section in steps_in_order(r.sections, steps):
        chapter += 1
        doc.add(heading(f"{cn_number(chapter)}、{step}"))
        doc.add(*step_layout(section, step, ctx))
    return doc
