"""附件3 rules: 15 contributors, team name suffix, rates, and no incident in three years (附件1)."""
from __future__ import annotations

from tests.rule_helpers import at, errors, findings

T = ("team_achievements", 0)


def test_an_incident_blocks_the_team(sample_data: dict) -> None:
    sample_data["team_achievements"][0]["incidents"] = 1
    found = findings(sample_data)
    (finding,) = errors(found)
    assert finding.form == "附件3" and finding.field == "incidents"
    assert "年质量、安全事故数（个）" in finding.message
    assert "近三年无质量、安全、环保事故" in finding.message


def test_incidents_must_be_filled(sample_data: dict) -> None:
    sample_data["team_achievements"][0]["incidents"] = None
    assert at(findings(sample_data), *T, "incidents", level="error") == [
        "年质量、安全事故数（个）：必填，请填写事故数（无事故填0）。"]


def test_fifteen_contributors_pass_sixteen_fail(sample_data: dict) -> None:
    team = sample_data["team_achievements"][0]
    team["member_count"] = 16
    team["report"]["members"] = team["report"]["members"] + [dict(team["report"]["members"][0], name=f"新{i}") for i in range(4)]
    team["main_contributors"] = [f"员工{i}" for i in range(15)]
    team["report"]["members"] = [{"name": f"员工{i}"} for i in range(16)]
    assert at(findings(sample_data), *T, "main_contributors") == []
    team["main_contributors"].append("员工15")
    assert at(findings(sample_data), *T, "main_contributors", level="error") == [
        "主要完成人（不超过15人）：填了16人，超过上限15人，请删减到15人以内。"]


def test_team_name_suffix_is_a_warning(sample_data: dict) -> None:
    team = sample_data["team_achievements"][0]
    for good in ("包装班", "分析化验组", "储运工段", "中心化验室"):
        team["team_name"] = good
        assert at(findings(sample_data), *T, "team_name") == []
    team["team_name"] = "包装车间"
    found = findings(sample_data)
    assert "请核对“包装车间”" in at(found, *T, "team_name", level="warning")[0]
    assert errors(found) == []


def test_rates_between_0_and_100_with_two_decimals(sample_data: dict) -> None:
    team = sample_data["team_achievements"][0]
    team["pass_rate"] = 100.5
    team["satisfaction_rate"] = "98.655"
    found = findings(sample_data)
    assert at(found, *T, "pass_rate") == ["产品/服务合格率（%）：百分比应在0到100之间（现为 100.5），请改正。"]
    assert "最多保留两位小数" in at(found, *T, "satisfaction_rate")[0]


def test_landline_format(sample_data: dict) -> None:
    team = sample_data["team_achievements"][0]
    team["landline"] = "0546-855"
    assert "不是有效的电话号码" in at(findings(sample_data), *T, "landline")[0]
    team["landline"] = "0546-8552345转806"
    assert at(findings(sample_data), *T, "landline") == []
