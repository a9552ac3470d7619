"""The block editor of a report step as a user drives it (pytest-qt, offscreen): adding each kind,
paste from Excel, pictures, the live chart preview, reorder and delete, checks inside blocks, and
the saved project file with the keys of forms.md."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QLineEdit, QMessageBox

from forms.blocks import BLOCK_LABELS, FishboneBlock
from forms.report_common import section_of
from ui.blocks.container import BlockList
from ui.blocks.fishbone import format_causes, parse_causes
from ui.main_window import MainWindow
from ui.steps import StepsEditor

CTRL = Qt.KeyboardModifier.ControlModifier


def open_step(window: MainWindow, step: str, achievement: int = 0) -> StepsEditor:
    window.tree.setCurrentItem(window._find_item(("group", achievement)))
    steps = window.page.steps
    window.page.tabs.setCurrentWidget(steps)
    rows = [steps.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(steps.list.count())]
    steps.list.setCurrentRow(rows.index(step))
    return steps


def add(blocks: BlockList, kind: str):
    action = next(a for a in blocks.add_menu.actions() if a.objectName() == f"add:{kind}")
    action.trigger()
    return blocks.editors[-1]


def model_blocks(window: MainWindow, step: str, achievement: int = 0) -> list:
    return section_of(window.project.group_achievements[achievement].report.sections, step).blocks


def cells(grid) -> list[list[str]]:
    """What the grid shows, without the blank row kept ready at the bottom."""
    rows = grid.rows()
    assert not any(rows[-1])
    return rows[:-1]


def type_chinese(widget, text: str) -> None:
    """Type through the input method, as a user does (QTest cannot press keys for Chinese)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def paste_text(qtbot, widget, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_V, CTRL)


def test_every_block_kind_can_be_added_and_titled(window: MainWindow, qtbot) -> None:
    steps = open_step(window, "制定巩固措施")
    blocks = steps.blocks
    before = len(model_blocks(window, "制定巩固措施"))
    assert [a.text() for a in blocks.add_menu.actions()] == list(BLOCK_LABELS.values())
    for kind in BLOCK_LABELS:
        editor = add(blocks, kind)
        assert editor.heading.text() == BLOCK_LABELS[kind]
        qtbot.keyClicks(editor.title, f"T-{kind}")
        qtbot.keyClicks(editor.note, "note")
    stored = model_blocks(window, "制定巩固措施")[before:]
    assert [b.type for b in stored] == list(BLOCK_LABELS)
    assert [b.title for b in stored] == [f"T-{k}" for k in BLOCK_LABELS]
    assert all(b.note == "note" for b in stored)
    assert window.isWindowModified()
    assert f"▦{before + 11}" in steps.list.currentItem().text()


def test_paste_from_excel_on_the_step_becomes_a_table(window: MainWindow, qtbot) -> None:
    steps = open_step(window, "现状调查")
    text_before = steps.text.toPlainText()
    before = len(model_blocks(window, "现状调查"))
    paste_text(qtbot, steps.page, "日期\t平均温度（℃）\r\n6月1日\t171\r\n6月2日\t168\r\n")
    block = model_blocks(window, "现状调查")[-1]
    assert block.type == "table"
    assert block.columns == ["日期", "平均温度（℃）"]
    assert block.rows == [["6月1日", "171"], ["6月2日", "168"]]
    assert cells(steps.blocks.editors[-1].grid) == [["日期", "平均温度（℃）"], ["6月1日", "171"], ["6月2日", "168"]]
    # Pasted in the step's text box, a range becomes a table too, and the text stays as it was.
    paste_text(qtbot, steps.text, "班次\t次数\n白班\t3\n夜班\t5")
    assert [b.type for b in model_blocks(window, "现状调查")[before:]] == ["table", "table"]
    assert model_blocks(window, "现状调查")[-1].rows == [["白班", "3"], ["夜班", "5"]]
    assert steps.text.toPlainText() == text_before
    # Ordinary text still pastes as text.
    steps.text.moveCursor(steps.text.textCursor().MoveOperation.End)
    paste_text(qtbot, steps.text, "补充一句。")
    assert steps.text.toPlainText() == text_before + "补充一句。"


def test_paste_from_excel_into_a_table_block_and_a_typed_table(window: MainWindow, qtbot) -> None:
    steps = open_step(window, "确定主要原因")
    table = add(steps.blocks, "table")
    table.grid.table.setCurrentCell(0, 0)
    paste_text(qtbot, table.grid.table, "项目\t数量\t备注\n甲\t1\t\"两行\n内容\"\n乙\t2\t")
    assert table.block.columns == ["项目", "数量", "备注"]
    assert table.block.rows == [["甲", "1", "两行\n内容"], ["乙", "2", ""]]

    check = add(steps.blocks, "cause_check")
    check.grid.table.setCurrentCell(0, 0)
    # Copied with its title row: the titles are the grid's own and are not taken as data.
    paste_text(qtbot, check.grid.table,
               "末端因素\t确认内容\t确认方法\t标准\t确认结果\t负责人\t完成日期\t是否要因\n"
               "积灰\t预热器压差\t现场测量\t≤0.5kPa\t1.2kPa\t李明\t2023-07-08\t是\n"
               "漏风\t氧含量\t分析\t≤3%\t2.5%\t王建国\t2023-07-09\t否\n")
    rows = check.block.rows
    assert [(r.cause, r.owner, r.is_key) for r in rows] == [("积灰", "李明", "是"), ("漏风", "王建国", "否")]
    assert check.grid.table.horizontalHeaderItem(7).text() == "是否要因"
    labels = [check.grid.table.verticalHeaderItem(r).text() for r in range(check.grid.table.rowCount())]
    assert labels == ["1", "2", "＋"]      # a blank row is ready at the bottom
    # Pasting again never overwrites: the rows go in before the row that holds data.
    check.grid.table.setCurrentCell(0, 0)
    paste_text(qtbot, check.grid.table, "炉管结焦\t壁温\t测温\t≤600℃\t580℃\t张三\t2023-07-10\t否")
    assert [r.cause for r in check.block.rows] == ["炉管结焦", "积灰", "漏风"]

    pareto = add(steps.blocks, "pareto")
    pareto.grid.table.setCurrentCell(0, 0)
    paste_text(qtbot, pareto.grid.table, "空气预热器积灰\t41\n其他\t3\n炉管结焦\t六")
    assert [(i.name, i.count) for i in pareto.block.items] == [
        ("空气预热器积灰", Decimal(41)), ("其他", Decimal(3)), ("炉管结焦", None)]
    assert "第3行的“频数”无法识别" in pareto.messages.text() and pareto.messages.isVisibleTo(pareto)
    assert pareto.grid.table.item(2, 1).background().color() == QColor("#fde2e4")
    item = pareto.grid.table.item(2, 1)
    item.setText("6")
    assert pareto.block.items[2].count == Decimal(6)
    assert not pareto.messages.isVisibleTo(pareto)
    assert pareto.total.text().startswith("合计 N = 50 ")


def test_benefit_total_and_yes_no_choice(window: MainWindow, qtbot) -> None:
    steps = open_step(window, "效果检查")
    benefit = add(steps.blocks, "benefit")
    benefit.grid.table.setCurrentCell(0, 0)
    QGuiApplication.clipboard().setText("节约燃料气\t52.3\t按0.35元/m³计\n改造投入\t-4.1\t财务确认")
    menu = {a.text().split("\t")[0]: a for a in benefit.grid.table.actions()}
    menu["粘贴 Excel 区域"].trigger()          # the right-click menu pastes as Ctrl+V does
    assert benefit.total.text() == "合计：48.2 万元"
    check = add(steps.blocks, "cause_check")
    delegate = check.grid.table.itemDelegateForColumn(7)
    editor = delegate.createEditor(check.grid.table.viewport(), None, check.grid.table.model().index(0, 7))
    assert [editor.itemText(i) for i in range(editor.count())] == ["", "是", "否"]


def test_pasting_and_dropping_pictures_copies_them_beside_the_project(window: MainWindow, qtbot,
                                                                      sample_path: Path,
                                                                      tmp_path_factory) -> None:
    steps = open_step(window, "对策实施")
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366aa"))
    QGuiApplication.clipboard().setImage(image)
    steps.page.setFocus()
    qtbot.keyClick(steps.page, Qt.Key.Key_V, CTRL)
    block = model_blocks(window, "对策实施")[-1]
    assert block.type == "image"
    folder = "示例_附件/小组成果/降低常减压装置加热炉排烟温度/图片/"     # as forms.attachments lays files out
    assert block.path.startswith(folder + "粘贴图片_") and block.path.endswith(".png")
    stored = sample_path.parent / block.path
    assert QImage(str(stored)).size() == image.size()
    assert not steps.blocks.editors[-1].thumb.pixmap().isNull()
    # A picture file dropped on the step is copied next to the project too.
    photo = tmp_path_factory.mktemp("camera") / "现场照片.jpg"
    image.save(str(photo), "JPG")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    steps.page.dropEvent(drop)
    dropped = model_blocks(window, "对策实施")[-1]
    assert (dropped.path, dropped.title) == (folder + "现场照片.jpg", "现场照片")
    assert (sample_path.parent / dropped.path).read_bytes() == photo.read_bytes()


def test_a_picture_in_a_project_never_saved_asks_to_save_first(window: MainWindow, qtbot,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    window.open_sample()
    asked: list[str] = []

    def decline(_parent, _title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", decline)
    steps = open_step(window, "对策实施")
    before = len(model_blocks(window, "对策实施"))
    image = QImage(10, 10, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    QGuiApplication.clipboard().setImage(image)
    qtbot.keyClick(steps.page, Qt.Key.Key_V, CTRL)
    assert "需要先保存项目" in asked[0]
    assert len(model_blocks(window, "对策实施")) == before


def test_chart_preview_redraws_as_data_is_typed(window: MainWindow, qtbot) -> None:
    pytest.importorskip("exporters.charts")
    steps = open_step(window, "现状调查")
    pareto = add(steps.blocks, "pareto")
    pareto.preview.render_now()
    assert pareto.preview.png is None and pareto.preview.text().startswith("还没有项目和频数")
    pareto.grid.table.setCurrentCell(0, 0)
    paste_text(qtbot, pareto.grid.table, "空气预热器积灰\t41\n过剩空气系数偏高\t12\n其他\t3")
    qtbot.waitUntil(lambda: pareto.preview.png is not None, timeout=60000)   # the first chart loads the fonts
    first = pareto.preview.pixmap().toImage()
    first_png = pareto.preview.png
    pareto.grid.table.item(1, 1).setText("30")
    qtbot.waitUntil(lambda: pareto.preview.png != first_png, timeout=60000)
    assert pareto.preview.pixmap().toImage() != first
    assert pareto.preview.width() == 400 and pareto.preview.pixmap().width() > 300


def test_without_the_chart_module_the_preview_says_so(window: MainWindow, qtbot,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.blocks.preview as preview
    monkeypatch.setattr(preview, "render_chart", None)
    steps = open_step(window, "现状调查")
    line = add(steps.blocks, "line")
    line.grid.table.setCurrentCell(0, 0)
    paste_text(qtbot, line.grid.table, "1月\t5")
    line.preview.render_now()
    assert line.preview.png is None and line.preview.text().startswith("预览不可用")


def test_bar_from_goal_follows_the_goal_fields(window: MainWindow, qtbot) -> None:
    steps = open_step(window, "设定目标")
    bar = add(steps.blocks, "bar")
    bar.from_goal.setChecked(True)
    assert bar.block.from_goal and not bar.grid.isVisibleTo(bar)
    page = window.page
    goal = window.project.group_achievements[0].report.goal
    baseline = next(f for f in page.fields if f.path[-2:] == ("goal", "baseline"))
    target = next(f for f in page.fields if f.path[-2:] == ("goal", "target"))
    for editor, value in ((baseline, "171"), (target, "150")):
        editor.editor.setText(value)
        editor.commit()
    assert goal.baseline == Decimal(171) and goal.target == Decimal(150)
    assert "现状 171℃，目标 150℃" in bar.goal_note.text()


def test_fishbone_causes_as_an_indented_list() -> None:
    text = "人\n  操作技能不足\n    新员工未培训\n机\n\t燃烧器喷嘴磨损\n\t空气预热器\n\t\t积灰\n\t\t漏风\n法\n  吹灰周期过长"
    branches, problems = parse_causes(text)
    block = FishboneBlock(problem="排烟温度高", branches=branches)
    data = json.loads(block.model_dump_json())
    assert data["branches"][0] == {"name": "人", "causes": [{"name": "操作技能不足", "causes": ["新员工未培训"]}]}
    assert data["branches"][1]["causes"] == ["燃烧器喷嘴磨损", {"name": "空气预热器", "causes": ["积灰", "漏风"]}]
    assert problems == []
    assert parse_causes(format_causes(branches))[0] == branches
    deep, problems = parse_causes("人\n  a\n    b\n      c\n        d")
    assert json.loads(FishboneBlock(branches=deep).model_dump_json())["branches"][0]["causes"] == [
        {"name": "a", "causes": [{"name": "b", "causes": ["c", "d"]}]}]
    assert problems == ["第5行超过三层原因，已按第三层处理。"]


def test_fishbone_editor_writes_what_is_typed(window: MainWindow, qtbot) -> None:
    steps = open_step(window, "原因分析")
    fishbone = add(steps.blocks, "fishbone")
    fishbone.bones_button.click()
    assert [b.name for b in fishbone.block.branches] == ["人", "机", "料", "法", "环", "测"]
    fishbone.causes.setPlainText("人\n  培训不足\n机\n  喷嘴磨损")
    assert [(b.name, b.causes) for b in fishbone.block.branches] == [("人", ["培训不足"]), ("机", ["喷嘴磨损"])]


def test_reorder_and_delete_keep_what_is_typed(window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    steps = open_step(window, "对策实施")
    blocks = steps.blocks
    before = len(blocks.editors)
    for kind in ("text", "table", "line"):
        add(blocks, kind)
    line = blocks.editors[-1]
    stored = lambda: [b.type for b in model_blocks(window, "对策实施")[before:]]  # noqa: E731
    qtbot.keyClicks(line.field_edits["target"].focusProxy(), "12x")   # not readable yet
    line.grid.table.setCurrentCell(0, 0)
    paste_text(qtbot, line.grid.table, "1月\t七")
    assert "“目标线”无法识别" in line.messages.text() and "第1行的“数值”无法识别" in line.messages.text()
    line.buttons["up"].click()
    line.buttons["up"].click()
    assert stored() == ["line", "text", "table"]
    assert blocks.editors[before] is line and line.field_edits["target"].focusProxy().text() == "12x"
    assert not blocks.editors[-1].buttons["down"].isEnabled() and blocks.editors[-1].buttons["up"].isEnabled()
    assert not blocks.editors[0].buttons["up"].isEnabled()
    # An empty block goes at once; one with content is confirmed first.
    blocks.editors[before + 1].buttons["delete"].click()
    assert stored() == ["line", "table"]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    line.buttons["delete"].click()
    assert stored() == ["line", "table"]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    line.buttons["delete"].click()
    assert stored() == ["table"]
    assert [e.block for e in blocks.editors] == model_blocks(window, "对策实施")


def test_switching_topic_type_keeps_blocks_and_their_editors(window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)   # 确定更改类型
    steps = open_step(window, "现状调查")
    table = add(steps.blocks, "pareto")
    type_chinese(table.title, "现状排列图")
    topic = next(f for f in window.page.fields if f.key == "topic_type")
    topic.editor.setCurrentIndex(topic.editor.findData("创新型"))
    assert "现状调查" not in steps.block_lists or not steps.block_lists["现状调查"].isVisible()
    topic.editor.setCurrentIndex(topic.editor.findData("问题解决型"))
    steps = open_step(window, "现状调查")
    assert steps.blocks.editors[-1] is table and table.title.text() == "现状排列图"
    assert model_blocks(window, "现状调查")[-1].title == "现状排列图"


def test_findings_inside_blocks_show_there_and_the_problems_panel_jumps(window: MainWindow, qtbot,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    steps = open_step(window, "确定主要原因")
    check = add(steps.blocks, "cause_check")
    index = len(steps.blocks.editors) - 1
    check.grid.table.setCurrentCell(0, 0)
    paste_text(qtbot, check.grid.table, "积灰\t压差\t测量\t≤0.5\t1.2\t李明\t7月8日\t是\n漏风\t氧量\t分析\t≤3\t2.5\t外人\t7月9日\t否")
    path = ("group_achievements", 0, "report", "sections", "确定主要原因", "blocks", index, "rows", 1, "owner")
    import ui.live_check as live_check
    real = live_check.rule_findings    # the rules, which the window runs at once

    def with_block_finding(project, base_dir):
        from forms.rules.findings import Reporter
        reporter = Reporter(project)
        reporter.warning(path, "“外人”不是小组成员。")
        return real(project, base_dir) + reporter.findings

    monkeypatch.setattr(live_check, "rule_findings", with_block_finding)
    window.recheck()
    assert "第2行 负责人：“外人”不是小组成员。" in check.messages.text()
    assert check.grid.table.item(1, 5).background().color() == QColor("#fff1d6")
    item = next(i for i in window.problems.finding_items() if i.data(0, Qt.ItemDataRole.UserRole).path == path)
    assert "确定主要原因" in item.text(3) and "负责人" in item.text(3)
    window.tree.setCurrentItem(window._find_item(("declarant",)))
    window.problems.itemDoubleClicked.emit(item, 0)
    steps = window.page.steps
    assert window.page.tabs.currentWidget() is steps and steps.current_step == "确定主要原因"
    grid = steps.blocks.editors[index].grid.table
    qtbot.waitUntil(lambda: grid.hasFocus(), timeout=3000)
    assert (grid.currentRow(), grid.currentColumn()) == (1, 5)


def test_blocks_round_trip_through_the_saved_file(window: MainWindow, qtbot, sample_path: Path) -> None:
    steps = open_step(window, "效果检查")
    blocks = steps.blocks
    line = add(blocks, "line")
    qtbot.keyClicks(line.title, "Trend")
    qtbot.keyClicks(line.field_edits["target"].focusProxy(), "150")
    line.grid.table.setCurrentCell(0, 0)
    paste_text(qtbot, line.grid.table, "1月\t172\n2月\t168.5")
    plan = add(blocks, "plan")
    plan.grid.table.setCurrentCell(0, 0)
    paste_text(qtbot, plan.grid.table, "现状调查\t2023/6/1\t2023年6月30日\t2023-06-01\t20230705")
    bar = add(blocks, "bar")
    bar.from_goal.setChecked(True)
    counter = add(blocks, "countermeasures")
    counter.grid.table.setCurrentCell(0, 0)
    paste_text(qtbot, counter.grid.table, "积灰\t增加吹灰\t压差≤0.5kPa\t每班吹灰\t加热炉\t李明\t2023-08-30")
    fishbone = add(blocks, "fishbone")
    qtbot.keyClicks(fishbone.problem, "T")
    fishbone.causes.setPlainText("人\n  培训不足")
    assert window.save()
    data = json.loads(sample_path.read_text(encoding="utf-8"))
    section = next(s for s in data["group_achievements"][0]["report"]["sections"] if s["step"] == "效果检查")
    saved = section["blocks"][-5:]
    assert saved[0] == {"type": "line", "title": "Trend", "note": "", "unit": "", "x_label": "",
                        "points": [{"x": "1月", "y": 172}, {"x": "2月", "y": 168.5}], "target": 150}
    assert cells(plan.grid)[0] == ["现状调查", "2023-06-01", "2023-06-30", "2023-06-01", "2023-07-05"]
    assert saved[1]["tasks"] == [{"name": "现状调查", "plan_start": "2023-06-01", "plan_end": "2023-06-30",
                                  "actual_start": "2023-06-01", "actual_end": "2023-07-05"}]
    assert saved[2]["type"] == "bar" and saved[2]["from_goal"] is True and saved[2]["bars"] == []
    assert saved[3]["rows"] == [{"cause": "积灰", "measure": "增加吹灰", "goal": "压差≤0.5kPa", "actions": "每班吹灰",
                                 "place": "加热炉", "owner": "李明", "due": "2023-08-30"}]
    assert saved[4]["problem"] == "T" and saved[4]["branches"] == [{"name": "人", "causes": ["培训不足"]}]
    # Opened again, the editors show what was saved.
    assert window.open_path(sample_path)
    steps = open_step(window, "效果检查")
    assert cells(steps.blocks.editors[-5].grid)[1] == ["2月", "168.5"]
    assert cells(steps.blocks.editors[-4].grid)[0][1:3] == ["2023-06-01", "2023-06-30"]
    assert steps.blocks.editors[-1].causes.toPlainText() == "人\n  培训不足"


def test_the_checks_speak_at_the_block_as_it_is_typed(window: MainWindow, qtbot) -> None:
    steps = open_step(window, "现状调查")
    pareto = add(steps.blocks, "pareto")
    qtbot.waitUntil(lambda: "排列图还没有项目和频数" in pareto.messages.text(), timeout=3000)
    pareto.grid.table.setCurrentCell(0, 0)
    paste_text(qtbot, pareto.grid.table, "积灰\t41")
    qtbot.waitUntil(lambda: "还没有项目和频数" not in pareto.messages.text(), timeout=3000)
    image = add(steps.blocks, "image")
    image.set_path("示例_附件/图片/没有这张.png")
    qtbot.waitUntil(lambda: "找不到图片文件“示例_附件/图片/没有这张.png”" in image.messages.text(), timeout=3000)
    assert image.thumb.isHidden()


def test_a_page_reload_shows_blocks_changed_under_the_editor(window: MainWindow) -> None:
    steps = open_step(window, "现状调查")
    blocks = model_blocks(window, "现状调查")
    blocks[0].title = "在别处改过的标题"
    blocks.append(blocks.pop(0))
    window.page.reload()
    assert [e.block for e in steps.blocks.editors] == blocks
    assert steps.blocks.editors[-1].title.text() == "在别处改过的标题"
    assert steps.current_step == "现状调查"


def test_a_number_typed_in_a_cell_reaches_the_block_before_enter(window: MainWindow, qtbot) -> None:
    steps = open_step(window, "效果检查")
    benefit = add(steps.blocks, "benefit")
    table = benefit.grid.table
    table.setCurrentCell(0, 1)
    table.setFocus()
    table.edit(table.currentIndex())       # as a double-click or F2 does
    editor = table.viewport().findChild(QLineEdit)
    qtbot.keyClicks(editor, "12.5")
    assert table.state() == table.State.EditingState
    qtbot.waitUntil(lambda: benefit.total.text() == "合计：12.5 万元", timeout=3000)
    assert benefit.block.rows[0].amount == Decimal("12.5")
    assert table.state() == table.State.EditingState and editor.cursorPosition() == 4


def test_pictures_are_copied_once_referenced_in_place_or_converted(tmp_path: Path, qapp) -> None:
    from ui.blocks.pictures import copy_into_project
    project_file = tmp_path / "项目" / "申报.qcproj"
    project_file.parent.mkdir()
    image = QImage(20, 10, QImage.Format.Format_RGB32)
    image.fill(QColor("green"))
    inside = project_file.parent / "照片" / "现场.png"
    inside.parent.mkdir()
    image.save(str(inside))
    assert copy_into_project(inside, project_file) == "照片/现场.png"     # already beside the project
    outside = tmp_path / "别处" / "现场.png"
    outside.parent.mkdir()
    image.save(str(outside))
    assert copy_into_project(outside, project_file) == "申报_附件/图片/现场.png"
    assert copy_into_project(outside, project_file) == "申报_附件/图片/现场.png"   # not copied twice
    other = tmp_path / "另一处" / "现场.png"
    other.parent.mkdir()
    image.scaled(30, 10).save(str(other))
    assert copy_into_project(other, project_file) == "申报_附件/图片/现场 (2).png"
    webp = tmp_path / "别处" / "扫描.webp"
    image.save(str(webp), "WEBP")
    stored = copy_into_project(webp, project_file)
    assert stored == "申报_附件/图片/扫描.png"
    assert (project_file.parent / stored).read_bytes().startswith(b"\x89PNG")
