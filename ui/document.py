"""The open project as a document: the project, its file, the dirty flag, undo/redo and autosave.

Windows are views of a document. Every change to the project is a command on the document's
QUndoStack, which stores copies of the value it changed (a field, a list, the sections of a
report, or the whole project), so undoing puts back exactly what was there, whichever page shows
it now. The project is dirty when the stack is away from the state last saved; undoing back to it
clears the mark. No widgets here.
"""
from __future__ import annotations

import copy
import logging
from pathlib import Path as FsPath
from typing import Any

import shiboken6
from pydantic import BaseModel
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app import autosave
from forms.locations import Path
from forms.os_errors import os_reason
from forms.project import Project

log = logging.getLogger(__name__)

_EDIT_ID = 1201   # QUndoStack merges only commands with the same id; mergeWith checks the field


def value_at(project: Project, path: Path) -> Any:
    """The value at ``path`` (attribute names and list indices); the project itself for ``()``."""
    value: Any = project
    for step in path:
        value = value[step] if isinstance(step, int) else getattr(value, step)
    return value


def set_value_at(project: Project, path: Path, value: Any) -> None:
    """Put a copy of ``value`` at ``path``; ``()`` replaces every field of the project in place."""
    value = copy.deepcopy(value)
    if not path:
        for name in type(project).model_fields:
            setattr(project, name, getattr(value, name))
        return
    parent = value_at(project, path[:-1])
    if isinstance(path[-1], int):
        parent[path[-1]] = value
    else:
        setattr(parent, str(path[-1]), value)


def page_key(path: Path) -> tuple:
    """The tree node that shows ``path``: ("group", 2), ("statistics",), ("declarant",)…"""
    top = str(path[0]) if path else "declarant"
    kind = {"group_achievements": "group", "team_achievements": "team"}.get(top)
    if kind and len(path) > 1 and isinstance(path[1], int):
        return (kind, path[1])
    if kind:
        return (kind + "s",)
    return (top,)


def typing_like(old: Any, new: Any) -> bool:
    """Text typed (a few characters inserted at one place, as a key or an input method gives
    them) or one character erased: such edits of one field merge into one undo step.

    Anything else (a longer paste, a selection replaced or deleted, Ctrl+A then Delete) stays a
    step of its own, so it can be undone alone.
    """
    if not (isinstance(old, str) and isinstance(new, str)):
        return False
    if len(new) > len(old):
        return _kept(old, new) == len(old) and len(new) - len(old) <= MAX_TYPED
    return len(old) - len(new) == 1 and _kept(new, old) == len(new)


MAX_TYPED = 10   # an input method commits a word or phrase at once


def _kept(short: str, long: str) -> int:
    """How much of ``short`` stays around one edited place of ``long``: common head plus tail."""
    head = 0
    while head < len(short) and short[head] == long[head]:
        head += 1
    tail = 0
    while tail < len(short) - head and short[-1 - tail] == long[-1 - tail]:
        tail += 1
    return head + tail


class ValueEdit(QUndoCommand):
    """The value at one path changed from ``old`` to ``new`` (both kept as copies)."""

    def __init__(self, document: ProjectDocument, path: Path, old: Any, new: Any, label: str, *,
                 select: tuple | None = None, select_undo: tuple | None = None,
                 focus: Path | None = None, merge_key: tuple | None = None) -> None:
        super().__init__(label)
        self.document = document
        self.path = tuple(path)
        self.old, self.new = old, new
        self.select = select or page_key(self.path)
        self.select_undo = select_undo or self.select
        self.focus = tuple(focus) if focus is not None else self.path
        self.merge_key = merge_key
        self._pushed = False   # the first redo runs on push: the change is already in the model

    def id(self) -> int:  # noqa: A003 (Qt name)
        return _EDIT_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt name)
        if not isinstance(other, ValueEdit) or other.merge_key != self.merge_key:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        set_value_at(self.document.project, self.path, self.new)

    def undo(self) -> None:
        set_value_at(self.document.project, self.path, self.old)

    def shown_after(self, undone: bool) -> tuple[tuple, tuple]:
        """The page to show and the path to focus once this step is undone (or redone)."""
        if undone:
            return self.select_undo, self.focus if self.select_undo == self.select else ()
        return self.select, self.focus


class ProjectDocument(QObject):
    """The project being edited, with its file, undo stack and autosaved draft."""

    changed = Signal()                 # the project changed: an edit, an undo or a redo
    dirty_changed = Signal(bool)
    restored = Signal(tuple, tuple)    # after undo/redo: the page to show and the path to focus
    autosaved = Signal(str)            # the note for the status bar: draft written, or why not

    def __init__(self, autosave_seconds: int = 30, parent: QObject | None = None) -> None:
        super().__init__(parent)
        import uuid
        self.session = uuid.uuid4().hex[:8]
        self.project = Project()
        self.path: FsPath | None = None
        self.from_sample = False
        self.autosave_pending = False
        self._forced_dirty = False     # changed without a command (a recovered draft, a merge)
        self._was_dirty = False
        self._resetting = False
        self._recorded = False         # a page's change was recorded since the window last asked
        self.stack = QUndoStack(self)
        self.stack.indexChanged.connect(self._stack_moved)
        self.stack.cleanChanged.connect(lambda _clean: self._dirty_maybe_changed())
        self.autosave_timer = QTimer(self, interval=max(2, autosave_seconds) * 1000)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self.autosave_timer.start()

    # ---- state --------------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._forced_dirty or not self.stack.isClean()

    @dirty.setter
    def dirty(self, value: bool) -> None:
        if value:
            self._forced_dirty = True
        else:
            self._forced_dirty = False
            self.stack.setClean()
        self._dirty_maybe_changed()

    def _dirty_maybe_changed(self) -> None:
        if not shiboken6.isValid(self.stack):
            return   # the stack clears itself while it is being destroyed with the window
        if self.dirty != self._was_dirty:
            self._was_dirty = self.dirty
            self.dirty_changed.emit(self._was_dirty)

    def _stack_moved(self, _index: int) -> None:
        if self._resetting:
            return
        self.autosave_pending = True
        self._dirty_maybe_changed()
        self.changed.emit()

    def reset(self, project: Project, path: FsPath | None, *, from_sample: bool = False,
              dirty: bool = False) -> None:
        """Another project (new, opened, recovered): its history starts here."""
        self.project, self.path, self.from_sample = project, path, from_sample
        self._resetting = True     # the menu follows the cleared stack; the project did not change
        try:
            self.stack.clear()
        finally:
            self._resetting = False
        self._forced_dirty = dirty
        self.autosave_pending = dirty
        self._dirty_maybe_changed()

    def mark_saved(self, path: FsPath) -> None:
        self.path, self.from_sample, self.autosave_pending = path, False, False
        self.dirty = False

    def note_unrecorded_change(self) -> None:
        """A change made outside a command: it cannot be undone but must still be saved."""
        self.autosave_pending = True
        if not self._forced_dirty:
            self._forced_dirty = True
            self._dirty_maybe_changed()

    # ---- commands -----------------------------------------------------------------------------
    def record(self, path: Path, old: Any, label: str, *, merge: bool = False,
               focus: Path | None = None) -> bool:
        """The value at ``path`` was ``old`` (a copy) and has just changed: make that a step.

        ``merge``: the change is typing (see ``typing_like``); consecutive typing into the same
        place (``path`` and ``focus``) becomes one step. Returns whether anything changed.
        """
        path = tuple(path)
        new = copy.deepcopy(value_at(self.project, path))
        if _same(old, new):
            return False
        key = (*path, *(focus or ())) if merge else None
        self.stack.push(ValueEdit(self, path, old, new, label, focus=focus, merge_key=key))
        self._recorded = True
        return True

    def take_recorded(self) -> bool:
        """Whether ``record`` made a step since the last call (the window checks each page change)."""
        recorded, self._recorded = self._recorded, False
        return recorded

    def replace(self, path: Path, value: Any, label: str, *, select: tuple,
                select_undo: tuple) -> None:
        """Put ``value`` at ``path`` (a list of achievements, the whole project) as one step."""
        path = tuple(path)
        old = copy.deepcopy(value_at(self.project, path))
        set_value_at(self.project, path, value)
        self.stack.push(ValueEdit(self, path, old, copy.deepcopy(value), label, select=select,
                                  select_undo=select_undo, focus=()))

    def undo(self) -> None:
        """Undo the last step, then let the views show it (only once the stack is settled: a view
        rebuilt may hand over what an editor still held, which is a new step)."""
        command = self.stack.command(self.stack.index() - 1)
        if command is None:
            return
        self.stack.undo()
        if isinstance(command, ValueEdit):
            self.restored.emit(*command.shown_after(undone=True))

    def redo(self) -> None:
        command = self.stack.command(self.stack.index())
        if command is None:
            return
        self.stack.redo()
        if isinstance(command, ValueEdit):
            self.restored.emit(*command.shown_after(undone=False))

    # ---- drafts -------------------------------------------------------------------------------
    def autosave_now(self) -> None:
        if not self.autosave_pending:
            return
        try:
            autosave.write_draft(self.project, self.path, self.session)
            self.autosave_pending = False
            self.autosaved.emit("已自动保存草稿")
        except Exception as exc:   # never an error box every few seconds: a note, and a retry
            log.warning("autosave failed", exc_info=True)
            why = os_reason(exc) if isinstance(exc, OSError) else "发生意外错误，详见日志文件"
            self.autosaved.emit(f"自动保存失败：{why}")

    def forget_draft(self) -> None:
        autosave.discard_draft(self.path, self.session)


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, BaseModel) or isinstance(new, BaseModel):
        return type(old) is type(new) and old == new
    return old == new
