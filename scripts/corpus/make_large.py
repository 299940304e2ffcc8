#!/usr/bin/python3
"""A large channel sheet written by XlsxWriter, for the streamed row rewriting: every kind of cell
value, many styles, rich text, long strings, characters outside the BMP, XML specials, so that any
cell, string or character cut by a read boundary shows.

    /usr/bin/python3 scripts/corpus/make_large.py OUT.xlsx ROWS
"""
import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from channel_sheet import HEADER, SHEET_NAME  # noqa: E402


def main(path, rows):
    import xlsxwriter

    wb = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
    wb.set_properties({"author": "corpus", "created": datetime.datetime(2026, 11, 30, 9, 0, 0)})
    bold = wb.add_format({"bold": True})
    pct = wb.add_format({"num_format": "0.00%"})
    money = wb.add_format({"num_format": "#,##0.00"})
    fills = [wb.add_format({"bg_color": c}) for c in ("#FFF2CC", "#DDEBF7", "#E2EFDA", "#FCE4D6")]
    red = wb.add_format({"font_color": "red", "bold": True})
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws = wb.add_worksheet(SHEET_NAME)
    ws.write_row(0, 0, HEADER + ["备注", "签约日"], bold)
    for i in range(1, rows + 1):
        r = i
        ws.write_string(r, 0, f"C{i:06d}")
        if i % 97 == 0:
            ws.write_rich_string(r, 1, red, "重点", "渠道", fills[0], f"#{i}")
        elif i % 89 == 0:
            ws.write_string(r, 1, "=SUM(A1)")
        elif i % 83 == 0:
            ws.write_string(r, 1, "Broker & Co. <上海> \"引号\" 😀𠀀")
        else:
            ws.write_string(r, 1, f"渠道{i}号", fills[i % 4])
        if i % 5:
            ws.write_string(r, 2, f"集团{i % 37}")
        ws.write_string(r, 3, "" if i % 211 == 0 else f"{3300 + i % 9}")
        ws.write_number(r, 4, 0.4 + (i % 50) / 100, pct)
        ws.write_number(r, 5, 0.05 + (i % 20) / 100, pct)
        ws.write_number(r, 6, 0.05 + (i % 15) / 100, pct)
        if i % 101 == 0:
            ws.write_formula(r, 7, f"={1000 * i}*3", money, 3000 * i)
        else:
            ws.write_number(r, 7, 100000 + i * 137.25, money)
        ws.write_number(r, 8, 30 + i % 336)
        ws.write_number(r, 9, 10000000 + i * 3)
        if i % 13 == 0:
            ws.write_string(r, 10, ("很长的备注，" * 200) + str(i))
        elif i % 17 == 0:
            ws.write_boolean(r, 10, i % 2 == 0)
        elif i % 19 == 0:
            ws.write_formula(r, 10, "=1/0", None, "#DIV/0!")
        elif i % 23 == 0:
            ws.write_blank(r, 10, None, fills[1])
        if i % 7 == 0:
            ws.write_datetime(r, 11, datetime.datetime(2020, 1, 1) + datetime.timedelta(days=i % 2000), date)
    ws.set_column("A:L", 12)
    ws.freeze_panes(1, 1)
    wb.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
