"""The 具体内容 editor of a report: the step list of the T/CAQ sequence and the text of each step.

The list follows 课题类型 and 目标类型 live. Text is kept per step name, so a step that leaves the
list (switching to 指令性目标 drops 现状调查) keeps its text and shows it again when it returns.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QSplitter, QVBoxLayout, QWidget,
)

from forms.locations import Path
from forms.report_common import Section, section_text, set_section_text
from forms.rules import Finding
from forms.text import count_chars
from ui.fields import MessageLabel
from ui.guidance import step_hint



class StepsEditor(QWidget):
    changed = Signal()

    def __init__(self, sections: Callable[[], list[Section]], path: Path,
                 steps: Callable[[], tuple[str, ...]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sections = sections
        self._steps = steps
        self.path = tuple(path)
        self.findings: list[Finding] = []
        self._loading = False
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.list = QListWidget()
        self.list.setMinimumWidth(200)
        self.list.currentRowChanged.connect(self._show_step)
        splitter.addWidget(self.list)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(6, 0, 0, 0)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #444; background: #f4f6f8; padding: 4px;")
        self.hint.setTextFormat(Qt.TextFormat.RichText)
        self.text = QPlainTextEdit()
        self.text.setObjectName("field:sections")
        self.text.textChanged.connect(self._typed)
        self.count = QLabel()
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.count.setStyleSheet("color: #666;")
        self.messages = MessageLabel()
        for widget in (self.title, self.hint, self.text, self.count, self.messages):
            column.addWidget(widget)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.reload()

    @property
    def current_step(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def reload(self) -> None:
        """Rebuild the list from the current sequence, keeping the selected step when it remains."""
        keep = self.current_step
        steps = self._steps()
        self.list.blockSignals(True)
        self.list.clear()
        for number, step in enumerate(steps, start=1):
            item = QListWidgetItem(f"{number}. {step}")
            item.setData(Qt.ItemDataRole.UserRole, step)
            self.list.addItem(item)
        self.list.blockSignals(False)
        row = steps.index(keep) if keep in steps else 0
        self.list.setCurrentRow(row if steps else -1)
        self._show_step(self.list.currentRow())
        self._mark_items()

    def _show_step(self, row: int) -> None:
        step = self.current_step
        self._loading = True
        self.text.setPlainText(section_text(self._sections(), step) if step else "")
        self._loading = False
        self.title.setText(step or "")
        self.hint.setText(step_hint(step, self._steps()))
        self.hint.setVisible(bool(self.hint.text()))
        self._count()
        self._show_messages()

    def _typed(self) -> None:
        if self._loading or self.current_step is None:
            return
        set_section_text(self._sections(), self.current_step, self.text.toPlainText())
        self._count()
        self._mark_items()
        self.changed.emit()

    def _count(self) -> None:
        self.count.setText(f"{count_chars(self.text.toPlainText())} 字")

    def _mark_items(self) -> None:
        sections = self._sections()
        for row in range(self.list.count()):
            item = self.list.item(row)
            step = item.data(Qt.ItemDataRole.UserRole)
            done = bool(section_text(sections, step).strip())
            item.setText(f"{'✔' if done else '○'} {row + 1}. {step}")
            item.setForeground(Qt.GlobalColor.black if done else Qt.GlobalColor.darkRed)

    def set_findings(self, findings: list[Finding]) -> None:
        self.findings = findings
        self._show_messages()

    def _show_messages(self) -> None:
        step = self.current_step
        mine = [f for f in self.findings if len(f.path) > len(self.path) and f.path[len(self.path)] == step]
        general = [f for f in self.findings if len(f.path) == len(self.path)]
        errors = [f.detail for f in mine if f.is_error] + [f.message for f in general if f.is_error]
        warnings = [f.detail for f in mine if not f.is_error] + [f.message for f in general if not f.is_error]
        self.messages.show_messages(errors, warnings)

    def focus_path(self, path: Path) -> None:
        if len(path) > len(self.path):
            step = path[len(self.path)]
            for row in range(self.list.count()):
                if self.list.item(row).data(Qt.ItemDataRole.UserRole) == step:
                    self.list.setCurrentRow(row)
        self.focus_editor()

    def focus_editor(self) -> None:
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)
