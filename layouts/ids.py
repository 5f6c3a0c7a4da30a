"""Every component id of the app, in one place."""

LANG = "lang"
DEMO_BANNER = "demo-banner"

# Map page
MAP = "map"
DESA_LAYER = "desa-layer"
KEC_LAYER = "kecamatan-layer"
LABEL_LAYER = "label-layer"
SARANA_LAYER = "sarana-layer"
TILE_GROUP = "tile-group"
INDICATOR = "indicator"
YEAR = "year"
LOKUS_SHOW = "lokus-show"
LOKUS_YEAR = "lokus-year"
SARANA_SHOW = "sarana-show"
SARANA_TYPE = "sarana-type"
SARANA_STATUS = "sarana-status"
SARANA_YEAR = "sarana-year"
SARANA_COUNT = "sarana-count"
TILES_SHOW = "tiles-show"
LEGEND = "legend"
PROFILE = "profile"
PROFILE_BODY = "profile-body"
PROFILE_CLOSE = "profile-close"

# Trend page
TREND_PUBLISHED = "trend-published"
TREND_KEC = "trend-kecamatan"
TREND_DESA = "trend-desa"

# Map page: in-place restyle (issue 7). The current choice travels in DESA_STYLE; a
# clientside callback restyles the drawn villages and writes its result to DESA_STYLE_APPLIED.
DESA_STYLE = "desa-style"
DESA_STYLE_APPLIED = "desa-style-applied"
LEGEND_STATIC = "legend-static"  # legend texts that do not change on the page
