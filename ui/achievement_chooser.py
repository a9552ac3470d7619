"""A dialog that picks one or several achievements of a project (for the hand-over package)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout,
    QWidget,
)

from forms.project import Project

ROLE = Qt.ItemDataRole.UserRole


class AchievementChooser(QDialog):
    """Check boxes for every group and team achievement; OK needs at least one."""

    def __init__(self, project: Project, parent: QWidget | None = None, *,
                 title: str = "导出为交接包", hint: str = "选择要交给单位的成果（可多选）：",
                 checked: tuple[str, int] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(520, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(hint))
        self.list = QListWidget()
        for kind, noun, items in (("group", "小组成果", project.group_achievements),
                                  ("team", "班组成果", project.team_achievements)):
            for index, a in enumerate(items):
                item = QListWidgetItem(f"{noun} {index + 1:02d}  {a.title.strip() or '（未填写成果名称）'}")
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if checked in (None, (kind, index))
                                   else Qt.CheckState.Unchecked)
                item.setData(ROLE, (kind, index))
                self.list.addItem(item)
        self.list.itemChanged.connect(lambda _item: self._update())
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        for text, state in (("全选", Qt.CheckState.Checked), ("全不选", Qt.CheckState.Unchecked)):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=state: self._set_all(s))
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("下一步…")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def _set_all(self, state: Qt.CheckState) -> None:
        for row in range(self.list.count()):
            self.list.item(row).setCheckState(state)

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.chosen()))

    def chosen(self) -> list[tuple[str, int]]:
        return [self.list.item(r).data(ROLE) for r in range(self.list.count())
                if self.list.item(r).checkState() == Qt.CheckState.Checked]

    @classmethod
    def choose(cls, project: Project, parent: QWidget | None = None,
               checked: tuple[str, int] | None = None) -> tuple[list[int], list[int]] | None:
        """``(group indexes, team indexes)``, or ``None`` when cancelled."""
        dialog = cls(project, parent, checked=checked)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        picked = dialog.chosen()
        return [i for k, i in picked if k == "group"], [i for k, i in picked if k == "team"]
