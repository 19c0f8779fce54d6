"""The GB/T 9704-2012 fonts by role: their names only, without python-docx (fonts.py sets
them in Word files; the Excel sheets and the tally name them too)."""

TITLE = "方正小标宋简体"
BODY = "仿宋_GB2312"
HEADING1 = "黑体"
HEADING2 = "楷体_GB2312"
PAGE_NUMBER = "宋体"
