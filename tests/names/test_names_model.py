"""Folding, romanisation, name parts, the data file and clustering."""

from __future__ import annotations

import pytest

from allegiance.errors import DataFileError
from allegiance.names import cluster_names, fold, guess_kind, parse_group, parse_person, romanise
from allegiance.names.data import name_data, parse
from allegiance.reference import reference_ids


@pytest.mark.parametrize("a, b", [
    ("Qa'ida", "Qaeda"), ("Jaysh", "Jaish"), ("Obeida", "Ubaida"), ("Mohammed", "Muhammad"),
    ("Hussein", "Husayn"), ("Yousef", "Yusuf"), ("Abdullah", "Abdallah"), ("Zarqawi", "Zarkawi"),
])
def test_fold_joins_variants(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_glued_kunya_and_abd_are_split() -> None:
    assert fold("Abubakar") == fold("Abu Bakar")
    assert fold("Abulabbas") == fold("Abu al-Abbas")
    assert fold("Abdulrahman") == fold("Abd al-Rahman")
    assert fold("Aboud") == "abud" and fold("Abuja") == "abuja"  # names and words of their own


def test_arabic_script_is_read_as_names_are_romanised() -> None:
    assert fold("جبهة النصرة") == "jbt nsr"  # construct -t before the article, final -a dropped
    assert fold("الدولة الإسلامية").split()[0] == "dvl"  # article split off; no -t: not construct
    assert fold("سعد") == "sd"  # the ayn mark dropped, not a word break


def test_words_compared_across_scripts() -> None:
    from allegiance.names.fold import consonant_key, same_across_scripts

    assert consonant_key("abu_bakr") == consonant_key("abubkr") == "bbkr"
    assert same_across_scripts("fisl", "fasal")  # فيصل / Faysal
    assert same_across_scripts("davd", "davud")  # داود / Dawud
    assert not same_across_scripts("hmdi", "ahmad")  # حمدي is Hamdi, not Ahmad
    assert not same_across_scripts("jabr", "jubir")  # the written alif of جابر must stand in the Latin


def test_fold_drops_articles_and_marks() -> None:
    assert fold("al-Qa’ida") == fold("Qaida")
    assert fold("ash-Shishani") == fold("Shishani")


def test_arabic_script_is_romanised() -> None:
    assert romanise("داعش").startswith("d")
    out = fold("الدولة الإسلامية")
    assert out and out.isascii()


def test_person_parts() -> None:
    p = parse_person("Sheikh Abu Muhammad al-Adnani")
    assert p.title == "Sheikh" and p.kunya == "Abu Muhammad" and p.nisbas == ("al-Adnani",)
    q = parse_person("Usama bin Muhammad bin Laden")
    assert q.ism == "Usama" and q.nasab == ("Muhammad", "Laden")
    assert parse_person("@wikibaghdady").handle == "@wikibaghdady"


def test_group_parts() -> None:
    g = parse_group("Jaysh Rijal al-Tariqa al-Naqshbandia")
    assert g.heads == ("jaysh",)
    assert parse_group("Naqshbandi Army").heads == ("jaysh",)
    assert parse_group("Jabhat al-Nusra").heads == ("jabha",)


def test_guess_kind() -> None:
    assert guess_kind("Afghan Support Committee") == "Organization"
    assert guess_kind("Abu Hafs al-Masri") == "Person"


def test_packaged_data_validates() -> None:
    d = name_data()
    assert "al" in d.articles and d.variants["mohammed"] == "muhammad"
    assert d.group_heads["army"] == "jaysh"


@pytest.mark.parametrize("bad", [[], {"letter_rules": [["(", "x"]]}, {"token_variants": {"a": "b"}},
                                 {"articles": "al"}])
def test_malformed_data_is_rejected(bad: object) -> None:
    with pytest.raises(DataFileError):
        parse(bad)


def test_cluster_labels_follow_input_order_and_keep_singletons() -> None:
    names = ["Abu Ubaida al-Iraqi", "Khalid", "Abu Obeida al-Iraqi", "Jabhat al-Nusra", "Jabhat al-Nusrah"]
    labels = cluster_names(names, reference=None)
    assert len(labels) == 5
    assert labels[0] == labels[2] and labels[3] == labels[4]
    assert labels[1] not in (labels[0], labels[3])


def test_reference_joins_known_aliases() -> None:
    names = ["ISIL", "Daesh", "Islamic State of Iraq and the Levant"]
    with_ref = cluster_names(names, reference=reference_ids)
    assert len(set(with_ref)) == 1
