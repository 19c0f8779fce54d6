"""Rendering the forms of `zx render-forms`: 申报书 (附1), 推荐表 (附2) and the 汇总表.

- view.py         the view model: what a form shows, computed from a dossier's data
- templates.py    finding the Word templates and checking their placeholders
- docx_forms.py   filling a Word template (docxtpl), fonts and the 草稿 mark
- xlsx_forms.py   the Excel 推荐表 and 汇总表 (openpyxl)
- fonts.py        East Asian fonts on styles and runs
- determinism.py  same input, same bytes: normalising the zip container
- pdf.py          PDF through LibreOffice
- writer.py       render_forms() and render_summary(): check everything, then write

Nothing here is imported when zx starts; the command imports writer.py when it runs.
"""
