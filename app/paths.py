"""Where qcdesk keeps its own files: settings, autosaved drafts, logs (per user, via platformdirs)."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "qcdesk"


def data_dir() -> Path:
    """The user data folder (``QCDESK_DATA_DIR`` overrides it, for tests and portable use)."""
    override = os.environ.get("QCDESK_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    """The user log folder (``QCDESK_LOG_DIR`` overrides it)."""
    override = os.environ.get("QCDESK_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def autosave_dir() -> Path:
    return data_dir() / "autosave"


def settings_file() -> Path:
    return data_dir() / "settings.json"
