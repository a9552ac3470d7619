"""What every block editor shares: a card with the block's name, 标题 and 说明, move and delete
buttons, the block's own messages, and the routing of findings and focus inside the block.

An editor writes to its block model on every edit and emits ``changed``; the window then re-runs
the rules and hands each editor the findings whose path lies inside its block.
"""
from __future__ import annotations

import datetime as dt
import math
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path as FsPath
from typing import Any, Union

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QToolButton, QVBoxLayout, QWidget,
)

from forms.attachments import IMAGES
from forms.blocks import BLOCK_LABELS, FIGURE_TYPES, TABLE_TYPES
from forms.locations import Path
from forms.rules import Finding
from ui.fields import MessageLabel


def _no_path() -> FsPath | None:
    return None


def _no_save() -> bool:
    return False


def _no_goal() -> Any:
    return None


def _flat_pictures() -> str:
    return IMAGES


@dataclass
class BlockContext:
    """What block editors need from the window: the project file (pictures are copied beside it),
    a way to save the project first, the folder relative paths are read from, the report's goal,
    and the folder under ``<项目名>_附件/`` that this report's pictures go to."""

    project_file: Callable[[], FsPath | None] = _no_path
    save: Callable[[], bool] = _no_save
    base_dir: Callable[[], FsPath | None] = _no_path
    goal: Callable[[], Any] = _no_goal
    pictures_folder: Callable[[], str] = _flat_pictures


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋，", "0123456789.-+,")


def parse_number(text: str) -> Decimal | None:
    """A number typed or pasted (full-width digits, thousands separators); ValueError otherwise."""
    cleaned = text.translate(_FULL_WIDTH).replace(",", "").replace(" ", "").strip()
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


def show_number(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def model_in(annotation: Any) -> type[BaseModel] | None:
    """The model class inside an annotation such as ``list[Annotated[X, …]]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Annotated, list, Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = model_in(arg)
            if found is not None:
                return found
    return None


def value_kind(model: type[BaseModel], key: str) -> str:
    """``number``, ``date`` or ``text``: how a field's value is typed in a cell."""
    def flatten(annotation: Any) -> list[Any]:
        args = typing.get_args(annotation)
        return [annotation] if not args else [a for arg in args for a in flatten(arg)]

    kinds = set(flatten(model.model_fields[key].annotation))
    if Decimal in kinds:
        return "number"
    if dt.date in kinds:
        return "date"
    return "text"


def place_label(model: type[BaseModel] | None, rest: Path) -> str:
    """A short Chinese name of a place inside a block: ``第3行 负责人``, ``单位``, ``第2个大骨``."""
    parts: list[str] = []
    for position, step in enumerate(rest):
        if isinstance(step, int):
            parts.append(f"第{step + 1}行")
            continue
        info = model.model_fields.get(step) if model is not None else None
        if info is None:
            parts.append(str(step))
            model = None
            continue
        followed_by_row = position + 1 < len(rest) and isinstance(rest[position + 1], int)
        if not followed_by_row:
            parts.append(info.title or step)
        model = model_in(info.annotation)
    return " ".join(parts)


class GrowingTextEdit(QPlainTextEdit):
    """A text box as tall as its text, between ``low`` and ``high`` pixels (then it scrolls), so a
    page of several boxes scrolls once instead of in each box."""

    def __init__(self, low: int, high: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._low, self._high = low, high
        self.textChanged.connect(self.fit_height)
        self.fit_height()

    def fit_height(self) -> None:
        metrics = self.fontMetrics()
        width = max(self.viewport().width() - 2 * int(self.document().documentMargin()) - 4, 80)
        lines = sum(max(1, math.ceil(metrics.horizontalAdvance(p) / width))
                    for p in self.toPlainText().split("\n"))
        chrome = 2 * self.frameWidth() + 2 * int(self.document().documentMargin()) + 6
        self.setFixedHeight(min(max(lines * metrics.lineSpacing() + chrome, self._low), self._high))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.fit_height()


class BlockEditor(QFrame):
    """A block on a card: heading, 标题 and 说明, the kind's own editors (``build``), messages."""

    changed = Signal()
    move_requested = Signal(int)    # -1 up, +1 down
    delete_requested = Signal()

    def __init__(self, block: BaseModel, context: BlockContext, step: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.block = block
        self.context = context
        self.step = step
        self.block_path: Path = ()
        self.findings: list[Finding] = []
        self.problems: dict[str, list[str]] = {}   # what cannot be read yet, by field (or "grid")
        self._loading = True
        self.setObjectName("block-card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame#block-card { border: 1px solid #c8ccd2; border-radius: 4px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        head = QHBoxLayout()
        self.heading = QLabel(self.kind_label)
        self.heading.setStyleSheet("font-weight: bold;")
        head.addWidget(self.heading)
        head.addStretch(1)
        self.buttons: dict[str, QToolButton] = {}
        for key, text, tip, slot in (("up", "上移", "把这一项移到前面", lambda: self.move_requested.emit(-1)),
                                     ("down", "下移", "把这一项移到后面", lambda: self.move_requested.emit(1)),
                                     ("delete", "删除", "删除这一项", self.delete_requested.emit)):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setAutoRaise(True)
            button.clicked.connect(slot)
            head.addWidget(button)
            self.buttons[key] = button
        layout.addLayout(head)
        meta = QHBoxLayout()
        meta.setSpacing(6)
        self.title = self.line_for("title", self.title_hint)
        self.note = self.line_for("note", "如 制表人、日期、数据来源")
        for caption, edit, stretch in (("标题", self.title, 3), ("说明", self.note, 2)):
            label = QLabel(caption)
            label.setToolTip(edit.toolTip())
            meta.addWidget(label)
            meta.addWidget(edit, stretch)
        layout.addLayout(meta)
        self.body = QVBoxLayout()
        self.body.setSpacing(4)
        layout.addLayout(self.body)
        self.messages = MessageLabel()
        layout.addWidget(self.messages)
        self.build()
        self.load()
        self._loading = False

    @property
    def title_hint(self) -> str:
        kind = getattr(self.block, "type", "")
        if kind in FIGURE_TYPES:
            return "图的名称，导出时编号为“图1”“图2”……"
        if kind in TABLE_TYPES:
            return "表的名称，导出时编号为“表1”“表2”……"
        return "可不填"

    @property
    def kind_label(self) -> str:
        kind = getattr(self.block, "type", "")
        return BLOCK_LABELS.get(kind, f"未知类型（{kind}）")

    # ---- for subclasses -------------------------------------------------------------------------
    def build(self) -> None:
        """Add the kind's editors to ``self.body``."""

    def load(self) -> None:
        """Show the block's values in the kind's editors."""

    def focus_inside(self, rest: Path) -> bool:
        """Put the cursor at ``rest`` (a path below the block); False when the kind has no such place."""
        return False

    def mark_findings(self, findings: list[Finding]) -> None:
        """Show findings in place (grid cells); the message label lists them anyway."""

    def after_goal_change(self) -> None:
        """The report's 课题指标 changed (the 柱状图 from the goal redraws)."""

    # ---- simple fields ---------------------------------------------------------------------------
    def line_for(self, key: str, placeholder: str = "") -> QLineEdit:
        """A one-line editor bound to the block's text field ``key``."""
        info = type(self.block).model_fields[key]
        edit = QLineEdit()
        edit.setObjectName(f"block:{key}")
        edit.setPlaceholderText(placeholder)
        if info.description:
            edit.setToolTip(info.description)
        edit.setText(getattr(self.block, key) or "")
        edit.textEdited.connect(lambda text, k=key: self.set_value(k, text))
        return edit

    def labelled(self, key: str, editor: QWidget) -> QHBoxLayout:
        """``caption [editor]`` in a row, the caption being the field's label."""
        row = QHBoxLayout()
        info = type(self.block).model_fields[key]
        label = QLabel(info.title or key)
        if info.description:
            label.setToolTip(info.description)
        row.addWidget(label)
        row.addWidget(editor, 1)
        return row

    def set_value(self, key: str, value: Any) -> None:
        if self._loading:
            return
        try:
            setattr(self.block, key, value)
            self.problems.pop(key, None)
        except ValidationError:
            self.problems[key] = [f"“{type(self.block).model_fields[key].title}”无法识别，请检查。"]
        self.edited()

    def edited(self) -> None:
        """The block's data changed: refresh the messages, tell the step."""
        self.refresh_messages()
        self.changed.emit()

    # ---- findings and focus ----------------------------------------------------------------------
    @property
    def local_problems(self) -> list[str]:
        return [problem for problems in self.problems.values() for problem in problems]

    def set_findings(self, findings: list[Finding], block_path: Path) -> None:
        self.findings = findings
        self.block_path = tuple(block_path)
        self.refresh_messages()
        self.mark_findings(findings)

    def rest_of(self, finding: Finding) -> Path:
        return tuple(finding.path[len(self.block_path):])

    def finding_text(self, finding: Finding) -> str:
        where = place_label(type(self.block), self.rest_of(finding))
        row = where.split(" ")[0] if where.startswith("第") else ""
        if not where or (row and row in finding.detail):
            return finding.detail      # the sentence already says which row
        return f"{where}：{finding.detail}"

    def refresh_messages(self) -> None:
        errors = list(self.local_problems) + [self.finding_text(f) for f in self.findings if f.is_error]
        warnings = [self.finding_text(f) for f in self.findings if not f.is_error]
        self.messages.show_messages(errors, warnings)

    def focus_path(self, rest: Path) -> None:
        if rest and rest[0] == "note":
            self.note.setFocus(Qt.FocusReason.OtherFocusReason)
        elif not rest or rest[0] == "title" or not self.focus_inside(rest):
            self.title.setFocus(Qt.FocusReason.OtherFocusReason)

    def is_empty(self) -> bool:
        """Nothing typed yet: deleting needs no confirmation."""
        if self.local_problems:       # something typed that is not readable yet
            return False
        data = self.block.model_dump(exclude={"type"})
        return not any(v not in ("", None, [], False) for v in data.values())
