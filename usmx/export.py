"""Data exports: the whole dataset as a JSON, CSV or GeoJSON file.

Everything here is pure Python on top of `usmx.model`, so the command line, the dashboard's
download buttons and the tests all produce byte-identical files. One module per format:
`usmx.export_json` (the JSON contract: every record with the offsets and dates the loader
derives), `usmx.export_csv` (one flat table per record type) and `usmx.export_geojson`
(places, and filtered events at them); this one writes the whole dataset in any of them.
Chart images live elsewhere (`usmx.chart_export`), because they need plotly and kaleido.
"""

from __future__ import annotations

from pathlib import Path

from usmx.export_csv import dataset_csv_tables
from usmx.export_geojson import places_geojson
from usmx.export_json import dataset_to_json, to_json_bytes
from usmx.model import Dataset

FORMATS = ("json", "csv", "geojson")


def write_dataset(ds: Dataset, fmt: str, out: Path) -> list[Path]:
    """Write the whole dataset as `fmt`; return the files written.

    json and geojson write the single file `out`; csv treats `out` as a directory and writes
    one file per table (usmx.export_csv.CSV_TABLES). Missing parent directories are created.
    """
    out = Path(out)
    if fmt == "csv":
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, data in dataset_csv_tables(ds).items():
            path = out / name
            path.write_bytes(data)
            written.append(path)
        return written
    if fmt == "json":
        data = to_json_bytes(dataset_to_json(ds))
    elif fmt == "geojson":
        data = to_json_bytes(places_geojson(ds))
    else:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return [out]
