"""No file can make reading slow or raise anything but a one-line Chinese message (exit 2 from check)."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from app.cli import main as cli
from forms import project_file
from forms.project_file import ProjectFileError, load_project, save_project
from forms.rules import check_project

HEAD = '{"format": "qcdesk", "version": 1, '


def _group(field: str, raw: str) -> str:
    return HEAD + f'"group_achievements": [{{"{field}": {raw}}}]}}'


HOSTILE_FILES: list[tuple[str, str, str]] = [
    # (case, file text, what the message must say)
    ("campaign_huge_exponent", HEAD + '"campaign": 1e99999999}', "申报年度：数值 1e99999999 超出可接受的范围"),
    ("campaign_9999999", HEAD + '"campaign": 1e9999999}', "申报年度：数值 1e9999999 超出"),
    ("member_count_huge", _group("member_count", "1e99999999"), "小组人数：数值 1e99999999 超出"),
    ("member_count_long_int", _group("member_count", "9" * 5000), "小组人数：数值 9999"),
    ("negative_long_int", _group("member_count", "-" + "9" * 4400), "小组人数：数值 -999"),
    ("money_absurd", _group("economic_benefit", "1e999999999"), "经济效益（万元）：数值 1e999999999 超出"),
    ("money_tiny", _group("economic_benefit", "1e-999999999"), "经济效益（万元）：数值 1e-999999999 超出"),
    ("zero_huge_exponent", _group("economic_benefit", "0e-99999999"), "经济效益（万元）：数值 0e-99999999"),
    ("money_string_absurd", _group("economic_benefit", '"1e99999999"'), "经济效益（万元）：数值超出可接受的范围"),
    ("count_string_long", _group("member_count", '"' + "9" * 5000 + '"'), "小组人数：整数位数过多"),
    ("nan", _group("economic_benefit", "NaN"), "经济效益（万元）：应为有限的数字，文件中为 NaN"),
    ("infinity", _group("economic_benefit", "Infinity"), "应为有限的数字，文件中为 Infinity"),
    ("minus_infinity", HEAD + '"statistics": {"qc_funding": -Infinity}}',
     "附件6 › 本年度企业对QC小组活动经费投入（培训、交流、书籍等费用）：应为有限的数字"),
    ("nan_string", _group("economic_benefit", '"NaN"'), "应为有限的数字（不能是 NaN 或无穷大）"),
    ("huge_string", _group("summary", '"' + "字" * 250_000 + '"'),
     "QC小组简介和主要活动过程与效果：文字过长（250,000 字，上限 200,000 字）"),
    ("huge_key", HEAD + '"' + "k" * 250_000 + '": 1}', "文字过长"),
    ("nesting_500", HEAD + '"extra": ' + "[" * 500 + "]" * 500 + "}", "嵌套层数过深（超过 64 层）"),
    ("nesting_5000", HEAD + '"extra": ' + "[" * 5000 + "]" * 5000 + "}", "嵌套层数过深"),
    ("nesting_objects", HEAD + '"declarant": ' + '{"a": ' * 300 + "1" + "}" * 301,
     "附件4 申报单位信息 › a › a"),
    ("datetime_for_date", _group("completed_on", '"2024-01-01T10:00:00"'),
     "成果完成日期：应为日期 YYYY-MM-DD，不含时刻"),
]


@pytest.mark.parametrize("case, text, expected", HOSTILE_FILES, ids=[c[0] for c in HOSTILE_FILES])
def test_hostile_file_is_one_chinese_line(tmp_path: Path, case: str, text: str, expected: str) -> None:
    path = tmp_path / f"{case}.qcproj"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProjectFileError) as info:
        load_project(path)
    message = str(info.value)
    assert expected in message
    assert "\n" not in message and len(message) < 300


@pytest.mark.parametrize("case, text, expected", HOSTILE_FILES[::3], ids=[c[0] for c in HOSTILE_FILES[::3]])
def test_check_command_exits_2_with_the_message(tmp_path: Path, capsys: pytest.CaptureFixture,
                                                case: str, text: str, expected: str) -> None:
    path = tmp_path / f"{case}.qcproj"
    path.write_text(text, encoding="utf-8")
    assert cli(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and expected in err and err.count("\n") == 1


def test_member_count_1e8_is_a_plain_number_checked_quickly(tmp_path: Path) -> None:
    path = tmp_path / "m.qcproj"
    path.write_text(_group("member_count", "1e8"), encoding="utf-8")
    project = load_project(path)
    assert project.group_achievements[0].member_count == 100_000_000
    messages = [f.message for f in check_project(project) if f.path[-1:] == ("member_count",)]
    assert messages == ["小组人数：QC小组一般为3至10人（现为100000000人），请核对。"]


def test_a_year_beyond_any_profile_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "y.qcproj"
    path.write_text(HEAD + '"campaign": 9999999999999999}', encoding="utf-8")
    findings = check_project(load_project(path))
    assert [f.message for f in findings] == [
        "申报年度：没有 9999999999999999 年度的申报通知配置（现有：2024），请选择已支持的申报年度。"]


def test_a_file_too_big_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(project_file, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.qcproj"
    path.write_text(HEAD + '"x": "' + "a" * 2000 + '"}', encoding="utf-8")
    with pytest.raises(ProjectFileError, match="文件过大.*上限"):
        load_project(path)


def test_numbers_keep_their_decimal_semantics(tmp_path: Path) -> None:
    path = tmp_path / "n.qcproj"
    path.write_text(HEAD + '"group_achievements": [{"economic_benefit": 0.1, "member_count": 8}],'
                    ' "team_achievements": [{"pass_rate": "99.50", "quality_cost": 1e15,'
                    ' "work_completion_rate": 12.345}], "statistics": {"qc_funding": 999999999999999.99}}',
                    encoding="utf-8")
    project = load_project(path)
    group, team = project.group_achievements[0], project.team_achievements[0]
    assert group.economic_benefit == Decimal("0.1") and isinstance(group.economic_benefit, Decimal)
    assert team.pass_rate == Decimal("99.50") and team.quality_cost == Decimal("1e15")
    assert project.statistics.qc_funding == Decimal("999999999999999.99")
    rate = [f.message for f in check_project(project) if f.path[-1:] == ("work_completion_rate",)]
    assert rate == ["班组工作完成率（%）：最多保留两位小数（现为 12.345），请四舍五入。"]
    save_project(project, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["group_achievements"][0]["economic_benefit"] == 0.1
    assert data["statistics"]["qc_funding"] == "999999999999999.99"   # beyond a float: kept exact
    assert load_project(path).statistics.qc_funding == Decimal("999999999999999.99")


def test_a_typed_absurd_amount_is_refused_at_the_field(sample) -> None:
    from pydantic import ValidationError
    with pytest.raises(ValidationError) as info:
        sample.group_achievements[0].economic_benefit = Decimal("1e99999999")
    assert info.value.errors()[0]["type"] == "number_out_of_range"



def test_lone_surrogates_are_dropped_from_keys_and_values_and_the_later_key_wins() -> None:
    from forms.safe_json import decode
    assert decode('{"a\\ud800": 1, "a": 2, "b": ["x\\udc00y", {"\\ud83d\\ude00": "\\ud83d"}]}') == \
        {"a": 2, "b": ["xy", {"😀": ""}]}
    assert decode('{"escaped": "\\\\ud800"}') == {"escaped": "\\ud800"}   # a backslash, not a surrogate


def test_a_validator_bug_is_still_one_chinese_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from forms.project import Project

    def broken(*args: object, **kwargs: object) -> None:
        raise TypeError("a bug")

    monkeypatch.setattr(Project, "model_validate", broken)
    path = tmp_path / "p.qcproj"
    path.write_text(HEAD + '"campaign": 2024}', encoding="utf-8")
    with pytest.raises(ProjectFileError, match="文件内容无法读取（程序内部错误"):
        load_project(path)
