"""The live chart preview draws on a worker thread: typing in the grid of a 排列图 never waits for
matplotlib, the last picture stays until the new one is ready, and a drawing that finishes late
never replaces the answer to a newer request."""
from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

from forms.blocks import ParetoBlock, ParetoItem
from ui import background
from ui.blocks import preview as preview_module
from ui.blocks.preview import ChartPreview


def png_of(colour: str) -> bytes:
    image = QImage(60, 40, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def pareto(*counts: int) -> ParetoBlock:
    return ParetoBlock(unit="次", items=[ParetoItem(name=f"原因{i}", count=Decimal(c)) for i, c in enumerate(counts)])


@pytest.fixture
def make_preview(qtbot):
    made: list[ChartPreview] = []
    preview_module._shown.clear()         # no picture remembered from another test

    def make(block: ParetoBlock) -> ChartPreview:
        view = ChartPreview(block, lambda: None, "现状调查")
        view.timer.stop()
        qtbot.addWidget(view)
        view.show()
        made.append(view)
        return view
    yield make
    background.wait_idle("charts")


def test_chart_is_drawn_off_the_ui_thread(qtbot, make_preview, monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[threading.Thread] = []

    def draw(block, goal, step):
        threads.append(threading.current_thread())
        return png_of("red")
    monkeypatch.setattr(preview_module, "chart_png", draw)
    view = make_preview(pareto(30, 20, 10))
    view.schedule()
    qtbot.waitUntil(lambda: view.png is not None, timeout=5000)
    assert threads and threading.main_thread() not in threads
    assert not view.pixmap().isNull()


def test_old_drawing_never_replaces_a_newer_one(qtbot, make_preview, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    colours = {30: "red", 99: "blue"}     # the first count tells which data was drawn

    def draw(block, goal, step):
        first = int(block.items[0].count)
        if first == 30:
            release.wait(10)              # the old data draws slowly
        return png_of(colours[first])
    monkeypatch.setattr(preview_module, "chart_png", draw)
    block = pareto(30, 20, 10)
    view = make_preview(block)
    shown: list[bytes | None] = []
    original = view._show_png
    view._show_png = lambda png, error: (shown.append(png), original(png, error))
    view.render_later()                   # drawing the old data…
    block.items[0].count = Decimal(99)    # …while the user types a new count
    view.render_later()
    release.set()
    qtbot.waitUntil(lambda: view.png is not None, timeout=5000)
    background.wait_idle("charts")
    qtbot.wait(50)
    assert shown == [png_of("blue")]
    assert view.png == png_of("blue")


def test_last_picture_stays_while_the_new_one_is_drawn(qtbot, make_preview,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    calls: list[int] = []

    def draw(block, goal, step):
        calls.append(1)
        if len(calls) > 1:
            release.wait(10)
        return png_of("green" if len(calls) == 1 else "black")
    monkeypatch.setattr(preview_module, "chart_png", draw)
    block = pareto(5, 4)
    view = make_preview(block)
    view.render_later()
    qtbot.waitUntil(lambda: view.png == png_of("green"), timeout=5000)
    block.items[1].count = Decimal(7)
    view.render_later()
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=5000)
    assert view.png == png_of("green") and not view.pixmap().isNull()
    release.set()
    qtbot.waitUntil(lambda: view.png == png_of("black"), timeout=5000)


def test_a_hidden_preview_draws_when_shown(qtbot, make_preview, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(preview_module, "chart_png", lambda *a: calls.append(1) or png_of("red"))
    view = make_preview(pareto(8, 1))
    view.hide()                           # on a step not shown, in a window closed
    view.render_later()
    background.wait_idle("charts")
    qtbot.wait(20)
    assert calls == [] and view.png is None
    view.show()
    qtbot.waitUntil(lambda: view.png == png_of("red"), timeout=5000)


def test_data_emptied_while_drawing_shows_the_note(qtbot, make_preview, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def draw(block, goal, step):
        release.wait(10)
        return png_of("red")
    monkeypatch.setattr(preview_module, "chart_png", draw)
    block = pareto(3, 2)
    view = make_preview(block)
    view.render_later()
    block.items = []                      # the user cleared the grid meanwhile
    view.render_later()
    release.set()
    background.wait_idle("charts")
    qtbot.wait(50)
    assert view.png is None and view.pixmap().isNull()
    assert "填好数据后" in view.text()
