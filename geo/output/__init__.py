"""Files: PDF, PNG, CSV, XLSX and GeoPackage."""
