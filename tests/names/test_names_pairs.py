"""Pairs of names that must, and must not, be taken for one entity — each with its reason."""

from __future__ import annotations

import pytest

from allegiance.names import cluster_names, compatible, name_key

MUST_MERGE = [
    ("Abu Obeida", "Abu Ubaida", "Person", "ei/ai and o/u vowel variants of one kunya"),
    ("Abu Obeida", "Abu 'Ubaydah", "Person", "ayn mark, -ah ending and y for i"),
    ("al-Qa'ida", "al-Qaeda", "Organization", "ayn apostrophe and e/i spelling"),
    ("Jaysh al-Mujahideen", "Jaish al-Mujahidin", "Organization", "ay/ai and ee/i"),
    ("Jeish al-Mujahideen", "Jaysh al-Mujahideen", "Organization", "ei/ay"),
    ("Daesh", "Da3esh", "Organization", "Arabizi digit 3 for the ayn"),
    ("Muhammad al-Julani", "Mohammed al-Jolani", "Person", "Muhammad/Mohammed and o/u"),
    ("Abd al-Rahman al-Qaduli", "Abdul Rahman al-Qaduli", "Person", "Abd al-/Abdul"),
    ("Abdel Rahman al-Qaduli", "Abd al-Rahman al-Qaduli", "Person", "Abdel/Abd al-"),
    ("Usama bin Laden", "Usama ibn Laden", "Person", "bin/ibn"),
    ("Abu Musab al-Zarqawi", "Abu Mus'ab az-Zarqawi", "Person", "sun-letter assimilation az-"),
    ("Abu Bakr al-Baghdadi", "al-Baghdadi, Abu Bakr", "Person", "word order"),
    ("Sheikh Abu Mariya al-Qahtani", "Abu Mariya al-Qahtani", "Person", "a title is not part of the key"),
    ("Ayyad Nazmi Salih Khalil", "Eyad Nazmi Salih Khalil", "Person",
     "all but one word agree, two of them distinctive (the first name's vowel differs)"),
    ("Raed Muhammad Hasan Hijazi", "Raed M. Hijazi", "Person", "an initial for a middle name"),
    ("Al Haramain Al Masjed Al Aqsa", "Al-Haramain and Al Masjid Al-Aqsa Charity Foundation", "Organization",
     "the longer group name adds only generic words"),
    ("Soldiers of the Caliphate in Algeria", "Jund al-Khilafah fi Ard al-Jaza'ir", "Organization",
     "a translation, word by word (glossary.yml)"),
    ("The Monotheism and Jihad Group", "Jama'at al-Tawhid wal-Jihad", "Organization",
     "a translation in another word order"),
    ("Army of the Pure", "Lashkar-e-Tayyiba", "Organization", "an Urdu name and its translation, with the izafa"),
    ("HUJI", "Harakat-ul Jihad Islami", "Organization", "an acronym that keeps the article's initial"),
    ("Tanzim Qa'idat al-Jihad fi Bilad al-Rafidayn", "Qaida of the Jihad in the Land of the Two Rivers",
     "Organization", "'Tanzim' (organisation) is a weak head; Rafidayn is the Two Rivers"),
    ("Abubakar Khalfan Ghailani", "Ghailani, Abu Bakr Khalfan", "Person",
     "a kunya written as one word, and a name inverted with a comma"),
    ("أبو بكر البغدادي", "Abu Bakr al-Baghdadi", "Person", "Arabic script and Latin: the consonants agree"),
    ("عبد الله عزام", "Abdullah Azzam", "Person", "Abd Allah written apart in Arabic, as one word in Latin"),
    ("فيصل احمد بن علي الزهراني", "Faysal Ahmad bin Ali al-Zahrani", "Person",
     "a diphthong folded away in Latin (Faysal) is a written ya in Arabic"),
    ("جبهة النصرة", "Jabhat al-Nusra", "Organization", "ta marbuta read -t before the article, -a at the end"),
    ("الدولة الإسلامية", "al-Dawla al-Islamiya", "Organization",
     "the article written together, an initial alif whose vowel is not written"),
    ("Dawood Ebrahim", "Dawood Ibrahim Memon", "Person",
     "a common name's first vowel varies (Ebrahim / Ibrahim) and the rare name agrees"),
]

MUST_NOT_MERGE = [
    ("Ansar al-Islam", "Ansar al-Sunna", "Organization", "different groups sharing a generic head"),
    ("Islamic Army of Iraq", "Islamic State of Iraq", "Organization", "similar words, different groups"),
    ("Jaysh al-Islam", "Jabhat al-Islam", "Organization", "different generic heads (army vs front)"),
    ("Ansar al-Sharia", "Ansar al-Sharia in Tunisia", "Organization", "a branch named by place is not the whole"),
    ("Abu Bakr al-Baghdadi", "Abu Bakr al-Iraqi", "Person", "one kunya, two nisbas"),
    ("Abu Muhammad", "Abu Muhammad al-Adnani", "Person", "a bare common kunya identifies nobody"),
    ("Mahmud al-Masri", "Muhammad al-Masri", "Person", "Mahmud is not Muhammad though the consonants agree"),
    ("Abu Hamza", "Abu Hamza al-Masri", "Person", "a bare kunya is borne by many people"),
    ("أبو بكر البغدادي", "Abu Bakr al-Iraqi", "Person", "across scripts too, one kunya and two nisbas"),
    ("محمد أمين مصطفى", "مصطفى حجي محمد خان", "Person", "two common names shared, in Arabic script"),
    ("Soldiers of the Caliphate", "Soldiers of the Caliphate in Algeria", "Organization",
     "a branch named by place, in translation too"),
    ("Jund al-Islam", "Ansar al-Islam", "Organization", "soldiers are not supporters: different heads"),
    ("Al-Haramain Foundation (Kenya)", "Al-Haramain Foundation (Indonesia)", "Organization",
     "two branches, told apart by what stands in brackets"),
    ("Reymund Lavilla", "Ramo Lavilla", "Person", "a shared surname, different given names: relatives as likely"),
]


@pytest.mark.parametrize("a, b, kind, why", MUST_MERGE)
def test_must_merge(a: str, b: str, kind: str, why: str) -> None:
    assert name_key(a, kind) == name_key(b, kind) or compatible(a, b, kind), why
    labels = cluster_names([a, b], kind=kind, reference=None)
    assert labels[0] == labels[1], why


@pytest.mark.parametrize("a, b, kind, why", MUST_NOT_MERGE)
def test_must_not_merge(a: str, b: str, kind: str, why: str) -> None:
    assert not compatible(a, b, kind), why
    labels = cluster_names([a, b], kind=kind, reference=None)
    assert labels[0] != labels[1], why
