"""The presentation a deck is built in: the built-in master (python-pptx's default restyled), or the organisation's
own template (.pptx or .potx) with its slides removed. Either way the six named layouts of
reports.slides.layouts are found by name, and the built-in ones added where a template lacks one.

The built-in master: 16:9, Arial, the deck's colours in the theme (so that charts and shapes added in PowerPoint
match), the title and text styles, the footer and page number placeholders, and the rules under the title and
above the footer that every slide shows. Its layouts are python-pptx's placeholders, placed anew.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

from pptx import Presentation
from pptx.exc import PackageNotFoundError
from pptx.opc.constants import RELATIONSHIP_TYPE
from pptx.oxml import parse_xml
from pptx.presentation import Presentation as PresentationType
from pptx.slide import SlideMaster

from reports.slides.layouts import NAMESPACES, P, Rect, inches
from reports.slides.theme import ACCENT, FONT, FOOTER_SIZE, INK, MUTED, PALE, PRIMARY, RULE, SLIDE_HEIGHT, SLIDE_WIDTH
from tracker.domain.messages import N_, Message

Template = bytes | Path
THEME_NAME = "Biogasuppföljning"
THEME_COLOURS = {"dk1": str(INK), "lt1": "FFFFFF", "dk2": str(PRIMARY), "lt2": str(PALE), "accent1": "0072B2",
                 "accent2": "56B4E9", "accent3": "D55E00", "accent4": "F0E442", "accent5": str(ACCENT),
                 "accent6": "8F8F8F", "hlink": "0072B2", "folHlink": "882255"}
FOOTER = inches(0.5, 7.0, 11.3, 0.4)
PAGE_NUMBER = inches(12.033, 7.0, 0.8, 0.4)
TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PRESENTATION_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


class DeckTemplateError(ValueError):
    """The deck template cannot be read as a PowerPoint presentation or template."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.msgid % dict(message.params) if message.params else message.msgid)
        self.message = message


def _xfrm(rect: Rect) -> str:
    return (f'<a:xfrm><a:off x="{rect.left}" y="{rect.top}"/><a:ext cx="{rect.width}" cy="{rect.height}"/>'
            "</a:xfrm>")


def _placeholder(number: int, name: str, ph: str, rect: Rect, anchor: str, style: str = "", text: str = "") -> str:
    inset = 91440
    return (f'<p:sp {NAMESPACES}><p:nvSpPr><p:cNvPr id="{number}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/>'
            f'</p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr>{_xfrm(rect)}<a:prstGeom prst="rect"><a:avLst/>'
            f'</a:prstGeom></p:spPr><p:txBody><a:bodyPr vert="horz" wrap="square" lIns="{inset}" tIns="{inset}" '
            f'rIns="{inset}" bIns="{inset}" rtlCol="0" anchor="{anchor}"><a:noAutofit/></a:bodyPr>'
            f'<a:lstStyle>{style}</a:lstStyle><a:p>{text}<a:endParaRPr lang="sv-SE"/></a:p></p:txBody></p:sp>')


def _rule(number: int, name: str, rect: Rect, colour: str) -> str:
    return (f'<p:sp {NAMESPACES}><p:nvSpPr><p:cNvPr id="{number}" name="{name}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr>{_xfrm(rect)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr '
            f'val="{colour}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>')


def _level(level: int, size: int, colour: str, bold: bool = False, font: str = "+mn-lt") -> str:
    weight = ' b="1"' if bold else ""
    indent = 0 if level == 1 else 342900 * (level - 1)
    return (f'<a:lvl{level}pPr marL="{indent}" indent="0" algn="l" rtl="0"><a:spcBef><a:spcPts val="600"/>'
            f'</a:spcBef><a:buNone/><a:defRPr sz="{size * 100}"{weight} kern="1200"><a:solidFill><a:schemeClr '
            f'val="{colour}"/></a:solidFill><a:latin typeface="{font}"/><a:cs typeface="{font}"/></a:defRPr>'
            f"</a:lvl{level}pPr>")


def _restyle_master(master: SlideMaster) -> None:
    element = master._element
    tree = element.cSld.spTree
    for shape in list(tree)[2:]:  # keep the group's own properties
        tree.remove(shape)
    footer_style = (f'<a:lvl1pPr><a:defRPr sz="{int(FOOTER_SIZE.pt * 100)}"><a:solidFill><a:srgbClr val="{MUTED}"/>'
                    "</a:solidFill></a:defRPr></a:lvl1pPr>")
    number_style = footer_style.replace("<a:lvl1pPr>", '<a:lvl1pPr algn="r">')
    field = ('<a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum"><a:rPr lang="sv-SE"/>'
             "<a:t>‹#›</a:t></a:fld>")
    for xml in (
        _placeholder(2, "Title", '<p:ph type="title"/>', inches(0.5, 0.42, 12.333, 0.8), "b"),
        _placeholder(3, "Text", '<p:ph type="body" idx="1"/>', inches(0.5, 1.45, 12.333, 5.4), "t"),
        _placeholder(4, "Footer", '<p:ph type="ftr" sz="quarter" idx="3"/>', FOOTER, "ctr", footer_style),
        _placeholder(5, "Page number", '<p:ph type="sldNum" sz="quarter" idx="4"/>', PAGE_NUMBER, "ctr",
                     number_style, field),
        _rule(6, "Title rule", inches(0.6, 1.27, 1.4, 0.06), str(ACCENT)),
        _rule(7, "Footer rule", inches(0.5, 6.95, 12.333, 0.01), str(RULE)),
    ):
        tree.append(parse_xml(xml))
    styles = element.find(f"{{{P}}}txStyles")
    title = _level(1, 28, "tx2", bold=True, font="+mj-lt")
    body = "".join(_level(level, size, "tx1") for level, size in ((1, 20), (2, 18), (3, 16), (4, 14), (5, 14)))
    new = parse_xml(f"<p:txStyles {NAMESPACES}><p:titleStyle>{title}</p:titleStyle><p:bodyStyle>{body}"
                    f"</p:bodyStyle><p:otherStyle>{_level(1, 18, 'tx1')}</p:otherStyle></p:txStyles>")
    element.replace(styles, new)


def _restyle_theme(master: SlideMaster) -> None:
    theme = master.part.part_related_by(RELATIONSHIP_TYPE.THEME)
    xml = theme.blob.decode("utf-8")
    xml = re.sub(r'<a:theme ([^>]*)name="[^"]*"', rf'<a:theme \1name="{THEME_NAME}"', xml, count=1)
    for name, colour in THEME_COLOURS.items():
        xml = re.sub(rf"<a:{name}>.*?</a:{name}>", f'<a:{name}><a:srgbClr val="{colour}"/></a:{name}>', xml,
                     count=1, flags=re.DOTALL)
    xml = re.sub(r'(<a:(?:major|minor)Font><a:latin typeface=")[^"]*"', rf'\1{FONT}"', xml)
    theme._blob = xml.encode("utf-8")  # python-pptx keeps a theme as plain bytes


def built_in() -> PresentationType:
    """python-pptx's default presentation as the deck's master: 16:9, restyled, without its layouts."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    master = presentation.slide_master
    for layout in list(master.slide_layouts):
        master.slide_layouts.remove(layout)
    _restyle_master(master)
    _restyle_theme(master)
    return presentation


def _as_presentation(data: bytes) -> bytes:
    """A .potx as a .pptx: the same package but for the main part's content type (python-pptx opens only that)."""
    with zipfile.ZipFile(BytesIO(data)) as source:
        types = source.read("[Content_Types].xml")
        if TEMPLATE_TYPE not in types:
            return data
        out = BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                content = source.read(item.filename)
                target.writestr(item, types.replace(TEMPLATE_TYPE, PRESENTATION_TYPE) if
                                item.filename == "[Content_Types].xml" else content)
        return out.getvalue()


def _remove_slides(presentation: PresentationType) -> None:
    """A template's own slides are not the deck's: gone, with the parts only they used."""
    ids = presentation.slides._sldIdLst
    for entry in list(ids):
        rid = entry.rId
        ids.remove(entry)
        presentation.part.drop_rel(rid)


def open_template(template: Template) -> PresentationType:
    """The organisation's template (the bytes or the path of a .pptx or .potx) with its slides removed; a file
    that is not one raises DeckTemplateError, saying which file (when given by its path) and why."""
    name = {"name": template.name} if isinstance(template, Path) else {}
    try:
        data = template.read_bytes() if isinstance(template, Path) else template
    except OSError as error:
        raise DeckTemplateError(Message(N_("The deck template %(name)s cannot be read: check that the file is "
                                           "there and may be read."), name)) from error
    try:
        presentation = Presentation(BytesIO(_as_presentation(data)))
        if not len(presentation.slide_masters):
            raise ValueError("no slide master")
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, SyntaxError) as error:  # lxml's too
        message = (N_("The deck template %(name)s is not a PowerPoint presentation or template (.pptx, .potx).")
                   if name else N_("The deck template is not a PowerPoint presentation or template (.pptx, .potx)."))
        raise DeckTemplateError(Message(message, name)) from error
    _remove_slides(presentation)
    return presentation
