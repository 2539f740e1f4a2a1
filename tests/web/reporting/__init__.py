"""The contact's reporting flow on the demo data (a package, so that the demo loads once for it)."""
