"""Nothing typed into a cell of a block grid is lost while the window refreshes around it: the
live check colouring cells, a page switch, saving, undo and redo; after undo the step keeps its
place on the screen."""
from __future__ import annotations

import json

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from forms.report_common import section_of
from tests.test_gui import select
from ui import background
from ui.main_window import MainWindow


def open_step(window: MainWindow, step: str, achievement: int = 0):
    select(window, "group", achievement)
    steps = window.page.steps
    window.page.tabs.setCurrentWidget(steps)
    rows = [steps.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(steps.list.count())]
    steps.list.setCurrentRow(rows.index(step))
    return steps


def settle_previews() -> None:
    """Chart previews are drawn on a worker thread and change the step's height when they arrive:
    let them all arrive, as they have by the time a user looks."""
    for _ in range(3):
        QApplication.processEvents()
    background.wait_idle()
    for _ in range(3):
        QApplication.processEvents()


def cause_check(window: MainWindow):
    steps = open_step(window, "确定主要原因")
    return next(e for e in steps.blocks.editors if e.block.type == "cause_check")


def stored_rows(window: MainWindow):
    sections = window.project.group_achievements[0].report.sections
    block = next(b for b in section_of(sections, "确定主要原因").blocks if b.type == "cause_check")
    return block.rows


def start_typing(qtbot, editor, row: int, key: str, text: str) -> QLineEdit:
    """Open the cell for editing and type into it (typing has not paused: nothing handed over)."""
    column = editor.keys.index(key)
    table = editor.grid.table
    table.setFocus()
    table.setCurrentCell(row, column)
    table.editItem(table.item(row, column))
    cell = QApplication.focusWidget()
    assert isinstance(cell, QLineEdit)
    cell.end(False)
    qtbot.keyClicks(cell, text)
    return cell


def test_live_check_colouring_the_cell_keeps_what_is_typed(window: MainWindow, qtbot) -> None:
    editor = cause_check(window)
    before = stored_rows(window)[0].owner
    cell = start_typing(qtbot, editor, 0, "owner", "abc")
    column = editor.keys.index("owner")
    # The live check comes back with a problem at this very cell: the cell turns red…
    editor.grid.mark_cells({(0, column): (True, "负责人须写姓名")})
    window.recheck()
    assert cell.text() == before + "abc"          # …and keeps every key typed
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    QApplication.processEvents()                  # the delegate commits on the next turn
    assert stored_rows(window)[0].owner == before + "abc"


def test_switching_page_hands_over_the_cell_being_typed(window: MainWindow, qtbot) -> None:
    editor = cause_check(window)
    before = stored_rows(window)[1].result
    start_typing(qtbot, editor, 1, "result", "xyz")
    select(window, "declarant")                   # F8, 下一步 or the tree: the page is rebuilt
    assert stored_rows(window)[1].result == before + "xyz"
    window.act_undo.trigger()                     # and it is a step like any typing
    assert stored_rows(window)[1].result == before


def test_saving_takes_the_cell_being_typed(window: MainWindow, qtbot, sample_path) -> None:  # noqa: F811
    editor = cause_check(window)
    before = stored_rows(window)[0].method
    start_typing(qtbot, editor, 0, "method", "ok")
    assert window.save()
    data = json.loads(sample_path.read_text(encoding="utf-8"))
    sections = data["group_achievements"][0]["report"]["sections"]
    step = next(s for s in sections if s["step"] == "确定主要原因")
    block = next(b for b in step["blocks"] if b["type"] == "cause_check")
    assert block["rows"][0]["method"] == before + "ok"
    assert not window.dirty


def test_undo_keeps_the_step_near_where_it_was_with_the_field_in_sight(window: MainWindow, qtbot) -> None:
    window.resize(1024, 600)
    steps = open_step(window, "效果检查")
    settle_previews()
    last = steps.blocks.editors[-1]
    last_title = last.title.text()
    bar = steps.scroll.verticalScrollBar()
    assert steps.scroll.viewport().height() > 200
    title_at = last.title.mapTo(steps.page, QPoint(0, 0)).y()
    bar.setValue(title_at - 150)                  # the title in sight, 150 pixels down
    at = bar.value()
    assert at > 300
    qtbot.keyClicks(last.title, "X")              # a change low on the step
    window.act_undo.trigger()
    settle_previews()
    steps = window.page.steps
    assert window.page.tabs.currentWidget() is steps and steps.current_step == "效果检查"
    assert steps.blocks.editors[-1].title.text() == last_title
    # The step comes back scrolled near where it was, with the field of the change in sight. (Not to
    # the pixel: the view is put back before the chart previews above have their final height.)
    assert abs(steps.scroll.verticalScrollBar().value() - at) <= 250
    title = steps.blocks.editors[-1].title
    viewport = steps.scroll.viewport()
    assert viewport.rect().contains(QRect(title.mapTo(viewport, QPoint(0, 0)), title.size()))
    focus = QApplication.focusWidget()
    assert focus is title


def test_undo_from_the_menu_while_a_cell_is_open_keeps_its_text(window: MainWindow, qtbot) -> None:
    editor = cause_check(window)
    before = stored_rows(window)[2].content
    start_typing(qtbot, editor, 2, "content", "q")
    # The menu takes the focus as a popup: the cell stays open with what was typed.
    window.problems.setFocus(Qt.FocusReason.PopupFocusReason)
    window.act_undo.trigger()             # undoes the typing, the newest change…
    assert stored_rows(window)[2].content == before
    window.act_redo.trigger()             # …which redo brings back
    assert stored_rows(window)[2].content == before + "q"
