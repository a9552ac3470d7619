"""Editors bound to one model field each: label, editor and the field's own messages beneath it.

An editor writes to its model on every edit (pydantic validates the assignment) and emits
``changed``; the main window then re-runs the rules and hands each editor the findings at its path.
Rules live in ``forms.rules``; editors never restate them, they only parse what was typed.
"""
from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import QDate, QEvent, QRegularExpression, QSize, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget, QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QMenu, QPlainTextEdit,
    QToolButton, QVBoxLayout, QWidget, QWidgetAction,
)

from forms.locations import Path
from forms.rules import Finding
from forms.text import count_chars
from ui.document import typing_like

ERROR_COLOR = "#b00020"
WARNING_COLOR = "#9a5b00"


class MessageLabel(QLabel):
    """The messages of one field, shown under it: red for errors, brown for warnings."""

    def __init__(self, parent: QWidget | None = None, *, reserve: bool = False) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.reserve = reserve   # one line kept free: a message appearing does not push the next field down
        if not reserve:
            self.hide()

    def _one_line(self) -> int:
        probe = QLabel("✖ 字")   # the glyphs a message starts with, in this label's font
        probe.setFont(self.font())
        return probe.sizeHint().height()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().sizeHint()
        if self.reserve:
            hint.setHeight(max(hint.height(), self._one_line()))
        return hint

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().minimumSizeHint()
        if self.reserve:
            hint.setHeight(max(hint.height(), self._one_line()))
        return hint

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt name)
        height = super().heightForWidth(width)
        return max(height, self._one_line()) if self.reserve else height

    def show_messages(self, errors: list[str], warnings: list[str]) -> None:
        if not errors and not warnings:
            self.clear()
            self.setVisible(self.reserve)
            return
        color = ERROR_COLOR if errors else WARNING_COLOR
        self.setStyleSheet(f"color: {color};")
        self.setText("\n".join([f"✖ {m}" for m in errors] + [f"⚠ {m}" for m in warnings]))
        self.show()


class BoundField(QWidget):
    """Base of every field editor: caption, the editor widget, messages."""

    changed = Signal()
    recorder: Callable[..., bool] | None = None   # set by the page: turns each change into an undo step
    doing: str | None = None                       # names the undo step of a button's change
    touched_at = Signal(tuple)   # the field was edited or left: its messages show from now on

    def __init__(self, model: BaseModel, key: str, path: Path, *, label: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.touched = False
        self.model = model
        self.key = key
        self.path = tuple(path)
        info = type(model).model_fields[key]
        self.caption_text = label or info.title or key
        self.help_text = info.description or ""
        self.findings: list[Finding] = []
        self.local_problem: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(2)
        self.caption = QLabel(self.caption_text)
        self.caption.setWordWrap(True)
        if self.help_text:
            self.caption.setToolTip(self.help_text)
        layout.addWidget(self.caption)
        self.editor = self.build_editor()
        self.editor.setObjectName(f"field:{key}")
        if self.help_text:
            self.editor.setToolTip(self.help_text)
        layout.addWidget(self.editor)
        self.messages = MessageLabel(reserve=True)
        layout.addWidget(self.messages)
        self._loading = False
        self.reload()
        for widget in (self.editor, *self.editor.findChildren(QWidget)):
            widget.installEventFilter(self)   # leaving the field counts as touching it

    def eventFilter(self, watched: Any, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.FocusOut and not self.touched:
            self.touch()
        return False

    def touch(self) -> None:
        """Show this field's messages from now on (after an edit, leaving it, or 全部检查)."""
        if not self.touched:
            self.touched = True
            self.touched_at.emit(self.path)
            self.refresh_messages()

    # Subclasses provide these three.
    def build_editor(self) -> QWidget:
        raise NotImplementedError

    def show_value(self, value: Any) -> None:
        raise NotImplementedError

    def read_value(self) -> tuple[bool, Any, str]:
        """(ok, value, problem) from what is in the editor."""
        raise NotImplementedError

    @property
    def value(self) -> Any:
        return getattr(self.model, self.key)

    def reload(self) -> None:
        self._loading = True
        try:
            self.show_value(self.value)
        finally:
            self._loading = False

    def commit(self) -> None:
        if self._loading:
            return
        ok, value, problem = self.read_value()
        changed = False
        if not ok:
            self.local_problem = problem
        else:
            old = copy.deepcopy(self.value)
            try:
                setattr(self.model, self.key, value)
                self.local_problem = None
                changed = self._recorded(old)
            except ValidationError:
                self.local_problem = "这个值无法识别，请检查格式。"
        self.touch()
        self.refresh_messages()
        if changed:
            self.changed.emit()

    @property
    def undo_name(self) -> str:
        """The caption as an undo step names it: 主要完成人, without （不超过10人）."""
        return re.sub(r"（[^（）]*）$", "", self.caption_text) or self.caption_text

    def commit_as(self, label: str) -> None:
        """Commit a change made by a button (paste, delete rows) as an undo step named ``label``."""
        self.doing = label
        try:
            self.commit()
        finally:
            self.doing = None

    def _recorded(self, old: Any) -> bool:
        """Make the change from ``old`` an undo step (typing merges); False when nothing changed."""
        if self.recorder is None:
            return old != self.value
        label = self.doing or f"修改“{self.undo_name}”"
        return self.recorder(self.path, old, label, merge=self.doing is None and typing_like(old, self.value))

    def set_findings(self, findings: list[Finding]) -> None:
        self.findings = findings
        self.refresh_messages()

    def refresh_messages(self) -> None:
        # At the field itself the label is already on screen; below it (a list item) say which.
        def text(f: Finding) -> str:
            return f.detail if f.path == self.path else f.message

        shown = self.findings if self.touched else []
        errors = [text(f) for f in shown if f.is_error]
        warnings = [text(f) for f in shown if not f.is_error]
        if self.local_problem:
            errors.insert(0, self.local_problem)
        self.messages.show_messages(errors, warnings)
        self.editor.setProperty("problem", "error" if errors else ("warning" if warnings else ""))
        self.editor.style().unpolish(self.editor)
        self.editor.style().polish(self.editor)

    def focus_editor(self) -> None:
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)


class TextField(BoundField):
    """One line of text."""

    def build_editor(self) -> QWidget:
        edit = QLineEdit()
        edit.setClearButtonEnabled(True)
        edit.textEdited.connect(lambda _text: self.commit())
        return edit

    def show_value(self, value: Any) -> None:
        self.editor.setText(value or "")

    def read_value(self) -> tuple[bool, Any, str]:
        return True, self.editor.text(), ""


class LongTextField(BoundField):
    """Several lines of text (简介, 经历描述, 步骤内容), with a live character count."""

    def __init__(self, *args: Any, min_height: int = 110, limit: int | None = None, **kwargs: Any) -> None:
        self._min_height = min_height
        self._limit = limit
        super().__init__(*args, **kwargs)
        self.layout().insertWidget(2, self.counter)

    def build_editor(self) -> QWidget:
        edit = QPlainTextEdit()
        edit.setMinimumHeight(self._min_height)
        edit.setMaximumHeight(max(2 * self._min_height, 200))   # long texts scroll, pages stay compact
        edit.setTabChangesFocus(True)
        edit.textChanged.connect(self.commit)
        self.counter = QLabel()
        self.counter.setStyleSheet("color: #666;")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        return edit

    def show_value(self, value: Any) -> None:
        self.editor.setPlainText(value or "")
        self._count()

    def read_value(self) -> tuple[bool, Any, str]:
        self._count()
        return True, self.editor.toPlainText(), ""

    def _count(self) -> None:
        n = count_chars(self.editor.toPlainText())
        self.counter.setText(f"{n} 字" + (f" / {self._limit}" if self._limit else ""))


class IntegerField(BoundField):
    def build_editor(self) -> QWidget:
        edit = QLineEdit()
        edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"-?\d{0,9}")))
        edit.setMaximumWidth(160)
        edit.textEdited.connect(lambda _text: self.commit())
        return edit

    def show_value(self, value: Any) -> None:
        self.editor.setText("" if value is None else str(value))

    def read_value(self) -> tuple[bool, Any, str]:
        text = self.editor.text().strip()
        if text in ("", "-"):
            return True, None, ""
        return True, int(text), ""


class DecimalField(BoundField):
    def build_editor(self) -> QWidget:
        edit = QLineEdit()
        edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"-?\d{0,12}(\.\d{0,6})?")))
        edit.setMaximumWidth(200)
        edit.textEdited.connect(lambda _text: self.commit())
        return edit

    def show_value(self, value: Any) -> None:
        self.editor.setText("" if value is None else format(value, "f"))

    def read_value(self) -> tuple[bool, Any, str]:
        text = self.editor.text().strip().rstrip(".")
        if text in ("", "-"):
            return True, None, ""
        try:
            return True, Decimal(text), ""
        except InvalidOperation:
            return False, None, "请填写数字，如 12.5。"


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(text: str) -> dt.date | None:
    """2024-04-10, 2024/4/10, 2024.4.10, 2024年4月10日 or 20240410; raises ValueError otherwise."""
    text = text.strip().replace(" ", "")
    if not text:
        return None
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            return dt.date(*(int(g) for g in match.groups()))
    raise ValueError(text)


class DateField(BoundField):
    """A date typed in any common way, or picked from a calendar; may stay empty.

    The calendar opens at the field's date, or at ``anchor`` (the campaign's submission window)
    when the field is empty, so a date of the campaign year is a few clicks away.
    """

    def __init__(self, *args: Any, anchor: dt.date | None = None, **kwargs: Any) -> None:
        self.anchor = anchor
        super().__init__(*args, **kwargs)

    def build_editor(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.line = QLineEdit()
        self.line.setPlaceholderText("如 2024-04-10")
        self.line.setMaximumWidth(160)
        self.line.textEdited.connect(lambda _text: self.commit())
        pick = QToolButton()
        pick.setText("日历")
        pick.setToolTip("从日历中选择")
        pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        pick.setFocusPolicy(Qt.FocusPolicy.NoFocus)   # Tab goes from date to date, not via 日历
        self.pick = pick
        menu = QMenu(pick)
        menu.aboutToShow.connect(self._open_calendar_at)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        pick.setMenu(menu)
        self._menu = menu
        row.addWidget(self.line)
        row.addWidget(pick)
        row.addStretch(1)
        return box

    def start_date(self) -> dt.date:
        """Where the calendar opens: the typed date, else the campaign window, else today."""
        try:
            typed = parse_date(self.line.text())
        except ValueError:
            typed = None
        return typed or self.anchor or dt.date.today()

    def _open_calendar_at(self) -> None:
        start = self.start_date()
        self.calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        self.calendar.setCurrentPage(start.year, start.month)

    def _picked(self, date: QDate) -> None:
        self.line.setText(f"{date.year():04d}-{date.month():02d}-{date.day():02d}")
        self._menu.hide()
        self.commit()

    def show_value(self, value: Any) -> None:
        self.line.setText(value.isoformat() if value else "")
        if value:
            self.calendar.setSelectedDate(QDate(value.year, value.month, value.day))

    def read_value(self) -> tuple[bool, Any, str]:
        try:
            return True, parse_date(self.line.text()), ""
        except ValueError:
            return False, None, "请按“2024-04-10”的格式填写日期。"

    def focus_editor(self) -> None:
        self.line.setFocus(Qt.FocusReason.OtherFocusReason)


class ChoiceField(BoundField):
    """One of a few choices, or none yet."""

    def __init__(self, *args: Any, choices: tuple[str, ...], **kwargs: Any) -> None:
        self._choices = choices
        super().__init__(*args, **kwargs)

    def build_editor(self) -> QWidget:
        combo = QComboBox()
        combo.addItem("（请选择）", None)
        for choice in self._choices:
            combo.addItem(choice, choice)
        combo.setMaximumWidth(240)
        combo.currentIndexChanged.connect(lambda _i: self.commit())
        return combo

    def show_value(self, value: Any) -> None:
        index = self.editor.findData(value) if value else 0
        self.editor.setCurrentIndex(max(index, 0))

    def read_value(self) -> tuple[bool, Any, str]:
        return True, self.editor.currentData(), ""

    confirm: Callable[[Any, Any], bool] | None = None
    """Asked with (old, new) before a choice with consequences changes; False puts the old one back."""

    def commit(self) -> None:
        if not self._loading and self.confirm is not None:
            ok, value, _problem = self.read_value()
            if ok and value != self.value and not self.confirm(self.value, value):
                self.reload()
                return
        super().commit()


class MultiChoiceField(BoundField):
    """Several of a few choices, shown as ticks (☑/□ in the documents)."""

    def __init__(self, *args: Any, choices: tuple[str, ...], **kwargs: Any) -> None:
        self._choices = choices
        super().__init__(*args, **kwargs)

    def build_editor(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[QCheckBox] = []
        for choice in self._choices:
            check = QCheckBox(choice)
            check.toggled.connect(lambda _on: self.commit())
            row.addWidget(check)
            self.boxes.append(check)
        row.addStretch(1)
        return box

    def show_value(self, value: Any) -> None:
        for check in self.boxes:
            check.setChecked(check.text() in (value or []))

    def read_value(self) -> tuple[bool, Any, str]:
        return True, [c.text() for c in self.boxes if c.isChecked()], ""

    def focus_editor(self) -> None:
        if self.boxes:
            self.boxes[0].setFocus(Qt.FocusReason.OtherFocusReason)


class CheckField(BoundField):
    """A yes/no declaration (近三年未发生质量、安全、环保事故): ticked means yes."""

    def build_editor(self) -> QWidget:
        box = QCheckBox("是，确认属实")
        box.toggled.connect(lambda _on: self.commit())
        return box

    def show_value(self, value: Any) -> None:
        self.editor.setChecked(bool(value))

    def read_value(self) -> tuple[bool, Any, str]:
        return True, self.editor.isChecked(), ""
