#!/usr/bin/python3
"""Workbooks for khai's .xlsx tests, made by openpyxl (a real writer of the format) or, for the
hostile ones, zipped by hand; and what openpyxl reads back from khai's exports.

    workbooks.py make NAME OUT.xlsx     write the workbook NAME (see MAKERS)
    workbooks.py read FILE.xlsx         print what a spreadsheet sees in khai's export
"""
import datetime
import io
import struct
import sys
import zipfile

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904


def members(out):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "รายชื่อ"
    ws.append(["รายชื่อผู้เข้าร่วมประชุมเครือข่าย จังหวัดเชียงใหม่"])
    ws.append([])
    ws.append(["ลำดับ", "ชื่อ-นามสกุล", "ชื่อเล่น", "โทรศัพท์", "ไลน์", "จังหวัด", "ยังร่วมงาน", "หมายเหตุ"])
    ws.append([1, "นางสาวจิราพร คงทอง", "แอน", 812345678, 891234567, "เชียงใหม่", True, None])
    ws.append([2, "นายสมชาย ใจดี", None, "081-234-5679", "0612345678", "Chiang Mai", False, "สอง\nบรรทัด"])
    ws.append([3.0, "ผศ.ดร.กนกพร ศรีสุข", "กิ๊ฟ", 21234567, "kanok.s", "TH-50", None, 2.5])
    ws.cell(row=4, column=8).value = None
    ws["Z4"] = "far right"
    wb.save(out)


def events(out):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "กิจกรรม"
    ws.append(["ชื่องาน", "วันที่เริ่ม", "วันที่สิ้นสุด", "เวลาเริ่ม", "เวลาสิ้นสุด", "เป้าหมาย"])
    rows = [
        ("ISO", datetime.date(2010, 7, 21), "yyyy-mm-dd", datetime.time(9, 0), "10:30 AM"),
        ("BE hex", datetime.date(2010, 7, 22), "[$-107041E]d mmm yyyy", datetime.time(13, 30), "4:30 PM"),
        ("BE tag", datetime.date(2010, 7, 23), "[$-th-TH,107]d/m/yyyy", "09:00:00 AM", "12:00 PM"),
        ("built-in", datetime.date(2010, 7, 24), 14, "9:00 AM", "09.00 น."),
        ("datetime", datetime.datetime(2010, 7, 25, 0, 0), "d/m/yyyy h:mm", "13:30:00", None),
    ]
    for i, (title, day, fmt, start, end) in enumerate(rows, start=2):
        ws.append([title, day, day, start, end, 40 + i])
        for col in (2, 3):
            cell = ws.cell(row=i, column=col)
            if isinstance(fmt, int):
                cell.number_format = openpyxl.styles.numbers.BUILTIN_FORMATS[fmt]
            else:
                cell.number_format = fmt
    wb.save(out)


def events1904(out):
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.append(["title", "start_date", "start_time"])
    ws.append(["Mac", datetime.date(2010, 7, 21), datetime.time(9, 15)])
    wb.save(out)


def two_sheets(out):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "สรุป"
    ws.append(["ยอดรวม", 2])
    ws = wb.create_sheet("ผู้เข้าร่วม")
    ws.append(["ชื่อ", "นามสกุล", "โทรศัพท์"])
    ws.append(["มานี", "มีนา", "0891112222"])
    ws.append(["ปิติ", "ยินดี", "0891113333"])
    wb.save(out)


def bad_row(out):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["given_name", "family_name", "phone", "email"])
    ws.append(["มานะ", "ดีมาก", "0812223333", "mana@example.org"])
    ws.append(["ชูใจ", "ใจดี", "12", None])
    ws["D3"].value = "=1+2"
    ws["D3"].data_type = "s"  # text that looks like a formula, not a formula
    wb.save(out)


# ---- zipped by hand: the package parts a workbook needs, with one of them broken ----

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
SHEET = ('<?xml version="1.0" encoding="UTF-8"?><worksheet ' + NS + '><sheetData>'
         '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
         '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="inlineStr"><is><t>ใจดี</t></is></c></row>'
         '</sheetData></worksheet>')
STRINGS = ('<?xml version="1.0" encoding="UTF-8"?><sst ' + NS + '>'
           '<si><t>given_name</t></si><si><t>family_name</t></si><si><t>สมชาย</t></si></sst>')


def package(out, **parts):
    names = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS,
             "xl/workbook.xml": WORKBOOK, "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
             "xl/worksheets/sheet1.xml": SHEET, "xl/sharedStrings.xml": STRINGS}
    for name, text in parts.items():
        names[name.replace("__", "/").replace("_dot_", ".")] = text
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in names.items():
            if text is not None:
                z.writestr(name, text)


def by_hand(out):
    rich = ('<?xml version="1.0" encoding="UTF-8"?><sst ' + NS + '>'
            '<si><t>given_name</t></si><si><t>family_name</t></si>'
            '<si><r><rPr><b/></rPr><t>สม</t></r><r><t xml:space="preserve">ชาย</t></r>'
            '<rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si><si><t>notes</t></si>'
            '<si><t>line_x000D_\nbreak</t></si></sst>')
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet ' + NS + '><sheetData>'
             '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
             '<c r="C1" t="s"><v>3</v></c></row>'
             '<row r="3"><c t="s"><v>2</v></c><c t="inlineStr"><is><t>ใจดี</t></is></c>'
             '<c t="s"><v>4</v></c></row>'
             '<row r="4"><c r="A4" t="str"><f>CONCAT("ปิ","ติ")</f><v>ปิติ</v></c>'
             '<c r="B4" t="inlineStr"><is><r><t>ยิน</t></r><r><t>ดี</t></r></is></c>'
             '<c r="XFD4" t="e"><v>#N/A</v></c></row>'
             '</sheetData></worksheet>')
    package(out, xl__sharedStrings_dot_xml=rich, xl__worksheets__sheet1_dot_xml=sheet)


def malformed(out):
    package(out, xl__worksheets__sheet1_dot_xml=SHEET.replace("</row>", "</rowx>", 1))


def missing_part(out):
    package(out, xl__worksheets__sheet1_dot_xml=None)


def no_workbook(out):
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "not a workbook")


def bad_string(out):
    package(out, xl__worksheets__sheet1_dot_xml=SHEET.replace("<v>2</v>", "<v>99</v>"))


def entities(out):
    laugh = '<!DOCTYPE sst [<!ENTITY a "hahahahahahahahahaha">' + "".join(
        '<!ENTITY %s "%s">' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10) for i in range(9)) + ']>'
    strings = STRINGS.replace("?>", "?>" + laugh, 1).replace("สมชาย", "&j;")
    package(out, xl__sharedStrings_dot_xml=strings)


def ods(out):
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")


def bomb(out):
    """A sheet whose sizes say it unpacks to 4 GB: the headers are patched after zipping."""
    buf = io.BytesIO()
    package(buf)
    data = bytearray(buf.getvalue())
    name = b"xl/worksheets/sheet1.xml"
    at = 0
    while True:
        at = data.find(b"PK\x03\x04", at)
        if at < 0:
            break
        n = struct.unpack_from("<H", data, at + 26)[0]
        if data[at + 30:at + 30 + n] == name:
            struct.pack_into("<I", data, at + 22, 0xFFFFFFF0)
        at += 4
    at = 0
    while True:
        at = data.find(b"PK\x01\x02", at)
        if at < 0:
            break
        n = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + n] == name:
            struct.pack_into("<I", data, at + 24, 0xFFFFFFF0)
        at += 4
    with open(out, "wb") as f:
        f.write(data)


def ole2(out, encrypted):
    """The first sector of an OLE2 container: what .xls and password-protected .xlsx are."""
    head = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + bytes(504)
    entry = ("EncryptionInfo" if encrypted else "Workbook").encode("utf-16-le")
    with open(out, "wb") as f:
        f.write(head + entry + bytes(512 - len(entry)))


def libreoffice(out):
    """tests/data/import/libreoffice-events.xlsx: the parts, attributes and styles LibreOffice
    Calc 7.4 writes (t="n" on numbers, its own numFmt ids from 164, a Buddhist Era date format,
    times with AM/PM, docProps), made by hand: LibreOffice is not installed where the tests
    run."""
    ct = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/_rels/.rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/xl/_rels/workbook.xml.rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"""
    rels = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
</Relationships>"""
    app = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Template></Template><TotalTime>1</TotalTime><Application>LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/40$Build-2</Application><AppVersion>15.0000</AppVersion></Properties>"""
    core = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dcterms:created xsi:type="dcterms:W3CDTF">2024-04-20T09:12:44Z</dcterms:created><cp:revision>1</cp:revision></cp:coreProperties>"""
    wbrels = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
    workbook = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><fileVersion appName="Calc"/><workbookPr backupFile="false" showObjects="all" date1904="false"/><workbookProtection/><bookViews><workbookView showHorizontalScroll="true" showVerticalScroll="true" showSheetTabs="true" xWindow="0" yWindow="0" windowWidth="16384" windowHeight="8192" tabRatio="500" firstSheet="0" activeTab="0"/></bookViews><sheets><sheet name="ตารางกิจกรรม" sheetId="1" state="visible" r:id="rId2"/></sheets><calcPr iterateCount="100" refMode="A1" iterate="false" iterateDelta="0.001"/><extLst><ext xmlns:loext="http://schemas.libreoffice.org/" uri="{7626C862-2A13-11E5-B345-FEFF819CDC9F}"><loext:extCalcPr stringRefSyntax="CalcA1"/></ext></extLst></workbook>"""
    styles = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="3"><numFmt numFmtId="164" formatCode="General"/><numFmt numFmtId="165" formatCode="[$-107041E]D\ MMM\ YYYY"/><numFmt numFmtId="166" formatCode="HH:MM:SS\ AM/PM"/></numFmts><fonts count="2"><font><sz val="10"/><name val="Arial"/><family val="2"/></font><font><sz val="10"/><name val="Laksaman"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border diagonalUp="false" diagonalDown="false"><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="2"><xf numFmtId="164" fontId="0" fillId="0" borderId="0" applyFont="true" applyBorder="true" applyAlignment="true" applyProtection="true"/><xf numFmtId="165" fontId="1" fillId="0" borderId="0" applyFont="true"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyFont="false" applyBorder="false" applyAlignment="false" applyProtection="false"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyFont="false" applyBorder="false" applyAlignment="false" applyProtection="false"/><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyFont="false" applyBorder="false" applyAlignment="false" applyProtection="false"/></cellXfs><cellStyles count="1"><cellStyle name="Default" xfId="0" builtinId="0"/></cellStyles></styleSheet>"""
    strings = ["รายการกิจกรรมไตรมาส 3/2567", "ชื่องาน", "ประเภท", "วันที่เริ่ม", "วันที่สิ้นสุด",
               "เวลาเริ่ม", "เวลาสิ้นสุด", "ประชุมเครือข่าย อสม.", "อบรมการใช้แผนที่", "training"]
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.'
           'openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (
               len(strings), len(strings))
           + "".join("<si><t xml:space=\"preserve\">%s</t></si>" % t for t in strings) + "</sst>")

    def s(ref, i):
        return '<c r="%s" s="0" t="s"><v>%d</v></c>' % (ref, i)

    def n(ref, style, v):
        return '<c r="%s" s="%d" t="n"><v>%s</v></c>' % (ref, style, v)

    rows = ['<row r="1" customFormat="false" ht="12.8" hidden="false" customHeight="false" '
            'outlineLevel="0" collapsed="false">' + s("A1", 0) + "</row>",
            '<row r="3" customFormat="false" ht="12.8" hidden="false" customHeight="false" '
            'outlineLevel="0" collapsed="false">' + "".join(
                s("%s3" % c, i) for c, i in zip("ABCDEF", range(1, 7))) + "</row>",
            '<row r="4" customFormat="false" ht="12.8" hidden="false" customHeight="false" '
            'outlineLevel="0" collapsed="false">' + s("A4", 7) + n("C4", 1, 45413)
            + n("D4", 1, 45413) + n("E4", 2, 0.375) + n("F4", 2, 0.6875) + "</row>",
            '<row r="5" customFormat="false" ht="12.8" hidden="false" customHeight="false" '
            'outlineLevel="0" collapsed="false">' + s("A5", 8) + s("B5", 9) + n("C5", 1, 45427)
            + n("D5", 1, 45428) + n("E5", 2, 0.5625) + n("F5", 2, 0.708333333333333) + "</row>"]
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://'
             'schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxml'
             'formats.org/officeDocument/2006/relationships"><sheetPr filterMode="false"><pageSetUpPr'
             ' fitToPage="false"/></sheetPr><dimension ref="A1:F5"/><sheetViews><sheetView '
             'showFormulas="false" showGridLines="true" showRowColHeaders="true" showZeros="true" '
             'rightToLeft="false" tabSelected="true" showOutlineSymbols="true" defaultGridColor='
             '"true" view="normal" topLeftCell="A1" colorId="64" zoomScale="100" '
             'zoomScaleNormal="100" zoomScalePageLayoutView="100" workbookViewId="0"><selection '
             'pane="topLeft" activeCell="A1" activeCellId="0" sqref="A1"/></sheetView></sheetViews>'
             '<sheetFormatPr defaultColWidth="11.53515625" defaultRowHeight="12.8" zeroHeight="false"'
             ' outlineLevelRow="0" outlineLevelCol="0"></sheetFormatPr><sheetData>' + "".join(rows)
             + '</sheetData><printOptions headings="false" gridLines="false" gridLinesSet="true" '
             'horizontalCentered="false" verticalCentered="false"/><pageMargins left="0.7875" '
             'right="0.7875" top="1.05277777777778" bottom="1.05277777777778" header="0.7875" '
             'footer="0.7875"/></worksheet>')
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in [("[Content_Types].xml", ct), ("_rels/.rels", rels),
                           ("docProps/app.xml", app), ("docProps/core.xml", core),
                           ("xl/_rels/workbook.xml.rels", wbrels), ("xl/workbook.xml", workbook),
                           ("xl/styles.xml", styles), ("xl/sharedStrings.xml", sst),
                           ("xl/worksheets/sheet1.xml", sheet)]:
            z.writestr(name, text)


MAKERS = {
    "members": members, "events": events, "events1904": events1904, "two_sheets": two_sheets,
    "bad_row": bad_row, "by_hand": by_hand, "malformed": malformed, "missing_part": missing_part,
    "no_workbook": no_workbook, "bad_string": bad_string, "entities": entities, "ods": ods,
    "bomb": bomb, "libreoffice": libreoffice, "xls": lambda out: ole2(out, False), "encrypted": lambda out: ole2(out, True),
}


def read(path):
    """One line for each fact a test checks."""
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    print("sheet", ws.title)
    print("freeze", ws.freeze_panes)
    print("filter", ws.auto_filter.ref)
    print("bold", all(c.font.b for c in ws[1]))
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        for name, cell in zip(header, row):
            if cell.value is None:
                continue
            kind = "date" if cell.is_date else cell.data_type
            value = cell.value
            if isinstance(value, datetime.datetime) and value.time() == datetime.time(0):
                value = value.date()
            print("cell %s%d %s %s %s [%s]" % (cell.column_letter, cell.row, name, kind, value,
                                               cell.number_format))
    for letter, dim in sorted(ws.column_dimensions.items()):
        print("width", letter, int(dim.width or 0))


if __name__ == "__main__":
    if sys.argv[1] == "make":
        MAKERS[sys.argv[2]](sys.argv[3])
    else:
        read(sys.argv[2])
