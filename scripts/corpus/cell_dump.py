#!/usr/bin/python3
"""An independent cell oracle: every cell of every sheet of .xlsx files, as JSON, read by openpyxl.

    /usr/bin/python3 scripts/corpus/cell_dump.py FILE.xlsx [FILE.xlsx ...]

Prints {file: {sheet: {"A1": [value, type, style, cached]}}} where value is what the cell holds (a
formula as "=..."), type openpyxl's data type, style the cell's raw index into cellXfs (the `s`
attribute) and cached the formula's saved result. Cells that hold nothing but a style are listed too.
Read-only mode keeps the raw style index and reads rows as streamed XML, so it is quick and never
changes what it reads. A file openpyxl cannot read gives {"error": "..."}.
"""
import datetime
import io
import json
import re
import sys
import warnings
import zipfile

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


def cells(path, data_only):
    wb = load_workbook(path, read_only=True, data_only=data_only, keep_links=True)
    out = {}
    try:
        for ws in wb.worksheets:
            sheet = {}
            if not hasattr(ws, "iter_rows"):
                continue
            ws.reset_dimensions() if hasattr(ws, "reset_dimensions") else None
            for row in ws.iter_rows():
                for c in row:
                    if getattr(c, "coordinate", None) is None:
                        continue
                    style = getattr(c, "_style_id", 0)
                    if c.value is None and not style:
                        continue
                    sheet[c.coordinate] = [plain(c.value), c.data_type, style]
            out[ws.title] = sheet
    finally:
        wb.close()
    return out


def case_fixed(source, wanted):
    """The package with the part whose name matches `wanted` but for case renamed to it.

    OPC part names compare case-insensitively (ECMA-376 Part 2, 9.1.1.2) and Excel saves e.g.
    xl/SharedStrings.xml; openpyxl 3.0 looks parts up by exact name.
    """
    src = zipfile.ZipFile(source)
    buf = io.BytesIO()
    renamed = False
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            name = info.filename
            if name.lower() == wanted.lower() and name != wanted:
                name, renamed = wanted, True
            out.writestr(name, src.read(info.filename))
    if not renamed:
        return None
    buf.seek(0)
    return buf


def dump(path):
    source = path
    for _ in range(5):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                formulas = cells(source, False)
                if hasattr(source, "seek"):
                    source.seek(0)
                cached = cells(source, True)
            break
        except KeyError as e:
            m = re.search(r"no item named '([^']+)'", str(e))
            fixed = case_fixed(source, m.group(1)) if m else None
            if fixed is None:
                return {"error": f"KeyError: {e}"}
            source = fixed
        except Exception as e:  # the oracle reports, the test decides
            return {"error": f"{type(e).__name__}: {e}"}
    for sheet, cs in formulas.items():
        for ref, cell in cs.items():
            cell.append(cached.get(sheet, {}).get(ref, [None])[0])
    return formulas


if __name__ == "__main__":
    json.dump({p: dump(p) for p in sys.argv[1:]}, sys.stdout, ensure_ascii=False)
