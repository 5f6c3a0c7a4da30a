"""Issue 17, without a browser: each finding of the security review as a test that failed before its fix."""

from __future__ import annotations

import difflib
import io
import threading
import time
import zipfile

import geopandas as gpd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callbacks import exports
from callbacks import lokus as cb
from geo.analysis import dataset, lokus
from geo.core.errors import DataError, without_paths
from geo.core.i18n import fmt_int, fmt_num
from geo.io import boundaries, importers, readers, scenarios, validate
from geo.views import lokusview as lv
from geo.views import proposal

pytestmark = pytest.mark.usefixtures("data_dir")  # every test on an empty data folder of its own


@pytest.fixture
def client(web_server):
    server = web_server  # an app of this test's own, for its data folder

    return server.test_client()


def default_params(ds=None):
    d = lv.defaults(ds or dataset.current())
    return {"weights": dict(d["weights"]), "thresholds": {k: list(v) for k, v in d["thresholds"].items()}, "n": d["n"]}


# ----- 1. scenarios: only an account saves; bounds on everything a request can send ----------


def test_saving_a_scenario_needs_a_signed_in_account():
    msg, options, current = cb.save_scenario("Usulan Resmi Bappeda", default_params(), None, "en", user=None)
    assert "Only a signed-in account can save" in msg and current is cb.no_update
    assert scenarios.list_all() == []
    msg, _, current = cb.save_scenario("Usulan Bappeda", default_params(), None, "en", user="ana")
    assert msg == "Saved: Usulan Bappeda version 1." and scenarios.list_all()[0]["by"] == "ana"


@pytest.mark.parametrize(
    "weights, key",
    [
        ({"prevalensi": 1e308}, "lokus.err.weight_high"),
        ({"prevalensi": 100.5}, "lokus.err.weight_high"),
        ({"prevalensi": float("inf")}, "lokus.err.weight_invalid"),
    ],
)
def test_weights_have_an_upper_bound(weights, key):
    crit = lokus.criteria_of(dataset.current())
    with pytest.raises(lokus.LokusError) as e:
        lokus.check_weights(crit, weights)
    assert e.value.key == key
    assert lokus.check_weights(crit, {"prevalensi": 100})["prevalensi"] == 100


@pytest.mark.parametrize(
    "code, pair",
    [
        ("prevalensi", [101, 20]),
        ("prevalensi", [30, -1]),
        ("jumlah_stunting", [1e12, 1]),
        ("gap_air_minum", [1e308, 20]),
    ],
)
def test_thresholds_stay_within_the_indicators_range(code, pair):
    crit = lokus.criteria_of(dataset.current())
    with pytest.raises(lokus.LokusError) as e:
        lokus.check_thresholds(crit, {code: pair})
    assert e.value.key == "lokus.err.threshold_range"


def test_reasons_and_names_are_bounded():
    ds = dataset.current()
    res = lv.compute(ds)
    outsider = res.ranked.loc[res.ranked["berskor"], "kode_desa"].iloc[-1]
    params = default_params(ds)
    long = {"add": [outsider], "remove": [], "reasons": {outsider: "x" * (lokus.MAX_REASON + 1)}}
    msg, _, _ = cb.save_scenario("Panjang", params, long, "en", user="ana")
    assert "at most 500 characters" in msg
    ok = {"add": [outsider], "remove": [], "reasons": {outsider: "y" * lokus.MAX_REASON, "bukan-desa": "z" * 10**6}}
    msg, _, _ = cb.save_scenario("Pas", params, ok, "en", user="ana")
    assert msg.startswith("Saved:")
    assert set(scenarios.open_("Pas").reasons) == {outsider}  # reasons of unknown codes are not kept
    msg, _, _ = cb.save_scenario("n" * 81, params, None, "en", user="ana")
    assert "at most 80 characters" in msg


def test_forged_request_shapes_are_refused_with_a_message():
    for params in (None, [], {"weights": "x", "thresholds": {}}, {"weights": {}, "thresholds": []}):
        msg, _, _ = cb.save_scenario("A", params, None, "en", user="ana")
        assert "reload the page" in msg
    msg, _, _ = cb.save_scenario(
        "A", default_params(), {"add": [{"x": 1}], "remove": "abc", "reasons": []}, "en", user="ana"
    )
    assert msg.startswith("Saved:")


def test_the_meeting_shows_only_scenarios_saved_by_an_account(client):
    ds = dataset.current()
    crit_codes = lokus.criteria_of(ds).codes
    # stored before saving needed an account, with weights that no longer pass: never the default
    scenarios.save(
        "Usulan Resmi Bappeda",
        ds.version,
        {"n": 5, "weights": {c: 1e308 for c in crit_codes}, "thresholds": {}, "selected": []},
    )
    assert proposal.resolve() is None
    assert proposal.meeting(ds).kind == proposal.DEFAULT
    for path in ("/unduh/paket-rembuk.pdf", "/unduh/slide-4.png"):
        assert client.get(path).status_code == 200, path
    # asked for by name, it is refused with a message, not an error page
    r = client.get("/unduh/paket-rembuk.pdf?skenario=Usulan%20Resmi%20Bappeda&lang=en")
    assert r.status_code == 400 and "can be at most 100" in r.text
    cb.save_scenario("Usulan Bappeda", default_params(ds), None, "en", user="ana")
    m = proposal.meeting(ds)
    assert m.scenario.name == "Usulan Bappeda" and proposal.source_short(m, "en").endswith("by ana")


def test_numbers_beyond_any_count_are_formatted_not_failed():
    assert fmt_num(1e308, "id", 2) == "1E308" and fmt_int(1e30, "en") == "1E30"
    assert fmt_num(float("inf"), "en") == "∞" and fmt_num(12345.678, "id", 2) == "12.345,68"


# ----- 2. downloads: failures remembered, one expensive build at a time per worker ------------


def test_a_failed_download_is_remembered_and_not_built_again(client, monkeypatch):
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        raise RuntimeError("LayoutError: flowable too large")

    monkeypatch.setattr(exports, "build", failing)
    monkeypatch.setattr(exports, "_cache", exports.VersionedCache(size=exports.CACHE_SIZE))
    for _ in range(3):
        r = client.get("/unduh/paket-rembuk.pdf?lang=en")
        assert r.status_code == 500 and "could not be made" in r.text and "LayoutError" not in r.text
    assert calls == [1]


def test_expensive_builds_wait_for_the_workers_single_slot(client, monkeypatch):
    monkeypatch.setattr(exports, "_cache", exports.VersionedCache(size=exports.CACHE_SIZE))
    monkeypatch.setattr(exports, "BUSY_WAIT", 0.2)
    assert exports.build_slot.acquire(timeout=5)  # another thread of this worker is building
    try:
        r = client.get("/unduh/slide-1.png?lang=en")
        assert r.status_code == 503 and r.headers["Retry-After"] == "10" and "another download" in r.text
        assert client.get("/unduh/data.csv").status_code == 200  # cheap files do not wait
    finally:
        exports.build_slot.release()
    assert client.get("/unduh/slide-1.png").status_code == 200


def test_concurrent_builds_of_one_file_build_it_once(monkeypatch):
    monkeypatch.setattr(exports, "_cache", exports.VersionedCache(size=exports.CACHE_SIZE))
    calls, active, peak = [], [0], [0]

    def make():
        active[0] += 1
        peak[0] = max(peak[0], active[0])
        time.sleep(0.05)
        calls.append(1)
        active[0] -= 1
        return b"pdf"

    threads = [threading.Thread(target=exports.cached_build, args=(("v", "pdf"), make)) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert calls == [1] and peak[0] == 1


# ----- 6. bad input: plain messages, right status ------------------------------------------


def _xlsx(sheet_xml: bytes) -> bytes:
    from openpyxl import Workbook

    buf = io.BytesIO()
    wb = Workbook()
    wb.active.append(["kode_desa", "tahun"])
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            data = src.read(info)
            z.writestr(info, sheet_xml if info.filename == "xl/worksheets/sheet1.xml" else data)
    return out.getvalue()


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
)
TRUNCATED = (
    b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>kode_desa</t></is></c></row><row r="2"><c r="A'
)


@pytest.mark.parametrize("sheet, key", [(BILLION_LAUGHS, "file.xlsx_unsafe"), (TRUNCATED, "file.xlsx_broken")])
def test_hostile_or_truncated_xlsx_is_a_message(sheet, key):
    with pytest.raises(DataError) as e:
        readers.read_table(_xlsx(sheet), "laporan.xlsx")
    assert [p.key for p in e.value.problems] == [key]


@pytest.mark.parametrize("sheet", [BILLION_LAUGHS, TRUNCATED])
def test_the_command_line_says_what_is_wrong_with_exit_2(sheet, tmp_path, capsys):
    import cli

    f = tmp_path / "laporan.xlsx"
    f.write_bytes(_xlsx(sheet))
    assert cli.main(["import", "prevalensi", str(f)]) == 2
    out = capsys.readouterr()
    assert "laporan.xlsx" in out.out + out.err and "Traceback" not in out.out + out.err


@pytest.mark.parametrize("value", ["99999999999999999999", "²", "-1", "1.5", " 2x"])
def test_scenario_versions_from_a_url_are_checked(value, client):
    with pytest.raises(scenarios.ScenarioError) as e:
        scenarios.parse_version(value)
    assert e.value.status == 400
    assert scenarios.parse_version("") is None and scenarios.parse_version(" 12 ") == 12
    for path in ("/lokus/cetak", "/unduh/paket-rembuk.pdf"):
        r = client.get(path, query_string={"skenario": "X", "versi": value})
        assert r.status_code == 400 and "angka bulat" in r.text and "Error" not in r.text, (path, r.text)


def test_a_partial_year_gives_no_data_lights_not_errors(client):
    """2024 prevalence for 5 of 70 villages: the other villages have no light ('–'), no KeyError."""
    b = dataset.current().boundaries
    lines = ["kode_desa,nama_desa,tahun,balita_diukur,balita_stunting,sumber"]
    lines += [f"{c},{n},2024,50,20,Dinkes" for c, n in zip(b["kode_desa"][:5], b["nama_desa"][:5])]
    out = importers.run("prevalensi", "\n".join(lines).encode(), "p2024.csv", "ana")
    assert out.version_id
    for path in ("/lokus/cetak", "/unduh/usulan-lokus.csv", "/unduh/usulan-lokus.xlsx", "/unduh/paket-rembuk.pdf"):
        assert client.get(path).status_code == 200, path
    assert lv.light_word(float("nan"), "id") == "–"


# ----- 7. validation in linear time, problem lists bounded ---------------------------------


def test_twenty_thousand_unknown_codes_are_listed_up_to_a_bound():
    b = dataset.current().boundaries
    lines = ["kode_desa,nama_desa,tahun,balita_diukur,balita_stunting,sumber"]
    lines += [f"74.15.09.{2000 + i % 9000:04d}{i // 9000},,2024,10,2,x" for i in range(20_000)]
    raw = readers.read_table("\n".join(lines).encode(), "besar.csv")
    checked = validate.validate_table("prevalensi", raw, b, "besar.csv")
    assert not checked.ok
    assert len(checked.problems) == validate.MAX_LISTED + 1
    more = checked.problems[-1]
    assert more.key == "problems.more" and more.params["count"] == 20_000 - validate.MAX_LISTED
    assert "19900 more rows have the same problem" in more.message("en")


def test_identical_polygons_are_listed_up_to_a_bound():
    from shapely.geometry import box

    n = 60
    gdf = gpd.GeoDataFrame(
        {"kode_desa": [f"74.15.01.{2001 + i}" for i in range(n)], "nama_desa": [f"D{i}" for i in range(n)]},
        geometry=[box(0, 0, 1, 1)] * n,
        crs=4326,
    )
    problems = validate.overlaps(gdf, "x.geojson")
    pairs = n * (n - 1) // 2
    assert len(problems) == validate.MAX_LISTED + 1 and problems[-1].params["count"] == pairs - validate.MAX_LISTED
    assert all(p.key == "batas.overlap" and p.params["share"] == 100 for p in problems[:-1])


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="abcdeklmnopst .-", max_size=14),
    st.lists(st.text(alphabet="abcdeklmnopst .-", min_size=1, max_size=14), min_size=1, max_size=30),
    st.sampled_from([0.6, 0.8]),
)
def test_close_matches_are_exactly_difflibs(word, possibilities, cutoff):
    assert validate.close_matches(word, possibilities, 3, cutoff) == difflib.get_close_matches(
        word, possibilities, n=3, cutoff=cutoff
    )


# ----- 8. no server path in a message ------------------------------------------------------


def test_an_unreadable_boundary_file_names_the_file_not_the_folder(tmp_path):
    f = tmp_path / "rahasia-folder" / "upload.gpkg"
    f.parent.mkdir()
    f.write_bytes(b"bukan geopackage" * 100)
    with pytest.raises(DataError) as e:
        boundaries.read_raw(f)
    text = e.value.problems[0].message("id")
    assert "upload.gpkg" in text and str(tmp_path) not in text and "rahasia-folder" not in text, text
    assert without_paths("'/tmp/konvergensi-x/upload.gpkg' not recognized", "a.gpkg") == "'a.gpkg' not recognized"
    assert without_paths(r"C:\Users\ana\laporan.gpkg: bad", "laporan.gpkg") == "laporan.gpkg: bad"


# ----- 3 and 9: redirects and what the server tells about itself ----------------------------


def test_only_this_apps_pages_are_redirected_to(client):
    client.set_cookie("lang", "en")
    assert client.get("/%09/evil.example").headers.get("Location") is None
    r = client.get("/metode")
    assert r.status_code == 302 and r.headers["Location"] == "/metode?lang=en"
    assert client.get("/lokus/cetak").headers["Location"] == "/lokus/cetak?lang=en"


def test_no_software_versions_or_process_ids(client):
    import json
    import os

    page = client.get("/metode?lang=id").text
    config = json.loads(page.split('<script id="_dash-config" type="application/json">')[1].split("</script>")[0])
    assert not {"python_version", "dash_version", "plotly_version", "dash_version_url"} & set(config)
    health = client.get("/healthz").get_json()
    assert health["status"] == "ok" and health["worker"] != os.getpid() and str(os.getpid()) not in str(health)
