"""附件2, 3, 6, 7 as Word and PDF: values in the sample tables' cells, in the notice's order."""
from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as open_docx

from exporters import group_form, reviewers_form, statistics_form, team_form
from exporters.docx_writer import write_docx
from forms.campaign import load_campaign
from forms.project import Project
from tests.docx_helpers import east_asian_fonts, paragraphs, table_texts

PROFILE = load_campaign(2024)


def docx_of(build, tmp_path: Path, name: str = "f.docx") -> Path:
    path = tmp_path / name
    write_docx(build, path)
    return path


def test_group_form_reproduces_the_sample_table(sample: Project, tmp_path: Path) -> None:
    path = docx_of(group_form.build(sample, 0, PROFILE), tmp_path)
    rows = table_texts(path)
    assert [r[0] for r in rows[:8]] == [
        "成果名称\n（课题名称）", "质量管理小组名称", "企业名称\n（公章为准）", "详细通讯地址", "小组联系部门",
        "小组活动指导者", "主要完成人\n（不超过10人）", "课题类型"]
    assert rows[0] == ["成果名称\n（课题名称）", "降低常减压装置加热炉排烟温度"]
    assert rows[3] == ["详细通讯地址", "山东省东营市东营区石化路18号", "邮编", "257000"]
    assert rows[4] == ["小组联系部门", "常减压车间", "直接联系人", "王海燕", "手机", "13854601234"]
    assert rows[5] == ["小组活动指导者", "赵明", "小组长姓名", "李建国", "小组人数", "8"]
    assert rows[6][1] == "李建国，王海燕，阿依古丽·买买提，张伟，刘洋，陈静"
    assert rows[7] == ["课题类型", "问题解决型", "经济效益（万元）", "337.74"]
    assert_no_break_inside_brackets(rows)
    box = rows[8][0]
    assert box.startswith("QC小组简介和主要活动过程与效果:")
    assert "排烟温度由168℃降至134℃" in box
    assert [line.strip() for line in box.split("\n")][-2:] == ["所在企业(盖章)：", "2024年4月10日"]
    texts = paragraphs(path)
    assert texts[:4] == ["附件2", "2024年全国石油和化工行业优秀成果申报表", "（小组用样表）",
                         "申报单位：  江海石油化工股份有限公司  （盖章）"]
    assert any(t.startswith("注：1.需提交小组活动记录") for t in texts)
    assert {"宋体", "楷体", "黑体"} >= east_asian_fonts(path) >= {"宋体"}


def test_team_form_reproduces_the_sample_table(sample: Project, tmp_path: Path) -> None:
    rows = table_texts(docx_of(team_form.build(sample, 0, PROFILE), tmp_path))
    assert rows[1] == ["质量信得过班组名称", "聚丙烯包装班"]
    assert rows[5] == ["座机", "0546-8552345", "班组长姓名", "孔繁荣", "班组人数", "12"]
    assert rows[6][0] == "主要完成人\n（不超过15人）"
    assert rows[6][1].count("，") == 9
    assert rows[7] == ["班组工作完成率\n（%）", "100", "产品/服务满意度\n（％）", "98.6", "产品/服务合格率\n（％）",
                       "99.96"]
    assert rows[8] == ["质量考核合格率\n（%）", "100", "质量改进活动参与率\n（%）", "100", "质量成本\n（万元/年）", "12.8"]
    assert rows[9] == ["年培训参与人数\n（人次）", "156", "年顾客投诉数\n（个）", "0", "年质量、安全事故数\n（个）", "0"]
    assert rows[2][0] == "企业名称\n（以公章为准）"
    assert_no_break_inside_brackets(rows)
    assert rows[10][0].startswith("质量信得过班组简介及活动结果：")


def assert_no_break_inside_brackets(rows: list[list[str]]) -> None:
    """Where a label would wrap, it breaks before （, so every line closes the brackets it opens."""
    for row in rows:
        for text in row[:1] + row[2::2]:
            for line in text.split("\n"):
                assert line.count("（") == line.count("）"), line


def test_blank_draft_form_keeps_the_date_line(tmp_path: Path) -> None:
    project = Project.model_validate({"group_achievements": [{"title": "草稿"}]})
    rows = table_texts(docx_of(group_form.build(project, 0, PROFILE), tmp_path))
    assert rows[8][0].rstrip().endswith("年    月    日")
    assert rows[6][1] == ""


def test_statistics_form_rates_and_choices(sample: Project, tmp_path: Path) -> None:
    rows = table_texts(docx_of(statistics_form.build(sample, PROFILE), tmp_path))
    assert rows[0] == ["统计项目", "单位", "数量", "备注"]
    by_label = {r[0]: r[1:] for r in rows}
    assert by_label["本年度QC小组普及率=参加QC小组人数/职工总数×100%"][:2] == ["百分数", "16.50%"]
    assert by_label["本年度QC小组成果率=取得成果小组数/QC小组注册数×100%"][:2] == ["百分数", "66.13%"]
    assert by_label["本年度参与质量信得过班组建设活动员工数"][:2] == ["人次", "1260"]
    # Broken between options only, never inside “单独举办□”; the boxes in one font.
    assert by_label["质量信得过班组评审及交流形式"] == ["发表评审☑  现场评审☑  与QC小组合并开□\n单独举办□"]
    assert "现质量管理小组/质量信得过班组工作归口部门及负责人：质量安全环保部  赵明" in rows[-1][0]


def test_statistics_zero_divisor_shows_a_dash(sample: Project, tmp_path: Path) -> None:
    sample.statistics.employees = 0
    sample.statistics.qc_groups_registered = 0
    rows = table_texts(docx_of(statistics_form.build(sample, PROFILE), tmp_path))
    assert rows[3][2] == "—" and rows[6][2] == "—"


def test_reviewers_form_landscape_with_ticks(sample: Project, tmp_path: Path) -> None:
    path = docx_of(reviewers_form.build(sample, PROFILE), tmp_path)
    rows = table_texts(path)
    assert rows[0][:3] == ["序号", "姓名", "工作单位及部门"]
    assert rows[1][:2] == ["1", "赵明"] and rows[1][-1] == "☑ 小组成果\n☑ 班组成果"
    assert rows[2][-1] == "□ 小组成果\n☑ 班组成果"
    section = open_docx(str(path)).sections[0]
    assert section.page_width > section.page_height


@pytest.mark.parametrize("build", [
    lambda p: group_form.build(p, 0, PROFILE), lambda p: team_form.build(p, 0, PROFILE),
    lambda p: statistics_form.build(p, PROFILE),
])
def test_forms_are_a4_portrait(sample: Project, tmp_path: Path, build) -> None:
    section = open_docx(str(docx_of(build(sample), tmp_path))).sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7


def test_word_control_characters_never_crash(sample: Project, tmp_path: Path) -> None:
    # Models clean text on assignment; the writers clean again for text that bypassed validation.
    object.__setattr__(sample.group_achievements[0], "summary", "第一行\x0b第二行\x0c\x00第三行\x1f")
    rows = table_texts(docx_of(group_form.build(sample, 0, PROFILE), tmp_path))
    assert "第一行\n第二行\n第三行" in rows[8][0]
