"""Konvergensi data and analysis layer.

Everything here works on plain (Geo)DataFrames and never imports Dash, so it can be
used from the command line, from tests and from the web app alike.
"""
