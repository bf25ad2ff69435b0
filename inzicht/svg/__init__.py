"""Server-side SVG charts: pure functions from figures to drawing data.

Python computes what to draw (positions, fills, texts) as plain data; the templates in
``templates/charts/svg/`` write the markup, with Django's escaping. Coordinates are passed as
ready strings, so the Dutch number format of the templates never turns ``1.5`` into ``1,5``.
No style attributes (the Content-Security-Policy forbids them): colours are SVG presentation
attributes, the rest comes from static/css/regietafel.css. Colour is never the only carrier of
meaning: the map prints each province's value on it, bars have distinct fills (outline,
hatched, solid) and their numbers, trend lines end in a province label, and every chart has its
table beside it.
"""

from .balken import voortgang
from .kaart import kaart_legenda, provinciekaart
from .lijnen import trend
from .tijdas import tijdlijn

__all__ = ["kaart_legenda", "provinciekaart", "tijdlijn", "trend", "voortgang"]
