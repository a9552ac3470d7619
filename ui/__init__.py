"""The Qt user interface: main window, one page per form, widgets bound to the models."""
