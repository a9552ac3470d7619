"""因果图: the problem (鱼头) and the causes as an indented list, with the live chart beside them.

Each line is a cause; two spaces, a tab or a full-width space go one level deeper. The first level
is the main bone (人 机 料 法 环 测), up to three levels of causes below it; the deepest are the
末端因素 that the 要因确认表 checks.
"""
from __future__ import annotations

import re

from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout

from forms.blocks import FishboneBranch, FishboneCause
from forms.locations import Path
from ui.blocks.base import BlockEditor, GrowingTextEdit
from ui.blocks.preview import ChartPreview, ChartRow

MAIN_BONES = ("人", "机", "料", "法", "环", "测")
MAX_CAUSE_LEVELS = 3
INDENT = "  "
_BULLET = re.compile(r"^[-•·*]\s*")
EXAMPLE = "人\n  责任心不强\n    未经培训\n机\n  燃烧器喷嘴磨损\n法\n  操作规程不完善"


def _level(whitespace: str) -> int:
    width = sum(2 if ch in "\t\u3000" else 1 for ch in whitespace)
    return (width + 1) // 2


def parse_causes(text: str) -> tuple[list[FishboneBranch], list[str]]:
    """The main bones and their causes from the indented list, with what had to be read loosely."""
    problems: list[str] = []
    roots: list[dict] = []
    stack: list[dict] = []      # the open node at each level
    for number, line in enumerate(text.split("\n"), start=1):
        name = _BULLET.sub("", line.strip())
        if not name:
            continue
        level = _level(line[:len(line) - len(line.lstrip())])
        if level > MAX_CAUSE_LEVELS:
            problems.append(f"第{number}行超过三层原因，已按第三层处理。")
            level = MAX_CAUSE_LEVELS
        if level > len(stack):
            if not stack:
                problems.append(f"第{number}行缩进多了：第一层应为大骨（人、机、料、法、环、测）。")
            level = len(stack)      # one level below the line above, at most
        node = {"name": name, "children": []}
        del stack[level:]
        (stack[-1]["children"] if stack else roots).append(node)
        stack.append(node)

    def cause(node: dict) -> str | FishboneCause:
        if not node["children"]:
            return node["name"]
        return FishboneCause(name=node["name"], causes=[cause(c) for c in node["children"]])

    return [FishboneBranch(name=r["name"], causes=[cause(c) for c in r["children"]]) for r in roots], problems


def format_causes(branches: list[FishboneBranch]) -> str:
    """The indented list of ``branches`` (the inverse of ``parse_causes``)."""
    lines: list[str] = []

    def walk(causes: list, depth: int) -> None:
        for item in causes:
            if isinstance(item, str):
                lines.append(INDENT * depth + item)
            else:
                lines.append(INDENT * depth + item.name)
                walk(item.causes, depth + 1)

    for branch in branches:
        lines.append(branch.name)
        walk(branch.causes, 1)
    return "\n".join(lines)


class FishboneEditor(BlockEditor):
    def build(self) -> None:
        self.problem = self.line_for("problem", "如 加热炉排烟温度高")
        self.causes = GrowingTextEdit(200, 420)
        self.causes.setObjectName("block:branches")
        self.causes.setPlaceholderText("每行一个原因，缩进两个空格（或 Tab）表示下一层，例如：\n" + EXAMPLE)
        self.causes.setToolTip("第一层为大骨（人、机、料、法、环、测），其下最多三层原因；最末一层为末端因素。")
        self.causes.setTabStopDistance(QFontMetricsF(self.causes.font()).horizontalAdvance(" ") * 4)
        self.causes.textChanged.connect(self._typed)
        bones = QPushButton("填入 人机料法环测")
        bones.setAutoDefault(False)
        bones.setToolTip("在空白的原因列表中填入六根大骨")
        bones.clicked.connect(self._fill_bones)
        self.bones_button = bones
        self.preview = ChartPreview(self.block, self.context.goal, self.step)
        left = QVBoxLayout()
        left.addLayout(self.labelled("problem", self.problem))
        left.addWidget(self.causes, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(bones)
        buttons.addStretch(1)
        left.addLayout(buttons)
        self.chart_row = ChartRow(left, self.preview)
        self.body.addWidget(self.chart_row)

    def load(self) -> None:
        self.causes.setPlainText(format_causes(self.block.branches))

    def _typed(self) -> None:
        if self._loading:
            return
        branches, problems = parse_causes(self.causes.toPlainText())
        self.block.branches = branches
        self.problems["branches"] = problems
        self.edited()

    def _fill_bones(self) -> None:
        if not self.causes.toPlainText().strip():
            self.causes.setPlainText("\n".join(MAIN_BONES))
        self.causes.setFocus()

    def edited(self) -> None:
        super().edited()
        self.preview.schedule()

    def focus_inside(self, rest: Path) -> bool:
        if rest and rest[0] == "problem":
            self.problem.setFocus()
        else:
            self.causes.setFocus()
        return True
