"""A rule that raises is itself an error finding naming what it was checking, never silence, and
one failing part of a rule hides none of the others."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main as cli
from forms.project import Project
from forms.project_file import save_project
from forms.rules import check_project, reports, unit_forms
from forms.rules import achievements
from forms.rules.findings import CHECK_FAILED


def _broken(*args: object) -> None:
    raise ValueError("a bug in a rule")


def test_a_failing_part_is_an_error_and_the_missing_step_is_still_reported(
        sample: Project, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    group = sample.group_achievements[0]
    group.report.sections = [s for s in group.report.sections if s.step != "制定对策"]
    monkeypatch.setattr(reports, "_members", _broken)
    findings = check_project(sample)
    failed = [f for f in findings if f.detail == CHECK_FAILED]
    assert [(f.form, f.achievement, f.level) for f in failed][0] == \
        ("附件8", f"第1个小组成果《{group.title}》", "error")
    assert any(f.path[-1] == "制定对策" and f.form == "附件8" and f.is_error for f in findings)
    assert "a bug in a rule" in caplog.text and "Traceback" in caplog.text


@pytest.mark.parametrize("module, rule, form, achievement", [
    (unit_forms, "check_declarant", "附件4", "申报单位信息"),
    (unit_forms, "check_statistics", "附件6", None),
    (unit_forms, "check_reviewers", "附件7", None),
    (achievements, "check_team", "附件3", "第1个班组成果"),
])
def test_a_rule_that_raises_is_an_error_naming_its_form(
        sample: Project, monkeypatch: pytest.MonkeyPatch, module: object, rule: str, form: str,
        achievement: str | None) -> None:
    import forms.rules as rules
    monkeypatch.setattr(rules, rule, _broken)
    failed = [f for f in check_project(sample) if f.detail == CHECK_FAILED]
    assert len(failed) == 1 and failed[0].form == form and failed[0].is_error
    assert (failed[0].achievement or "").startswith(achievement or "")


def test_the_dates_failing_does_not_hide_the_attachments(sample: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    sample.group_achievements[0].attachments = ["没有这个文件.pdf"]
    monkeypatch.setattr(achievements, "_dates", _broken)
    findings = check_project(sample, base_dir=Path("/nonexistent"))
    assert any(f.detail == CHECK_FAILED and f.form == "附件2" for f in findings)
    assert any("没有这个文件.pdf" in f.message for f in findings)


def test_the_check_command_does_not_call_a_project_with_a_failed_rule_ready(
        sample: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "p.qcproj"
    save_project(sample, path)
    monkeypatch.setattr(reports, "_sections", _broken)
    assert cli(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "可以正式导出" not in out and "检查因内部错误未能完成" in out
