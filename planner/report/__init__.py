"""Everything a plan becomes for people to read outside the app: the one-page report (``page``,
``layout``, ``text``), the plan tables as CSV/XLSX (``tables``, ``xlsx_format``), static chart
images (``static``, ``chromium``), what each audience may see (``audience``) and the changes
from the brief as received (``brief_changes``).
"""

from planner.report.page import report_html, report_pdf, write_outputs

__all__ = ["report_html", "report_pdf", "write_outputs"]
