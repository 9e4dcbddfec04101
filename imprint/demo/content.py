"""The fictional institute the demo builds: every name and sentence here is invented."""

INSTITUTE = {
    "name": "Meridian Institute for Korea and the Pacific",
    "short_name": "Meridian Institute",
    "tagline": "Independent research on the Korean peninsula and the Indo-Pacific",
    "address": (
        "1200 Harbor Lane NW, Suite 400, Washington, DC 20005\n"
        "Seoul office: 88 Namsan Garden-ro, 11th floor, Jung-gu, Seoul 04637\n"
        "(Both addresses are fictional.)"
    ),
    "contact_email": "publications@meridian.example.org",
    "copyright_notice": (
        "© Meridian Institute for Korea and the Pacific (a fictional demo institute)"
    ),
    "legal_notice": (
        "<p>The Meridian Institute is a fictional organisation created for this demonstration. "
        "In this story it is registered under the Foreign Agents Registration Act because it "
        "receives support from the equally fictional Peninsula Policy Foundation. The views "
        "expressed in this publication are the authors' own and not the Institute's.</p>"
    ),
    "social": [
        ("Mastodon", "https://social.example.org/@meridian"),
        ("LinkedIn", "https://www.linkedin.example.org/company/meridian"),
        ("YouTube", "https://video.example.org/meridian"),
    ],
}

HOME = {
    "intro": (
        "<p>Research, analysis and a peer-reviewed journal on the Korean peninsula and the "
        "wider Indo-Pacific, from Washington and Seoul.</p>"
    ),
    "signup_text": "<p>New briefs, reports and journal issues, once a month.</p>",
}

REGIONS = [
    "Japan",
    "South Korea",
    "North Korea",
    "China",
    "Indo-Pacific",
    "United States",
    "Southeast Asia",
]
THEMES = ["Trade", "Security", "Energy", "Technology", "Alliances", "Climate", "Human rights"]

# (name, honorific, role, affiliation)
PEOPLE = [
    ("Hana Seo", "Dr.", "Senior Fellow for Alliance Studies", "Meridian Institute"),
    ("Daniel Whitcombe", "", "President", "Meridian Institute"),
    ("Min-jun Park", "Dr.", "Fellow for Economic Security", "Meridian Institute"),
    ("Yuki Tanabe", "Prof.", "Professor of International Relations", "Kansai Global University"),
    ("Grace Oduya", "", "Director of Research", "Meridian Institute"),
    ("Seo-yeon Lim", "Dr.", "Research Fellow", "Institute for Maritime Futures"),
    ("Kenji Morimoto", "", "Visiting Scholar", "Meridian Institute"),
    ("Laura Castellanos", "Dr.", "Senior Fellow for Energy", "Meridian Institute"),
    ("Ji-ho Kang", "", "Program Officer", "Meridian Institute"),
    ("Aiko Fujisawa", "Dr.", "Associate Professor", "Northern Lights University"),
    ("Marcus Bell", "", "Nonresident Fellow", "Harbor Policy Group"),
    ("Eun-ji Yoon", "Dr.", "Fellow for Technology Policy", "Meridian Institute"),
    ("Priya Raman", "Dr.", "Senior Analyst", "Oceanic Strategy Forum"),
    ("Tomás Herrera", "", "Research Associate", "Meridian Institute"),
    ("Sung-min Cho", "Prof.", "Professor of Economics", "Hanbit National University"),
    ("Naomi Whitaker", "", "Editor", "Meridian Institute"),
    ("Haruto Ishida", "Dr.", "Research Fellow", "Pacific Resilience Center"),
    ("Claire Dubois", "Dr.", "Fellow for Climate and Security", "Meridian Institute"),
    ("Do-hyun Baek", "", "Junior Fellow", "Meridian Institute"),
    ("Rebecca Asante", "Dr.", "Nonresident Senior Fellow", "Bayside Center for Asia"),
    ("Takeshi Ono", "", "Former Diplomat in Residence", "Meridian Institute"),
    ("Olivia Grant", "", "Communications Director", "Meridian Institute"),
]

JOURNAL = {
    "title": "Pacific Peninsula Review",
    "about": (
        "<p>The <i>Pacific Peninsula Review</i> is Meridian's peer-reviewed journal. Each issue "
        "gathers scholars and practitioners around one question facing the Korean peninsula and "
        "its neighbours.</p>"
    ),
    "editorial_intro": (
        "<p>We publish work that is rigorous, readable and useful to people who make policy. "
        "Every article is reviewed by two outside readers.</p>"
    ),
}

ISSUE_THEMES = [
    "Alliances under strain",
    "Economic security and supply chains",
    "The maritime commons",
    "Technology and trust",
    "Energy transitions in Northeast Asia",
    "Diplomacy after deterrence",
]
SECTION_TITLES = [
    ("Alliance politics", "New areas of cooperation"),
    ("Markets and power", "Policy responses"),
    ("Law of the sea", "Coastal communities"),
    ("Chips and standards", "Data and governance"),
    ("Grids and fuels", "Climate diplomacy"),
    ("Talks and signals", "Regional voices"),
]

SERIES = {
    "title": "Alliance Futures Brief Series",
    "intro": (
        "<p>A limited series of short briefs, each distilled from a full paper in the "
        "<i>Pacific Peninsula Review</i>, for readers who need the argument in ten minutes.</p>"
    ),
}

BLOG = {
    "title": "The Peninsula Desk",
    "intro": "<p>Short commentary from Meridian's fellows on the week's news.</p>",
}

PHOTO_CREDITS = [
    ("Meridian Institute graphics", "CC BY 4.0"),
    ("Jae-won Lim for Meridian Institute", "Used with permission"),
    ("Sora Kitamura for Meridian Institute", "CC BY-NC 4.0"),
]

# Foreign-language items: (title, English title). The English title is what the PDF shows
# on a machine without a CJK font.
FOREIGN_BRIEFS = {
    "ko": (
        "한반도 동맹의 미래: 억제와 협력 사이에서",
        "The future of the peninsula's alliances: between deterrence and cooperation",
    ),
    "ja": (
        "インド太平洋の経済安全保障と日本の選択",
        "Economic security in the Indo-Pacific and Japan's choices",
    ),
}
FOREIGN_BRIEF_SUBTITLES = {
    "ko": "A Korean-language brief on alliance futures",
    "ja": "A Japanese-language brief on economic security",
}
FOREIGN_ARTICLES = {
    "ko": (
        "동맹 비용 분담의 정치경제: 한국의 선택지",
        "The political economy of alliance cost-sharing: Korea's options",
    ),
    "ja": (
        "海洋秩序と日韓協力の新たな可能性",
        "Maritime order and new possibilities for Japan-Korea cooperation",
    ),
}
