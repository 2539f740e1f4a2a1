"""The Excel summary opens in LibreOffice (headless, as a user's office program would) and prints.

Skipped, loudly, where LibreOffice is not installed, except in CI (env CI set), where that fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=60).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@pytest.mark.slow(reason="opens the workbook in LibreOffice")
def test_libreoffice_converts_the_summary_to_pdf(workbook_2023: bytes, tmp_path: Path) -> None:
    if SOFFICE is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is missing in CI; .ci/run installs libreoffice-calc")
        pytest.skip("LIBREOFFICE NOT INSTALLED: the Excel summary was not opened in an office program")
    source = tmp_path / "sammanstallning.xlsx"
    source.write_bytes(workbook_2023)
    profile = (tmp_path / "profile").as_uri()  # a fresh profile: no first-start dialogs, no lock of another run
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "out"), str(source)],
        capture_output=True, text=True, timeout=240, check=False,
    )
    pdf = tmp_path / "out" / "sammanstallning.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stdout + result.stderr
    # 13 sheets; Rådata with 5 years of 14 parties is most of it (about 48 pages in LibreOffice 7).
    assert 20 <= pages(pdf) <= 120
