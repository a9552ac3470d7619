"""The window on a small laptop screen (1024×600) and on 1366×768: no page, report step or block
editor needs a sideways scroll bar; chart previews shrink with the room and move under their grid."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QMessageBox

from app.settings import Settings
from ui.blocks.preview import ChartPreview
from ui.main_window import MainWindow

PAGES = [("welcome",), ("declarant",), ("groups",), ("group", 0), ("group", 1), ("team", 0),
         ("statistics",), ("reviewers",)]


@pytest.fixture
def window(qtbot, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    w = MainWindow(Settings())
    qtbot.addWidget(w)
    w.open_sample()
    w.show()
    yield w
    w.dirty = False
    w.close()


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def sideways(window: MainWindow) -> list[str]:
    """Every visible scrolling area of the page that shows a horizontal scroll bar."""
    return [f"{type(a).__name__} {a.objectName()} +{a.horizontalScrollBar().maximum()}px"
            for a in window.page.findChildren(QAbstractScrollArea)
            if a.isVisible() and a.horizontalScrollBar().isVisible()]


@pytest.mark.parametrize("size", [(1024, 600), (1366, 768)])
def test_no_page_scrolls_sideways(window: MainWindow, size: tuple[int, int]) -> None:
    window.resize(*size)
    settle()
    seen = {}
    for key in PAGES:
        window.tree.setCurrentItem(window._find_item(key))
        tabs = getattr(window.page, "tabs", None)
        for tab in range(tabs.count() if tabs is not None else 1):
            if tabs is not None:
                tabs.setCurrentIndex(tab)
            settle()
            seen[f"{key} 第{tab + 1}页"] = sideways(window)
            steps = getattr(window.page, "steps", None)
            if tabs is not None and tabs.currentWidget() is steps:
                for row in range(steps.list.count()):
                    steps.list.setCurrentRow(row)
                    settle()
                    seen[f"{key} {steps.current_step}"] = sideways(window)
    assert {where: bars for where, bars in seen.items() if bars} == {}
    assert len(seen) > 30    # every report step of three achievements was looked at


def test_chart_preview_moves_under_its_grid_when_narrow(window: MainWindow) -> None:
    window.resize(1024, 600)
    window.tree.setCurrentItem(window._find_item(("group", 0)))
    steps = window.page.steps
    window.page.tabs.setCurrentWidget(steps)
    steps.list.setCurrentRow(1)          # 现状调查: a table and a 排列图
    settle()
    pareto = next(e for e in steps.blocks.editors if isinstance(getattr(e, "preview", None), ChartPreview))
    pareto.preview.render_now()
    settle()
    room = steps.scroll.viewport().width()
    assert not pareto.chart_row.beside
    assert pareto.preview.geometry().right() < room
    assert pareto.preview.pixmap().width() <= pareto.preview.width()
    window.resize(1900, 1000)            # a wide screen: the chart goes back beside the grid
    settle()
    assert pareto.chart_row.beside
    assert pareto.preview.width() == 400


def test_problems_panel_leaves_the_form_room_and_can_be_hidden(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    w = MainWindow(Settings())
    qtbot.addWidget(w)
    w.open_sample()
    w.resize(1024, 600)
    w.show()
    settle()
    assert w.problems_dock.height() <= 600 // 5
    assert w.act_show_problems in w.check_menu.actions() and w.act_show_problems.text() == "检查结果面板(&P)"
    w.act_show_problems.trigger()
    settle()
    assert not w.problems_dock.isVisible()
    w.act_check_all.trigger()   # 全部检查 lists everything, so the panel comes back
    settle()
    assert w.problems_dock.isVisible()
    w.dirty = False
    w.close()
