"""Calm validation across pages: which fields have been touched is kept by the window, so a page
shown again shows the messages of the fields already edited or left (and all after 全部检查)."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.fields import BoundField


def follow_touched(page: QWidget, touched: set[tuple], reveal_all: bool) -> None:
    """Touch the page's fields already touched (or all of them); remember those touched from now on."""
    for editor in getattr(page, "fields", []):
        if not isinstance(editor, BoundField):
            continue
        if reveal_all or editor.path in touched:
            editor.touch()
        editor.touched_at.connect(touched.add)
