"""成员 pre-filled from what is already typed: the 小组长/班组长 and the 主要完成人 of the 申报表.

A button “从主要完成人填入” sits under an empty member table; it fills the rows through the table, so
the change goes the same way as typing (checks, autosave).
"""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from ui.lists import RecordTableField

BUTTON_TEXT = "从主要完成人填入"


def member_rows(leader: str, contributors: list[str], keys: list[str]) -> list[list[str]]:
    """One row per person, the leader first with 组长/班组长 in the role column, no name twice."""
    role_key = "role" if "role" in keys else "duty"
    leader_role = "组长" if role_key == "role" else "班组长"
    names = [n.strip() for n in ([leader] + list(contributors)) if n and n.strip()]
    rows: list[list[str]] = []
    for name in dict.fromkeys(names):
        row = [""] * len(keys)
        row[keys.index("name")] = name
        if name == leader.strip():
            row[keys.index(role_key)] = leader_role
        rows.append(row)
    return rows


def attach(page: QWidget, achievement: object) -> QPushButton | None:
    """Put the button under the page's member table (if the page has one); returns it."""
    field = next((f for f in getattr(page, "fields", []) if isinstance(f, RecordTableField)
                  and f.key == "members"), None)
    if field is None:
        return None
    button = QPushButton(BUTTON_TEXT)
    button.setObjectName("prefill-members")

    def refresh() -> None:
        people = [achievement.leader, *achievement.main_contributors]  # type: ignore[attr-defined]
        empty = not field.value
        button.setEnabled(empty and any(p.strip() for p in people))
        button.setToolTip("按申报表中的小组长（班组长）和主要完成人填入成员表" if empty
                          else "成员表已有内容；如需重填，请先删除各行")

    def fill() -> None:
        rows = member_rows(achievement.leader, achievement.main_contributors, field.keys)  # type: ignore[attr-defined]
        if rows and not field.value:
            field.set_rows(rows)
            field.commit()
        refresh()

    button.clicked.connect(fill)
    field.changed.connect(refresh)
    buttons = field.editor.layout().itemAt(1)   # the row of 添加一行 / 删除所选行 …
    if buttons is not None and isinstance(buttons.layout(), QHBoxLayout):
        buttons.layout().insertWidget(buttons.layout().count() - 1, button)
    else:
        field.layout().insertWidget(2, button)
    refresh()
    return button
