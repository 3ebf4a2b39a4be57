"""The words of the synthetic negotiation: clause texts in four languages, the wordings amendments bring
in, rationales, and the roster of delegations (31 states, a territory, four groups, an observer, an
organization, a civil-society coalition and the secretariat) from which a negotiation's parties are drawn."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

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
NAMES_EN = {s[0]: s[2] for s in STATES} | {g[0]: g[1]["en"] for g in GROUPS} | {o[0]: o[1]["en"] for o in OTHERS}
SECRETARIAT = ("UNHCR (secretariat)", "unhcr@delegations.drafting.invalid")
# states in the order a smaller negotiation takes them: the members of the groups first, so that every
# group keeps at least two members
STATE_ORDER = ["ARG", "BRA", "PRY", "URY", "BOL", "COL", "ECU", "PER", "CRI", "GTM", "PAN", "JAM", "TTO", "BRB",
               "CHL", "MEX", "DOM", "HND", "SLV", "NIC", "GUY", "HTI", "BHS", "BLZ", "DMA", "GRD", "KNA",
               "LCA", "VCT", "SUR", "CUB"]
MAX_DELEGATIONS = len(STATES) + len(GROUPS) + len(OTHERS)


@dataclass(frozen=True)
class Roster:
    """The parties of one negotiation: states, groups (with their members among those states), others."""

    states: tuple[tuple[str, str, str, str, str], ...]
    groups: tuple[tuple[str, T, list[str]], ...]
    others: tuple[tuple[str, T, str], ...]

    @property
    def state_codes(self) -> list[str]:
        return [s[0] for s in self.states]

    @property
    def size(self) -> int:
        return len(self.states) + len(self.groups) + len(self.others)


def roster(delegations: int) -> Roster:
    """``delegations`` parties (8 to 40): the territory, the observer, the organization, the civil-society
    coalition and the secretariat, then as many groups (each with two members or more) and states."""
    delegations = max(8, min(MAX_DELEGATIONS, delegations))
    for n_groups in range(len(GROUPS), -1, -1):
        chosen = set(STATE_ORDER[:max(0, delegations - n_groups - len(OTHERS))])
        groups = [(code, name, [m for m in members if m in chosen]) for code, name, members in GROUPS]
        groups = [g for g in groups if len(g[2]) >= 2]
        if len(groups) >= n_groups:
            break
    states = tuple(s for s in STATES if s[0] in chosen)
    return Roster(states, tuple(groups[:n_groups]), tuple(OTHERS))


def roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += numeral
            n -= value
    return out
