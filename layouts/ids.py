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
CLUSTER_K = "cluster-k"  # k nearest neighbours of the "Klaster spasial" view
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
DATA_PER_MONTH = "data-per-month"  # pengukuran: one period per month
DATA_UPLOAD = "data-upload"
DATA_CHECK = "data-check"
DATA_PENDING = "data-pending"
DATA_ACCEPT = "data-accept"
DATA_CONFIRM = "data-confirm"
DATA_MESSAGE = "data-message"
DATA_VERSIONS = "data-versions"
DATA_RESTORE = "data-restore"  # pattern-matching type: {"type": DATA_RESTORE, "index": version id}
MAP_OFFICE = "map-office"  # the office whose figures the map shows (only when several report)
MAP_OFFICE_BOX = "map-office-box"
DATA_WITHDRAW = "data-withdraw"  # pattern-matching type: {"type": DATA_WITHDRAW, "index": version id}
DATA_LOGIN_USER = "data-login-user"
DATA_LOGIN_PASSWORD = "data-login-password"

# Quality page (/kualitas)
QUALITY_TABLE = "quality-table"
QUALITY_FLAGS = "quality-flags"

# ----- Lokus workbench (/lokus) --------------------------------------------------------
LOKUS_N = "lokus-n"
LOKUS_INSET_LAYER = "lokus-inset-layer"  # pattern {"type": ..., "i": n}: far-off villages
LOKUS_PREV = "lokus-prev"  # smoothed or measured prevalence in the score
LOKUS_WEIGHT = "lokus-weight"  # pattern {"type": LOKUS_WEIGHT, "c": criterion code}
LOKUS_TH_RED = "lokus-th-red"  # pattern {"type": LOKUS_TH_RED, "c": criterion code}
LOKUS_TH_YELLOW = "lokus-th-yellow"  # pattern {"type": LOKUS_TH_YELLOW, "c": criterion code}
LOKUS_RESET = "lokus-reset"
LOKUS_ERROR = "lokus-error"
LOKUS_PARAMS = "lokus-params"  # store: last valid {weights, thresholds, n}
LOKUS_OVERRIDES = "lokus-overrides"  # store: {add, remove, reasons}
LOKUS_GRID = "lokus-grid"
LOKUS_SEARCH = "lokus-search"
LOKUS_SUMMARY = "lokus-summary"
LOKUS_MAP = "lokus-map"
LOKUS_DESA_LAYER = "lokus-desa-layer"
LOKUS_KEC_LAYER = "lokus-kecamatan-layer"
LOKUS_SARANA_LAYER = "lokus-sarana-layer"
LOKUS_GAP = "lokus-gap"
LOKUS_STABILITY = "lokus-stability"
LOKUS_SC_NAME = "lokus-sc-name"
LOKUS_SC_LOGIN_NOTE = "lokus-sc-login-note"
LOKUS_SC_SAVE = "lokus-sc-save"
LOKUS_SC_MSG = "lokus-sc-msg"
LOKUS_SC_PICK = "lokus-sc-pick"
LOKUS_SC_OPEN = "lokus-sc-open"
LOKUS_SC_A = "lokus-sc-a"
LOKUS_SC_B = "lokus-sc-b"
LOKUS_SC_DIFF = "lokus-sc-diff"
LOKUS_SC_CURRENT = "lokus-sc-current"  # store: name of the scenario opened or saved last
LOKUS_DL_XLSX = "lokus-dl-xlsx"
LOKUS_DL_CSV = "lokus-dl-csv"
LOKUS_DOWNLOAD = "lokus-download"
LOKUS_DL_MSG = "lokus-dl-msg"
LOKUS_PRINT = "lokus-print"
LOKUS_REASONS = "lokus-reasons"  # the panel listing the planner's changes, each with a reason input
LOKUS_REASON = "lokus-reason"  # pattern {"type": LOKUS_REASON, "kode": village code}

# ----- integration of issues 3-5 (data page: lokus scenario versions; ambiguous village names) -----
DATA_SCENARIOS = "data-scenarios"  # table of saved lokus scenario versions on /data

# ----- serving: data version notices (issue 6) --------------------------------------------
MAP_STALE = "map-stale"  # "data updated, reload" notice on the map page

# Map page: in-place restyle (issue 7). The current choice travels in DESA_STYLE; a
# clientside callback restyles the drawn villages and writes its result to DESA_STYLE_APPLIED.
DESA_STYLE = "desa-style"
DESA_STYLE_APPLIED = "desa-style-applied"
LEGEND_STATIC = "legend-static"  # legend texts that do not change on the page

# ----- data page: choosing the village for rows with an ambiguous name (issue 3 follow-up) -----
DATA_CHOICES = "data-choices"  # panel listing the rows whose village name matches several villages
DATA_CHOICE = "data-choice"  # pattern {"type": DATA_CHOICE, "index": spreadsheet row}: dropdown of candidates

# accounts (issue 15)
DATA_NOTICE = "data-notice"
DATA_FIRST_RUN = "data-first-run"
DATA_FIRST_USER = "data-first-user"
DATA_FIRST_PASSWORD = "data-first-password"
DATA_FIRST_AGAIN = "data-first-again"
DATA_FIRST_SUBMIT = "data-first-submit"
DATA_PW_CURRENT = "data-pw-current"
DATA_PW_NEW = "data-pw-new"
DATA_PW_AGAIN = "data-pw-again"
DATA_PW_SUBMIT = "data-pw-submit"
DATA_ACCOUNTS_LINK = "data-accounts-link"
DATA_AUDIT_LINK = "data-audit-link"
ACC_TABLE = "acc-table"
ACC_NAME = "acc-name"
ACC_ROLE = "acc-role"
ACC_OFFICE = "acc-office"
ACC_KINDS = "acc-kinds"
ACC_INDICATORS = "acc-indicators"
ACC_PASSWORD = "acc-password"
ACC_CREATE = "acc-create"
ACC_PICK = "acc-pick"
ACC_SAVE_ROLE = "acc-save-role"
ACC_DISABLE = "acc-disable"
ACC_ENABLE = "acc-enable"
ACC_RESET = "acc-reset"
ACC_MSG = "acc-msg"
AUDIT_ACCOUNT = "audit-account"
AUDIT_ACTION = "audit-action"
AUDIT_SINCE = "audit-since"
AUDIT_UNTIL = "audit-until"
AUDIT_TABLE = "audit-table"
AUDIT_CSV = "audit-csv"
