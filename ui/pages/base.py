"""What every form page shares: a scrolling grid of bound fields, findings routed to them, focus."""
from __future__ import annotations

import copy
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path as FsPath
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget,
)

from forms.campaign import CampaignProfile
from forms.locations import Path
from forms.project import Project
from forms.rules import Finding
from ui.document import value_at
from ui.fields import (
    BoundField, CheckField, ChoiceField, DateField, DecimalField, IntegerField, LongTextField,
    MultiChoiceField, TextField,
)
from ui.lists import FileListField, NameListField, RecordTableField


def _unsaved() -> FsPath | None:
    return None


def _cannot_save() -> bool:
    return False


@dataclass
class PageContext:
    project: Project
    profile: CampaignProfile
    base_dir: Callable[[], FsPath | None]
    project_file: Callable[[], FsPath | None] = _unsaved   # None until saved; files picked are copied beside it
    save: Callable[[], bool] = _cannot_save                # saves the project (asks where if new)
    # Makes a change an undo step: record(path, old value, label, merge=, focus=) (ui.document).
    record: Callable[..., bool] | None = None


class FieldGrid(QWidget):
    """Fields in two columns; long fields take the whole width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(6)
        self._row = 0
        self._col = 0

    def add(self, widget: QWidget, *, wide: bool = False) -> None:
        if wide and self._col:
            self._row, self._col = self._row + 1, 0
        self.grid.addWidget(widget, self._row, self._col, 1, 2 if wide else 1)
        if wide or self._col:
            self._row, self._col = self._row + 1, 0
        else:
            self._col = 1

    def heading(self, text: str) -> None:
        if self._col:
            self._row, self._col = self._row + 1, 0
        label = QLabel(text)
        label.setStyleSheet("font-weight: bold; font-size: 11pt; margin-top: 8px;")
        self.grid.addWidget(label, self._row, 0, 1, 2)
        self._row += 1

    def finish(self) -> None:
        self.grid.setRowStretch(self._row + 1, 1)


def scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


class FormPage(QWidget):
    """A page of bound fields; ``changed`` fires on every edit."""

    changed = Signal()
    title = ""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.fields: list[BoundField] = []
        self.custom: list[Any] = []
        self._tab_of: dict[int, int] = {}
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(12, 8, 12, 8)
        header = QLabel(self.title)
        header.setStyleSheet("font-size: 14pt; font-weight: bold;")
        header.setWordWrap(True)
        self.header = header
        self.layout_.addWidget(header)
        self.tabs: QTabWidget | None = None

    # Building
    def field(self, grid: FieldGrid, model: BaseModel, key: str, path: Path, *, wide: bool = False,
              **kwargs: Any) -> BoundField:
        """Pick the editor from the field's type and add it to ``grid``."""
        kind = kwargs.pop("kind", None) or _kind_of(model, key)
        makers: dict[str, Callable[..., BoundField]] = {
            "text": TextField, "long": LongTextField, "int": IntegerField, "decimal": DecimalField,
            "date": lambda *a, **k: DateField(*a, anchor=self.context.profile.submission_start, **k),
            "choice": ChoiceField, "multi": MultiChoiceField, "names": NameListField,
            "records": RecordTableField, "check": CheckField,
            "files": lambda *a, **k: FileListField(*a, base_dir=self.context.base_dir,
                                                   project_file=self.context.project_file, **k),
        }
        editor = makers[kind](model, key, path, **kwargs)
        editor.recorder = self.context.record
        editor.changed.connect(self.changed)
        self.fields.append(editor)
        if self.tabs is not None:
            self._tab_of[id(editor)] = self.tabs.count() - 1
        grid.add(editor, wide=wide or kind in ("long", "names", "records", "files", "multi"))
        return editor

    def fields_of(self, grid: FieldGrid, model: BaseModel, at: Path, keys: tuple[str, ...], *,
                  wide: bool = False) -> None:
        for key in keys:
            self.field(grid, model, key, (*at, key), wide=wide)

    def certificate_and_contact(self, grid: FieldGrid, achievement: BaseModel, at: Path, name_key: str,
                                contact_keys: tuple[str, ...]) -> None:
        """The head of 附件2 and 附件3: the certificate texts, then address and contacts."""
        grid.heading("证书信息（请与公章、证书完全一致）")
        self.fields_of(grid, achievement, at, ("title", name_key, "enterprise"), wide=True)
        grid.heading("联系信息")
        self.field(grid, achievement, "address", (*at, "address"), wide=True)
        self.fields_of(grid, achievement, at, contact_keys)

    def add_tab(self, title: str) -> FieldGrid:
        if self.tabs is None:
            self.tabs = QTabWidget()
            self.layout_.addWidget(self.tabs, 1)
        grid = FieldGrid()
        self.tabs.addTab(scrolling(grid), title)
        return grid

    def single_grid(self) -> FieldGrid:
        grid = FieldGrid()
        self.layout_.addWidget(scrolling(grid), 1)
        return grid

    def add_steps(self, editor: QWidget, title: str) -> None:
        """The report's 具体内容 editor, on a tab of its own; it takes findings like a field."""
        assert self.tabs is not None
        editor.changed.connect(self.changed)  # type: ignore[attr-defined]
        editor.recorder = self.context.record  # type: ignore[attr-defined]
        self.tabs.addTab(editor, title)
        self.custom.append(editor)
        self._tab_of[id(editor)] = self.tabs.count() - 1

    # Findings and focus
    def targets(self) -> list[Any]:
        """Everything on the page that shows findings: fields and custom editors."""
        return [*self.fields, *self.custom]

    def apply_findings(self, findings: list[Finding]) -> None:
        targets = self.targets()
        routed: dict[int, list[Finding]] = {id(t): [] for t in targets}
        for finding in findings:
            best = None
            for target in targets:
                n = len(target.path)
                if finding.path[:n] == target.path and (best is None or n > len(best.path)):
                    best = target
            if best is not None:
                routed[id(best)].append(finding)
        for target in targets:
            target.set_findings(routed[id(target)])

    def reveal_all(self) -> None:
        """全部检查: every field of the page shows its messages."""
        for editor in self.fields:
            editor.touch()

    def focus_path(self, path: Path) -> bool:
        best = None
        for target in self.targets():
            n = len(target.path)
            if tuple(path[:n]) == target.path and (best is None or n > len(best.path)):
                best = target
        if best is None:
            return False
        if hasattr(best, "touch"):   # arrived at from a finding: show its message
            best.touch()
        if self.tabs is not None and id(best) in self._tab_of:
            self.tabs.setCurrentIndex(self._tab_of[id(best)])
        if hasattr(best, "focus_path"):
            best.focus_path(tuple(path))
        else:
            best.focus_editor()
        _scroll_into_view(best)
        return True

    def change(self, path: Path, label: str, mutate: Callable[[], None]) -> None:
        """Run ``mutate`` (a button's change to the value at ``path``) as an undo step named ``label``."""
        old = copy.deepcopy(value_at(self.context.project, path))
        mutate()
        if self.context.record is not None:
            self.context.record(path, old, label)
        self.changed.emit()

    def reload(self) -> None:
        for target in self.targets():
            target.reload()

    # Where the user is: kept when undo or redo rebuilds the same page
    def view_state(self) -> dict[str, Any]:
        steps = getattr(self, "steps", None)
        return {
            "tab": self.tabs.currentIndex() if self.tabs is not None else -1,
            "scrolls": [area.verticalScrollBar().value() for area in self._scroll_areas()],
            "step": steps.current_step if steps is not None else None,
        }

    def restore_view_state(self, state: dict[str, Any]) -> None:
        """Back at the tab and step of ``state``; the scroll positions follow once the page is laid
        out (the focus put afterwards only scrolls if its field is out of sight)."""
        if self.tabs is not None and 0 <= state["tab"] < self.tabs.count():
            self.tabs.setCurrentIndex(state["tab"])
        steps = getattr(self, "steps", None)
        if steps is not None and state["step"]:
            steps.show_step(state["step"])

        def scroll() -> None:
            areas = self._scroll_areas()
            if len(areas) != len(state["scrolls"]):
                return
            for area, value in zip(areas, state["scrolls"], strict=True):
                if steps is not None and area is steps.scroll and steps.current_step != state["step"]:
                    continue   # the focus went to another step: that one starts at its top
                area.verticalScrollBar().setValue(value)
        QTimer.singleShot(0, self, scroll)

    def _scroll_areas(self) -> list[QScrollArea]:
        return self.findChildren(QScrollArea)


def _scroll_into_view(widget: QWidget) -> None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if isinstance(parent, QScrollArea):
        parent.ensureWidgetVisible(widget, 40, 40)


def _kind_of(model: BaseModel, key: str) -> str:
    """The editor for a field, read from its annotation."""
    annotation = type(model).model_fields[key].annotation
    text = str(annotation)
    if "Literal" in text:
        return "multi" if typing.get_origin(annotation) is list else "choice"
    args = set(_flatten(annotation))
    if bool in args:
        return "check"
    if date in args:
        return "date"
    if Decimal in args:
        return "decimal"
    if int in args:
        return "int"
    if typing.get_origin(annotation) is list:
        return "names"
    return "text"


def _flatten(annotation: Any) -> list[Any]:
    args = typing.get_args(annotation)
    if not args:
        return [annotation]
    out: list[Any] = []
    for arg in args:
        out.extend(_flatten(arg))
    return out
