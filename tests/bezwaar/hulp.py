"""Reading a decision document back (pypdf)."""

import io
import re

from pypdf import PdfReader


def tekst(document) -> str:
    with document.bestand.open("rb") as f:
        lezer = PdfReader(io.BytesIO(f.read()))
    return re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in lezer.pages))
