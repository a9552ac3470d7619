"""The notice's rules N1–N7 (teams registered, three years without incident, records required for a
final export, names without a parent unit, 班 and 组 told apart, spaces in names, 经济效益 filled)."""
from __future__ import annotations

from pathlib import Path

import pytest

from exporters.bundle import ExportRefused, export_bundle
from forms.campaign import load_campaign
from forms.project import Project
from forms.rules.notice import company_names, parent_prefix
from forms.rules.words import words_of
from tests.report_fixtures import coded
from tests.rule_helpers import errors, findings

G = ("group_achievements", 0)
T = ("team_achievements", 0)
WORDS = words_of(load_campaign(2024).self_check)


def test_notice_findings_are_form_rules(sample_data: dict) -> None:
    sample_data["team_achievements"][0]["no_incidents_3y"] = False
    (finding,) = coded(findings(sample_data), "N2")
    assert finding.category == "填写规则" and finding.as_check()["category"] == "填写规则"


def test_n1_a_team_is_registered(sample_data: dict) -> None:
    assert coded(findings(sample_data), "N1") == []
    sample_data["team_achievements"][0]["report"]["registration_no"] = " "
    (finding,) = coded(findings(sample_data), "N1")
    assert finding.level == "error" and finding.form == "附件9"
    assert finding.path == (*T, "report", "registration_no") and finding.label == "注册编号"
    assert "未登记的班组不能申报" in finding.detail


def test_n2_no_incident_in_three_years_is_declared(sample_data: dict) -> None:
    assert coded(findings(sample_data), "N2") == []
    del sample_data["team_achievements"][0]["no_incidents_3y"]      # an older file: not yet declared
    (finding,) = coded(findings(sample_data), "N2")
    assert finding.level == "error" and finding.label == "近三年未发生质量、安全、环保事故"
    assert finding.detail.startswith("尚未确认：附件1要求被推荐班组近三年无质量、安全、环保事故")


def test_n3_records_statistics_and_evidence_block_a_final_export_only(sample_data: dict, tmp_path: Path) -> None:
    sample_data["team_achievements"][0]["attachments"] = []
    sample_data["reviewers"][1]["evidence"] = []
    sample_data["statistics"] = None
    found = coded(findings(sample_data), "N3")
    assert [(f.level, f.path) for f in found] == [
        ("error", (*T, "attachments")), ("error", ("statistics",)), ("error", ("reviewers", 1, "evidence"))]
    assert found[0].detail.startswith("尚未添加班组活动记录：")
    project = Project.model_validate(sample_data)
    with pytest.raises(ExportRefused):
        export_bundle(project, tmp_path / "正式")
    draft = export_bundle(project, tmp_path / "草稿", draft=True)
    assert draft.draft and (tmp_path / "草稿" / "manifest.json").is_file()


@pytest.mark.parametrize(("name", "prefix"), [
    ("聚丙烯车间包装班", "聚丙烯车间"), ("炼油厂常减压装置QC小组", "炼油厂"),
    ("江海石化公司节能先锋QC小组", "江海石化公司"), ("包装班", None), ("中心化验室", None),
    ("包装车间", None), ("节能先锋QC小组", None),
])
def test_n4_parent_prefix(name: str, prefix: str | None) -> None:
    assert parent_prefix(name, WORDS.parent_units) == prefix


@pytest.mark.parametrize(("name", "parts"), [
    ("江海石油化工股份有限公司", ["江海石油化工股份有限公司"]),
    ("中国石油化工集团有限公司", ["中国石油化工集团有限公司"]),
    ("中国石化集团江海石油化工股份有限公司", ["中国石化集团", "江海石油化工股份有限公司"]),
])
def test_n4_company_names(name: str, parts: list[str]) -> None:
    assert company_names(name, WORDS.companies) == parts


def test_n4_certificate_names_without_a_parent_unit(sample_data: dict) -> None:
    assert coded(findings(sample_data), "N4") == []               # the sample's 聚丙烯包装班
    sample_data["team_achievements"][0]["team_name"] = "聚丙烯车间包装班"
    found = coded(findings(sample_data), "N4")
    assert [f.path for f in found] == [(*T, "team_name")]
    assert found[0].detail.startswith("班组名称“聚丙烯车间包装班”前面挂了上级单位“聚丙烯车间”")
    sample_data["team_achievements"][0]["team_name"] = "包装班"
    sample_data["group_achievements"][0]["enterprise"] = "中国石化集团江海石油化工股份有限公司"
    (finding,) = coded(findings(sample_data), "N4")
    assert finding.path == (*G, "enterprise") and finding.level == "warning"
    assert "含2个单位名称（中国石化集团、江海石油化工股份有限公司）" in finding.detail


def test_n5_a_team_is_a_ban_or_a_zu(sample_data: dict) -> None:
    sample_data["team_achievements"][0]["team_name"] = "包装班组"
    (finding,) = coded(findings(sample_data), "N5")
    assert finding.level == "warning" and "以“班组”结尾" in finding.detail
    sample_data["team_achievements"][0]["team_name"] = "包装组"
    assert coded(findings(sample_data), "N5") == []


def test_n6_a_space_in_a_name_is_a_warning(sample_data: dict) -> None:
    group = sample_data["group_achievements"][0]
    group["main_contributors"][2] = "阿依古丽 买买提"
    group["report"]["members"][2]["name"] = "阿依古丽 买买提"
    found = findings(sample_data)
    (finding,) = coded(found, "N6")
    assert finding.level == "warning" and finding.path == (*G, "main_contributors", 2)
    assert errors(found) == []
    group["main_contributors"][2] = "阿依古丽、买买提"    # a separator is still two names
    assert any("像是多个姓名" in f.detail for f in errors(findings(sample_data)))


def test_n7_problem_solving_states_its_benefit(sample_data: dict) -> None:
    sample_data["group_achievements"][0]["economic_benefit"] = None
    sample_data["group_achievements"][1]["economic_benefit"] = None      # 创新型: not asked
    (finding,) = coded(findings(sample_data), "N7")
    assert finding.path == (*G, "economic_benefit") and finding.level == "warning"
    sample_data["group_achievements"][0]["economic_benefit"] = 0
    assert coded(findings(sample_data), "N7") == []


def test_a_finding_made_without_category_or_code_is_a_form_rule() -> None:
    from forms.rules import Finding
    finding = Finding("warning", "附件2", ("group_achievements", 0, "mobile"), "手机", "请核对。", "mobile")
    assert finding.category == "填写规则" and finding.code == ""
    assert finding.as_check() == {"level": "warning", "form": "附件2", "achievement": None, "field": "mobile",
                                  "message": "手机：请核对。", "category": "填写规则"}
