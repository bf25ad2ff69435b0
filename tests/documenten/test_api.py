"""/api/v1/documenten/: list, detail and download under the same access rule."""

import pytest

from documenten import soorten

from .conftest import regel_van

pytestmark = pytest.mark.django_db


def test_api_lijst_detail_download_per_rol(
    client, besluit, ministerie, prt_noord_holland, gemeente_arnhem
):
    arnhem = soorten.beschikking(regel_van(besluit, "Arnhem"))
    zaanstad = soorten.beschikking(regel_van(besluit, "Zaanstad"))
    client.force_login(ministerie)
    lijst = client.get("/api/v1/documenten/").json()
    assert {d["kenmerk"] for d in lijst["results"]} == {arnhem.kenmerk, zaanstad.kenmerk}
    client.force_login(gemeente_arnhem)
    lijst = client.get("/api/v1/documenten/").json()
    assert [d["kenmerk"] for d in lijst["results"]] == [arnhem.kenmerk]
    detail = client.get(f"/api/v1/documenten/{arnhem.pk}/").json()
    assert detail["sha256"] == arnhem.sha256
    assert detail["gemeente"] == arnhem.gemeente.code
    assert detail["onderwerp_type"] == "regietafels.verdeelbesluitregel"
    pdf = client.get(f"/api/v1/documenten/{arnhem.pk}/download/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    fout = client.get(f"/api/v1/documenten/{zaanstad.pk}/")
    assert fout.status_code == 404 and fout.json()["status"] == 404
    assert client.get(f"/api/v1/documenten/{zaanstad.pk}/download/").status_code == 404
    client.force_login(prt_noord_holland)
    lijst = client.get("/api/v1/documenten/?soort=beschikking_verdeelbesluit").json()
    assert [d["kenmerk"] for d in lijst["results"]] == [zaanstad.kenmerk]
    client.logout()
    assert client.get("/api/v1/documenten/").json()["results"] == []
