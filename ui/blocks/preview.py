"""The live preview of a chart block: the very PNG the documents will hold, drawn by
``exporters.charts.render_chart``, redrawn when typing pauses; click it to see it larger."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QMouseEvent, QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

from forms.rules.blocks import chart_data_missing

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


class ChartPreview(QLabel):
    """A scaled picture of the chart; ``schedule()`` after each edit redraws it once typing pauses."""

    def __init__(self, block: Any, goal: Callable[[], Any], step: str, *, width: int = 400,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.block = block
        self._goal = goal
        self.step = step
        self.png: bytes | None = None
        self.source = QPixmap()
        self.setObjectName("chart-preview")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFixedWidth(width)
        self.setMinimumHeight(160)
        self.setWordWrap(True)
        self.setStyleSheet("QLabel#chart-preview { background: white; border: 1px solid #d0d4da; color: #777; }")
        self.setToolTip("导出时的图表；单击放大")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.timer.timeout.connect(self.render_now)
        self.setText("正在生成预览…")
        self.schedule()

    def schedule(self) -> None:
        self.timer.start()

    def render_now(self) -> None:
        self.timer.stop()
        missing = chart_data_missing(self.block, self._goal(), self.step)
        if missing:      # the documents print a note instead of an empty chart: so does the preview
            self._show_text(f"{missing}。\n填好数据后，这里显示导出时的图。")
            return
        try:
            png = chart_png(self.block, self._goal(), self.step)
        except Exception:   # noqa: BLE001 - a half-typed chart must never break the window
            log.exception("chart preview failed")
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
        scaled = pixmap.scaledToWidth(self.width() - 4, Qt.TransformationMode.SmoothTransformation)
        self.setFixedHeight(scaled.height() + 4)
        self.setPixmap(scaled)

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
