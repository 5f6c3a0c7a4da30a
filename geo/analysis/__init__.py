"""Indicators, classes, lokus scoring, uncertainty, spatial clusters, quality and trend."""
