"""The browser files (`web_widget/`) under `/web/` and the demo page at `/demo`.

The files are `web_widget/` of the checkout, or the copy packed into the wheel (pyproject.toml), so an
installed coach serves the widget it was built with.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

_CHECKOUT_DIR = Path(__file__).resolve().parents[2] / "web_widget"
_WHEEL_DIR = Path(__file__).resolve().parents[1] / "bundled_web_widget"
WEB_WIDGET_DIR = _CHECKOUT_DIR if _CHECKOUT_DIR.is_dir() else _WHEEL_DIR

router = APIRouter(include_in_schema=False)


@router.get("/demo")
def demo() -> FileResponse:
    return FileResponse(WEB_WIDGET_DIR / "demo" / "index.html")


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/demo")


def static_files() -> StaticFiles:
    # check_dir=False: an app can be created (e.g. in tests) before the folder is looked at.
    return StaticFiles(directory=WEB_WIDGET_DIR, check_dir=False)
