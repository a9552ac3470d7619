"""Bundled data: campaign profiles, the sample project, fonts, icons."""
