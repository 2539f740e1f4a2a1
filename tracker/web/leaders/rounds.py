"""Being written (session 2): see tracker/web/leaders/__init__.py."""
