"""Static and offline export of charts and pages: PNG/SVG/PDF via kaleido, PDF via Chromium.

Static images need a Chromium: ``BROWSER_PATH`` or one found on ``PATH`` (Debian's
``chromium`` works). Nothing here ever downloads a browser. Charts are rendered by kaleido
through one sync server per process, started on first use and used under a lock; HTML pages are
printed to PDF by headless Chromium. HTML export needs no browser.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

import plotly.graph_objects as go

from planner.report.chromium import HEADLESS_FLAGS

STATIC_FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
FORMATS: tuple[str, ...] = ("html", *STATIC_FORMATS)
BROWSER_NAMES: tuple[str, ...] = ("chromium", "chromium-browser", "google-chrome")
DEFAULT_WIDTH = 1000
FIRST_EXPORT_TIMEOUT = 90.0
PDF_TIMEOUT = 120.0
EXPORT_TIMEOUT = 180.0
"""Longest any one chart may take to render; beyond it the export is given up (never hangs)."""
LARGE_PDF_HEIGHT = 1200
"""Charts taller than this (layout pixels) get a PDF made from their PNG: kaleido's vector
PDF of an agency-scale Gantt (25 people × 236 tasks, 1,720 px) did not finish in 20 minutes
(see docs/benchmarks.md)."""
_CHROMIUM_FLAGS: tuple[str, ...] = (*HEADLESS_FLAGS, "--no-pdf-header-footer")


class ExportUnavailable(RuntimeError):
    """Static export (PNG/SVG/PDF) is not possible: no working Chromium was found."""


def chromium_path() -> str | None:
    """The Chromium used for static export, or None when there is none.

    Returns
    -------
    str or None
        ``BROWSER_PATH`` when it names an executable file, else the first of
        :data:`BROWSER_NAMES` found on ``PATH``.
    """
    override = os.environ.get("BROWSER_PATH")
    if override:
        return override if os.path.isfile(override) and os.access(override, os.X_OK) else None
    return next((p for p in map(shutil.which, BROWSER_NAMES) if p), None)


def static_export_available() -> bool:
    """True when PNG, SVG and PDF exports can run here (a Chromium is available)."""
    return chromium_path() is not None


class _Kaleido:
    """The process-wide kaleido sync server: started once, used under a lock.

    kaleido's server thread dies silently if the browser cannot start, and a call would then
    wait forever; the first export therefore runs with a timeout and a failure marks the
    server broken (later exports raise :class:`ExportUnavailable` at once).
    """

    lock = threading.Lock()
    started = False
    warm = False
    broken = False

    @classmethod
    def image(cls, fig: go.Figure, fmt: str, width: int, height: int, scale: float) -> bytes:
        with cls.lock:
            if cls.broken:
                raise ExportUnavailable("the Chromium used for chart export stopped responding")
            if chromium_path() is None:
                raise ExportUnavailable(
                    "no Chromium found for PNG/SVG/PDF export: install chromium "
                    "or set BROWSER_PATH to a Chrome/Chromium executable"
                )
            if not cls.started:
                import kaleido

                kaleido.start_sync_server(mathjax=False, silence_warnings=True)
                cls.started = True

            def render() -> bytes:
                with warnings.catch_warnings():  # plotly passes options the server ignores
                    warnings.filterwarnings("ignore", message=".*kopts.*")
                    return fig.to_image(format=fmt, width=width, height=height, scale=scale)

            limit = EXPORT_TIMEOUT if cls.warm else FIRST_EXPORT_TIMEOUT
            pool = ThreadPoolExecutor(max_workers=1)
            try:
                data = pool.submit(render).result(timeout=limit)
            except FutureTimeout as error:
                cls.broken = True
                raise ExportUnavailable(
                    f"Chromium did not render a chart within {limit:g} s"
                ) from error
            finally:
                pool.shutdown(wait=False)
            cls.warm = True
            return data


def figure_bytes(
    fig: go.Figure, fmt: str, width: int | None = None, height: int | None = None
) -> bytes:
    """One chart as a file's bytes.

    Parameters
    ----------
    fig
        The figure.
    fmt
        ``"html"`` (self-contained page with plotly.js inlined; works offline), ``"png"``
        (twice the layout resolution), ``"svg"`` or ``"pdf"``.
    width, height
        Size in layout pixels for static formats; default the figure's own size, else
        :data:`DEFAULT_WIDTH` wide.

    Returns
    -------
    bytes
        The file content.

    Raises
    ------
    ExportUnavailable
        For png/svg/pdf when no working Chromium is available.
    ValueError
        For any other format.
    """
    if fmt == "html":
        page = fig.to_html(include_plotlyjs=True, full_html=True, config={"displaylogo": False})
        return page.encode("utf-8")
    if fmt not in STATIC_FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}; use one of {', '.join(FORMATS)}")
    width = width or fig.layout.width or DEFAULT_WIDTH
    height = height or fig.layout.height or 500
    if fmt == "pdf" and height > LARGE_PDF_HEIGHT:
        return _png_as_pdf(_Kaleido.image(fig, "png", width, height, 2))
    return _Kaleido.image(fig, fmt, width, height, 2 if fmt == "png" else 1)


def _png_as_pdf(png: bytes) -> bytes:
    """A one-page PDF showing ``png`` (rendered at twice the layout size) at layout size."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=192.0)  # 2 pixels per layout pixel at 96 dpi
    return buffer.getvalue()


def html_to_pdf(page: str) -> bytes:
    """Print an HTML page to PDF with headless Chromium (A4, no header or footer).

    Parameters
    ----------
    page
        A complete, self-contained HTML document.

    Returns
    -------
    bytes
        The PDF.

    Raises
    ------
    ExportUnavailable
        When there is no Chromium or it fails to print.
    """
    browser = chromium_path()
    if browser is None:
        raise ExportUnavailable("no Chromium found to print the report to PDF")
    with tempfile.TemporaryDirectory(prefix="planner-pdf-") as tmp:
        source, target = Path(tmp, "report.html"), Path(tmp, "report.pdf")
        source.write_text(page, encoding="utf-8")
        command = [
            browser,
            *_CHROMIUM_FLAGS,
            f"--user-data-dir={Path(tmp, 'profile')}",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=PDF_TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise ExportUnavailable(f"Chromium could not print the report: {error}") from error
        if not target.exists() or target.stat().st_size == 0:
            tail = done.stderr.decode(errors="replace").strip().splitlines()[-3:]
            raise ExportUnavailable(f"Chromium printed no PDF: {' / '.join(tail)}")
        return target.read_bytes()
