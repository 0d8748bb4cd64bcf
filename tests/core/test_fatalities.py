"""ACLED fatality conventions: digits and words, 'dozens' = 12, lowest figure, 0 when none stated."""
import pytest

from coder.fatalities import fatalities


@pytest.mark.parametrize("sentence,n", [
    ("An airstrike by Afghan military forces killed 5 Taliban militants in Nad Ali.", 5),
    ("Seven civilians were killed by a NATO airstrike.", 7),
    ("The strikes killed at least twenty-one people, medics said.", 21),
    ("Dozens of people were killed in the raid.", 12),
    ("Hundreds of people were killed and nearly a million displaced.", 100),
    ("No casualties were reported.", 0),
    ("Three soldiers were wounded.", 0),
    ("The death toll rose to 1,203 on Friday.", 1203),
    ("Officials said 4 people died, while residents said 9 people were killed.", 4),
    ("The raid left 3 dead.", 3),
])
def test_fatalities(sentence, n):
    assert fatalities(sentence) == n
