"""The small editable grid of a block (表格, 要因确认表, chart data): rows of text cells, Ctrl+V of a
range copied from Excel, Ctrl+C of a range, Delete clears cells, add/remove/move rows.

Pasting never overwrites what is typed: pasted rows fill blank rows or are inserted (as the name
and member lists do, ``ui.lists``).
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import shiboken6

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHeaderView, QLineEdit, QPushButton,
    QStyledItemDelegate, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from ui.fields import parse_date
from ui.flow_layout import FlowLayout

ERROR_FILL = QColor("#fde2e4")
WARNING_FILL = QColor("#fff1d6")
MAX_VISIBLE_ROWS = 12


def table_from_clipboard(text: str) -> list[list[str]]:
    """Rows of cells from text copied out of Excel or Word: tabs between cells, a line per row;
    Excel quotes a cell holding a line break. Blank rows are dropped; cells are trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if '"' in text:
        rows = list(csv.reader(io.StringIO(text), dialect="excel-tab"))
    else:
        rows = [line.split("\t") for line in text.split("\n")]
    rows = [[cell.strip() for cell in row] for row in rows]
    return [row for row in rows if any(row)]


def looks_like_range(text: str) -> bool:
    """A range of at least two columns copied from a spreadsheet (every row has a tab)."""
    lines = [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    return bool(lines) and all("\t" in line for line in lines)


class GridTable(QTableWidget):
    """The table widget: spreadsheet keys (paste, copy, delete)."""

    def __init__(self, grid: DataGrid) -> None:
        super().__init__(0, 0, grid)
        self._grid = grid

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if event.matches(QKeySequence.StandardKey.Paste):
            if table_from_clipboard(QGuiApplication.clipboard().text()):
                self._grid.paste_clipboard()
                event.accept()
            else:
                event.ignore()    # a picture: the step takes it
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self._grid.copy_selection()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != \
                QAbstractItemView.State.EditingState:
            self._grid.clear_selection()
            event.accept()
            return
        super().keyPressEvent(event)


class LiveDelegate(QStyledItemDelegate):
    """Text and number cells hand over what is typed once typing pauses, before Enter: the chart
    preview and the totals follow the typing."""

    PAUSE_MS = 250

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pending: QLineEdit | None = None
        self._timer = QTimer(self, singleShot=True, interval=self.PAUSE_MS)
        self._timer.timeout.connect(self._hand_over)

    def createEditor(self, parent: QWidget, option: Any, index: QModelIndex) -> QWidget:  # noqa: N802
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(lambda _text, e=editor: self._typed(e))
        return editor

    def _typed(self, editor: QLineEdit) -> None:
        self._pending = editor
        self._timer.start()

    def _hand_over(self) -> None:
        editor, self._pending = self._pending, None
        if editor is not None and shiboken6.isValid(editor):
            self.commitData.emit(editor)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        # The cell was just written from this very editor: leave the cursor where it is.
        if isinstance(editor, QLineEdit) and editor.text() == (index.data() or ""):
            return
        if keeps_typing(editor):
            return
        super().setEditorData(editor, index)

    def destroyEditor(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        if editor is self._pending:
            self._timer.stop()
            self._pending = None
        super().destroyEditor(editor, index)


def keeps_typing(editor: QWidget) -> bool:
    """The user has typed in this open cell editor: a refresh of the cell (the live check colouring
    it, a tooltip) must not put the stored text back over the keys typed since."""
    return isinstance(editor, QLineEdit) and editor.isModified()


class ChoiceDelegate(QStyledItemDelegate):
    """A cell chosen from a few values (是否要因: 是/否)."""

    def __init__(self, choices: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option: Any, index: QModelIndex) -> QWidget:  # noqa: N802
        combo = QComboBox(parent)
        combo.addItems(["", *self.choices])
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        text = index.data() or ""
        position = editor.findText(text)
        if position < 0:
            editor.addItem(text)
            position = editor.count() - 1
        editor.setCurrentIndex(position)

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:  # noqa: N802
        model.setData(index, editor.currentText())


class DateDelegate(QStyledItemDelegate):
    """A date cell: typed in any common way (``ui.fields.parse_date``), stored as 2024-04-10."""

    def createEditor(self, parent: QWidget, option: Any, index: QModelIndex) -> QWidget:  # noqa: N802
        edit = QLineEdit(parent)
        edit.setPlaceholderText("如 2024-04-10")
        return edit

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        if not keeps_typing(editor):
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:  # noqa: N802
        text = editor.text().strip()
        try:
            date = parse_date(text)
            text = date.isoformat() if date else ""
        except ValueError:
            pass          # kept as typed; the block says what is wrong
        model.setData(index, text)


class DataGrid(QWidget):
    """Rows of text cells under fixed column titles, or (``header_row``) a free table whose first
    row holds the column titles and whose columns can be added and removed."""

    changed = Signal()

    def __init__(self, columns: list[str], *, header_row: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header_row = header_row
        self._delegates: list[QStyledItemDelegate] = []
        self._marks: set[tuple[int, int]] = set()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        self.table = GridTable(self)
        self.table.setColumnCount(len(columns))
        self.table.setWordWrap(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(48)
        if header_row:
            header.hide()
        else:
            self.table.setHorizontalHeaderLabels(columns)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self._live = LiveDelegate(self.table)
        self.table.setItemDelegate(self._live)
        self.table.itemChanged.connect(self._item_changed)
        # Rows are as tall as their wrapped text, which is known once the columns have their width.
        self._resize_rows = QTimer(self, singleShot=True, interval=0)
        self._resize_rows.timeout.connect(self._fit_rows)
        header.sectionResized.connect(lambda *_: self._resize_rows.start())
        layout.addWidget(self.table)
        self._context_menu()
        self.button_row = FlowLayout(spacing=4)   # wraps in a narrow window
        specs: list[tuple[str, Callable[[], None]]] = [
            ("添加一行", self.add_row), ("删除所选行", self.remove_rows),
            ("上移", lambda: self.move_row(-1)), ("下移", lambda: self.move_row(1))]
        if header_row:
            specs += [("添加一列", self.add_column), ("删除所选列", self.remove_columns)]
        self.buttons: dict[str, QPushButton] = {}
        for text, slot in specs:
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            self.button_row.addWidget(button)
            self.buttons[text] = button
        layout.addLayout(self.button_row)
        self._fit_height()

    def _context_menu(self) -> None:
        """Right-click offers what the keys and buttons do, for users who look for it there."""
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for text, slot in (("粘贴 Excel 区域\tCtrl+V", self.paste_clipboard), ("复制\tCtrl+C", self.copy_selection),
                           ("清除内容\tDelete", self.clear_selection), ("插入一行", self.add_row),
                           ("删除所选行", self.remove_rows)):
            action = QAction(text, self.table)
            action.triggered.connect(slot)
            self.table.addAction(action)

    def paste_clipboard(self) -> None:
        rows = table_from_clipboard(QGuiApplication.clipboard().text())
        if rows:
            self.paste(rows)

    # ---- content -------------------------------------------------------------------------------
    def rows(self) -> list[list[str]]:
        table = self.table
        return [[(table.item(r, c).text() if table.item(r, c) else "") for c in range(table.columnCount())]
                for r in range(table.rowCount())]

    def set_rows(self, rows: list[list[str]], columns: int | None = None) -> None:
        table = self.table
        table.blockSignals(True)
        if columns is not None:
            table.setColumnCount(columns)
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c in range(table.columnCount()):
                table.setItem(r, c, QTableWidgetItem(values[c] if c < len(values) else ""))
        self._marks = set()
        self._ensure_spare_row()
        self._decorate()
        table.blockSignals(False)
        self._fit_rows()

    def _ensure_spare_row(self) -> None:
        """A blank row is always ready at the bottom to type into (it is not data until filled)."""
        table = self.table
        last = table.rowCount() - 1
        if last >= 0 and not any((table.item(last, c).text() if table.item(last, c) else "").strip()
                                 for c in range(table.columnCount())):
            return
        table.insertRow(last + 1)
        for c in range(table.columnCount()):
            table.setItem(last + 1, c, QTableWidgetItem(""))

    def data_row_count(self) -> int:
        """Rows up to the last one holding anything (the spare row and blank rows after excluded)."""
        rows = self.rows()
        while rows and not any(cell.strip() for cell in rows[-1]):
            rows.pop()
        return len(rows)

    def _fit_rows(self) -> None:
        table = self.table
        default = table.verticalHeader().defaultSectionSize()
        for row in range(table.rowCount()):
            table.setRowHeight(row, max(default, table.sizeHintForRow(row)))
        self._fit_height()

    def set_cell(self, row: int, column: int, text: str) -> None:
        """Show ``text`` in a cell without reporting it as an edit."""
        item = self.table.item(row, column)
        if item is not None:
            self.table.blockSignals(True)
            item.setText(text)
            self.table.blockSignals(False)

    def set_delegate(self, column: int, delegate: QStyledItemDelegate) -> None:
        delegate.setParent(self.table)
        self._delegates.append(delegate)
        self.table.setItemDelegateForColumn(column, delegate)

    def _decorate(self) -> None:
        """Rows numbered, the spare row marked ＋; the free table's first row is its header (bold)."""
        count = self.table.rowCount()
        first = 1 if self.header_row else 0
        labels = (["表头"] if self.header_row else []) + [str(n) for n in range(1, count - first + 1)]
        if count > first and self.data_row_count() < count:
            labels[-1] = "＋"
        self.table.setVerticalHeaderLabels(labels)
        if not self.header_row:
            return
        bold = QFont(self.table.font())
        bold.setBold(True)
        for c in range(self.table.columnCount()):
            item = self.table.item(0, c) if self.table.rowCount() else None
            if item is not None:
                item.setFont(bold)

    def _fit_height(self) -> None:
        # The grid lives in the step's scrolling page: show its rows instead of a second scroll bar.
        table = self.table
        rows = min(max(table.rowCount(), 3), MAX_VISIBLE_ROWS)
        heights = [table.rowHeight(r) for r in range(min(table.rowCount(), rows))]
        heights += [table.verticalHeader().defaultSectionSize()] * (rows - len(heights))
        header = table.horizontalHeader().sizeHint().height() if not self.header_row else 0
        table.setFixedHeight(sum(heights) + header + 2 * table.frameWidth() + 2)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        self.table.blockSignals(True)
        self._clear_mark(item.row(), item.column())
        self._ensure_spare_row()
        self._decorate()
        self.table.blockSignals(False)
        self._fit_rows()
        self.changed.emit()

    def _structure_changed(self, current: tuple[int, int] | None = None) -> None:
        if current is not None:
            self.table.setCurrentCell(*current)
        self.changed.emit()

    # ---- rows and columns ------------------------------------------------------------------------
    def add_row(self) -> None:
        rows = self.rows()
        current = self.table.currentRow()
        at = current + 1 if 0 <= current < self.data_row_count() else self.data_row_count()
        rows.insert(at, [""] * self.table.columnCount())
        self.set_rows(rows)
        self._structure_changed((at, 0))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def selected_rows(self) -> list[int]:
        chosen = {i.row() for i in self.table.selectedIndexes()}
        if not chosen and self.table.currentRow() >= 0:
            chosen = {self.table.currentRow()}
        return sorted(chosen)

    def remove_rows(self) -> None:
        chosen = self.selected_rows()
        if not chosen:
            return
        rows = [r for i, r in enumerate(self.rows()) if i not in chosen]
        self.set_rows(rows)
        self._structure_changed((min(chosen[0], len(rows) - 1), 0) if rows else None)

    def move_row(self, step: int) -> None:
        row, column = self.table.currentRow(), max(self.table.currentColumn(), 0)
        rows = self.rows()
        target = row + step
        if row < 0 or not 0 <= target < self.data_row_count() or row >= self.data_row_count():
            return          # the spare row stays last
        rows[row], rows[target] = rows[target], rows[row]
        self.set_rows(rows)
        self._structure_changed((target, column))

    def add_column(self) -> None:
        at = self.table.currentColumn() + 1 if self.table.currentColumn() >= 0 else self.table.columnCount()
        rows = [r[:at] + [""] + r[at:] for r in self.rows()] or [[""] * (self.table.columnCount() + 1)]
        self.set_rows(rows, columns=self.table.columnCount() + 1)
        self._structure_changed((0, at))

    def remove_columns(self) -> None:
        chosen = {i.column() for i in self.table.selectedIndexes()} or \
            ({self.table.currentColumn()} - {-1})
        if not chosen:
            return
        rows = [[v for c, v in enumerate(r) if c not in chosen] for r in self.rows()]
        self.set_rows(rows, columns=self.table.columnCount() - len(chosen))
        self._structure_changed()

    # ---- clipboard -------------------------------------------------------------------------------
    def paste(self, pasted: list[list[str]]) -> None:
        """Put ``pasted`` at the current cell: blank rows are filled, other rows pushed down."""
        table = self.table
        width = max(len(r) for r in pasted)
        column = max(table.currentColumn(), 0)
        if not self.header_row:
            pasted = self.without_header(pasted)
            column = min(column, max(table.columnCount() - 1, 0))
        columns = table.columnCount()
        if self.header_row and column + width > columns:
            columns = column + width       # a free table grows to hold what is pasted
        rows = [r + [""] * (columns - len(r)) for r in self.rows()]
        filled = self.data_row_count()
        start = table.currentRow() if 0 <= table.currentRow() < filled else filled
        if self.header_row and not any(any(r) for r in rows):
            rows, start, column = [], 0, 0   # an empty free table takes the range whole
        for offset, values in enumerate(pasted):
            index = start + offset
            span = range(column, min(column + len(values), columns))
            if index >= len(rows) or any(rows[index][c].strip() for c in span):
                rows.insert(index, [""] * columns)
            for c, value in zip(span, values):
                rows[index][c] = value
        self.set_rows(rows, columns=columns)
        self._structure_changed((start, column))

    def without_header(self, pasted: list[list[str]]) -> list[list[str]]:
        """A range copied with its title row: the titles are already the grid's own."""
        titles = [self.table.horizontalHeaderItem(c).text() for c in range(self.table.columnCount())]
        first = [cell.replace(" ", "") for cell in pasted[0]]
        same = sum(1 for cell in first if cell and any(cell in t or t.startswith(cell) for t in titles))
        return pasted[1:] if len(pasted) > 1 and same >= max(1, (len([c for c in first if c]) + 1) // 2) \
            else pasted

    def copy_selection(self) -> None:
        indexes = self.table.selectedIndexes()
        if not indexes:
            return
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        values = self.rows()
        text = "\n".join("\t".join(values[r][c] for c in columns) for r in rows)
        QGuiApplication.clipboard().setText(text)

    def clear_selection(self) -> None:
        indexes = self.table.selectedIndexes()
        if not indexes:
            return
        self.table.blockSignals(True)
        for index in indexes:
            item = self.table.item(index.row(), index.column())
            if item is not None:
                item.setText("")
        self.table.blockSignals(False)
        self.changed.emit()

    # ---- marks -----------------------------------------------------------------------------------
    def mark_cells(self, marks: dict[tuple[int, int], tuple[bool, str]]) -> None:
        """Colour cells with a problem (red for errors, amber for warnings) and tell it on hover."""
        table = self.table
        table.blockSignals(True)
        for row, column in self._marks - set(marks):
            self._clear_mark(row, column)
        for (row, column), (is_error, text) in marks.items():
            item = table.item(row, column)
            if item is None:
                continue
            item.setBackground(QBrush(ERROR_FILL if is_error else WARNING_FILL))
            item.setToolTip(text)
        self._marks = {k for k in marks if table.item(*k) is not None}
        table.blockSignals(False)

    def _clear_mark(self, row: int, column: int) -> None:
        item = self.table.item(row, column)
        if item is not None and (row, column) in self._marks:
            item.setBackground(QBrush())
            item.setToolTip("")
        self._marks.discard((row, column))

    def focus_cell(self, row: int, column: int) -> None:
        if 0 <= row < self.table.rowCount():
            self.table.setCurrentCell(row, max(0, min(column, self.table.columnCount() - 1)))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
