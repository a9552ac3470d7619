"""``qcdesk check`` and ``qcdesk new`` as a user runs them: exit codes and what is printed."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from tests.conftest import write_json


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True, text=True,
                          encoding="utf-8")


def test_new_sample_then_check_is_clean(tmp_path: Path) -> None:
    target = tmp_path / "示例.qcproj"
    result = run("new", "--sample", str(target))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "示例附件" / "节能先锋QC小组活动记录.pdf").is_file()
    check = run("check", str(target))
    assert check.returncode == 0
    assert "可以正式导出" in check.stdout and "错误  " not in check.stdout


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "a.qcproj"
    assert main(["new", str(target)]) == 0
    assert main(["new", str(target)]) == 2
    assert "文件已存在" in capsys.readouterr().err
    assert json.loads(target.read_text(encoding="utf-8"))["campaign"] == 2024


def test_planted_defects_exit_1_and_are_named(sample_data: dict, tmp_path: Path) -> None:
    main(["new", "--sample", str(tmp_path / "s.qcproj")])
    data = json.loads((tmp_path / "s.qcproj").read_text(encoding="utf-8"))
    data["group_achievements"][0]["main_contributors"] = [f"成员{i}" for i in range(11)]
    data["group_achievements"][0]["member_count"] = 11
    data["team_achievements"][0]["incidents"] = 2
    data["group_achievements"][1]["completed_on"] = "2023-03-15"
    data["declarant"]["mobile"] = "139-0546-123"
    data["reviewers"][0]["experience"] = "参加评审。" * 70
    path = write_json(tmp_path / "bad.qcproj", data)
    result = run("check", str(path))
    assert result.returncode == 1
    out = result.stdout
    for expected in ("主要完成人（不超过10人）：填了11人", "年质量、安全事故数（个）：填报了2起事故",
                     "成果完成日期：成果须是2023年5月1日以后完成的", "手机：“139-0546-123”不是有效的手机号码",
                     "相关经历描述：共350字，超过300字的限制"):
        assert expected in out
    assert out.index("附件2 ") < out.index("附件3 ") < out.index("附件7 ")
    assert "共 5 个错误" in out


def test_check_json_lists_checks(sample_data: dict, tmp_path: Path) -> None:
    sample_data["team_achievements"][0]["incidents"] = 1
    path = write_json(tmp_path / "j.qcproj", sample_data)
    result = run("check", "--json", str(path))
    assert result.returncode == 1
    checks = json.loads(result.stdout)
    incidents = [c for c in checks if c["field"] == "incidents"]
    assert incidents[0]["form"] == "附件3" and incidents[0]["level"] == "error"


def test_truncated_file_exits_2_with_one_line(sample_data: dict, tmp_path: Path) -> None:
    whole = json.dumps(sample_data, ensure_ascii=False).encode("utf-8")
    path = tmp_path / "t.qcproj"
    path.write_bytes(whole[: len(whole) // 2])
    result = run("check", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert "文件已损坏或不完整" in result.stderr and "Traceback" not in result.stderr


def test_unexpected_failure_goes_to_the_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    import app.cli
    import exporters.checks

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("内部错误")

    monkeypatch.setattr(exporters.checks, "check_all", boom)
    main(["new", "--sample", str(tmp_path / "s.qcproj")])
    assert main(["check", str(tmp_path / "s.qcproj")]) == 3
    err = capsys.readouterr().err
    assert "日志文件" in err and "Traceback" not in err
    log_text = app.cli.log_file().read_text(encoding="utf-8")
    assert "RuntimeError: 内部错误" in log_text


def test_usage_and_help_are_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["check"])
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines() == ["用法：qcdesk check [-h] [--json] file",
                                                    "qcdesk check：错误：缺少必需的参数：file"]
    with pytest.raises(SystemExit):
        main(["export", "-h"])
    shown = capsys.readouterr().out
    assert shown.startswith("用法：qcdesk export") and "选项" in shown and "显示本帮助并退出" in shown
    assert "options" not in shown and "usage" not in shown
