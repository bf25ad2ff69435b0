"""The JSON parser with Dutch messages; a body nested too deep is a 400, not a RecursionError."""

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("De JSON-inhoud is te diep genest.") from None
        except ParseError:
            raise ParseError("De inhoud is geen geldige JSON.") from None
