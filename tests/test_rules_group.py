"""附件2 rules, with the notice's own limits (10 contributors, cut-off 2023-05-01, window 03-25–04-30)."""
from __future__ import annotations

from tests.rule_helpers import at, errors, findings

G = ("group_achievements", 0)


def test_sample_has_no_errors_and_only_warnings_a_reviewer_would_give(sample_data: dict) -> None:
    found = findings(sample_data)
    assert errors(found) == []
    # Text-only reports lack the data charts, goal and plan reviewers look for.
    assert {f.code for f in found} <= {"Q2", "Q4", "Q12", "Q14", "Q15"}
    assert all(f.category in ("方法自查", "填写规则") for f in found)


def test_ten_contributors_pass_eleven_fail(sample_data: dict) -> None:
    group = sample_data["group_achievements"][0]
    group["member_count"] = 11
    group["main_contributors"] = [f"成员{i}" for i in range(10)]
    group["report"]["members"] = [{"name": f"成员{i}"} for i in range(11)]
    assert at(findings(sample_data), *G, "main_contributors") == []
    group["main_contributors"].append("成员10")
    messages = at(findings(sample_data), *G, "main_contributors", level="error")
    assert messages == ["主要完成人（不超过10人）：填了11人，超过上限10人，请删减到10人以内。"]


def test_contributors_distinct_one_per_cell_and_within_member_count(sample_data: dict) -> None:
    group = sample_data["group_achievements"][0]
    group["member_count"] = 3
    group["main_contributors"] = ["李建国", "王海燕，张伟", "李建国", "刘洋"]
    messages = at(findings(sample_data), *G, "main_contributors", level="error")
    assert any("“王海燕，张伟”像是多个姓名" in m for m in messages)
    assert any("姓名重复：李建国" in m for m in messages)
    assert any("多于小组人数3人" in m for m in messages)


def test_middle_dot_name_is_one_name(sample_data: dict) -> None:
    assert "阿依古丽·买买提" in sample_data["group_achievements"][0]["main_contributors"]
    assert at(findings(sample_data), *G, "main_contributors") == []


def test_completion_cutoff_is_the_notice_date(sample_data: dict) -> None:
    group = sample_data["group_achievements"][0]
    group["completed_on"] = "2023-05-01"
    group["report"]["activity_end"] = "2023-05-01"
    group["report"]["activity_start"] = "2023-03-01"
    assert at(findings(sample_data), *G, "completed_on") == []
    group["completed_on"] = "2023-04-30"
    assert at(findings(sample_data), *G, "completed_on", level="error") == [
        "成果完成日期：成果须是2023年5月1日以后完成的，此成果完成于2023年4月30日，不能申报本年度评选。"]


def test_sign_date_outside_window_is_a_warning(sample_data: dict) -> None:
    group = sample_data["group_achievements"][0]
    group["sign_date"] = "2024-03-25"
    assert at(findings(sample_data), *G, "sign_date") == []
    group["sign_date"] = "2024-05-06"
    found = findings(sample_data)
    assert at(found, *G, "sign_date", level="warning") == [
        "年 月 日 (所在企业盖章处)：2024年5月6日不在申报期2024年3月25日至2024年4月30日内，请核对盖章日期。"]
    assert errors(found) == []


def test_required_certificate_texts_and_no_line_break(sample_data: dict) -> None:
    group = sample_data["group_achievements"][0]
    group["group_name"] = "  "
    group["title"] = "降低加热炉\n排烟温度"
    found = findings(sample_data)
    assert at(found, *G, "group_name") == ["质量管理小组名称：必填，这是制作证书的依据，请准确填写。"]
    assert at(found, *G, "title") == ["成果名称（课题名称）：不能换行（是制作证书的依据），请改成一行。"]


def test_formats_of_mobile_and_postcode(sample_data: dict) -> None:
    group = sample_data["group_achievements"][0]
    group["mobile"] = "138-5460-1234"
    group["postcode"] = "25700"
    found = findings(sample_data)
    assert at(found, *G, "mobile") == []
    assert at(found, *G, "postcode") == ["邮编：“25700”不是有效的邮编，应为6位数字，如 100029。"]
    group["mobile"] = "1385460123"
    assert "不是有效的手机号码" in at(findings(sample_data), *G, "mobile")[0]


def test_topic_type_required_and_member_count_typical(sample_data: dict) -> None:
    group = sample_data["group_achievements"][0]
    group["topic_type"] = None
    group["member_count"] = 12
    found = findings(sample_data)
    assert at(found, *G, "topic_type", level="error")
    assert at(found, *G, "member_count", level="warning") == [
        "小组人数：QC小组一般为3至10人（现为12人），请核对。"]


def test_money_at_most_two_decimals_and_not_negative(sample_data: dict) -> None:
    group = sample_data["group_achievements"][0]
    group["economic_benefit"] = "12.345"
    assert "最多保留两位小数" in at(findings(sample_data), *G, "economic_benefit")[0]
    group["economic_benefit"] = -1
    assert "不能为负数" in at(findings(sample_data), *G, "economic_benefit")[0]


def test_missing_attachment_file_is_an_error_naming_it(sample_data: dict, tmp_path) -> None:
    sample_data["group_achievements"][0]["attachments"] = ["记录/不存在.pdf"]
    found = findings(sample_data, base_dir=tmp_path)
    assert at(found, *G, "attachments", level="error") == [
        "小组活动记录等附件 第1项：找不到小组活动记录等附件文件“记录/不存在.pdf”，请重新选择该文件或将其移除。"]
    sample_data["group_achievements"][0]["attachments"] = []
    (missing,) = [f for f in findings(sample_data) if f.path == (*G, "attachments")]
    assert missing.level == "error" and missing.code == "N3" and missing.category == "填写规则"
    assert "尚未添加小组活动记录" in missing.message and "草稿可照常导出" in missing.message


def test_finding_names_form_and_achievement(sample_data: dict) -> None:
    sample_data["group_achievements"][1]["leader"] = ""
    (finding,) = [f for f in findings(sample_data) if f.field == "leader"]
    assert finding.form == "附件2"
    assert finding.achievement == "第2个小组成果《研制再生滑阀阀杆间隙在线检测工具》"
    assert finding.label == "小组长姓名"
