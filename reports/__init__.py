"""How data goes OUT: `data` aggregates into typed report data; excel, charts and slides turn it into bytes.

Pure: report data in, bytes out. Never imports `tracker.web` or Flask.
"""
