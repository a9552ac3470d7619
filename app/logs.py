"""Logging to a file in the user's log folder, so that no traceback ever reaches a user."""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from app.paths import log_dir


def log_file() -> Path:
    return log_dir() / "qcdesk.log"


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send log records to a rotating file; returns its path, or ``None`` if it cannot be written."""
    root = logging.getLogger()
    path = log_file()
    for old in [h for h in root.handlers if getattr(h, "_qcdesk", False)]:
        if Path(old.baseFilename) == path.resolve():  # type: ignore[attr-defined]
            return path
        root.removeHandler(old)  # the log folder moved (tests, or a changed setting)
        old.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._qcdesk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return path
