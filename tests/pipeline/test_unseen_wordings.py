"""More construction families in wordings of their own (a second table, written for the
test after the dev texts' cue audit): succession the passive way round, victims of an event
with its agent named, countries and places, acronyms given by a phrase, birth dates, and
lines that state nothing (headings left in the text, entries of a list of works)."""

from __future__ import annotations

import pytest
from claim_cases import Case, check

from allegiance.model.types import Extraction

CASES = [
    # succession and renaming, both ways round
    Case("Liwa al-Haqq was superseded by Jaysh al-Wadi in 2016.",
         must=(("Liwa al-Haqq", "predecessor_of", "Jaysh al-Wadi"),),
         must_not=(("Jaysh al-Wadi", "predecessor_of", "Liwa al-Haqq"),)),
    Case("Jaysh al-Wadi supplanted Liwa al-Haqq in 2016.",
         must=(("Liwa al-Haqq", "predecessor_of", "Jaysh al-Wadi"),),
         must_not=(("Jaysh al-Wadi", "predecessor_of", "Liwa al-Haqq"),)),
    Case("Liwa al-Haqq was supplanted by Jaysh al-Wadi after the truce.",
         must=(("Liwa al-Haqq", "predecessor_of", "Jaysh al-Wadi"),),
         must_not=(("Jaysh al-Wadi", "predecessor_of", "Liwa al-Haqq"),)),
    Case("In 2016 Liwa al-Haqq was renamed Jaysh al-Wadi.",
         must=(("Liwa al-Haqq", "predecessor_of", "Jaysh al-Wadi"),)),
    Case("Liwa al-Haqq changed its name to Jaysh al-Wadi in 2016.",
         must=(("Liwa al-Haqq", "predecessor_of", "Jaysh al-Wadi"),)),
    Case("In 2016 Liwa al-Haqq rebranded itself as Jaysh al-Wadi.",
         must=(("Liwa al-Haqq", "predecessor_of", "Jaysh al-Wadi"),)),
    Case("Liwa al-Haqq adopted the name Jaysh al-Wadi in 2016.",
         must=(("Liwa al-Haqq", "predecessor_of", "Jaysh al-Wadi"),)),
    # who died in an event whose agent is named was killed by it, and did not attack
    Case("Abu Omar al-Kurdi died in a bombing claimed by Jaysh al-Wadi in Hama.",
         must=(("Jaysh al-Wadi", "killed", "Abu Omar al-Kurdi"),),
         must_not=(("Abu Omar al-Kurdi", "attacked", "Jaysh al-Wadi"), ("Abu Omar al-Kurdi", "attacked", None))),
    Case("Abu Omar al-Kurdi perished in an ambush carried out by Liwa al-Haqq near Saraqib.",
         must=(("Liwa al-Haqq", "killed", "Abu Omar al-Kurdi"),),
         must_not=(("Abu Omar al-Kurdi", "attacked", "Liwa al-Haqq"), ("Abu Omar al-Kurdi", "attacked", None))),
    # a death with no agent is no killing
    Case("Abu Omar al-Kurdi died in 2017.", must_not=((None, "killed", "Abu Omar al-Kurdi"),)),
    Case("Abu Omar al-Kurdi died in hospital in Hama in 2017.",
         must_not=((None, "killed", "Abu Omar al-Kurdi"), ("Abu Omar al-Kurdi", "attacked", None))),
    # a country lies in no province; a province lies in its country
    Case("Abu Omar al-Kurdi was killed in a drone strike carried out by the United States in Idlib in 2017.",
         must_not=(("United States", "located_in", "Idlib"),)),
    Case("Jaysh al-Wadi operates in Syria's northern Idlib province.",
         must=(("Idlib", "located_in", "Syria"),), must_not=(("Syria", "located_in", "Idlib"),)),
    Case("Saraqib, a town in Idlib province, fell to Jaysh al-Wadi in 2015.",
         must=(("Saraqib", "located_in", "Idlib"),)),
    # headings left in the running text, entries of a list of works: no claim
    Case("Profile\n\nJaysh al-Wadi is an armed group in Hama.\n\nAttacks by Jaysh al-Wadi\n\n"
         "In 2015 the group shelled Saraqib.\n",
         must=(("Jaysh al-Wadi", "attacked", "Saraqib"),), must_not=(("Jaysh al-Wadi", "attacked", None),)),
    Case("Jaysh al-Wadi is an armed group in Hama.\n\nRelations with Liwa al-Haqq\n\n"
         "The two groups met in 2014.\n",
         must_not=(("Jaysh al-Wadi", "affiliated_with", "Liwa al-Haqq"), ("Jaysh al-Wadi", "hostile_to", None))),
    Case('Jaysh al-Wadi is an armed group in Hama.\n\nSmith, J. (2015). "Jaysh al-Wadi attacked Saraqib". '
         "Journal of Syrian Studies.\nHaddad, Rami, 2016, Jaysh al-Wadi and Liwa al-Haqq merged. Beirut.\n",
         must_not=(("Jaysh al-Wadi", "attacked", "Saraqib"), ("Jaysh al-Wadi", "merged_into", None),
                   ("Liwa al-Haqq", "merged_into", "Jaysh al-Wadi"))),
    # a sentence on a line of its own with a verb is no heading
    Case("Jaysh al-Wadi is an armed group.\n\nJaysh al-Wadi shelled Saraqib in 2015\n",
         must=(("Jaysh al-Wadi", "attacked", "Saraqib"),)),
    # the families the one-text cues of the audit stand for, in other members of the family
    Case("Jaysh al-Wadi worked jointly with Liwa al-Haqq in 2014.",
         must=(("Jaysh al-Wadi", "cooperated_with", "Liwa al-Haqq"),)),
    Case("Jaysh al-Wadi railed against Liwa al-Haqq in its statements.",
         must=(("Jaysh al-Wadi", "hostile_to", "Liwa al-Haqq"),)),
    Case("In 2015 Liwa al-Haqq ceded control to Jaysh al-Wadi in Saraqib.",
         must=(("Jaysh al-Wadi", "controls", "Saraqib"),)),
    Case("Liwa al-Haqq split three ways in 2016: Jaysh al-Wadi, Saraya al-Qasas and Kataib al-Ghadab.",
         must=(("Jaysh al-Wadi", "split_from", "Liwa al-Haqq"), ("Saraya al-Qasas", "split_from", "Liwa al-Haqq"))),
    Case("The factions involved in Jaysh al-Wadi were Saraya al-Qasas and Kataib al-Ghadab.",
         must=(("Saraya al-Qasas", "member_of", "Jaysh al-Wadi"), ("Kataib al-Ghadab", "member_of", "Jaysh al-Wadi"))),
    Case("Jaysh al-Wadi used mortars against an army checkpoint near Hama.",
         must=(("Jaysh al-Wadi", "attacked", None),)),
    # a long group name whose last word is a nisba stays a name to the model
    Case("Harakat Nour al-Din al-Kurdi split from Jaysh al-Wadi in July 2017.",
         must=(("Harakat Nour al-Din al-Kurdi", "split_from", "Jaysh al-Wadi"),)),
    # the name after a cue's preposition is its party, whatever noun follows it
    Case("Jaysh al-Wadi clashed with Islamic State militants near Hama.",
         must=(("Jaysh al-Wadi", "hostile_to", "Islamic State"),)),
    # the members a role noun names: beside it, or after a verb that names them; not what
    # they did something to
    Case("Members of Jaysh al-Wadi attacked Liwa al-Haqq in Hama.",
         must=(("Jaysh al-Wadi", "attacked", "Liwa al-Haqq"),),
         must_not=(("Liwa al-Haqq", "member_of", "Jaysh al-Wadi"),)),
    Case("Members of Jaysh al-Wadi met Liwa al-Haqq commanders in Hama.",
         must_not=(("Liwa al-Haqq", "member_of", "Jaysh al-Wadi"),)),
    Case("A member of Jaysh al-Wadi, Abu Omar al-Kurdi, was killed in Hama.",
         must=(("Abu Omar al-Kurdi", "member_of", "Jaysh al-Wadi"),)),
    Case("Members of Jaysh al-Wadi include Abu Omar al-Kurdi.",
         must=(("Abu Omar al-Kurdi", "member_of", "Jaysh al-Wadi"),)),
    # an acronym the text defines is the group's name where it is used again
    Case("Jaysh al-Wadi (JAW) was formed in 2012 in Hama province. JAW later joined the Southern Alliance.",
         must=(("Jaysh al-Wadi", "member_of", "Southern Alliance"),)),
    # 'Hay'at' opens a group's name as 'Jabhat' does
    Case("Liwa al-Haqq and Jaysh al-Wadi merged in 2017 to form Hay'at al-Wadi.",
         must=(("Liwa al-Haqq", "merged_into", "Hay'at al-Wadi"), ("Jaysh al-Wadi", "merged_into", "Hay'at al-Wadi"))),
    # the one accused or blamed in the passive is who did it; a deed blamed on a name, that name
    Case("Liwa al-Haqq has been accused of kidnapping aid workers in Idlib.",
         must=(("Liwa al-Haqq", "attacked", None),), must_not=((None, "attacked", None),)),
    Case("Jaysh al-Wadi was accused by Liwa al-Haqq of attacking a checkpoint.",
         must=(("Jaysh al-Wadi", "attacked", None),), must_not=(("Liwa al-Haqq", "attacked", None),)),
    Case("The attack was blamed on Jaysh al-Wadi.", must=(("Jaysh al-Wadi", "attacked", None),)),
    # a group among the groups of a coalition, and a coalition that includes it
    Case("Jaysh al-Wadi is one of the main factions in the Southern Front.",
         must=(("Jaysh al-Wadi", "member_of", "Southern Front"),)),
    Case("Jaysh al-Wadi is a faction of the Southern Front.", must=(("Jaysh al-Wadi", "member_of", "Southern Front"),)),
    Case("Jaysh al-Wadi clashed with factions of the Southern Front in 2019.",
         must=(("Jaysh al-Wadi", "hostile_to", "Southern Front"),),
         must_not=(("Jaysh al-Wadi", "member_of", "Southern Front"),)),
    Case("The Southern Front includes Jaysh al-Wadi and Liwa al-Haqq.",
         must=(("Jaysh al-Wadi", "member_of", "Southern Front"), ("Liwa al-Haqq", "member_of", "Southern Front"))),
    Case("Jaysh al-Wadi's statement included a threat against Liwa al-Haqq.",
         must_not=(("Liwa al-Haqq", "member_of", "Jaysh al-Wadi"),)),
    # a pronoun bound by a subject that names no one points back at no group
    Case("Jaysh al-Wadi fought in Idlib. No-one has said they carried out the strike.",
         must_not=(("Jaysh al-Wadi", "attacked", None),)),
    Case("Jaysh al-Wadi fought in Idlib. No group said it was behind the attack.",
         must_not=(("Jaysh al-Wadi", "attacked", None),)),
    # 'the group' points back at a group, not at a coalition or an army named since
    Case("Jaysh al-Wadi is a rebel group in Idlib. The US-led coalition has struck the area. "
         "Abu Yasir al-Hamawi joined the group in 2013.",
         must=(("Abu Yasir al-Hamawi", "member_of", "Jaysh al-Wadi"),),
         must_not=(("Abu Yasir al-Hamawi", "member_of", "US-led coalition"),)),
    Case("Jaysh al-Wadi is a rebel group in Idlib. The Islamic Front was formed in 2013. "
         "Abu Yasir al-Hamawi joined the group in 2014.",
         must=(("Abu Yasir al-Hamawi", "member_of", "Islamic Front"),)),
    # a post held in a body; who served is the clause's subject
    Case("Abu Yasir al-Hamawi joined Jaysh al-Wadi in 2013 after serving as a colonel in the Syrian army.",
         must=(("Abu Yasir al-Hamawi", "member_of", "Syrian Arab Army"), ("Abu Yasir al-Hamawi", "member_of", "Jaysh al-Wadi")),
         must_not=(("Jaysh al-Wadi", "member_of", "Syrian Arab Army"),)),
    Case("Abu Yasir al-Hamawi served as a judge in Jaysh al-Wadi.",
         must=(("Abu Yasir al-Hamawi", "member_of", "Jaysh al-Wadi"),)),
    # a state's forces named by its people's word
    Case("Abu Bakr al-Halabi was arrested by Turkish forces in 2019.",
         must=(("Turkish Armed Forces", "arrested", "Abu Bakr al-Halabi"),)),
    Case("Abu Bakr al-Halabi was detained by Iraqi security forces in Mosul.",
         must=(("Iraqi Security Forces", "arrested", "Abu Bakr al-Halabi"),)),
    # deeds listed under the sentence that claims them: the claimer's, with its stance
    Case("Jaysh al-Wadi has claimed responsibility for numerous attacks, including:\n"
         "- 4 March 2013: an ambush on a Syrian army convoy near Hama that killed 14 soldiers;\n"
         "- 2 June 2017: the shelling of government positions in Latakia.\n",
         must=(("Jaysh al-Wadi", "attacked", "Syrian Arab Army"), ("Jaysh al-Wadi", "killed", None),
               ("Jaysh al-Wadi", "attacked", "Latakia")),
         must_not=(("Syrian Arab Army", "killed", None),)),
    # a list after a sentence that claims nothing gives its items no doer
    Case("Several attacks took place in Hama, including:\n"
         "- 4 March 2013: an ambush on a Syrian army convoy that killed 14 soldiers;\n",
         must_not=(("Syrian Arab Army", "killed", None),)),
    # a participle that describes a noun is no deed
    Case("Liwa al-Haqq was accused by Human Rights Watch of executing captured soldiers near al-Rastan.",
         must_not=(("Human Rights Watch", "captured", "al-Rastan"),)),
    Case("The Ansar al-Wadi Brigade had previously been part of Jaysh al-Wadi.",
         must=(("Ansar al-Wadi Brigade", "member_of", "Jaysh al-Wadi"),)),
    Case("Jaysh al-Wadi, one of the larger rebel factions in Hama, has split.",
         must=(("Jaysh al-Wadi", "active_in", "Hama"),)),
    Case("Liwa al-Fatihin has allied itself with Jund al-Aqsa.", must=(("Liwa al-Fatihin", "allied_with", "Jund al-Aqsa"),)),
    Case("Jaysh al-Wadi aligned itself with al-Qaeda in 2014.", must=(("Jaysh al-Wadi", "affiliated_with", "al-Qaeda"),)),
    # the undergoer of a passive is the noun, not its possessor; a second verb shares the passive
    Case("Hamid al-Jubouri is a tribal leader. His brother was killed by militants in 2006.",
         must_not=((None, "killed", "Hamid al-Jubouri"),)),
    Case("Hamid al-Jubouri is a tribal leader. In 2006, his brother was kidnapped and killed by militants.",
         must_not=(("Hamid al-Jubouri", "killed", None), (None, "arrested", "Hamid al-Jubouri"))),
    Case("Abu Omar al-Kurdi was kidnapped and killed by Liwa al-Haqq in 2016.",
         must=(("Liwa al-Haqq", "killed", "Abu Omar al-Kurdi"),),
         must_not=(("Abu Omar al-Kurdi", "killed", None),)),
    # a place named by its kind in a phrase of its own lies in no other place of the clause
    Case("Born in the village of al-Alam, Hamid al-Jubouri studied law in Baghdad.",
         must_not=(("Baghdad", "located_in", "al-Alam"),)),
    Case("Saraqib is a town in Idlib province.", must=(("Saraqib", "located_in", "Idlib Governorate"),)),
    # an agent is the name right after 'by', not one past a comma
    Case("Hamid al-Jubouri is a tribal leader. In 2006, his brother was kidnapped and killed by militants, "
         "an event he said convinced him to take up arms.",
         must_not=(("Hamid al-Jubouri", "killed", None),)),
    # a group named by its place and a group word is a group, not the place
    Case("Hamid al-Jubouri headed the Salahuddin Awakening Council, which was formed in 2007.",
         must=(("Hamid al-Jubouri", "leader_of", "Salahuddin Awakening Council"),),
         must_not=((None, "founded", "Salah ad-Din"),)),
    # an age standing for the person named before
    Case("Hamid al-Jubouri has been killed in Tikrit. The 52-year-old headed the Salahuddin Awakening Council.",
         must=(("Hamid al-Jubouri", "leader_of", "Salahuddin Awakening Council"),)),
    # promises, calls on others, expectations and talks are no deeds
    Case("Jaysh al-Wadi vowed to capture Saraqib.", must_not=(("Jaysh al-Wadi", "captured", "Saraqib"),)),
    Case("Jaysh al-Wadi called on its supporters to attack Liwa al-Haqq.",
         must_not=(("Jaysh al-Wadi", "attacked", "Liwa al-Haqq"),)),
    Case("Jaysh al-Wadi was expected to pledge allegiance to the Islamic State.",
         must_not=(("Jaysh al-Wadi", "pledged_allegiance", "Islamic State"),)),
    Case("Talks on a merger between Jaysh al-Wadi and Liwa al-Haqq collapsed in 2016.",
         must_not=(("Liwa al-Haqq", "merged_into", "Jaysh al-Wadi"), ("Jaysh al-Wadi", "merged_into", "Liwa al-Haqq"))),
    Case("Jaysh al-Wadi, which had vowed to take the town, captured Saraqib in 2015.",
         must=(("Jaysh al-Wadi", "captured", "Saraqib"),)),
    # some of a group's people are not the group
    Case("Kataib al-Ghadab merged into Hay'at Tahrir al-Sham in 2017, although several of its commanders "
         "rejected the merger and joined Ahrar al-Sham instead.",
         must=(("Kataib al-Ghadab", "merged_into", "Hay'at Tahrir al-Sham"),),
         must_not=(("Kataib al-Ghadab", "member_of", "Ahrar al-Sham"),)),
    # a name of two words joined to a participle; a joined word that is part of a name stays in it
    Case("Jund al-Aqsa, an al Qaeda-linked group, clashed with rebels.",
         must=(("Jund al-Aqsa", "affiliated_with", "al-Qaeda"),)),
    Case("The US-led coalition struck Jaysh al-Wadi near Hama.",
         must=(("Global Coalition against Daesh", "attacked", "Jaysh al-Wadi"),),
         must_not=(("United States", "attacked", "Jaysh al-Wadi"),)),
    # what a group is, and where
    Case("Jaysh al-Wadi is a rebel group in Idlib.", must=(("Jaysh al-Wadi", "active_in", "Idlib"),)),
    Case("Jaysh al-Wadi met the only group in Saraqib that opposed it.",
         must_not=(("Jaysh al-Wadi", "active_in", "Saraqib"),)),
    # the passive of a deed with its agent: the passive's subject underwent it, in a clause of
    # its own or joined to the one before; 'it' is not the clause's own subject
    Case("Jaysh al-Wadi was attacked by Liwa al-Haqq in Idlib in 2017.",
         must=(("Liwa al-Haqq", "attacked", "Jaysh al-Wadi"),),
         must_not=(("Jaysh al-Wadi", "attacked", None), ("Jaysh al-Wadi", "attacked", "Liwa al-Haqq"))),
    Case("Jaysh al-Wadi refused to join Liwa al-Haqq and was attacked by it in Idlib.",
         must=(("Liwa al-Haqq", "attacked", "Jaysh al-Wadi"),),
         must_not=(("Jaysh al-Wadi", "attacked", "Liwa al-Haqq"), ("Jaysh al-Wadi", "attacked", None))),
    # an infobox copied from a page as text: label and value in cells apart, a tab between
    Case("Jaysh al-Wadi\nLeaders\tAbu Omar al-Kurdi (2012–2015) Abu Bakr al-Halabi (2015–2018)\n"
         "Headquarters\tSaraqib\nAllies\tLiwa al-Haqq\n\nJaysh al-Wadi was a rebel group in Hama.\n",
         must=(("Abu Omar al-Kurdi", "leader_of", "Jaysh al-Wadi"), ("Abu Bakr al-Halabi", "leader_of", "Jaysh al-Wadi"),
               ("Jaysh al-Wadi", "active_in", "Saraqib"), ("Jaysh al-Wadi", "allied_with", "Liwa al-Haqq")),
         must_not=(("Leaders", "leader_of", "Jaysh al-Wadi"),)),
    # a deed in a list hung from what a group claimed, and what the event's clause says it did
    Case("Jaysh al-Wadi has claimed responsibility for a number of attacks against Syrian government forces, "
         "including a suicide car bombing in Hama in May 2016 that killed at least 12 soldiers.",
         must=(("Jaysh al-Wadi", "attacked", "Government of Syria"), ("Jaysh al-Wadi", "killed", None)),
         must_not=(("Government of Syria", "attacked", None), ("Government of Syria", "killed", None),
                   ("Government of Syria", "active_in", "Hama"))),
    Case("Hezbollah condemned the bombing that killed 12 soldiers.",
         must_not=(("Hezbollah", "killed", None), ("Hezbollah", "attacked", None))),
    # a role owned by a group named before, through a pronoun or a noun phrase
    Case("Jaysh al-Wadi is a militant group in Hama. Its leader, Abu Bakr al-Halabi, was killed in 2016.",
         must=(("Abu Bakr al-Halabi", "leader_of", "Jaysh al-Wadi"),)),
    Case("Jaysh al-Wadi is a militant group in Hama. The group's former leader, Abu Bakr al-Halabi, was killed in 2016.",
         must=(("Abu Bakr al-Halabi", "leader_of", "Jaysh al-Wadi"),)),
    Case("Jaysh al-Wadi is a militant group in Hama. Its fighters attacked Abu Bakr al-Halabi in 2016.",
         must_not=(("Abu Bakr al-Halabi", "member_of", "Jaysh al-Wadi"), ("Abu Bakr al-Halabi", "leader_of", "Jaysh al-Wadi"))),
    Case("Jaysh al-Wadi maintains close links with Liwa al-Haqq.",
         must=(("Jaysh al-Wadi", "affiliated_with", "Liwa al-Haqq"),)),
    # a named group's pledge after a sentence on attacks is its pledge, not an attack by the
    # group it pledged to; the attacker's pledge links the attack to that group
    Case("Jaysh al-Wadi has claimed several attacks on the army. In August 2017, Jaysh al-Wadi pledged "
         "allegiance to Liwa al-Haqq.",
         must=(("Jaysh al-Wadi", "pledged_allegiance", "Liwa al-Haqq"),), must_not=(("Liwa al-Haqq", "attacked", None),)),
    Case("A gunman attacked a church in Nice. The attacker had pledged allegiance to the Islamic State.",
         must=(("Islamic State", "attacked", None),)),
    # an offensive or an assault on a place is an attack on it; the group that led it attacked
    Case("Jaysh al-Wadi launched an offensive on Saraqib in 2015.", must=(("Jaysh al-Wadi", "attacked", "Saraqib"),)),
    Case("Liwa al-Haqq repelled an assault on Saraqib by Jaysh al-Wadi.",
         must_not=(("Liwa al-Haqq", "attacked", "Saraqib"),)),
    # lists: the groups that made up a group, and a merger the listed groups announce as theirs
    Case("The factions that made up Jaysh al-Wadi were Liwa al-Haqq, Kataib al-Ghadab and Saraya al-Qasas.",
         must=(("Liwa al-Haqq", "member_of", "Jaysh al-Wadi"), ("Kataib al-Ghadab", "member_of", "Jaysh al-Wadi"),
               ("Saraya al-Qasas", "member_of", "Jaysh al-Wadi"))),
    Case("Liwa al-Haqq, Kataib al-Ghadab and Saraya al-Qasas announced their merger into Jaysh al-Wadi in 2014.",
         must=(("Liwa al-Haqq", "merged_into", "Jaysh al-Wadi"), ("Kataib al-Ghadab", "merged_into", "Jaysh al-Wadi"),
               ("Saraya al-Qasas", "merged_into", "Jaysh al-Wadi"))),
    Case("Liwa al-Haqq announced its merger into Jaysh al-Wadi in 2014.",
         must=(("Liwa al-Haqq", "merged_into", "Jaysh al-Wadi"),)),
    # a place by its kind before it or by its first word, whatever the model takes it for
    Case("Jaysh al-Wadi fighters captured the village of Tal Salmo from regime forces on 3 March 2018.",
         must=(("Jaysh al-Wadi", "captured", "Tal Salmo"),), must_not=(("Jaysh al-Wadi", "arrested", "Tal Salmo"),)),
    Case("Jaysh al-Wadi withdrew from Tal Salmo after heavy shelling.",
         must=(("Jaysh al-Wadi", "lost_control_of", "Tal Salmo"),)),
    # what a group receives from its backer
    Case("Jaysh al-Wadi received weapons from Liwa al-Haqq.", must=(("Liwa al-Haqq", "cooperated_with", "Jaysh al-Wadi"),)),
    Case("Jaysh al-Wadi received a delegation from Liwa al-Haqq.",
         must_not=(("Liwa al-Haqq", "cooperated_with", "Jaysh al-Wadi"),)),
    # a name joined to a participle: what the participle says, and nothing of the clause
    Case("Iran-backed Kataib Hezbollah attacked a base near Baghdad in 2019.",
         must=(("Iran", "cooperated_with", "Kataib Hezbollah"), ("Kataib Hezbollah", "attacked", None)),
         must_not=(("Iran", "attacked", None),)),
    Case("Jaysh al-Wadi is a Syria-based militant group.", must=(("Jaysh al-Wadi", "active_in", "Syria"),)),
    Case("The al-Qaeda-linked Jaysh al-Wadi attacked Saraqib.",
         must=(("Jaysh al-Wadi", "affiliated_with", "al-Qaeda"), ("Jaysh al-Wadi", "attacked", "Saraqib")),
         must_not=(("al-Qaeda", "attacked", "Saraqib"),)),
    Case("Fighting continued in IS-held Mosul.", must=(("Islamic State", "controls", "Mosul"),)),
    Case("Jaysh al-Wadi, a Turkey-backed faction, captured Afrin.",
         must=(("Turkey", "cooperated_with", "Jaysh al-Wadi"),), must_not=((None, "captured", "Turkey"),)),
    # a participle that says nothing between the two, and a place that is no country backs no one
    Case("Jaysh al-Wadi is a Hama-born movement.", must_not=(("Jaysh al-Wadi", "active_in", "Hama"),)),
    Case("Hama-backed Jaysh al-Wadi attacked Saraqib.", must_not=(("Hama", "cooperated_with", "Jaysh al-Wadi"),)),
    # 'the Dawla', as a jihadist says it, is the Islamic State
    Case("Then the brothers in Jaysh al-Wadi gave bay'ah to the Dawla.",
         must=(("Jaysh al-Wadi", "pledged_allegiance", "Islamic State"),)),
    # 'became part of' is no renaming; 'became X' is
    Case("In 2013, Liwa al-Haqq became part of the Islamic Front, a coalition of Islamist factions.",
         must=(("Liwa al-Haqq", "member_of", "Islamic Front"),), must_not=(("Liwa al-Haqq", "predecessor_of", "Islamic Front"),)),
    Case("In 2016, Liwa al-Haqq became Jaysh al-Wadi.", must=(("Liwa al-Haqq", "predecessor_of", "Jaysh al-Wadi"),)),
    # people named by the group they left founded it, not the group
    Case("Liwa al-Haqq was established in July 2012 by defectors from the Syrian Army.",
         must_not=(("Syrian Arab Army", "founded", "Liwa al-Haqq"),)),
    Case("Liwa al-Haqq was founded by Abu Omar al-Kurdi in 2012.", must=(("Abu Omar al-Kurdi", "founded", "Liwa al-Haqq"),)),
    # a translation in quotes is an alias, without its closing quote
    Case("Liwa al-Haqq (Arabic: لواء الحق, lit. 'Brigade of Truth') was a rebel group that operated in Homs. The group was "
         "established in July 2012.", must=(("Brigade of Truth", "active_in", "Homs"), (None, "founded", "Liwa al-Haqq")),
         must_not=(("Brigade of Truth'", "active_in", "Homs"),)),
    # a group formed from what was left of another: the other came first; one of the remnant is a member
    Case("Jaysh al-Wadi was formed in late 2012 from the remnants of Liwa al-Haqq.",
         must=(("Liwa al-Haqq", "predecessor_of", "Jaysh al-Wadi"),), must_not=(("Jaysh al-Wadi", "member_of", "Liwa al-Haqq"),)),
    Case("Jaysh al-Wadi grew out of Liwa al-Haqq.", must=(("Liwa al-Haqq", "predecessor_of", "Jaysh al-Wadi"),)),
    Case("Abu Bakr al-Iraqi, of the remnant of Liwa al-Haqq that did not pledge allegiance, spoke.",
         must=(("Abu Bakr al-Iraqi", "member_of", "Liwa al-Haqq"),)),
    Case("Jaysh al-Wadi emerged from the battle of Hama stronger.",
         must_not=(("Hama", "predecessor_of", "Jaysh al-Wadi"),)),
    # taking the lead of a group; 'assumed' with its object is no belief
    Case("Abu Omar al-Kurdi took over the leadership of Jaysh al-Wadi in 2015.",
         must=(("Abu Omar al-Kurdi", "leader_of", "Jaysh al-Wadi"),)),
    Case("Abu Omar al-Kurdi assumed command of Jaysh al-Wadi after the death of Abu Bakr al-Halabi.",
         must=(("Abu Omar al-Kurdi", "leader_of", "Jaysh al-Wadi"),)),
    Case("Abu Omar al-Kurdi took part in the leadership's meeting with Jaysh al-Wadi.",
         must_not=(("Abu Omar al-Kurdi", "leader_of", "Jaysh al-Wadi"),)),
    # ties ended are no affiliation
    Case("Jaysh al-Wadi broke its ties with Liwa al-Haqq in 2016.",
         must_not=(("Jaysh al-Wadi", "affiliated_with", "Liwa al-Haqq"),)),
    Case("Jaysh al-Wadi has close ties to Liwa al-Haqq.",
         must=(("Jaysh al-Wadi", "affiliated_with", "Liwa al-Haqq"),)),
    # where a group's deed happened, it was active; not where its target is from
    Case("Jaysh al-Wadi attacked a checkpoint in Hama in 2015.", must=(("Jaysh al-Wadi", "active_in", "Hama"),)),
    Case("Jaysh al-Wadi gunmen killed two soldiers near the town of Saraqib.",
         must=(("Jaysh al-Wadi", "active_in", "Saraqib"),)),
    Case("Jaysh al-Wadi attacked Saraqib in 2015.", must_not=(("Jaysh al-Wadi", "active_in", "Saraqib"),)),
    Case("Jaysh al-Wadi condemned the bombing of a mosque in Hama.",
         must_not=(("Jaysh al-Wadi", "active_in", "Hama"), ("Jaysh al-Wadi", "attacked", None))),
    Case("Jaysh al-Wadi plans to attack a checkpoint in Hama.", must_not=(("Jaysh al-Wadi", "active_in", "Hama"),)),
    # field lines in other layouts: tabs, plurals in brackets, two posts in one label
    Case("Kataib al-Ghadab\nLeader(s)\tAbu Omar al-Kurdi\nHeadquarters\tAleppo\nOpponent(s): Syrian Arab Army\n",
         must=(("Abu Omar al-Kurdi", "leader_of", "Kataib al-Ghadab"), ("Kataib al-Ghadab", "active_in", "Aleppo"),
               ("Kataib al-Ghadab", "hostile_to", "Syrian Arab Army"))),
    Case("Kataib al-Ghadab\nFounder and leader: Abu Omar al-Kurdi\nAllies: Jabhat al-Nusra\n",
         must=(("Abu Omar al-Kurdi", "leader_of", "Kataib al-Ghadab"), ("Abu Omar al-Kurdi", "founded", "Kataib al-Ghadab"),
               ("Kataib al-Ghadab", "allied_with", "Jabhat al-Nusra"))),
    # a word of creed standing alone is no group
    Case("Jaysh al-Wadi is a Salafist group founded in 2012 by Abu Omar al-Kurdi.",
         must=(("Abu Omar al-Kurdi", "founded", "Jaysh al-Wadi"),), must_not=(("Abu Omar al-Kurdi", "founded", "Salafist"),)),
    # the name a list gives a group under is no second party
    Case("Abu Hafs al-Masri is the link between Jaysh al-Wadi, listed as Liwa al-Haqq (QDe.900), and armed groups "
         "in Gaza.", must_not=(("Jaysh al-Wadi", "affiliated_with", "Liwa al-Haqq"),)),
    Case("Abu Hafs al-Masri is the link between Jaysh al-Wadi, listed as Liwa al-Haqq (QDe.900), and "
         "Saraya al-Qasas.", must=(("Jaysh al-Wadi", "affiliated_with", "Saraya al-Qasas"),)),
    Case("Abu Hafs al-Masri is the link between Jaysh al-Wadi, listed as Liwa al-Haqq (QDe.900), leader Abu Omar "
         "al-Kurdi, and armed groups in Gaza.", must_not=(("Jaysh al-Wadi", "affiliated_with", "Abu Omar al-Kurdi"),)),
    # a founder who leads, a part that forms part of
    Case("Abu Omar al-Kurdi is the founder and emir of Kataib al-Ghadab.",
         must=(("Abu Omar al-Kurdi", "founded", "Kataib al-Ghadab"), ("Abu Omar al-Kurdi", "leader_of", "Kataib al-Ghadab"))),
    Case("Kataib al-Ghadab is a group that formed part of Jaysh al-Wadi until 2016.",
         must=(("Kataib al-Ghadab", "member_of", "Jaysh al-Wadi"),)),
    # no group is its own target
    Case("At least 20 people were killed when fighters of the Somali group Al Shabaab attacked the compound of "
         "Somalia's interior ministry in the center of Mogadishu.",
         must=(("al-Shabaab", "attacked", None),), must_not=(("al-Shabaab", "attacked", "al-Shabaab"),)),
    # reactions, plans and threats: no deed
    Case("Jaysh al-Wadi has threatened to attack Saraqib.", must_not=(("Jaysh al-Wadi", "attacked", "Saraqib"),)),
    Case("Jaysh al-Wadi plans to attack Saraqib next month.", must_not=(("Jaysh al-Wadi", "attacked", "Saraqib"),)),
    Case("Analysts say Jaysh al-Wadi would attack Saraqib if the truce collapsed.",
         must_not=(("Jaysh al-Wadi", "attacked", "Saraqib"),)),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_unseen_wordings(case: Case) -> None:
    check(case)


def _names(ex: Extraction) -> dict[str, set[str]]:
    return {e.name: {n.lower() for n in e.names()} for e in ex.entities}


@pytest.mark.parametrize("text, name, alias", [
    ("Jaysh al-Wadi, known by its Arabic acronym JAW, operates in Hama. In 2016 JAW attacked Saraqib.",
     "Jaysh al-Wadi", "jaw"),
    ("Liwa al-Ghuraba, which is also referred to as the Strangers Brigade, operates in Hama.",
     "Liwa al-Ghuraba", "strangers brigade"),
    ("Jaysh al-Wadi (also spelled Jaish al-Wadi) is active in Hama.", "Jaysh al-Wadi", "jaish al-wadi"),
    # a second name set off by commas with 'or'; an acronym after 'or' or 'abbreviated'
    ("Jaysh al-Wadi, or the Valley Army, is a militant group active in Hama.", "Jaysh al-Wadi", "valley army"),
    ("Jaysh al-Wadi (or JAW) was formed in 2012.", "Jaysh al-Wadi", "jaw"),
    ("Jaysh al-Wadi, abbreviated JAW, was formed in 2012.", "Jaysh al-Wadi", "jaw"),
    # a name translated in quotes
    ("Jaysh al-Wadi, whose name means 'Army of the Valley', was formed in 2012.", "Jaysh al-Wadi",
     "army of the valley"),
    ("Liwa al-Ghuraba (literally 'Brigade of the Strangers') operates in Hama.", "Liwa al-Ghuraba",
     "brigade of the strangers"),
    # a person's real name or nom de guerre
    ("Abu Omar al-Kurdi (real name Ahmad Hassan) leads Jaysh al-Wadi.", "Abu Omar al-Kurdi", "ahmad hassan"),
    ("Abu Omar al-Kurdi, whose real name is Ahmad Hassan, leads Jaysh al-Wadi.", "Abu Omar al-Kurdi",
     "ahmad hassan"),
    ("Ahmad Hassan, better known by his nom de guerre Abu Omar al-Kurdi, leads Jaysh al-Wadi.",
     "Abu Omar al-Kurdi", "ahmad hassan"),
    ("Abu Omar al-Kurdi, born Ahmad Hassan, leads Jaysh al-Wadi.", "Abu Omar al-Kurdi", "ahmad hassan"),
])
def test_other_names_given_by_a_phrase(text: str, name: str, alias: str) -> None:
    names = _names(check(Case(text)))
    assert any(name.lower() in ns and alias in ns for ns in names.values()), names


@pytest.mark.parametrize("text, name, alias", [
    # a short form in another transliteration; an article as the sound it takes
    ("Abu Ubaida al-Halabi leads Liwa al-Haqq. Abu Obeida said the group would fight on.", "Abu Ubaida al-Halabi",
     "abu obeida"),
    ("Ansar al-Din Front was formed in 2014. The Ansar ad-Din Front joined the coalition.", "Ansar al-Din Front",
     "ansar ad-din front"),
])
def test_spellings_of_one_name_in_one_text(text: str, name: str, alias: str) -> None:
    names = _names(check(Case(text)))
    assert any(name.lower() in ns and alias in ns for ns in names.values()), names


@pytest.mark.parametrize("text, first, second", [
    # a list's last item after ', or' is a third group, not the second's other name
    ("Talks were held with Liwa al-Haqq, Jaysh al-Wadi, or the Southern Front, in Hama.", "Jaysh al-Wadi",
     "Southern Front"),
    ("Jaysh al-Wadi attacked Liwa al-Haqq, or the Southern Front, in 2015.", "Jaysh al-Wadi", "Southern Front"),
    # a birth place or year after 'born' is no name of the person
    ("Abu Omar al-Kurdi, born in Mosul in 1975, leads Jaysh al-Wadi.", "Abu Omar al-Kurdi", "Mosul"),
    # a translation after a deed's object, outside brackets, names no group
    ("Jaysh al-Wadi attacked Liwa al-Haqq, meaning 'Operation Dawn' had failed.", "Liwa al-Haqq",
     "Operation Dawn"),
    # a sentence opened by a label's words is no field line
    ("Jaysh al-Wadi is a group in Hama.\nAlso known as a hardline group, Liwa al-Haqq fought it in 2015.",
     "Jaysh al-Wadi", "Liwa al-Haqq"),
    # two persons whose names differ in more than spelling stay two
    ("Abu Ubaida al-Halabi met Abu Omar al-Halabi in Aleppo.", "Abu Ubaida al-Halabi", "Abu Omar al-Halabi"),
    # the real name of one person, not of the person named before him in the sentence
    ("Abu Bakr al-Halabi met Abu Omar al-Kurdi, whose real name is Ahmad Hassan, in Hama.", "Abu Bakr al-Halabi",
     "Ahmad Hassan"),
])
def test_names_a_phrase_does_not_join(text: str, first: str, second: str) -> None:
    names = _names(check(Case(text)))
    assert not any(first.lower() in ns and second.lower() in ns for ns in names.values()), names


def test_an_acronym_phrase_names_no_lower_case_words() -> None:
    ex = check(Case("Jaysh al-Wadi operates in Hama; the acronym stands for nothing."))
    assert all("stands" not in n for ns in _names(ex).values() for n in ns)


@pytest.mark.parametrize("text, name, aliases, not_aliases", [
    # two names stated at once, joined by 'and' or 'or': each is an alias
    ("Jaysh al-Wadi (also known as the Valley Army and JAW) is a militant group.", "Jaysh al-Wadi",
     {"valley army", "jaw"}, {"valley army and jaw"}),
    ("Jaysh al-Wadi, also known as the Valley Army or JAW, is a militant group.", "Jaysh al-Wadi",
     {"valley army", "jaw"}, {"valley army or jaw"}),
    # a list after the cue: each item an alias, the language label of a bracket none
    ("Jaysh al-Wadi is also known by the names Valley Army, Army of the Valley and JAW.", "Jaysh al-Wadi",
     {"valley army", "army of the valley", "jaw"}, {"army of the valley and jaw", "valley"}),
    ("Jaysh al-Wadi, also known as the Valley Army, the Wadi Front and JAW, operates in Hama.", "Jaysh al-Wadi",
     {"valley army", "wadi front", "jaw"}, {"hama"}),
    ("Jaysh al-Wadi (JAW; Arabic: جيش الوادي, 'Army of the Valley') is active in Hama.", "Jaysh al-Wadi",
     {"jaw", "army of the valley"}, {"arabic"}),
    # a listing's lines of other names, each under its group's heading
    ("Listed organisations\n\nJaysh al-Wadi\nAlso known as: Valley Army; JAW\n\nLiwa al-Haqq\n"
     "Also known as: Haqq Brigade, Brigade of Truth\n", "Jaysh al-Wadi", {"valley army", "jaw"},
     {"haqq brigade", "brigade of truth", "liwa al-haqq"}),
    ("Listed organisations\n\nJaysh al-Wadi\nAlso known as: Valley Army; JAW\n\nLiwa al-Haqq\n"
     "Also known as: Haqq Brigade, Brigade of Truth\n", "Liwa al-Haqq", {"haqq brigade", "brigade of truth"},
     {"jaw", "valley army"}),
    # 'calls itself' inside the sentence: the one calling itself so is the unnamed faction, not
    # the group named after it
    ("The breakaway faction, which calls itself Liwa al-Fatihin, said it had left Jaysh al-Wadi.", "Liwa al-Fatihin",
     set(), {"jaysh al-wadi"}),
    # words after the cue's name that are no list of names
    ("Jaysh al-Wadi, also known as JAW, attacked Liwa al-Haqq and Kataib al-Ghadab in Hama.", "Jaysh al-Wadi",
     {"jaw"}, {"liwa al-haqq", "kataib al-ghadab"}),
    # one name with 'and' in it stays whole
    ("Jaysh al-Wadi, also known as the Army of Hama and Idlib, is a militant group.", "Jaysh al-Wadi",
     {"army of hama and idlib"}, {"idlib", "army of hama"}),
])
def test_names_stated_together_are_each_an_alias(text: str, name: str, aliases: set[str],
                                                 not_aliases: set[str]) -> None:
    names = _names(check(Case(text)))
    assert aliases <= names[name] and not (not_aliases & names[name]), names[name]


@pytest.mark.parametrize("text, predicate, start, end", [
    # a birth's date dates no role
    ("Jaysh al-Wadi's founder, Abu Omar al-Kurdi, was born in 1975.", "leader_of", None, None),
    # the founder named beside his name founded it before what he does in the clause
    ("Abu Omar al-Kurdi, the founder of Jaysh al-Wadi, announced a truce in July 2016.", "founded", None, None),
    # a former role had ended by the time of the clause; when it began the text does not say
    ("Jaysh al-Wadi's former leader, Abu Omar al-Kurdi, was killed in 2016.", "leader_of", None, "2016-12-31"),
    # a founding the clause's verb carries has its time; one in a relative clause, its own
    ("Abu Omar al-Kurdi announced the formation of Jaysh al-Wadi in July 2016.", "founded",
     "2016-07-01", "2016-07-31"),
    ("Abu Omar al-Kurdi, who founded Jaysh al-Wadi in 2012, was arrested in 2017.", "founded",
     "2012-01-01", "2012-12-31"),
    # an open range to the document's date; a bound 'as of'; a range of years
    ("Abu Omar al-Kurdi has led Jaysh al-Wadi since 2015.", "leader_of", "2015-01-01", "2020-01-01"),
    ("As of March 2019, Abu Omar al-Kurdi was the commander of Jaysh al-Wadi.", "leader_of", None, "2019-03-31"),
    ("Jaysh al-Wadi was active in Hama from 2012 to 2016.", "active_in", "2012-01-01", "2016-12-31"),
    # a state's verb however the parser reads it, with its time
    ("Jaysh al-Wadi controlled Saraqib in 2014.", "controls", "2014-01-01", "2014-12-31"),
    ("Jaysh al-Wadi controlled Saraqib from mid-2013 to late 2014.", "controls", "2013-05-01", "2014-12-31"),
    ("As of February 2019, Jaysh al-Wadi controlled Saraqib.", "controls", None, "2019-02-28"),
    # a coordinated clause keeps its own time; so does what describes the subject
    ("Abu Omar al-Kurdi founded Jaysh al-Wadi and led it until his death in October 2016.", "founded", None, None),
    ("Abu Omar al-Kurdi founded Jaysh al-Wadi in 2012 and led it until 2016.", "founded", "2012-01-01", "2012-12-31"),
    ("Abu Omar al-Kurdi, a former officer who defected in 2011, founded Jaysh al-Wadi.", "founded", None, None),
    # the time of a passive cue is its verb's, not its auxiliary's
    ("Liwa al-Haqq was led by Ahmad al-Rastani until 2015.", "leader_of", None, "2015-12-31"),
    # a bound set by a dated event: since then for the state, the event's own date for the event
    ("Since the death of Abu Omar al-Kurdi in October 2016, Jaysh al-Wadi has been led by Abu Bakr al-Halabi.",
     "leader_of", "2016-10-01", "2020-01-01"),
    ("Jaysh al-Wadi has changed its name twice since its formation in December 2012.", "founded",
     "2012-12-01", "2012-12-31"),
    # a former role named before the group: ended by the document's date
    ("Abu Hafs al-Idlibi, a former Jaysh al-Wadi commander, signed the statement.", "leader_of", None, "2020-01-01"),
    # a post given takes the time of the verb that gives it
    ("Abu Yasir al-Hamawi was appointed military chief of Jaysh al-Wadi in 2018.", "member_of",
     "2018-01-01", "2018-12-31"),
    # a deed last year, against the document's date
    ("Abu Omar al-Kurdi was arrested in Hama last year.", "arrested", "2019-01-01", "2019-12-31"),
])
def test_times_of_other_wordings(text: str, predicate: str, start: str | None, end: str | None) -> None:
    ex = check(Case(text))
    times = [(c.time.start, c.time.end) if c.time else (None, None) for c in ex.claims if c.predicate == predicate]
    assert times == [(start, end)], times


@pytest.mark.parametrize("words, must, must_not", [
    # the witness's 'I' as the subject of a clause of its own is the witness
    ('"I joined Jaysh al-Wadi in 2013 and fought in Hama."', ("Abu Hafs al-Homsi", "member_of", "Jaysh al-Wadi"), None),
    # not in a clause describing a noun, and not by nearness
    ('"I write of people I knew who then pledged allegiance to Jaysh al-Wadi."', None,
     ("Abu Hafs al-Homsi", "pledged_allegiance", "Jaysh al-Wadi")),
])
def test_a_witness_speaks_of_themself(words: str, must: tuple[str, str, str] | None,
                                      must_not: tuple[str, str, str] | None) -> None:
    from allegiance.ingest import segment
    from allegiance.model.types import Document
    from allegiance.pipeline import extract_document

    from claim_cases import has

    text = f"Below is my translation of the testimony of Abu Hafs al-Homsi, a former fighter.\n\n{words}\n"
    ex = extract_document(Document(id="t", text=text, published="2016-01-01", segments=segment(text)))
    if must is not None:
        assert has(ex, must), [(c.subject, c.predicate, c.object) for c in ex.claims]
    if must_not is not None:
        assert not has(ex, must_not), [(c.subject, c.predicate, c.object) for c in ex.claims]


def test_deeds_listed_under_a_claim_are_claimed() -> None:
    ex = check(Case("Jaysh al-Wadi has claimed responsibility for numerous attacks, including:\n"
                    "- 4 March 2013: an ambush on a Syrian army convoy near Hama that killed 14 soldiers;\n"
                    "- 12 July 2015: a suicide car bombing at a checkpoint in Salamiyah.\n"))
    listed = [c for c in ex.claims if c.predicate in ("attacked", "killed") and c.evidence.text.startswith(("4", "-", "a"))]
    assert listed and {c.stance for c in listed} == {"claimed"}, [(c.predicate, c.stance, c.evidence.text) for c in listed]
    times = sorted(c.time.start for c in listed if c.time is not None)
    assert times and times[0] == "2013-03-04", times
