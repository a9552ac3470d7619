"""Screenshot every page of the window, as a user sees it, into a folder of PNG files.

    xvfb-run -s "-screen 0 1366x768x24" python scripts/screenshots.py [PROJECT] --out shots/

Run under a real X server (Xvfb) to see what users see; offscreen also works.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.settings import Settings  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

PAGES = [("welcome",), ("declarant",), ("group", 0), ("group", 1), ("team", 0), ("statistics",), ("reviewers",)]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("project", nargs="?")
    parser.add_argument("--out", default="shots")
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--steps", action="store_true",
                        help="also every report step of the first group achievement (text and blocks)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    window = MainWindow(Settings())
    if args.project:
        window.open_path(Path(args.project))
    else:
        window.open_sample()
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.show()

    def shoot() -> None:
        for key in PAGES:
            item = window._find_item(key)
            if item is None:
                continue
            window.tree.setCurrentItem(item)
            app.processEvents()
            tabs = getattr(window.page, "tabs", None)
            for tab in range(tabs.count() if tabs is not None else 1):
                if tabs is not None:
                    tabs.setCurrentIndex(tab)
                app.processEvents()
                name = "_".join(str(k) for k in key) + (f"_tab{tab}" if tabs is not None else "")
                window.grab().save(str(out / f"{name}.png"))
        if args.steps:
            shoot_steps()
        window.dirty = False
        app.quit()

    def shoot_steps() -> None:
        item = window._find_item(("group", 0))
        if item is None:
            return
        window.tree.setCurrentItem(item)
        steps = window.page.steps
        window.page.tabs.setCurrentWidget(steps)
        for row in range(steps.list.count()):
            steps.list.setCurrentRow(row)
            for editor in steps.blocks.editors:      # charts drawn now, not after the typing pause
                if hasattr(editor, "preview"):
                    editor.preview.render_now()
            for _ in range(5):
                app.processEvents()
            window.grab().save(str(out / f"group_0_step{row + 1:02d}.png"))

    QTimer.singleShot(500, shoot)
    app.exec()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
