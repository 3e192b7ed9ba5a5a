"""Names of the span groups the components leave for the dataset stage.

Kept apart from the components so that the dataset stage can read them without
importing spaCy: a build whose results all come from the cache never loads it.
"""

# LOC spans over a body's name that the text also uses as a place ("bor i Trosa kommun"),
# written as a second entity row beside the body's ORG row (pipeline.nlp.places).
ALSO_PLACES_KEY = "also_places"
