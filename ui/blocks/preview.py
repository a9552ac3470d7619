"""The live preview of a chart block: the very PNG the documents will hold, drawn by
``exporters.charts.render_chart`` on a worker thread, redrawn when typing pauses; click it to see
it larger."""
from __future__ import annotations

import copy
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QMouseEvent, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout, QDialog, QLabel, QLayout, QScrollArea, QSizePolicy, QVBoxLayout, QWidget,
)

from pydantic import BaseModel

from forms.rules.blocks import chart_data_missing
from ui.background import submit

try:
    from exporters.charts import PRINT_WIDTH_CM, render_chart
except ImportError:      # a build without the chart module: the editors still work, without preview
    PRINT_WIDTH_CM, render_chart = {}, None

log = logging.getLogger(__name__)
DEBOUNCE_MS = 300
UNAVAILABLE = "预览不可用"


def chart_png(block: Any, goal: Any, step: str) -> bytes | None:
    """The chart as exported, or None when this build cannot draw charts."""
    if render_chart is None:
        return None
    # Drawn at the width it prints at, the preview is the exported image (and comes from its cache).
    width = PRINT_WIDTH_CM.get(getattr(block, "type", ""), 15.0)
    return render_chart(block, goal=goal, step=step, width_cm=width)


_shown: OrderedDict[str, bytes] = OrderedDict()   # the pictures previews showed last, by content
SHOWN_KEPT = 48


def _content(block: Any, goal: Any, step: str) -> str:
    goal_text = goal.model_dump_json() if isinstance(goal, BaseModel) else repr(goal)
    return "\x1f".join((block.model_dump_json(), goal_text, step))


def _remember(content: str, png: bytes) -> None:
    _shown[content] = png
    _shown.move_to_end(content)
    while len(_shown) > SHOWN_KEPT:
        _shown.popitem(last=False)


class ChartPreview(QLabel):
    """A scaled picture of the chart; ``schedule()`` after each edit redraws it once typing pauses.

    The drawing runs on a worker thread (``ui.background``) from a copy of the block, so typing in
    a grid that feeds the chart never waits for matplotlib. The last picture stays until the new
    one is ready, and only the answer to the newest request is shown: an older drawing that
    finishes late never replaces a newer one. The picture is as wide as the room it is given, up
    to ``width`` pixels (a narrow window shows it smaller, never cut off).
    """

    MIN_WIDTH = 240

    def __init__(self, block: Any, goal: Callable[[], Any], step: str, *, width: int = 400,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.block = block
        self._goal = goal
        self.step = step
        self.png: bytes | None = None
        self.source = QPixmap()
        self._wanted = 0          # number of the newest request
        self._running = False     # a drawing is on the worker thread
        self._again = False       # data changed while it ran: draw again when it is back
        self._when_shown = False  # asked while hidden: drawn when shown
        # Set once the preview is gone (a page rebuilt, a block deleted): its queued drawings are
        # skipped instead of keeping the worker busy for nothing.
        gone = self._gone = threading.Event()
        self.destroyed.connect(lambda *_: gone.set())
        self.setObjectName("chart-preview")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumWidth(min(self.MIN_WIDTH, width))
        self.setMaximumWidth(width)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._width = width
        self.setMinimumHeight(160)
        self.setWordWrap(True)
        self.setStyleSheet("QLabel#chart-preview { background: white; border: 1px solid #d0d4da; color: #777; }")
        self.setToolTip("导出时的图表；单击放大")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.timer.timeout.connect(self.render_later)
        self.setText("正在生成预览…")
        # A page rebuilt (undo, a step shown again) shows its charts at once, at their final size,
        # so it keeps its layout and scroll position; anything else is drawn on the worker.
        if not self._show_known():
            self.schedule()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(self._width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(self.minimumWidth(), super().minimumSizeHint().height())

    def schedule(self) -> None:
        self.timer.start()

    def _note_missing(self) -> bool:
        """The documents print a note instead of an empty chart: so does the preview."""
        missing = chart_data_missing(self.block, self._goal(), self.step)
        if missing:
            self._show_text(f"{missing}。\n填好数据后，这里显示导出时的图。")
        return bool(missing)

    def _show_known(self) -> bool:
        """Show the chart at once when this very content was shown before."""
        if chart_data_missing(self.block, self._goal(), self.step):
            return False
        png = _shown.get(_content(self.block, self._goal(), self.step))
        if png is None:
            return False
        self._show_png(png, None)
        return True

    def render_later(self) -> None:
        """Draw the chart as it is now on the worker thread; the picture follows when ready."""
        self.timer.stop()
        self._wanted += 1
        if self._note_missing():
            self._again = False   # nothing to draw: a drawing under way is out of date
            return
        if self._show_known():
            self._again = False
            return
        if not self.isVisible():
            self._when_shown = True   # another step, a closed window: drawn when it shows
            return
        if self._running:
            self._again = True    # one drawing at a time; the newest data is drawn next
            return
        self._start(self._wanted)

    def _start(self, number: int) -> None:
        self._running, self._again = True, False
        block = self.block.model_copy(deep=True)    # the grid may change it while the copy is drawn
        goal = copy.deepcopy(self._goal())
        step = self.step
        content = _content(block, goal, step)
        gone = self._gone
        submit("charts", self, lambda: None if gone.is_set() else chart_png(block, goal, step),
               lambda png, error: self._drawn(number, png, error, content))

    def _drawn(self, number: int, png: bytes | None, error: BaseException | None, content: str) -> None:
        self._running = False
        if png is not None and error is None:
            _remember(content, png)
        if self._again:
            self._start(self._wanted)   # what was drawn is already out of date
            return
        if number != self._wanted:
            return                      # a newer request (a note, a drawing now) has answered
        self._show_png(png, error)

    def render_now(self) -> None:
        """Draw at once, on this thread (screenshots, a test's first picture)."""
        self.timer.stop()
        self._wanted += 1
        if self._note_missing():
            self._again = False
            return
        try:
            png = chart_png(self.block, self._goal(), self.step)
        except Exception as exc:   # noqa: BLE001 - a half-typed chart must never break the window
            log.exception("chart preview failed")
            self._show_png(None, exc)
            return
        if png is not None:
            _remember(_content(self.block, self._goal(), self.step), png)
        self._show_png(png, None)

    def _show_png(self, png: bytes | None, error: BaseException | None) -> None:
        if error is not None:
            self._show_text("预览暂时无法生成，请检查数据是否完整。")
            return
        if png is None:
            self._show_text(f"{UNAVAILABLE}（本版本不含图表绘制）")
            return
        pixmap = QPixmap()
        if not pixmap.loadFromData(png, "PNG"):
            self._show_text("预览暂时无法生成。")
            return
        self.png = png
        self.source = pixmap
        self._fit()

    def _fit(self) -> None:
        """The picture scaled to the label's width, the label as tall as the picture."""
        if self.source.isNull():
            return
        scaled = self.source.scaledToWidth(max(self.width() - 4, 40), Qt.TransformationMode.SmoothTransformation)
        self.setFixedHeight(scaled.height() + 4)
        self.setPixmap(scaled)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._when_shown:
            self._when_shown = False
            self.schedule()

    def _show_text(self, text: str) -> None:
        self.png = None
        self.source = QPixmap()
        self.setPixmap(QPixmap())
        self.setMinimumHeight(160)
        self.setMaximumHeight(16777215)
        self.setText(text)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt name)
        if event.button() == Qt.MouseButton.LeftButton and not self.source.isNull():
            show_large(self.source, self.window())
        super().mousePressEvent(event)


class ChartRow(QWidget):
    """The editors of a chart block and its preview: side by side where there is room, the preview
    under them in a narrow window (a small laptop screen never scrolls sideways)."""

    BESIDE_FROM = 720   # above the width the two need side by side, so the choice settles

    def __init__(self, left: QLayout, preview: ChartPreview, *, below: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self._always_below = below
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.setLayout(self.box)
        self.box.addLayout(left, 1)
        self.box.addWidget(preview, 0)
        self._arrange(below)

    @property
    def beside(self) -> bool:
        return self.box.direction() == QBoxLayout.Direction.LeftToRight

    def _arrange(self, below: bool) -> None:
        if below:
            self.box.setDirection(QBoxLayout.Direction.TopToBottom)
            self.box.setAlignment(self.preview, Qt.AlignmentFlag.AlignHCenter)
        else:
            self.box.setDirection(QBoxLayout.Direction.LeftToRight)
            self.box.setAlignment(self.preview, Qt.AlignmentFlag.AlignTop)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        below = self._always_below or event.size().width() < self.BESIDE_FROM
        if below == self.beside:
            self._arrange(below)


def show_large(pixmap: QPixmap, parent: QWidget) -> None:
    """The chart at a readable size, in a dialog that fits the screen."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("图表预览")
    screen = parent.screen().availableGeometry() if parent.screen() else None
    width = min(pixmap.width(), (screen.width() - 80) if screen else 1000, 1100)
    label = QLabel()
    label.setPixmap(pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation))
    area = QScrollArea()
    area.setWidget(label)
    area.setWidgetResizable(True)
    layout = QVBoxLayout(dialog)
    layout.addWidget(area)
    height = min(label.pixmap().height() + 40, (screen.height() - 80) if screen else 700)
    dialog.resize(width + 40, height)
    dialog.exec()
