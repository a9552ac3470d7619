"""The window's 方法自查: the problems panel grouped by kind, the per-achievement self-check view,
the 近三年无事故 declaration on the team page, and a final export that asks about its warnings."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from forms.blocks import CountermeasureRow, CountermeasuresBlock
from tests.test_gui import field, select
from ui.main_window import MainWindow


def _plant_countermeasure(window: MainWindow) -> None:
    """The first group's report as text only, but for one 对策表 row whose 对策 is only an attitude
    and whose 负责人 is not in the group."""
    report = window.project.group_achievements[0].report
    for step in report.sections:
        step.blocks = []
    report.goal.target = None
    section = next(s for s in report.sections if s.step == "制定对策")
    section.blocks = [CountermeasuresBlock(rows=[CountermeasureRow(
        cause="燃烧器喷嘴磨损", measure="加强培训", goal="喷嘴完好率100%", actions="每周检查喷嘴",
        place="加热炉", owner="赵六", due="2023-08-31")])]


def test_problems_panel_groups_findings_by_kind(window: MainWindow, qtbot) -> None:
    _plant_countermeasure(window)
    window.project.team_achievements[0].report.members[0].name = "张三"   # 前后一致 C1/C4
    window.project.team_achievements[0].no_incidents_3y = False           # 填写规则 N2 (error)
    window.recheck()
    panel = window.problems
    assert panel.categories() == ["填写规则", "方法自查", "前后一致"]
    heading = panel.topLevelItem(0)
    assert "错误 1" in heading.text(4)
    children = [heading.child(i) for i in range(heading.childCount())]
    assert children[0].text(0) == "错误" and children[0].text(3) == "近三年未发生质量、安全、环保事故"
    method = [panel.topLevelItem(1).child(i).text(4) for i in range(panel.topLevelItem(1).childCount())]
    assert "对策“加强培训”只是态度要求：对策要具体、可检查，写明做什么、做到什么程度。" in method
    consistency = [panel.topLevelItem(2).child(i).text(4) for i in range(panel.topLevelItem(2).childCount())]
    assert any("“张三”像是占位的名字" in text for text in consistency)
    # A heading only folds; a finding jumps.
    select(window, "declarant")
    panel.itemDoubleClicked.emit(heading, 0)
    assert window.current_key() == ("declarant",)
    panel.itemDoubleClicked.emit(children[0], 0)
    assert window.current_key() == ("team", 0)
    box = field(window, "no_incidents_3y")
    assert not box.editor.isChecked() and bool(box.messages.text())
    box.editor.setChecked(True)
    window.recheck()
    assert window.project.team_achievements[0].no_incidents_3y is True
    assert panel.categories() == ["方法自查", "前后一致"]     # the sample breaks no other rule


def test_a_collapsed_kind_stays_collapsed_after_a_recheck(window: MainWindow) -> None:
    _plant_countermeasure(window)
    window.project.group_achievements[0].sign_date = None
    window.recheck()
    panel = window.problems
    method = panel.topLevelItem(panel.categories().index("方法自查"))
    method.setExpanded(False)
    window.recheck()
    assert not panel.topLevelItem(panel.categories().index("方法自查")).isExpanded()
    assert panel.topLevelItem(panel.categories().index("填写规则")).isExpanded()


def test_self_check_view_lists_every_check_with_a_tick_or_its_findings(window: MainWindow, qtbot) -> None:
    select(window, "group", 0)
    _plant_countermeasure(window)
    assert window.act_self_check.isEnabled()
    window.act_self_check.trigger()
    dialog = window.self_check_dialog
    assert dialog is not None and dialog.isVisible()
    rows = dialog.view.rows()
    # 问题解决型（自定目标）: Q14 (创新型) does not apply; the C checks follow the Q checks.
    assert list(rows)[:4] == ["Q1", "Q2", "Q3", "Q4"] and "Q14" not in rows and "C1" in rows
    assert rows["Q1"] == rows["Q3"] == rows["Q5"] == rows["C1"] == "✓"
    assert rows["Q2"] == "1 个警告" and rows["Q9"] == "1 个警告" and rows["Q10"] == "1 个警告"
    assert "共 17 项检查" in dialog.view.summary.text()   # Q1–Q15 without Q14, C1, C3, C4
    (owner,) = dialog.view.finding_items("Q10")
    assert owner.text(0) == "负责人“赵六”不是本小组成员：对策实施应由小组成员负责（成员表和主要完成人中都没有此人）。"
    assert owner.toolTip(0).startswith("具体内容 › 制定对策 › 图表与数据 第1项 › 对策（5W1H） 第1项 › 负责人：")
    # The view follows the live checks: fix the owner, the check turns to ✓.
    window.project.group_achievements[0].report.sections[5].blocks[0].rows[0].owner = "张伟"
    window.recheck()
    assert dialog.view.rows()["Q10"] == "✓"
    # Double-click jumps like the problems panel: to the step that holds the table.
    (survey,) = dialog.view.finding_items("Q2")
    select(window, "declarant")
    dialog.view.tree.itemDoubleClicked.emit(survey, 0)
    assert window.current_key() == ("group", 0)
    assert window.page.steps.current_step == "现状调查"


def test_self_check_of_a_team_lists_team_checks(window: MainWindow) -> None:
    select(window, "team", 0)
    window.open_self_check()
    rows = window.self_check_dialog.view.rows()
    assert "Q2" not in rows and "Q15" not in rows
    assert rows["Q1"] == "✓" and rows["C1"] == "✓" and rows["C4"] == "✓"
    select(window, "declarant")
    assert not window.act_self_check.isEnabled()


def test_final_export_asks_about_warnings(window: MainWindow, qtbot, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.export_dialog import ExportDialog, WarningsConfirm
    shown: list[WarningsConfirm] = []
    window.project.group_achievements[0].sign_date = None      # 填写规则: a warning
    _plant_countermeasure(window)                              # 方法自查: warnings

    def answer(self: WarningsConfirm) -> int:
        shown.append(self)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(WarningsConfirm, "exec", answer)
    dialog = ExportDialog(window.project, window.base_dir(), tmp_path / "导出")
    qtbot.addWidget(dialog)
    dialog.begin()
    (asked,) = shown
    lines = [asked.list.item(i).text() for i in range(asked.list.count())]
    assert len(lines) == len(dialog.warnings) > 0
    assert lines[0].startswith("【填写规则】附件2 第1个小组成果《降低常减压装置加热炉排烟温度》 年 月 日")
    assert any(line.startswith("【方法自查】附件8") for line in lines)
    assert asked.go_on.text() == "已确认，继续导出" and asked.back.text() == "返回修改"
    assert dialog.worker is None and not (tmp_path / "导出").exists()
    assert "已返回" in dialog.status.text()
    # A draft never asks.
    dialog.draft.setChecked(True)
    dialog.begin()
    assert len(shown) == 1
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
    assert dialog.result.draft
