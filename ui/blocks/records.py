"""A block whose data is a list of small records (要因确认表 rows, 排列图 items, 甘特图 tasks…) edited
as a grid, a column per record field; numbers and dates are read from the cells as typed."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from forms.locations import Path
from forms.rules import Finding
from ui.blocks.base import BlockEditor, model_in, parse_number, show_number, value_kind
from ui.blocks.grid import DataGrid, DateDelegate
from ui.fields import parse_date


class RecordGridEditor(BlockEditor):
    """``list_key`` of the block is a list of ``row_model`` records: one grid row each."""

    list_key = "rows"

    @property
    def row_model(self) -> type[BaseModel]:
        model = model_in(type(self.block).model_fields[self.list_key].annotation)
        assert model is not None
        return model

    @property
    def keys(self) -> list[str]:
        return list(self.row_model.model_fields)

    def build(self) -> None:
        self.grid = self.make_grid()
        self.body.addWidget(self.grid)

    def make_grid(self) -> DataGrid:
        model = self.row_model
        grid = DataGrid([model.model_fields[k].title or k for k in self.keys])
        grid.table.setObjectName(f"grid:{self.list_key}")
        for column, key in enumerate(self.keys):
            if value_kind(model, key) == "date":
                grid.set_delegate(column, DateDelegate())
        grid.changed.connect(self.commit_grid)
        return grid

    def cell_text(self, record: BaseModel, key: str) -> str:
        value = getattr(record, key)
        if value is None:
            return ""
        if value_kind(self.row_model, key) == "number":
            return show_number(value)
        return value.isoformat() if hasattr(value, "isoformat") else str(value)

    def load(self) -> None:
        records = getattr(self.block, self.list_key)
        self.grid.set_rows([[self.cell_text(r, k) for k in self.keys] for r in records])

    def read_cell(self, key: str, text: str) -> Any:
        """The value of a cell; ValueError when it cannot be read."""
        kind = value_kind(self.row_model, key)
        if kind == "number":
            return parse_number(text)
        if kind == "date":
            return parse_date(text)
        return text

    def commit_grid(self) -> None:
        if self._loading:
            return
        rows = self.grid.rows()
        while rows and not any(cell.strip() for cell in rows[-1]):
            rows.pop()      # a row just added and still blank is not data yet
        model = self.row_model
        records: list[BaseModel] = []
        problems: list[str] = []
        self.bad_cells: dict[tuple[int, int], tuple[bool, str]] = {}
        for number, row in enumerate(rows):
            data: dict[str, Any] = {}
            for column, (key, text) in enumerate(zip(self.keys, row)):
                title = model.model_fields[key].title or key
                try:
                    data[key] = self.read_cell(key, text.strip())
                    if value_kind(model, key) == "date" and data[key] and text != data[key].isoformat():
                        self.grid.set_cell(number, column, data[key].isoformat())   # 2024/4/1 → 2024-04-01
                except ValueError:
                    data[key] = None
                    example = "2024-04-10" if value_kind(model, key) == "date" else "41 或 12.5"
                    problem = f"第{number + 1}行的“{title}”无法识别，请填写如 {example}。"
                    problems.append(problem)
                    self.bad_cells[(number, column)] = (True, problem)
            try:
                records.append(model.model_validate(data))
            except ValidationError:
                problems.append(f"第{number + 1}行无法识别，请检查。")
        setattr(self.block, self.list_key, records)
        self.problems["grid"] = problems
        self.grid.mark_cells(self.cell_marks(self.findings))
        self.edited()

    def cell_marks(self, findings: list[Finding]) -> dict[tuple[int, int], tuple[bool, str]]:
        marks: dict[tuple[int, int], tuple[bool, str]] = {}
        for finding in findings:
            rest = self.rest_of(finding)
            if len(rest) >= 2 and rest[0] == self.list_key and isinstance(rest[1], int):
                columns = [self.keys.index(rest[2])] if len(rest) > 2 and rest[2] in self.keys \
                    else range(len(self.keys))
                for column in columns:
                    if (rest[1], column) not in marks or finding.is_error:
                        marks[(rest[1], column)] = (finding.is_error, finding.detail)
        marks.update(getattr(self, "bad_cells", {}))
        return marks

    def mark_findings(self, findings: list[Finding]) -> None:
        self.grid.mark_cells(self.cell_marks(findings))

    def focus_inside(self, rest: Path) -> bool:
        if not rest or rest[0] != self.list_key:
            return False
        row = rest[1] if len(rest) > 1 and isinstance(rest[1], int) else 0
        column = self.keys.index(rest[2]) if len(rest) > 2 and rest[2] in self.keys else 0
        self.grid.focus_cell(row, column)
        return True

