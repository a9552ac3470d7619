"""预览: the PDF pages of a form, rendered by pdfium, shown before anything is exported."""
from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

from forms.rules import Finding

from exporters.layout import Document
from exporters.pdf_writer import write_pdf
from ui.live_check import layout_lock


def render_pages(pdf_path: Path, scale: float = 1.3) -> list[QImage]:
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        images = []
        for page in document:
            bitmap = page.render(scale=scale, rev_byteorder=True)
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGB888 if bitmap.n_channels == 3 else QImage.Format.Format_RGBA8888)
            images.append(image.copy())   # detach from pdfium's buffer before it is freed
            page.close()
        return images
    finally:
        document.close()


PREFERRED_SIZE = (900, 760)
_TOPS = {"group": "group_achievements", "team": "team_achievements"}


def is_draft(findings: list[Finding], key: tuple) -> bool:
    """True while the previewed form (or the 申报单位 it prints) still has an error."""
    def concerns(path: tuple) -> bool:
        if not path or path[0] == "declarant":
            return True
        if key[0] in _TOPS:
            return path[0] == _TOPS[key[0]] and len(path) > 1 and path[1] == key[1]
        return path[0] == key[0]
    return any(f.is_error and concerns(tuple(f.path)) for f in findings)


def fitted_size(parent: QWidget | None) -> tuple[int, int]:
    """The preferred size, shrunk to the screen's available area (a 768-pixel screen included)."""
    screen = parent.screen() if parent is not None else None
    if screen is None:
        from PySide6.QtGui import QGuiApplication
        screen = QGuiApplication.primaryScreen()
    if screen is None:
        return PREFERRED_SIZE
    area = screen.availableGeometry()
    return min(PREFERRED_SIZE[0], area.width() - 40), min(PREFERRED_SIZE[1], area.height() - 60)


class PreviewDialog(QDialog):
    def __init__(self, title: str, build: Callable[[], Document], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"预览 — {title}")
        self.resize(*fitted_size(parent))
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "preview.pdf"
            with layout_lock:   # the live page fit on its worker shares the layout caches
                write_pdf(build(), path)
            self.images = render_pages(path)
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        for number, image in enumerate(self.images, start=1):
            page = QLabel()
            page.setPixmap(QPixmap.fromImage(image))
            page.setStyleSheet("background: white; border: 1px solid #bbb;")
            page.setToolTip(f"第 {number} 页")
            layout.addWidget(page)
        scroll = QScrollArea()
        scroll.setWidget(column)
        scroll.setWidgetResizable(True)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        outer = QVBoxLayout(self)
        outer.addWidget(QLabel(f"共 {len(self.images)} 页。这是导出的 PDF 的样子；Word 文件内容相同。"))
        outer.addWidget(scroll)
