"""Reading documents back: text (pypdf), XMP identification, embedded fonts."""

import io
import re

from pypdf import PdfReader


def lezer(document) -> PdfReader:
    with document.bestand.open("rb") as f:
        return PdfReader(io.BytesIO(f.read()))


def tekst(document) -> str:
    """All pages' text, whitespace collapsed (a line break inside a sentence is one space)."""
    ruw = "\n".join(p.extract_text() for p in lezer(document).pages)
    return re.sub(r"\s+", " ", ruw)


def pdfa_identificatie(document) -> tuple[str, str]:
    xmp = lezer(document).xmp_metadata
    assert xmp is not None, "geen XMP-metadata"
    inhoud = xmp.stream.get_data().decode()
    deel = re.search(r'pdfaid:part="(\d)"', inhoud)
    conformiteit = re.search(r'pdfaid:conformance="([ABU])"', inhoud)
    assert deel and conformiteit, inhoud
    return deel.group(1), conformiteit.group(1)


def fonts(document) -> dict[str, bool]:
    """Font name → whether its program is embedded, over all pages."""
    gevonden = {}
    for pagina in lezer(document).pages:
        bronnen = pagina["/Resources"]
        for font in (bronnen.get("/Font") or {}).values():
            font = font.get_object()
            beschrijvingen = [font.get("/FontDescriptor")]
            for nakomeling in font.get("/DescendantFonts") or []:
                beschrijvingen.append(nakomeling.get_object().get("/FontDescriptor"))
            ingebed = any(
                b is not None
                and any(k in b.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                for b in beschrijvingen
            )
            gevonden[str(font.get("/BaseFont"))] = ingebed
    return gevonden
