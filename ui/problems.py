"""The 检查结果 panel: every finding of the project, grouped by kind (填写规则, 方法自查, 前后一致);
double-click opens the page at the field."""
from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QStyle, QTreeWidget, QTreeWidgetItem, QWidget

from forms.rules import CATEGORIES, LEVEL_NAMES, Finding

COLUMNS = ["级别", "附件", "成果", "字段", "说明"]
CATEGORY_HELP = {
    "填写规则": "通知和申报表的填写要求",
    "方法自查": "按 T/CAQ 活动程序，评审时常见的扣分点",
    "前后一致": "申报表、报告书、统计表之间应一致的内容",
}


_ACHIEVEMENT = re.compile(r"第(\d+)个(?:小组|班组)成果(?:《(.*)》)?")
SHORT_TITLE = 8


def short_achievement(name: str | None) -> str:
    """第1个小组成果《降低常减压装置加热炉排烟温度》 → 01 降低常减压装置加…"""
    if not name:
        return ""
    match = _ACHIEVEMENT.fullmatch(name)
    if match is None:
        return name
    number, title = match.groups()
    title = title or "（未填成果名称）"
    title = title if len(title) <= SHORT_TITLE + 1 else title[:SHORT_TITLE] + "…"
    return f"{int(number):02d} {title}".rstrip()


def finding_item(finding: Finding, icons: dict) -> QTreeWidgetItem:
    """One row of a finding list (also used by the 方法自查 view); the full text on hover."""
    item = QTreeWidgetItem([LEVEL_NAMES[finding.level], finding.form, short_achievement(finding.achievement),
                            finding.label, finding.detail])
    item.setIcon(0, icons[finding.level])
    full = "\n".join(t for t in (finding.achievement, finding.message) if t)
    for column in range(len(COLUMNS)):
        item.setToolTip(column, full)
    item.setData(0, Qt.ItemDataRole.UserRole, finding)
    return item


def level_icons(widget: QWidget) -> dict:
    style = widget.style()
    return {"error": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            "warning": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)}


class ProblemsPanel(QTreeWidget):
    activated_finding = Signal(object)
    findings_shown = Signal(list)   # after every re-check: the tree's states and the 下一步 bar follow

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(COLUMNS)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setStyleSheet("QTreeView::item { padding: 0px; }")   # compact rows: more of them fit
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.header()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)   # long labels elide
        header.resizeSection(3, 150)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.itemActivated.connect(self._activate)
        self.itemDoubleClicked.connect(self._activate)
        self.findings: list[Finding] = []
        self._collapsed: set[str] = set()
        self.itemCollapsed.connect(lambda item: self._collapsed.add(item.data(0, Qt.ItemDataRole.UserRole + 1)))
        self.itemExpanded.connect(lambda item: self._collapsed.discard(item.data(0, Qt.ItemDataRole.UserRole + 1)))

    def show_findings(self, findings: list[Finding]) -> None:
        self.findings = findings
        self.clear()
        icons = level_icons(self)
        bold = QFont(self.font())
        bold.setBold(True)
        for category in CATEGORIES:
            mine = sorted((f for f in findings if f.category == category), key=lambda f: not f.is_error)
            if not mine:
                continue
            errors = sum(f.is_error for f in mine)
            counts = f"错误 {errors} · 警告 {len(mine) - errors}" if errors else f"警告 {len(mine)}"
            group = QTreeWidgetItem([category, "", "", "", f"{counts}（{CATEGORY_HELP[category]}）"])
            group.setFont(0, bold)
            group.setData(0, Qt.ItemDataRole.UserRole + 1, category)
            self.addTopLevelItem(group)
            for finding in mine:
                group.addChild(finding_item(finding, icons))
            group.setExpanded(category not in self._collapsed)
        self.findings_shown.emit(findings)

    def finding_items(self) -> list[QTreeWidgetItem]:
        """The rows of findings, category by category, in the order shown."""
        return [self.topLevelItem(i).child(j) for i in range(self.topLevelItemCount())
                for j in range(self.topLevelItem(i).childCount())]

    def categories(self) -> list[str]:
        return [self.topLevelItem(i).text(0) for i in range(self.topLevelItemCount())]

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = item.data(0, Qt.ItemDataRole.UserRole)
        if finding is not None:   # a category heading only folds
            self.activated_finding.emit(finding)
