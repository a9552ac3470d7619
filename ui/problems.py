"""The 检查结果 panel: every finding of the project; double-click opens the page at the field."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QStyle, QTreeWidget, QTreeWidgetItem, QWidget

from forms.rules import LEVEL_NAMES, Finding

COLUMNS = ["级别", "附件", "成果", "字段", "说明"]


class ProblemsPanel(QTreeWidget):
    activated_finding = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(COLUMNS)
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        header = self.header()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.itemActivated.connect(self._activate)
        self.itemDoubleClicked.connect(self._activate)
        self.findings: list[Finding] = []

    def show_findings(self, findings: list[Finding]) -> None:
        self.findings = findings
        self.clear()
        style = self.style()
        icons = {"error": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                 "warning": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)}
        for finding in sorted(findings, key=lambda f: not f.is_error):
            item = QTreeWidgetItem([LEVEL_NAMES[finding.level], finding.form, finding.achievement or "",
                                    finding.label, finding.detail])
            item.setIcon(0, icons[finding.level])
            item.setToolTip(4, finding.message)
            item.setData(0, Qt.ItemDataRole.UserRole, finding)
            self.addTopLevelItem(item)

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.activated_finding.emit(item.data(0, Qt.ItemDataRole.UserRole))
