"""Thin wiring from inputs to geo/ and back to component props.

Each module exposes plain functions (called directly by the unit tests) and a
``register(app)`` that connects them to Dash.
"""
