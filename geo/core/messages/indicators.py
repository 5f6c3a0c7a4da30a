"""The indicators' names, short names, numerators and denominators: from the bundled catalogue
(data/indikator.csv, read by geo.core.schema), not typed here. geo.core.i18n.t reads these keys
from the catalogue in effect first, so an imported indicator (or a changed label) shows too."""

from geo.core.schema import BUNDLED

MESSAGES = {
    ind.label_key + suffix: (text_id, text_en) for ind in BUNDLED.values() for suffix, text_id, text_en in ind.texts
}
