"""The window's live check: the rules at once, what only the documents can tell (page fit) later,
from a worker thread, so a big project never freezes the window while its forms are laid out.

``check(project)`` runs the notice's rules on the UI thread (tens of milliseconds even for 200
achievements) and returns them with the latest document findings; the documents' part runs on a
copy of the project in the ``checks`` lane of ``ui.background``. When it is back,
``documents_ready`` fires and ``findings`` holds the merged list. The worker calls
``exporters.checks.check_all`` itself (the one source of every finding) and keeps what the rules
alone do not give, so any check added there reaches the window too.

Only the newest request is answered: while one layout runs, later requests wait as one (the
newest project), and an answer for an older project than the last one answered is dropped.
Document findings are kept until fresher ones arrive, unless the achievements changed (added,
removed, reordered, retitled): then their paths might point at the wrong one, so they are dropped.
"""
from __future__ import annotations

import threading
from collections import Counter
from os import PathLike
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from exporters.checks import check_all
from forms.project import Project
from forms.rules import Finding, check_project
from ui.background import submit

LANE = "checks"
layout_lock = threading.Lock()
"""Held while a form is laid out (page fit, preview, export): the layout caches of exporters are
shared by the window's worker and the UI thread, and two layouts at once could trip over them."""


def _can_draw():
    from exporters.fonts import can_draw   # reportlab and the fonts load at the first check
    return can_draw


def rule_findings(project: Project, base_dir: str | PathLike[str] | None) -> list[Finding]:
    """What ``check_all`` finds without laying out any document."""
    return check_project(project, None, base_dir=base_dir, can_draw=_can_draw())


def document_findings(text: str, base_dir: Path | None, rules_found: list[Finding]) -> list[Finding]:
    """On the worker: the findings of ``check_all`` that the rules alone do not give, for the
    project saved as ``text`` (a copy the window cannot change meanwhile) whose rule findings
    are ``rules_found``."""
    project = Project.model_validate_json(text)
    rules = Counter(rules_found)
    with layout_lock:
        everything = check_all(project, base_dir=base_dir)
    documents: list[Finding] = []
    for finding in everything:
        if rules[finding] > 0:
            rules[finding] -= 1
        else:
            documents.append(finding)
    return documents


def shape_of(project: Project) -> tuple:
    """What the paths of findings depend on: the achievements in order, the reviewers."""
    return (tuple(a.title for a in project.group_achievements),
            tuple(a.title for a in project.team_achievements),
            len(project.reviewers), project.statistics is None)


class LiveCheck(QObject):
    documents_ready = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rules: list[Finding] = []
        self.documents: list[Finding] = []
        self._documents_shape: tuple | None = None
        self._shape: tuple | None = None
        self._asked = 0            # number of the newest request
        self._answered = 0         # number of the request the documents' findings answer
        self._running = False
        self._waiting: tuple[int, str, Path | None, tuple, list[Finding]] | None = None

    @property
    def findings(self) -> list[Finding]:
        documents = self.documents if self._documents_shape == self._shape else []
        return self.rules + documents

    @property
    def pending(self) -> bool:
        """A layout is running or waiting: the document findings may still change."""
        return self._running or self._waiting is not None

    def forget(self) -> None:
        """Another project: nothing measured so far, or still being measured, belongs to it."""
        self.documents, self._documents_shape = [], None
        self._answered = self._asked
        self._waiting = None

    def check(self, project: Project, base_dir: Path | None) -> list[Finding]:
        """The rules now, the documents' findings as last known; the documents are measured again."""
        self.rules = rule_findings(project, base_dir)
        self._shape = shape_of(project)
        self._asked += 1
        request = (self._asked, project.model_dump_json(), base_dir, self._shape, list(self.rules))
        if self._running:
            self._waiting = request        # only the newest waits; older ones are never run
        else:
            self._start(request)
        return self.findings

    def _start(self, request: tuple[int, str, Path | None, tuple, list[Finding]]) -> None:
        number, text, base_dir, shape, rules = request
        self._running, self._waiting = True, None
        submit(LANE, self, lambda: document_findings(text, base_dir, rules),
               lambda found, error: self._done(number, shape, found, error))

    def _done(self, number: int, shape: tuple, found: list[Finding] | None,
              error: BaseException | None) -> None:
        self._running = False
        if self._waiting is not None:
            self._start(self._waiting)     # the project changed meanwhile: measure the newest
        if error is not None or found is None or number <= self._answered:
            return                         # check_all never raises; an older answer is dropped
        self._answered = number
        self.documents, self._documents_shape = found, shape
        self.documents_ready.emit()
