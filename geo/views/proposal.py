"""What the rembuk meeting sees as the lokus proposal, with a reason for every village.

The meeting is shown one list (deck slide 4, its PNG and the PDF pack):

* a saved scenario when asked for by name (and optionally version), else
* the latest scenario saved by a signed-in account (the most recently saved version of any
  name; scenarios stored without an account, before saving needed one, are never the
  default), else
* the default ranking's proposed top N (default weights, thresholds and N).

A scenario is recomputed with the current data (as the workbench and its print view do);
when the data changed since it was saved and the choice differs, the note says so.

Each village carries a reason: the planner's one-line reason for a village added by hand,
otherwise a computed one (rank, score and which criteria are red). Villages the planner
removed from the top N are listed separately with their reasons.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.analysis import lokus
from geo.core.i18n import fmt_int, fmt_num, indicator_text, t
from geo.io import scenarios
from geo.views import lokusview as lv

DEFAULT, SCENARIO = "bawaan", "skenario"


@dataclass
class Meeting:
    kind: str  # DEFAULT or SCENARIO
    res: lv.Result
    scenario: scenarios.Scenario | None = None
    fallback: bool = False  # the latest scenario could not be computed on the current data
    differs: int = 0  # villages that differ from the selection saved with the scenario

    @property
    def key(self) -> tuple:
        """Identifies what is shown (for caches): the scenario name and version, or the default."""
        if self.scenario is None:
            return (DEFAULT,)
        return (SCENARIO, self.scenario.name, self.scenario.version)

    @property
    def selected(self) -> list[str]:
        return list(self.res.selection.selected)


def _from_scenario(ds, sc: scenarios.Scenario) -> Meeting:
    res = lv.compute(ds, sc.weights, sc.thresholds, sc.n, sc.add, sc.remove, sc.reasons, smoothed=sc.smoothed)
    differs = len(set(res.selection.selected) ^ set(sc.selected))
    return Meeting(SCENARIO, res, sc, differs=differs)


def resolve(name: str | None = None, version: int | None = None) -> scenarios.Scenario | None:
    """The scenario to show: ``name`` (latest version, or ``version``), else the latest one saved
    by an account, else None (the default ranking). Raises scenarios.ScenarioError for an unknown name."""
    if name:
        return scenarios.open_(name, version)
    saved = [s for s in scenarios.list_all() if s["by"]]
    return scenarios.open_(saved[0]["name"], saved[0]["version"]) if saved else None


def key_of(sc: scenarios.Scenario | None) -> tuple:
    """Identifies what is shown (for caches of built files) without computing it."""
    return (DEFAULT,) if sc is None else (SCENARIO, sc.name, sc.version)


def meeting_of(ds, sc: scenarios.Scenario | None, strict: bool = False) -> Meeting:
    """The proposal of a resolved scenario (None = the default ranking). When the scenario cannot
    be computed on the current data: lokus.LokusError if ``strict``, else the default, flagged."""
    if sc is None:
        return Meeting(DEFAULT, lv.compute(ds))
    try:
        return _from_scenario(ds, sc)
    except lokus.LokusError:
        if strict:
            raise
        return Meeting(DEFAULT, lv.compute(ds), fallback=True)


def meeting(ds, name: str | None = None, version: int | None = None) -> Meeting:
    """The proposal to show. With ``name``: that scenario (raises scenarios.ScenarioError when it
    does not exist, lokus.LokusError when it cannot be computed); without: the latest saved
    scenario, or the default ranking when there is none or it cannot be computed."""
    return meeting_of(ds, resolve(name, version), strict=bool(name))


# ----- texts -----------------------------------------------------------------------------


def source_short(m: Meeting, lang: str) -> str:
    if m.scenario is None:
        return t("proposal.default_short", lang)
    return t(
        "proposal.scenario_short", lang, name=m.scenario.name, version=m.scenario.version, by=saved_by(m.scenario, lang)
    )


def saved_by(sc: scenarios.Scenario, lang: str) -> str:
    return sc.by or t("proposal.no_account", lang)


def source_text(m: Meeting, lang: str) -> str:
    """One or two sentences saying where the list comes from (for the slide side panel and the PDF)."""
    res = m.res
    if m.scenario is None:
        text = t("proposal.default_long", lang, n=fmt_int(res.n, lang))
        if m.fallback:
            text += " " + t("proposal.fallback", lang)
        return text
    sc = m.scenario
    text = t(
        "proposal.scenario_long",
        lang,
        name=sc.name,
        version=sc.version,
        by=saved_by(sc, lang),
        created=sc.created[:16].replace("T", " "),
        n=fmt_int(res.n, lang),
    )
    if sc.data_version != res.data_version:
        text += " " + (
            t(
                "proposal.data_changed",
                lang,
                saved=sc.data_version,
                now=res.data_version,
                count=fmt_int(m.differs, lang),
            )
            if m.differs
            else t("proposal.data_changed_same", lang, saved=sc.data_version, now=res.data_version)
        )
    return text


def _weight(w: float, lang: str) -> str:
    return fmt_num(w, lang, 0 if float(w).is_integer() else 2)


def weights_text(m: Meeting, lang: str) -> str:
    """The weights used, e.g. 'Prevalensi stunting (%) 3; Jumlah balita stunting 3; …'."""
    res = m.res
    parts = [f"{lokus.criterion_label(c, lang)} {_weight(res.weights[c], lang)}" for c in res.crit.codes]
    return t("proposal.weights", lang, weights="; ".join(parts), n=fmt_int(res.n, lang))


def _rank_text(res: lv.Result, row, lang: str) -> str:
    if not row["berskor"]:
        return t("lokus.tip.norank", lang)
    scored = int(res.ranked["berskor"].sum())
    return t(
        "proposal.rank",
        lang,
        rank=fmt_int(row["peringkat"], lang),
        of=fmt_int(scored, lang),
        score=fmt_num(row["skor"], lang, 1),
    )


def _red_text(res: lv.Result, i: int, lang: str) -> str:
    """'merah: prevalensi, jumlah balita stunting; cakupan merah: air minum layak, …'."""
    lights = res.lights.iloc[i]
    red = [c for c in res.crit.criteria if lights[c.code] == lokus.RED]
    need = [t(f"proposal.crit.{c.kind}", lang) for c in red if c.kind != "gap"]
    gaps = [indicator_text(c.indicator, lang) for c in red if c.kind == "gap"]
    parts = ([t("proposal.red", lang, criteria=", ".join(need))] if need else []) + (
        [t("proposal.red_gaps", lang, criteria=" · ".join(gaps))] if gaps else []
    )
    return "; ".join(parts) if parts else t("proposal.no_red", lang)


def computed_reason(res: lv.Result, kode: str, lang: str) -> str:
    """'Peringkat 3 dari 70, skor 82,4; merah: …' from the ranking and the traffic lights."""
    pos = res.ranked.index[res.ranked["kode_desa"] == kode]
    if not len(pos):
        return ""
    i = int(pos[0])
    row = res.ranked.loc[i]
    return f"{_rank_text(res, row, lang)}; {_red_text(res, i, lang)}"


def _item(m: Meeting, kode: str, status: str, lang: str) -> dict:
    res = m.res
    row = res.ranked.loc[res.ranked["kode_desa"] == kode].iloc[0]
    computed = computed_reason(res, kode, lang)
    if status in ("tambah", "keluar"):
        reason = t(f"proposal.planner_{status}", lang, reason=res.reasons.get(kode, ""), rank=computed)
    else:
        reason = computed
    return {
        "desa": kode,
        "reason": reason,
        "status": status,
        "planner": res.reasons.get(kode, "") if status in ("tambah", "keluar") else "",
        "rank": None if pd.isna(row["peringkat"]) else int(row["peringkat"]),
        "score": None if pd.isna(row["skor"]) else float(row["skor"]),
        "p_top": lv.p_top_of(res, kode),
    }


def items(m: Meeting, lang: str) -> list[dict]:
    """The selected villages in rank order: ``{"desa": kode, "reason", "status", "rank", "score"}``."""
    added = set(m.res.selection.added)
    return [_item(m, c, "tambah" if c in added else "usulan", lang) for c in m.res.selection.selected]


def removed_items(m: Meeting, lang: str) -> list[dict]:
    """Villages of the top N the planner took out, each with the planner's reason."""
    return [_item(m, c, "keluar", lang) for c in m.res.selection.removed]


def info(m: Meeting, lang: str) -> dict:
    """Everything the deck and the PDF need about the proposal (plain data)."""
    s = m.res.selection
    return {
        "kind": m.kind,
        "key": m.key,
        "short": source_short(m, lang),
        "source": source_text(m, lang),
        "weights": weights_text(m, lang),
        "items": items(m, lang),
        "removed": removed_items(m, lang),
        "added": len(s.added),
        "n_removed": len(s.removed),
        "n": m.res.n,
        "demo": m.res.demo,
    }
