"""``python -m app`` and the packaged executable: the qcdesk command."""
import gc
import sys

# Starting up (the imports, reading the project) makes many objects and no garbage: the cyclic
# collector only walks them again and again. app.cli.main switches it back on once that is done.
gc.disable()

from app.cli import COMMANDS, main


def _leave(code: int) -> None:
    """End a command line run at once: output and the log written out, the rest left to the
    system. Tearing down every object one by one (the parsed fonts, the document libraries) takes
    a noticeable part of a short command's time and writes nothing."""
    import logging
    import os

    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


if __name__ == "__main__":
    # In the packaged Windows executable a spawned export worker re-runs this file: freeze_support
    # turns that run into the worker instead of a second qcdesk. It does nothing unfrozen, and
    # multiprocessing is not worth importing for a check.
    if getattr(sys, "frozen", False):
        import multiprocessing
        multiprocessing.freeze_support()
    code = main()
    if len(sys.argv) > 1 and sys.argv[1] in COMMANDS:   # the window ends as Qt wants
        _leave(code)
    sys.exit(code)
