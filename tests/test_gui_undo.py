"""Project-wide undo and redo as a user drives them (pytest-qt, offscreen): Ctrl+Z and Ctrl+Y in
the window, across page switches, with the page showing what was restored and the 已修改 mark
following the saved state."""
from __future__ import annotations

import pytest

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from tests.test_gui import field, select, type_into
from ui.main_window import MainWindow


def undo_key(qtbot, window: MainWindow) -> None:
    """Ctrl+Z where the focus is (a text box too): the project's undo, not the box's own."""
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def redo_key(qtbot, window: MainWindow) -> None:
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)


def steps_listed(window: MainWindow) -> list[str]:
    steps = window.page.steps
    return [steps.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(steps.list.count())]


def test_edit_menu_is_chinese_and_names_the_step(window: MainWindow, qtbot) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert "编辑(&E)" in titles
    texts = [a.text() for a in window.edit_menu.actions()]
    assert texts == ["撤销", "重做"]
    assert not window.act_undo.isEnabled() and not window.act_redo.isEnabled()
    select(window, "declarant")
    type_into(qtbot, field(window, "contact_person").editor, "Li Si")
    assert window.act_undo.isEnabled()
    assert window.act_undo.text() == "撤销 修改“联系人”"
    window.act_undo.trigger()
    assert window.act_redo.text() == "重做 修改“联系人”"
    for action in window.edit_menu.actions():
        assert not re.search(r"[A-Za-z]{2,}", action.text().replace("Li Si", "")), action.text()
    shortcuts = [s.toString() for s in window.act_redo.shortcuts()]
    assert "Ctrl+Y" in shortcuts and "Ctrl+Shift+Z" in shortcuts
    assert [s.toString() for s in window.act_undo.shortcuts()] == ["Ctrl+Z"]


def test_another_project_starts_a_new_history(window: MainWindow, qtbot, sample_path) -> None:
    select(window, "declarant")
    type_into(qtbot, field(window, "phone").editor, "010-1234")
    assert window.act_undo.isEnabled()
    window.new_project()                   # the fixture discards the change
    assert not window.act_undo.isEnabled() and window.act_undo.text() == "撤销"
    assert not window.dirty
    assert window.open_path(sample_path)
    assert not window.act_undo.isEnabled() and not window.dirty


def test_typing_is_one_step_undone_from_another_page(window: MainWindow, qtbot) -> None:
    before = window.project.declarant.contact_person
    select(window, "declarant")
    contact = field(window, "contact_person")
    contact.editor.setFocus()
    contact.editor.end(False)
    qtbot.keyClicks(contact.editor, "abc")
    assert window.project.declarant.contact_person == before + "abc"
    assert window.document.stack.count() == 1          # three keys, one step
    select(window, "group", 1)
    select(window, "statistics")
    window.act_undo.trigger()
    assert window.project.declarant.contact_person == before
    assert window.current_key() == ("declarant",)      # the page of the change is shown…
    shown = field(window, "contact_person")
    assert shown.editor.text() == before                 # …with the restored value in the box
    assert shown.editor.hasFocus()
    select(window, "reviewers")
    window.act_redo.trigger()
    assert window.current_key() == ("declarant",)
    assert field(window, "contact_person").editor.text() == before + "abc"


def test_ctrl_z_in_a_text_box_undoes_the_project_step(window: MainWindow, qtbot) -> None:
    select(window, "group", 0)
    mobile = field(window, "mobile")
    old = window.project.group_achievements[0].mobile
    type_into(qtbot, mobile.editor, "13800000000")
    assert window.project.group_achievements[0].mobile == "13800000000"
    undo_key(qtbot, window)
    undo_key(qtbot, window)   # the clearing (Ctrl+A, Delete) was a step of its own
    assert window.project.group_achievements[0].mobile == old
    assert field(window, "mobile").editor.text() == old
    redo_key(qtbot, window)
    assert window.project.group_achievements[0].mobile == ""


def test_select_all_delete_then_autosave_is_recoverable(window: MainWindow, qtbot) -> None:
    select(window, "group", 0)
    summary = field(window, "summary")
    text = window.project.group_achievements[0].summary
    assert len(text) > 20
    summary.editor.setFocus()
    summary.editor.selectAll()
    qtbot.keyClick(summary.editor, Qt.Key.Key_Delete)
    assert window.project.group_achievements[0].summary == ""
    window.autosave_now()
    assert not window.autosave_pending
    undo_key(qtbot, window)
    assert window.project.group_achievements[0].summary == text
    assert field(window, "summary").editor.toPlainText() == text
    assert window.autosave_pending            # the next draft holds the text again


def test_dirty_follows_undo_back_to_the_saved_state(window: MainWindow, qtbot) -> None:
    assert not window.dirty and not window.isWindowModified()
    select(window, "declarant")
    type_into(qtbot, field(window, "phone").editor, "010-1234")
    assert window.dirty and window.isWindowModified()
    while window.document.stack.canUndo():
        window.act_undo.trigger()
    assert not window.dirty and not window.isWindowModified()
    window.act_redo.trigger()
    assert window.dirty
    assert window.save()
    assert not window.dirty
    window.act_undo.trigger()             # away from the saved state again
    assert window.dirty and window.isWindowModified()
    window.act_redo.trigger()
    assert not window.dirty


def test_paste_and_row_deletion_are_undone(window: MainWindow, qtbot) -> None:
    select(window, "group", 2)
    names = field(window, "main_contributors")
    before = list(window.project.group_achievements[2].main_contributors)
    QGuiApplication.clipboard().setText("赵一\n钱二\n孙三")
    names.table.setFocus()
    names.table.setCurrentCell(len(before), 0) if before else None
    qtbot.keyClick(names.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    pasted = list(window.project.group_achievements[2].main_contributors)
    assert pasted != before and "钱二" in pasted
    assert window.act_undo.text().startswith("撤销 粘贴到“主要完成人")
    names.table.selectRow(0)
    names.remove_rows()
    assert window.project.group_achievements[2].main_contributors == pasted[1:]
    assert window.act_undo.text().startswith("撤销 删除“主要完成人”中的1行")
    select(window, "declarant")
    window.act_undo.trigger()
    assert window.current_key() == ("group", 2)
    assert window.project.group_achievements[2].main_contributors == pasted
    shown = field(window, "main_contributors")
    assert [shown.table.item(r, 0).text() for r in range(shown.table.rowCount())] == pasted
    window.act_undo.trigger()
    assert window.project.group_achievements[2].main_contributors == before


def test_member_table_edit_is_undone(window: MainWindow, qtbot) -> None:
    select(window, "group", 0)
    window.page.tabs.setCurrentIndex(2)
    members = field(window, "members")
    first = window.project.group_achievements[0].report.members[0].name
    members.table.item(0, 0).setText("新名字")
    assert window.project.group_achievements[0].report.members[0].name == "新名字"
    select(window, "team", 0)
    window.act_undo.trigger()
    assert window.project.group_achievements[0].report.members[0].name == first
    assert window.page.tabs.currentIndex() == 2           # the tab of the member table
    assert field(window, "members").table.item(0, 0).text() == first


def test_achievement_add_copy_delete_move_are_undone(window: MainWindow, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    titles = lambda: [a.title for a in window.project.group_achievements]  # noqa: E731
    original = titles()
    window.add_achievement("group")
    assert len(titles()) == len(original) + 1
    assert window.act_undo.text() == "撤销 新增小组成果"
    window.act_undo.trigger()
    assert titles() == original
    window.act_redo.trigger()
    assert len(titles()) == len(original) + 1 and window.current_key() == ("group", len(original))
    window.act_undo.trigger()

    select(window, "group", 0)
    window.duplicate_achievement()
    assert titles()[1] == original[0] + "（副本）"
    window.act_undo.trigger()
    assert titles() == original

    select(window, "group", 1)
    window.delete_achievement()            # the fixture answers the question for the user
    assert titles() == [original[0], *original[2:]]
    select(window, "statistics")
    window.act_undo.trigger()
    assert titles() == original
    assert window.current_key() == ("group", 1)
    assert field(window, "title").editor.text() == original[1]

    select(window, "group", 0)
    window.move_achievement(1)
    assert titles()[:2] == [original[1], original[0]]
    window.act_undo.trigger()
    assert titles() == original
    tree_text = window._find_item(("group", 0)).text(0)
    assert tree_text.startswith("01 ") and original[0][:4] in tree_text


def test_edit_in_a_restored_achievement_stays_undoable(window: MainWindow, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    """Undo finds a change by its place, so it works on an achievement put back by an earlier undo."""
    select(window, "group", 1)
    type_into(qtbot, field(window, "leader").editor, "Wang")
    window.delete_achievement()
    window.act_undo.trigger()               # the achievement is back (a copy)
    window.act_undo.trigger()               # the typing in it
    window.act_undo.trigger()               # the clearing before the typing
    assert window.project.group_achievements[1].leader not in ("", "Wang")
    assert field(window, "leader").editor.text() == window.project.group_achievements[1].leader


def test_topic_type_change_is_undone_with_the_step_list(window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)   # 确定更改类型
    select(window, "group", 0)
    assert "现状调查" in steps_listed(window)
    topic = field(window, "topic_type")
    topic.editor.setCurrentIndex(topic.editor.findData("创新型"))
    assert "现状调查" not in steps_listed(window)
    assert window.act_undo.text() == "撤销 修改“课题类型”"
    select(window, "declarant")
    window.act_undo.trigger()
    assert window.project.group_achievements[0].topic_type == "问题解决型"
    assert field(window, "topic_type").editor.currentData() == "问题解决型"
    assert "现状调查" in steps_listed(window)
    window.act_redo.trigger()
    assert "现状调查" not in steps_listed(window)
    assert field(window, "topic_type").editor.currentData() == "创新型"


def test_target_kind_change_is_undone(window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)   # 确定更改类型
    select(window, "group", 0)
    target = field(window, "target_kind")
    old = window.project.group_achievements[0].report.target_kind
    other = "指令性目标" if old != "指令性目标" else "自定目标"
    target.editor.setCurrentIndex(target.editor.findData(other))
    assert window.project.group_achievements[0].report.target_kind == other
    window.act_undo.trigger()
    assert window.project.group_achievements[0].report.target_kind == old
    assert field(window, "target_kind").editor.currentData() == old
    assert "现状调查" in steps_listed(window)


def test_step_text_typing_is_undone_at_its_step(window: MainWindow, qtbot) -> None:
    select(window, "group", 1)
    steps = window.page.steps
    steps.list.setCurrentRow(steps_listed(window).index("标准化"))
    old = steps.text.toPlainText()
    steps.text.setFocus()
    steps.text.moveCursor(steps.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(steps.text, "xyz")
    report = window.project.group_achievements[1].report
    assert [s.text for s in report.sections if s.step == "标准化"] == [old + "xyz"]
    assert window.act_undo.text() == "撤销 修改“标准化”"
    steps.list.setCurrentRow(0)
    select(window, "team", 0)
    undo_key(qtbot, window)
    report = window.project.group_achievements[1].report
    assert [s.text for s in report.sections if s.step == "标准化"] == [old]
    assert window.current_key() == ("group", 1)
    assert window.page.steps.current_step == "标准化"
    assert window.page.steps.text.toPlainText() == old


def test_reviewer_add_and_statistics_start_are_undone(window: MainWindow, qtbot) -> None:
    count = len(window.project.reviewers)
    select(window, "reviewers")
    if count < 2:
        window.page._add()
        assert len(window.project.reviewers) == count + 1
        window.act_undo.trigger()
        assert len(window.project.reviewers) == count
    window.page.tabs.setCurrentIndex(0)
    window.page._remove()
    assert len(window.project.reviewers) == count - 1
    window.act_undo.trigger()
    assert len(window.project.reviewers) == count
    assert window.current_key() == ("reviewers",) and window.page.tabs.count() == count


def test_an_invalid_date_typed_leaves_no_step(window: MainWindow, qtbot) -> None:
    select(window, "declarant")
    date = field(window, "fill_date")
    date.line.setFocus()
    date.line.selectAll()
    qtbot.keyClicks(date.line, "2024-1")          # half typed: shown as a problem, not stored
    steps = window.document.stack.count()
    qtbot.keyClicks(date.line, "x")
    assert window.document.stack.count() == steps
    assert isinstance(date.line, QLineEdit)


def test_what_counts_as_typing() -> None:
    from ui.document import typing_like
    assert typing_like("张三", "张三丰") and typing_like("abc", "abXc") and typing_like("abc", "ac")
    assert typing_like("", "李四")                      # a word from the input method
    assert not typing_like("一段很长的简介文字", "")       # Ctrl+A, Delete
    assert not typing_like("abcdef", "abf")              # a selection deleted
    assert not typing_like("abc", "abc" + "x" * 40)      # a paste
    assert not typing_like("abc", "abd")                 # a character replaced
    assert not typing_like(["a"], ["a", "b"])            # lists are not typed


def test_ctrl_z_while_editing_a_cell_undoes_that_cell(window: MainWindow, qtbot) -> None:
    select(window, "declarant")
    type_into(qtbot, field(window, "phone").editor, "1234")   # something to undo before
    select(window, "group", 0)
    window.page.tabs.setCurrentIndex(2)
    members = field(window, "members")
    first = window.project.group_achievements[0].report.members[0].name
    members.table.setCurrentCell(0, 0)
    members.table.editItem(members.table.item(0, 0))
    cell = QApplication.focusWidget()
    assert isinstance(cell, QLineEdit)
    qtbot.keyClicks(cell, "zz")
    qtbot.keyClick(cell, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.project.group_achievements[0].report.members[0].name == first
    assert window.current_key() == ("group", 0)   # not the 电话 typed before
    assert window.project.declarant.phone == "1234"
    assert field(window, "members").table.item(0, 0).text() == first
    assert window.act_redo.isEnabled()
    window.act_redo.trigger()
    assert window.project.group_achievements[0].report.members[0].name == "zz"


def open_step(window: MainWindow, step: str, achievement: int = 0):
    select(window, "group", achievement)
    steps = window.page.steps
    window.page.tabs.setCurrentWidget(steps)
    steps.list.setCurrentRow(steps_listed(window).index(step))
    return steps


def test_block_add_title_and_delete_are_undone(window: MainWindow, qtbot, monkeypatch) -> None:
    from forms.report_common import section_of
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    stored = lambda: section_of(window.project.group_achievements[0].report.sections, "对策实施").blocks  # noqa: E731
    steps = open_step(window, "对策实施")
    before = [b.type for b in stored()]
    action = next(a for a in steps.blocks.add_menu.actions() if a.objectName() == "add:table")
    action.trigger()
    assert [b.type for b in stored()] == [*before, "table"]
    assert window.act_undo.text() == "撤销 修改“对策实施”的图表与数据"
    editor = window.page.steps.blocks.editors[-1]
    qtbot.keyClicks(editor.title, "abc")
    assert stored()[-1].title == "abc"
    select(window, "declarant")
    window.act_undo.trigger()                           # the title typed, as one step
    assert stored()[-1].title == ""
    assert window.current_key() == ("group", 0) and window.page.steps.current_step == "对策实施"
    assert window.page.steps.blocks.editors[-1].title.text() == ""
    window.act_undo.trigger()                           # the table added
    assert [b.type for b in stored()] == before
    assert len(window.page.steps.blocks.editors) == len(before)
    window.act_redo.trigger()
    window.act_redo.trigger()
    assert stored()[-1].title == "abc"
    window.page.steps.blocks.editors[-1].buttons["delete"].click()
    assert [b.type for b in stored()] == before
    select(window, "team", 0)
    window.act_undo.trigger()
    assert [b.type for b in stored()] == [*before, "table"] and stored()[-1].title == "abc"
    assert window.page.steps.blocks.editors[-1].title.text() == "abc"


def test_excel_range_pasted_on_a_step_is_undone(window: MainWindow, qtbot) -> None:
    from forms.report_common import section_of
    stored = lambda: section_of(window.project.group_achievements[0].report.sections, "现状调查").blocks  # noqa: E731
    steps = open_step(window, "现状调查")
    before = [b.model_dump() for b in stored()]
    text = steps.text.toPlainText()
    QGuiApplication.clipboard().setText("班次\t次数\n白班\t3\n夜班\t5")
    steps.text.setFocus()
    qtbot.keyClick(steps.text, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert stored()[-1].rows == [["白班", "3"], ["夜班", "5"]]
    undo_key(qtbot, window)
    assert [b.model_dump() for b in stored()] == before
    assert window.page.steps.text.toPlainText() == text
    assert len(window.page.steps.blocks.editors) == len(before)
    redo_key(qtbot, window)
    assert stored()[-1].rows == [["白班", "3"], ["夜班", "5"]]
    assert window.page.steps.blocks.editors[-1].block.rows == [["白班", "3"], ["夜班", "5"]]
