import math

import pytest

from geo.analysis import classify
from geo.analysis.classify import COVERAGE, WHO_PREVALENCE, class_index, legend_counts


@pytest.mark.parametrize(
    "value, expected",
    [
        (0.0, 0),
        (2.4999, 0),
        (2.5, 1),
        (9.99, 1),
        (10.0, 2),
        (19.999, 2),
        (20.0, 3),
        (29.99, 3),
        (30.0, 4),
        (100.0, 4),
    ],
)
def test_who_classes_are_half_open(value, expected):
    assert class_index(value, WHO_PREVALENCE) == expected


@pytest.mark.parametrize("value", [None, math.nan, "abc"])
def test_no_data(value):
    assert class_index(value, WHO_PREVALENCE) is None


def test_percent_on_boundary_computed_like_the_browser():
    # 3 of 10 children is exactly 30% and must fall in the highest class.
    assert class_index(100 * 3 / 10, WHO_PREVALENCE) == 4


def test_legend_counts_include_nodata():
    counts, nodata = legend_counts([1, 2.5, 15, 25, 35, 45, None, math.nan], WHO_PREVALENCE)
    assert counts == [1, 1, 1, 1, 2]
    assert nodata == 2


def test_palettes_have_one_colour_per_class_and_distinct_nodata():
    for scale in (WHO_PREVALENCE, COVERAGE, classify.CHANGE):
        assert len(scale.colors) == len(scale.breaks) + 1 == len(scale.class_keys)
        assert scale.nodata_color not in scale.colors
        assert list(scale.breaks) == sorted(scale.breaks)


def test_js_uses_the_same_rule():
    js = classify.__file__.replace("geo/analysis/classify.py", "assets/map.js")
    text = open(js, encoding="utf-8").read()
    assert "value >= breaks[i]" in text
    assert "100 * v[0] / v[1]" in text


def test_map_functions_have_unique_names_across_assets():
    """All assets/*.js share window.konvergensi: a name defined twice silently replaces the other."""
    import re
    from pathlib import Path

    names = []
    for js_file in sorted(Path(classify.__file__).resolve().parent.parent.joinpath("assets").glob("*.js")):
        names += re.findall(r"^\s*K\.(\w+)\s*=", js_file.read_text(encoding="utf-8"), flags=re.M)
    assert len(names) == len(set(names)), sorted({n for n in names if names.count(n) > 1})
