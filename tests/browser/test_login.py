import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_inloggen_toont_startpagina(live_server, inloggen, prt_gelderland):
    page = inloggen(prt_gelderland)
    assert page.url == f"{live_server.url}/"
    assert page.locator("h1").inner_text().startswith("Welkom")
    assert "PRT-secretaris" in page.locator("header").inner_text()
