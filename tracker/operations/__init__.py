"""The write side: functions that take a Session, change rows, write the audit trail and flush.

They never commit: the edge (a view or a CLI command) commits once per request.
"""
