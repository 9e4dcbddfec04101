"""A seeded generator of plausible policy prose, written for the demo (no outside text)."""

from __future__ import annotations

import random

ACTORS = [
    "Seoul",
    "Tokyo",
    "Washington",
    "Beijing",
    "Pyongyang",
    "Canberra",
    "New Delhi",
    "Manila",
    "Hanoi",
    "Jakarta",
    "the alliance",
    "regional partners",
    "coastal states",
    "middle powers",
    "the new administration",
    "the National Assembly",
    "the Diet",
    "export-control authorities",
    "shipbuilders",
    "chip makers",
    "port operators",
    "energy importers",
    "defense planners",
]
VERBS = [
    "is rethinking",
    "has quietly expanded",
    "struggles to fund",
    "is hedging on",
    "cannot ignore",
    "has underinvested in",
    "is racing to secure",
    "now depends on",
    "should coordinate",
    "is testing",
    "has begun to reframe",
    "must renegotiate",
]
OBJECTS = [
    "its maritime surveillance network",
    "supply chains for critical minerals",
    "extended deterrence commitments",
    "semiconductor export rules",
    "liquefied natural gas contracts",
    "trilateral missile-warning cooperation",
    "undersea cable security",
    "fisheries enforcement",
    "the reconstruction of shipyards",
    "climate finance for island states",
    "nuclear fuel supply",
    "cross-border data rules",
    "defense industrial cooperation",
    "humanitarian access",
    "the cost-sharing agreement",
    "port investment screening",
    "grid interconnection plans",
]
CLAUSES = [
    "even as budgets tighten",
    "while public opinion shifts",
    "after years of drift",
    "with little public debate",
    "despite strong domestic resistance",
    "as elections approach",
    "in the shadow of rising tensions",
    "under pressure from industry",
    "faster than expected",
]
OPENERS = [
    "In practice,",
    "Taken together,",
    "For now,",
    "More quietly,",
    "At the same time,",
    "By most measures,",
    "Seen from the region,",
    "On paper,",
    "Over the past decade,",
]
CONSEQUENCES = [
    "the gap between commitments and capabilities is widening",
    "allies will need clearer rules for sharing the burden",
    "small disruptions can cascade through the regional economy",
    "legislators have an opening to set durable guardrails",
    "the risk of miscalculation rises in every crisis",
    "investors are reading the signals more closely than diplomats",
    "coordination matters more than any single policy tool",
]
TITLE_PATTERNS = [
    "{Topic} after the summit: what changes and what does not",
    "Rethinking {topic} in an age of rivalry",
    "The quiet politics of {topic}",
    "{Topic} and the limits of alliance coordination",
    "Why {topic} needs a new playbook",
    "Five questions about {topic}",
    "Mapping the risks in {topic}",
    "{Topic}: a decade of lessons",
    "Beyond the headlines on {topic}",
    "Building trust on {topic}",
    "Costs and choices in {topic}",
    "A practical agenda for {topic}",
]
RECOMMENDATION_HEADS = [
    "Fund what has been promised",
    "Create a standing coordination channel",
    "Publish clear criteria",
    "Invest in shared early warning",
    "Protect civilian infrastructure",
    "Bring legislators in early",
    "Set a review date",
    "Share the data",
]


def sentence(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return (
            f"{rng.choice(OPENERS)} {rng.choice(ACTORS)} {rng.choice(VERBS)} "
            f"{rng.choice(OBJECTS)} {rng.choice(CLAUSES)}."
        )
    actor = rng.choice(ACTORS)
    return f"Because {actor} {rng.choice(VERBS)} {rng.choice(OBJECTS)}, {rng.choice(CONSEQUENCES)}."


def paragraph(rng: random.Random, sentences: tuple[int, int] = (3, 6)) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(*sentences)))


def title(rng: random.Random, topic: str) -> str:
    pattern = rng.choice(TITLE_PATTERNS)
    return pattern.format(topic=topic, Topic=topic[0].upper() + topic[1:])


def recommendations(rng: random.Random, count: int = 3) -> list[tuple[str, str]]:
    heads = rng.sample(RECOMMENDATION_HEADS, count)
    return [(head, paragraph(rng, (1, 2))) for head in heads]


SECTION_HEADINGS = {
    "en": [
        "Introduction",
        "Background",
        "The policy problem",
        "What has changed",
        "Options for the alliance",
        "Costs and trade-offs",
        "Regional perspectives",
        "Recommendations",
        "Risks to watch",
        "Conclusion",
    ],
    "ko": [
        "서론",
        "배경",
        "정책 과제",
        "무엇이 달라졌는가",
        "동맹의 선택지",
        "비용과 상충 관계",
        "지역의 시각",
        "정책 제언",
        "주목해야 할 위험",
        "결론",
    ],
    "ja": [
        "はじめに",
        "背景",
        "政策課題",
        "何が変わったのか",
        "同盟の選択肢",
        "コストとトレードオフ",
        "地域の視点",
        "政策提言",
        "注視すべきリスク",
        "結論",
    ],
}
SUMMARY_LABEL = {"en": "Executive summary", "ko": "요약", "ja": "要旨"}

KOREAN_PARAGRAPHS = [
    "한반도의 안보 환경은 빠르게 변하고 있다. 동맹국들은 억제력의 신뢰성을 높이기 위해 "
    "정보 공유와 공동 훈련을 확대해야 한다.",
    "공급망 재편은 한국 경제에 기회이자 위험이다. 핵심 광물과 반도체 분야에서 협력의 "
    "규칙을 명확히 하는 것이 중요하다.",
    "의회와 시민 사회가 정책 논의에 일찍 참여할수록 합의는 더 오래 지속된다.",
    "해양 감시 능력을 공유하면 작은 사건이 위기로 번지는 것을 막을 수 있다. 항만과 해저 "
    "케이블 같은 민간 기반 시설의 보호도 같은 틀에서 논의되어야 한다.",
    "에너지 수입국인 한국과 일본은 액화천연가스 계약과 전력망 연계에서 공동의 이해를 "
    "갖고 있다. 위기 때 서로의 재고를 빌려 쓰는 약속은 비용이 적고 효과가 크다.",
    "동맹의 비용 분담 협상은 숫자만의 문제가 아니다. 무엇을 함께 지키려는지에 대한 "
    "설명이 부족하면 어떤 합의도 국내 정치의 시험을 통과하기 어렵다.",
    "기술 협력은 수출 통제와 연구 개방성 사이의 균형을 요구한다. 명확한 기준을 공개하면 "
    "기업과 대학이 예측 가능한 계획을 세울 수 있다.",
    "중견국과의 협력은 부담을 나누고 신뢰를 쌓는 두 가지 면에서 모두 필요하다.",
]
JAPANESE_PARAGRAPHS = [
    "インド太平洋の海洋秩序は大きな転換点にある。同盟国は監視能力を共有し、危機の際の "
    "意思疎通を確かなものにする必要がある。",
    "経済安全保障の議論では、重要鉱物と半導体の供給網をどう守るかが中心的な課題となっている。",
    "地域の中堅国との協力は、負担の分担と信頼の構築の両面で欠かせない。",
    "港湾や海底ケーブルといった民間のインフラは、平時から守りを固めておかなければ、"
    "有事に真っ先に狙われる。官民の情報共有の仕組みづくりが急がれる。",
    "エネルギーを輸入に頼る日本と韓国は、液化天然ガスの融通や電力網の連系で共通の利益を "
    "持っている。互いの在庫を貸し借りする取り決めは、費用が小さく効果が大きい。",
    "同盟の費用分担は数字だけの問題ではない。何を共に守るのかという説明がなければ、"
    "どのような合意も国内政治の試練に耐えられない。",
    "技術協力では、輸出管理と研究の開放性とのバランスが問われる。基準を明確に公表すれば、"
    "企業や大学は見通しを持って計画を立てられる。",
    "国会と市民社会が早い段階から議論に加わるほど、合意は長続きする。",
]
