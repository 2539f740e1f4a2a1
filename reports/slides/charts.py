"""Draws a `ChartSpec` as a native PowerPoint chart (CategoryChartData + add_chart): editable in PowerPoint.

The chart XML is written here in one go, styled (fixed scale, colours from the spec, labelled values, the deck's
font and language), instead of being generated plain and then restyled property by property: that costs a
fraction of the time. The series' data parts and the embedded workbook are python-pptx's own, so PowerPoint's
"Edit data" works as for any chart it made. The chart's numbers are its alternative text.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from pptx.chart.data import CategoryChartData, ChartData
from pptx.chart.xmlwriter import _CategorySeriesXmlWriter
from pptx.enum.chart import XL_CHART_TYPE
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.util import Emu

from reports.palette import Fill, Pattern, text_on
from reports.slides.spec import ChartForm, ChartSpec, SeriesSpec
from reports.slides.theme import FONT, INK, MUTED, RULE

CHART_TYPES = {  # what python-pptx and PowerPoint call them (the XML is written below)
    ChartForm.PARTY_BARS: XL_CHART_TYPE.BAR_CLUSTERED,  # a series per outcome, overlapping: one bar per party
    ChartForm.YEAR_COLUMNS: XL_CHART_TYPE.COLUMN_STACKED,
    ChartForm.STATUS_BAR: XL_CHART_TYPE.BAR_STACKED,
    ChartForm.STATUS_BARS_100: XL_CHART_TYPE.BAR_STACKED_100,
    ChartForm.TREND_LINE: XL_CHART_TYPE.LINE_MARKERS,
    ChartForm.COLUMNS: XL_CHART_TYPE.COLUMN_CLUSTERED,
    ChartForm.HISTOGRAM: XL_CHART_TYPE.COLUMN_STACKED,
}
HORIZONTAL = (ChartForm.PARTY_BARS, ChartForm.STATUS_BAR, ChartForm.STATUS_BARS_100)
STACKED = (ChartForm.YEAR_COLUMNS, ChartForm.STATUS_BAR, ChartForm.STATUS_BARS_100, ChartForm.HISTOGRAM)
GROUPING = {ChartForm.YEAR_COLUMNS: "stacked", ChartForm.STATUS_BAR: "stacked", ChartForm.HISTOGRAM: "stacked",
            ChartForm.STATUS_BARS_100: "percentStacked"}
NAMESPACES = ('xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
              'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
              'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
CATEGORY_AXIS, VALUE_AXIS = "111111111", "222222222"
LABEL_SIZE = 11  # points: the numbers on bars, segments and points


def chart_data(spec: ChartSpec) -> CategoryChartData:
    """The plain chart data (categories, series, number format): the embedded workbook and the baseline's."""
    data = CategoryChartData(number_format=spec.number_format)
    data.categories = spec.categories
    for series in spec.series:
        data.add_series(series.name, series.values)
    return data


class StyledChartData(ChartData):
    """Chart data whose chart XML is the styled chart of `spec` in `language` (python-pptx's `ChartData`, the
    name its `add_chart` is annotated with, is its `CategoryChartData`)."""

    def __init__(self, spec: ChartSpec, language: str) -> None:
        super().__init__(number_format=spec.number_format)
        self.spec, self.language = spec, language
        self.categories = spec.categories
        for series in spec.series:
            self.add_series(series.name, series.values)

    def xml_bytes(self, chart_type: object) -> bytes:
        return chart_xml(self, self.spec, self.language).encode("utf-8")


def add_chart(slide: Slide, spec: ChartSpec, left: int, top: int, width: int, height: int) -> GraphicFrame:
    """The chart of `spec` in the given rectangle (EMU), in its graphic frame (`.chart` is the chart)."""
    frame: GraphicFrame = slide.shapes.add_chart(  # type: ignore[assignment]  # python-pptx annotates the frame as Chart
        CHART_TYPES[spec.form], Emu(left), Emu(top), Emu(width), Emu(height), StyledChartData(spec, spec.language))
    frame.name = spec.title[:60]
    frame._element.nvGraphicFramePr.cNvPr.set("descr", spec.description())
    return frame


def _lang(language: str) -> str:
    return "sv-SE" if language == "sv" else "en-GB"


def _text_properties(size: int, colour: str, bold: bool = False, language: str = "sv") -> str:
    weight = ' b="1"' if bold else ""
    return (f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size * 100}"{weight}>'
            f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill><a:latin typeface="{FONT}"/>'
            f'</a:defRPr></a:pPr><a:endParaRPr lang="{_lang(language)}"/></a:p></c:txPr>')


def _rich(text: str, size: int, language: str, bold: bool = True) -> str:
    weight = ' b="1"' if bold else ""
    return (f'<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size * 100}"{weight}/></a:pPr>'
            f'<a:r><a:rPr lang="{_lang(language)}" sz="{size * 100}"{weight}><a:latin typeface="{FONT}"/></a:rPr>'
            f'<a:t>{escape(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/>')


def _fill(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'


def _area(fill: Fill) -> str:
    """A bar's or segment's fill: its colour, and its pattern (hatched for no, dotted for not reported)."""
    if fill.pattern is Pattern.SOLID:
        return _fill(fill.colour)
    return (f'<a:pattFill prst="{fill.pattern}"><a:fgClr><a:srgbClr val="{fill.stripes}"/></a:fgClr>'
            f'<a:bgClr><a:srgbClr val="{fill.colour}"/></a:bgClr></a:pattFill>')


def _label_position(spec: ChartSpec, series: SeriesSpec) -> str:
    """Inside stacked segments, at the end of bars; above a line's points, or below where they come near the top of
    the scale (a label above would run into the chart's title)."""
    if spec.form in STACKED:
        return "ctr"
    if spec.form is ChartForm.TREND_LINE:
        top = spec.axis_max
        values = [v for v in series.values if v is not None]
        return "b" if top is not None and values and max(values) > 0.8 * top else "t"
    return "outEnd" if spec.form in (ChartForm.PARTY_BARS, ChartForm.COLUMNS) else "ctr"


def _labels(spec: ChartSpec, series: SeriesSpec, language: str) -> str:
    if series.dashed or (spec.form is ChartForm.TREND_LINE and len(spec.categories) > 12):
        return ""
    colour = text_on(series.colour) if spec.form in STACKED else str(INK)
    position = _label_position(spec, series)
    text = _text_properties(LABEL_SIZE, colour, False, language)
    return (f'<c:dLbls><c:numFmt formatCode={quoteattr(spec.number_format)} sourceLinked="0"/>'
            f'<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{text}'
            f'<c:dLblPos val="{position}"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
            '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>')


def _series(data: CategoryChartData, spec: ChartSpec, language: str) -> str:
    parts = []
    for index, (series, drawn) in enumerate(zip(spec.series, data, strict=True)):
        writer = _CategorySeriesXmlWriter(drawn)
        labels = _labels(spec, series, language)
        if spec.form is ChartForm.TREND_LINE:
            dash = '<a:prstDash val="dash"/>' if series.dashed else ""
            symbol = '<c:symbol val="none"/>' if series.dashed else (
                f'<c:symbol val="circle"/><c:size val="6"/><c:spPr>{_fill(series.colour)}'
                f'<a:ln>{_fill(series.colour)}</a:ln></c:spPr>')
            look = (f'<c:spPr><a:ln w="28575" cap="rnd">{_fill(series.colour)}{dash}<a:round/></a:ln></c:spPr>'
                    f'<c:marker>{symbol}</c:marker>{labels}')
            tail = '<c:smooth val="0"/>'
        else:
            edge = series.colour if spec.form is ChartForm.PARTY_BARS else "FFFFFF"
            look = (f'<c:spPr>{_area(series.fill)}<a:ln w="6350">{_fill(edge)}</a:ln></c:spPr>'
                    f'<c:invertIfNegative val="0"/>{labels}')
            tail = ""
        parts.append(f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/>{writer.tx_xml}{look}'
                     f'{writer.cat_xml}{writer.val_xml}{tail}</c:ser>')
    return "".join(parts)


def _plot(data: CategoryChartData, spec: ChartSpec, language: str) -> str:
    axes = f'<c:axId val="{CATEGORY_AXIS}"/><c:axId val="{VALUE_AXIS}"/>'
    series = _series(data, spec, language)
    if spec.form is ChartForm.TREND_LINE:
        return (f'<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{series}'
                f'<c:marker val="1"/>{axes}</c:lineChart>')
    direction = "bar" if spec.form in HORIZONTAL else "col"
    grouping = GROUPING.get(spec.form, "clustered")
    gap = 40 if spec.form in HORIZONTAL else 60
    overlap = "" if spec.form is ChartForm.COLUMNS else '<c:overlap val="100"/>'
    return (f'<c:barChart><c:barDir val="{direction}"/><c:grouping val="{grouping}"/><c:varyColors val="0"/>'
            f'{series}<c:gapWidth val="{gap}"/>{overlap}{axes}</c:barChart>')


def _category_axis(spec: ChartSpec, language: str) -> str:
    horizontal = spec.form in HORIZONTAL
    count = len(spec.categories)  # many parties: a smaller font, so that no name is left out
    size = 12 if count <= 16 else 10 if count <= 24 else 8
    return (f'<c:catAx><c:axId val="{CATEGORY_AXIS}"/><c:scaling><c:orientation '
            f'val="{"maxMin" if horizontal else "minMax"}"/></c:scaling><c:delete val="0"/>'
            f'<c:axPos val="{"l" if horizontal else "b"}"/><c:numFmt formatCode="General" sourceLinked="1"/>'
            '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>'
            f'<c:spPr><a:ln w="9525">{_fill(str(RULE))}</a:ln></c:spPr>'
            f"{_text_properties(size, str(INK), False, language)}"
            f'<c:crossAx val="{VALUE_AXIS}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>'
            '<c:lblOffset val="100"/><c:tickLblSkip val="1"/><c:noMultiLvlLbl val="0"/></c:catAx>')


def _value_axis(spec: ChartSpec, language: str) -> str:
    horizontal = spec.form in HORIZONTAL
    scaling = '<c:orientation val="minMax"/>'
    if spec.form is not ChartForm.STATUS_BARS_100:
        if spec.axis_max is not None:
            scaling += f'<c:max val="{spec.axis_max}"/>'
        scaling += '<c:min val="0"/>'
    hidden = spec.form is ChartForm.STATUS_BAR  # the bar is labelled; a scale would only clutter
    grid = "" if hidden else (f'<c:majorGridlines><c:spPr><a:ln w="6350">{_fill(str(RULE))}</a:ln></c:spPr>'
                              "</c:majorGridlines>")
    title = f"<c:title>{_rich(spec.axis_title, 10, language, bold=False)}</c:title>" if spec.axis_title else ""
    tag = spec.number_format[:spec.number_format.find("]") + 1] if spec.number_format.startswith("[$") else ""
    ticks = tag + "0 %" if spec.form is ChartForm.STATUS_BARS_100 else spec.number_format.replace(";;;", "")
    unit = f'<c:majorUnit val="{spec.major_unit}"/>' if spec.major_unit is not None else ""
    crosses = "max" if horizontal else "autoZero"  # bars from the top: the scale still at the bottom
    return (f'<c:valAx><c:axId val="{VALUE_AXIS}"/><c:scaling>{scaling}</c:scaling>'
            f'<c:delete val="{int(hidden)}"/><c:axPos val="{"b" if horizontal else "l"}"/>{grid}{title}'
            f'<c:numFmt formatCode={quoteattr(ticks)} sourceLinked="0"/><c:majorTickMark val="none"/>'
            '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:spPr><a:ln><a:noFill/></a:ln></c:spPr>'
            f'{_text_properties(11, str(MUTED), False, language)}<c:crossAx val="{CATEGORY_AXIS}"/>'
            f'<c:crosses val="{crosses}"/><c:crossBetween val="between"/>{unit}</c:valAx>')


def chart_xml(data: CategoryChartData, spec: ChartSpec, language: str) -> str:
    """The whole chart part: title, plot, axes, legend (when there are several series), font and language."""
    size = 14 if len(spec.title) < 90 else 12
    legend = (f'<c:legend><c:legendPos val="b"/><c:overlay val="0"/>'
              f"{_text_properties(12, str(INK), False, language)}</c:legend>") if len(spec.series) > 1 else ""
    return (f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<c:chartSpace {NAMESPACES}>"
            f'<c:date1904 val="0"/><c:lang val="{_lang(language)}"/><c:roundedCorners val="0"/><c:chart>'
            f"<c:title>{_rich(spec.title, size, language)}</c:title>"
            f'<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>{_plot(data, spec, language)}'
            f"{_category_axis(spec, language)}{_value_axis(spec, language)}</c:plotArea>{legend}"
            '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
            f"{_text_properties(11, str(INK), False, language)}</c:chartSpace>")
