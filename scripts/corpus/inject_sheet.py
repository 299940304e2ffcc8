"""Adds the channel sheet to a workbook another program saved, as a new part beside its own.

Every part the other program wrote is copied as it is (the zip is rewritten, the parts' bytes are
not); only workbook.xml (one <sheet>), its rels (one relationship) and [Content_Types].xml (one
override) get an addition. Used for the Excel-saved files of ../shared/corpus, whose producer cannot
run here.
"""
import re
import zipfile

from channel_sheet import SHEET_NAME, sheet_xml

REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_TYPE = REL_NS + "/worksheet"
SHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


def _workbook_part(z):
    rels = z.read("_rels/.rels").decode("utf-8")
    m = re.search(r'Target="/?([^"]+)"[^>]*Type="[^"]*/officeDocument"|Type="[^"]*/officeDocument"[^>]*Target="/?([^"]+)"', rels)
    return (m.group(1) or m.group(2)) if m else "xl/workbook.xml"


def inject_channel_sheet(src, dst):
    with zipfile.ZipFile(src) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
        wb_part = _workbook_part(z)
    names = {i.filename for i, _ in items}
    folder = wb_part.rsplit("/", 1)[0]
    rels_part = f"{folder}/_rels/{wb_part.rsplit('/', 1)[1]}.rels"
    n = 1
    while f"{folder}/worksheets/sheet{n}.xml" in names:
        n += 1
    part = f"{folder}/worksheets/sheet{n}.xml"
    data = dict((i.filename, d) for i, d in items)

    wb = data[wb_part].decode("utf-8")
    ids = [int(x) for x in re.findall(r'sheetId="(\d+)"', wb)]
    rid = "rIdQdCorpus1"
    wb = wb.replace("</sheets>", f'<sheet name="{SHEET_NAME}" sheetId="{max(ids) + 1}" r:id="{rid}"/></sheets>', 1)
    if 'xmlns:r="' not in wb.split(">", 2)[1] and "xmlns:r=" not in wb[:600]:
        wb = re.sub(r"<workbook\b", f'<workbook xmlns:r="{REL_NS}"', wb, count=1)
    rels = data[rels_part].decode("utf-8").replace(
        "</Relationships>", f'<Relationship Id="{rid}" Type="{SHEET_TYPE}" Target="worksheets/sheet{n}.xml"/></Relationships>', 1)
    ct = data["[Content_Types].xml"].decode("utf-8").replace(
        "</Types>", f'<Override PartName="/{part}" ContentType="{SHEET_CT}"/></Types>', 1)
    replaced = {wb_part: wb.encode("utf-8"), rels_part: rels.encode("utf-8"), "[Content_Types].xml": ct.encode("utf-8")}

    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for info, d in items:
            copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copy.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(copy, replaced.get(info.filename, d))
        copy = zipfile.ZipInfo(part, date_time=(2026, 11, 30, 9, 0, 0))
        copy.compress_type = zipfile.ZIP_DEFLATED
        out.writestr(copy, sheet_xml().encode("utf-8"))
