"""Autosaved drafts: the project as typed, written every few seconds to the user data folder.

One draft per open project (keyed by its file, or "untitled"). A clean save or close removes it;
a draft left behind at start means the app did not close cleanly and is offered for recovery.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from app.paths import autosave_dir
from forms.project import Project
from forms.project_file import project_from_data, project_to_json, write_atomic
from forms.safe_json import decode

log = logging.getLogger(__name__)


@dataclass
class Draft:
    path: Path                 # the draft file
    original: Path | None      # the project file it belongs to, or None for an unsaved project
    saved_at: dt.datetime

    def load(self) -> Project:
        # No text length limit: a draft holds what was typed, even what is too long to save.
        data = decode(self.path.read_text(encoding="utf-8"), text_limit=None)
        return project_from_data(data["project"])


def draft_path(original: Path | None, session: str = "") -> Path:
    key = str(original.absolute()) if original else f"untitled-{session}"
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    return autosave_dir() / f"{digest}.autosave.json"


def write_draft(project: Project, original: Path | None, session: str = "") -> Path:
    """Write the draft atomically; returns its path. Raises OSError when the folder is unwritable."""
    path = draft_path(original, session)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "original": str(original.absolute()) if original else None,
        "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
        "project": json.loads(project_to_json(project)),
    }
    write_atomic(path, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    return path


def discard_draft(original: Path | None, session: str = "") -> None:
    draft_path(original, session).unlink(missing_ok=True)


def pending_drafts() -> list[Draft]:
    """Drafts left by a session that did not end cleanly, newest first; unreadable ones skipped."""
    drafts: list[Draft] = []
    folder = autosave_dir()
    if not folder.is_dir():
        return drafts
    for path in folder.glob("*.autosave.json"):
        try:
            data = decode(path.read_text(encoding="utf-8"), text_limit=None)
            original = Path(data["original"]) if data.get("original") else None
            saved_at = dt.datetime.fromisoformat(data["saved_at"])
            drafts.append(Draft(path, original, saved_at))
        except Exception:   # a damaged draft must never stop the window from starting
            log.warning("ignoring unreadable autosave %s", path, exc_info=True)
    return sorted(drafts, key=lambda d: d.saved_at, reverse=True)


def recover(draft: Draft) -> Project | None:
    try:
        return draft.load()
    except Exception:   # ProjectFileError, OSError, a damaged payload: all mean "cannot recover"
        log.warning("autosave %s cannot be recovered", draft.path, exc_info=True)
        return None
