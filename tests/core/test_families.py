"""Table tests per family: real-world phrasings, written by hand. Positives give the family and CAMEO code
expected; negatives contain a trigger word of the family and must yield no row of that family."""
from __future__ import annotations

import pytest

from tests.core.conftest import code_text

AIRSTRIKE_POS = [
    ("On Wednesday, Russia launched its first airstrikes in three months on a rebel-held area of northwestern Syria.", "195"),
    ("Israeli warplanes struck Hamas positions in the southern Gaza Strip overnight, the army said.", "195"),
    ("A US drone strike killed three al-Shabaab fighters near Jilib on Sunday.", "1952"),
    ("Seven civilians were killed by a NATO airstrike in the Badrok area of Chaghcharan city, Ghor.", "195"),
    ("Saudi-led coalition jets bombed a market in Saada province, killing at least 12 people.", "195"),
    ("Turkish drones targeted a PKK hideout in the Qandil mountains, the defence ministry said.", "1952"),
    ("Sudanese army aircraft carried out air raids on RSF positions in Khartoum North on Tuesday.", "195"),
    ("Nigerian Air Force jets pounded Boko Haram camps in the Sambisa forest.", "195"),
    ("Officials said helicopter gunships opened fire on militants who had stormed the checkpoint.", "195"),
    ("An airstrike by Afghan military forces killed 5 Taliban militants in Nad Ali district, Helmand.", "195"),
    ("Ethiopian military drones struck a busy market in Tigray, killing dozens.", "1952"),
    ("The Myanmar military conducted airstrikes on villages controlled by the Arakan Army.", "195"),
    ("Egyptian military forces conducted airstrikes targeting Islamic State militants in Rafah.", "195"),
    ("Houthi positions were hit by coalition air strikes overnight, residents said.", "195"),
    ("French Barkhane fighter jets struck a convoy of JNIM militants near Boulkessi.", "195"),
    ("Russian and regime planes bombed the town of Ariha, killing four civilians.", "195"),
    ("Israeli drones struck a car in southern Lebanon, killing two Hezbollah members.", "1952"),
]

AIRSTRIKE_NEG = [
    "Russia threatened airstrikes on rebel-held areas if the convoy was attacked.",
    "No airstrikes were reported in the province on Monday.",
    "The government denied carrying out the airstrike on the wedding party.",
    "Regime artillery shelled the outskirts of Idlib city on Tuesday.",
    "Rebels shot down a regime helicopter over Nairab.",
    "The US could launch airstrikes against the militia if attacks continue.",
    "Would Washington order airstrikes on Iranian soil?",
    "Russian and regime planes have been flying over rebel-held areas on a regular basis.",
    "The opposition called for airstrikes against the jihadists.",
    "Residents fled following airstrikes last year, and have not returned.",
    "The Pentagon is considering airstrikes on militia targets in Iraq.",
    "Militants attacked an army base with mortars and rockets.",
    "Gunmen bombed a church in the city, killing five worshippers.",
    "Officials warned that the air force may strike again within days.",
    "Anti-aircraft batteries fired at drones over the capital but no damage was reported.",
    "The ministry said it plans to expand drone strikes against smugglers.",
]

TROOP_POS = [
    ("On Thursday, the Turkish army set up four new positions in villages in Idlib province.", "154"),
    ("Syrian regime troops and allied Iranian militias mass in the south of the province.", "154"),
    ("Turkey has been reinforcing its military presence in Idlib.", "154"),
    ("The Pentagon deployed 3,000 additional troops to the Middle East on Friday.", "154"),
    ("Russia sent military police to the town of Saraqib after the agreement.", "154"),
    ("Kenya Defence Forces were deployed to Lamu county to hunt al-Shabaab militants.", "154"),
    ("Two Turkish military convoys entered Idlib via the Kafr Lusin border crossing.", "154"),
    ("Saudi-led coalition reinforcements reached the coalition base in Marib.", "154"),
    ("Israeli forces established a military observation post overlooking the town of Houla.", "154"),
    ("India rushed additional troops to the Line of Actual Control in Ladakh.", "154"),
    ("Russian military police conducted a patrol in the countryside of Darbasiyah.", "150"),
    ("A contingent of the Kenya army was put on standby around Mandera town.", "152"),
    ("Mali's junta dispatched soldiers to the town of Menaka after the attack.", "154"),
    ("Israel has strengthened its forces in Lebanon, military sources said.", "154"),
    ("The army deployed tanks and armoured vehicles along the border with Gaza.", "154"),
    ("US forces sent a new military column to their base in Qasrak.", "154"),
    ("India has moved an additional 50,000 troops to its border with China, officials said.", "154"),
]

TROOP_NEG = [
    "No troops were deployed to the area despite the unrest.",
    "The United States plans to deploy 2,000 troops to Poland next year.",
    "The two countries could jointly patrol the M4 highway.",
    "Russia warned it would deploy troops if NATO expanded further.",
    "The government denied deploying soldiers to the border region.",
    "Parliament approved the deployment of peacekeepers to Haiti.",
    "There were currently 25,000 Turkish soldiers in Idlib province.",
    "Would the army be deployed to the capital if protests continue?",
    "Police were deployed to stop the protesters from reaching parliament.",
    "The ministry sent a letter to the UN about the border incident.",
    "The United States has withdrawn its troops from northern Syria.",
    "The army may send reinforcements to the region next week.",
    "Officials said troops will be deployed after the elections.",
    "The president ordered troops to prepare for a possible deployment.",
    "Aid convoys entered the besieged town on Monday.",
    "The government sent medical teams and food aid to the flooded province.",
    "Russia massed more than 100,000 troops near Ukraine's border in recent months.",
    "Police set up checkpoints on all roads leading into the city ahead of the rally.",
]

ROAD_POS = [
    ("Protesters, believed to be linked to HTS, have blocked the road and stalled the patrols.", "144"),
    ("Farmers blocked the Kurukshetra-Saharanpur highway on Thursday to demand higher prices.", "144"),
    ("Truck drivers blocked roads at the weighbridge to protest unfair treatment.", "144"),
    ("Residents burned tyres and blocked roads in Kibera in support of Odinga.", "144"),
    ("Traders protested in Ben Gardane and blocked the national route 1.", "144"),
    ("Rioters blocked the main road in Halba with burning tyres and rubbish bins.", "144"),
    ("Students staged a protest by blocking a commuter train at the junction.", "144"),
    ("Youths barricaded the Nairobi-Nakuru highway, paralysing traffic for hours.", "144"),
    ("Dockers partially blocked km 9 and 10 of national route 11.", "144"),
    ("Villagers blocked the road with logs and stones after the killing.", "144"),
    ("Al-Shabaab militants blocked the main road between Baidoa and Mogadishu.", "191"),
    ("Soldiers sealed off roads leading to the presidential palace.", "191"),
    ("Supporters of the opposition blocked the Jessore-Benapole road for one hour.", "144"),
    ("Thousands of demonstrators blocked traffic on the main bridge in the capital.", "144"),
    ("Taxi drivers set up roadblocks on the main roads into the city centre.", "144"),
]

ROAD_NEG = [
    "Calls to block the road went unheeded on Monday.",
    "The road was reopened after police removed the barricades.",
    "Protesters threatened to block the highway if their demands were not met.",
    "Unions plan to block major roads next week.",
    "Police cleared the blockade on the main road on Tuesday.",
    "Demonstrators did not block the road this time, organisers said.",
    "The court blocked the sale of the company.",
    "Regulators blocked access to the website across the country.",
    "The senate blocked the bill on Thursday.",
    "Would truckers block the highways again if fuel prices rise?",
    "The opposition denied blocking roads during the strike.",
    "A landslide blocked the road after heavy rain.",
    "The government lifted the blockade of the port city.",
    "Activists may block roads across the state tomorrow.",
    "Security forces prevented protesters from blocking the road.",
]


@pytest.mark.parametrize("text,cameo", AIRSTRIKE_POS)
def test_airstrike_positive(text, cameo):
    rows = [r for r in code_text(text) if r["event_family"] == "AIRSTRIKE"]
    assert len(rows) == 1, code_text.explain(text)
    assert rows[0]["cameo_code"] == cameo
    assert rows[0]["sub_event_type"] == "Air/drone strike"


@pytest.mark.parametrize("text", AIRSTRIKE_NEG)
def test_airstrike_negative(text):
    assert [r for r in code_text(text) if r["event_family"] == "AIRSTRIKE"] == [], code_text.explain(text)


@pytest.mark.parametrize("text,cameo", TROOP_POS)
def test_troop_positive(text, cameo):
    rows = [r for r in code_text(text) if r["event_family"] == "TROOP_DEPLOYMENT"]
    assert len(rows) == 1, code_text.explain(text)
    assert rows[0]["cameo_code"] == cameo
    assert rows[0]["event_type"] == "Strategic developments"


@pytest.mark.parametrize("text", TROOP_NEG)
def test_troop_negative(text):
    assert [r for r in code_text(text) if r["event_family"] == "TROOP_DEPLOYMENT"] == [], code_text.explain(text)


@pytest.mark.parametrize("text,cameo", ROAD_POS)
def test_road_positive(text, cameo):
    rows = [r for r in code_text(text) if r["event_family"] == "ROAD_BLOCKADE"]
    assert len(rows) == 1, code_text.explain(text)
    assert rows[0]["cameo_code"] == cameo


@pytest.mark.parametrize("text", ROAD_NEG)
def test_road_negative(text):
    assert [r for r in code_text(text) if r["event_family"] == "ROAD_BLOCKADE"] == [], code_text.explain(text)
