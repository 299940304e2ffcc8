"""The channel sheet every corpus workbook carries (CONTRACT.md section 3 input columns).

Each producer adds it with its own API; `sheet_xml` is the same sheet as raw SpreadsheetML for
workbooks whose producer we cannot run (Excel), added beside their parts by inject_sheet.py.
"""

SHEET_NAME = "渠道"

HEADER = [
    "渠道代码", "渠道名称", "所属集团", "服务区域代码", "终极赔付率", "市场费用率",
    "非市场费用率", "合作保费", "合作天数", "渠道自有保费",
]

# (id, name, group, region, loss, market, non-market, premium, days, own premium).
# The name of C001 is rich text (written by each producer as runs), C002's name is text that looks
# like a formula, C003's premium is a formula with its cached result, C004 has no service area code
# (left out of grading, RULES.md section 11).
ROWS = [
    ["C001", "平安经纪", "甲集团", "3301", 0.55, 0.10, 0.25, 2000000, 73, 50000000],
    ["C002", "=SUM(A1)", "", "3301", 0.70, 0.25, 0.10, 3000000, 365, 10000000],
    ["C003", "华东代理（上海）", "甲集团", "3302", 0.60, 0.12, 0.08, 1500000, 200, 8000000],
    ["C004", "无区域渠道", "", "", 0.50, 0.10, 0.10, 1000000, 365, 5000000],
    ["C005", "Broker & Co. <北京>", "", "1101", 0.95, 0.20, 0.15, 800000, 365, 2000000],
]

RICH_NAME = [("平安", True), ("经纪", False)]  # (text, bold)
FORMULA_ROW = 2  # 0-based index in ROWS
FORMULA = "1000000*1.5"
FORMULA_RESULT = 1500000


def col_letter(index):
    """A1 column letters of a 0-based column index."""
    s = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def _esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sheet_xml():
    """The channel sheet as a worksheet part with inline strings (no shared-string table needed)."""
    rows = []
    for r, values in enumerate([HEADER] + ROWS):
        cells = []
        for c, v in enumerate(values):
            ref = f"{col_letter(c)}{r + 1}"
            if v == "" or v is None:
                continue
            if r == 1 and c == 1:
                runs = "".join(
                    f'<r>{"<rPr><b/></rPr>" if bold else ""}<t>{_esc(t)}</t></r>' for t, bold in RICH_NAME
                )
                cells.append(f'<c r="{ref}" t="inlineStr"><is>{runs}</is></c>')
            elif r == FORMULA_ROW + 1 and c == 7:
                cells.append(f'<c r="{ref}"><f>{FORMULA}</f><v>{FORMULA_RESULT}</v></c>')
            elif isinstance(v, str):
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{_esc(v)}</t></is></c>')
            else:
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
        rows.append(f'<row r="{r + 1}">{"".join(cells)}</row>')
    last = f"{col_letter(len(HEADER) - 1)}{len(ROWS) + 1}"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<dimension ref="A1:{last}"/><sheetData>{"".join(rows)}</sheetData>'
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
    )
