"""User settings (recent files, last folder), kept as a small JSON file; never fatal when damaged."""
from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path

from app.paths import settings_file
from forms.project_file import write_atomic

log = logging.getLogger(__name__)
MAX_RECENT = 10


@dataclass
class Settings:
    recent_files: list[str] = field(default_factory=list)
    last_export_dir: str = ""
    autosave_seconds: int = 5
    window_geometry: str = ""   # Qt's saveGeometry(), base64; empty on first start (maximised)

    def add_recent(self, path: str | Path) -> None:
        text = str(Path(path).absolute())
        self.recent_files = [text] + [p for p in self.recent_files if p != text]
        del self.recent_files[MAX_RECENT:]

    @property
    def last_file(self) -> Path | None:
        for name in self.recent_files:
            if Path(name).is_file():
                return Path(name)
        return None


def load_settings() -> Settings:
    path = settings_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        known = {k: v for k, v in data.items() if k in Settings.__dataclass_fields__}
        settings = Settings(**known)
        settings.recent_files = [str(p) for p in settings.recent_files if isinstance(p, str)]
        return settings
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError, TypeError):
        log.warning("settings file %s is damaged; starting with defaults", path, exc_info=True)
        return Settings()


def save_settings(settings: Settings) -> None:
    path = settings_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(asdict(settings), ensure_ascii=False, indent=2).encode("utf-8"))
    except OSError:
        log.warning("cannot save settings to %s", path, exc_info=True)
