"""A workbook with a pivot table: XlsxWriter writes the data and the pivot's rendered cells, and
the pivot parts are added here as Excel lays them out (ECMA-376 Part 1, 18.10): a cache definition
with its records, related from the workbook, and a pivot table definition related from its sheet.
XlsxWriter cannot write pivot tables; LibreOffice reads these and writes its own (libreoffice-pivot).
"""
import os
import zipfile

from channel_sheet import SHEET_NAME

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml."

DATA = [("华东", "车险", 100), ("华东", "财产险", 200), ("华北", "车险", 300), ("华北", "财产险", 400)]

CACHE = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<pivotCacheDefinition xmlns="{MAIN}" xmlns:r="{REL}" r:id="rId1" refreshedBy="corpus" refreshedDate="46000.375" createdVersion="6" refreshedVersion="6" minRefreshableVersion="3" recordCount="4"><cacheSource type="worksheet"><worksheetSource ref="A1:C5" sheet="销售数据"/></cacheSource><cacheFields count="3"><cacheField name="区域" numFmtId="0"><sharedItems count="2"><s v="华东"/><s v="华北"/></sharedItems></cacheField><cacheField name="险种" numFmtId="0"><sharedItems count="2"><s v="车险"/><s v="财产险"/></sharedItems></cacheField><cacheField name="保费" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" containsInteger="1" minValue="100" maxValue="400"/></cacheField></cacheFields></pivotCacheDefinition>"""

RECORDS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<pivotCacheRecords xmlns="{MAIN}" xmlns:r="{REL}" count="4"><r><x v="0"/><x v="0"/><n v="100"/></r><r><x v="0"/><x v="1"/><n v="200"/></r><r><x v="1"/><x v="0"/><n v="300"/></r><r><x v="1"/><x v="1"/><n v="400"/></r></pivotCacheRecords>"""

TABLE = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<pivotTableDefinition xmlns="{MAIN}" name="数据透视表1" cacheId="1" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" dataCaption="值" updatedVersion="6" minRefreshableVersion="3" useAutoFormatting="1" itemPrintTitles="1" createdVersion="6" indent="0" outline="1" outlineData="1" multipleFieldFilters="0"><location ref="A3:B6" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="3"><pivotField axis="axisRow" showAll="0"><items count="3"><item x="0"/><item x="1"/><item t="default"/></items></pivotField><pivotField showAll="0"/><pivotField dataField="1" showAll="0"/></pivotFields><rowFields count="1"><field x="0"/></rowFields><rowItems count="3"><i><x/></i><i><x v="1"/></i><i t="grand"><x/></i></rowItems><colItems count="1"><i/></colItems><dataFields count="1"><dataField name="求和项:保费" fld="2" baseField="0" baseItem="0"/></dataFields><pivotTableStyleInfo name="PivotStyleLight16" showRowHeaders="1" showColHeaders="1" showRowStripes="0" showColStripes="0" showLastColumn="1"/></pivotTableDefinition>"""


def _rels(*rels):
    body = "".join(f'<Relationship Id="{i}" Type="{REL}/{t}" Target="{target}"/>' for i, t, target in rels)
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">{body}</Relationships>'


def add_pivot(path):
    import xlsxwriter
    from make_corpus import FIXED, write_channel_xlsxwriter

    wb = xlsxwriter.Workbook(path)
    wb.set_properties({"author": "corpus", "created": FIXED})
    bold = wb.add_format({"bold": True})
    data = wb.add_worksheet("销售数据")
    data.write_row(0, 0, ["区域", "险种", "保费"], bold)
    for i, row in enumerate(DATA):
        data.write_row(i + 1, 0, row)
    pivot = wb.add_worksheet("透视表")
    pivot.write_row(2, 0, ["行标签", "求和项:保费"], bold)
    pivot.write_row(3, 0, ["华东", 300])
    pivot.write_row(4, 0, ["华北", 700])
    pivot.write_row(5, 0, ["总计", 1000], bold)
    write_channel_xlsxwriter(wb, wb.add_worksheet(SHEET_NAME), bold)
    wb.close()

    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    data_of = {i.filename: d for i, d in items}
    wbxml = data_of["xl/workbook.xml"].decode("utf-8")
    # CT_Workbook: pivotCaches comes after calcPr (ECMA-376 Part 1, 18.2.27).
    wbxml = wbxml.replace("<calcPr", "<calcPr", 1)
    head, tail = wbxml.split("<calcPr", 1)
    calc, rest = tail.split("/>", 1)
    wbxml = head + "<calcPr" + calc + '/><pivotCaches><pivotCache cacheId="1" r:id="rIdQdPivot1"/></pivotCaches>' + rest
    wbrels = data_of["xl/_rels/workbook.xml.rels"].decode("utf-8").replace(
        "</Relationships>",
        f'<Relationship Id="rIdQdPivot1" Type="{REL}/pivotCacheDefinition" Target="pivotCache/pivotCacheDefinition1.xml"/></Relationships>')
    ct = data_of["[Content_Types].xml"].decode("utf-8").replace(
        "</Types>",
        f'<Override PartName="/xl/pivotCache/pivotCacheDefinition1.xml" ContentType="{CT}pivotCacheDefinition+xml"/>'
        f'<Override PartName="/xl/pivotCache/pivotCacheRecords1.xml" ContentType="{CT}pivotCacheRecords+xml"/>'
        f'<Override PartName="/xl/pivotTables/pivotTable1.xml" ContentType="{CT}pivotTable+xml"/></Types>')
    added = {
        "xl/pivotCache/pivotCacheDefinition1.xml": CACHE,
        "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels": _rels(("rId1", "pivotCacheRecords", "pivotCacheRecords1.xml")),
        "xl/pivotCache/pivotCacheRecords1.xml": RECORDS,
        "xl/pivotTables/pivotTable1.xml": TABLE,
        "xl/pivotTables/_rels/pivotTable1.xml.rels": _rels(("rId1", "pivotCacheDefinition", "../pivotCache/pivotCacheDefinition1.xml")),
        "xl/worksheets/_rels/sheet2.xml.rels": _rels(("rId1", "pivotTable", "../pivotTables/pivotTable1.xml")),
    }
    replaced = {"xl/workbook.xml": wbxml, "xl/_rels/workbook.xml.rels": wbrels, "[Content_Types].xml": ct}
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for info, d in items:
            copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copy.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(copy, replaced[info.filename].encode("utf-8") if info.filename in replaced else d)
        for name, text in added.items():
            copy = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            copy.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(copy, text.encode("utf-8"))
    os.replace(tmp, path)
