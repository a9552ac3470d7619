"""Imports from Excel (rosters and 汇总表, columns by header name) and last year's project."""
from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.cli import main as cli
from exporters.summary_xlsx import write_group_summary, write_team_summary
from forms.campaign import load_campaign
from forms.new_year import next_year_project
from forms.project import Project
from forms.project_file import load_project
from forms.sample import SAMPLE_ATTACHMENTS, SAMPLE_DIR
from importers.roster import read_roster, roster_from_rows, rows_by_header
from importers.summary import read_summary
from importers.workbook import ImportFailed
from tests.conftest import write_json


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_roster_with_shuffled_columns_and_synonyms_imports_by_header(tmp_path: Path) -> None:
    path = workbook(tmp_path / "名单.xlsx", {
        "说明": [["本工作簿为节能先锋QC小组名单"]],
        "成员": [
            ["节能先锋QC小组成员名单"],
            [],
            ["备注", "分工", "职称", "名字", "学历", "年龄", "职务", "主要完成人"],
            ["", "组长", "工程师", "李强", "本科", 41, "副主任", "是"],
            ["外聘", "数据收集", "", "王芳", "大专", "35岁", "班长", ""],
            [None, "现场实施", "技师", "赵刚", "中专", 48.0, None, "√"],
            ["", "", "", "", "", "", "", ""],
            ["", "记录", "", "孙丽", "本科", "三十", "", "是"],
        ],
    })
    roster = read_roster(path, "group")
    assert roster.sheet == "工作表“成员”"
    rows = [(m.name, m.age, m.education, m.title, m.role, m.remark) for m in roster.members]
    assert rows == [
        ("李强", 41, "本科", "工程师/副主任", "组长", ""),
        ("王芳", 35, "大专", "班长", "数据收集", "外聘"),
        ("赵刚", 48, "中专", "技师", "现场实施", ""),
        ("孙丽", None, "本科", "", "记录", ""),
    ]
    assert roster.contributors == ["李强", "赵刚", "孙丽"]
    assert roster.problems == ["工作表“成员”第8行（孙丽）的“年龄”应为整数，表中为“三十”，已留空。"]


def test_team_roster_takes_duty_and_everyone_without_a_contributor_column(tmp_path: Path) -> None:
    path = workbook(tmp_path / "班组.xlsx", {"Sheet1": [
        ["岗位职责", "姓名", "文化程度", "职务、职称"],
        ["班组全面管理", "周敏", "本科", "班长/技师"],
        ["包装质量检查", "吴昊", "高中", "操作工"],
    ]})
    roster = read_roster(path, "team")
    assert [(m.name, m.duty, m.title) for m in roster.members] == [
        ("周敏", "班组全面管理", "班长/技师"), ("吴昊", "包装质量检查", "操作工")]
    assert roster.contributors == ["周敏", "吴昊"]


def test_a_workbook_without_a_roster_or_not_xlsx_is_told_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="没有找到成员名单.*组内分工"):
        read_roster(workbook(tmp_path / "空.xlsx", {"表": [["序号", "内容"], [1, "x"]]}), "group")
    (tmp_path / "坏.xlsx").write_bytes(b"not a zip")
    with pytest.raises(ImportFailed, match="不是有效的 Excel 工作簿"):
        read_roster(tmp_path / "坏.xlsx", "group")
    with pytest.raises(ImportFailed, match="另存为"):
        read_roster(tmp_path / "旧.xls", "group")


def test_pasted_block_with_header_is_reordered_by_name() -> None:
    keys = ["name", "age", "education", "title", "role", "remark"]
    pasted = [["组内分工", "姓名", "年龄"], ["组长", "李强", "41"], ["记录", "王芳", ""]]
    assert rows_by_header(pasted, keys) == [["李强", "41", "", "", "组长", ""], ["王芳", "", "", "", "记录", ""]]
    assert rows_by_header([["李强", "41", "本科"]], keys) is None      # no header: taken as it is
    assert roster_from_rows([["李强", "41"]], "group") is None


def test_summary_written_by_qcdesk_starts_the_achievements(sample: Project, tmp_path: Path) -> None:
    profile = load_campaign(2024)
    write_group_summary(sample, profile, tmp_path / "附件4.xlsx")
    write_team_summary(sample, profile, tmp_path / "附件5.xlsx")
    groups = read_summary(tmp_path / "附件4.xlsx")
    teams = read_summary(tmp_path / "附件5.xlsx")
    assert groups.teams == [] and teams.groups == [] and groups.problems == []
    keys = ("title", "group_name", "enterprise", "address", "postcode", "contact_person", "mobile", "topic_type")
    assert [{k: getattr(a, k) for k in keys} for a in groups.groups] == \
        [{k: getattr(a, k) for k in keys} for a in sample.group_achievements]
    assert [(a.title, a.team_name, a.mobile) for a in teams.teams] == \
        [(a.title, a.team_name, a.mobile) for a in sample.team_achievements]


def test_hand_made_summary_with_the_notices_headers(tmp_path: Path) -> None:
    path = workbook(tmp_path / "汇总.xlsx", {
        "小组": [["2023年全国石油和化工行业优秀成果申报汇总表"], ["序号", "成果名称", "小组名称", "企业名称", "课题类型",
                                                   "手机", "直接联系人", "邮编", "通讯地址"],
               [1, "降低 能耗", "节能QC小组", "某石化公司", "问题 解决型", 13900000000, "张三", 257000, "东营市"],
               [2, "提高合格率", "精益QC小组", "某石化公司", "攻关型", "", "", "", ""],
               ["注：申报单位名称以公章为准"]],
        "班组": [["附件5"], ["序号", "企业名称", "班组名称", "成果名称"], [1, "某石化公司", "包装班", "零缺陷包装"]],
    })
    found = read_summary(path)
    assert [(a.title, a.group_name, a.topic_type, a.mobile, a.postcode) for a in found.groups] == [
        ("降低 能耗", "节能QC小组", "问题解决型", "13900000000", "257000"), ("提高合格率", "精益QC小组", None, "", "")]
    assert found.problems == ["工作表“小组”第4行的“课题类型”应为 问题解决型 或 创新型，表中为“攻关型”，已留空。"]
    assert [(a.title, a.team_name) for a in found.teams] == [("零缺陷包装", "包装班")]


def last_year(sample_data: dict) -> dict:
    data = copy.deepcopy(sample_data)
    data["campaign"] = 2023
    return data


def test_new_year_project_keeps_the_unit_and_groups_and_clears_the_achievements(sample_data: dict) -> None:
    last = Project.model_validate(last_year(sample_data))
    new = next_year_project(last, 2024)
    assert new.campaign == 2024 and new.statistics is None
    assert new.declarant.name == last.declarant.name and new.declarant.fill_date is None
    assert new.reviewers == last.reviewers
    g, old = new.group_achievements[0], last.group_achievements[0]
    assert (g.group_name, g.leader, g.mobile, g.member_count) == (old.group_name, old.leader, old.mobile, old.member_count)
    assert g.report.registration_no == old.report.registration_no and g.report.founded_on == old.report.founded_on
    assert [m.name for m in g.report.members] == [m.name for m in old.report.members]
    assert g.report.members[0].age == old.report.members[0].age + 1
    assert (g.title, g.main_contributors, g.attachments, g.summary, g.topic_type) == ("", [], [], "", None)
    assert g.completed_on is None and g.economic_benefit is None
    assert g.report.sections == [] and g.report.goal.baseline is None and g.report.presenter == ""
    t, old_t = new.team_achievements[0], last.team_achievements[0]
    assert t.team_name == old_t.team_name and t.report.overview == old_t.report.overview
    assert (t.title, t.pass_rate, t.report.sections) == ("", None, [])


def test_new_from_last_year_on_the_command_line(sample_data: dict, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "2023"
    folder.mkdir()
    shutil.copytree(SAMPLE_DIR / SAMPLE_ATTACHMENTS, folder / SAMPLE_ATTACHMENTS)
    last = write_json(folder / "申报2023.qcproj", last_year(sample_data))
    new = tmp_path / "2024" / "申报2024.qcproj"
    new.parent.mkdir()
    assert cli(["new", str(new), "--from", str(last)]) == 0
    assert "保留 3 个小组、1 个班组、2 名评委" in capsys.readouterr().out
    project = load_project(new)
    assert project.campaign == 2024
    assert project.reviewers[0].evidence == ["申报2024_附件/评委证明材料/赵明/赵明-高级诊断师证书.pdf"]
    assert (new.parent / project.reviewers[0].evidence[0]).is_file()
    assert cli(["new", str(tmp_path / "x.qcproj"), "--from", str(new)]) == 2
    assert "还没有更新年度的通知数据" in capsys.readouterr().err
    assert project.declarant.fill_date is None
