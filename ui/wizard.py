"""The guided path: 上一步/下一步 through the whole submission, 下一个问题, and each tree node's state.

The walk: 申报单位 → for each achievement 申报表 → 封面与概况 → 成员 → each report step → 活动统计表 →
评委推荐 → 导出. A stop is a tree key, a tab of the achievement page and a report step.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout, QHeaderView, QLabel, QPushButton, QSizePolicy, QSplitter, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from forms.rules import Finding
from ui import member_prefill
from ui.calm import follow_touched

if TYPE_CHECKING:
    from ui.main_window import MainWindow

ROLE = 0x0100   # Qt.ItemDataRole.UserRole, as the main window stores tree keys
FORM_TAB, COVER_TAB, MEMBERS_TAB, STEPS_TAB = 0, 1, 2, 3
TAB_NAMES = {FORM_TAB: "申报表", COVER_TAB: "封面与概况", MEMBERS_TAB: "成员"}
_TOPS = {"group_achievements": "group", "team_achievements": "team"}


@dataclass(frozen=True)
class Stop:
    key: tuple                 # the tree key: ("declarant",), ("group", 0), ("export",) …
    tab: int | None = None     # the achievement page's tab
    step: str | None = None    # the report step on the 具体内容 tab

    def title(self, window: MainWindow) -> str:
        kind = self.key[0]
        if kind in ("group", "team"):
            noun = "小组成果" if kind == "group" else "班组成果"
            where = self.step or TAB_NAMES.get(self.tab or 0, "")
            return f"{noun} {self.key[1] + 1:02d} · {where}"
        return {"declarant": "申报单位", "statistics": "活动统计表", "reviewers": "评委推荐",
                "export": "导出申报包"}.get(kind, kind)


def walk(window: MainWindow) -> list[Stop]:
    """Every stop of the project, in order."""
    project, profile = window.project, window.profile
    stops = [Stop(("declarant",))]
    for kind, items in (("group", project.group_achievements), ("team", project.team_achievements)):
        for index, a in enumerate(items):
            stops += [Stop((kind, index), tab) for tab in (FORM_TAB, COVER_TAB, MEMBERS_TAB)]
            steps = profile.group_steps(a.topic_type, a.report.target_kind) if kind == "group" \
                else profile.steps.team
            stops += [Stop((kind, index), STEPS_TAB, step) for step in steps]
    return stops + [Stop(("statistics",)), Stop(("reviewers",)), Stop(("export",))]


def stop_of_path(path: tuple) -> Stop | None:
    """The stop where a finding at ``path`` is fixed."""
    if not path:
        return None
    top = path[0]
    if top in _TOPS and len(path) > 1 and isinstance(path[1], int):
        key = (_TOPS[top], path[1])
        if len(path) > 2 and path[2] == "report":
            if len(path) > 3 and path[3] == "sections":
                return Stop(key, STEPS_TAB, str(path[4]) if len(path) > 4 else None)
            if len(path) > 3 and path[3] == "members":
                return Stop(key, MEMBERS_TAB)
            return Stop(key, COVER_TAB)
        return Stop(key, FORM_TAB)
    if top in ("declarant", "statistics", "reviewers"):
        return Stop((str(top),))
    return None


def tree_key_of_path(path: tuple) -> tuple | None:
    stop = stop_of_path(path)
    return stop.key if stop else None


class WizardBar(QWidget):
    """上一步 · where we are · 下一步 · 下一个问题, under the form."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window_ = window
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 8, 4)
        self.back = QPushButton("◀ 上一步")
        self.back.setToolTip("回到上一项（Alt+←）")
        self.back.setShortcut("Alt+Left")
        self.forward = QPushButton("下一步 ▶")
        self.forward.setToolTip("按申报顺序前往下一项（Alt+→）")
        self.forward.setShortcut("Alt+Right")
        self.problem = QPushButton("下一个问题")
        self.problem.setToolTip("跳到下一处需要修改的地方（F8）")
        self.problem.setShortcut("F8")
        self.where = QLabel()
        self.where.setStyleSheet("color: #444;")
        # The label may be cut on a narrow window; it must not make the window wider.
        self.where.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row.addWidget(self.back)
        row.addWidget(self.where, 1)
        row.addWidget(self.problem)
        row.addWidget(self.forward)
        self.back.clicked.connect(lambda: self.step(-1))
        self.forward.clicked.connect(lambda: self.step(1))
        self.problem.clicked.connect(self.next_problem)

    # Where we are
    def current(self) -> Stop:
        w = self.window_
        key = w.current_key()
        if key[0] in ("group", "team"):
            page = w.page
            tabs = getattr(page, "tabs", None)
            tab = tabs.currentIndex() if tabs is not None else FORM_TAB
            steps = getattr(page, "steps", None)
            if tab == STEPS_TAB and steps is not None:
                return Stop(key, STEPS_TAB, steps.current_step)
            return Stop(key, min(tab, MEMBERS_TAB))
        if key[0] in ("groups", "teams"):
            return Stop(key)
        return Stop(key)

    def position(self) -> int:
        """Index of the current stop in the walk (-1 before 申报单位: the welcome page, a list page)."""
        stops = walk(self.window_)
        here = self.current()
        if here in stops:
            return stops.index(here)
        kind = here.key[0]
        if kind in ("groups", "teams"):   # a list heading: just before its first achievement
            first = [i for i, s in enumerate(stops) if s.key[0] == kind[:-1]]
            if first:
                return first[0] - 1
            return next(i for i, s in enumerate(stops) if s.key == ("statistics",)) - 1
        return -1

    def refresh(self) -> None:
        stops = walk(self.window_)
        at = self.position()
        self.back.setEnabled(at > 0)
        self.forward.setEnabled(at < len(stops) - 1)
        nxt = stops[at + 1].title(self.window_) if at + 1 < len(stops) else ""
        here = f"第 {at + 1}/{len(stops)} 项" if at >= 0 else "开始"
        self.where.setText(f"{here}　下一项：{nxt}" if nxt else here)

    # Moving
    def go(self, stop: Stop) -> None:
        w = self.window_
        if stop.key == ("export",):
            w.export()
            return
        item = w._find_item(stop.key)
        if item is None:
            return
        if w.tree.currentItem() is not item:
            w.tree.setCurrentItem(item)
        tabs = getattr(w.page, "tabs", None)
        if stop.tab is not None and tabs is not None:
            tabs.setCurrentIndex(stop.tab)
        steps = getattr(w.page, "steps", None)
        if stop.step is not None and steps is not None:
            for row in range(steps.list.count()):
                if steps.list.item(row).data(ROLE) == stop.step:
                    steps.list.setCurrentRow(row)
        self.refresh()

    def step(self, direction: int) -> None:
        stops = walk(self.window_)
        target = self.position() + direction
        if 0 <= target < len(stops):
            self.go(stops[target])

    def next_problem(self) -> Finding | None:
        """Go to the first error after here (then the first warning), wrapping round; None when clean."""
        w = self.window_
        w.recheck()
        stops = walk(w)
        at = self.position()
        order = {stop: i for i, stop in enumerate(stops)}

        def rank(f: Finding) -> tuple[int, int]:
            stop = stop_of_path(tuple(f.path))
            i = order.get(stop, order.get(Stop(stop.key, stop.tab) if stop else None, len(stops))) \
                if stop else len(stops)
            return (0 if i > at else 1, i)

        for level in (True, False):
            mine = [f for f in w.findings if f.is_error == level and stop_of_path(tuple(f.path))]
            if mine:
                finding = min(mine, key=rank)
                w.go_to_finding(finding)
                self.refresh()
                return finding
        w.statusBar().showMessage("没有需要修改的地方了。", 5000)
        return None


EMPTY_LISTS: dict[tuple, str] = {
    ("groups",): "还没有小组成果：点左下方的“+小组”新增一项；本单位不申报小组成果时可以空着",
    ("teams",): "还没有班组成果：点左下方的“+班组”新增一项；本单位不申报班组成果时可以空着",
}
"""Lists of the tree that may stay empty, with what their state column says then."""


def decorate_tree(window: MainWindow, findings: list[Finding]) -> None:
    """Column 2 of the tree: ✓ when a node has no finding, else its counts of errors and warnings."""
    counts: dict[tuple, list[int]] = {}
    for finding in findings:
        key = tree_key_of_path(tuple(finding.path))
        if key is None:
            continue
        for k in (key, (key[0] + "s",)) if key[0] in ("group", "team") else (key,):
            tally = counts.setdefault(k, [0, 0])
            tally[0 if finding.is_error else 1] += 1
    tree = window.tree

    def visit(item: QTreeWidgetItem) -> None:
        key = item.data(0, ROLE)
        if key and key[0] != "welcome":
            errors, warnings = counts.get(tuple(key), (0, 0))
            parts = ([f"✖{errors}"] if errors else []) + ([f"⚠{warnings}"] if warnings else [])
            if not parts and tuple(key) in EMPTY_LISTS and item.childCount() == 0:
                # Nothing there is not "complete": a unit may send no 小组成果, but a ✓ would say done.
                item.setText(1, "—")
                item.setForeground(1, QBrush(QColor("#757575")))
                item.setToolTip(1, EMPTY_LISTS[tuple(key)])
            else:
                item.setText(1, " ".join(parts) or "✓")
                item.setForeground(1, QBrush(QColor("#b00020" if errors else "#9a5b00" if warnings else "#2e7d32")))
                item.setToolTip(1, f"错误 {errors} 处，警告 {warnings} 处" if parts else "已完整，没有发现问题")
        for row in range(item.childCount()):
            visit(item.child(row))

    for top in range(tree.topLevelItemCount()):
        visit(tree.topLevelItem(top))


def _on_page_shown(window: MainWindow, bar: WizardBar) -> None:
    """A new page: its touched fields speak again; the bar follows its tabs and steps; the member
    table offers its pre-fill."""
    if window.page is None or window.stack.currentWidget() is not window.page:
        return   # the old page leaving the stack
    follow_touched(window.page, window.touched, window.reveal_all)
    tabs = getattr(window.page, "tabs", None)
    if tabs is not None:
        tabs.currentChanged.connect(bar.refresh)
    steps = getattr(window.page, "steps", None)
    if steps is not None:
        steps.list.currentRowChanged.connect(bar.refresh)
    key = window.current_key()
    if key[0] in ("group", "team"):
        items = window.project.group_achievements if key[0] == "group" else window.project.team_achievements
        if key[1] < len(items):
            member_prefill.attach(window.page, items[key[1]])


def install_wizard(window: MainWindow) -> WizardBar:
    """Put the bar under the form, a state column in the tree, and keep both up to date."""
    bar = WizardBar(window)
    splitter: QSplitter = window.centralWidget()
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    index = splitter.indexOf(window.stack)
    column.addWidget(window.stack, 1)
    column.addWidget(bar)
    splitter.insertWidget(index, holder)
    splitter.setStretchFactor(0, 0)
    splitter.setStretchFactor(index, 1)
    splitter.setSizes([280, 1000])   # the tree stays narrow; the form takes what a small screen has
    tree = window.tree
    tree.setColumnCount(2)
    tree.header().setStretchLastSection(False)
    tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    window.problems.findings_shown.connect(lambda findings: (decorate_tree(window, findings), bar.refresh()))
    # Every page change goes through the stack (a tree click, a rebuild, a jump to a finding).
    window.stack.currentChanged.connect(lambda *_: (_on_page_shown(window, bar), bar.refresh()))
    return bar
