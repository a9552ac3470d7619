"""Pictures of a report live beside the project file, in its ``<项目文件名>_附件/`` folder (the
achievement's ``图片/`` folder, as ``forms.attachments`` lays files out), and the project stores
their paths relative to the project file's folder, so the folder moves whole.

``copy_into_project`` is the one place a picture is brought in; files are copied by
``forms.attachments.adopt_file`` like every other attachment.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtGui import QImage, QImageReader
from PySide6.QtWidgets import QMessageBox, QWidget

from forms.attachments import IMAGES, adopt_file, attachments_dir, relative_to_project
from forms.os_errors import os_error_message
from ui.blocks.base import BlockContext

KEPT_AS_IS = {".png", ".jpg", ".jpeg", ".gif", ".bmp"}   # what Word and PDF take directly; others become PNG


class PictureError(OSError):
    """A picture could not be read or copied; the message is Chinese."""


def is_picture(path: str | Path) -> bool:
    suffix = Path(path).suffix.lower().lstrip(".")
    return bool(suffix) and suffix.encode() in {bytes(f) for f in QImageReader.supportedImageFormats()}


def copy_into_project(source: Path, project_file: Path, folder: str = IMAGES) -> str:
    """The picture as the project stores it: a path relative to the project file's folder.

    A file already in the project's folder is referenced where it is; any other is copied into
    ``<项目文件名>_附件/<folder>/`` (the same file is not copied twice). Pictures Word does not take
    as they are (WebP, TIFF…) are stored as PNG.
    """
    source = Path(source)
    if source.suffix.lower() not in KEPT_AS_IS:
        image = QImage(str(source))
        if image.isNull():
            raise PictureError(f"无法读取图片“{source.name}”，请另存为 PNG 或 JPG 后再试。")
        return save_image(image, project_file, source.stem, folder)
    try:
        return adopt_file(source, project_file, folder)[0]
    except OSError as exc:
        raise PictureError(os_error_message(exc, "复制图片", source.name)) from None


def save_image(image: QImage, project_file: Path, stem: str | None = None, folder: str = IMAGES) -> str:
    """Save a picture (pasted from the clipboard) as PNG with a readable, unique name."""
    target_dir = attachments_dir(project_file) / folder
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PictureError(os_error_message(exc, "创建文件夹", str(target_dir))) from None
    stem = stem or f"粘贴图片_{dt.datetime.now():%Y%m%d_%H%M%S}"
    target, number = target_dir / f"{stem}.png", 2
    while target.exists():
        target, number = target_dir / f"{stem} ({number}).png", number + 1
    if not image.save(str(target), "PNG"):
        raise PictureError(f"无法保存图片到“{target}”，请检查磁盘空间和写入权限。")
    return relative_to_project(target, project_file.parent) or str(target)


def project_file_for_pictures(parent: QWidget, context: BlockContext) -> Path | None:
    """The project file, asking the user to save the project first if it has never been saved."""
    path = context.project_file()
    if path is not None:
        return path
    answer = QMessageBox.question(
        parent, "先保存项目",
        "插入的图片要复制到项目文件旁边的“项目名_附件”文件夹中，所以需要先保存项目。\n\n现在保存项目吗？",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    if answer != QMessageBox.StandardButton.Yes or not context.save():
        return None
    return context.project_file()
