"""附件6 质量管理小组/质量信得过班组建设活动统计表."""
from __future__ import annotations

from exporters.form_parts import (
    FORM_MARGINS, TABLE_SIZE, checkbox_line, declarant_line, keep_brackets, label, number, text_paras, title_block,
    value,
)
from exporters.layout import Cell, Document, Para, Row, Run, Table, para
from exporters.page_fit import fit_to_one_page
from forms.campaign import CampaignProfile
from forms.project import Project
from forms.statistics import REVIEW_FORMATS, Statistics, format_rate, unit_of

WIDTHS = [8.4, 1.8, 2.4, 4.4]
CONTACT_TAB_CM = 8.5   # where 联系电话 and 邮编 start in the contact block
# (label, key or derived name, unit) in the order of the sample table.
ITEMS: list[tuple[str, str, str]] = [
    ("历年来已登记注册QC小组累计数", "qc_groups_registered_total", ""),
    ("本年度已登记注册QC小组数", "qc_groups_registered", ""),
    ("本年度QC小组普及率=参加QC小组人数/职工总数×100%", "popularity_rate", "百分数"),
    ("本年度坚持活动的QC小组数", "qc_groups_active", ""),
    ("本年度QC小组创可计算的经济效益", "qc_economic_benefit", ""),
    ("本年度QC小组成果率=取得成果小组数/QC小组注册数×100%", "result_rate", "百分数"),
    ("本年度企业对QC小组活动经费投入（培训、交流、书籍等费用）", "qc_funding", ""),
    ("本年度企业对QC小组活动奖励费用", "qc_rewards", ""),
    ("本年度开展质量信得过班组建设活动班组数", "teams", ""),
    ("历年开展质量信得过班组建设活动班组累计数", "teams_total", ""),
    ("本年度参与质量信得过班组建设活动员工数", "team_participants", ""),
    ("本年度对质量信得过班组建设活动投入费用（培训、交流、规范化等）", "team_funding", ""),
    ("本年度对质量信得过班组建设活动奖励费用", "team_rewards", ""),
]


def item_rows(stats: Statistics) -> list[tuple[str, str, str, str]]:
    """(统计项目, 单位, 数量, 备注) for the 13 numeric rows; derived rates computed, "—" on zero."""
    rows = []
    for text, key, unit in ITEMS:
        remark = ""
        if key == "popularity_rate":
            shown = format_rate(stats.popularity_rate) if stats.employees is not None else ""
            if stats.qc_participants is not None or stats.employees is not None:
                remark = f"参加QC小组人数{number(stats.qc_participants)}人，职工总数{number(stats.employees)}人"
        elif key == "result_rate":
            shown = format_rate(stats.result_rate) if stats.qc_groups_registered is not None else ""
            if stats.qc_groups_with_results is not None:
                remark = f"取得成果小组数{number(stats.qc_groups_with_results)}个"
        else:
            shown = number(getattr(stats, key))
        rows.append((text, unit or unit_of(key), shown, remark))
    return rows


def build(project: Project, profile: CampaignProfile, *, draft: bool = False) -> Document:
    stats = project.statistics or Statistics()
    d = project.declarant
    rows = [Row([label("统计项目"), label("单位"), label("数量"), label("备注")], min_height=0.8, header=True)]
    for text, unit, shown, remark in item_rows(stats):
        rows.append(Row([label(text, align="left"), label(unit), value(shown, align="center"), value(remark)],
                        min_height=0.8))
    rows.append(Row([label("质量信得过班组评审及交流形式", align="left"),
                     Cell(checkbox_line(REVIEW_FORMATS, stats.review_formats, sum(WIDTHS[1:])), colspan=3)], min_height=0.9))
    rows.append(Row([label("本年度开展质量管理小组活动、质量信得过班组建设活动主要特点、存在问题及建议", align="left"),
                     Cell(text_paras(stats.remarks) or [para("", size=TABLE_SIZE)], colspan=3, valign="top")],
                    min_height=3.0))
    phone = " ".join(x for x in (d.phone, d.mobile) if x)
    # The contact block of the 样表: the second column at one tab stop, so the colons line up. The
    # values are one line each: a tab or line break typed into one would push 邮编 out of its column.
    footer = [
        (f"现质量管理小组/质量信得过班组工作归口部门及负责人：{_one_line(d.department)}  {_one_line(d.department_head)}", ()),
        (f"联 系 人：{_one_line(d.contact_person)}\t联系电话：{_one_line(phone)}", (CONTACT_TAB_CM,)),
        (f"通讯地址：{_one_line(d.address)}\t邮编：{_one_line(d.postcode)}", (CONTACT_TAB_CM,)),
        (f"电子邮箱：{_one_line(d.email)}", ()),
    ]
    rows.append(Row([Cell([Para([Run(line, size=TABLE_SIZE)], space_after=2, tabs=tabs) for line, tabs in footer],
                          colspan=4, valign="top")]))
    doc = Document(title=profile.titles["attachment6"], draft=draft, margins_cm=FORM_MARGINS,
                   author=d.name)
    doc.add(*title_block(profile.titles["attachment6"], f"（{profile.statistics_period}）", "附件6"))
    doc.add(declarant_line(d.name))
    doc.add(Table(WIDTHS, keep_brackets(WIDTHS, rows)))
    return fit_to_one_page(doc)


def _one_line(value: str) -> str:
    return value.replace("\r\n", " ").translate(_BREAKS)


_BREAKS = str.maketrans({"\t": " ", "\n": " ", "\r": " ", "\v": " ", "\f": " "})
