"""The 具体内容 editor of a report: the step list of the T/CAQ sequence on the left; on the right
the step's text first, then its blocks (tables, charts, pictures: ``ui.blocks``).

The list follows 课题类型 and 目标类型 live. Text and blocks are kept per step name, so a step that
leaves the list (switching to 指令性目标 drops 现状调查) keeps them and shows them again when it
returns. A range pasted from Excel or a picture pasted or dropped on the step becomes a block.
"""
from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QScrollArea, QSplitter,
    QVBoxLayout, QWidget,
)

from forms.locations import Path
from forms.report_common import Section, section_of, section_text, set_section_text
from forms.rules import Finding
from forms.text import count_chars
from ui.blocks.base import BlockContext, GrowingTextEdit
from ui.blocks.container import BlockList, can_take
from ui.document import typing_like
from ui.fields import MessageLabel
from ui.guidance import step_hint



class StepText(GrowingTextEdit):
    """The step's text. A range pasted from Excel or a picture becomes a block instead of text."""

    def __init__(self, take: Callable[[QMimeData], bool], parent: QWidget | None = None) -> None:
        super().__init__(120, 320, parent)
        self._take = take

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt name)
        return can_take(source) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt name)
        if not self._take(source):
            super().insertFromMimeData(source)


class StepPage(QWidget):
    """The scrolling page of a step: Ctrl+V and drops no field took become blocks."""

    def __init__(self, take: Callable[[QMimeData], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._take = take
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if event.matches(QKeySequence.StandardKey.Paste) and self._take(QGuiApplication.clipboard().mimeData()):
            event.accept()
            return
        super().keyPressEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt name)
        if can_take(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if can_take(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt name)
        if self._take(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()


class StepsEditor(QWidget):
    changed = Signal()
    recorder: Callable[..., bool] | None = None   # set by the page: turns each change into an undo step

    def __init__(self, sections: Callable[[], list[Section]], path: Path,
                 steps: Callable[[], tuple[str, ...]], context: BlockContext | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sections = sections
        self._steps = steps
        self.path = tuple(path)
        self.context = context or BlockContext()
        self.findings: list[Finding] = []
        self._before: Any = None   # a copy of the sections as last recorded, the "old" of the next step
        self.block_lists: dict[str, BlockList] = {}
        self._loading = False
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.list = QListWidget()
        self.list.setMinimumWidth(200)
        self.list.currentRowChanged.connect(self._show_step)
        splitter.addWidget(self.list)
        self.page = StepPage(self.take_mime)
        column = QVBoxLayout(self.page)
        column.setContentsMargins(6, 0, 10, 10)
        column.setSpacing(4)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #444; background: #f4f6f8; padding: 4px;")
        self.hint.setTextFormat(Qt.TextFormat.RichText)
        self.text = StepText(self.take_mime)
        self.text.setObjectName("field:sections")
        self.text.setTabChangesFocus(True)
        self.text.textChanged.connect(self._typed)
        self.count = QLabel()
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.count.setStyleSheet("color: #666;")
        self.messages = MessageLabel()
        for widget in (self.title, self.hint, self.text, self.count, self.messages):
            column.addWidget(widget)
        self.blocks_holder = QVBoxLayout()
        self.blocks_holder.setContentsMargins(0, 4, 0, 0)
        column.addLayout(self.blocks_holder)
        column.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.page)
        splitter.addWidget(self.scroll)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([210, 800])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.follow_sequence()

    @property
    def current_step(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    @property
    def blocks(self) -> BlockList | None:
        """The blocks of the step on screen."""
        step = self.current_step
        return self.block_lists.get(step) if step else None

    def reload(self) -> None:
        """Show the project's sections anew (they changed under the editor)."""
        for block_list in self.block_lists.values():
            block_list.rebuild()
        self.follow_sequence()

    def follow_sequence(self) -> None:
        """Rebuild the list from the current sequence, keeping the selected step when it remains.

        Block editors of every step stay as they are (with whatever is typed in them) unless the
        project's blocks changed under them.
        """
        keep = self.current_step
        self._before = copy.deepcopy(self._sections())
        steps = self._steps()
        for block_list in self.block_lists.values():
            if not block_list.in_sync():
                block_list.rebuild()
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

    def _block_list(self, step: str) -> BlockList:
        if step not in self.block_lists:
            block_list = BlockList(self._sections, step, self.path, self.context)
            block_list.changed.connect(self._blocks_changed)
            self.blocks_holder.addWidget(block_list)
            self.block_lists[step] = block_list
            block_list.set_findings(self._block_findings(step))
        return self.block_lists[step]

    def _show_step(self, row: int) -> None:
        step = self.current_step
        self._loading = True
        self.text.setPlainText(section_text(self._sections(), step) if step else "")
        self._loading = False
        self.title.setText(step or "")
        self.hint.setText(step_hint(step, self._steps()))
        self.hint.setVisible(bool(self.hint.text()))
        current = self._block_list(step) if step else None
        for block_list in self.block_lists.values():
            block_list.setVisible(block_list is current)
        self.scroll.verticalScrollBar().setValue(0)
        self._count()
        self._show_messages()

    def _typed(self) -> None:
        if self._loading or self.current_step is None:
            return
        step = self.current_step
        old_text = section_text(self._sections(), step)
        set_section_text(self._sections(), step, self.text.toPlainText())
        self._record(f"修改“{step}”", merge=typing_like(old_text, self.text.toPlainText()))
        self._count()
        self._mark_items()
        self.changed.emit()

    def _record(self, label: str, *, merge: bool = False, focus: Path | None = None) -> bool:
        """The sections changed since the last step: make that an undo step. False when nothing
        changed (an editor handing over what the model already holds)."""
        step = self.current_step
        changed = True
        if self.recorder is not None and self._before is not None:
            changed = self.recorder(self.path, self._before, label, merge=merge,
                                    focus=focus or ((*self.path, step) if step else None))
        self._before = copy.deepcopy(self._sections())
        return changed

    def _blocks_changed(self) -> None:
        step = self.current_step
        typed = _typed_in_block(self._before, self._sections(), step) if step else None
        focus = (*self.path, step, "blocks", *typed) if typed else None
        changed = self._record(f"修改“{step}”的图表与数据", merge=typed is not None, focus=focus)
        self._mark_items()
        if changed:
            self.changed.emit()

    def take_mime(self, mime: QMimeData) -> bool:
        """A paste or drop on the step: a range from Excel or pictures become blocks."""
        blocks = self.blocks
        return blocks is not None and blocks.take_mime(mime)

    def _count(self) -> None:
        self.count.setText(f"{count_chars(self.text.toPlainText())} 字")

    def _mark_items(self) -> None:
        sections = self._sections()
        for row in range(self.list.count()):
            item = self.list.item(row)
            step = item.data(Qt.ItemDataRole.UserRole)
            done = bool(section_text(sections, step).strip())
            section = section_of(sections, step)
            blocks = len(section.blocks) if section is not None else 0
            item.setText(f"{'✔' if done else '○'} {row + 1}. {step}" + (f"  ▦{blocks}" if blocks else ""))
            item.setToolTip(f"{step}：{'已填写文字' if done else '文字未填写'}，图表与数据 {blocks} 项")
            item.setForeground(Qt.GlobalColor.black if done else Qt.GlobalColor.darkRed)

    def goal_changed(self) -> None:
        """The report's 课题指标 changed: charts drawn from it redraw."""
        for block_list in self.block_lists.values():
            block_list.goal_changed()

    # ---- findings and focus ----------------------------------------------------------------------
    def _is_block_finding(self, finding: Finding) -> bool:
        n = len(self.path)
        return len(finding.path) > n + 1 and finding.path[n + 1] == "blocks"

    def _block_findings(self, step: str) -> list[Finding]:
        n = len(self.path)
        return [f for f in self.findings if self._is_block_finding(f) and f.path[n] == step]

    def set_findings(self, findings: list[Finding]) -> None:
        self.findings = findings
        for step, block_list in self.block_lists.items():
            block_list.set_findings(self._block_findings(step))
        self._show_messages()

    def _show_messages(self) -> None:
        step = self.current_step
        n = len(self.path)
        mine = [f for f in self.findings if len(f.path) > n and f.path[n] == step and not self._is_block_finding(f)]
        general = [f for f in self.findings if len(f.path) == n]
        errors = [f.detail for f in mine if f.is_error] + [f.message for f in general if f.is_error]
        warnings = [f.detail for f in mine if not f.is_error] + [f.message for f in general if not f.is_error]
        self.messages.show_messages(errors, warnings)

    def show_step(self, step: str) -> None:
        """Show ``step`` when it is in the list."""
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == step:
                self.list.setCurrentRow(row)

    def focus_path(self, path: Path) -> None:
        n = len(self.path)
        if len(path) > n:
            self.show_step(path[n])
        rest = tuple(path[n + 1:])
        blocks = self.blocks
        if len(rest) >= 2 and rest[0] == "blocks" and isinstance(rest[1], int) and blocks is not None \
                and blocks.step == path[n]:
            blocks.focus_block(rest[1], rest[2:])
            return
        self.focus_editor()

    def focus_editor(self) -> None:
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)


def _typed_in_block(old: list[Section] | None, new: list[Section], step: str) -> tuple[int, str] | None:
    """(block index, field) when the only change under ``step`` is typing into one text field of
    one block: such edits merge into one undo step, as typing in a form field does."""
    before, after = section_of(old or [], step), section_of(new, step)
    if before is None or after is None or len(before.blocks) != len(after.blocks):
        return None
    changed = [i for i, (a, b) in enumerate(zip(before.blocks, after.blocks, strict=True)) if a != b]
    if len(changed) != 1 or before.text != after.text:
        return None
    a, b = before.blocks[changed[0]].model_dump(), after.blocks[changed[0]].model_dump()
    keys = [k for k in a.keys() | b.keys() if a.get(k) != b.get(k)]
    if len(keys) == 1 and typing_like(a.get(keys[0]), b.get(keys[0])):
        return changed[0], keys[0]
    return None
