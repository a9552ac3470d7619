"""Work the window hands to a worker thread (chart previews, the page-fit part of the check), with
the answer delivered back on the UI thread.

``submit(lane, owner, work, done)`` runs ``work()`` on the lane's thread and later calls
``done(result, error)`` on the UI thread, unless ``owner`` (a widget or the window) is gone by
then. Each lane has one thread, so its jobs run one at a time in the order given: two chart
previews never draw at once, and a second check waits for the first. ``work`` must only read data
that the UI thread no longer changes (callers pass copies). Callers number their requests and drop
answers older than the newest they asked for.
"""
from __future__ import annotations

import atexit
import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

Done = Callable[[Any, BaseException | None], None]


class _Relay(QObject):
    """Lives on the UI thread: a signal emitted from a worker arrives here through the event loop."""

    finished = Signal(object, object, object, object)   # owner, done, result, error

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)

    @staticmethod
    def _deliver(owner: QObject, done: Done, result: Any, error: BaseException | None) -> None:
        if not shiboken6.isValid(owner):
            return   # the page or window that asked has been closed meanwhile
        try:
            done(result, error)
        except Exception:   # noqa: BLE001 - never a traceback in the user's face
            log.exception("delivering background work")


class _Job(QRunnable):
    def __init__(self, relay: _Relay, owner: QObject, work: Callable[[], Any], done: Done) -> None:
        super().__init__()
        self.relay, self.owner, self.work, self.done = relay, owner, work, done

    def run(self) -> None:
        try:
            result, error = self.work(), None
        except Exception as exc:   # noqa: BLE001 - handed to ``done``, which tells the user
            log.exception("background work failed")
            result, error = None, exc
        self.relay.finished.emit(self.owner, self.done, result, error)


_relay: _Relay | None = None
_lanes: dict[str, QThreadPool] = {}


def submit(lane: str, owner: QObject, work: Callable[[], Any], done: Done) -> None:
    """Run ``work`` on the thread of ``lane``; ``done(result, error)`` follows on the UI thread."""
    global _relay
    if _relay is None:
        _relay = _Relay()
    pool = _lanes.get(lane)
    if pool is None:
        pool = _lanes[lane] = QThreadPool()
        pool.setMaxThreadCount(1)
    pool.start(_Job(_relay, owner, work, done))


def wait_idle(lane: str | None = None, msecs: int = 60_000) -> bool:
    """Wait until the lane (or every lane) has finished its jobs: tests, and work that must not
    overlap with them (a layout on the UI thread that shares the page-fit caches)."""
    pools = [_lanes[lane]] if lane is not None and lane in _lanes else \
        ([] if lane is not None else list(_lanes.values()))
    return all(pool.waitForDone(msecs) for pool in pools)


# A worker still drawing or measuring when the program ends finishes before Python shuts down.
atexit.register(lambda: wait_idle(msecs=30_000))
