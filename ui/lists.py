"""List editors: names (主要完成人), records (成员情况) and files (附件), with add, remove, reorder
and paste from Excel."""
from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QListWidget, QListWidgetItem,
    QMessageBox, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from forms.attachments import adopt_file, owner_folder, resolve
from forms.os_errors import os_error_message
from importers.roster import rows_by_header
from ui.fields import BoundField

log = logging.getLogger(__name__)

_NAME_SPLIT = re.compile(r"[\t\r\n，,、;；]+")
_NAME_HEADERS = {"姓名", "名字", "主要完成人", "主要完成人姓名"}   # a header copied along is not a name


class PasteTable(QTableWidget):
    """A table that takes Ctrl+V of cells copied from Excel or Word (tabs and line breaks)."""

    def __init__(self, on_paste: Callable[[list[list[str]]], None], *args: Any) -> None:
        super().__init__(*args)
        self._on_paste = on_paste

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        if event.matches(QKeySequence.StandardKey.Paste):
            text = QGuiApplication.clipboard().text()
            rows = [line.split("\t") for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
            if rows:
                self._on_paste(rows)
                return
        super().keyPressEvent(event)


def _buttons(owner: QWidget, *specs: tuple[str, Callable[[], None]]) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    for text, slot in specs:
        button = QPushButton(text)
        button.clicked.connect(slot)
        row.addWidget(button)
    row.addStretch(1)
    return row


class TableField(BoundField):
    """Shared behaviour of the name list and the record table: rows, buttons, reorder."""

    columns: list[str] = []

    def build_editor(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = PasteTable(self._paste, 0, len(self.columns))
        self.table.setHorizontalHeaderLabels(self.columns)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(150)
        self.table.itemChanged.connect(lambda _item: self.commit())
        layout.addWidget(self.table)
        layout.addLayout(_buttons(box, ("添加一行", self.add_row), ("删除所选行", self.remove_rows),
                                  ("上移", lambda: self.move(-1)), ("下移", lambda: self.move(1))))
        return box

    def rows(self) -> list[list[str]]:
        return [[(self.table.item(r, c).text() if self.table.item(r, c) else "")
                 for c in range(self.table.columnCount())] for r in range(self.table.rowCount())]

    def set_rows(self, rows: list[list[str]]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c in range(self.table.columnCount()):
                self.table.setItem(r, c, QTableWidgetItem(values[c] if c < len(values) else ""))
        self.table.blockSignals(False)

    def add_row(self) -> None:
        row = self.table.currentRow() + 1 if self.table.currentRow() >= 0 else self.table.rowCount()
        rows = self.rows()
        rows.insert(row, [""] * self.table.columnCount())
        self.set_rows(rows)
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))
        self.commit()

    def remove_rows(self) -> None:
        chosen = sorted({i.row() for i in self.table.selectedIndexes()} or {self.table.currentRow()} - {-1})
        rows = [r for i, r in enumerate(self.rows()) if i not in chosen]
        self.set_rows(rows)
        self.commit()

    def move(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        rows = self.rows()
        if row < 0 or not 0 <= target < len(rows):
            return
        rows[row], rows[target] = rows[target], rows[row]
        self.set_rows(rows)
        self.table.setCurrentCell(target, self.table.currentColumn())
        self.commit()

    def _paste(self, pasted: list[list[str]]) -> None:
        start = max(self.table.currentRow(), 0)
        rows = self.rows()
        incoming = self.rows_from_paste(pasted)
        for offset, values in enumerate(incoming):
            index = start + offset
            if index < len(rows) and not any(cell.strip() for cell in rows[index]):
                rows[index] = values
            elif index < len(rows):
                rows.insert(index, values)
            else:
                rows.append(values)
        self.set_rows(rows)
        self.commit()

    def rows_from_paste(self, pasted: list[list[str]]) -> list[list[str]]:
        return [[cell.strip() for cell in row] for row in pasted]

    def focus_editor(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)


class NameListField(TableField):
    """主要完成人: one name per row, order kept."""

    columns = ["姓名（按顺序）"]

    def show_value(self, value: Any) -> None:
        self.set_rows([[name] for name in value or []])

    def read_value(self) -> tuple[bool, Any, str]:
        return True, [row[0].strip() for row in self.rows()], ""

    def rows_from_paste(self, pasted: list[list[str]]) -> list[list[str]]:
        # Names copied as one line ("张三，李四") or as a column both become one name per row.
        names = [n.strip() for row in pasted for cell in row for n in _NAME_SPLIT.split(cell)
                 if n.strip() and n.strip() not in _NAME_HEADERS]
        return [[n] for n in names]


class RecordTableField(TableField):
    """A list of small records (小组成员情况): one row each, a column per field."""

    def __init__(self, *args: Any, record: type[BaseModel], **kwargs: Any) -> None:
        self.record = record
        self.keys = [k for k in record.model_fields]
        self.columns = [record.model_fields[k].title or k for k in self.keys]
        super().__init__(*args, **kwargs)

    def show_value(self, value: Any) -> None:
        self.set_rows([["" if getattr(item, k) is None else str(getattr(item, k)) for k in self.keys]
                       for item in value or []])

    def rows_from_paste(self, pasted: list[list[str]]) -> list[list[str]]:
        # A block copied with its header row (姓名、学历、职务…) is matched by column name, in any order.
        by_header = rows_by_header(pasted, self.keys)
        return by_header if by_header is not None else super().rows_from_paste(pasted)

    def read_value(self) -> tuple[bool, Any, str]:
        records = []
        for number, row in enumerate(self.rows(), start=1):
            data = {k: (v.strip() or None) if k == "age" else v.strip() for k, v in zip(self.keys, row, strict=True)}
            try:
                records.append(self.record.model_validate(data))
            except ValidationError as exc:
                column = self.columns[self.keys.index(str(exc.errors()[0]["loc"][0]))]
                return False, None, f"第{number}行的“{column}”应为数字，请改正。"
        return True, records, ""


class FileListField(BoundField):
    """Files copied into the bundle (活动记录, 证书). Paths are kept relative to the project file."""

    def __init__(self, *args: Any, base_dir: Callable[[], Path | None],
                 project_file: Callable[[], Path | None] = lambda: None, **kwargs: Any) -> None:
        self._base_dir = base_dir
        self._project_file = project_file
        super().__init__(*args, **kwargs)

    def build_editor(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setMinimumHeight(80)
        self.list.itemDoubleClicked.connect(lambda _item: self.open_selected())
        layout.addWidget(self.list)
        layout.addLayout(_buttons(box, ("添加文件…", self.add_files), ("移除所选", self.remove_selected),
                                  ("打开", self.open_selected)))
        return box

    def show_value(self, value: Any) -> None:
        self.list.clear()
        for name in value or []:
            item = QListWidgetItem(name)
            resolved = self._resolve(name)
            if resolved is None or not resolved.is_file():
                item.setForeground(Qt.GlobalColor.red)
                item.setToolTip("找不到这个文件")
            self.list.addItem(item)

    def read_value(self) -> tuple[bool, Any, str]:
        return True, [self.list.item(i).text() for i in range(self.list.count())], ""

    def _resolve(self, name: str) -> Path | None:
        return resolve(name, self._base_dir())

    def _relative(self, chosen: str) -> str:
        """Inside the project's folder a path is stored relative, so the folder can be moved whole."""
        base = self._base_dir()
        if base is None:
            return chosen
        try:
            relative = os.path.relpath(chosen, base)
        except ValueError:   # another drive on Windows
            return chosen
        return chosen if relative.startswith("..") else Path(relative).as_posix()

    def _store(self, chosen: str) -> str:
        """A saved project keeps its files: one picked outside its folder is copied into <项目名>_附件/."""
        project_file = self._project_file()
        if project_file is None:
            return self._relative(chosen)   # copied in when the project is first saved
        try:
            return adopt_file(chosen, project_file, owner_folder(self.path[:2], self.model))[0]
        except OSError as exc:
            log.warning("cannot copy %s into the project folder", chosen, exc_info=True)
            QMessageBox.warning(self, "无法复制附件", os_error_message(exc, "复制", Path(chosen).name)
                                + "\n\n已按原位置添加，可稍后用“文件 → 整理附件”再复制。")
            return chosen

    def add_files(self) -> None:
        start = str(self._base_dir() or Path.home())
        chosen, _ = QFileDialog.getOpenFileNames(self, f"添加{self.caption_text}", start,
                                                 "常用文件 (*.pdf *.doc *.docx *.xls *.xlsx *.jpg *.png);;所有文件 (*)")
        if chosen:
            self.add_paths(chosen)

    def add_paths(self, paths: list[str]) -> None:
        names = self.read_value()[1] + [self._store(p) for p in paths]
        setattr(self.model, self.key, names)
        self.reload()
        self.commit()

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.commit()

    def open_selected(self) -> None:
        item = self.list.currentItem()
        path = self._resolve(item.text()) if item else None
        if path is not None and path.is_file():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def focus_editor(self) -> None:
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
