"""附件7 评委推荐表 (landscape, one row per recommended expert)."""
from __future__ import annotations

from dataclasses import replace

from exporters.form_parts import checkbox_lines, declarant_line, keep_brackets, label, notes, title_block, value
from exporters.layout import SIZE_XIAO_WU, Cell, Document, Row, Table
from exporters.page_fit import fit_to_one_page
from forms.campaign import CampaignProfile
from forms.project import Project
from forms.reviewer import REVIEW_TYPES

# The 经历 column is the widest: two experts with 300 characters each share one landscape page.
WIDTHS = [1.0, 1.5, 2.7, 2.7, 1.7, 2.7, 2.9, 7.9, 2.6]
HEADERS = ["序号", "姓名", "工作单位及部门", "通讯地址", "邮编", "手机", "E-mail", "相关经历描述",
           "推荐参与评审成果类型\n（可多选）"]


def two_lines(title: str) -> str:
    """“2024年行业优秀成果评审委员会 / 评委推荐表”: the 样表's title in two lines."""
    head, sep, tail = title.partition("委员会")
    return f"{head}{sep}\n{tail}" if sep and tail else title


def _small(cell: Cell) -> Cell:
    """经历描述 in 小五, so 300 characters take about a third of the page."""
    return replace(cell, paras=[replace(p, runs=[replace(r, size=SIZE_XIAO_WU) for r in p.runs]) for p in cell.paras])


def build(project: Project, profile: CampaignProfile, *, draft: bool = False) -> Document:
    rows = [Row([label(h) for h in HEADERS], min_height=1.0, header=True)]
    for i, r in enumerate(project.reviewers, start=1):
        rows.append(Row([
            label(str(i)), value(r.name, align="center"), value(r.work_unit), value(r.address),
            value(r.postcode, align="center"), value(r.mobile, align="center"), value(r.email),
            _small(value(r.experience, align="justify")),
            Cell(checkbox_lines(REVIEW_TYPES, r.review_types), valign="middle"),
        ], min_height=3.0))
    low, high = profile.limits.reviewers_min, profile.limits.reviewers_max
    doc = Document(title=profile.titles["attachment7"], landscape=True, draft=draft, author=project.declarant.name,
                   margins_cm=(2.0, 2.0, 1.8, 2.0))
    doc.add(*title_block(two_lines(profile.titles["attachment7"]), "", "附件7"))
    doc.add(declarant_line(project.declarant.name))
    doc.add(Table(WIDTHS, keep_brackets(WIDTHS, rows)))
    doc.add(*notes([
        f"注：1.请根据行业优秀成果评审委员会评委推荐要求（见附件1），推荐{low}至{high}名专家参与行业优秀成果的评审工作。",
        f"2．“相关经历描述”，包括参与小组成果/班组成果评审的经历，参加过的相关培训，曾获过的相关奖励、荣誉、培训证书及资质证书等，"
        f"字数：{profile.limits.experience_max_chars}字以内，文字内容简明扼要，并请提供获过的奖励、荣誉、培训证书及资质证书等证明材料电子版。",
    ]))
    return fit_to_one_page(doc)
