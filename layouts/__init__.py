"""Component trees: pure functions of plain data, no callbacks, no file I/O."""
