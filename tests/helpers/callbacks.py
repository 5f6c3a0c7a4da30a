"""Calling the app's callbacks directly, as Dash would: their inputs, and the text they return."""

from __future__ import annotations

from geo.analysis import dataset
from geo.views import lokusview as lv
from layouts import ids


def text_of(component) -> str:
    """All text inside a Dash component tree."""
    out = []

    def walk(c):
        if c is None:
            return
        if isinstance(c, (str, int, float)):
            out.append(str(c))
            return
        if isinstance(c, (list, tuple)):
            for x in c:
                walk(x)
            return
        walk(getattr(c, "children", None))

    walk(component)
    return " ".join(out)


def inputs(ds=None, **weights):
    """The lokus page's update inputs for the data's defaults, with some weights changed."""
    ds = ds or dataset.current()
    d = lv.defaults(ds)
    w = d["weights"] | weights
    codes = list(w)
    wid = [{"type": ids.LOKUS_WEIGHT, "c": c} for c in codes]
    rid = [{"type": ids.LOKUS_TH_RED, "c": c} for c in codes]
    yid = [{"type": ids.LOKUS_TH_YELLOW, "c": c} for c in codes]
    return (
        d["n"],
        [w[c] for c in codes],
        wid,
        [d["thresholds"][c][0] for c in codes],
        rid,
        [d["thresholds"][c][1] for c in codes],
        yid,
    )
