"""图片: a photograph or a scanned chart, stored beside the project; a thumbnail shows it."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton

from forms.locations import Path as Place
from ui.blocks.base import BlockEditor
from ui.blocks.pictures import PictureError, copy_into_project, project_file_for_pictures

THUMB_WIDTH = 320
THUMB_HEIGHT = 200


class ImageEditor(BlockEditor):
    def build(self) -> None:
        self.path = QLineEdit()
        self.path.setObjectName("block:path")
        self.path.setReadOnly(True)
        self.path.setPlaceholderText("粘贴（Ctrl+V）或拖入图片，或点“选择图片…”")
        choose = QPushButton("选择图片…")
        choose.setAutoDefault(False)
        choose.clicked.connect(self.choose)
        row = QHBoxLayout()
        row.addLayout(self.labelled("path", self.path), 1)
        row.addWidget(choose)
        self.body.addLayout(row)
        self.thumb = QLabel()
        self.thumb.setObjectName("image-thumb")
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.thumb, 0, Qt.AlignmentFlag.AlignLeft)

    def load(self) -> None:
        self.path.setText(self.block.path)
        self.show_thumb()

    def resolved(self) -> Path | None:
        if not self.block.path:
            return None
        path = Path(self.block.path)
        base = self.context.base_dir()
        return path if path.is_absolute() else (base / path if base else None)

    def show_thumb(self) -> None:
        path = self.resolved()
        pixmap = QPixmap(str(path)) if path is not None and path.is_file() else QPixmap()
        if pixmap.isNull():      # a missing or unreadable file: the block's checks say so
            self.thumb.setPixmap(QPixmap())
            self.thumb.hide()
            return
        self.thumb.setPixmap(pixmap.scaled(THUMB_WIDTH, THUMB_HEIGHT, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation))
        self.thumb.setVisible(True)

    def choose(self) -> None:
        project_file = project_file_for_pictures(self, self.context)
        if project_file is None:
            return
        chosen, _ = QFileDialog.getOpenFileName(self, "选择图片", str(project_file.parent),
                                                "图片 (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp)")
        if not chosen:
            return
        try:
            relative = copy_into_project(Path(chosen), project_file, self.context.pictures_folder())
        except PictureError as exc:
            QMessageBox.warning(self, "无法插入图片", str(exc))
            return
        self.set_path(relative)

    def set_path(self, relative: str) -> None:
        self.block.path = relative
        self.path.setText(relative)
        self.show_thumb()
        self.edited()

    def focus_inside(self, rest: Place) -> bool:
        self.path.setFocus()
        return True
