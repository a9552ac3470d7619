"""Windows: the packaged qcdesk.exe is a window program (no console flashes on double-click); when
it is run as ``qcdesk check …`` from a command prompt it attaches to that prompt's console."""
from __future__ import annotations

import os
import sys


def attach_parent_console() -> None:
    """Give print() somewhere to go when started from cmd or PowerShell without a console."""
    if os.name != "nt" or (sys.stdout is not None and sys.stderr is not None):
        return
    import ctypes

    attach_parent_process = -1
    if not ctypes.windll.kernel32.AttachConsole(attach_parent_process):
        return   # double-clicked, or output redirected elsewhere: nothing to attach to
    sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
    sys.stderr = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
