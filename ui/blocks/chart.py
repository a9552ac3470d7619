"""A chart block (排列图, 柱状图, 折线图, 甘特图): a few fields, the data grid and the live preview
of the very chart that is exported, beside the grid or, for wide grids and narrow windows, under it."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from forms.locations import Path
from ui.blocks.base import parse_number, show_number, value_kind
from ui.blocks.preview import ChartPreview, ChartRow
from ui.blocks.records import RecordGridEditor


class ChartGridEditor(RecordGridEditor):
    """A chart block: a few fields, the data grid and, beside it, the live preview."""

    fields: tuple[str, ...] = ("unit",)
    preview_below = False

    def build(self) -> None:
        self.grid = self.make_grid()
        self.preview = ChartPreview(self.block, self.context.goal, self.step,
                                    width=560 if self.preview_below else 400)
        left = QVBoxLayout()
        left.setSpacing(4)
        self.field_edits: dict[str, QWidget] = {}
        for start in range(0, len(self.fields), 2):
            row = QHBoxLayout()
            for key in self.fields[start:start + 2]:
                edit = self.field_editor(key)
                self.field_edits[key] = edit
                row.addLayout(self.labelled(key, edit), 1)
            left.addLayout(row)
        self.build_extra(left)
        left.addWidget(self.grid)
        left.addStretch(1)
        self.chart_row = ChartRow(left, self.preview, below=self.preview_below)
        self.body.addWidget(self.chart_row)

    def build_extra(self, column: Any) -> None:
        """Anything the kind shows between its fields and its grid."""

    def field_editor(self, key: str) -> QWidget:
        if value_kind(type(self.block), key) != "number":
            return self.line_for(key)
        edit = QLineEdit(show_number(getattr(self.block, key)))
        edit.setObjectName(f"block:{key}")
        edit.setMaximumWidth(140)
        edit.textEdited.connect(lambda text, k=key: self._number_typed(k, text))
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit)
        row.addStretch(1)
        holder.setFocusProxy(edit)
        return holder

    def _number_typed(self, key: str, text: str) -> None:
        try:
            value = parse_number(text)
            self.problems.pop(key, None)
        except ValueError:
            value = None
            title = type(self.block).model_fields[key].title
            self.problems[key] = [f"“{title}”无法识别，请填写数字，如 150。"]
        setattr(self.block, key, value)
        self.edited()

    def edited(self) -> None:
        super().edited()
        self.preview.schedule()

    def after_goal_change(self) -> None:
        self.preview.schedule()

    def focus_inside(self, rest: Path) -> bool:
        if rest and rest[0] in getattr(self, "field_edits", {}):
            self.field_edits[rest[0]].setFocus()
            return True
        return super().focus_inside(rest)
