"""Which module holds each output format's reporter: the one place a format name is spelt.

Data only, importing nothing: the registry (zxcli.report) and the error documents
(report/failure.py, used by the reporters themselves) both read it, so neither has to
import the other (tests/test_architecture.py forbids the circle).
"""

# format name -> module defining REPORTER (imported only when chosen: rich for text only)
REPORTER_BY_NAME: dict[str, str] = {
    "text": "zxcli.report.text",
    "json": "zxcli.report.json_out",
    "github": "zxcli.report.github",
    "junit": "zxcli.report.junit",
    "sarif": "zxcli.report.sarif",
    "codequality": "zxcli.report.codequality",
}
