"""Configuration, errors, messages and i18n, and the one schema of tables and indicators."""
