"""The spaCy pipeline is described by config.cfg and round-trips through nlp.to_disk / spacy.load."""
from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

from pipeline.nlp import project_components

TEXTS = [
    ("2019-05-02", "Länsstyrelsen i Kronobergs län beviljar 2,5 miljoner kronor till Växjö kommun för "
                   "integrationsarbete under 2019. – Vi är glada, säger Lena Ek, projektledare i Växjö kommun.\n"),
    ("2021-03-15", "Så här fördelas pengarna:\n\nABF Flen – 190 000 kronor\nIGETEGO förening – 65 000 kronor\n\n"
                   "Kontakt: Amira Haddad, integrationssamordnare, 0701-23 45 67. Den 6 april startar kursen.\n"),
]

# What is compared, defined once for this process and the fresh one.
EXTRACT = """
def extract(doc):
    ents = [(e.start_char, e.end_char, e.label_, e._.normalized, e._.role, e._.affiliation, e._.date,
             e._.amount_sek) for e in doc.ents]
    return json.loads(json.dumps([ents, doc._.grants]))
"""
# Runs in a process that never imports pipeline itself: spaCy must find the factories.
LOAD_AND_RUN = """
import json, sys
import spacy
nlp = spacy.load(sys.argv[1])
out = []
for published, text in json.loads(sys.argv[2]):
    doc = nlp.make_doc(text)
    doc._.published = published
    out.append(extract(nlp(doc)))
print(json.dumps({"pipes": nlp.pipe_names, "docs": out}))
"""
namespace = {"json": json}
exec(EXTRACT, namespace)
extract = namespace["extract"]


def test_the_pipeline_has_the_components_of_config_cfg_in_order(nlp):
    assert tuple(nlp.pipe_names) == project_components()
    assert nlp.get_pipe_config("pressmine_people")["roles"] == "roles.txt"  # data files are settings


def test_a_saved_pipeline_loads_with_spacy_load_in_a_fresh_process_and_gives_the_same_results(nlp, tmp_path):
    expected = []
    for published, text in TEXTS:
        doc = nlp.make_doc(text)
        doc._.published = published
        expected.append(extract(nlp(doc)))
    assert expected[0][1] and expected[1][1]  # grants found in both texts: the comparison says something
    nlp.to_disk(tmp_path / "pipeline")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    script = "import json\n" + EXTRACT + LOAD_AND_RUN
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "pipeline"), json.dumps(TEXTS)],
                            capture_output=True, text=True, cwd=tmp_path, env=env, check=True)
    loaded = json.loads(result.stdout)
    assert loaded["pipes"] == list(project_components())
    assert loaded["docs"] == expected


def test_a_setting_changed_in_the_config_is_what_the_component_uses(nlp, tmp_path):
    words = Path(tmp_path / "grant_verbs.json")
    from pipeline.resources import read_json

    vocabulary = copy.deepcopy(read_json("grant_verbs.json"))  # the loaded data is shared: never changed
    vocabulary["give"] = [v for v in vocabulary["give"] if v != "beviljar"]
    words.write_text(json.dumps(vocabulary), encoding="utf-8")
    import spacy

    other = spacy.blank("sv")
    for name in project_components():
        settings = dict(nlp.get_pipe_config(name))
        if name == "pressmine_grants":
            settings["vocabulary"] = str(words)
        other.add_pipe(settings.pop("factory"), name=name, config=settings)
    text = "Länsstyrelsen i Kronobergs län beviljar 2 miljoner kronor till Växjö kommun."
    assert len(nlp(text)._.grants) == 1
    assert other(text)._.grants == []  # "beviljar" is no transfer verb in that vocabulary
