"""Hong Kong names: English as on the HKID card (``CHAN, Tai Man``) with the matching Chinese name
(``陳大文``), in the Hong Kong government romanisation of Cantonese.

Surnames are weighted roughly by their frequency in Hong Kong; given names are two syllables (a few
have one) drawn from pools that depend on sex and birth year, because names changed over the
decades (``Kam Chuen`` and ``Yuk Lan`` for people born in the 1940s, ``Hiu Tung`` and ``Chun Hei``
for children born after 2005). Each syllable is a (Chinese character, romanisation) pair, so the
English and Chinese names always correspond. Every character is encodable in Big5-HKSCS (some, like
恒, only with the HKSCS extension), so any name can go into a Big5-HKSCS roster file.
"""

from __future__ import annotations

import bisect
import random
from itertools import accumulate
from typing import NamedTuple

__all__ = [
    "ENGLISH_GIVEN",
    "GIVEN_POOLS",
    "SURNAMES",
    "HkName",
    "NameMaker",
    "email_local_part",
    "homophone_zh",
    "initials_en",
    "joined_en",
    "misspell",
    "with_english_name",
]


class Surname(NamedTuple):
    zh: str
    en: str
    weight: float  # relative frequency


class HkName(NamedTuple):
    surname_en: str  # CHAN
    surname_zh: str  # 陳
    given_en: tuple[str, ...]  # romanised syllables, e.g. ("Tai", "Man")
    given_zh: str  # 大文

    @property
    def en(self) -> str:
        """As printed on the HKID card: ``CHAN, Tai Man``."""
        return f"{self.surname_en}, {' '.join(self.given_en)}"

    @property
    def zh(self) -> str:
        return self.surname_zh + self.given_zh

    @property
    def surname(self) -> Surname:
        return Surname(self.surname_zh, self.surname_en, 0.0)


# Weights are rough shares (per cent) of the Hong Kong population; several characters have two
# common romanisations (葉 YIP / IP, 周 CHOW / CHAU, 蔡 CHOI / TSOI) and both are used.
SURNAMES: tuple[Surname, ...] = (
    Surname("陳", "CHAN", 8.0),
    Surname("黃", "WONG", 5.5),
    Surname("李", "LEE", 5.0),
    Surname("張", "CHEUNG", 3.5),
    Surname("梁", "LEUNG", 3.0),
    Surname("劉", "LAU", 3.0),
    Surname("林", "LAM", 3.0),
    Surname("何", "HO", 2.5),
    Surname("吳", "NG", 2.5),
    Surname("周", "CHOW", 1.8),
    Surname("王", "WONG", 1.5),
    Surname("曾", "TSANG", 1.5),
    Surname("楊", "YEUNG", 1.5),
    Surname("鄧", "TANG", 1.5),
    Surname("馮", "FUNG", 1.2),
    Surname("郭", "KWOK", 1.2),
    Surname("鄭", "CHENG", 1.2),
    Surname("謝", "TSE", 1.1),
    Surname("黎", "LAI", 1.0),
    Surname("羅", "LO", 1.0),
    Surname("朱", "CHU", 1.0),
    Surname("葉", "YIP", 1.0),
    Surname("馬", "MA", 0.9),
    Surname("譚", "TAM", 0.9),
    Surname("蘇", "SO", 0.8),
    Surname("趙", "CHIU", 0.8),
    Surname("胡", "WU", 0.8),
    Surname("鍾", "CHUNG", 0.8),
    Surname("麥", "MAK", 0.8),
    Surname("潘", "POON", 0.7),
    Surname("余", "YU", 0.7),
    Surname("蔡", "CHOI", 0.7),
    Surname("許", "HUI", 0.7),
    Surname("關", "KWAN", 0.6),
    Surname("盧", "LO", 0.6),
    Surname("袁", "YUEN", 0.6),
    Surname("廖", "LIU", 0.6),
    Surname("徐", "TSUI", 0.6),
    Surname("賴", "LAI", 0.5),
    Surname("蕭", "SIU", 0.5),
    Surname("高", "KO", 0.5),
    Surname("呂", "LUI", 0.5),
    Surname("方", "FONG", 0.5),
    Surname("莫", "MOK", 0.5),
    Surname("彭", "PANG", 0.5),
    Surname("陸", "LUK", 0.4),
    Surname("杜", "TO", 0.4),
    Surname("區", "AU", 0.4),
    Surname("江", "KONG", 0.4),
    Surname("唐", "TONG", 0.4),
    Surname("溫", "WAN", 0.4),
    Surname("邱", "YAU", 0.4),
    Surname("伍", "NG", 0.4),
    Surname("洪", "HUNG", 0.4),
    Surname("葉", "IP", 0.3),
    Surname("周", "CHAU", 0.3),
    Surname("程", "CHING", 0.3),
    Surname("孫", "SUEN", 0.3),
    Surname("文", "MAN", 0.3),
    Surname("姚", "YIU", 0.3),
    Surname("鄺", "KWONG", 0.3),
    Surname("嚴", "YIM", 0.3),
    Surname("范", "FAN", 0.3),
    Surname("石", "SHEK", 0.2),
    Surname("甘", "KAM", 0.2),
    Surname("柯", "OR", 0.2),
    Surname("古", "KU", 0.2),
    Surname("韋", "WAI", 0.2),
    Surname("岑", "SHUM", 0.2),
    Surname("蔡", "TSOI", 0.2),
    Surname("司徒", "SZETO", 0.15),
    Surname("歐陽", "AU YEUNG", 0.15),
    Surname("龍", "LUNG", 0.1),
    Surname("孔", "HUNG", 0.1),
    Surname("凌", "LING", 0.1),
    Surname("田", "TIN", 0.1),
)


def _syllables(text: str) -> tuple[tuple[str, str], ...]:
    """``"錦 Kam, 泉 Chuen"`` -> ``(("錦", "Kam"), ("泉", "Chuen"))``."""
    pairs = []
    for item in text.split(","):
        zh, en = item.split()
        pairs.append((zh, en))
    return tuple(pairs)


# Given-name syllables by era of birth and sex. A syllable listed twice is simply more common.
GIVEN_POOLS: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {
    # Born before 1965.
    ("old", "M"): _syllables(
        "錦 Kam, 泉 Chuen, 國 Kwok, 華 Wah, 志 Chi, 強 Keung, 偉 Wai, 明 Ming, 榮 Wing, 輝 Fai,"
        "雄 Hung, 德 Tak, 耀 Yiu, 祖 Cho, 宏 Wang, 鴻 Hung, 永 Wing, 富 Fu, 順 Shun, 昌 Cheong,"
        "光 Kwong, 興 Hing, 成 Shing, 發 Fat, 權 Kuen, 漢 Hon, 煥 Woon, 棠 Tong, 炳 Ping, 根 Kan,"
        "達 Tat, 兆 Siu, 振 Chun, 少 Siu, 家 Ka, 文 Man, 大 Tai, 福 Fuk, 樹 Shu, 基 Kei, 森 Sum,"
        "沛 Pui, 祥 Cheung, 新 San, 華 Wah, 明 Ming"
    ),
    ("old", "F"): _syllables(
        "玉 Yuk, 蘭 Lan, 秀 Sau, 英 Ying, 美 Mei, 鳳 Fung, 珍 Chun, 麗 Lai, 芬 Fun, 淑 Suk,"
        "嬌 Kiu, 月 Yuet, 桂 Kwai, 蓮 Lin, 彩 Choi, 燕 Yin, 卿 Hing, 群 Kwan, 金 Kam, 寶 Po,"
        "珠 Chu, 愛 Oi, 娟 Kuen, 霞 Ha, 好 Ho, 妹 Mui, 瓊 King, 雪 Suet, 碧 Pik, 翠 Chui,"
        "惠 Wai, 萍 Ping, 少 Siu, 婉 Yuen, 笑 Siu, 梅 Mui, 玉 Yuk, 英 Ying"
    ),
    # Born 1965-1989.
    ("mid", "M"): _syllables(
        "偉 Wai, 俊 Chun, 志 Chi, 家 Ka, 明 Ming, 健 Kin, 文 Man, 浩 Ho, 傑 Kit, 豪 Ho,"
        "國 Kwok, 嘉 Ka, 振 Chun, 耀 Yiu, 輝 Fai, 銘 Ming, 德 Tak, 永 Wing, 兆 Siu, 子 Tsz,"
        "煒 Wai, 達 Tat, 冠 Koon, 峰 Fung, 恒 Hang, 卓 Cheuk, 康 Hong, 強 Keung, 業 Yip, 聰 Chung,"
        "啟 Kai, 智 Chi, 鴻 Hung, 樂 Lok, 敏 Man, 君 Kwan, 昌 Cheong, 宇 Yu, 龍 Lung, 偉 Wai"
    ),
    ("mid", "F"): _syllables(
        "詠 Wing, 詩 Sze, 美 Mei, 玲 Ling, 慧 Wai, 敏 Man, 欣 Yan, 怡 Yi, 嘉 Ka, 麗 Lai,"
        "婷 Ting, 雅 Nga, 淑 Suk, 佩 Pui, 潔 Kit, 琳 Lam, 寶 Po, 靜 Ching, 小 Siu, 秀 Sau,"
        "芳 Fong, 翠 Chui, 穎 Wing, 愛 Oi, 婉 Yuen, 家 Ka, 少 Siu, 惠 Wai, 素 So, 月 Yuet,"
        "鳳 Fung, 玉 Yuk, 燕 Yin, 彩 Choi, 明 Ming, 思 Sze, 文 Man, 雪 Suet, 碧 Pik, 詠 Wing"
    ),
    # Born 1990 or later.
    ("young", "M"): _syllables(
        "浩 Ho, 俊 Chun, 子 Tsz, 天 Tin, 樂 Lok, 朗 Long, 卓 Cheuk, 霖 Lam, 諾 Lok, 軒 Hin,"
        "晞 Hei, 梓 Tsz, 柏 Pak, 皓 Ho, 希 Hei, 澄 Ching, 日 Yat, 言 Yin, 晉 Chun, 文 Man,"
        "宇 Yu, 鋒 Fung, 熙 Hei, 曦 Hei, 嘉 Ka, 健 Kin, 浚 Chun, 謙 Him, 逸 Yat, 灝 Ho,"
        "澤 Chak, 峻 Chun, 瑋 Wai, 駿 Chun, 正 Ching, 思 Sze, 家 Ka, 俊 Chun"
    ),
    ("young", "F"): _syllables(
        "曉 Hiu, 彤 Tung, 子 Tsz, 晴 Ching, 芷 Tsz, 穎 Wing, 心 Sum, 悅 Yuet, 琳 Lam, 靜 Ching,"
        "怡 Yi, 欣 Yan, 詠 Wing, 詩 Sze, 凱 Hoi, 雅 Nga, 樂 Lok, 希 Hei, 嘉 Ka, 諾 Lok,"
        "瑤 Yiu, 蔚 Wai, 婷 Ting, 楚 Cho, 慧 Wai, 澄 Ching, 恩 Yan, 瑩 Ying, 玥 Yuet, 言 Yin,"
        "卓 Cheuk, 凝 Ying, 芯 Sum, 蕎 Kiu, 柔 Yau, 雪 Suet, 晞 Hei, 曉 Hiu"
    ),
}

_SURNAME_CUM = tuple(accumulate(s.weight for s in SURNAMES))
# Share of people whose given name has one syllable (陳明 "CHAN, Ming").
_ONE_SYLLABLE_SHARE = 0.04


def era_of(birth_year: int) -> str:
    if birth_year < 1965:
        return "old"
    if birth_year < 1990:
        return "mid"
    return "young"


class NameMaker:
    """Draws names from one ``random.Random`` (the caller's, so the sequence is deterministic)."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._total = _SURNAME_CUM[-1]

    def surname(self) -> Surname:
        index = bisect.bisect_right(_SURNAME_CUM, self._rng.random() * self._total)
        return SURNAMES[min(index, len(SURNAMES) - 1)]

    def given(self, sex: str, birth_year: int) -> tuple[tuple[str, str], ...]:
        pool = GIVEN_POOLS[(era_of(birth_year), sex)]
        rng = self._rng
        first = pool[int(rng.random() * len(pool))]
        if rng.random() < _ONE_SYLLABLE_SHARE:
            return (first,)
        second = pool[int(rng.random() * len(pool))]
        while second[0] == first[0]:
            second = pool[int(rng.random() * len(pool))]
        return (first, second)

    def name(self, sex: str, birth_year: int, surname: Surname | None = None) -> HkName:
        family = surname if surname is not None else self.surname()
        given = self.given(sex, birth_year)
        while any(zh in family.zh for zh, _ in given):  # 龍龍卓: a surname is not repeated
            given = self.given(sex, birth_year)
        return HkName(
            family.en, family.zh, tuple(en for _, en in given), "".join(zh for zh, _ in given)
        )


def email_local_part(name: HkName) -> str:
    """``CHAN, Tai Man`` -> ``taiman.chan`` (ASCII, as people write it)."""
    given = "".join(name.given_en).lower()
    return f"{given}.{name.surname_en.replace(' ', '').lower()}"


# Common slips when a name is typed from memory (R3.3 "differs beyond normalisation" -> REVIEW).
_SLIPS = {
    "Wai": "Way",
    "Ming": "Meng",
    "Kam": "Kum",
    "Chun": "Tsun",
    "Yan": "Yun",
    "Man": "Mun",
    "Ching": "Cheng",
    "Wing": "Weng",
    "Ho": "Hoh",
    "Hei": "Hay",
    "Tsz": "Chi",
    "Lok": "Lock",
    "Yuet": "Yuit",
    "Sze": "Sze Sze",
    "Kwok": "Kwork",
    "Fung": "Fong",
    "Ka": "Kar",
}


def misspell(name: HkName, rng: random.Random) -> str:
    """The English name with one given syllable mistyped (a soft difference an officer judges)."""
    given = list(name.given_en)
    index = int(rng.random() * len(given))
    syllable = given[index]
    given[index] = _SLIPS.get(syllable, syllable + syllable[-1])
    return f"{name.surname_en}, {' '.join(given)}"


# Characters read alike in Cantonese (偉, 煒, 瑋 are all "Wai"): writing one for another is the
# commonest slip in a Chinese name, and R3.3 compares Chinese names exactly (REVIEW).
_HOMOPHONES: dict[str, tuple[str, ...]] = {}
for _pool in GIVEN_POOLS.values():
    for _zh, _en in _pool:
        if _zh not in _HOMOPHONES.get(_en, ()):
            _HOMOPHONES[_en] = (*_HOMOPHONES.get(_en, ()), _zh)
del _pool, _zh, _en


def homophone_zh(name: HkName, rng: random.Random) -> str | None:
    """The Chinese name with one given-name character replaced by another read the same way
    (``陳大偉`` -> ``陳大煒``), or None when no character of the name has a homophone here.

    Every replacement comes from the given-name pools, so it encodes in Big5-HKSCS too.
    """
    candidates = []
    for index, (zh, en) in enumerate(zip(name.given_zh, name.given_en, strict=True)):
        others = [c for c in _HOMOPHONES.get(en, ()) if c != zh and c not in name.given_zh]
        if others:
            candidates.append((index, others))
    if not candidates:
        return None
    index, others = candidates[int(rng.random() * len(candidates))]
    given = list(name.given_zh)
    given[index] = others[int(rng.random() * len(others))]
    return name.surname_zh + "".join(given)


def joined_en(name: HkName) -> str | None:
    """``CHAN, Taiman``: the given syllables run together (not equivalent under R3.3)."""
    if len(name.given_en) < 2:
        return None
    return f"{name.surname_en}, {name.given_en[0]}{''.join(g.lower() for g in name.given_en[1:])}"


def initials_en(name: HkName) -> str:
    """``CHAN, T M``: the given name as initials, as some people fill in a form."""
    return f"{name.surname_en}, {' '.join(g[0] for g in name.given_en)}"


# English given names many Hong Kong people use beside their Chinese one ("CHAN, Peter Tai Man").
ENGLISH_GIVEN: dict[str, tuple[str, ...]] = {
    "M": (
        "Peter",
        "David",
        "Michael",
        "Raymond",
        "Kelvin",
        "Eric",
        "Tommy",
        "Jason",
        "Alan",
        "Kenneth",
        "Patrick",
        "Vincent",
    ),
    "F": (
        "Mary",
        "Amy",
        "Winnie",
        "Carmen",
        "Ivy",
        "Karen",
        "Cindy",
        "Gloria",
        "Fanny",
        "Joyce",
        "Shirley",
        "Vivian",
    ),
}


def with_english_name(name: HkName, sex: str, rng: random.Random) -> str:
    """``CHAN, Peter Tai Man``: an English name the HKID card may not show (REVIEW)."""
    pool = ENGLISH_GIVEN["F" if sex == "F" else "M"]
    english = pool[int(rng.random() * len(pool))]
    return f"{name.surname_en}, {english} {' '.join(name.given_en)}"
