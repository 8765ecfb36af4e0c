# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import shutil
import subprocess
import tempfile
import unicodedata
import unittest


def pdf_text(report, res_ids):
    """The text of ``report`` printed for ``res_ids``, one string per page, read
    back with pdftotext (skips the test when wkhtmltopdf or pdftotext is missing)."""
    if not shutil.which("wkhtmltopdf") or not shutil.which("pdftotext"):
        raise unittest.SkipTest("wkhtmltopdf or pdftotext is missing: no PDF to check.")
    report = report.with_context(force_report_rendering=True)
    pdf = report._render_qweb_pdf(report.report_name, res_ids)[0]
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf_file:
        pdf_file.write(pdf)
        pdf_file.flush()
        text = subprocess.run(
            ["pdftotext", "-layout", pdf_file.name, "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    # The CJK font maps some characters to their Kangxi radical (⽣ for 生).
    return unicodedata.normalize("NFKC", text).rstrip("\f").split("\f")
