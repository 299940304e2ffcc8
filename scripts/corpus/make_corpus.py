#!/usr/bin/python3
"""Writes the corpus of workbooks other programs made, each with the channel sheet `渠道`.

    /usr/bin/python3 scripts/corpus/make_corpus.py OUTDIR [--shared DIR] [--no-libreoffice]

- xlsxwriter-features.xlsx  XlsxWriter: charts, image, table, comments, validations, conditional
  formats, hyperlinks, names of every scope, print settings, protection, hidden and very-hidden
  sheets, rich text, frozen panes.
- openpyxl-features.xlsx    openpyxl (the writer pandas uses): image, comment, table, names.
- openpyxl-iso-dates.xlsx   openpyxl with iso_dates: dates stored as t="d" cells.
- xlsxwriter-far-cell.xlsx  one styled empty cell at XFD1048576, A1048576 and XFA1.
- relocated-xlsxwriter-pivot.xlsx  xlsxwriter-pivot.xlsx with its workbook in workbook/, not xl/.
- office-extras.xlsx        phonetic guides, threaded comments and a WPS cell image (office_extras.py).
- xlsxwriter-addin-names.xlsx  a user's own sheets named 分级汇总 and 分级规则 (XlsxWriter).
- xlsxwriter-pivot.xlsx     an XlsxWriter workbook with a pivot table whose parts are written here
  beside XlsxWriter's, as Excel lays them out (pivotCacheDefinition, records, pivotTable).
- libreoffice-calc.xlsx     LibreOffice headless from a flat ODS: autofilter range, comments.
- libreoffice-resaved.xlsx  LibreOffice headless re-saving xlsxwriter-features.xlsx.
- libreoffice-pivot.xlsx    LibreOffice headless re-saving xlsxwriter-pivot.xlsx (its own pivot parts).
- excel-*.xlsx              the Excel-saved files of ../shared/corpus with the channel sheet added as
  a new part (inject_sheet.py); every part Excel wrote is kept.

Needs the Debian packages python3-xlsxwriter, python3-openpyxl and (unless --no-libreoffice)
libreoffice-calc. Dates are fixed so the output is the same on every run of one version.
"""
import datetime
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from channel_sheet import (  # noqa: E402
    FORMULA, FORMULA_RESULT, FORMULA_ROW, HEADER, RICH_NAME, ROWS, SHEET_NAME, col_letter,
)
from inject_sheet import inject_channel_sheet  # noqa: E402
from office_extras import office_extras  # noqa: E402
from pivot_parts import add_pivot  # noqa: E402

FIXED = datetime.datetime(2026, 11, 30, 9, 0, 0)


def tiny_png(width=8, height=6):
    """A small red PNG, made without Pillow."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\xc0\x00\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def xlsxwriter_features(path, png):
    import xlsxwriter

    wb = xlsxwriter.Workbook(path)
    wb.set_properties({"title": "语料 corpus", "author": "corpus", "created": FIXED})
    wb.set_custom_property("部门", "经代渠道部")
    bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7"})
    pct = wb.add_format({"num_format": "0.00%"})
    red = wb.add_format({"bold": True, "font_color": "red"})

    data = wb.add_worksheet("数据")
    data.write_row(0, 0, ["月份", "保费", "赔款"], bold)
    for i, (m, p, c) in enumerate([("1月", 120, 80), ("2月", 150, 95), ("3月", 90, 70), ("4月", 160, 120)]):
        data.write_row(i + 1, 0, [m, p, c])
    data.add_table("E1:G5", {"name": "表_保费", "columns": [{"header": "区域"}, {"header": "件数"}, {"header": "金额"}],
                             "data": [["华东", 3, 300], ["华北", 2, 200], ["华南", 4, 410], ["西部", 1, 90]]})
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"name": "保费", "categories": "=数据!$A$2:$A$5", "values": "=数据!$B$2:$B$5"})
    chart.add_series({"name": "赔款", "categories": "=数据!$A$2:$A$5", "values": "=数据!$C$2:$C$5"})
    chart.set_title({"name": "月度保费与赔款"})
    data.insert_chart("I2", chart)
    line = wb.add_chart({"type": "line"})
    line.add_series({"name": "保费", "values": "=数据!$B$2:$B$5"})
    data.insert_chart("I18", line)
    data.insert_image("A8", "logo.png", {"image_data": __import__("io").BytesIO(png), "x_scale": 4, "y_scale": 4})
    data.write_comment("B2", "一月保费含补录 (January includes late entries)", {"author": "审核人"})
    data.write_comment("Z40", "空单元格上的批注 comment on an empty cell")
    data.data_validation("C2:C5", {"validate": "integer", "criteria": "between", "minimum": 0, "maximum": 1000,
                                   "input_title": "赔款", "input_message": "0–1000"})
    data.data_validation("A7", {"validate": "list", "source": ["是", "否"]})
    data.conditional_format("B2:B5", {"type": "cell", "criteria": ">", "value": 100, "format": red})
    data.conditional_format("C2:C5", {"type": "data_bar"})
    data.write_url("A20", "https://example.com/渠道", string="渠道说明")
    data.write_url("A21", "internal:'渠道'!A1", string="跳到渠道表")
    data.freeze_panes(1, 1)
    data.autofilter("A1:C5")
    data.set_column("A:A", 14)
    data.set_column("D:D", None, None, {"hidden": True})
    data.set_row(6, 30)
    data.set_landscape()
    data.set_paper(9)
    data.fit_to_pages(1, 0)
    data.print_area("A1:G20")
    data.repeat_rows(0)
    data.set_header("&C渠道分级 &P/&N")
    data.protect("", {"format_columns": True})
    data.write_rich_string("A23", "富", red, "文本", " rich")
    data.write_number("A24", 0.123456789012345, pct)
    data.write_datetime("A25", datetime.datetime(2026, 1, 31), wb.add_format({"num_format": "yyyy-mm-dd"}))
    data.write_boolean("A26", True)
    data.write_formula("A27", "=SUM(B2:B5)", None, 520)
    data.write_formula("A28", "=1/0", None, "#DIV/0!")
    data.write_array_formula("B27:B27", "{=MAX(B2:B5*C2:C5)}", None, 19200)

    wb.define_name("全局_比例", "=0.25")
    wb.define_name("保费区", "=数据!$B$2:$B$5")
    wb.define_name("数据!本表区", "=数据!$A$1:$C$5")
    wb.define_name("_隐藏名", "=数据!$A$1")

    hidden = wb.add_worksheet("隐藏")
    hidden.write("A1", "隐藏的工作表 hidden sheet")
    hidden.hide()
    very = wb.add_worksheet("深隐藏")
    very.write("A1", "very hidden")
    very.very_hidden() if hasattr(very, "very_hidden") else very.hide()

    ch = wb.add_worksheet(SHEET_NAME)
    write_channel_xlsxwriter(wb, ch, bold)
    ch.freeze_panes(1, 0)
    ch.set_column("A:J", 12)
    ch.conditional_format("E2:E6", {"type": "cell", "criteria": ">=", "value": 0.9, "format": red})
    ch.write_comment("B3", "名称像公式，应为文本")
    wb.read_only_recommended() if hasattr(wb, "read_only_recommended") else None
    wb.close()
    patch_very_hidden(path)


def patch_very_hidden(path):
    """Older XlsxWriter has no very_hidden(): set state="veryHidden" on 深隐藏 in workbook.xml."""
    import zipfile
    with zipfile.ZipFile(path) as z:
        wbxml = z.read("xl/workbook.xml").decode("utf-8")
        if 'state="veryHidden"' in wbxml:
            return
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    wbxml = wbxml.replace('<sheet name="深隐藏" sheetId="3" state="hidden"', '<sheet name="深隐藏" sheetId="3" state="veryHidden"')
    rewrite(path, items, {"xl/workbook.xml": wbxml.encode("utf-8")})


def rewrite(path, items, replace):
    import zipfile
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in items:
            info2 = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            info2.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info2, replace.get(info.filename, data))
    os.replace(tmp, path)


def write_channel_xlsxwriter(wb, ws, bold):
    ws.write_row(0, 0, HEADER, bold)
    b = wb.add_format({"bold": True})
    for r, row in enumerate(ROWS, start=1):
        for c, v in enumerate(row):
            if v == "":
                continue
            if r == 1 and c == 1:
                parts = []
                for text, is_bold in RICH_NAME:
                    parts += [b, text] if is_bold else [text]
                ws.write_rich_string(r, c, *parts)
            elif r == FORMULA_ROW + 1 and c == 7:
                ws.write_formula(r, c, "=" + FORMULA, None, FORMULA_RESULT)
            elif isinstance(v, str):
                ws.write_string(r, c, v)
            else:
                ws.write_number(r, c, v)


def openpyxl_features(path, png):
    import io
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.drawing.image import Image
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.table import Table, TableStyleInfo
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    class PngImage(Image):
        """openpyxl's Image without Pillow (not installed here): the PNG's size is in its header."""

        def __init__(self, data):  # noqa: super().__init__ needs Pillow
            self.ref = io.BytesIO(data)
            self._bytes = data
            self.width, self.height = struct.unpack(">II", data[16:24])
            self.width *= 4
            self.height *= 4
            self.format = "png"

        def _data(self):
            return self._bytes

    wb = Workbook()
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.properties.creator = "corpus"
    ws = wb.active
    ws.title = "报表"
    ws.append(["区域", "件数", "金额"])
    for row in [["华东", 3, 300], ["华北", 2, 200], ["华南", 4, 410]]:
        ws.append(row)
    table = Table(displayName="区域表", ref="A1:C4")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium9", showRowStripes=True)
    ws.add_table(table)
    ws["B2"].comment = Comment("openpyxl 写的批注", "审核人")
    ws["E10"].comment = Comment("空单元格上的批注", "审核人")
    ws["A1"].font = Font(bold=True, color="FF0000")
    ws["C2"].fill = PatternFill("solid", fgColor="FFFF00")
    ws["A6"] = "=SUM(C2:C4)"
    img = PngImage(png)
    img.anchor = "E2"
    ws.add_image(img)
    dv = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    ws.add_data_validation(dv)
    dv.add("D2:D4")
    ws.freeze_panes = "A2"
    wb.defined_names.append(DefinedName("金额区", attr_text="报表!$C$2:$C$4"))
    from openpyxl.workbook.protection import WorkbookProtection
    wb.security = WorkbookProtection(lockStructure=True)

    ch = wb.create_sheet(SHEET_NAME)
    ch.append(HEADER)
    for r, row in enumerate(ROWS, start=2):
        for c, v in enumerate(row, start=1):
            if v == "":
                continue
            cell = ch.cell(row=r, column=c)
            if r - 2 == FORMULA_ROW and c == 8:
                cell.value = "=" + FORMULA
            else:
                cell.value = v
                if isinstance(v, str) and v.startswith("="):
                    cell.data_type = "s"  # text, not a formula
    ch.column_dimensions["B"].width = 20
    wb.save(path)


def xlsxwriter_addin_names(path):
    """A user's own sheets that carry the names of the add-in's sheets (分级汇总, 分级规则)."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(path)
    wb.set_properties({"author": "corpus", "created": FIXED})
    bold = wb.add_format({"bold": True})
    write_channel_xlsxwriter(wb, wb.add_worksheet(SHEET_NAME), bold)
    mine = wb.add_worksheet("分级汇总")
    mine.write_row(0, 0, ["我自己的汇总", "金额"], bold)
    mine.write_row(1, 0, ["华东", 300])
    notes = wb.add_worksheet("分级规则")
    notes.write("A1", "我记下的规则说明，不是加载项写的")
    wb.close()


def openpyxl_iso_dates(path):
    """openpyxl with iso_dates: date cells saved as t="d" ISO text, on the channel sheet and another."""
    from openpyxl import Workbook

    wb = Workbook(iso_dates=True)
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    ws = wb.active
    ws.title = SHEET_NAME
    ws.append(HEADER + ["合作起始日期"])
    for i, row in enumerate(ROWS):
        values = [None if v == "" else v for v in row]
        if i == FORMULA_ROW:
            values[7] = "=" + FORMULA
        ws.append(values + [datetime.datetime(2025, 1 + i, 15)])
        if isinstance(row[1], str) and row[1].startswith("="):
            ws.cell(row=i + 2, column=2).data_type = "s"
    other = wb.create_sheet("日期")
    other.append(["签约日", datetime.datetime(2014, 3, 1, 9, 30)])
    other.append(["到期日", datetime.date(2026, 12, 31)])
    wb.save(path)


def xlsxwriter_far_cell(path):
    """A channel sheet with one styled empty cell at XFD1048576 (the last cell Excel has) and at A1048576."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(path)
    wb.set_properties({"author": "corpus", "created": FIXED})
    bold = wb.add_format({"bold": True})
    ws = wb.add_worksheet(SHEET_NAME)
    write_channel_xlsxwriter(wb, ws, bold)
    yellow = wb.add_format({"bg_color": "#FFFF00"})
    ws.write_blank(1048575, 16383, None, yellow)
    ws.write_blank(1048575, 0, None, yellow)
    ws.write_blank(0, 16380, None, yellow)  # XFA1
    wb.close()


def relocate(src, dst, folder="workbook"):
    """The same package with the workbook's parts in another folder than xl/ (OPC allows any: the
    package relationships say where the workbook is)."""
    import zipfile
    with zipfile.ZipFile(src) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in items:
            name = info.filename
            if name.startswith("xl/"):
                name = folder + "/" + name[3:]
            if name in ("[Content_Types].xml", "_rels/.rels", "docProps/app.xml"):
                data = data.replace(b"/xl/", f"/{folder}/".encode()).replace(b'Target="xl/', f'Target="{folder}/'.encode())
            copy = zipfile.ZipInfo(name, date_time=info.date_time)
            copy.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(copy, data)


def excel_with_channel(src, dst):
    inject_channel_sheet(src, dst)


def libreoffice(soffice, inputs, outdir, work):
    """Converts each input to .xlsx with LibreOffice headless; returns {input: output path}."""
    profile = os.path.join(work, "lo-profile")
    done = {}
    for src in inputs:
        conv = os.path.join(work, "lo-" + os.path.splitext(os.path.basename(src))[0])
        os.makedirs(conv, exist_ok=True)
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", conv, src],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120,
        )
        out = os.path.join(conv, os.path.splitext(os.path.basename(src))[0] + ".xlsx")
        if not os.path.exists(out):
            raise RuntimeError(f"LibreOffice wrote nothing for {src}")
        done[src] = out
    return done


FODS = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
 <style:style style:name="bold" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold" fo:color="#c00000"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>
<table:table table:name="数据">
 <table:table-row>
  <table:table-cell table:style-name="bold" office:value-type="string"><text:p>区域</text:p></table:table-cell>
  <table:table-cell table:style-name="bold" office:value-type="string"><text:p>金额</text:p></table:table-cell>
 </table:table-row>
 <table:table-row>
  <table:table-cell office:value-type="string"><text:p>华东</text:p><office:annotation><dc:creator>审核人</dc:creator><text:p>LibreOffice 批注</text:p></office:annotation></table:table-cell>
  <table:table-cell office:value-type="float" office:value="300"><text:p>300</text:p></table:table-cell>
 </table:table-row>
 <table:table-row>
  <table:table-cell office:value-type="string"><text:p>华北</text:p></table:table-cell>
  <table:table-cell office:value-type="float" office:value="200"><text:p>200</text:p></table:table-cell>
 </table:table-row>
 <table:table-row>
  <table:table-cell office:value-type="string"><text:p>合计</text:p></table:table-cell>
  <table:table-cell table:formula="of:=SUM([.B2:.B3])" office:value-type="float" office:value="500"><text:p>500</text:p></table:table-cell>
 </table:table-row>
</table:table>
%CHANNEL%
<table:database-ranges>
 <table:database-range table:name="区域数据" table:target-range-address="数据.A1:数据.B3" table:display-filter-buttons="true" table:contains-header="true"/>
</table:database-ranges>
<table:named-expressions>
 <table:named-range table:name="金额" table:base-cell-address="$数据.$B$2" table:cell-range-address="$数据.$B$2:.$B$3"/>
</table:named-expressions>
</office:spreadsheet></office:body></office:document>
"""


def fods_channel():
    def esc(t):
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    rows = ["<table:table-row>" + "".join(
        f'<table:table-cell table:style-name="bold" office:value-type="string"><text:p>{esc(h)}</text:p></table:table-cell>'
        for h in HEADER) + "</table:table-row>"]
    for r, row in enumerate(ROWS):
        cells = []
        for c, v in enumerate(row):
            if v == "":
                cells.append("<table:table-cell/>")
            elif r == 0 and c == 1:
                spans = "".join(f'<text:span text:style-name="T1">{esc(t)}</text:span>' if bold else esc(t)
                                for t, bold in RICH_NAME)
                cells.append(f'<table:table-cell office:value-type="string"><text:p>{spans}</text:p></table:table-cell>')
            elif r == FORMULA_ROW and c == 7:
                cells.append(f'<table:table-cell table:formula="of:={FORMULA}" office:value-type="float" '
                             f'office:value="{FORMULA_RESULT}"><text:p>{FORMULA_RESULT}</text:p></table:table-cell>')
            elif isinstance(v, str):
                cells.append(f'<table:table-cell office:value-type="string"><text:p>{esc(v)}</text:p></table:table-cell>')
            else:
                cells.append(f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>')
        rows.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
    return f'<table:table table:name="{SHEET_NAME}">' + "".join(rows) + "</table:table>"


def main(argv):
    outdir = argv[1]
    shared = None
    use_lo = "--no-libreoffice" not in argv
    if "--shared" in argv:
        shared = argv[argv.index("--shared") + 1]
    os.makedirs(outdir, exist_ok=True)
    png = tiny_png()
    written = []
    p = os.path.join(outdir, "xlsxwriter-features.xlsx")
    xlsxwriter_features(p, png)
    written.append(p)
    p = os.path.join(outdir, "openpyxl-features.xlsx")
    openpyxl_features(p, png)
    written.append(p)
    p = os.path.join(outdir, "xlsxwriter-pivot.xlsx")
    add_pivot(p)
    written.append(p)
    p = os.path.join(outdir, "openpyxl-iso-dates.xlsx")
    openpyxl_iso_dates(p)
    written.append(p)
    p = os.path.join(outdir, "xlsxwriter-far-cell.xlsx")
    xlsxwriter_far_cell(p)
    written.append(p)
    p = os.path.join(outdir, "relocated-xlsxwriter-pivot.xlsx")
    relocate(os.path.join(outdir, "xlsxwriter-pivot.xlsx"), p)
    written.append(p)
    p = os.path.join(outdir, "office-extras.xlsx")
    office_extras(p, png)
    written.append(p)
    p = os.path.join(outdir, "xlsxwriter-addin-names.xlsx")
    xlsxwriter_addin_names(p)
    written.append(p)
    if shared:
        for name in ["Book1.xlsx", "CalcChain.xlsx", "MergeCell.xlsx", "SharedStrings.xlsx", "OverflowNumericCell.xlsx"]:
            dst = os.path.join(outdir, "excel-" + name)
            excel_with_channel(os.path.join(shared, name), dst)
            written.append(dst)
    if use_lo:
        soffice = shutil.which("soffice") or "/usr/bin/soffice"
        work = tempfile.mkdtemp(prefix="qd-corpus-")
        try:
            fods = os.path.join(work, "libreoffice-calc.fods")
            with open(fods, "w", encoding="utf-8") as f:
                f.write(FODS.replace("%CHANNEL%", fods_channel()))
            resave = os.path.join(work, "libreoffice-resaved.xlsx")
            shutil.copy(os.path.join(outdir, "xlsxwriter-features.xlsx"), resave)
            pivot = os.path.join(work, "libreoffice-pivot.xlsx")
            shutil.copy(os.path.join(outdir, "xlsxwriter-pivot.xlsx"), pivot)
            converted = libreoffice(soffice, [fods, resave, pivot], outdir, work)
            for src, out in converted.items():
                dst = os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + ".xlsx")
                shutil.copy(out, dst)
                written.append(dst)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    for w in written:
        print(w)


if __name__ == "__main__":
    main(sys.argv)
