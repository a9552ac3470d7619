"""Entry points and wiring: the ``qcdesk`` command, settings, logging, autosave paths."""
