"""申报单位, 附件6 and 附件7 rules."""
from __future__ import annotations

from decimal import Decimal

from forms.statistics import Statistics, format_rate, percentage
from tests.rule_helpers import at, errors, findings


def test_declarant_phone_and_mobile_formats(sample_data: dict) -> None:
    sample_data["declarant"]["phone"] = "010-84885418、84885009"   # as the notice writes it
    assert at(findings(sample_data), "declarant") == []
    sample_data["declarant"]["phone"] = "8488"
    sample_data["declarant"]["mobile"] = "1390546123"
    sample_data["declarant"]["email"] = "qccpcif@126"
    found = findings(sample_data)
    assert "电话：“8488”不是有效的电话号码" in at(found, "declarant", "phone")[0]
    assert "手机：“1390546123”不是有效的手机号码" in at(found, "declarant", "mobile")[0]
    assert "电子邮箱：“qccpcif@126”不是有效的电子邮箱地址" in at(found, "declarant", "email")[0]
    assert {f.form for f in errors(found)} == {"附件4", "附件6"}


def test_derived_rates_two_decimals_and_dash_on_zero() -> None:
    stats = Statistics(qc_participants=538, employees=3260, qc_groups_with_results=41, qc_groups_registered=62)
    assert stats.popularity_rate == Decimal("16.50")
    assert stats.result_rate == Decimal("66.13")
    assert format_rate(stats.result_rate) == "66.13%"
    assert percentage(5, 0) is None and format_rate(None) == "—"
    assert Statistics(qc_participants=5, employees=0).popularity_rate is None


def test_parts_larger_than_wholes_are_errors(sample_data: dict) -> None:
    stats = sample_data["statistics"]
    stats.update(qc_groups_registered=500, qc_groups_active=600, qc_participants=4000, teams=100)
    found = findings(sample_data)
    messages = [f.message for f in errors(found)]
    assert any("本年度注册数不能多于历年累计数（500 > 486）" in m for m in messages)
    assert any("坚持活动的小组数不能多于本年度注册数（600 > 500）" in m for m in messages)
    assert any("参加QC小组人数不能多于职工总数（4000 > 3260）" in m for m in messages)
    assert any("本年度班组数不能多于历年累计数（100 > 95）" in m for m in messages)
    assert all(f.form == "附件6" for f in errors(found))


def test_zero_employees_is_not_a_crash(sample_data: dict) -> None:
    sample_data["statistics"].update(employees=0, qc_participants=0)
    assert "普及率无法计算" in at(findings(sample_data), "statistics", "employees")[0]


def test_missing_statistics_blocks_a_final_export(sample_data: dict) -> None:
    sample_data["statistics"] = None
    (finding,) = errors(findings(sample_data))
    assert finding.path == ("statistics",) and finding.code == "N3"
    assert "尚未填写活动统计表（2023年5月至2024年4月）" in finding.message


def test_one_or_two_reviewers(sample_data: dict) -> None:
    sample_data["reviewers"].append(dict(sample_data["reviewers"][0], name="第三人"))
    assert at(findings(sample_data), "reviewers", level="error") == [
        "评委推荐（附件7）：应推荐1至2名专家，现为3名，请调整。"]
    sample_data["reviewers"] = []
    assert at(findings(sample_data), "reviewers", level="error") == ["评委推荐（附件7）：应推荐1至2名专家，现为0名，请调整。"]


def test_experience_300_characters(sample_data: dict) -> None:
    reviewer = sample_data["reviewers"][0]
    reviewer["experience"] = "评" * 300 + "\n"
    assert at(findings(sample_data), "reviewers", 0, "experience") == []
    reviewer["experience"] = "评" * 301
    assert at(findings(sample_data), "reviewers", 0, "experience") == [
        "相关经历描述：共301字，超过300字的限制，请精简1字以上。"]


def test_review_types_required(sample_data: dict) -> None:
    sample_data["reviewers"][1]["review_types"] = []
    (finding,) = errors(findings(sample_data))
    assert finding.form == "附件7" and finding.achievement == "第2个评委（林晓红）"
    assert finding.message == "推荐参与评审成果类型：请至少勾选一项：小组成果、班组成果。"
