"""The project leaders' pages (a package: its test modules may share names with tests elsewhere)."""
