"""The deck on named layouts, as a project leader applying the organisation's template would need it: every slide
on one of the six layouts, titles and texts in the layouts' placeholders, charts linked to chart placeholders,
nothing overlapping at 16:9; and the deck built on an organisation's own .pptx/.potx (DECK_TEMPLATE)."""

from __future__ import annotations

import itertools
import zipfile
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.chart.plot import LinePlot
from pptx.enum.chart import XL_CHART_TYPE
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide

from reports.data import FollowUp
from reports.slides import DeckTemplateError, build_deck
from reports.slides.layouts import Rect, rect_of
from tests.reports.test_slides import chart_title, charts, open_deck, title

LAYOUTS = {"Title", "Section", "Text and chart", "Chart", "Two charts", "Summary"}
FREE_SHAPES = {"Mark", "Tile"}  # what a slide draws itself, besides its placeholders' texts and charts
TEMPLATE_NAMES = {"Title Slide": "Rubrik", "Title and Content": "Summary", "Comparison": "Två diagram",
                  "Section Header": "Section"}
POTX = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PPTX = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def organisation_template() -> bytes:
    """An organisation's own template as PowerPoint might give it: 4:3, its own fonts and placement, some of the
    deck's layouts under their names (one in Swedish), others missing, and a slide of its own."""
    presentation = Presentation()
    for layout in presentation.slide_layouts:
        if layout.name in TEMPLATE_NAMES:
            layout._element.cSld.set("name", TEMPLATE_NAMES[layout.name])
    slide = presentation.slides.add_slide(presentation.slide_layouts[0])
    assert slide.shapes.title is not None
    slide.shapes.title.text = "Mallens egen bild"
    out = BytesIO()
    presentation.save(out)
    return out.getvalue()


def as_potx(pptx: bytes) -> bytes:
    """The same file saved as a template (.potx): only the main part's content type differs."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(pptx)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data.replace(PPTX, POTX) if item.filename == "[Content_Types].xml" else data)
    return out.getvalue()


@pytest.fixture(scope="module")
def followup(followup_of: Callable[..., FollowUp]) -> FollowUp:
    return followup_of(2023)


@pytest.fixture(scope="module")
def deck(followup: FollowUp) -> PresentationType:
    return open_deck(build_deck(followup, "sv", "Energikontor Norra Småland"))


@pytest.fixture(scope="module")
def on_template(followup: FollowUp) -> PresentationType:
    return open_deck(build_deck(followup, "sv", "Region Jönköpings län", organisation_template()))


def boxes(slide: Slide) -> Iterator[tuple[str, Rect]]:
    """Everything that shows on the slide with its box: its own shapes (placeholders where their layout puts
    them), and what its layout and master draw, but for deliberate backgrounds (the title slide's band)."""
    for shape in slide.shapes:
        yield shape.name, rect_of(shape)
    layout = slide.slide_layout
    surfaces = [layout] + ([layout.slide_master] if layout._element.get("showMasterSp") != "0" else [])
    for surface in surfaces:
        for shape in surface.shapes:
            if not shape.is_placeholder and not shape.name.startswith("Background"):
                yield f"{surface.name or 'master'}: {shape.name}", rect_of(shape)


def overlaps(deck: PresentationType) -> list[str]:
    page = Rect(0, 0, int(deck.slide_width or 0), int(deck.slide_height or 0))
    found = []
    for number, slide in enumerate(deck.slides, start=1):
        shown = list(boxes(slide))
        for name, box in shown:
            if not (box.left >= 0 and box.top >= 0 and box.right <= page.right and box.bottom <= page.bottom):
                found.append(f"slide {number}: {name} is outside the page")
        for (first, a), (second, b) in itertools.combinations(shown, 2):
            if a.intersects(b):
                found.append(f"slide {number} ({title(slide)[:30]}): {first} overlaps {second}")
    return found


def test_every_slide_is_on_one_of_the_six_named_layouts(deck: PresentationType) -> None:
    assert [layout.name for layout in deck.slide_master.slide_layouts] == [
        "Title", "Section", "Text and chart", "Chart", "Two charts", "Summary"]
    assert len(deck.slide_masters) == 1
    used = [slide.slide_layout.name for slide in deck.slides]
    assert set(used) <= LAYOUTS
    assert used[0] == "Title" and used[1] == "Summary"
    assert {"Text and chart", "Chart", "Two charts"} <= set(used)


def test_titles_and_texts_are_in_the_layouts_placeholders(deck: PresentationType) -> None:
    for number, slide in enumerate(deck.slides, start=1):
        heading = slide.shapes.title
        assert heading is not None and heading.text_frame.text.strip(), f"slide {number} has no title placeholder"
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip() and not shape.is_placeholder:
                assert shape.name in FREE_SHAPES, f"slide {number}: {shape.name} holds text outside a placeholder"
    first = next(s for s in deck.slides if title(s).startswith("Åtagande I: "))
    bodies = [s for s in first.placeholders if s.placeholder_format.type is not None and s.has_text_frame
              and "36 GWh biogas" in s.text_frame.text]
    assert bodies, "the commitment's text is in the layout's text placeholder"
    footers = [s for s in first.placeholders if s.has_text_frame and "Källa:" in s.text_frame.text]
    assert footers and str(footers[0].placeholder_format.type).startswith("FOOTER")


def test_every_chart_takes_a_chart_placeholder_of_its_layout(deck: PresentationType) -> None:
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            if shape.has_chart:
                assert shape.is_placeholder, f"slide {number}: the chart {shape.name} is not in a placeholder"
        assert not [s for s in slide.placeholders if s.has_text_frame and not s.text_frame.text.strip()
                    and not str(s.placeholder_format.type).startswith(("FOOTER", "SLIDE_NUMBER"))], \
            f"slide {number} keeps an empty placeholder"


def test_nothing_overlaps_on_any_slide(deck: PresentationType, followup_of: Callable[..., FollowUp]) -> None:
    assert overlaps(deck) == []
    preliminary = open_deck(build_deck(followup_of(2024, include_drafts=True), "en"))  # two marks, English
    assert overlaps(preliminary) == []


def test_a_chart_of_fourteen_party_bars_gets_the_slide_to_itself(deck: PresentationType) -> None:
    seen = 0
    for slide in deck.slides:
        found = list(charts(slide))
        assert len(found) <= 2, title(slide)
        for chart in found:
            if chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED and len(chart.plots[0].categories) > 8:
                seen += 1
                assert len(found) == 1 and slide.slide_layout.name == "Chart", title(slide)
    assert seen >= 4  # stations, gas cars, gas light trucks, biogas share, food waste: 14 or 13 bars each


def test_labels_of_a_line_near_the_top_of_its_scale_go_below_the_points(deck: PresentationType) -> None:
    chart = next(c for s in deck.slides for c in charts(s)
                 if chart_title(c).startswith("Hur stor andel av den fordonsgas") and isinstance(c.plots[0], LinePlot))
    positions = chart._chartSpace.xpath(".//c:ser[1]/c:dLbls/c:dLblPos/@val")
    assert positions == ["b"], "labels of values near 100 % above the points run into the chart's title"


def test_the_deck_on_an_organisations_template_uses_its_layouts_by_name(on_template: PresentationType) -> None:
    assert len(on_template.slide_masters) == 1
    assert (on_template.slide_width, on_template.slide_height) == (9144000, 6858000)  # the template's 4:3
    titles = [title(slide) for slide in on_template.slides]
    assert "Mallens egen bild" not in titles  # the template's own slide is not the deck's
    assert titles[0].startswith("Överenskommelse kring biogas")
    used = {slide.slide_layout.name for slide in on_template.slides}
    assert {"Rubrik", "Summary", "Två diagram"} <= used  # found by name, the Swedish one too
    agenda = next(s for s in on_template.slides if title(s) == "Agenda")
    assert "Content Placeholder 2" in [s.name for s in agenda.slide_layout.placeholders]  # the template's own
    names = [layout.name for layout in on_template.slide_master.slide_layouts]
    assert "Text and chart" in names and "Chart" in names  # missing there: the built-in ones, on its master
    assert overlaps(on_template) == []


def test_a_potx_template_is_opened_as_well(followup: FollowUp, tmp_path: Path) -> None:
    path = tmp_path / "region.potx"
    path.write_bytes(as_potx(organisation_template()))
    deck = open_deck(build_deck(followup, "sv", None, path))
    assert deck.slides[0].slide_layout.name == "Rubrik"


def test_a_file_that_is_no_template_gets_a_clear_message(followup: FollowUp, tmp_path: Path) -> None:
    with pytest.raises(DeckTemplateError) as raised:
        build_deck(followup, template=b"PK\x03\x04 not a presentation")
    assert str(raised.value) == "The deck template is not a PowerPoint presentation or template (.pptx, .potx)."
    broken = tmp_path / "mall.pptx"
    broken.write_text("hej", encoding="utf-8")
    with pytest.raises(DeckTemplateError) as raised:
        build_deck(followup, template=broken)
    assert raised.value.message.params == {"name": "mall.pptx"}
    with pytest.raises(DeckTemplateError, match="cannot be read"):
        build_deck(followup, template=tmp_path / "saknas.potx")


