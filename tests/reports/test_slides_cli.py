"""`tracker slides` as a project leader runs it on the demo data."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from click.testing import CliRunner, Result
from pptx import Presentation
from sqlalchemy import Engine

from tracker.cli import cli


def run(engine: Engine, *args: str) -> Result:
    url = engine.url.render_as_string(hide_password=False)
    return CliRunner().invoke(cli, list(args), env={"DATABASE_URL": url}, catch_exceptions=False)


def test_slides_writes_the_deck(demo_engine: Engine, tmp_path: Path) -> None:
    out = tmp_path / "uppfoljning-2023.pptx"
    result = run(demo_engine, "slides", "--year", "2023", "--out", str(out))
    assert result.exit_code == 0, result.output
    deck = Presentation(BytesIO(out.read_bytes()))
    assert f"presentationen för 2023 med {len(deck.slides)} bilder" in result.output
    assert any("Energikontor Norra Småland" in s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)


def test_slides_in_english_with_drafts_and_without_organisation(demo_engine: Engine, tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    # 2022: the project leaders have entered no presenters (who present 2023 and 2024 is on the title slide)
    result = run(demo_engine, "slides", "--year", "2022", "--out", str(out), "--include-drafts", "--lang", "en",
                 "--organisation", "")
    assert result.exit_code == 0, result.output
    first = Presentation(BytesIO(out.read_bytes())).slides[0]
    shown = [s.text_frame.text for s in [*first.shapes, *first.slide_layout.shapes] if s.has_text_frame]
    assert "PRELIMINARY – 14 of 14 reports submitted" in shown  # 2022 has no draft: none is said to be
    assert not any("Energikontor" in t for t in shown)


def test_a_year_without_a_round_gets_a_friendly_message(demo_engine: Engine, tmp_path: Path) -> None:
    out = tmp_path / "none.pptx"
    result = run(demo_engine, "slides", "--year", "1999", "--out", str(out))
    assert result.exit_code == 1
    assert "Det finns ingen rapporteringsomgång för 1999." in result.output
    assert "Traceback" not in result.output and not out.exists()


def test_slides_on_the_organisations_template(demo_engine: Engine, tmp_path: Path) -> None:
    from tests.reports.test_slide_layouts import organisation_template

    template = tmp_path / "region.pptx"
    template.write_bytes(organisation_template())
    out = tmp_path / "deck.pptx"
    result = run(demo_engine, "slides", "--year", "2023", "--out", str(out), "--template", str(template))
    assert result.exit_code == 0, result.output
    assert Presentation(BytesIO(out.read_bytes())).slides[0].slide_layout.name == "Rubrik"


def test_a_template_that_is_not_one_gets_a_message_and_no_deck(demo_engine: Engine, tmp_path: Path) -> None:
    template = tmp_path / "mall.potx"
    template.write_text("ingen presentation", encoding="utf-8")
    out = tmp_path / "deck.pptx"
    result = run(demo_engine, "slides", "--year", "2023", "--out", str(out), "--template", str(template))
    assert result.exit_code == 1
    assert "Presentationsmallen mall.potx är inte en PowerPoint-presentation eller -mall (.pptx, .potx)." in \
        result.output
    assert "Traceback" not in result.output and not out.exists()
