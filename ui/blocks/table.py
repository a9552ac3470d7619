"""表格: a free table, pasted from Excel as is; its first row holds the column titles."""
from __future__ import annotations

from forms.locations import Path
from forms.rules import Finding
from ui.blocks.base import BlockEditor
from ui.blocks.grid import DataGrid


class TableEditor(BlockEditor):
    def build(self) -> None:
        self.grid = DataGrid([], header_row=True)
        self.grid.table.setObjectName("grid:rows")
        self.grid.table.setToolTip("第一行为表头。可从 Excel 复制一块区域后在这里按 Ctrl+V 粘贴。")
        self.grid.changed.connect(self.commit_grid)
        self.body.addWidget(self.grid)

    def load(self) -> None:
        columns = list(self.block.columns)
        width = max([len(columns), 2, *(len(r) for r in self.block.rows)])
        grid_rows = [columns] + [list(r) for r in self.block.rows]
        if len(grid_rows) == 1:
            grid_rows.append([])      # an empty table shows a header row and a first data row
        self.grid.set_rows([r + [""] * (width - len(r)) for r in grid_rows], columns=width)

    def commit_grid(self) -> None:
        if self._loading:
            return
        rows = self.grid.rows()
        header = rows[0] if rows else []
        data = rows[1:]
        while data and not any(cell.strip() for cell in data[-1]):
            data.pop()
        # Columns blank in the header and in every row were only added, not filled.
        used = [c for c in range(len(header)) if header[c].strip() or any(r[c].strip() for r in data)]
        width = (max(used) + 1) if used else 0
        self.block.columns = [cell.strip() for cell in header[:width]]
        self.block.rows = [[cell.strip() for cell in r[:width]] for r in data]
        self.edited()

    def mark_findings(self, findings: list[Finding]) -> None:
        marks = {}
        for finding in findings:
            rest = self.rest_of(finding)
            if len(rest) >= 3 and rest[0] == "rows" and isinstance(rest[1], int) and isinstance(rest[2], int):
                marks[(rest[1] + 1, rest[2])] = (finding.is_error, finding.detail)
        self.grid.mark_cells(marks)

    def focus_inside(self, rest: Path) -> bool:
        numbers = [p for p in rest[1:] if isinstance(p, int)]
        if rest and rest[0] == "columns":
            self.grid.focus_cell(0, numbers[0] if numbers else 0)
            return True
        if rest and rest[0] == "rows":
            self.grid.focus_cell(numbers[0] + 1 if numbers else 1, numbers[1] if len(numbers) > 1 else 0)
            return True
        return False
