import pytest


@pytest.mark.django_db
def test_home_vraagt_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/account/inloggen/")


@pytest.mark.django_db
def test_home_na_inloggen(client, ministerie):
    client.force_login(ministerie)
    response = client.get("/")
    assert response.status_code == 200
    assert "Welkom" in response.content.decode()
