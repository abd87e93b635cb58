"""Agency-scale charts export in bounded time (issue 11): a tall chart's PDF is made from its
PNG (kaleido's vector PDF of a 1,720 px Gantt did not finish in 20 minutes)."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from planner.report import static as chart_export
from planner.report.static import LARGE_PDF_HEIGHT, figure_bytes, static_export_available

pytestmark = pytest.mark.skipif(not static_export_available(), reason="needs a Chromium")


def test_a_tall_chart_pdf_is_made_from_its_png(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[int] = []
    real = chart_export._png_as_pdf
    monkeypatch.setattr(chart_export, "_png_as_pdf", lambda png: made.append(len(png)) or real(png))
    fig = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h"))
    fig.update_layout(height=LARGE_PDF_HEIGHT + 400, width=800)
    pdf = figure_bytes(fig, "pdf")
    assert pdf.startswith(b"%PDF") and made and made[0] > 0
    small = go.Figure(go.Bar(x=[1], y=["a"]))
    small.update_layout(height=400, width=600)
    assert figure_bytes(small, "pdf").startswith(b"%PDF") and len(made) == 1  # vector PDF
