"""The blocks of one report step, in order: add (a menu of every kind), reorder, delete; paste a
range from Excel as a table, paste or drop pictures as image blocks.

Editors stay alive while blocks are added, moved or deleted, so nothing typed (not even a number
not yet readable) is lost; the block models are changed in place in ``Section.blocks``.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path as FsPath

from pydantic import BaseModel
from PySide6.QtCore import QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QMenu, QMessageBox, QScrollArea, QToolButton, QVBoxLayout, QWidget,
)

from forms.blocks import BLOCK_LABELS, TableBlock, new_block
from forms.locations import Path
from forms.report_common import Section, section_of
from forms.rules import Finding
from ui.blocks.bar import BarEditor
from ui.blocks.base import BlockContext, BlockEditor
from ui.blocks.benefit import BenefitEditor
from ui.blocks.cause_check import CauseCheckEditor
from ui.blocks.countermeasures import CountermeasuresEditor
from ui.blocks.fishbone import FishboneEditor
from ui.blocks.grid import looks_like_range, table_from_clipboard
from ui.blocks.image import ImageEditor
from ui.blocks.line import LineEditor
from ui.blocks.pareto import ParetoEditor
from ui.blocks.pictures import (
    PictureError, copy_into_project, is_picture, project_file_for_pictures, save_image,
)
from ui.blocks.plan import PlanEditor
from ui.blocks.table import TableEditor
from ui.blocks.text import TextEditor
from ui.blocks.unknown import UnknownEditor

log = logging.getLogger(__name__)

EDITORS: dict[str, type[BlockEditor]] = {
    "text": TextEditor, "table": TableEditor, "pareto": ParetoEditor, "bar": BarEditor,
    "line": LineEditor, "fishbone": FishboneEditor, "cause_check": CauseCheckEditor,
    "countermeasures": CountermeasuresEditor, "plan": PlanEditor, "benefit": BenefitEditor,
    "image": ImageEditor,
}
"""The editor of each block kind; a kind not listed (an unknown type) is shown, not edited."""


def picture_files(mime: QMimeData) -> list[FsPath]:
    return [FsPath(u.toLocalFile()) for u in mime.urls() if u.isLocalFile() and is_picture(u.toLocalFile())]


def can_take(mime: QMimeData) -> bool:
    """Picture files, a spreadsheet range or a picture alone: what the step turns into blocks."""
    text = mime.text() if mime.hasText() else ""
    return bool(picture_files(mime)) or looks_like_range(text) or (mime.hasImage() and not text.strip())


class BlockList(QWidget):
    """The blocks of the step ``step`` of ``sections()`` (the section is made on the first block)."""

    changed = Signal()

    def __init__(self, sections: Callable[[], list[Section]], step: str, path: Path,
                 context: BlockContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sections = sections
        self.step = step
        self.path = tuple(path)          # (…, "sections")
        self.context = context
        self.editors: list[BlockEditor] = []
        self.findings: list[Finding] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        bar = QHBoxLayout()
        self.add_button = QToolButton()
        self.add_button.setObjectName("add-block")
        self.add_button.setText("＋ 添加图表、表格或图片")
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.add_menu = QMenu(self.add_button)
        for kind, label in BLOCK_LABELS.items():
            action = self.add_menu.addAction(label)
            action.setObjectName(f"add:{kind}")
            action.triggered.connect(lambda _checked=False, k=kind: self.add(k))
        self.add_button.setMenu(self.add_menu)
        bar.addWidget(self.add_button)
        self.tip = QLabel("也可以在本页按 Ctrl+V 粘贴 Excel 表格或图片，或把图片文件拖到这里。")
        self.tip.setStyleSheet("color: #666;")
        self.tip.setWordWrap(True)
        bar.addWidget(self.tip, 1)
        layout.addLayout(bar)
        self.column = QVBoxLayout()
        self.column.setSpacing(8)
        layout.addLayout(self.column)
        self.rebuild()

    # ---- the model -------------------------------------------------------------------------------
    def section(self, create: bool = False) -> Section | None:
        sections = self._sections()
        found = section_of(sections, self.step)
        if found is None and create:
            found = Section(step=self.step)
            sections.append(found)
        return found

    def blocks(self) -> list[BaseModel]:
        section = self.section()
        return section.blocks if section is not None else []

    def in_sync(self) -> bool:
        """The editors show the blocks now in the model (the same objects, in order)."""
        return [id(b) for b in self.blocks()] == [id(e.block) for e in self.editors]

    def rebuild(self) -> None:
        for editor in self.editors:
            self.column.removeWidget(editor)
            editor.deleteLater()
        self.editors = []
        for block in self.blocks():
            self._insert_editor(block, len(self.editors))
        self._update_buttons()

    def _insert_editor(self, block: BaseModel, at: int) -> BlockEditor:
        kind = getattr(block, "type", "")
        editor = EDITORS.get(kind, UnknownEditor)(block, self.context, self.step)
        editor.changed.connect(self._edited)
        editor.move_requested.connect(lambda step, e=editor: self.move(e, step))
        editor.delete_requested.connect(lambda e=editor: self.delete(e))
        self.editors.insert(at, editor)
        self.column.insertWidget(at, editor)
        return editor

    def _edited(self) -> None:
        self.changed.emit()

    # ---- add, move, delete -----------------------------------------------------------------------
    def add(self, kind: str) -> BlockEditor:
        editor = self.add_block(new_block(kind))
        editor.title.setFocus(Qt.FocusReason.OtherFocusReason)
        return editor

    def add_block(self, block: BaseModel, at: int | None = None) -> BlockEditor:
        section = self.section(create=True)
        assert section is not None
        at = len(section.blocks) if at is None else at
        section.blocks.insert(at, block)
        editor = self._insert_editor(block, at)
        self._update_buttons()
        self._after_structure_change()
        self.scroll_to(editor)
        return editor

    def move(self, editor: BlockEditor, step: int) -> None:
        index = self.editors.index(editor)
        target = index + step
        blocks = self.blocks()
        if not 0 <= target < len(self.editors):
            return
        blocks[index], blocks[target] = blocks[target], blocks[index]
        self.editors[index], self.editors[target] = self.editors[target], self.editors[index]
        self.column.removeWidget(editor)
        self.column.insertWidget(target, editor)
        self._update_buttons()
        self._after_structure_change()
        editor.buttons["up" if step < 0 else "down"].setFocus()
        self.scroll_to(editor)

    def delete(self, editor: BlockEditor) -> None:
        if not editor.is_empty():
            name = editor.kind_label + (f"“{editor.block.title}”" if editor.block.title else "")
            answer = QMessageBox.question(self, "删除", f"确定删除{name}吗？其中填写的内容将一并删除。")
            if answer != QMessageBox.StandardButton.Yes:
                return
        index = self.editors.index(editor)
        del self.blocks()[index]
        del self.editors[index]
        self.column.removeWidget(editor)
        editor.deleteLater()
        self._update_buttons()
        self._after_structure_change()

    def _update_buttons(self) -> None:
        for index, editor in enumerate(self.editors):
            editor.buttons["up"].setEnabled(index > 0)
            editor.buttons["down"].setEnabled(index < len(self.editors) - 1)

    def _after_structure_change(self) -> None:
        # Findings are addressed by position: until the rules run again, re-address the old ones.
        self.set_findings([])
        self.changed.emit()

    # ---- clipboard and drops ---------------------------------------------------------------------
    def take_mime(self, mime: QMimeData) -> bool:
        """Turn a pasted or dropped picture, picture files or an Excel range into blocks.

        Excel also offers a picture of a copied range, and Word one of copied text: text wins.
        """
        files = picture_files(mime)
        if files:
            self.add_pictures(files)
            return True
        text = mime.text() if mime.hasText() else ""
        if looks_like_range(text):
            rows = table_from_clipboard(text)
            if rows:
                self.add_table(rows)
                return True
        if mime.hasImage() and not text.strip():
            image = mime.imageData()
            if isinstance(image, QImage) and not image.isNull():
                self.add_pasted_image(image)
                return True
        return False

    def add_table(self, rows: list[list[str]]) -> BlockEditor:
        """A range pasted on the step: its first row is the header."""
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        editor = self.add_block(TableBlock(columns=rows[0], rows=rows[1:]))
        self.tip.setText(f"已把粘贴的 {len(rows)} 行 × {width} 列作为表格添加（第一行为表头）。")
        return editor

    def add_pictures(self, files: list[FsPath]) -> None:
        project_file = project_file_for_pictures(self, self.context)
        if project_file is None:
            return
        for source in files:
            try:
                relative = copy_into_project(source, project_file, self.context.pictures_folder())
            except PictureError as exc:
                QMessageBox.warning(self, "无法插入图片", str(exc))
                continue
            self._add_image(relative, source.stem)

    def add_pasted_image(self, image: QImage) -> None:
        project_file = project_file_for_pictures(self, self.context)
        if project_file is None:
            return
        try:
            relative = save_image(image, project_file, folder=self.context.pictures_folder())
        except PictureError as exc:
            QMessageBox.warning(self, "无法插入图片", str(exc))
            return
        self._add_image(relative, "")

    def _add_image(self, relative: str, title: str) -> None:
        block = new_block("image")
        block.path = relative
        block.title = title
        self.add_block(block)
        self.tip.setText(f"已插入图片：{relative}")

    # ---- findings, focus, goal -------------------------------------------------------------------
    def block_path(self, index: int) -> Path:
        return (*self.path, self.step, "blocks", index)

    def set_findings(self, findings: list[Finding]) -> None:
        self.findings = findings
        for index, editor in enumerate(self.editors):
            at = self.block_path(index)
            editor.set_findings([f for f in findings if tuple(f.path[:len(at)]) == at], at)

    def focus_block(self, index: int, rest: Path) -> None:
        if not 0 <= index < len(self.editors):
            return
        editor = self.editors[index]
        editor.focus_path(rest)
        self.scroll_to(editor, whole=False)

    def scroll_to(self, editor: BlockEditor, *, whole: bool = True) -> None:
        """Bring the card into sight (``whole``), then its focused field; without ``whole`` only
        the field, so a field already in sight (after undo) leaves the page where it is."""
        # The page lays the new card out first; then its scroll area can show it.
        def show() -> None:
            parent = self.parentWidget()
            while parent is not None and not isinstance(parent, QScrollArea):
                parent = parent.parentWidget()
            if isinstance(parent, QScrollArea) and editor in self.editors:
                focused = editor.focusWidget()
                inside = focused is not None and editor.isAncestorOf(focused)
                if whole or not inside:
                    parent.ensureWidgetVisible(editor, 20, 20)
                if inside:
                    parent.ensureWidgetVisible(focused, 20, 40)
        QTimer.singleShot(0, self, show)

    def goal_changed(self) -> None:
        for editor in self.editors:
            editor.after_goal_change()
