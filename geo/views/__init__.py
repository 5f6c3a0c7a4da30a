"""The plain data each page and slide shows (no Dash: component trees live in layouts/)."""
