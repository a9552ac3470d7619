"""``qcdesk check`` groups findings by kind then form; ``--json`` carries category and code;
``qcdesk export`` lists the warnings of a final export and goes on."""
from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import run
from tests.conftest import write_json


def _sample(tmp_path: Path) -> dict:
    assert run("new", "--sample", str(tmp_path / "s.qcproj")).returncode == 0
    return json.loads((tmp_path / "s.qcproj").read_text(encoding="utf-8"))


def test_check_groups_by_kind_then_form(tmp_path: Path) -> None:
    data = _sample(tmp_path)
    data["group_achievements"][0]["leader"] = "王五"          # 前后一致 (C1, C4)
    data["team_achievements"][0]["no_incidents_3y"] = False   # 填写规则 (N2, error)
    data["group_achievements"][0]["report"]["goal"] = None     # 方法自查 (Q4)
    path = write_json(tmp_path / "k.qcproj", data)
    result = run("check", str(path))
    assert result.returncode == 1
    out = result.stdout
    assert out.index("【填写规则】") < out.index("【方法自查】") < out.index("【前后一致】")
    rules = out[out.index("【填写规则】"):out.index("【方法自查】")]
    assert "附件3 优秀质量管理成果申报表（班组）\n  错误  " in rules      # errors first within a form
    assert "错误  第1个班组成果《打造“零缺陷”包装班组 提升顾客满意度》 › 近三年未发生质量、安全、环保事故：尚未确认" in rules
    consistency = out[out.index("【前后一致】"):]
    assert "小组长姓名：小组长“王五”不在成果报告书的小组成员表中：小组长应是小组成员。" in consistency
    assert "共 1 个错误" in out


def test_check_json_has_category_and_code(tmp_path: Path) -> None:
    data = _sample(tmp_path)
    survey_step = next(s for s in data["group_achievements"][0]["report"]["sections"] if s["step"] == "现状调查")
    survey_step["blocks"] = []          # Q2: 现状调查 without data
    path = write_json(tmp_path / "j.qcproj", data)
    checks = json.loads(run("check", "--json", str(path)).stdout)
    assert checks
    for check in checks:
        assert set(check) == {"level", "form", "achievement", "field", "message", "category", "code", "path"}
    survey = [c for c in checks if c["code"] == "Q2"]
    assert survey[0]["category"] == "方法自查" and survey[0]["path"][-1] == "现状调查"


def test_a_final_export_prints_its_warnings_and_goes_on(tmp_path: Path) -> None:
    data = _sample(tmp_path)
    data["group_achievements"][0]["sign_date"] = None                  # 填写规则: a warning
    data["group_achievements"][0]["report"]["goal"] = None             # 方法自查 Q4: a warning
    path = write_json(tmp_path / "s.qcproj", data)
    result = run("export", str(path), "--out", str(tmp_path / "包"))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    manifest = json.loads((tmp_path / "包" / "manifest.json").read_text(encoding="utf-8"))
    count = len(manifest["checks"])
    assert out.startswith(f"请确认以下 {count} 个警告（不影响导出）：")
    assert "【填写规则】" in out and "年 月 日 (所在企业盖章处)：尚未填写所在企业盖章日期。" in out
    assert "【方法自查】" in out and "课题指标：还没有量化的课题指标" in out
    assert out.rstrip().splitlines()[-1].startswith("已导出申报包")
    assert {"填写规则", "方法自查"} <= {c["category"] for c in manifest["checks"]}
