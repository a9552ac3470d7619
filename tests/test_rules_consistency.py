"""前后一致 C1–C4: what one form says agrees with what another says; each check trips and passes."""
from __future__ import annotations

import pytest

from tests.report_fixtures import coded, complete
from tests.rule_helpers import findings

G = ("group_achievements", 0)
T = ("team_achievements", 0)


@pytest.fixture
def data(sample_data: dict) -> dict:
    return complete(sample_data)


def test_consistency_findings_have_their_category(data: dict) -> None:
    data["group_achievements"][0]["leader"] = "王五"
    found = [f for f in findings(data) if f.path == (*G, "leader")]
    assert [(f.code, f.category) for f in found] == [("C1", "前后一致"), ("C4", "前后一致")]
    assert found[0].as_check()["category"] == "前后一致"


def test_c1_contributors_are_in_the_member_table(data: dict) -> None:
    assert coded(findings(data), "C1") == []
    data["group_achievements"][0]["main_contributors"][2] = "阿依古丽"
    (finding,) = coded(findings(data), "C1")
    assert finding.path == (*G, "main_contributors", 2) and finding.form == "附件2"
    assert finding.detail == "主要完成人“阿依古丽”不在成果报告书的小组成员表中：申报表与报告书的人员应一致。"


def test_c1_the_leader_is_a_member(data: dict) -> None:
    data["team_achievements"][0]["leader"] = "孔繁"
    (finding,) = coded(findings(data), "C1")
    assert finding.path == (*T, "leader")
    assert finding.detail == "班组长“孔繁”不在成果报告书的班组成员表中：班组长应是班组成员。"


def test_c1_one_leader_in_the_member_table(data: dict) -> None:
    members = data["group_achievements"][0]["report"]["members"]
    members[3]["role"] = "组长、现场实施"
    (finding,) = coded(findings(data), "C1")
    assert finding.path == (*G, "report", "members", 3, "role") and finding.form == "附件8"
    assert finding.detail == "成员表中有2人是组长（李建国、张伟）：一个小组只有一名小组长。"
    members[3]["role"] = "副组长、现场实施"     # 副组长 is not 组长
    assert coded(findings(data), "C1") == []


def test_c1_the_member_marked_leader_is_the_leader(data: dict) -> None:
    data["group_achievements"][0]["leader"] = "王海燕"
    (finding,) = coded(findings(data), "C1")
    assert finding.detail == "成员表中组内分工为组长的是“李建国”，申报表的小组长却是“王海燕”：两处应是同一人。"


def test_c1_team_leader_role(data: dict) -> None:
    members = data["team_achievements"][0]["report"]["members"]
    assert members[0]["title"] == "班长/高级技师" and members[1]["title"] == "副班长/技师"
    assert coded(findings(data), "C1") == []             # 副班长 is not 班长
    members[1]["duty"] = "班长、质量管理"
    (finding,) = coded(findings(data), "C1")
    assert finding.path == (*T, "report", "members", 1, "duty")
    assert finding.detail == "成员表中有2人是班长（孔繁荣、曹丽娟）：一个班组只有一名班组长。"
    members[1]["duty"] = "质量管理"
    data["team_achievements"][0]["leader"] = "曹丽娟"
    (finding,) = coded(findings(data), "C1")
    assert finding.path == (*T, "report", "members", 0, "title")
    assert finding.detail == "成员表中职务、职称为班长的是“孔繁荣”，申报表的班组长却是“曹丽娟”：两处应是同一人。"


def test_c1_waits_for_a_member_table(data: dict) -> None:
    data["group_achievements"][0]["report"]["members"] = []
    assert coded(findings(data), "C1") == []


def test_c2_statistics_count_the_achievements(data: dict) -> None:
    data["statistics"]["qc_groups_with_results"] = 3
    data["statistics"]["teams"] = 1
    assert coded(findings(data), "C2") == []
    data["statistics"]["qc_groups_with_results"] = 2
    data["statistics"]["teams"] = 0
    found = coded(findings(data), "C2")
    assert [f.path for f in found] == [("statistics", "qc_groups_with_results"), ("statistics", "teams")]
    assert found[0].detail == "取得成果小组数为2，少于本次申报的小组成果3项：申报的成果应计入活动统计表。"
    assert found[0].form == "附件6"


def test_c3_the_same_title_twice_is_an_error(data: dict) -> None:
    data["team_achievements"][0]["title"] = " 降低常减压装置 加热炉排烟温度"
    (finding,) = coded(findings(data), "C3")
    assert finding.level == "error" and finding.path == (*T, "title")
    assert finding.detail.startswith("成果名称“降低常减压装置 加热炉排烟温度”与第1个小组成果相同：")


def test_c3_the_same_reviewer_twice_is_an_error(data: dict) -> None:
    data["reviewers"][1]["name"] = data["reviewers"][0]["name"]
    (finding,) = coded(findings(data), "C3")
    assert finding.level == "error" and finding.path == ("reviewers", 1, "name")
    assert "与第1位评委同名" in finding.detail


@pytest.mark.parametrize(("path", "value", "expected"), [
    (("group_achievements", 0, "main_contributors", 3), "张三", "“张三”像是占位的名字"),
    (("group_achievements", 0, "report", "members", 3, "name"), "李 四", "“李 四”像是占位的名字"),
    (("group_achievements", 0, "enterprise"), "XXX石油化工有限公司", "中还有“XXX”这样待填的内容"),
    (("team_achievements", 0, "title"), "打造×××班组", "中还有“×××”这样待填的内容"),
    (("declarant", "department_head"), "某某", "“某某”像是占位的名字"),
    (("reviewers", 0, "work_unit"), "待填", "中还有“待填”这样待填的内容"),
])
def test_c4_placeholders(data: dict, path: tuple, value: str, expected: str) -> None:
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    found = [f for f in coded(findings(data), "C4") if f.path == path]
    assert len(found) == 1 and expected in found[0].detail


def test_c4_real_names_pass(data: dict) -> None:
    # 张伟 and 王海燕 are real names; 张三丰 is not 张三.
    data["group_achievements"][0]["main_contributors"][3] = "张伟"
    data["group_achievements"][0]["advisor"] = "张三丰"
    assert coded(findings(data), "C4") == []
