"""Parts only Excel and WPS write, added to an XlsxWriter workbook as those programs lay them out:

- phonetic guides (<rPh>, ECMA-376 Part 1, 18.4.6) on the channel sheet's header strings, as Excel
  saves them for East Asian text: the guide is not part of the cell's value;
- threaded comments and their persons (Excel 365; MS-XLSX 2.1.1.x), beside the legacy note Excel
  writes for older readers;
- a WPS cell image: xl/cellimages.xml related from the workbook, and a cell holding
  =DISPIMG("ID_…",1) with the text WPS caches for it;
- printer settings (xl/printerSettings/printerSettings1.bin, the printer driver's DEVMODE) related
  from the channel sheet's <pageSetup r:id>, as Excel saves a sheet set up for a printer.
"""
import os
import re
import zipfile

from channel_sheet import SHEET_NAME

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

PHONETIC = {"渠道代码": ("qú dào dài mǎ", 0, 4), "渠道名称": ("qú dào míng chēng", 0, 4)}

THREADED = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="{MAIN}"><threadedComment ref="A1" dT="2026-11-30T09:00:00.00" personId="{{6B1F8E0A-1C1D-4C8B-9E55-3A8E2C1D0F01}}" id="{{0C2F7B1E-2D3A-4E5F-8A9B-1C2D3E4F5A6B}}"><text>请核对一月数据</text></threadedComment><threadedComment ref="A1" dT="2026-11-30T10:00:00.00" personId="{{6B1F8E0A-1C1D-4C8B-9E55-3A8E2C1D0F01}}" id="{{1D3E8C2F-3E4B-5F6A-9B0C-2D3E4F5A6B7C}}" parentId="{{0C2F7B1E-2D3A-4E5F-8A9B-1C2D3E4F5A6B}}"><text>已核对</text></threadedComment></ThreadedComments>"""

PERSONS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><person displayName="审核人" id="{6B1F8E0A-1C1D-4C8B-9E55-3A8E2C1D0F01}" userId="reviewer@example.com" providerId="None"/></personList>"""

CELLIMAGES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<etc:cellImages xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData"><etc:cellImage><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="ID_8F1C2A3B4D5E6F708192A3B4C5D6E7F8" descr="logo"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="762000" cy="571500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic></etc:cellImage></etc:cellImages>"""


# A DEVMODEW as a printer driver fills it (dmDeviceName, versions, size, fields, A4 landscape).
DEVMODE = (
    "QD Printer".encode("utf-16-le").ljust(64, b"\0")
    + bytes([0x01, 0x04, 0x00, 0x06, 0xDC, 0x00, 0x00, 0x00, 0x03, 0x2F, 0x00, 0x00])
    + bytes([0x02, 0x00, 0x09, 0x00]) + bytes(76)
)


def _rels(*rels):
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in rels)
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">{body}</Relationships>'


def office_extras(path, png):
    import xlsxwriter
    from make_corpus import FIXED, write_channel_xlsxwriter

    wb = xlsxwriter.Workbook(path)
    wb.set_properties({"author": "corpus", "created": FIXED})
    bold = wb.add_format({"bold": True})
    write_channel_xlsxwriter(wb, wb.add_worksheet(SHEET_NAME), bold)
    notes = wb.add_worksheet("批注")
    notes.write("A1", "一月数据")
    notes.write_comment("A1", "[Threaded comment]\n请核对一月数据\nReply:\n已核对", {"author": "tc={0C2F7B1E-2D3A-4E5F-8A9B-1C2D3E4F5A6B}"})
    pics = wb.add_worksheet("单元格图片")
    pics.write("A1", "徽标")
    pics.write_formula("B1", '=_xlfn.DISPIMG("ID_8F1C2A3B4D5E6F708192A3B4C5D6E7F8",1)', None, '=DISPIMG("ID_8F1C2A3B4D5E6F708192A3B4C5D6E7F8",1)')
    wb.close()

    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    data = {i.filename: d for i, d in items}

    sst = data["xl/sharedStrings.xml"].decode("utf-8")
    for text, (guide, sb, eb) in PHONETIC.items():
        sst = sst.replace(
            f"<si><t>{text}</t></si>",
            f'<si><t>{text}</t><rPh sb="{sb}" eb="{eb}"><t>{guide}</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>',
            1,
        )
    # Which sheet part is 批注 (the second sheet XlsxWriter wrote).
    notes_part, notes_rels = "xl/worksheets/sheet2.xml", "xl/worksheets/_rels/sheet2.xml.rels"
    rels = data[notes_rels].decode("utf-8").replace(
        "</Relationships>",
        '<Relationship Id="rIdQdTc1" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" '
        'Target="../threadedComments/threadedComment1.xml"/></Relationships>')
    wbrels = data["xl/_rels/workbook.xml.rels"].decode("utf-8").replace(
        "</Relationships>",
        '<Relationship Id="rIdQdPerson1" Type="http://schemas.microsoft.com/office/2017/10/relationships/person" Target="persons/person.xml"/>'
        '<Relationship Id="rIdQdCellImages1" Type="http://www.wps.cn/officeDocument/2020/cellImage" Target="cellimages.xml"/></Relationships>')
    ct = data["[Content_Types].xml"].decode("utf-8")
    if 'Extension="png"' not in ct:
        ct = ct.replace("<Override", '<Default Extension="png" ContentType="image/png"/><Override', 1)
    ct = ct.replace(
        "</Types>",
        '<Override PartName="/xl/threadedComments/threadedComment1.xml" ContentType="application/vnd.ms-excel.threadedcomments+xml"/>'
        '<Override PartName="/xl/persons/person.xml" ContentType="application/vnd.ms-excel.person+xml"/>'
        '<Override PartName="/xl/cellimages.xml" ContentType="application/vnd.wps-officedocument.cellimage+xml"/></Types>')
    channel = data["xl/worksheets/sheet1.xml"].decode("utf-8")
    # CT_Worksheet: pageSetup follows pageMargins (ECMA-376 Part 1, 18.3.1.99).
    channel = re.sub(r"(<pageMargins[^>]*/>)", r'\1<pageSetup paperSize="9" orientation="landscape" r:id="rIdQdPs1"/>', channel, count=1)
    ct = ct.replace(
        "<Override",
        '<Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"/><Override',
        1,
    )
    replaced = {
        "xl/worksheets/sheet1.xml": channel,
        "xl/sharedStrings.xml": sst,
        notes_rels: rels,
        "xl/_rels/workbook.xml.rels": wbrels,
        "[Content_Types].xml": ct,
    }
    added = {
        "xl/threadedComments/threadedComment1.xml": THREADED.encode("utf-8"),
        "xl/persons/person.xml": PERSONS.encode("utf-8"),
        "xl/cellimages.xml": CELLIMAGES.encode("utf-8"),
        "xl/_rels/cellimages.xml.rels": _rels(("rId1", REL + "/image", "media/cellimage1.png")).encode("utf-8"),
        "xl/media/cellimage1.png": png,
        "xl/worksheets/_rels/sheet1.xml.rels": _rels(
            ("rIdQdPs1", REL + "/printerSettings", "../printerSettings/printerSettings1.bin")).encode("utf-8"),
        "xl/printerSettings/printerSettings1.bin": DEVMODE,
    }
    assert re.search(r"<rPh", sst), "phonetic guide not added"
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for info, d in items:
            copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copy.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(copy, replaced[info.filename].encode("utf-8") if info.filename in replaced else d)
        for name, d in added.items():
            copy = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            copy.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(copy, d)
    os.replace(tmp, path)
