"""Konvergensi's data and analysis, everything that is not Dash.

Layers, each a subpackage that imports only the layers below it (tests/unit/test_layers.py):

- ``geo.core``: configuration, errors, messages and i18n, the table and indicator schema;
- ``geo.io``: reading, validating, storing and caching data;
- ``geo.analysis``: indicators, classes, lokus scoring, uncertainty, quality, trend;
- ``geo.views``: the plain data each page and slide shows;
- ``geo.output``: files (PDF, PNG, CSV, XLSX, GeoPackage).

Nothing here imports Dash or Flask, so it works from the command line, tests and the app alike.
"""
