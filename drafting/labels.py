"""The words drafts print around the negotiated text, in es, en, pt and fr: data only.

``render.i18n`` prints them (other languages fall back to en); ``ingest`` recognises the status labels
in a Word file a delegation returns, so that they are never read as clause text.

Keys of ``LABELS`` ({placeholders} are filled from ``**kw``):

=============================  =====================================================================
``page``                       "Page {x} of {y}"
``page.word`` / ``page.of``    the two words of the footer's page counter: "Page", "of"
``original``                   "Original: {language}" (French puts a space before the colon)
``lang.<code>``                language names (es, en, pt, fr, ar, ru, zh) in the draft's language
``kind.clean``                 "Clean text"
``kind.compilation``           "Compilation text"
``kind.changes``               "Changes since {version}"
``kind.synoptic``              "Synoptic table"
``header.status``              "{status} — {language}": the right-hand side of the page header
``title.version_status``       "{version} — {status}": the line under the title
``generated``                  "Generated {when}"
``status.<clause status>``     pending (""), agreed-in-informals, agreed-ad-ref, agreed, held
``awaiting_translation``       "[Awaiting translation]"
``alt``                        "Alt." (label of an alternative proposal: "Alt. 1")
``synoptic.number`` ...        column headers: number, base ("Text of {version}"), text, proposal,
                               proponents, status, comments
``amendment.<status>``         submitted, accepted, modified, merged, accommodated, rejected, withdrawn
``secretariat``                "Secretariat" (author of changes no amendment explains)
``quote``                      quotation marks around a proposal's words: “{text}”, «{text}»
``proposal.<op>[.<where>]``    what a proposal says, in words: "replace {old} with {new}", ...
``proposal_in``                "Proposal in {language} by {author}: {what}" (not translated)
``proposal_by``                "Proposal by {author}: {what}"
``stale``                      a proposal whose words are no longer in the clause
``not_found``                  a proposal whose clause is not in this text
``supported_by`` ...           "Supported by: {names}.", ``objected_by`` "Objection: {names}."
``reanchored``                 "Re-anchored in the current text: {reason}"
``alt.tag`` / ``alt.plain``    "Alt. {n} – {author}: " / "Alt. {n}: " (an alternative under its clause)
``tag.*``                      words of the proponent tags: comment, moved here, support, objection
``working``                    "Working draft — compiled {when}" (the date line of a draft not issued)
``status.previous``            "(previously: {status})" after a status label that changed
``status.pending.word``        "pending", the status that has no label
``decision``                   "{status} ({date})" of a decided proposal; ``decision.text`` (adopted
                               wording), ``decision.into`` (merged into), ``decision.clause`` (where)
``notes``                      "Notes" (heading of the notes in HTML and Markdown)
=============================  =====================================================================

``MONTHS`` and ``DATE_PATTERN`` write the date a draft was generated.  Agreed language, follow-up and
contributions keys are in ``labels_process``.
"""

from __future__ import annotations

from .labels_process import PROCESS_LABELS

LABELS: dict[str, dict[str, str]] = {
    "page": {
        "en": "Page {x} of {y}",
        "es": "Página {x} de {y}",
        "pt": "Página {x} de {y}",
        "fr": "Page {x} sur {y}",
    },
    "page.word": {"en": "Page", "es": "Página", "pt": "Página", "fr": "Page"},
    "page.of": {"en": "of", "es": "de", "pt": "de", "fr": "sur"},
    "original": {
        "en": "Original: {language}",
        "es": "Original: {language}",
        "pt": "Original: {language}",
        "fr": "Original\u202f: {language}",  # French typography: a narrow no-break space before the colon
    },
    # language names, in the draft's language
    "lang.es": {"en": "Spanish", "es": "español", "pt": "espanhol", "fr": "espagnol"},
    "lang.en": {"en": "English", "es": "inglés", "pt": "inglês", "fr": "anglais"},
    "lang.pt": {"en": "Portuguese", "es": "portugués", "pt": "português", "fr": "portugais"},
    "lang.fr": {"en": "French", "es": "francés", "pt": "francês", "fr": "français"},
    "lang.ar": {"en": "Arabic", "es": "árabe", "pt": "árabe", "fr": "arabe"},
    "lang.ru": {"en": "Russian", "es": "ruso", "pt": "russo", "fr": "russe"},
    "lang.zh": {"en": "Chinese", "es": "chino", "pt": "chinês", "fr": "chinois"},
    # draft kinds (the status label of the header)
    "kind.clean": {"en": "Clean text", "es": "Texto limpio", "pt": "Texto limpo", "fr": "Texte propre"},
    "kind.compilation": {
        "en": "Compilation text",
        "es": "Texto de compilación",
        "pt": "Texto de compilação",
        "fr": "Texte de compilation",
    },
    "kind.changes": {
        "en": "Changes since {version}",
        "es": "Cambios desde {version}",
        "pt": "Alterações desde {version}",
        "fr": "Modifications depuis {version}",
    },
    "kind.synoptic": {
        "en": "Synoptic table",
        "es": "Cuadro sinóptico",
        "pt": "Quadro sinóptico",
        "fr": "Tableau synoptique",
    },
    "header.status": {"en": "{status} — {language}"},
    "title.version_status": {"en": "{version} — {status}"},
    "generated": {
        "en": "Generated {when}",
        "es": "Generado el {when}",
        "pt": "Gerado em {when}",
        "fr": "Généré le {when}",
    },
    # clause statuses, shown after the clause text; pending shows nothing
    "status.pending": {"en": ""},
    "status.agreed-in-informals": {
        "en": "[Agreed in informals]",
        "es": "[Acordado en consultas informales]",
        "pt": "[Acordado em consultas informais]",
        "fr": "[Convenu lors des consultations informelles]",
    },
    "status.agreed-ad-ref": {
        "en": "[Agreed ad ref]",
        "es": "[Acordado ad ref.]",
        "pt": "[Acordado ad ref.]",
        "fr": "[Convenu ad ref.]",
    },
    "status.agreed": {"en": "[Agreed]", "es": "[Acordado]", "pt": "[Acordado]", "fr": "[Convenu]"},
    "status.held": {"en": "[Held]", "es": "[En suspenso]", "pt": "[Em suspenso]", "fr": "[En suspens]"},
    "awaiting_translation": {
        "en": "[Awaiting translation]",
        "es": "[Pendiente de traducción]",
        "pt": "[Aguardando tradução]",
        "fr": "[En attente de traduction]",
    },
    "alt": {"en": "Alt."},
    # synoptic table column headers
    "synoptic.number": {"en": "No.", "es": "N.º", "pt": "N.º", "fr": "N°"},
    "synoptic.base": {
        "en": "Text of {version}",
        "es": "Texto de {version}",
        "pt": "Texto de {version}",
        "fr": "Texte de {version}",
    },
    "synoptic.text": {"en": "Text", "es": "Texto", "pt": "Texto", "fr": "Texte"},
    "synoptic.proposal": {"en": "Proposals", "es": "Propuestas", "pt": "Propostas", "fr": "Propositions"},
    "synoptic.proponents": {"en": "Proponents", "es": "Proponentes", "pt": "Proponentes", "fr": "Auteurs"},
    "synoptic.status": {"en": "Status", "es": "Estado", "pt": "Situação", "fr": "Statut"},
    "synoptic.comments": {"en": "Comments", "es": "Observaciones", "pt": "Observações", "fr": "Observations"},
    # amendment statuses (synoptic table)
    "amendment.submitted": {"en": "Submitted", "es": "Presentada", "pt": "Apresentada", "fr": "Soumise"},
    "amendment.accepted": {"en": "Accepted", "es": "Aceptada", "pt": "Aceita", "fr": "Acceptée"},
    "amendment.modified": {
        "en": "Accepted as modified",
        "es": "Aceptada con modificaciones",
        "pt": "Aceita com modificações",
        "fr": "Acceptée avec modifications",
    },
    "amendment.merged": {"en": "Merged", "es": "Fusionada", "pt": "Fundida", "fr": "Fusionnée"},
    "amendment.accommodated": {
        "en": "Accommodated elsewhere",
        "es": "Recogida en otro párrafo",
        "pt": "Acolhida em outro parágrafo",
        "fr": "Reprise ailleurs",
    },
    "amendment.rejected": {
        "en": "Not retained",
        "es": "No retenida",
        "pt": "Não acolhida",
        "fr": "Non retenue",
    },
    "amendment.withdrawn": {"en": "Withdrawn", "es": "Retirada", "pt": "Retirada", "fr": "Retirée"},
    "quote": {"en": "“{text}”", "es": "«{text}»", "pt": "“{text}”", "fr": "«\u202f{text}\u202f»"},
    "proposal.replace": {
        "en": "replace {old} with {new}",
        "es": "sustituir {old} por {new}",
        "pt": "substituir {old} por {new}",
        "fr": "remplacer {old} par {new}",
    },
    "proposal.insert.after": {
        "en": "insert {text} after {anchor}",
        "es": "insertar {text} después de {anchor}",
        "pt": "inserir {text} depois de {anchor}",
        "fr": "insérer {text} après {anchor}",
    },
    "proposal.insert.before": {
        "en": "insert {text} before {anchor}",
        "es": "insertar {text} antes de {anchor}",
        "pt": "inserir {text} antes de {anchor}",
        "fr": "insérer {text} avant {anchor}",
    },
    "proposal.insert.start": {
        "en": "insert {text} at the beginning",
        "es": "insertar {text} al principio",
        "pt": "inserir {text} no início",
        "fr": "insérer {text} au début",
    },
    "proposal.insert.end": {
        "en": "insert {text} at the end",
        "es": "insertar {text} al final",
        "pt": "inserir {text} no final",
        "fr": "insérer {text} à la fin",
    },
    "proposal.delete": {
        "en": "delete {old}",
        "es": "suprimir {old}",
        "pt": "suprimir {old}",
        "fr": "supprimer {old}",
    },
    "proposal.bracket": {
        "en": "place {old} in square brackets",
        "es": "poner {old} entre corchetes",
        "pt": "colocar {old} entre colchetes",
        "fr": "placer {old} entre crochets",
    },
    "proposal.bracket.all": {
        "en": "place the whole paragraph in square brackets",
        "es": "poner todo el párrafo entre corchetes",
        "pt": "colocar todo o parágrafo entre colchetes",
        "fr": "placer tout le paragraphe entre crochets",
    },
    "proposal.add.after": {
        "en": "add after paragraph {ref}: {text}",
        "es": "añadir después del párrafo {ref}: {text}",
        "pt": "acrescentar depois do parágrafo {ref}: {text}",
        "fr": "ajouter après le paragraphe {ref}\u202f: {text}",
    },
    "proposal.add.before": {
        "en": "add before paragraph {ref}: {text}",
        "es": "añadir antes del párrafo {ref}: {text}",
        "pt": "acrescentar antes do parágrafo {ref}: {text}",
        "fr": "ajouter avant le paragraphe {ref}\u202f: {text}",
    },
    "proposal.remove": {
        "en": "delete the paragraph",
        "es": "suprimir el párrafo",
        "pt": "suprimir o parágrafo",
        "fr": "supprimer le paragraphe",
    },
    "proposal.move.after": {
        "en": "move the paragraph after paragraph {ref}",
        "es": "trasladar el párrafo después del párrafo {ref}",
        "pt": "transferir o parágrafo para depois do parágrafo {ref}",
        "fr": "déplacer le paragraphe après le paragraphe {ref}",
    },
    "proposal.move.before": {
        "en": "move the paragraph before paragraph {ref}",
        "es": "trasladar el párrafo antes del párrafo {ref}",
        "pt": "transferir o parágrafo para antes do parágrafo {ref}",
        "fr": "déplacer le paragraphe avant le paragraphe {ref}",
    },
    "proposal.substitute": {
        "en": "replace the whole paragraph with: {text}",
        "es": "sustituir todo el párrafo por: {text}",
        "pt": "substituir todo o parágrafo por: {text}",
        "fr": "remplacer tout le paragraphe par\u202f: {text}",
    },
    "proposal.comment": {
        "en": "comment (no change to the text)",
        "es": "comentario (sin cambios en el texto)",
        "pt": "comentário (sem alteração do texto)",
        "fr": "commentaire (sans modification du texte)",
    },
    "proposal_in": {
        "en": "Proposal in {language} by {author}: {what}",
        "es": "Propuesta en {language} de {author}: {what}",
        "pt": "Proposta em {language} de {author}: {what}",
        "fr": "Proposition en {language} de {author}\u202f: {what}",
    },
    "proposal_by": {
        "en": "Proposal by {author}: {what}",
        "es": "Propuesta de {author}: {what}",
        "pt": "Proposta de {author}: {what}",
        "fr": "Proposition de {author}\u202f: {what}",
    },
    "stale": {
        "en": "Not located in the current text (the words it refers to have changed since it was made). "
        "{proposal}",
        "es": "No localizada en el texto actual (las palabras a las que se refiere han cambiado desde que "
        "se presentó). {proposal}",
        "pt": "Não localizada no texto atual (as palavras a que se refere mudaram desde que foi "
        "apresentada). {proposal}",
        "fr": "Non localisée dans le texte actuel (les mots visés ont changé depuis sa présentation). "
        "{proposal}",
    },
    "not_found": {
        "en": "The clause it refers to ({clause}) is not in this text. {proposal}",
        "es": "La disposición a la que se refiere ({clause}) no figura en este texto. {proposal}",
        "pt": "A disposição a que se refere ({clause}) não consta deste texto. {proposal}",
        "fr": "La disposition visée ({clause}) ne figure pas dans ce texte. {proposal}",
    },
    "supported_by": {
        "en": "Supported by: {names}.",
        "es": "Con el apoyo de: {names}.",
        "pt": "Com o apoio de: {names}.",
        "fr": "Appuyée par\u202f: {names}.",
    },
    "objected_by": {
        "en": "Objection: {names}.",
        "es": "Objeción: {names}.",
        "pt": "Objeção: {names}.",
        "fr": "Objection\u202f: {names}.",
    },
    "reanchored": {
        "en": "Re-anchored in the current text: {reason}",
        "es": "Reubicada en el texto actual: {reason}",
        "pt": "Realocada no texto atual: {reason}",
        "fr": "Réancrée dans le texte actuel\u202f: {reason}",
    },
    "alt.line": {"en": "Alt. {n} ({author}): ", "fr": "Alt. {n} ({author})\u202f: "},
    "alt.tag": {"en": "Alt. {n}\u00a0– {author}: ", "fr": "Alt. {n}\u00a0– {author}\u202f: "},
    "alt.plain": {"en": "Alt. {n}: ", "fr": "Alt. {n}\u202f: "},
    "alt.other_language": {"en": "proposal in {language}: {what}", "es": "propuesta en {language}: {what}",
                           "pt": "proposta em {language}: {what}", "fr": "proposition en {language}\u202f: {what}"},
    "tag.comment": {"en": "comment", "es": "comentario", "pt": "comentário", "fr": "commentaire"},
    "tag.moved_here": {"en": "moved here", "es": "trasladado aquí", "pt": "transferido para cá",
                       "fr": "déplacé ici"},
    "tag.support": {"en": "support: {names}", "es": "apoyo: {names}", "pt": "apoio: {names}",
                    "fr": "appui\u202f: {names}"},
    "tag.objection": {"en": "objection: {names}", "es": "objeción: {names}", "pt": "objeção: {names}",
                      "fr": "objection\u202f: {names}"},
    "tag.translation": {"en": "translation", "es": "traducción", "pt": "tradução", "fr": "traduction"},
    "working": {
        "en": "Working draft — compiled {when}",
        "es": "Documento de trabajo — compilado el {when}",
        "pt": "Documento de trabalho — compilado em {when}",
        "fr": "Document de travail — compilé le {when}",
    },
    "status.previous": {"en": "(previously: {status})", "es": "(antes: {status})", "pt": "(antes: {status})",
                        "fr": "(auparavant\u202f: {status})"},
    "status.pending.word": {"en": "pending", "es": "pendiente", "pt": "pendente", "fr": "en attente"},
    "decision": {"en": "{status} ({date})"},
    "decision.text": {
        "en": "Adopted wording: {text}",
        "es": "Texto adoptado: {text}",
        "pt": "Texto adotado: {text}",
        "fr": "Libellé adopté\u202f: {text}",
    },
    "decision.into": {"en": "into {id}", "es": "con {id}", "pt": "com {id}", "fr": "avec {id}"},
    "decision.clause": {
        "en": "in paragraph {ref}",
        "es": "en el párrafo {ref}",
        "pt": "no parágrafo {ref}",
        "fr": "au paragraphe {ref}",
    },
    "secretariat": {"en": "Secretariat", "es": "Secretaría", "pt": "Secretaria", "fr": "Secrétariat"},
    "notes": {"en": "Notes", "es": "Notas", "pt": "Notas", "fr": "Notes"},
    "rationale": {"en": "Rationale:", "es": "Justificación:", "pt": "Justificativa:", "fr": "Justification\u202f:"},
}

MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    "pt": (
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
}
DATE_PATTERN = {
    "en": "{day} {month} {year}, {time}",
    "es": "{day} de {month} de {year}, {time}",
    "pt": "{day} de {month} de {year}, {time}",
    "fr": "{day} {month} {year}, {time}",
}

# agreed language, the follow-up checklist, contributions of observers and civil society
LABELS.update(PROCESS_LABELS)
