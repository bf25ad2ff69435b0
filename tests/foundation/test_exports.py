import pytest

from core.exports import veilige_cel


@pytest.mark.parametrize("tekst", ["=SOM(A1:A2)", "+31", "-1+1", "@cmd", "\tx", "\rx"])
def test_formules_krijgen_een_apostrof(tekst):
    assert veilige_cel(tekst) == "'" + tekst


@pytest.mark.parametrize("waarde", ["Zaanstad", "", 300, -12000, None, 1.5])
def test_andere_waarden_blijven_gelijk(waarde):
    assert veilige_cel(waarde) == waarde
