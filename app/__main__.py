"""``python -m app`` and the packaged executable: the qcdesk command."""
import sys

from app.cli import main

if __name__ == "__main__":
    # In the packaged Windows executable a spawned export worker re-runs this file: freeze_support
    # turns that run into the worker instead of a second qcdesk. It does nothing unfrozen, and
    # multiprocessing is not worth importing for a check.
    if getattr(sys, "frozen", False):
        import multiprocessing
        multiprocessing.freeze_support()
    sys.exit(main())
