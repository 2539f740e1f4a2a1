"""The texts of the mail templates: named tokens in braces in the template's own language — `{part}`, `{länk}`,
`{sista dag}` in a Swedish text, `{party}`, `{link}`, `{deadline}` in an English one — checked when a template is
saved (`problem_in`) and filled in when a mail is written (`fill`). `{{` and `}}` write a brace of their own.

A token's name is part of the stored text, like a keyword: it is fixed here per language, not taken from the
translation catalogue, so that a changed translation never breaks a stored template. Templates stored before
the tokens (`%(party)s`) were rewritten by migration 0015.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from tracker.domain.mail import MailKind
from tracker.domain.messages import N_, Message

LANGUAGES = ("sv", "en")


@dataclass(frozen=True)
class Token:
    key: str  # what the mail's writer fills in: "party"
    sv: str  # its name in a Swedish template: "part"
    en: str  # its name in an English template: "party"
    description: str  # an English msgid: what it becomes
    in_subject: bool = True  # a link or a comment has no place in a mail header

    def name(self, language: str) -> str:
        return self.sv if language == "sv" else self.en

    def written(self, language: str) -> str:
        return "{" + self.name(language) + "}"


TOKENS: tuple[Token, ...] = (
    Token("contact_name", "namn", "name", N_("the recipient's name")),
    Token("party", "part", "party", N_("the party's name")),
    Token("agreement", "överenskommelse", "agreement", N_("the agreement's name (from its data file)")),
    Token("year", "år", "year", N_("the year reported on")),
    Token("deadline", "sista dag", "deadline", N_("the deadline, as on the pages (31 januari 2027)")),
    Token("days_left", "dagar kvar", "days left", N_("the number of days left until the deadline")),
    Token("time_left", "tid kvar", "time left",
          N_("the time left until the deadline, in words (om 12 dagar, i morgon, i dag)")),
    Token("sign_in_link", "länk", "link", N_("the recipient's personal sign-in link"), in_subject=False),
    Token("link_validity", "länkens giltighet", "link validity",
          N_("how long the link can be used, in words (gäller i 7 dagar)"), in_subject=False),
    Token("comment", "kommentar", "comment", N_("the project leaders' comment"), in_subject=False),
    Token("address", "adress", "address", N_("the address of the service"), in_subject=False),
)
_BY_KEY = {token.key: token for token in TOKENS}

_PERSONAL = ("contact_name", "party", "agreement", "year", "deadline", "days_left", "time_left", "sign_in_link",
             "link_validity")
KIND_TOKENS: Mapping[MailKind, tuple[str, ...]] = {
    MailKind.INVITATION: _PERSONAL,
    MailKind.REMINDER: _PERSONAL,
    MailKind.RETURNED: (*_PERSONAL, "comment"),
    # To a party's generic address (registrator): no person, so no name and no personal link.
    MailKind.REGISTRY_INVITATION: ("party", "agreement", "year", "deadline", "days_left", "time_left", "address"),
}


def tokens_of(kind: MailKind) -> tuple[Token, ...]:
    """The tokens a template of `kind` may use, in the order the editor lists them."""
    return tuple(_BY_KEY[key] for key in KIND_TOKENS.get(kind, ()))


_LEGACY = re.compile(r"%\((\w+)\)s")  # the placeholders before the tokens
_PIECE = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}|[{}]")


@dataclass(frozen=True)
class _Piece:
    text: str  # literal text, or the token's name as written
    is_token: bool = False
    is_stray: bool = False


def _pieces(text: str) -> Iterator[_Piece]:
    position = 0
    for match in _PIECE.finditer(text):
        if match.start() > position:
            yield _Piece(text[position:match.start()])
        found = match.group(0)
        if found in ("{{", "}}"):
            yield _Piece(found[0])
        elif match.group(1) is not None:
            yield _Piece(match.group(1), is_token=True)
        else:
            yield _Piece(found, is_stray=True)
        position = match.end()
    if position < len(text):
        yield _Piece(text[position:])


def _normal(name: str) -> str:
    return " ".join(name.split()).casefold()


def _token_named(name: str, language: str, allowed: tuple[Token, ...]) -> Token | None:
    wanted = _normal(name)
    return next((token for token in allowed if _normal(token.name(language)) == wanted), None)


def problem_in(text: str, language: str, kind: MailKind, *, is_subject: bool = False) -> Message | None:
    """What is wrong with the tokens of a template's text, or None: an unknown token (a typo, or a name of the
    other language), a token that has no place in a subject, a brace without its pair."""
    allowed = tokens_of(kind)
    if (legacy := _LEGACY.search(text)) is not None:
        known = _BY_KEY.get(legacy.group(1))
        return Message(N_("%(old)s is written %(new)s now: tokens are written in braces."),
                       {"old": legacy.group(0), "new": known.written(language) if known else "{…}"})
    for piece in _pieces(text):
        if piece.is_stray:
            return Message(N_("A brace without its pair: a token is written as {part}; write {{ or }} for a "
                              "brace of its own."))
        if not piece.is_token:
            continue
        token = _token_named(piece.text, language, allowed)
        if token is None:
            return Message(N_("Unknown token {%(token)s}. Use only: %(allowed)s."),
                           {"token": piece.text, "allowed": ", ".join(t.written(language) for t in allowed)})
        if is_subject and not token.in_subject:
            return Message(N_("The token %(token)s cannot be used in a subject."), {"token": token.written(language)})
    return None


def fill(text: str, language: str, values: Mapping[str, str]) -> str:
    """`text` with every token replaced by its value (a checked text: an unknown token is left as written)."""
    out = []
    for piece in _pieces(text):
        if piece.is_token:
            token = _token_named(piece.text, language, TOKENS)
            out.append(values.get(token.key, "") if token is not None else "{" + piece.text + "}")
        else:
            out.append(piece.text)
    return "".join(out)
