"""The language of real reports (issue 10, section 4): strategic developments, territory
told from the place's side, people captured, acts told in a relative clause, and what is
not an act at all. One row per sentence, all invented for the tests; each row names the
one proposal expected (type, actor1, place) or None for no proposal."""

from __future__ import annotations

import pytest

from workbench.extract import extract

PUB = "2019-01-10"  # a Thursday
SKIP = object()  # the field is not checked

ROWS = [
    # Territory from the place's side, and people captured rather than ground.
    ("Raqqa fell to the US-backed SDF alliance on Tuesday.",
     ("Non-state actor overtakes territory", "Syrian Democratic Forces", "Raqqa")),
    ("The town of Tabqa was taken by Kurdish fighters on Wednesday.",
     ("Non-state actor overtakes territory", SKIP, "Tabqa")),
    ("Peshmerga forces who had held Kirkuk were pushed out by the Iraqi army on Monday.",
     ("Government regains territory", "Military Forces of Iraq", "Kirkuk")),
    ("The SDF captured two British members of Isis near Deir ez-Zor on Monday.",
     ("Arrests", "Syrian Democratic Forces", "Deir ez-Zor")),
    ("Two British men, who had fled the city, were captured by the SDF on Monday.",
     ("Arrests", "Syrian Democratic Forces", SKIP)),
    ("The SDF captured the town of Hajin on Monday.",
     ("Non-state actor overtakes territory", "Syrian Democratic Forces", "Hajin")),
    ("The YPG withdrew from Afrin on Sunday.",
     ("Non-violent transfer of territory", "People's Protection Units", "Afrin")),
    ("Kurdish peshmerga forces were pushed out of Kirkuk by the Iraqi army on Monday.",
     ("Government regains territory", "Military Forces of Iraq", "Kirkuk")),
    ("Isis fighters were driven out of Manbij by the SDF on Friday.",
     ("Non-state actor overtakes territory", "Syrian Democratic Forces", "Manbij")),
    ("Hundreds of families were forced out of their homes in Afrin on Friday.", None),
    # Ground taken is the verb's object; a place before it is where the doer sits.
    ("Forces loyal to the government in Aden retook the town of Zinjibar on Wednesday.",
     ("Government regains territory", SKIP, "Zinjibar")),
    # Ground taken told by the flag raised over it; a surrender by the arms laid down.
    ("Kurdish fighters raised their flag over Tabqa on Sunday.",
     ("Non-state actor overtakes territory", SKIP, "Tabqa")),
    ("About 80 Isis militants laid down their weapons in Hajin on Friday.",
     ("Other", "Islamic State", "Hajin")),
    # "The city" names back a town the gazetteer calls a town.
    ("Doctors worked in Jinderes for weeks until the blockade ended on Sunday, when rebels "
     "backed by Ankara took control of the city.",
     ("Non-state actor overtakes territory", "Syrian rebels", "Jinderes")),
    ("The SDF declared the total liberation of Raqqa on Tuesday.",
     ("Non-state actor overtakes territory", "Syrian Democratic Forces", "Raqqa")),
    ("Iraq declared victory over Isis in Mosul on Monday.",
     ("Government regains territory", "Military Forces of Iraq", "Mosul")),
    # Session 18 blind batches: weapons made safe (ACLED: disrupted weapons use), a
    # country named inside a longer name or a border pair, police raids ending in arrests.
    # A device made safe, found or taken away by the police or the army.
    ("A bomb squad safely detonated a suspicious package left outside a bank in Peshawar on Monday.",
     ("Disrupted weapons use", "Police Forces of Pakistan", "Peshawar")),
    ("Police recovered three pipe bombs from a car in Peshawar on Tuesday.",
     ("Disrupted weapons use", "Police Forces of Pakistan", "Peshawar")),
    ("Army engineers removed a roadside bomb from the highway to Kandahar on Friday.",
     ("Disrupted weapons use", SKIP, "Kandahar")),
    ("The explosive device was removed by a robot on Sunday and taken to a range outside Quetta.",
     ("Disrupted weapons use", SKIP, "Quetta")),
    ("A roadside bomb was found and defused on Sunday in Quetta.", ("Disrupted weapons use", SKIP, "Quetta")),
    # Set off by mistake by those planting it.
    ("Two militants were killed in Helmand on Friday when the bomb they were planting detonated prematurely.",
     ("Disrupted weapons use", SKIP, "Helmand")),
    # A state named inside a longer name is neither the state nor where it is.
    ("Gunmen shot dead two people in Newark, New Jersey on Saturday.",
     ("Attack", "Unidentified Armed Group (United States)", "Newark")),
    ("Gunmen attacked an oil barge in the Niger Delta on Monday.",
     ("Armed clash", "Unidentified Armed Group", SKIP)),
    # The second country of a border pair, and a gang's home, say nothing of the police's.
    ("Police arrested a smuggler in Sadao near the Thai-Malaysia border on Monday.",
     ("Arrests", "Police Forces of Thailand", "Sadao")),
    # A police raid that ends in arrests told in the next sentence is one arrest event.
    ("Police raided several flats in east London early on Monday. A spokesman said four people had been detained.",
     ("Arrests", "Police Forces of the United Kingdom", "London")),
    # The act the arrests are about is not the police's.
    ("Police arrested nine men on Sunday, six Afghans and three Pakistanis over Friday's bombing of a bus in Quetta.",
     ("Arrests", "Police Forces of Pakistan", "Quetta")),
    # Strategic developments.
    ("About 100 Isis militants surrendered in Raqqa on Friday, a local official said.",
     ("Other", "Islamic State", "Raqqa")),
    ("The government and rebels reached a deal on Thursday to evacuate fighters from Daraa.",
     ("Agreement", SKIP, "Daraa")),
    ("A local official said on Monday a deal had been reached allowing the fighters to quit Raqqa.",
     ("Agreement", SKIP, "Raqqa")),
    ("Turkey deployed tanks to Idlib on Wednesday.",
     ("Change to group/activity", "Military Forces of Turkey", SKIP)),
    ("Russian military police were deployed in Manbij on Tuesday.",
     ("Change to group/activity", "Military Forces of Russia", "Manbij")),
    # A verb of moving with forces as its object is a troop movement, whatever the verb;
    # the weapons moved are not fired, and in the passive the forces moved are the actor.
    ("Turkey on Wednesday moved tanks and artillery up to its frontier posts.",
     ("Change to group/activity", "Military Forces of Turkey", SKIP)),
    ("The army rushed 300 more soldiers toward Deraa on Tuesday.",
     ("Change to group/activity", "Military Forces of Syria", SKIP)),
    ("Dozens of Hezbollah fighters were bussed out of the border area to Idlib on Monday.",
     ("Change to group/activity", "Hezbollah", "Idlib")),
    ("The Turkish military dispatched a column of armoured vehicles into Idlib on Sunday.",
     ("Change to group/activity", "Military Forces of Turkey", "Idlib")),
    ("The ministry sent a letter to the families of the soldiers on Monday.", None),
    # An agreement verb with an agreement noun as its object, or an agreement noun as the
    # subject of "came into force"; not the verb alone.
    ("Rebel commanders in Inkhil accepted a ceasefire on Sunday, a local council said.",
     ("Agreement", SKIP, "Inkhil")),
    ("A truce brokered by the UN came into force in Hodeidah on Tuesday.",
     ("Agreement", SKIP, "Hodeidah")),
    ("The Houthis and the government signed a prisoner swap accord in Stockholm on Thursday.",
     ("Agreement", "Houthi Movement", "Stockholm")),
    ("Talks on a ceasefire reached a dead end in Astana on Monday.", None),
    ("The accord on the prisoners' release was finally signed by both sides in Doha on Monday.",
     ("Agreement", SKIP, "Doha")),
    ("The minister signed a letter to the UN on Monday.", None),
    # Arms found or confiscated are taken out of use; a body found is no such thing.
    ("Kurdish police found a cache of explosives in a basement in Qamishli on Sunday.",
     ("Disrupted weapons use", SKIP, "Qamishli")),
    ("Villagers found the body of a shepherd near Qamishli on Sunday.", None),
    # A generic phrase ending in a weapon types the act by it.
    ("Government aircraft bombarded rebel positions in Idlib on Monday.",
     ("Air/drone strike", "Military Forces of Syria", "Idlib")),
    ("The singer moved to Berlin with his band in 2015.", None),
    ("Russian troops set up a base near Manbij on Monday.",
     ("Headquarters or base established", "Military Forces of Russia", "Manbij")),
    ("Shops in Afrin were looted on Sunday.", ("Looting/property destruction", SKIP, "Afrin")),
    # The act told in a relative clause of another sentence.
    ("Friends met in a Leeds church on Sunday to remember a photographer who was killed by "
     "Islamic State gunmen in Raqqa in September.", ("Attack", "Islamic State", "Raqqa")),
    ("Isis militants launched a guided missile toward a YPG post on Saturday.",
     ("Shelling/artillery/missile attack", "Islamic State", SKIP)),
    # Not acts: prevented, ended, an ability, what a victim was doing, a record.
    ("The deal is meant to end the fighting in the south near the Golan Heights.", None),
    ("To avert a clash between the two armies around Manbij, Washington asked the Kurds to "
     "leave.", None),
    ("Officials believe the group's ability to direct attacks in Europe has been crippled.",
     None),
    ("The two men were implicated in acts of torture and execution in Raqqa.", None),
    # Acts readied, and the war as a whole, are no incident.
    ("The minister said that preparations for the military assault against Tal Rifaat were finished.",
     None),
    ("During the war, government jets bombed dozens of hospitals in Idlib.", None),
    ("During the Iran-Iraq war, Iraqi jets gassed Kurdish towns.", None),
    ("Damascus now has time to end a conflict that began as a peaceful demonstration by "
     "students who wanted reform.", None),
    ("During the night, government jets bombed a hospital in Idlib on Monday.",
     ("Air/drone strike", "Military Forces of Syria", "Idlib")),
    # "for" a stretch of time is a campaign; "for" anything else is not.
    ("Government forces have shelled the town of Kafranbel for the past month.", None),
    # A period in an aside about the speaker sums up nothing the act's clause tells.
    ("The opposition, which has boycotted the talks since January, said on Monday that army "
     "helicopters dropped barrel bombs on Darayya.",
     ("Air/drone strike", "Military Forces of Syria", "Darayya")),
    ("Since January, army helicopters have dropped barrel bombs on Darayya.", None),
    # What an act was not like names no act.
    ("The blasts in Kirkuk were unlike suicide bombings in that the explosives were hidden in "
     "two carts.", None),
    ("Police in Homs detained two men for theft this week.", ("Arrests", SKIP, "Homs")),
    # A recent span of days is news; one of years a tally.
    ("Over the past week, Turkish troops shelled Kurdish positions near Afrin.",
     ("Shelling/artillery/missile attack", "Military Forces of Turkey", "Afrin")),
    ("Over the past years, Turkish troops shelled Kurdish positions near Afrin.", None),
    # What a protest raises awareness of does not locate it.
    ("Hundreds of Kurds protested in Manchester on Sunday. The rallies aimed to raise awareness "
     "of the offensive against the Kurdish-run district of Afrin.",
     ("Peaceful protest", SKIP, "Manchester")),
    # Counted and undated, a tally; people made into bombers, no bombing.
    ("There have been dozens of American air strikes on villages held by rebels in Idlib too.",
     None),
    ("US jets carried out dozens of airstrikes on Idlib on Monday.",
     ("Air/drone strike", "Military Forces of the United States", "Idlib")),
    ("Boys in Raqqa were trained to become suicide bombers.", None),
    # What a victim was doing is no clash of its own.
    ("A Danish volunteer fighting alongside Kurdish forces in Hajin has been killed, her "
     "commanders said.", None),
    ("He is the first Dane killed fighting alongside the Kurds in Syria.", None),
    ("Soldiers entered Tarsk on Monday, firing shots that left two dead and four injured, "
     "raping three women.", ("Sexual violence", SKIP, SKIP)),
    # Weapons held or banned, feelings shown.
    ("The war was averted when Damascus agreed to give up its chemical weapons arsenal in 2013.",
     None),
    ("In contrast to the outrage demonstrated around the world on Monday, Moscow blamed the "
     "rebels.", None),
    # Dying in a fire is an accident.
    ("His two cousins, who burned to death in a house fire, were buried in Idlib.", None),
    # Politicians clash in words.
    ("The defence minister clashed with the president over the withdrawal on Monday.", None),
    ("Ellwood clashed with the general's assessment that the group was beaten.", None),
    ("The British envoy, Jane Doe, clashed with Trump as well, noting that UK planes still fly "
     "over Syria.", None),
    # "The Islamic Republic" is Iran.
    ("Hundreds of people were arrested across the Islamic Republic on Monday.",
     ("Arrests", "Police Forces of Iran", SKIP)),
    # A fight with a crowd's weapons and no armed group named is a riot, not a battle.
    ("Clashes involving sticks and stones erupted between supporters of two parties in "
     "Tambara on Monday.", ("Mob violence", "Rioters", "Tambara")),
    ("Villagers of two clans exchanged punches and kicks during a clash in Tambara on Monday.",
     ("Mob violence", SKIP, "Tambara")),
    ("Rebels clashed with soldiers in Tambara on Monday.", ("Armed clash", SKIP, "Tambara")),
    # Someone hurt with blades or guns by a crowd's or a party's people is attacked.
    ("Ram Das was attacked with knives by party workers in Tambara on Monday.",
     ("Attack", SKIP, "Tambara")),
    # "in X Township": the place is X, as the town words after lower-case names.
    ("On Monday, in Kunlong Township, soldiers arrested eleven villagers.",
     ("Arrests", SKIP, "Kunlong")),
    # Stripping someone naked is sexual violence (ACLED); stripping a title is not.
    ("Militiamen stripped two women naked in Tambara on Monday.",
     ("Sexual violence", SKIP, "Tambara")),
    ("The government stripped two men of their citizenship on Monday.", None),
    ("The general was stripped of his rank on Monday.", None),
    # "in central X": X is the place; "Central Equatoria" is a name of its own.
    ("Gunmen killed two farmers in central Ngoro on Monday.", ("Attack", SKIP, "Ngoro")),
    ("Gunmen killed two farmers in Central Equatoria on Monday.",
     ("Attack", SKIP, "Central Equatoria")),
    # State forces that hit people told as demonstrating use force on a protest.
    ("A few youths protesting at a party function in Tambara on Monday were beaten up by the "
     "police.", ("Excessive force against protesters", SKIP, "Tambara")),
    ("A few youths were beaten up by the police in Tambara on Monday.",
     ("Attack", "Police Forces", "Tambara")),
    # A strike called by traders or a union is a labour strike, not an air strike.
    ("Shops shut in Tambara on Monday during a strike called by traders.", None),
    # Acts wished for or on the calendar did not happen.
    ("A rally is scheduled to take place in Tambara on Friday.", None),
    ("Farmers wish to protest in Tambara on Friday against the tax.", None),
    ("A protest is planned in Tambara on Friday.", None),
    ("A march is set for Friday in Tambara.", None),
    ("Rioters threw stones, set vehicles on fire and attacked the police in Tambara on Monday.",
     ("Mob violence", SKIP, "Tambara")),
    ("Clashes may have killed five people in Tambara on Friday.", ("Armed clash", SKIP, "Tambara")),
    # A verdict's charge is an old act retold from court, not news of it.
    ("A court in Tambara on Monday cleared the teacher of killing seven people in a bomb "
     "attack.", None),
    ("A court in Tambara on Monday convicted four men of the bombing of a market.", None),
    ("A soldier was sentenced in Tambara on Monday for raping a girl.", None),
    ("Villagers gathered at the court in Tambara on Monday for the trial of a suspect and "
     "stoned it.", ("Mob violence", SKIP, "Tambara")),
    ("Troops cleared the town of Tambara of militants after clashes on Monday.",
     ("Armed clash", SKIP, "Tambara")),
    # Deaths told of what a demonstration was against are not force used on it.
    ("Hundreds of residents protested in Tambara on Friday against the feud between two "
     "militias that left 30 people dead.", ("Peaceful protest", SKIP, "Tambara")),
    ("Students rallied in Tambara on Monday to denounce the ambush which killed 12 villagers.",
     ("Peaceful protest", SKIP, "Tambara")),
    ("Students rallied in Tambara on Monday against the fuel price and soldiers opened fire "
     "that killed 3 of them.", ("Excessive force against protesters", SKIP, "Tambara")),
    # People who block a road demonstrate, whoever they are; soldiers who do, do not.
    ("Villagers blocked the road in Tambara on Monday.",
     ("Violent demonstration", SKIP, "Tambara")),
    ("Soldiers blocked the road in Tambara on Monday.", None),
    # A killing told with a killer's motive is an attack; with none, a toll of another act.
    ("A girl was killed in Tambara on Monday allegedly over a land dispute.",
     ("Attack", SKIP, "Tambara")),
    ("A girl was killed in Tambara on Monday.", None),
    # A passive's doer: past how many they were, and past words of where and how; not a
    # "by" that tells whose area or school it was.
    ("A trader was abducted in Tambara on Monday by a group of Mai-Mai fighters.",
     ("Abduction/forced disappearance", "Mayi Mayi Militia", "Tambara")),
    ("A trader was killed in a gun attack by an unidentified gunman in Pattani on Monday.",
     ("Attack", "Unidentified Armed Group (Thailand)", "Pattani")),
    ("A nurse was abducted in Tambara on Monday by 4 Mai-Mai fighters.",
     ("Abduction/forced disappearance", "Mayi Mayi Militia", "Tambara")),
    ("A nurse was abducted near the clinic in Tambara on Monday by Mai-Mai fighters.",
     ("Abduction/forced disappearance", "Mayi Mayi Militia", "Tambara")),
    ("A nurse was abducted from her home in Tambara on Monday by Mai-Mai fighters.",
     ("Abduction/forced disappearance", "Mayi Mayi Militia", "Tambara")),
    ("Two nurses were abducted in Tambara on Monday in an area controlled by the Mai-Mai.",
     ("Abduction/forced disappearance", "Unidentified Armed Group (Democratic Republic of Congo)",
      "Tambara")),
    # People taken and killed in one clause are an attack with its dead; a killing told as
    # the motive, apart from the abduction, leaves it an abduction.
    ("Gunmen abducted and killed two traders in Tambara on Monday.",
     ("Attack", SKIP, "Tambara")),
    ("Militiamen raided Tambara on Monday to avenge the killing of a relative. They abducted "
     "nine villagers.", ("Abduction/forced disappearance", SKIP, SKIP)),
    # Sexual violence told as what people were subjected to, or as assaults in the plural.
    ("Ten detainees were subjected to sexual violence by UPC fighters in Mobaye on Monday.",
     ("Sexual violence", SKIP, "Mobaye")),
    ("Soldiers carried out sexual assaults on women in Labe on Monday.",
     ("Sexual violence", SKIP, "Labe")),
    # A name with a possessive is the same name written without its apostrophe.
    ("Peoples Protection Units fighters abducted 30 young men in Qamishli on Monday.",
     ("Abduction/forced disappearance", "People's Protection Units", "Qamishli")),
    # Taking people: told as a participle after the raid, or as holding them.
    ("Mai-Mai fighters raided a farm in Tambara on Monday, abducting four labourers.",
     ("Abduction/forced disappearance", "Mayi Mayi Militia", "Tambara")),
    ("Two engineers were held hostage by Mai-Mai fighters in Tambara on Monday.",
     ("Abduction/forced disappearance", "Mayi Mayi Militia", SKIP)),
    ("Soldiers held hostage in Hajin were exchanged in return for food on Tuesday.",
     ("Agreement", SKIP, "Hajin")),
    # A killing verb of full strength names the act even with no killer named; the bare
    # "killed" stays a toll.
    ("A ward councillor was murdered in Tambara on Monday.", ("Attack", SKIP, "Tambara")),
    ("A tea seller was shot and injured near the bus stand in Tambara on Monday.",
     ("Attack", SKIP, "Tambara")),
    # A crowd-size tag after the report ("[size=no report]") negates nothing.
    ("Residents staged a protest in Tambara on Monday. Police pacified the protesters. "
     "[size=no report]", ("Protest with intervention", SKIP, "Tambara")),
    # People arrested and taken to an unknown destination are disappeared (ACLED).
    ("Soldiers arrested ten men in Tambara on Monday and took them to an unknown destination.",
     ("Abduction/forced disappearance", SKIP, "Tambara")),
    ("Soldiers arrested ten men in Tambara on Monday.", ("Arrests", SKIP, "Tambara")),
    # Words that only look like a protest: people sitting, people scattering by themselves.
    ("We sit in the courtyard every evening in Mosul, the widow said on Monday.", None),
    ("Teachers held a sit-in outside the ministry in Baghdad on Monday.",
     ("Peaceful protest", SKIP, "Baghdad")),
    ("A general said that many of the gunmen had dispersed before the troops reached Hajin.",
     None),
    ("The gunmen dispersed into the desert near Hajin on Monday.", None),
    ("Police dispersed the crowd in Basra on Monday.",
     ("Protest with intervention", SKIP, "Basra")),
    # A demonstration that turned violent is one violent demonstration, its dispersal told
    # apart included.
    ("Farmers marched to the mill in Tambara on Monday. They hurled stones at the guards. "
     "Police fired tear gas to disperse them.", ("Violent demonstration", SKIP, "Tambara")),
    # Destruction by the people a protest told just before is that protest turned violent;
    # a riot told again right after is the same riot.
    ("Traders protested against a new tax in Tambara on Monday. They vandalised the "
     "municipal office.", ("Violent demonstration", SKIP, "Tambara")),
    ("Students clashed with police during a protest in Tambara on Monday. Later the "
     "protesters threw stones at the police station.",
     ("Violent demonstration", SKIP, "Tambara")),
    # Destruction told in the passive at a protest is the demonstrators' own.
    ("A minibus was set alight during a protest over water cuts in Tambara on Monday.",
     ("Violent demonstration", SKIP, "Tambara")),
    # A raid that killed no one, told with the abduction it was the means of, is that
    # abduction.
    ("Armed men ambushed a group of fishermen near Tambara on Monday, looting their catch. "
     "Five of the fishermen were abducted.",
     ("Abduction/forced disappearance", SKIP, "Tambara")),
    # A clash of people that killed no one, told with the stones they threw, is that riot.
    ("On Monday, twelve members of two rival unions were injured during a clash in Tambara "
     "village. Both groups pelted stones at each other.", ("Mob violence", SKIP, "Tambara")),
    # A riot with no demonstration told, whose crowd fought rivals or beat people, is mob
    # violence; rioters who burn a mill stay a violent demonstration.
    ("Two rioting factions of the traders' union clashed in Tambara on Monday over control "
     "of the market.", ("Mob violence", SKIP, "Tambara")),
    ("Rioting youths beat up a reporter in Tambara on Monday.", ("Mob violence", SKIP, "Tambara")),
    ("On Monday, rioting supporters of the two candidates clashed at the polling station in "
     "Tambara.", ("Mob violence", SKIP, "Tambara")),
    ("Rioting farmers set fire to the mill in Tambara on Monday.",
     ("Violent demonstration", SKIP, "Tambara")),
    # Rivals who clash with no armed group named nor arms told are a mob, not a battle.
    ("Two factions of the transport union clashed in Tambara on Monday over control of the "
     "bus stand.", ("Mob violence", SKIP, "Tambara")),
    ("Two rival militias clashed in Tambara on Monday.", ("Armed clash", SKIP, "Tambara")),
    ("On Monday, Sri Sena (SS) and Lingayat Sabha (LS) members clashed in Tambara after the "
     "cabinet decision.", ("Mob violence", SKIP, "Tambara")),
    # A fire set with words between the verb and "alight", "ablaze" or "on fire": a crowd's
    # riot (burning tyres a violent demonstration); "set" with no such word is no act.
    ("Angry villagers set two buses alight in Tambara on Monday after a road accident.",
     ("Mob violence", SKIP, "Tambara")),
    ("On Monday, villagers set the forest office on fire in Tambara after a leopard killed a "
     "goat.", ("Mob violence", SKIP, "Tambara")),
    ("Protesters set tyres alight outside the municipal office in Tambara on Monday.",
     ("Violent demonstration", SKIP, "Tambara")),
    ("The council set a deadline for the traders in Tambara on Monday.", None),
    # The looting told in the abduction's own sentence is its means, though placed apart.
    ("On Monday, rebels stopped a truck carrying food to an army post, set it on fire, and "
     "kidnapped the driver in Kirawa village of Borno state's Bama district.",
     ("Abduction/forced disappearance", SKIP, "Kirawa")),
    # Violence told between a demonstration and its dispersal, in a sentence of no act of its
    # own, is the demonstrators'.
    ("Traders protested against a new tax in Tambara on Monday. Some of them damaged the gate "
     "of the municipal office. Police dispersed them with batons.",
     ("Violent demonstration", SKIP, "Tambara")),
    # Demonstrators who force shops shut or scuffle with the police were violent.
    ("Traders staged a protest in Tambara on Monday and forced shopkeepers to close their "
     "shops.", ("Violent demonstration", SKIP, "Tambara")),
    ("Nurses protested outside the hospital in Tambara on Monday and scuffled with the "
     "police.", ("Violent demonstration", SKIP, "Tambara")),
    # What a mob or rioters destroy, damage or smash is their riot; demonstrators', a violent
    # demonstration.
    ("Rioters damaged two buses at the depot in Tambara on Monday.",
     ("Mob violence", SKIP, "Tambara")),
    ("On Monday, demonstrators smashed the windows of the municipal office in Tambara.",
     ("Violent demonstration", SKIP, "Tambara")),
    # A brawl, and a beating by people told after 'beaten by', are a mob's.
    ("A brawl broke out between two groups of traders at the market in Tambara on Monday.",
     ("Mob violence", SKIP, "Tambara")),
    ("A farmer was beaten by his neighbours in Tambara on Monday over a land dispute.",
     ("Mob violence", SKIP, "Tambara")),
    # What people protesting against something did after it (an irregular past verb) is
    # their act, not what they protested.
    ("Students protesting against the new fees threw stones at a bus in Tambara on Monday.",
     ("Violent demonstration", SKIP, "Tambara")),
    # Burning tyres at a protest makes it a violent demonstration (ACLED's codebook).
    ("Traders demonstrated in Tambara on Monday by burning old tyres outside the municipal "
     "office.", ("Violent demonstration", SKIP, "Tambara")),
    # The arrests that followed a mob's violence are that riot, not arrests apart.
    ("A mob beat a man to death on suspicion of theft in Tambara on Monday. Police arrested "
     "four people.", ("Mob violence", SKIP, "Tambara")),
    # Arrests of people told as demonstrating, before or after the arrest, are the
    # demonstration's intervention.
    ("On Monday, police in Tambara detained some forty dock workers who were protesting "
     "unpaid wages.", ("Protest with intervention", SKIP, SKIP)),
    ("On Monday, nurses were protesting outside the hospital in Tambara when police arrested "
     "twelve of them.", ("Protest with intervention", SKIP, "Tambara")),
    ("On Monday, police in Tambara detained five teachers taking part in a hunger strike "
     "outside the district office.", ("Protest with intervention", SKIP, SKIP)),
    ("Teachers staged a protest in Tambara on Monday and some of them were detained by police.",
     ("Protest with intervention", "Protesters", "Tambara")),
    # The police blocking or halting a demonstration's people is its intervention.
    ("Nurses protested outside the assembly in Tambara on Monday. Police blocked the protesters "
     "near the bridge.", ("Protest with intervention", SKIP, "Tambara")),
    ("Refugees staged a protest in Tambara on Monday. When they tried to march through the "
     "town, they were stopped by police.", ("Protest with intervention", SKIP, "Tambara")),
    ("Nurses marched to the assembly in Tambara on Monday but police stopped their march at "
     "the bridge.", ("Protest with intervention", SKIP, "Tambara")),
    ("Police stopped a truck carrying cattle near Tambara on Monday.", None),
    ("Teachers marched towards the secretariat in Tambara on Monday but were blocked by police "
     "near the bridge.", ("Protest with intervention", SKIP, "Tambara")),
    ("On Monday police halted the marchers at the gate of the governor's house in Tambara, "
     "where they had gathered to demand clean water.",
     ("Protest with intervention", SKIP, "Tambara")),
    # Stopped from going on, suppressed, not allowed: the police's act on a demonstration.
    ("Nurses held a protest march in Tambara on Monday. The police stopped them from reaching "
     "the minister's office.", ("Protest with intervention", SKIP, "Tambara")),
    ("Soldiers suppressed a march of farmers in Tambara on Monday.",
     ("Protest with intervention", SKIP, "Tambara")),
    ("Teachers gathered in Tambara on Monday to protest unpaid wages. Police did not allow the "
     "protesters to enter the square.", ("Protest with intervention", SKIP, "Tambara")),
    ("Border guards stopped them from crossing into Tambara on Monday.", None),
    # A clash between a party's people is a riot; armed units using their weapons fight one.
    ("Cadres of the Liberty Party and the Unity Party clashed in Tambara on Monday.",
     ("Mob violence", SKIP, "Tambara")),
    ("Two Liberty Party canvassers were injured in a clash with Unity Party canvassers in "
     "Tambara on Monday.", ("Mob violence", SKIP, "Tambara")),
    ("Fighters of the Hamza Division clashed with members of the Sultan Brigade in Tambara on "
     "Monday, using medium weapons.", ("Armed clash", SKIP, "Tambara")),
    # A bomb attack is a bombing, unless a weapon says who dropped or threw it.
    ("A double bomb attack killed 31 people in the town of Tambara on Monday.",
     ("Remote explosive/landmine/IED", SKIP, "Tambara")),
    ("A bomb attack hit a bus convoy outside Tambara on Monday, killing 12 people.",
     ("Remote explosive/landmine/IED", SKIP, "Tambara")),
    ("The district of Tambara was hit by a vacuum bomb attack on Monday, killing five.",
     ("Air/drone strike", SKIP, "Tambara")),
    ("Rioters launched petrol bomb attacks on the riot police in Tambara on Monday.",
     ("Mob violence", SKIP, "Tambara")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=[r[0][:40] for r in ROWS])
def test_report_language(text, expected):
    found = extract(text, PUB).events
    if expected is None:
        assert found == [], [(e.sub_event_type, e.quote) for e in found]
        return
    assert len(found) == 1, [(e.sub_event_type, e.actor1, e.place) for e in found]
    got = (found[0].sub_event_type, found[0].actor1, found[0].place)
    assert all(want is SKIP or want == have for want, have in zip(expected, got, strict=True)), got


@pytest.mark.parametrize(
    "text",
    [
        "The suspect was found guilty of planting bombs in Lahore on Monday.",
        "Police found the bodies of three men in Peshawar on Monday.",
        "Relatives feared the militants would raid the house and find the laptops and phones.",
    ],
)
def test_no_weapon_made_safe(text):
    """A verdict, bodies found and devices that are no weapons: nothing disrupted."""
    assert "Disrupted weapons use" not in [e.sub_event_type for e in extract(text, PUB).events]


def test_a_country_inside_a_name_is_not_the_country_of_the_act():
    (ev,) = extract("A pipe bomb exploded on the Jersey Shore on Saturday.", PUB).events
    assert "Jersey" not in (ev.actor1 or "") and "Jersey" not in (ev.actor2 or "")


def test_a_gangs_home_is_not_the_reports_country():
    text = (
        "Police in Chiang Mai arrested two members of a smuggling gang based in China on "
        "Monday. The Thai authorities said the men had crossed from Laos."
    )
    assert "China" not in " ".join(e.actor1 or "" for e in extract(text, PUB).events)


def test_a_user_weapons_row_sets_the_type_of_a_generic_attack(tmp_path):
    (tmp_path / "weapons.csv").write_text(
        "phrase,class,role,sub_event_type\nquadcopter,drone,modifier,Remote explosive/landmine/IED\n",
        encoding="utf-8",
    )
    text = "Militants attacked a checkpoint near Tal Tamr with a quadcopter on Monday."
    (ev,) = extract(text, PUB, (), [str(tmp_path)]).events
    assert ev.sub_event_type == "Remote explosive/landmine/IED"


@pytest.mark.parametrize(
    "row, text, packaged, yours",
    [
        # A modifier: "drone" makes "attacked" an air strike, unless your row says otherwise.
        ("drone,drone,modifier,Remote explosive/landmine/IED",
         "Militants attacked a checkpoint near Tal Tamr with a drone on Monday.",
         "Air/drone strike", "Remote explosive/landmine/IED"),
        # A weapon that is itself the attack word.
        ("mortars,mortar,trigger,Grenade",
         "Mortars hit the market in Tal Tamr on Monday, killing three people.",
         "Shelling/artillery/missile attack", "Grenade"),
    ],
)  # fmt: skip
def test_a_user_weapons_row_for_a_packaged_weapon_is_never_overridden(
    tmp_path, row, text, packaged, yours
):
    """Issue 10: the type in your weapons.csv row wins over the packaged row and over
    anything the code knows of the weapon's class."""
    assert [e.sub_event_type for e in extract(text, PUB).events] == [packaged]
    (tmp_path / "weapons.csv").write_text(
        f"phrase,class,role,sub_event_type\n{row}\n", encoding="utf-8"
    )
    assert [e.sub_event_type for e in extract(text, PUB, (), [str(tmp_path)]).events] == [yours]


@pytest.mark.parametrize(
    "text",
    [
        "Israel, which captured the plateau in 1967, put its troops on alert on Tuesday.",
        "The wave of arrests after the abortive 2016 putsch angered European capitals.",
    ],
)
def test_an_old_year_beside_the_act_makes_it_background(text):
    assert [e.sub_event_type for e in extract(text, PUB).events] in (
        [],
        ["Change to group/activity"],
    )


def test_seizing_control_from_a_side_is_ground_not_an_arrest():
    (ev,) = extract("Turkish-backed rebels swept into Afrin on Sunday, seizing control from "
                    "Kurdish forces.", PUB).events  # fmt: skip
    assert ev.sub_event_type == "Non-state actor overtakes territory"


def _acts(text):
    return sorted(
        (e.sub_event_type, e.actor1 or "", e.actor2 or "")
        for e in extract(text, PUB).events
        if e.standalone
    )


def test_an_interception_told_after_a_strike_is_the_defenders_act():
    # The strike is Israel's; "its air defences" (the army's) stopped the missiles.
    text = ("Israeli jets struck an arms depot outside Homs on Monday, the army said, adding "
            "that its air defences intercepted most of the missiles.")  # fmt: skip
    assert _acts(text) == [
        ("Air/drone strike", "Military Forces of Israel", ""),
        ("Disrupted weapons use", "", "Military Forces of Israel"),
    ]


def test_the_side_that_intercepts_is_not_the_one_whose_missiles_it_stopped():
    text = ("Israeli warplanes struck an airbase near Hama on Sunday and Syrian air defences "
            "shot down six missiles.")  # fmt: skip
    stopped = [a for a in _acts(text) if a[0] == "Disrupted weapons use"]
    assert stopped == [
        ("Disrupted weapons use", "Military Forces of Syria", "Military Forces of Israel")
    ]


def test_missiles_that_were_intercepted_stay_one_act():
    text = "Houthi rebels fired two ballistic missiles at Jizan on Friday that were intercepted."
    assert [a[:2] for a in _acts(text)] == [("Disrupted weapons use", "Houthi Movement")]


def test_a_place_named_before_stands_for_these_last_strongholds():
    text = (
        "Kurdish-led forces fought for weeks in Raqqa. After weeks of street battles, these "
        "final strongholds fell to the Kurds last week."
    )
    assert "Raqqa" in [e.place for e in extract(text, PUB).events]
