import pytest

from geo.core.i18n import fmt_int, fmt_num, fmt_pct, fmt_pp, t
from geo.core.messages import MESSAGES


def test_indonesian_number_format():
    assert fmt_pct(28.32, "id") == "28,32%"
    assert fmt_int(2283, "id") == "2.283"
    assert fmt_num(1234.5, "id", 1) == "1.234,5"


def test_english_number_format():
    assert fmt_pct(28.32, "en") == "28.32%"
    assert fmt_int(2283, "en") == "2,283"


def test_missing_values_show_a_dash():
    assert fmt_pct(float("nan"), "id") == "–"
    assert fmt_int(None, "id") == "–"


def test_signed_change():
    assert fmt_pp(1.32, "id", 2) == "+1,32 poin"
    assert fmt_pp(-0.5, "en", 1) == "−0.5 pts"


def test_translation_and_parameters():
    assert t("legend.count", "id", n="3") == "3 desa"
    assert t("legend.count", "en", n="3") == "3 villages"
    assert t("legend.count", "xx", n="3") == "3 desa"  # unknown language falls back to Indonesian


def test_unknown_key_is_an_error():
    with pytest.raises(KeyError):
        t("no.such.key")


def test_every_message_has_both_languages():
    for key, entry in MESSAGES.items():
        assert entry["id"], key
        assert entry["en"], key
