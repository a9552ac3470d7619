"""附件2 优秀成果申报表（小组用样表）: the sample table, cell for cell."""
from __future__ import annotations

from exporters.form_parts import (
    BLANK_DATE, FORM_MARGINS, TABLE_SIZE, declarant_line, keep_brackets, label, notes, number, text_paras,
    title_block, value,
)
from exporters.layout import Cell, Document, Row, Table, para
from exporters.page_fit import fit_to_one_page
from forms.campaign import CampaignProfile
from forms.group_achievement import GroupAchievement
from forms.project import Project
from forms.text import cn_date

# Six columns: label, value, label, value, label, value (centimetres; A4 text width 16 cm).
WIDTHS = [3.9, 3.2, 2.3, 2.7, 2.0, 2.9]
NOTES = [
    "注：1.需提交小组活动记录和小组活动成果报告书（word文档，成果报告书请参照附件8要求格式编写）。",
    "2.企业名称（小组所在单位）、小组名称，不要挂上级部门（企业名称以公章为准），填写内容应简明扼要，准确无误。",
    "3.“主要完成人”，请按顺序依次准确填写人员姓名，两个姓名之间用逗号隔开。",
    "4.“课题类型”，请选择填写问题解决型、创新型。",
    "5.“成果名称”、“质量管理小组名称”、“企业名称”、“主要完成人”是制作证书的依据，应确保信息准确无误。",
]


def contributors_text(names: list[str]) -> str:
    """主要完成人 in order, joined by the full-width comma the notice asks for."""
    return "，".join(n.strip() for n in names if n.strip())


def summary_cell(heading: str, text: str, sign_date_text: str, *, min_lines: int = 8) -> Cell:
    """The big box: heading, the text, then 所在企业(盖章)： and the date at the bottom right."""
    body = text_paras(text)
    padding = [para("", size=TABLE_SIZE) for _ in range(max(1, min_lines - len(body)))]
    return Cell(
        [para(heading, size=TABLE_SIZE, bold=True), *body, *padding,
         para("所在企业(盖章)：          ", size=TABLE_SIZE, align="right"),
         para(sign_date_text, size=TABLE_SIZE, align="right", space_after=4)],
        colspan=6, valign="top")


def build(project: Project, index: int, profile: CampaignProfile, *, draft: bool = False) -> Document:
    a: GroupAchievement = project.group_achievements[index]
    rows = [
        Row([label("成果名称（课题名称）"), value(a.title, colspan=5)], min_height=0.9),
        Row([label("质量管理小组名称"), value(a.group_name, colspan=5)], min_height=0.9),
        Row([label("企业名称（公章为准）"), value(a.enterprise, colspan=5)], min_height=0.9),
        Row([label("详细通讯地址"), value(a.address, colspan=3), label("邮编"), value(a.postcode)],
            min_height=0.9),
        Row([label("小组联系部门"), value(a.contact_department), label("直接联系人"),
             value(a.contact_person), label("手机"), value(a.mobile)], min_height=0.9),
        Row([label("小组活动指导者"), value(a.advisor), label("小组长姓名"), value(a.leader),
             label("小组人数"), value(number(a.member_count), align="center")], min_height=0.9),
        Row([label(f"主要完成人\n（不超过{profile.limits.group_contributors_max}人）"),
             value(contributors_text(a.main_contributors), colspan=5)], min_height=1.4),
        Row([label("课题类型"), value(a.topic_type or "", colspan=2), label("经济效益（万元）", colspan=2),
             value(number(a.economic_benefit))], min_height=0.9),
        Row([summary_cell("QC小组简介和主要活动过程与效果:", a.summary, cn_date(a.sign_date, BLANK_DATE))]),
    ]
    doc = Document(title=f"{profile.titles['attachment2']}—{a.title}", draft=draft, margins_cm=FORM_MARGINS,
                   author=project.declarant.name)
    doc.add(*title_block(profile.titles["attachment2"], profile.titles["attachment2_sub"], "附件2"))
    doc.add(declarant_line(project.declarant.name))
    doc.add(Table(WIDTHS, keep_brackets(WIDTHS, rows)))
    doc.add(*notes(NOTES))
    return fit_to_one_page(doc)
