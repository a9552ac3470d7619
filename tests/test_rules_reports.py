"""附件8/附件9 rules: registration number, dates, members vs 申报表, T/CAQ step sequences."""
from __future__ import annotations

from forms.campaign import load_campaign
from tests.rule_helpers import at, errors, findings

R = ("group_achievements", 0, "report")


def test_step_sequences_follow_the_notice() -> None:
    profile = load_campaign(2024)
    custom = profile.group_steps("问题解决型", "自定目标")
    directive = profile.group_steps("问题解决型", "指令性目标")
    innovation = profile.group_steps("创新型", None)
    assert custom[1] == "现状调查" and "现状调查" not in directive
    assert directive[1:3] == ("设定目标", "目标可行性论证")
    assert innovation == ("选择课题", "设定目标及目标可行性论证", "提出方案并确定最佳方案", "制定对策",
                          "对策实施", "效果检查", "标准化", "总结和下一步打算")
    assert len(profile.steps.team) == 10 and profile.team_phase_of("提升人员素质") == "建设过程"


def test_registration_number_required(sample_data: dict) -> None:
    sample_data["group_achievements"][0]["report"]["registration_no"] = ""
    (finding,) = errors(findings(sample_data))
    assert finding.form == "附件8" and finding.label == "注册编号"
    assert "登记备案" in finding.message


def test_empty_step_is_an_error_naming_the_step(sample_data: dict) -> None:
    sections = sample_data["group_achievements"][0]["report"]["sections"]
    sections[1]["text"] = "  "                 # 现状调查
    sections[1]["blocks"] = []                 # its tables and charts are content too
    (finding,) = errors(findings(sample_data))
    assert finding.path == (*R, "sections", "现状调查") and finding.field == "sections"
    assert finding.message == "具体内容 › 现状调查：这一步还没有内容，请按问题解决型（自定目标）课题的步骤填写。"


def test_switching_to_directive_target_asks_for_feasibility_and_keeps_survey(sample_data: dict) -> None:
    sample_data["group_achievements"][0]["report"]["target_kind"] = "指令性目标"
    found = findings(sample_data)
    assert [f.message for f in errors(found)] == [
        "具体内容 › 目标可行性论证：这一步还没有内容，请按问题解决型（指令性目标）课题的步骤填写。"]
    assert at(found, *R, "sections", "现状调查", level="warning") == [
        "具体内容 › 现状调查：不是问题解决型（指令性目标）课题的步骤，其内容已保留，但不会导出。"]


def test_target_kind_required_for_problem_solving(sample_data: dict) -> None:
    sample_data["group_achievements"][0]["report"]["target_kind"] = None
    assert "问题解决型课题须选择" in at(findings(sample_data), *R, "target_kind", level="error")[0]


def test_activity_end_before_start(sample_data: dict) -> None:
    report = sample_data["group_achievements"][0]["report"]
    report["activity_start"], report["activity_end"] = "2023-11-20", "2023-05-08"
    assert at(findings(sample_data), *R, "activity_end", level="error") == [
        "活动结束时间：结束时间2023年5月8日早于开始时间2023年11月20日，请改正。"]


def test_member_list_differs_from_member_count(sample_data: dict) -> None:
    sample_data["group_achievements"][0]["report"]["members"].pop()
    found = findings(sample_data)
    assert errors(found) == []
    assert at(found, *R, "members") == ["小组成员情况：列了7人，与申报表的小组人数8人不一致，请核对。"]


def test_team_report_steps_and_members(sample_data: dict) -> None:
    report = sample_data["team_achievements"][0]["report"]
    report["sections"] = [s for s in report["sections"] if s["step"] != "提炼特色"]
    report["members"][0]["name"] = ""
    found = errors(findings(sample_data))
    assert {f.form for f in found} == {"附件9"}
    assert {f.message for f in found} == {
        "具体内容 › 提炼特色：这一步还没有内容，请按质量信得过班组建设的步骤填写。",
        "姓名：第1行没有姓名，请填写或删除该行。",
    }
