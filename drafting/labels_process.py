"""The words of what the process needs beside the drafts, per language: agreed language remarks, the
follow-up checklist, contributions of observers and civil society (merged into ``labels.LABELS``)."""

from __future__ import annotations

PROCESS_LABELS: dict[str, dict[str, str]] = {}

# Agreed language and the follow-up checklist:
#   remark.reuses / remark.alters   the secretariat's comment on a proposal that takes up a precedent's
#                                   wording, or changes a clause recorded as agreed language ({source}:
#                                   the instrument's title and the paragraph's reference)
#   kind.follow-up                  the status label of the follow-up checklist
#   followup.<column>               its columns: number, text, actors, deadline, indicator, status (and
#                                   in CSV section and heading)
PROCESS_LABELS.update({
    "remark.reuses": {
        "en": "Reuses agreed language of {source}",
        "es": "Retoma lenguaje acordado de {source}",
        "pt": "Retoma linguagem acordada de {source}",
        "fr": "Reprend un libellé agréé de {source}",
    },
    "remark.alters": {
        "en": "Alters agreed language of {source}",
        "es": "Modifica lenguaje acordado de {source}",
        "pt": "Altera linguagem acordada de {source}",
        "fr": "Modifie un libellé agréé de {source}",
    },
    "kind.follow-up": {
        "en": "Follow-up checklist",
        "es": "Lista de seguimiento",
        "pt": "Lista de acompanhamento",
        "fr": "Liste de suivi",
    },
    "followup.number": {"en": "No.", "es": "N.º", "pt": "N.º", "fr": "N°"},
    "followup.text": {"en": "Commitment", "es": "Compromiso", "pt": "Compromisso", "fr": "Engagement"},
    "followup.actors": {"en": "Actors", "es": "Actores", "pt": "Atores", "fr": "Acteurs"},
    "followup.deadline": {"en": "Deadline", "es": "Plazo", "pt": "Prazo", "fr": "Échéance"},
    "followup.indicator": {"en": "Indicator", "es": "Indicador", "pt": "Indicador", "fr": "Indicateur"},
    "followup.status": {"en": "Status", "es": "Estado", "pt": "Situação", "fr": "État"},
    "followup.section": {"en": "Section", "es": "Sección", "pt": "Seção", "fr": "Section"},
    "followup.heading": {"en": "Programme", "es": "Programa", "pt": "Programa", "fr": "Programme"},
})

# Contributions of observers, organizations and civil society (never tracked changes of the text):
#   contributions.title        the heading of their part in compilation and synoptic drafts
#   contributions.note         the line under it: what a contribution is and how it enters the text
#   contributions.sponsored    under a contribution a state took up: "Sponsored by {names} ({ids})"
#   contributions.sponsoring   in the comment of the state's amendment: "Sponsoring {id} of {contributor}"
PROCESS_LABELS.update({
    "contributions.title": {
        "en": "Contributions of observers and civil society",
        "es": "Contribuciones de observadores y de la sociedad civil",
        "pt": "Contribuições de observadores e da sociedade civil",
        "fr": "Contributions des observateurs et de la société civile",
    },
    "contributions.note": {
        "en": "Proposals of observers, international organizations and civil society are not part of the text; "
              "a State may take one up by sponsoring it.",
        "es": "Las propuestas de observadores, organizaciones internacionales y de la sociedad civil no forman "
              "parte del texto; un Estado puede hacerlas suyas patrocinándolas.",
        "pt": "As propostas de observadores, organizações internacionais e da sociedade civil não fazem parte do "
              "texto; um Estado pode torná-las suas patrocinando-as.",
        "fr": "Les propositions des observateurs, des organisations internationales et de la société civile ne "
              "font pas partie du texte\u00a0; un État peut les reprendre à son compte en les parrainant.",
    },
    "contributions.sponsored": {
        "en": "Sponsored by {names} ({ids})",
        "es": "Patrocinada por {names} ({ids})",
        "pt": "Patrocinada por {names} ({ids})",
        "fr": "Parrainée par {names} ({ids})",
    },
    "contributions.sponsoring": {
        "en": "Sponsoring {id} of {contributor}",
        "es": "Patrocina {id} de {contributor}",
        "pt": "Patrocina {id} de {contributor}",
        "fr": "Parraine {id} de {contributor}",
    },
})
