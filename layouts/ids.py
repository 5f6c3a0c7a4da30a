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

# Rembuk deck (/rembuk)
REMBUK_DECK = "rembuk-deck"
REMBUK_COUNTER = "rembuk-counter"
REMBUK_PREV = "rembuk-prev"
REMBUK_NEXT = "rembuk-next"
REMBUK_FULLSCREEN = "rembuk-fullscreen"
REMBUK_PNG = "rembuk-png"
REMBUK_PDF = "rembuk-pdf"
REMBUK_TREND = "rembuk-trend"
REMBUK_MAP_PREV = "rembuk-map-prevalence"
REMBUK_MAP_CHANGE = "rembuk-map-change"
REMBUK_MAP_LOKUS = "rembuk-map-lokus"
REMBUK_SARANA = "rembuk-sarana"

# Methods page (/metode)
METHODS = "methods"

# Data page (/data)
DATA_KIND = "data-kind"
DATA_UPLOAD = "data-upload"
DATA_CHECK = "data-check"
DATA_PENDING = "data-pending"
DATA_ACCEPT = "data-accept"
DATA_CONFIRM = "data-confirm"
DATA_MESSAGE = "data-message"
DATA_VERSIONS = "data-versions"
DATA_RESTORE = "data-restore"  # pattern-matching type: {"type": DATA_RESTORE, "index": version id}
DATA_LOGIN_USER = "data-login-user"
DATA_LOGIN_PASSWORD = "data-login-password"

# Quality page (/kualitas)
QUALITY_TABLE = "quality-table"
QUALITY_FLAGS = "quality-flags"

# Map page: in-place restyle (issue 7). The current choice travels in DESA_STYLE; a
# clientside callback restyles the drawn villages and writes its result to DESA_STYLE_APPLIED.
DESA_STYLE = "desa-style"
DESA_STYLE_APPLIED = "desa-style-applied"
LEGEND_STATIC = "legend-static"  # legend texts that do not change on the page
