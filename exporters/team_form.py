"""附件3 优秀质量管理成果申报表（班组用样表）: the sample table, cell for cell."""
from __future__ import annotations

from exporters.form_parts import (
    BLANK_DATE, FORM_MARGINS, declarant_line, keep_brackets, label, notes, number, title_block, value,
)
from exporters.group_form import contributors_text, summary_cell
from exporters.layout import Document, Row, Table
from exporters.page_fit import fit_to_one_page
from forms.campaign import CampaignProfile
from forms.project import Project
from forms.text import cn_date
from forms.team_achievement import TeamAchievement

WIDTHS = [3.1, 2.8, 3.0, 2.4, 3.0, 2.7]
NOTES = [
    "注：1.需提交班组活动记录和班组建设成果报告书（word文档，成果报告书请参照附件9要求格式编写）。",
    "2.企业名称（班组所在单位）、班组名称，不要挂上级部门（企业名称以公章为准），填写内容应简明扼要，准确无误。"
    "班组名称需以正式组织单元名称为准，并对“班”和“组”加以区分，以“**班”、“**组”、“**工段”或“**室”等为名。",
    "3.“主要完成人”，请按顺序依次准确填写人员姓名，两个姓名之间用逗号隔开。",
    "4.“成果名称”、“质量信得过班组名称”、“企业名称”、“主要完成人”是制作证书的依据，应确保信息准确无误。",
]


def build(project: Project, index: int, profile: CampaignProfile, *, draft: bool = False) -> Document:
    a: TeamAchievement = project.team_achievements[index]
    limit = profile.limits.team_contributors_max

    def n(v: object) -> object:
        return value(number(v), align="center")  # type: ignore[arg-type]

    rows = [
        Row([label("成果名称"), value(a.title, colspan=5)], min_height=0.9),
        Row([label("质量信得过班组名称"), value(a.team_name, colspan=5)], min_height=0.9),
        Row([label("企业名称（以公章为准）"), value(a.enterprise, colspan=5)], min_height=0.9),
        Row([label("详细通讯地址"), value(a.address, colspan=3), label("邮编"), value(a.postcode)],
            min_height=0.9),
        Row([label("主管部门"), value(a.supervising_department), label("直接联系人"),
             value(a.contact_person), label("手机"), value(a.mobile)], min_height=0.9),
        Row([label("座机"), value(a.landline), label("班组长姓名"), value(a.leader),
             label("班组人数"), n(a.member_count)], min_height=0.9),
        Row([label(f"主要完成人\n（不超过{limit}人）"), value(contributors_text(a.main_contributors), colspan=5)],
            min_height=1.4),
        Row([label("班组工作完成率（%）"), n(a.work_completion_rate), label("产品/服务满意度（％）"),
             n(a.satisfaction_rate), label("产品/服务合格率（％）"), n(a.pass_rate)], min_height=0.9),
        Row([label("质量考核合格率（%）"), n(a.assessment_pass_rate), label("质量改进活动参与率（%）"),
             n(a.participation_rate), label("质量成本（万元/年）"), n(a.quality_cost)], min_height=0.9),
        Row([label("年培训参与人数（人次）"), n(a.training_attendance), label("年顾客投诉数（个）"),
             n(a.customer_complaints), label("年质量、安全事故数（个）"), n(a.incidents)], min_height=0.9),
        Row([summary_cell("质量信得过班组简介及活动结果：", a.summary, cn_date(a.sign_date, BLANK_DATE))]),
    ]
    doc = Document(title=f"{profile.titles['attachment3']}—{a.title}", draft=draft, margins_cm=FORM_MARGINS,
                   author=project.declarant.name)
    doc.add(*title_block(profile.titles["attachment3"], profile.titles["attachment3_sub"], "附件3"))
    doc.add(declarant_line(project.declarant.name))
    doc.add(Table(WIDTHS, keep_brackets(WIDTHS, rows)))
    doc.add(*notes(NOTES))
    return fit_to_one_page(doc)
