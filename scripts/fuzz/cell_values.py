#!/usr/bin/python3
"""The openpyxl side of the XML fuzz: the value of every cell of every sheet of each .xlsx in a folder.

    /usr/bin/python3 scripts/fuzz/cell_values.py DIR

Prints {file name: {sheet: {"A1": value}}} as JSON, or {file name: {"error": "..."}} where openpyxl
cannot read a file. Values are what a formula cell saved (data_only), a date as {"date": iso}; cells
without a value are left out. One process reads the whole folder, so thousands of cases stay quick.
"""
import datetime
import json
import os
import sys
import warnings

from openpyxl import load_workbook


def plain(v):
    if isinstance(v, (datetime.datetime, datetime.date, datetime.time)):
        return {"date": v.isoformat()}
    if isinstance(v, datetime.timedelta):
        return {"duration": v.total_seconds()}
    if isinstance(v, float) and v != v:
        return {"nan": True}
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    return {"text": str(v)}


def values(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(path, read_only=True, data_only=True, keep_links=True)
    out = {}
    try:
        for ws in wb.worksheets:
            if not hasattr(ws, "iter_rows"):
                continue
            sheet = {}
            if hasattr(ws, "reset_dimensions"):
                ws.reset_dimensions()
            for row in ws.iter_rows():
                for c in row:
                    if getattr(c, "coordinate", None) is None or c.value is None:
                        continue
                    sheet[c.coordinate] = plain(c.value)
            out[ws.title] = sheet
    finally:
        wb.close()
    return out


if __name__ == "__main__":
    folder = sys.argv[1]
    result = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".xlsx"):
            continue
        try:
            result[name] = values(os.path.join(folder, name))
        except Exception as e:  # the oracle reports, the test decides
            result[name] = {"error": f"{type(e).__name__}: {e}"}
    json.dump(result, sys.stdout, ensure_ascii=False)
