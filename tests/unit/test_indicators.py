import math

import pandas as pd
import pytest

from geo.analysis.indicators import aggregate_prevalence, change_table, percent, wilson_interval
from geo.core.schema import INDICATORS


def test_wilson_known_values():
    lo, hi = wilson_interval(0, 10)
    assert lo == pytest.approx(0.0)
    assert hi == pytest.approx(27.75, abs=0.01)
    lo, hi = wilson_interval(50, 100)
    assert lo == pytest.approx(40.38, abs=0.01)
    assert hi == pytest.approx(59.62, abs=0.01)


def test_wilson_without_children_is_nan():
    assert all(math.isnan(v) for v in wilson_interval(0, 0))


def test_percent():
    assert percent(2301, 8125) == pytest.approx(28.32)
    assert math.isnan(percent(1, 0))


def test_catalogue_has_the_required_interventions():
    for code in ("stunting", "ttd_remaja", "anc4", "timbang_baduta", "imunisasi_dasar", "air_minum", "jamban_sehat"):
        assert code in INDICATORS


def test_aggregate_and_change_worst_first():
    prev = pd.DataFrame(
        {
            "kec": ["A", "A", "B", "B"],
            "tahun": [2020, 2021, 2020, 2021],
            "balita_diukur": [100, 100, 100, 100],
            "balita_stunting": [20, 30, 40, 35],
        }
    )
    agg = aggregate_prevalence(prev, ["kec", "tahun"])
    ch = change_table(agg, "kec", 2020, 2021)
    assert list(ch["kec"]) == ["A", "B"]
    assert ch["perubahan"].tolist() == pytest.approx([10.0, -5.0])
