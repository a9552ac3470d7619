"""The version, from the installed package's metadata (pyproject.toml is the one source)."""
from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path


def version() -> str:
    try:
        return metadata.version("qcdesk")
    except metadata.PackageNotFoundError:
        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            return "未知"
