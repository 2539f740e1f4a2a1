"""The agreement and party data files (data/), their idempotent loader, and the demo data."""
