"""附件7 评委推荐表: one tab per recommended expert (1 to 2)."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget

from forms.reviewer import REVIEW_TYPES, Reviewer
from ui.pages.base import FieldGrid, FormPage, PageContext, scrolling


class ReviewersPage(FormPage):
    rebuild = Signal()

    def __init__(self, context: PageContext) -> None:
        limits = context.profile.limits
        self.title = f"评委推荐（附件7，推荐{limits.reviewers_min}至{limits.reviewers_max}名专家）"
        super().__init__(context)
        buttons = QHBoxLayout()
        add = QPushButton("添加评委")
        add.clicked.connect(self._add)
        add.setEnabled(len(context.project.reviewers) < limits.reviewers_max)
        remove = QPushButton("删除当前评委")
        remove.clicked.connect(self._remove)
        remove.setEnabled(bool(context.project.reviewers))
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)
        self.tabs = QTabWidget()
        self.layout_.addWidget(self.tabs, 1)
        for i, person in enumerate(context.project.reviewers):
            grid = FieldGrid()
            self.tabs.addTab(scrolling(grid), person.name or f"评委 {i + 1}")
            at = ("reviewers", i)
            for key in ("name", "work_unit", "address", "postcode", "mobile", "email"):
                self.field(grid, person, key, (*at, key), wide=key in ("work_unit", "address"))
            self.field(grid, person, "experience", (*at, "experience"), kind="long", min_height=140,
                       limit=limits.experience_max_chars)
            self.field(grid, person, "review_types", (*at, "review_types"), choices=REVIEW_TYPES)
            self.field(grid, person, "evidence", (*at, "evidence"), kind="files")
            grid.finish()

    def _add(self) -> None:
        self.change(("reviewers",), "添加评委", lambda: self.context.project.reviewers.append(Reviewer()))
        self.rebuild.emit()

    def _remove(self) -> None:
        index = self.tabs.currentIndex()
        reviewers = self.context.project.reviewers
        if 0 <= index < len(reviewers):
            name = reviewers[index].name or f"评委 {index + 1}"
            self.change(("reviewers",), f"删除评委“{name}”", lambda: reviewers.pop(index))
            self.rebuild.emit()
