"""A synthetic negotiation workspace of any size, deterministic for a given seed.

    python -m bench.generate DIR --clauses N --amendments M --seed S [--decisions D] [--force]

What it writes (a git repository, as ``drafting init`` would leave it after a round of negotiation):

* ``negotiation.yaml``: four languages (es original, en, pt, fr), 40 delegations (31 states, one
  territory, four groups, an observer, an organization, a civil-society coalition, the secretariat);
* two documents: a Declaration (preamble without numbers, operative part numbered) and a Plan of
  Action (an introduction, then chapters with headings); ``N`` clauses in all, counting sub-clauses and
  headings; texts of about 60 words (sub-clauses about 30) in the four languages, with accents and,
  in about one clause in five, the negotiators' own [brackets];
* history: the zero draft committed and tagged ``version/zero``; ``D`` proposals on it committed in one
  commit; one commit per decision (accept, modify, merge, accommodate, reject, withdraw) with the
  trailers ``Amendment:``, ``Proponent:``, ``Decision:`` as ``drafting decide`` writes them, accepted
  changes applied to the text; Rev.1 issued with ``drafting.api.issue`` (no drafts compiled);
* ``M`` open amendments against Rev.1, in one commit, of every operation (replace, insert, delete and
  bracket on exact anchors that occur once in the Rev.1 text of their language; add, remove, move,
  substitute, comment), about one text amendment in five competing with another on the same words.

Everything is written through ``drafting.store.repo.Repo`` transactions (one commit for many files), so
generating 2,000 clauses and 10,000 amendments takes seconds, not the hours 10,000 ``propose`` would.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

GENERATOR_VERSION = 3  # bump when the output changes: cached workspaces are keyed by it
LANGS = ("es", "en", "pt", "fr")
T = dict[str, str]


def _t(es: str, en: str, pt: str, fr: str) -> T:
    return {k: unicodedata.normalize("NFC", v) for k, v in zip(LANGS, (es, en, pt, fr))}


# --------------------------------------------------------------------------------------- word banks

SEGMENTS = [
    _t("fortalecer los sistemas nacionales de asilo y de determinación de la condición de refugiado",
       "strengthen national asylum and refugee status determination systems",
       "fortalecer os sistemas nacionais de refúgio e de determinação da condição de refugiado",
       "renforcer les systèmes nationaux d'asile et de détermination du statut de réfugié"),
    _t("garantizar el acceso efectivo al territorio y el respeto del principio de no devolución",
       "guarantee effective access to territory and respect for the principle of non-refoulement",
       "garantir o acesso efetivo ao território e o respeito ao princípio de não devolução",
       "garantir l'accès effectif au territoire et le respect du principe de non-refoulement"),
    _t("promover la integración local y la inclusión socioeconómica de las personas refugiadas",
       "promote local integration and the socio-economic inclusion of refugees",
       "promover a integração local e a inclusão socioeconômica das pessoas refugiadas",
       "promouvoir l'intégration locale et l'inclusion socio-économique des personnes réfugiées"),
    _t("erradicar la apatridia mediante la inscripción universal y gratuita de los nacimientos",
       "eradicate statelessness through the universal and free registration of births",
       "erradicar a apatridia por meio do registro universal e gratuito de nascimentos",
       "éliminer l'apatridie grâce à l'enregistrement universel et gratuit des naissances"),
    _t("ampliar las vías complementarias de admisión, como la reunificación familiar y las becas académicas",
       "expand complementary pathways for admission, such as family reunification and academic scholarships",
       "ampliar as vias complementares de admissão, como a reunificação familiar e as bolsas acadêmicas",
       "élargir les voies complémentaires d'admission, telles que le regroupement familial et les bourses d'études"),
    _t("mejorar la recopilación y el análisis de datos desglosados por edad, género y diversidad",
       "improve the collection and analysis of data disaggregated by age, gender and diversity",
       "melhorar a coleta e a análise de dados desagregados por idade, gênero e diversidade",
       "améliorer la collecte et l'analyse de données ventilées par âge, sexe et diversité"),
    _t("prevenir el desplazamiento forzado causado por los desastres y los efectos adversos del cambio climático",
       "prevent forced displacement caused by disasters and the adverse effects of climate change",
       "prevenir o deslocamento forçado causado por desastres e pelos efeitos adversos da mudança do clima",
       "prévenir les déplacements forcés causés par les catastrophes et les effets néfastes des changements climatiques"),
    _t("facilitar el acceso a la documentación, a la educación y a los servicios de salud",
       "facilitate access to documentation, education and health services",
       "facilitar o acesso à documentação, à educação e aos serviços de saúde",
       "faciliter l'accès aux documents d'identité, à l'éducation et aux services de santé"),
    _t("reforzar la protección de los niños, niñas y adolescentes no acompañados o separados",
       "reinforce the protection of unaccompanied or separated children and adolescents",
       "reforçar a proteção de crianças e adolescentes desacompanhados ou separados",
       "renforcer la protection des enfants et adolescents non accompagnés ou séparés"),
    _t("combatir la xenofobia, el racismo y la discriminación contra las personas en movilidad",
       "combat xenophobia, racism and discrimination against people on the move",
       "combater a xenofobia, o racismo e a discriminação contra as pessoas em mobilidade",
       "lutter contre la xénophobie, le racisme et la discrimination à l'égard des personnes en mobilité"),
    _t("apoyar a las comunidades de acogida con financiamiento previsible, flexible y sostenible",
       "support host communities with predictable, flexible and sustainable financing",
       "apoiar as comunidades de acolhida com financiamento previsível, flexível e sustentável",
       "soutenir les communautés d'accueil par un financement prévisible, souple et durable"),
    _t("establecer mecanismos regionales de cooperación técnica y de intercambio de buenas prácticas",
       "establish regional mechanisms for technical cooperation and the exchange of good practices",
       "estabelecer mecanismos regionais de cooperação técnica e de intercâmbio de boas práticas",
       "établir des mécanismes régionaux de coopération technique et d'échange de bonnes pratiques"),
    _t("asegurar la búsqueda de soluciones duraderas, incluido el retorno voluntario en condiciones de seguridad y dignidad",
       "ensure the pursuit of durable solutions, including voluntary return in safety and dignity",
       "assegurar a busca de soluções duradouras, incluído o retorno voluntário em condições de segurança e dignidade",
       "assurer la recherche de solutions durables, y compris le retour volontaire dans la sécurité et la dignité"),
    _t("capacitar a los funcionarios de fronteras y de migración en materia de protección internacional",
       "train border and migration officials in international protection",
       "capacitar os funcionários de fronteira e de migração em matéria de proteção internacional",
       "former les agents des frontières et des migrations à la protection internationale"),
    _t("regularizar la situación migratoria de las personas que necesitan protección internacional",
       "regularize the migratory status of persons in need of international protection",
       "regularizar a situação migratória das pessoas que necessitam de proteção internacional",
       "régulariser la situation migratoire des personnes ayant besoin d'une protection internationale"),
    _t("prevenir y responder a la violencia sexual y de género en los países de tránsito y de destino",
       "prevent and respond to sexual and gender-based violence in countries of transit and destination",
       "prevenir e responder à violência sexual e de gênero nos países de trânsito e de destino",
       "prévenir et combattre la violence sexuelle et sexiste dans les pays de transit et de destination"),
    _t("fomentar la participación significativa de las personas refugiadas en la toma de decisiones",
       "foster the meaningful participation of refugees in decision-making",
       "fomentar a participação significativa das pessoas refugiadas na tomada de decisões",
       "favoriser la participation effective des personnes réfugiées à la prise de décisions"),
    _t("reconocer los títulos académicos y las competencias profesionales obtenidos en el extranjero",
       "recognize academic degrees and professional skills obtained abroad",
       "reconhecer os diplomas acadêmicos e as competências profissionais obtidos no exterior",
       "reconnaître les diplômes universitaires et les compétences professionnelles acquis à l'étranger"),
    _t("promover el acceso al empleo formal, a la vivienda adecuada y a los servicios financieros",
       "promote access to formal employment, adequate housing and financial services",
       "promover o acesso ao emprego formal, à moradia adequada e aos serviços financeiros",
       "promouvoir l'accès à l'emploi formel, à un logement convenable et aux services financiers"),
    _t("intensificar la lucha contra la trata de personas y el tráfico ilícito de migrantes",
       "step up the fight against trafficking in persons and the smuggling of migrants",
       "intensificar a luta contra o tráfico de pessoas e o contrabando de migrantes",
       "intensifier la lutte contre la traite des personnes et le trafic illicite de migrants"),
]

QUALIFIERS = [
    _t("con el apoyo técnico del ACNUR y de la comunidad internacional",
       "with the technical support of UNHCR and the international community",
       "com o apoio técnico do ACNUR e da comunidade internacional",
       "avec l'appui technique du HCR et de la communauté internationale"),
    _t("en un espíritu de solidaridad y de responsabilidad compartida",
       "in a spirit of solidarity and shared responsibility",
       "em um espírito de solidariedade e de responsabilidade compartilhada",
       "dans un esprit de solidarité et de responsabilité partagée"),
    _t("de conformidad con el derecho internacional de los derechos humanos",
       "in accordance with international human rights law",
       "em conformidade com o direito internacional dos direitos humanos",
       "conformément au droit international des droits de l'homme"),
    _t("con un enfoque diferencial de edad, género y diversidad",
       "with a differentiated approach based on age, gender and diversity",
       "com um enfoque diferenciado de idade, gênero e diversidade",
       "selon une approche différenciée fondée sur l'âge, le genre et la diversité"),
    _t("en particular en las zonas fronterizas y en las ciudades de acogida",
       "in particular in border areas and host cities",
       "em particular nas zonas de fronteira e nas cidades de acolhida",
       "en particulier dans les zones frontalières et les villes d'accueil"),
    _t("en estrecha coordinación con los gobiernos locales y la sociedad civil",
       "in close coordination with local governments and civil society",
       "em estreita coordenação com os governos locais e a sociedade civil",
       "en étroite coordination avec les autorités locales et la société civile"),
    _t("teniendo en cuenta las capacidades y las circunstancias nacionales",
       "taking into account national capacities and circumstances",
       "levando em conta as capacidades e as circunstâncias nacionais",
       "compte tenu des capacités et des circonstances nationales"),
    _t("a fin de no dejar a nadie atrás",
       "so as to leave no one behind",
       "a fim de não deixar ninguém para trás",
       "afin de ne laisser personne de côté"),
    _t("en consonancia con el Pacto Mundial sobre los Refugiados",
       "in line with the Global Compact on Refugees",
       "em consonância com o Pacto Global sobre Refugiados",
       "conformément au Pacte mondial sur les réfugiés"),
    _t("mediante programas con metas verificables y plazos definidos",
       "through programmes with verifiable targets and defined timelines",
       "por meio de programas com metas verificáveis e prazos definidos",
       "au moyen de programmes assortis d'objectifs vérifiables et de délais précis"),
    _t("sin perjuicio de la soberanía de cada Estado",
       "without prejudice to the sovereignty of each State",
       "sem prejuízo da soberania de cada Estado",
       "sans préjudice de la souveraineté de chaque État"),
    _t("con la participación de las organizaciones lideradas por personas refugiadas",
       "with the participation of refugee-led organizations",
       "com a participação das organizações lideradas por pessoas refugiadas",
       "avec la participation des organisations dirigées par des personnes réfugiées"),
    _t("durante el decenio 2025-2034",
       "during the decade 2025-2034",
       "durante o decênio 2025-2034",
       "au cours de la décennie 2025-2034"),
    _t("con recursos adicionales de las instituciones financieras internacionales",
       "with additional resources from international financial institutions",
       "com recursos adicionais das instituições financeiras internacionais",
       "grâce à des ressources supplémentaires des institutions financières internationales"),
]

PREAMBLE_OPENINGS = [
    _t("Reconociendo la necesidad de", "Recognizing the need to", "Reconhecendo a necessidade de",
       "Reconnaissant la nécessité de"),
    _t("Reafirmando el compromiso de", "Reaffirming the commitment to", "Reafirmando o compromisso de",
       "Réaffirmant l'engagement de"),
    _t("Subrayando la urgencia de", "Underlining the urgency to", "Sublinhando a urgência de",
       "Soulignant l'urgence de"),
    _t("Conscientes de la obligación de", "Mindful of the obligation to", "Conscientes da obrigação de",
       "Conscients de l'obligation de"),
    _t("Decididos a", "Determined to", "Decididos a", "Déterminés à"),
]

OPERATIVE_OPENINGS = [
    _t("Los países se comprometen a", "Countries will", "Os países comprometem-se a", "Les pays s'engagent à"),
    _t("Acordamos", "We agree to", "Acordamos", "Nous convenons de"),
    _t("Alentamos a los Estados a", "We encourage States to", "Incentivamos os Estados a",
       "Nous encourageons les États à"),
    _t("Los Gobiernos procurarán", "Governments will endeavour to", "Os Governos procurarão",
       "Les gouvernements s'efforceront de"),
    _t("Solicitamos al ACNUR que ayude a", "We request UNHCR to help", "Solicitamos ao ACNUR que ajude a",
       "Nous prions le HCR d'aider à"),
    _t("Resolvemos", "We resolve to", "Resolvemos", "Nous décidons de"),
]

CHAPEAU_END = _t("mediante las siguientes acciones:", "through the following actions:",
                 "por meio das seguintes ações:", "au moyen des actions suivantes :")
AND = _t("y", "and", "e", "et")

TOPICS = [
    _t("Asilo de calidad", "Quality asylum", "Asilo de qualidade", "Asile de qualité"),
    _t("Fronteras solidarias y seguras", "Borders of solidarity and safety", "Fronteiras solidárias e seguras",
       "Frontières solidaires et sûres"),
    _t("Integración local", "Local integration", "Integração local", "Intégration locale"),
    _t("Erradicación de la apatridia", "Eradicating statelessness", "Erradicação da apatridia",
       "Éradication de l'apatridie"),
    _t("Movilidad laboral", "Labour mobility", "Mobilidade laboral", "Mobilité de la main-d'œuvre"),
    _t("Desplazamiento y cambio climático", "Displacement and climate change", "Deslocamento e mudança do clima",
       "Déplacements et changements climatiques"),
    _t("Ciudades solidarias", "Cities of solidarity", "Cidades solidárias", "Villes solidaires"),
    _t("Soluciones duraderas", "Durable solutions", "Soluções duradouras", "Solutions durables"),
    _t("Protección de la niñez", "Child protection", "Proteção da infância", "Protection de l'enfance"),
    _t("Género y diversidad", "Gender and diversity", "Gênero e diversidade", "Genre et diversité"),
]
PROGRAMME = _t("Programa", "Programme", "Programa", "Programme")
CHAPTER = _t("Capítulo", "Chapter", "Capítulo", "Chapitre")
COLON = {"es": ":", "en": ":", "pt": ":", "fr": " :"}

PHRASES = {  # short wordings amendments bring in
    "es": ["según corresponda", "de manera progresiva", "en la medida de lo posible", "con carácter prioritario",
           "y regionales", "de conformidad con la legislación nacional", "en cooperación con los organismos competentes",
           "sin discriminación alguna", "en particular los más vulnerables", "con perspectiva de género",
           "de forma voluntaria", "a la brevedad posible", "con pleno respeto de la soberanía", "y sostenibles",
           "de manera integral", "con la participación de la sociedad civil"],
    "en": ["as appropriate", "progressively", "to the extent possible", "as a matter of priority", "and regional",
           "in accordance with national legislation", "in cooperation with the competent agencies",
           "without any discrimination", "in particular the most vulnerable", "with a gender perspective",
           "on a voluntary basis", "as soon as possible", "with full respect for sovereignty", "and sustainable",
           "in a comprehensive manner", "with the participation of civil society"],
    "pt": ["conforme apropriado", "de maneira progressiva", "na medida do possível", "em caráter prioritário",
           "e regionais", "em conformidade com a legislação nacional", "em cooperação com os órgãos competentes",
           "sem qualquer discriminação", "em particular os mais vulneráveis", "com perspectiva de gênero",
           "de forma voluntária", "o mais breve possível", "com pleno respeito à soberania", "e sustentáveis",
           "de maneira integral", "com a participação da sociedade civil"],
    "fr": ["selon qu'il conviendra", "de manière progressive", "dans la mesure du possible", "à titre prioritaire",
           "et régionaux", "conformément à la législation nationale", "en coopération avec les organismes compétents",
           "sans aucune discrimination", "en particulier les plus vulnérables", "dans une perspective de genre",
           "sur une base volontaire", "dans les meilleurs délais", "dans le plein respect de la souveraineté",
           "et durables", "de manière globale", "avec la participation de la société civile"],
}

RATIONALES = {
    "es": ["Coherencia con el Pacto Mundial sobre los Refugiados.",
           "La redacción actual no refleja las capacidades nacionales de los países de acogida.",
           "Propuesta acordada por los coordinadores nacionales del grupo en la reunión de Brasilia.",
           "Se busca alinear el texto con el lenguaje acordado en la Declaración de Brasil de 2014.",
           "Es necesario precisar el alcance del compromiso y su financiamiento.",
           "Para reflejar las preocupaciones expresadas por la sociedad civil en las consultas temáticas."],
    "en": ["Consistency with agreed language of the Global Compact on Refugees.",
           "The current wording goes beyond what national legislation allows.",
           "To reflect the concerns raised by civil society in the thematic consultations."],
    "pt": ["Coerência com a linguagem acordada no Pacto Global sobre Refugiados.",
           "Para refletir as preocupações expressas pela sociedade civil."],
    "fr": ["Cohérence avec le libellé convenu du Pacte mondial sur les réfugiés.",
           "Pour tenir compte des préoccupations exprimées par la société civile."],
}

AGREED_LANGUAGE = ["Plan de Acción de Brasil 2014, cap. II", "Declaración de Cartagena 1984, conclusión III",
                   "Pacto Mundial sobre los Refugiados, párr. 64", "Declaración de San José 1994, párr. 16"]

# 40 delegations: 31 states, 1 territory, 4 groups, 1 observer, 1 organization, 1 civil society, 1 secretariat
STATES = [
    ("ARG", "Argentina", "Argentina", "Argentina", "Argentine"),
    ("BHS", "Bahamas", "Bahamas", "Bahamas", "Bahamas"),
    ("BRB", "Barbados", "Barbados", "Barbados", "Barbade"),
    ("BLZ", "Belice", "Belize", "Belize", "Belize"),
    ("BOL", "Bolivia (Estado Plurinacional de)", "Bolivia (Plurinational State of)",
     "Bolívia (Estado Plurinacional da)", "Bolivie (État plurinational de)"),
    ("BRA", "Brasil", "Brazil", "Brasil", "Brésil"),
    ("CHL", "Chile", "Chile", "Chile", "Chili"),
    ("COL", "Colombia", "Colombia", "Colômbia", "Colombie"),
    ("CRI", "Costa Rica", "Costa Rica", "Costa Rica", "Costa Rica"),
    ("CUB", "Cuba", "Cuba", "Cuba", "Cuba"),
    ("DMA", "Dominica", "Dominica", "Dominica", "Dominique"),
    ("DOM", "República Dominicana", "Dominican Republic", "República Dominicana", "République dominicaine"),
    ("ECU", "Ecuador", "Ecuador", "Equador", "Équateur"),
    ("SLV", "El Salvador", "El Salvador", "El Salvador", "El Salvador"),
    ("GRD", "Granada", "Grenada", "Granada", "Grenade"),
    ("GTM", "Guatemala", "Guatemala", "Guatemala", "Guatemala"),
    ("GUY", "Guyana", "Guyana", "Guiana", "Guyana"),
    ("HTI", "Haití", "Haiti", "Haiti", "Haïti"),
    ("HND", "Honduras", "Honduras", "Honduras", "Honduras"),
    ("JAM", "Jamaica", "Jamaica", "Jamaica", "Jamaïque"),
    ("MEX", "México", "Mexico", "México", "Mexique"),
    ("NIC", "Nicaragua", "Nicaragua", "Nicarágua", "Nicaragua"),
    ("PAN", "Panamá", "Panama", "Panamá", "Panama"),
    ("PRY", "Paraguay", "Paraguay", "Paraguai", "Paraguay"),
    ("PER", "Perú", "Peru", "Peru", "Pérou"),
    ("KNA", "Saint Kitts y Nevis", "Saint Kitts and Nevis", "São Cristóvão e Névis", "Saint-Kitts-et-Nevis"),
    ("LCA", "Santa Lucía", "Saint Lucia", "Santa Lúcia", "Sainte-Lucie"),
    ("VCT", "San Vicente y las Granadinas", "Saint Vincent and the Grenadines", "São Vicente e Granadinas",
     "Saint-Vincent-et-les Grenadines"),
    ("SUR", "Suriname", "Suriname", "Suriname", "Suriname"),
    ("TTO", "Trinidad y Tabago", "Trinidad and Tobago", "Trinidad e Tobago", "Trinité-et-Tobago"),
    ("URY", "Uruguay", "Uruguay", "Uruguai", "Uruguay"),
]
GROUPS = [
    ("MERCOSUR", _t("MERCOSUR", "MERCOSUR", "MERCOSUL", "MERCOSUR"), ["ARG", "BRA", "PRY", "URY"]),
    ("CARICOM", _t("CARICOM", "CARICOM", "CARICOM", "CARICOM"),
     ["BHS", "BRB", "BLZ", "DMA", "GRD", "GUY", "HTI", "JAM", "KNA", "LCA", "VCT", "SUR", "TTO"]),
    ("SICA", _t("SICA", "SICA", "SICA", "SICA"), ["BLZ", "CRI", "SLV", "GTM", "HND", "NIC", "PAN", "DOM"]),
    ("ANDEAN", _t("Comunidad Andina", "Andean Community", "Comunidade Andina", "Communauté andine"),
     ["BOL", "COL", "ECU", "PER"]),
]
OTHERS = [
    ("CUW", _t("Curazao", "Curaçao", "Curaçao", "Curaçao"), "territory"),
    ("CAN", _t("Canadá", "Canada", "Canadá", "Canada"), "observer"),
    ("IOM", _t("Organización Internacional para las Migraciones", "International Organization for Migration",
               "Organização Internacional para as Migrações", "Organisation internationale pour les migrations"),
     "organization"),
    ("LAC-RMD", _t("Coalición LAC RMD", "LAC RMD Coalition", "Coalizão LAC RMD", "Coalition LAC RMD"),
     "civil-society"),
    ("UNHCR", _t("ACNUR", "UNHCR", "ACNUR", "HCR"), "secretariat"),
]
STATE_CODES = [s[0] for s in STATES]
NAMES_EN = {s[0]: s[2] for s in STATES} | {g[0]: g[1]["en"] for g in GROUPS} | {o[0]: o[1]["en"] for o in OTHERS}
SECRETARIAT = ("UNHCR (secretariat)", "unhcr@delegations.drafting.invalid")

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


# ------------------------------------------------------------------------------------------ texts

def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def clause_text(rng: random.Random, style: str, bracket: bool) -> T:
    """About 60 words per language (``child``: about 30); the same choices in every language."""
    segs = rng.sample(range(len(SEGMENTS)), 2)
    quals = rng.sample(range(len(QUALIFIERS)), 3)
    openings = PREAMBLE_OPENINGS if style == "preamble" else OPERATIVE_OPENINGS
    opening = openings[rng.randrange(len(openings))]
    br = rng.randrange(3) if bracket else -1
    out: T = {}
    for lang in LANGS:
        q = [QUALIFIERS[i][lang] for i in quals]
        if br >= 0:
            q[br] = f"[{q[br]}]"
        s = [SEGMENTS[i][lang] for i in segs]
        if style == "child":
            text = f"{s[0]} {q[0]}, {q[1]};"
        elif style == "chapeau":
            text = f"{opening[lang]} {s[0]} {q[0]}, {CHAPEAU_END[lang]}"
        else:
            end = "," if style == "preamble" else "."
            text = f"{opening[lang]} {s[0]} {q[0]}, {AND[lang]} {s[1]} {q[1]}, {q[2]}{end}"
        out[lang] = unicodedata.normalize("NFC", text)
    return out


def heading_text(n: int, topic: int) -> T:
    return {lang: f"{PROGRAMME[lang]} {n}{COLON[lang]} {TOPICS[topic][lang]}" for lang in LANGS}


def _clause(cid: str, text: T, *, kind: str = "paragraph", status: str = "pending",
            agreed: str | None = None, children: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"id": cid, "kind": kind, "status": status, "text": text, "agreed_language": agreed,
            "pending": [], "children": children or []}


def _status(rng: random.Random) -> str:
    x = rng.random()
    return ("agreed" if x < 0.10 else "agreed-ad-ref" if x < 0.20 else "agreed-in-informals" if x < 0.28
            else "held" if x < 0.30 else "pending")


def build_documents(rng: random.Random, n: int) -> list[dict[str, Any]]:
    """Two documents holding ``n`` clauses in all (sub-clauses and headings counted)."""
    chapters = max(2, min(8, round(n / 250)))
    quota = {"preamble": max(2, round(n * 0.06)), "operative": max(2, round(n * 0.12)),
             "introduction": max(2, round(n * 0.04))}
    rest = n - sum(quota.values())
    per = [rest // chapters + (1 if i < rest % chapters else 0) for i in range(chapters)]
    heading_no = 0

    def fill(prefix: str, count: int, style: str, headings: bool) -> list[dict[str, Any]]:
        nonlocal heading_no
        out: list[dict[str, Any]] = []
        made = 0
        i = 0
        while made < count:
            i += 1
            left = count - made
            if headings and left >= 2 and (made == 0 or rng.random() < 0.045):
                heading_no += 1
                c = _clause(f"{prefix}-h{i}", heading_text(heading_no, rng.randrange(len(TOPICS))), kind="heading",
                            status="agreed")
                out.append(c)
                made += 1
                continue
            cid = f"{prefix}-{i}"
            agreed = AGREED_LANGUAGE[rng.randrange(len(AGREED_LANGUAGE))] if rng.random() < 0.05 else None
            if style != "preamble" and left >= 3 and rng.random() < 0.15:
                k = min(left - 1, rng.randint(2, 4))
                kids = [_clause(f"{cid}-{'abcdefgh'[j]}", clause_text(rng, "child", rng.random() < 0.15))
                        for j in range(k)]
                last = kids[-1]["text"]
                for lang in LANGS:  # the last sub-clause ends the sentence
                    last[lang] = last[lang][:-1] + "."
                out.append(_clause(cid, clause_text(rng, "chapeau", False), status=_status(rng), agreed=agreed,
                                   children=kids))
                made += 1 + k
            else:
                out.append(_clause(cid, clause_text(rng, style, rng.random() < 0.2), status=_status(rng),
                                   agreed=agreed))
                made += 1
        return out

    declaration = {
        "id": "declaration",
        "title": _t("Declaración de Santiago", "Santiago Declaration", "Declaração de Santiago",
                    "Déclaration de Santiago"),
        "sections": [
            {"id": "preamble", "title": _t("Preámbulo", "Preamble", "Preâmbulo", "Préambule"), "numbering": "none",
             "clauses": fill("pp", quota["preamble"], "preamble", False)},
            {"id": "operative", "title": _t("Parte dispositiva", "Operative part", "Parte dispositiva", "Dispositif"),
             "numbering": "arabic", "clauses": fill("op", quota["operative"], "operative", False)},
        ],
    }
    sections = [{"id": "introduction", "title": _t("Introducción", "Introduction", "Introdução", "Introduction"),
                 "numbering": "none", "clauses": fill("poa-intro", quota["introduction"], "operative", False)}]
    for k in range(chapters):
        topic = TOPICS[k % len(TOPICS)]
        sections.append({
            "id": f"chapter-{k + 1}",
            "title": {lang: f"{CHAPTER[lang]} {ROMAN[k]}{COLON[lang]} {topic[lang]}" for lang in LANGS},
            "numbering": "arabic", "clauses": fill(f"poa-{k + 1}", per[k], "operative", True)})
    plan = {"id": "plan-of-action",
            "title": _t("Plan de Acción de Santiago 2025-2034", "Santiago Plan of Action 2025-2034",
                        "Plano de Ação de Santiago 2025-2034", "Plan d'action de Santiago 2025-2034"),
            "sections": sections}
    return [declaration, plan]


# ------------------------------------------------------------------------------------------ model

def walk(clauses: list[dict[str, Any]]) -> Any:
    for c in clauses:
        yield c
        yield from walk(c["children"])


def all_clauses(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for d in docs for s in d["sections"] for c in walk(s["clauses"])]


def locate(docs: list[dict[str, Any]], cid: str) -> tuple[list[dict[str, Any]], int, dict[str, Any], dict[str, Any]]:
    """(the list holding the clause, its index, its section, its document)."""
    def find(lst: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int] | None:
        for i, c in enumerate(lst):
            if c["id"] == cid:
                return lst, i
            got = find(c["children"])
            if got:
                return got
        return None
    for d in docs:
        for s in d["sections"]:
            got = find(s["clauses"])
            if got:
                return got[0], got[1], s, d
    raise KeyError(cid)


def anchor(rng: random.Random, text: str, lo: int = 2, hi: int = 4, tries: int = 40) -> str | None:
    """A run of ``lo``..``hi`` whole words that occurs exactly once in ``text`` and holds no bracket."""
    words = text.split(" ")
    for _ in range(tries):
        k = rng.randint(lo, hi)
        if len(words) <= k:
            k = len(words) - 1
        if k < 1:
            return None
        i = rng.randrange(0, len(words) - k + 1)
        w = " ".join(words[i:i + k])
        if len(w) < 6 or "[" in w or "]" in w or text.count(w) != 1:
            continue
        return w
    return None


def _tidy(text: str) -> str:
    text = " ".join(text.split())
    for p in (",", ".", ";"):
        text = text.replace(f" {p}", p)
    return text.strip()


# ------------------------------------------------------------------------------------------ YAML

def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _texts(out: list[str], pad: str, key: str, texts: T) -> None:
    out.append(f"{pad}{key}:")
    for lang, t in texts.items():
        out.append(f"{pad}  {lang}: {q(t)}")


def emit_clause(out: list[str], c: dict[str, Any], indent: int) -> None:
    pad = " " * indent
    out.append(f"{pad}- id: {c['id']}")
    inner = pad + "  "
    if c["kind"] != "paragraph":
        out.append(f"{inner}kind: {c['kind']}")
    if c["kind"] != "heading" and c["status"] != "pending":
        out.append(f"{inner}status: {c['status']}")
    _texts(out, inner, "text", c["text"])
    if c.get("agreed_language"):
        out.append(f"{inner}agreed_language: {q(c['agreed_language'])}")
    if c.get("pending"):
        out.append(f"{inner}pending_translation: [{', '.join(c['pending'])}]")
    if c["children"]:
        out.append(f"{inner}children:")
        for child in c["children"]:
            emit_clause(out, child, indent + 4)


def emit_section(s: dict[str, Any]) -> str:
    out = [f"id: {s['id']}"]
    _texts(out, "", "title", s["title"])
    out.append(f"numbering: {s['numbering']}")
    out.append("clauses:")
    for c in s["clauses"]:
        emit_clause(out, c, 2)
    return "\n".join(out) + "\n"


def emit_document(d: dict[str, Any]) -> str:
    out = [f"id: {d['id']}"]
    _texts(out, "", "title", d["title"])
    out.append(f"sections: [{', '.join(s['id'] for s in d['sections'])}]")
    return "\n".join(out) + "\n"


def emit_negotiation(docs: list[dict[str, Any]]) -> str:
    out = ["# A synthetic negotiation generated by bench/generate.py (drafting's benchmark).",
           "schema: 1"]
    _texts(out, "", "title", _t("Declaración y Plan de Acción de Santiago sobre la protección internacional",
                                "Santiago Declaration and Plan of Action on International Protection",
                                "Declaração e Plano de Ação de Santiago sobre a proteção internacional",
                                "Déclaration et Plan d'action de Santiago sur la protection internationale"))
    out += ['symbol: "BENCH/DPA/L.1"', "original_language: es", f"languages: [{', '.join(LANGS)}]",
            f"documents: [{', '.join(d['id'] for d in docs)}]", "delegations:"]
    for code, es, en, pt, fr in STATES:
        out.append(f"  {code}: {{name: {{es: {q(es)}, en: {q(en)}, pt: {q(pt)}, fr: {q(fr)}}}, kind: state}}")
    for code, name, kind in OTHERS[:1]:
        out.append(f"  {code}: {{name: {{{', '.join(f'{k}: {q(v)}' for k, v in name.items())}}}, kind: {kind}}}")
    for code, name, members in GROUPS:
        out.append(f"  {code}:")
        out.append(f"    name: {{{', '.join(f'{k}: {q(v)}' for k, v in name.items())}}}")
        out.append("    kind: group")
        out.append(f"    members: [{', '.join(members)}]")
    for code, name, kind in OTHERS[1:]:
        out.append(f"  {code}: {{name: {{{', '.join(f'{k}: {q(v)}' for k, v in name.items())}}}, kind: {kind}}}")
    out.append("versions:")
    out.append("  - {id: zero, label: {es: Borrador cero, en: Zero draft, pt: Minuta zero, fr: Avant-projet}, "
               "date: 2024-08-30}")
    return "\n".join(out) + "\n"


def emit_amendment(a: dict[str, Any]) -> str:
    out = [f"id: {a['id']}", f"by: {a['by']}"]
    for key in ("cosponsors", "supporters", "objectors"):
        if a.get(key):
            out.append(f"{key}: [{', '.join(a[key])}]")
    if a.get("on_behalf_of"):
        out.append(f"on_behalf_of: {a['on_behalf_of']}")
    if a.get("target"):
        out.append(f"target: {a['target']}")
    out.append(f"lang: {a['lang']}")
    op, body = a["change"]
    out.append("change:")
    if not body:
        out.append(f"  {op}: {{}}")
    else:
        out.append(f"  {op}:")
        for key, value in body.items():
            if key == "clause":
                out.append("    clause:")
                out.append(f"      id: {value['id']}")
                _texts(out, "      ", "text", value["text"])
            elif isinstance(value, dict):
                _texts(out, "    ", key, value)
            elif isinstance(value, int):
                out.append(f"    {key}: {value}")
            else:
                out.append(f"    {key}: {q(value)}")
    if a.get("rationale"):
        out.append(f"rationale: {q(a['rationale'])}")
    out.append(f"channel: {a['channel']}")
    out.append(f"submitted: {a['submitted']}")
    out.append(f"status: {a['status']}")
    d = a.get("decision")
    if d:
        out.append("decision:")
        for key, value in d.items():
            if value is not None:
                out.append(f"  {key}: {value if key == 'date' else q(value)}")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------ amendments

def _proponent(rng: random.Random) -> dict[str, Any]:
    x = rng.random()
    a: dict[str, Any] = {}
    if x < 0.06:
        code, _, members = GROUPS[rng.randrange(len(GROUPS))]
        a["by"] = code
    elif x < 0.12:
        code, _, members = GROUPS[rng.randrange(len(GROUPS))]
        a["by"] = members[rng.randrange(len(members))]
        a["on_behalf_of"] = code
        a["cosponsors"] = [m for m in members if m != a["by"]][:3]
    elif x < 0.20:
        a["by"] = ("CUW", "CAN", "IOM", "LAC-RMD")[rng.randrange(4)]
    else:
        a["by"] = STATE_CODES[rng.randrange(len(STATE_CODES))]
        if rng.random() < 0.2:
            others = [c for c in STATE_CODES if c != a["by"]]
            a["cosponsors"] = rng.sample(others, rng.randint(1, 3))
    if rng.random() < 0.1:
        taken = {a["by"], *a.get("cosponsors", [])}
        pool = [c for c in STATE_CODES if c not in taken]
        a["supporters"] = sorted(rng.sample(pool, 2))
        if rng.random() < 0.5:
            a["objectors"] = [c for c in rng.sample(pool, 2) if c not in a["supporters"]][:1]
    return a


def _lang(rng: random.Random) -> str:
    x = rng.random()
    return "es" if x < 0.8 else "en" if x < 0.9 else "pt" if x < 0.95 else "fr"


def _new_clause(rng: random.Random, cid: str, style: str) -> dict[str, Any]:
    return {"id": cid, "text": clause_text(rng, style, rng.random() < 0.3)}


def _style_of(section: dict[str, Any]) -> str:
    return "preamble" if section["id"] == "preamble" else "operative"


def make_amendment(rng: random.Random, docs: list[dict[str, Any]], op: str, target: dict[str, Any],
                   new_id: str, competing: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """One amendment of ``op`` on ``target`` (a clause of ``docs``); None if no anchor fits."""
    a = _proponent(rng)
    lang = competing["lang"] if competing else _lang(rng)
    a["lang"] = lang
    text = target["text"][lang]
    phrase = PHRASES[lang][rng.randrange(len(PHRASES[lang]))]
    body: dict[str, Any]
    if op in ("replace", "delete", "bracket", "insert") and competing is not None:
        old = competing["change"][1].get("old") or competing["change"][1].get("after")
    else:
        old = None
    if op == "replace":
        old = old or anchor(rng, text, 2, 4)
        if old is None:
            return None
        body = {"old": old, "new": f"{old} {phrase}" if rng.random() < 0.5 else phrase}
    elif op == "delete":
        old = old or anchor(rng, text, 2, 6)
        if old is None:
            return None
        body = {"old": old}
    elif op == "bracket":
        if old is None and rng.random() < 0.1:
            body = {}
        else:
            old = old or anchor(rng, text, 3, 8)
            if old is None:
                return None
            body = {"old": old}
    elif op == "insert":
        x = rng.random()
        if old is None and x < 0.1:
            body = {"text": phrase, "at": "end" if x < 0.05 else "start"}
        else:
            old = old or anchor(rng, text, 1, 3)
            if old is None:
                return None
            body = {"text": phrase, ("after" if rng.random() < 0.7 else "before"): old}
    elif op == "substitute":
        lst, i, section, _ = locate(docs, target["id"])
        style = _style_of(section) if lst is section["clauses"] else "child"
        fresh = clause_text(rng, style, rng.random() < 0.3)
        body = {"text": fresh if rng.random() < 0.7 else {lang: fresh[lang]}}
    elif op == "add":
        lst, i, section, _ = locate(docs, target["id"])
        body = {("after" if rng.random() < 0.8 else "before"): target["id"],
                "clause": _new_clause(rng, new_id, _style_of(section))}
    elif op == "move":
        lst, i, section, _ = locate(docs, target["id"])
        others = [c for c in lst if c["id"] != target["id"]]
        if not others:
            return None
        ref = others[rng.randrange(len(others))]
        body = {("after" if rng.random() < 0.5 else "before"): ref["id"]}
    else:  # remove, comment
        body = {}
    a["change"] = (op, body)
    if op != "add":
        a["target"] = target["id"]
    if op == "comment" or rng.random() < 0.7:
        pool = RATIONALES.get(lang) or RATIONALES["es"]
        a["rationale"] = pool[rng.randrange(len(pool))]
    x = rng.random()
    a["channel"] = "written" if x < 0.8 else "oral" if x < 0.95 else "screen"
    return a


OPS = ["replace", "insert", "delete", "bracket", "add", "remove", "move", "substitute", "comment"]
OPEN_WEIGHTS = [30, 18, 12, 10, 8, 4, 4, 6, 8]
ZERO_WEIGHTS = [30, 15, 10, 10, 10, 5, 5, 5, 10]


def _number_ids(amendments: list[dict[str, Any]], version: str) -> None:
    counters: dict[str, int] = {}
    for a in amendments:
        counters[a["by"]] = counters.get(a["by"], 0) + 1
        a["id"] = f"{version}-{a['by']}-{counters[a['by']]:03d}"


# ------------------------------------------------------------------------------------------ decisions

def apply_text(c: dict[str, Any], a: dict[str, Any], override: str | None = None) -> None:
    """Accept (or modify) a text operation on clause ``c``: its language changes, the others lag."""
    op, body = a["change"]
    lang = a["lang"]
    text = c["text"][lang]
    if op == "replace":
        text = text.replace(body["old"], override if override is not None else body["new"], 1)
    elif op == "delete":
        text = _tidy(text.replace(body["old"], override or "", 1))
    elif op == "bracket":
        old = body.get("old")
        text = text.replace(old, f"[{override or old}]", 1) if old else f"[{text}]"
    elif op == "insert":
        ins = override if override is not None else body["text"]
        if "after" in body:
            text = text.replace(body["after"], f"{body['after']} {ins}", 1)
        elif "before" in body:
            text = text.replace(body["before"], f"{ins} {body['before']}", 1)
        elif body.get("at") == "start":
            text = f"{ins} {text}"
        else:
            text = f"{text} {ins}"
    c["text"][lang] = unicodedata.normalize("NFC", _tidy(text))
    c["pending"] = [x for x in LANGS if x != lang]


def apply_decision(docs: list[dict[str, Any]], a: dict[str, Any], override: str | None) -> None:
    op, body = a["change"]
    if op in ("replace", "insert", "delete", "bracket"):
        lst, i, _, _ = locate(docs, a["target"])
        apply_text(lst[i], a, override)
    elif op == "substitute":
        lst, i, _, _ = locate(docs, a["target"])
        lst[i]["text"] = {**lst[i]["text"], **body["text"]}
        lst[i]["pending"] = [x for x in LANGS if x not in body["text"]]
    elif op == "add":
        ref = body.get("after") or body.get("before")
        lst, i, _, _ = locate(docs, ref)
        new = _clause(body["clause"]["id"], dict(body["clause"]["text"]))
        lst.insert(i + 1 if "after" in body else i, new)
    elif op == "remove":
        lst, i, _, _ = locate(docs, a["target"])
        del lst[i]
    elif op == "move":
        lst, i, _, _ = locate(docs, a["target"])
        c = lst.pop(i)
        ref = body.get("after") or body.get("before")
        lst2, j, _, _ = locate(docs, ref)
        lst2.insert(j + 1 if "after" in body else j, c)


# ------------------------------------------------------------------------------------------ driver

def _section_files(docs: list[dict[str, Any]]) -> dict[str, bytes]:
    files = {}
    for d in docs:
        files[f"drafts/{d['id']}/document.yaml"] = emit_document(d).encode()
        for s in d["sections"]:
            files[f"drafts/{d['id']}/{s['id']}.yaml"] = emit_section(s).encode()
    return files


def generate(root: Path, *, clauses: int, amendments: int, seed: int, decisions: int | None = None,
             quiet: bool = False) -> dict[str, Any]:
    """Write the workspace at ``root`` (which must not exist or be empty); return its description."""
    from drafting import api
    from drafting.store.repo import Repo

    started = time.perf_counter()
    rng = random.Random(seed)
    root = Path(root)
    if root.exists() and any(root.iterdir()):
        raise SystemExit(f"{root} exists and is not empty (use --force to replace it)")
    decisions = decisions if decisions is not None else max(12, clauses // 40)

    def say(msg: str) -> None:
        if not quiet:
            print(f"[generate {time.perf_counter() - started:6.1f}s] {msg}", file=sys.stderr, flush=True)

    docs = build_documents(rng, clauses)
    repo = Repo.init(root)
    # ---- the zero draft, tagged
    files = {"negotiation.yaml": emit_negotiation(docs).encode(), **_section_files(docs)}
    with repo.transaction("Zero draft circulated by the Chair", author=SECRETARIAT, trailers={"Version": "zero"},
                          date="2024-08-30T12:00:00") as tx:
        for path, data in files.items():
            tx.write(path, data)
    repo.tag_version("zero", "Zero draft", date="2024-08-30T12:00:00")
    say(f"zero draft: {len(all_clauses(docs))} clauses")

    # ---- proposals on the zero draft: distinct clauses, so that accepted ones apply cleanly in turn
    paragraphs = [c for c in all_clauses(docs) if c["kind"] == "paragraph"]
    top = [c for d in docs for s in d["sections"] for c in s["clauses"] if c["kind"] == "paragraph"]
    used: set[str] = set()
    zero: list[dict[str, Any]] = []
    n_add = 0
    while len(zero) < decisions:
        op = rng.choices(OPS, ZERO_WEIGHTS)[0]
        pool = top if op in ("remove", "move", "add") else paragraphs
        target = pool[rng.randrange(len(pool))]
        if target["id"] in used or (op == "remove" and target["children"]):
            continue
        n_add += op == "add"
        a = make_amendment(rng, docs, op, target, f"{target['id']}-add{n_add}")
        if a is None:
            continue
        ref = (a["change"][1].get("after") or a["change"][1].get("before")) if op in ("move", "add") else None
        if ref is not None and ref in used:
            continue
        used.update({target["id"], *([ref] if isinstance(ref, str) else [])})
        a["submitted"] = f"2024-09-{2 + len(zero) * 10 // decisions:02d}"
        a["status"] = "submitted"
        zero.append(a)
    _number_ids(zero, "zero")
    with repo.transaction(f"Proposals on the zero draft ({len(zero)})", author=SECRETARIAT,
                          trailers={"Version": "zero", "Amendment": [a["id"] for a in zero]},
                          date="2024-09-13T18:00:00") as tx:
        for a in zero:
            tx.write(f"amendments/zero/{a['id']}.yaml", emit_amendment(a).encode())
    say(f"{len(zero)} proposals on the zero draft")

    # ---- decisions, one commit each, as `drafting decide` records them
    verbs = ["accept", "modify", "reject", "withdraw", "merge", "accommodate"]
    statuses = {"accept": "accepted", "modify": "modified", "reject": "rejected", "withdraw": "withdrawn",
                "merge": "merged", "accommodate": "accommodated"}
    for i, a in enumerate(zero):
        op = a["change"][0]
        verb = rng.choices(verbs, [45, 10, 15, 10, 10, 10])[0]
        if verb == "modify" and op not in ("replace", "insert"):
            verb = "accept"
        if verb == "merge" and i == 0:
            verb = "reject"
        day = 23 + i * 5 // len(zero)
        date = f"2024-09-{day}"
        decision: dict[str, Any] = {"date": date, "note": None, "text": None, "into": None, "clause": None}
        override = None
        if verb == "modify":
            override = PHRASES[a["lang"]][rng.randrange(len(PHRASES[a["lang"]]))]
            if op == "replace":
                override = f"{a['change'][1]['old']} {override}"
            decision["text"] = override
            decision["note"] = "Compromise wording agreed in informal consultations."
        elif verb == "merge":
            decision["into"] = zero[rng.randrange(i)]["id"]
            decision["note"] = "Merged with a similar proposal."
        elif verb == "accommodate":
            free = [c for c in paragraphs if c["id"] not in used]
            decision["clause"] = free[rng.randrange(len(free))]["id"]
            decision["note"] = "The concern is addressed in another paragraph."
        elif verb == "accept":
            decision["note"] = "Agreed at the first reading."
        elif verb == "withdraw":
            decision["note"] = "Withdrawn by the proponent."
        a["status"] = statuses[verb]
        a["decision"] = decision
        changed: dict[str, bytes] = {}
        if verb in ("accept", "modify"):
            before = _section_files(docs)
            apply_decision(docs, a, override)
            after = _section_files(docs)
            changed = {p: d for p, d in after.items() if before.get(p) != d}
        changed[f"amendments/zero/{a['id']}.yaml"] = emit_amendment(a).encode()
        where = a.get("target") or a["change"][1].get("after") or a["change"][1].get("before") or ""
        who = NAMES_EN[a["by"]]
        subject = f"{verb.capitalize()} {a['id']} ({who}) on {where}"
        if verb == "merge":
            subject = f"Merge {a['id']} ({who}) into {decision['into']}"
        elif verb == "accommodate":
            subject = f"Accommodate {a['id']} ({who}) in {decision['clause']}"
        trailers: dict[str, Any] = {"Amendment": a["id"], "Proponent": a["by"], "Decision": statuses[verb]}
        if a.get("cosponsors"):
            trailers["Co-sponsors"] = ", ".join(a["cosponsors"])
        if a.get("target"):
            trailers["Clause"] = a["target"]
        with repo.transaction(subject + (f"\n\n{decision['note']}" if decision["note"] else ""),
                              author=SECRETARIAT, trailers=trailers,
                              date=f"{date}T{9 + i % 9:02d}:{i * 7 % 60:02d}:00") as tx:
            for path, data in changed.items():
                tx.write(path, data)
    say(f"{len(zero)} decisions")

    # ---- Rev.1 issued through drafting itself (validates the whole workspace on the way)
    api.issue(str(root), "rev1", label={"es": "Rev.1", "en": "Rev.1", "pt": "Rev.1", "fr": "Rév.1"},
              date="2024-10-04", compile_drafts=False, commit_date="2024-10-04T18:00:00")
    say("rev1 issued")

    # ---- open amendments against Rev.1
    paragraphs = [c for c in all_clauses(docs) if c["kind"] == "paragraph"]
    hot = rng.sample(paragraphs, max(1, len(paragraphs) // 10))
    opened: list[dict[str, Any]] = []
    text_ops: dict[str, list[dict[str, Any]]] = {}
    n_new = 0
    while len(opened) < amendments:
        op = rng.choices(OPS, OPEN_WEIGHTS)[0]
        target = hot[rng.randrange(len(hot))] if rng.random() < 0.35 else paragraphs[rng.randrange(len(paragraphs))]
        if op in ("replace", "delete", "bracket") and text_ops and rng.random() < 0.2:
            contested = list(text_ops)  # dicts keep insertion order: deterministic
            target = locate(docs, contested[rng.randrange(len(contested))])[0:2]
            target = target[0][target[1]]
        competing = None
        rivals = text_ops.get(target["id"])
        if op in ("replace", "delete", "bracket") and rivals and rng.random() < 0.5:
            competing = rivals[rng.randrange(len(rivals))]
            if competing["change"][0] not in ("replace", "delete", "bracket") or "old" not in competing["change"][1]:
                competing = None
        n_new += op == "add"
        a = make_amendment(rng, docs, op, target, f"new-{n_new}", competing)
        if a is None:
            continue
        if op in ("replace", "delete", "bracket", "insert"):
            text_ops.setdefault(target["id"], []).append(a)
        a["submitted"] = f"2024-{10 + len(opened) * 2 // amendments:02d}-{10 + len(opened) * 17 % 19:02d}"
        a["status"] = "submitted"
        opened.append(a)
    _number_ids(opened, "rev1")
    if opened:
        with repo.transaction(f"Proposals on Rev.1 ({len(opened)})", author=SECRETARIAT,
                              trailers={"Version": "rev1"},
                              date="2024-11-29T18:00:00") as tx:
            for a in opened:
                tx.write(f"amendments/rev1/{a['id']}.yaml", emit_amendment(a).encode())
    say(f"{len(opened)} open amendments on Rev.1")
    repo.dirty_paths()  # refresh the index's stat cache, as a working copy in use has it
    ops_count: dict[str, int] = {}
    for a in opened:
        ops_count[a["change"][0]] = ops_count.get(a["change"][0], 0) + 1
    decide = next((a for a in opened if a["change"][0] == "replace" and a["lang"] == "es"), None)
    return {
        "generator": GENERATOR_VERSION, "seed": seed, "clauses": len(all_clauses(docs)),
        "clauses_requested": clauses, "paragraphs": len(paragraphs),
        "top_level": sum(len(s["clauses"]) for d in docs for s in d["sections"]),
        "languages": list(LANGS), "delegations": len(STATES) + len(GROUPS) + len(OTHERS),
        "documents": [d["id"] for d in docs], "sections": sum(len(d["sections"]) for d in docs),
        "decisions": len(zero), "open_amendments": len(opened), "operations": ops_count,
        "competing": sum(1 for lst in text_ops.values() for i, a in enumerate(lst)
                         if any(b["change"][1].get("old") == a["change"][1].get("old") for b in lst[:i])),
        "decide_id": decide["id"] if decide else None,
        "seconds": round(time.perf_counter() - started, 2),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    p.add_argument("dir")
    p.add_argument("--clauses", type=int, default=70)
    p.add_argument("--amendments", type=int, default=35)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--decisions", type=int, help="proposals on the zero draft, each decided (default: clauses/40, "
                                                 "at least 12)")
    p.add_argument("--force", action="store_true", help="replace DIR if it exists")
    p.add_argument("--quiet", action="store_true")
    args = p.parse_args(argv)
    root = Path(args.dir)
    if args.force and root.exists():
        shutil.rmtree(root)
    info = generate(root, clauses=args.clauses, amendments=args.amendments, seed=args.seed,
                    decisions=args.decisions, quiet=args.quiet)
    print(json.dumps(info, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
