"""Reading, validating, storing and caching data (files, the store, sessions, accounts)."""
