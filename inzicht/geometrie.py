"""Province shapes for the map: real boundaries from a TopoJSON/GeoJSON file, or a tile map.

The file is read once per path and modification time. TopoJSON arcs are delta-encoded and
quantised; they are decoded here without a library. Coordinates are WGS84 lon/lat, projected
with a plain equirectangular projection whose x is scaled by cos(52°) (the latitude of the
middle of the Netherlands), which keeps the country's shape recognisable at this scale.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from raming.models import Provincie

KAART_BREEDTE = 400.0
MARGE = 6.0
COS_52 = math.cos(math.radians(52.0))

# CBS code → short label used on the map (the table gives the full name).
AFKORTINGEN = {
    "PV20": "GR",
    "PV21": "FR",
    "PV22": "DR",
    "PV23": "OV",
    "PV24": "FL",
    "PV25": "GE",
    "PV26": "UT",
    "PV27": "NH",
    "PV28": "ZH",
    "PV29": "ZE",
    "PV30": "NB",
    "PV31": "LI",
}

# Tile map: (column, row) per province, roughly where it lies.
TEGELS = {
    "PV21": (2, 0),
    "PV20": (3, 0),
    "PV27": (1, 1),
    "PV24": (2, 1),
    "PV22": (3, 1),
    "PV28": (0, 2),
    "PV26": (1, 2),
    "PV25": (2, 2),
    "PV23": (3, 2),
    "PV29": (0, 3),
    "PV30": (1, 3),
    "PV31": (2, 3),
}
TEGEL = 92.0
TEGEL_RUIMTE = 6.0


@dataclass(frozen=True)
class Vorm:
    """One province drawn on the map: SVG path data and where its label goes."""

    code: str
    naam: str
    pad: str
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Kaartvormen:
    breedte: float
    hoogte: float
    vormen: dict[str, Vorm]
    echte_grenzen: bool


def kaartvormen(namen: dict[str, str] | None = None) -> Kaartvormen:
    """The shapes for the configured PROVINCE_MAP_FILE, or the tile map when it is empty,
    missing or unreadable (the map must never break a page). ``namen``: province code → name
    when already read (the tile map then needs no query)."""
    pad = str(getattr(settings, "PROVINCE_MAP_FILE", "") or "").strip()
    if pad:
        bestand = Path(pad)
        if not bestand.is_absolute():
            bestand = Path(settings.BASE_DIR) / bestand
        try:
            mtime = bestand.stat().st_mtime
        except OSError:
            return tegelkaart(namen)
        try:
            return _lees_grenzen(str(bestand), mtime)
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return tegelkaart(namen)
    return tegelkaart(namen)


@lru_cache(maxsize=4)
def _lees_grenzen(pad: str, mtime: float) -> Kaartvormen:
    with open(pad, encoding="utf-8") as f:
        data = json.load(f)
    return vormen_uit_geodata(data)


def vormen_uit_geodata(data: dict) -> Kaartvormen:
    """Project TopoJSON (object ``provincie_2025`` or the first object) or GeoJSON features."""
    provincies = list(_provincie_polygonen(data))
    if len(provincies) == 0:
        raise ValueError("geen provincies in het kaartbestand")
    lons = [p[0] for _, _, polys in provincies for poly in polys for ring in poly for p in ring]
    lats = [p[1] for _, _, polys in provincies for poly in polys for ring in poly for p in ring]
    min_x, max_x = min(lons) * COS_52, max(lons) * COS_52
    min_lat, max_lat = min(lats), max(lats)
    schaal = (KAART_BREEDTE - 2 * MARGE) / (max_x - min_x)
    hoogte = (max_lat - min_lat) * schaal + 2 * MARGE

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (MARGE + (lon * COS_52 - min_x) * schaal, MARGE + (max_lat - lat) * schaal)

    vormen = {}
    for code, naam, polygonen in provincies:
        delen = []
        grootste, grootste_opp = None, -1.0
        for polygoon in polygonen:
            for i, ring in enumerate(polygoon):
                punten = _vereenvoudig([project(lon, lat) for lon, lat in ring])
                if len(punten) < 3:
                    continue
                delen.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in punten) + "Z")
                if i == 0:
                    opp = abs(_oppervlak(punten))
                    if opp > grootste_opp:
                        grootste, grootste_opp = punten, opp
        lx, ly = _zwaartepunt(grootste) if grootste else (0.0, 0.0)
        lx, ly = _label_correctie(code, lx, ly, schaal)
        vormen[code] = Vorm(code=code, naam=naam, pad="".join(delen), label_x=lx, label_y=ly)
    return Kaartvormen(
        breedte=KAART_BREEDTE, hoogte=round(hoogte, 1), vormen=vormen, echte_grenzen=True
    )


def tegelkaart(namen: dict[str, str] | None = None) -> Kaartvormen:
    """The fallback drawn by the project itself: one square tile per province."""
    if namen is None:
        namen = dict(Provincie.objects.values_list("code", "naam"))
    vormen = {}
    for code, (kolom, rij) in TEGELS.items():
        x = MARGE + kolom * (TEGEL + TEGEL_RUIMTE)
        y = MARGE + rij * (TEGEL + TEGEL_RUIMTE)
        pad = f"M{x:.1f},{y:.1f}h{TEGEL:.1f}v{TEGEL:.1f}h-{TEGEL:.1f}Z"
        vormen[code] = Vorm(
            code=code,
            naam=namen.get(code, code),
            pad=pad,
            label_x=x + TEGEL / 2,
            label_y=y + TEGEL / 2 - 6,
        )
    breedte = 2 * MARGE + 4 * TEGEL + 3 * TEGEL_RUIMTE
    hoogte = 2 * MARGE + 4 * TEGEL + 3 * TEGEL_RUIMTE
    return Kaartvormen(breedte=breedte, hoogte=hoogte, vormen=vormen, echte_grenzen=False)


# --- decoding -------------------------------------------------------------------------------


def _provincie_polygonen(data: dict):
    """Yield (code, naam, [polygon: [ring: [(lon, lat), ...]]]) per province."""
    if data.get("type") == "Topology":
        objecten = data["objects"]
        obj = objecten.get("provincie_2025") or next(iter(objecten.values()))
        arcs = _decodeer_arcs(data)
        for geom in obj["geometries"]:
            props = geom.get("properties") or {}
            if geom["type"] == "Polygon":
                polygonen = [_polygoon(geom["arcs"], arcs)]
            elif geom["type"] == "MultiPolygon":
                polygonen = [_polygoon(p, arcs) for p in geom["arcs"]]
            else:
                continue
            yield props["statcode"], props.get("statnaam", props["statcode"]), polygonen
    elif data.get("type") == "FeatureCollection":
        for feature in data["features"]:
            props = feature.get("properties") or {}
            geom = feature["geometry"]
            if geom["type"] == "Polygon":
                polygonen = [geom["coordinates"]]
            elif geom["type"] == "MultiPolygon":
                polygonen = geom["coordinates"]
            else:
                continue
            polygonen = [[[(p[0], p[1]) for p in ring] for ring in poly] for poly in polygonen]
            yield props["statcode"], props.get("statnaam", props["statcode"]), polygonen
    else:
        raise ValueError("onbekend kaartformaat")


def _decodeer_arcs(topologie: dict) -> list[list[tuple[float, float]]]:
    """Undo the delta encoding and quantisation of every arc."""
    transform = topologie.get("transform")
    uitkomst = []
    for arc in topologie["arcs"]:
        punten = []
        if transform:
            sx, sy = transform["scale"]
            tx, ty = transform["translate"]
            x = y = 0
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                punten.append((x * sx + tx, y * sy + ty))
        else:
            punten = [(p[0], p[1]) for p in arc]
        uitkomst.append(punten)
    return uitkomst


def _ring(indices: list[int], arcs) -> list[tuple[float, float]]:
    """Join the arcs of a ring; a negative index ~i means arc i reversed. Consecutive arcs
    share their end point, which is kept once."""
    punten: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        punten.extend(arc[1:] if punten else arc)
    return punten


def _polygoon(ringen: list[list[int]], arcs) -> list[list[tuple[float, float]]]:
    return [_ring(r, arcs) for r in ringen]


# --- small geometry -------------------------------------------------------------------------


def _vereenvoudig(punten: list[tuple[float, float]], minimaal: float = 0.6):
    """Drop points closer than ``minimaal`` units to the previous one (smaller markup, same
    picture at this scale)."""
    if not punten:
        return punten
    uit = [punten[0]]
    for p in punten[1:]:
        if abs(p[0] - uit[-1][0]) + abs(p[1] - uit[-1][1]) >= minimaal:
            uit.append(p)
    return uit


def _oppervlak(punten) -> float:
    return 0.5 * sum(
        x1 * y2 - x2 * y1
        for (x1, y1), (x2, y2) in zip(punten, punten[1:] + punten[:1], strict=True)
    )


def _zwaartepunt(punten) -> tuple[float, float]:
    a = _oppervlak(punten)
    if abs(a) < 1e-9:
        xs, ys = zip(*punten, strict=True)
        return sum(xs) / len(xs), sum(ys) / len(ys)
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(punten, punten[1:] + punten[:1], strict=True):
        f = x1 * y2 - x2 * y1
        cx += (x1 + x2) * f
        cy += (y1 + y2) * f
    return cx / (6 * a), cy / (6 * a)


# Centroids that fall awkwardly (thin or curved provinces) are nudged, in degrees.
_LABEL_VERSCHUIVING = {
    "PV27": (0.05, 0.05),
    "PV28": (0.05, -0.02),
    "PV29": (0.1, -0.05),
    "PV31": (0.0, 0.05),
}


def _label_correctie(code: str, x: float, y: float, schaal: float) -> tuple[float, float]:
    dlon, dlat = _LABEL_VERSCHUIVING.get(code, (0.0, 0.0))
    return round(x + dlon * COS_52 * schaal, 1), round(y - dlat * schaal, 1)
