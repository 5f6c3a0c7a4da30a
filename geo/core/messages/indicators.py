"""The indicators' names, short names, numerators and denominators: from the catalogue
(data/indikator.csv, read by geo.core.schema), not typed here."""

from geo.core.schema import INDICATORS

MESSAGES = {
    ind.label_key + suffix: (text_id, text_en) for ind in INDICATORS.values() for suffix, text_id, text_en in ind.texts
}
