"""Words the entity rules key on, in Indonesian and English (language, not world knowledge).

Names of particular organisations, people and places live in ``ontology/entities.ttl``;
this module lists only the words that *introduce* or *make up* names of a kind: heads of
organisation names ("Kementerian", "Council"), of programme and document titles ("Program
Kerja", "Declaration"), post titles, honorifics and attribution verbs.
"""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS as _EN_STOP
from spacy.lang.id.stop_words import STOP_WORDS as _ID_STOP

from labourgraph import lexicons as _lexicons

#: Words that head an organisation name (Indonesian: first; English: usually last).
ORG_HEADS = frozenset("""
kementerian kemeterian badan dewan konfederasi federasi serikat direktorat biro departemen sekretariat
komite komisi jaringan jejaring lembaga organisasi satuan gugus asosiasi perhimpunan persatuan kantor
dinas institut universitas kongres majelis kepolisian otoritas yayasan kamar ikatan aliansi kedutaan konsulat
pusat balai humas disnaker disnakertrans pemprov pemkab pemkot blk bbpvp bpvp upt uptd lpk kbri kjri kdei ministry department council confederation union congress federation organization organisation
committee commission secretariat agency bureau office network association authority institute
university directorate board foundation alliance chamber embassy consulate group centre center
""".split())
#: Indonesian heads, which open their names ("Badan Nasional …"): no words stand before them.
ID_ORG_HEADS = frozenset("""
kementerian kemeterian badan dewan konfederasi federasi serikat direktorat biro departemen sekretariat
komite komisi jaringan jejaring lembaga organisasi satuan gugus asosiasi perhimpunan persatuan kantor
dinas institut universitas kongres majelis kepolisian otoritas yayasan kamar ikatan aliansi kedutaan konsulat
pusat balai humas disnaker disnakertrans pemprov pemkab pemkot blk bbpvp bpvp upt uptd lpk kbri kjri kdei
""".split())
#: Heads of regional government offices and training institutions, whose names end with
#: their seat ("Dinas Tenaga Kerja Provinsi Jawa Timur", "BLK Serang", "Pemprov Jawa Tengah").
REGIONAL_HEADS = frozenset("""
dinas disnaker disnakertrans balai blk bbpvp bpvp upt uptd lpk pemprov pemkab pemkot kantor kbri kjri kdei
""".split())
#: Title words that only modify a post ("Senior Director", "Deputy Minister"): not a post alone.
TITLE_MODIFIERS = frozenset("senior executive eksekutif chief permanent tetap utama wakil vice deputy deputi".split())
#: Heads that are organisation units, not whole bodies.
UNIT_HEADS = frozenset("direktorat biro departemen department bureau directorate divisi division bagian unit pusat humas "
                       "centre center".split())

#: Heads of the parts of a ministry or agency ("Badan Perencanaan … Kemnaker"): written before
#: their parent, they are its units (a federation before its confederation is not).
GOVERNMENT_UNIT_HEADS = frozenset("badan pusat balai sekretariat inspektorat direktorat biro bagian humas".split())

#: Title heads of programmes (lg:Programme) and documents (lg:Document), as word tuples:
#: ``lexicons/{id,en}/title_heads.tsv``.
PROGRAMME_HEADS = tuple(tuple(r[0].split()) for lang in _lexicons.LANGUAGES for r in _lexicons.rows(lang, "title_heads")
                        if r[1] == "Programme")
DOCUMENT_HEADS = tuple(tuple(r[0].split()) for lang in _lexicons.LANGUAGES for r in _lexicons.rows(lang, "title_heads")
                       if r[1] == "Document")
#: The English ones among them (an English title may put words before its head).
ENGLISH_TITLE_HEADS = frozenset(r[0] for r in _lexicons.rows("en", "title_heads"))
#: Lower-case programme/document heads that start a title even without a capital letter.
LOWERCASE_TITLE_HEADS = (("program", "kerja"), ("rencana", "kerja"), ("rencana", "aksi"), ("nota", "kesepahaman"),
                         ("visi",), ("piagam",))

#: Words that make up post titles ("Sekretaris Jenderal", "Deputy Director", "Kepala"), and
#: those that can start one (others only continue one): ``lexicons/{id,en}/posts.tsv``.
TITLE_WORDS = frozenset(r[0] for lang in _lexicons.LANGUAGES for r in _lexicons.rows(lang, "posts"))
TITLE_STARTS = frozenset(r[0] for lang in _lexicons.LANGUAGES for r in _lexicons.rows(lang, "posts")
                         if len(r) > 1 and r[1] == "start")

#: Honorifics before a person's name.
HONORIFICS = frozenset("""
dr. dr drs. drs ir. prof. prof h. hj. bapak ibu pak bu mr. mrs. ms. mr mrs ms madam sir his her excellency h.e.
saudara sdr. tuan nyonya datuk dato dato' datin haji hajjah khun
""".split())

#: Attribution verbs placed before the speaker ("ujar Cris", "said Joan Moh").
VERBS_BEFORE_NAME = frozenset("""
ujar kata tegas jelas ungkap tambah papar tutup lanjut imbuh sebut terang tandas pungkas tukas kata
menurut dikatakan said says told according
""".split())
#: Words before an agent that may be a person or a body ("dipimpin oleh …", "chaired by …").
AGENT_BEFORE_NAME = frozenset("oleh dipimpin by diwakili met bertemu menemui".split())
#: Verbs that follow a speaker or actor ("Cris menambahkan", "Anwar Sanusi mengatakan").
VERBS_AFTER_NAME = frozenset("""
mengatakan menyampaikan menjelaskan menekankan menegaskan menyatakan menyebut menambahkan mengungkapkan
berharap mangetakan memberikan meminta mendesak menilai mengajak mendorong membuka menutup berpidato
menghadiri dijadwalkan melakukan didampingi mengapresiasi mengharapkan memaparkan menuturkan mengimbau
menerangkan berbicara hadir bertemu menerima menjabat said says stated noted added emphasised emphasized stressed
explained urged told opened welcomed highlighted underlined underscored affirmed reaffirmed expressed delivered
presented chaired led shared announced remarked thanked acknowledged encouraged proposed pointed asserted
menyoroti memimpin mewakili menyerahkan menjawab berkata menanggapi mengemukakan menggarisbawahi mengusulkan
menyambut menyebutkan memaparkan menandatangani met meets visited
""".split())

#: Words that name a meeting: an organisation head followed by one ("Coordinating Board
#: Meeting") is a meeting name, which the event stage reads.
MEETING_WORDS = frozenset("""
meeting meetings conference summit forum workshop seminar symposium dialogue session pertemuan konferensi
ktt lokakarya sidang rapat
""".split())

#: Words that join the parts of a name ("Serikat Pekerja Informal dan Migran").
CONNECTORS = frozenset("dan untuk bagi tentang of and for the on in to dari pada terhadap towards from se atas di & at a an".split())
#: Connectors that may not join an organisation name to what follows it.
WEAK_CONNECTORS = frozenset("di dari pada at to the".split())

#: Words that are never (parts of) names even when capitalised.
NON_NAME_WORDS = frozenset("""
senin selasa rabu kamis jumat jum'at jumát sabtu minggu ahad monday tuesday wednesday thursday friday saturday
sunday wib wita wit foto baca juga populer update komentar penulis editor reporter photo posted
""".split())
#: Month names: not names before a day or year, but "Mei", "Juni", "April" are also parts of names.
MONTH_WORDS = frozenset("""
januari februari maret april mei juni juli agustus september oktober november desember january february march
may june july august october december
""".split())

STOP_WORDS = frozenset(_ID_STOP | _EN_STOP)

#: Words typical of organisation names (a person's name never uses them).
ORG_WORDS = frozenset("""
kerja sama kerjasama internasional nasional tenaga ketenagakerjaan ketengakerjaan pekerja buruh serikat seluruh
indonesia informal migran sertifikasi profesi pembinaan pengawasan perlindungan pelatihan hubungan industrial
sosial jaminan asean luar negeri dalam urusan umum jenderal penempatan pengembangan produktivitas perencanaan
keselamatan kesehatan transmigrasi perluasan kesempatan pelindungan penyandang disabilitas prajurit invalid perdagangan pengusaha layanan tugas
kebijakan program luar kawasan regional bidang perempuan anak keuangan ekonomi pendidikan teknologi
international national labour labor trade workers worker employers employer general affairs relations
industrial cooperation co-operation safety health occupational social security migrant development human
resources vocational training skills pacific asia asean regional affairs services service task force planning
policy women children economic education technology business employment manpower officials senior
home foreign interior welfare invalids finance industry justice law affairs working
bank dunia world global bangsa bangsa-bangsa perserikatan republik kerajaan uni eropa european united nations fund
company limited corporation solidarity rights advocacy sumber daya manusia
""".split())

#: Indonesian nominalisations pe(N)-…-an / ke-…-an ("Penjaminan", "Pemberdayaan",
#: "Ketenagakerjaan"): words of units and portfolios, never of a person's name.
_NOMINALISATION = re.compile(r"(?:pe[mnr]?|peng|peny|ke)[a-z]{3,}an")


def is_org_word(word: str) -> bool:
    """A word typical of organisation names (listed, or an Indonesian nominalisation)."""
    low = word.lower()
    return low in ORG_WORDS or (len(low) >= 8 and _NOMINALISATION.fullmatch(low) is not None)


#: Nationality adjectives -> the state's reference key ("Thai Labour Minister": Thailand's post).
DEMONYMS = {
    "thai": "country-th", "filipino": "country-ph", "philippine": "country-ph", "vietnamese": "country-vn",
    "malaysian": "country-my", "indonesian": "country-id", "cambodian": "country-kh", "lao": "country-la",
    "laotian": "country-la", "singaporean": "country-sg", "singapore": "country-sg", "bruneian": "country-bn",
    "myanmar": "country-mm", "burmese": "country-mm", "timorese": "country-tl",
}
