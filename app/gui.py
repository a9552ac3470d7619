"""Starts the desktop window (PySide6 is imported only here)."""
from __future__ import annotations

import sys


def run_gui(file: str | None) -> int:
    print("qcdesk 的图形界面正在开发中；现在可以使用命令 qcdesk check、qcdesk new 和 qcdesk export。",
          file=sys.stderr)
    return 2
