"""The forum deck opens in LibreOffice Impress (headless, as a user's office program would), one page a slide,
each with the example-data mark, the source and its number; and LibreOffice keeps each slide on its named layout.

Skipped, loudly, where LibreOffice is not installed, except in CI (env CI set), where that fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import uuid
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pptx import Presentation

from reports.data import FollowUp
from reports.slides import build_deck

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"


def require_libreoffice() -> str:
    if SOFFICE is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is missing in CI; .ci/run installs libreoffice-impress")
        pytest.skip("LIBREOFFICE NOT INSTALLED: the forum deck was not opened in an office program")
    return SOFFICE


def convert(source: Path, to: str, outdir: Path) -> subprocess.CompletedProcess[str]:
    soffice = require_libreoffice()
    profile = (Path("/tmp") / f"lo-{uuid.uuid4()}").as_uri()  # a fresh profile: no dialogs, no lock of another run
    try:
        return subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", to,
             "--outdir", str(outdir), str(source)],
            capture_output=True, text=True, timeout=240, check=False,
        )
    finally:
        shutil.rmtree(profile.removeprefix("file://"), ignore_errors=True)


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=60).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@pytest.mark.slow(reason="opens the deck in LibreOffice")
def test_libreoffice_converts_the_deck_with_a_page_per_slide(
    followup_of: Callable[..., FollowUp], tmp_path: Path
) -> None:
    require_libreoffice()
    data = build_deck(followup_of(2023), "sv")
    source = tmp_path / "uppfoljning-2023.pptx"
    source.write_bytes(data)
    result = convert(source, "pdf", tmp_path / "out")
    pdf = tmp_path / "out" / "uppfoljning-2023.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stdout + result.stderr
    count = len(Presentation(BytesIO(data)).slides)
    assert pages(pdf) == count
    for page in range(1, count + 1):  # the frame drawn on the layout shows on every page, numbered
        shown = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                               capture_output=True, text=True, check=True, timeout=60).stdout
        assert "EXEMPELDATA" in shown and "Källa: parternas årliga återrapportering 2023" in shown, page
        assert re.search(rf"\b{page}\s*$", shown.rstrip("\f")), f"page {page} shows no page number"


@pytest.mark.slow(reason="opens the deck in LibreOffice")
def test_libreoffice_keeps_every_slide_on_its_named_layout(
    followup_of: Callable[..., FollowUp], tmp_path: Path
) -> None:
    require_libreoffice()
    data = build_deck(followup_of(2023), "sv")
    source = tmp_path / "uppfoljning-2023.pptx"
    source.write_bytes(data)
    result = convert(source, "odp", tmp_path / "out")
    odp = tmp_path / "out" / "uppfoljning-2023.odp"
    assert result.returncode == 0 and odp.exists(), result.stdout + result.stderr
    with zipfile.ZipFile(odp) as package:
        content = ElementTree.fromstring(package.read("content.xml"))
    masters = [page.get(f"{DRAW}master-page-name", "").replace("_20_", " ") for page in content.iter(f"{DRAW}page")]
    assert masters == [slide.slide_layout.name for slide in Presentation(BytesIO(data)).slides]
