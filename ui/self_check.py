"""方法自查: for one achievement, every T/CAQ check with ✓ or its findings, so a group leader can go
through the report the way a reviewer will. Double-click a finding to jump to it."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
    QWidget,
)

from forms.project import Project
from forms.rules import LEVEL_NAMES, Finding
from forms.rules.catalogue import checks_for
from forms.rules.findings import CONSISTENCY, METHOD
from ui.problems import level_icons

PASSED = "✓"
_OK_COLOR = QColor("#1b7f3b")
_SECTIONS = ((METHOD, "方法自查（T/CAQ 活动程序）"), (CONSISTENCY, "前后一致（申报表、报告书、统计表）"))
ROLE = Qt.ItemDataRole.UserRole


class SelfCheckView(QWidget):
    """The list of checks for one achievement; ``show_findings`` refreshes it."""

    activated_finding = Signal(object)

    def __init__(self, project: Project, kind: str, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project, self.kind, self.index = project, kind, index
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["检查项", "结果"])
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.tree.itemActivated.connect(self._activate)
        self.tree.itemDoubleClicked.connect(self._activate)
        layout.addWidget(self.tree, 1)
        note = QLabel("自查依据评审中常见的扣分点，帮助在提交前发现问题；它不是官方评分。")
        note.setStyleSheet("color: #666;")
        note.setWordWrap(True)
        layout.addWidget(note)

    def achievement(self):
        items = self.project.group_achievements if self.kind == "group" else self.project.team_achievements
        return items[self.index] if 0 <= self.index < len(items) else None

    def show_findings(self, findings: list[Finding]) -> None:
        self.tree.clear()
        a = self.achievement()
        if a is None:
            self.summary.setText("这项成果已被删除。")
            return
        top = "group_achievements" if self.kind == "group" else "team_achievements"
        mine = [f for f in findings if f.code and f.path[:2] == (top, self.index)]
        icons = level_icons(self)
        bold = QFont(self.tree.font())
        bold.setBold(True)
        total = passed = 0
        for category, heading in _SECTIONS:
            checks = checks_for(a, category)
            if not checks:
                continue
            section = QTreeWidgetItem([heading, ""])
            section.setFont(0, bold)
            self.tree.addTopLevelItem(section)
            for check in checks:
                found = [f for f in mine if f.code == check.code]
                total += 1
                item = QTreeWidgetItem([f"{check.code}  {check.title}", ""])
                item.setData(0, ROLE + 1, check.code)
                section.addChild(item)
                if not found:
                    passed += 1
                    item.setText(1, PASSED)
                    item.setForeground(1, QBrush(_OK_COLOR))
                    continue
                errors = sum(f.is_error for f in found)
                item.setText(1, f"{errors} 个错误" if errors else f"{len(found)} 个警告")
                item.setIcon(1, icons["error" if errors else "warning"])
                for f in found:
                    # The check names the item itself; where it is shows on hover and on double-click.
                    child = QTreeWidgetItem([f.detail, LEVEL_NAMES[f.level]])
                    child.setIcon(1, icons[f.level])
                    child.setToolTip(0, f.message)
                    child.setData(0, ROLE, f)
                    item.addChild(child)
                item.setExpanded(True)
            section.setExpanded(True)
        noun = "小组成果" if self.kind == "group" else "班组成果"
        title = a.title.strip() or "（未填写成果名称）"
        self.summary.setText(f"第{self.index + 1}个{noun}《{title}》：共 {total} 项检查，{passed} 项通过"
                             + ("。" if passed == total else f"，{total - passed} 项有问题（双击问题跳到对应位置）。"))

    def rows(self) -> dict[str, str]:
        """Each check's code and its result column, as shown (✓, “2 个警告”…)."""
        out: dict[str, str] = {}
        for i in range(self.tree.topLevelItemCount()):
            section = self.tree.topLevelItem(i)
            for j in range(section.childCount()):
                item = section.child(j)
                out[item.data(0, ROLE + 1)] = item.text(1)
        return out

    def finding_items(self, code: str) -> list[QTreeWidgetItem]:
        for i in range(self.tree.topLevelItemCount()):
            section = self.tree.topLevelItem(i)
            for j in range(section.childCount()):
                item = section.child(j)
                if item.data(0, ROLE + 1) == code:
                    return [item.child(k) for k in range(item.childCount())]
        return []

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = item.data(0, ROLE)
        if finding is not None:
            self.activated_finding.emit(finding)


class SelfCheckDialog(QDialog):
    """方法自查 in a window of its own, beside the form: it follows the live checks."""

    activated_finding = Signal(object)

    def __init__(self, project: Project, kind: str, index: int, findings: list[Finding],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("方法自查")
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        self.view = SelfCheckView(project, kind, index)
        self.view.activated_finding.connect(self.activated_finding)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        close = QPushButton("关闭")
        close.clicked.connect(self.close)
        row.addWidget(close)
        layout.addLayout(row)
        self.view.show_findings(findings)

    def show_findings(self, findings: list[Finding]) -> None:
        self.view.show_findings(findings)
