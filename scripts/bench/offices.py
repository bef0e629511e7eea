"""The benchmark's offices: the two seed offices among 50 regencies and cities of two provinces.

Region codes are Kemendagri's (Jawa Timur 35: 3501-3529 regencies, 3571-3579 cities; Jawa
Tengah 33); each office hangs under its province's office. ``BENCH_OFFICES`` (default 50) takes
the first n of the list, the two seed offices always among them, so that a run with 2 offices
and one with 50 measure the same volume.
"""

import os

JAWA_TIMUR = [
    ("3501", "kabupaten", "Pacitan"),
    ("3502", "kabupaten", "Ponorogo"),
    ("3503", "kabupaten", "Trenggalek"),
    ("3504", "kabupaten", "Tulungagung"),
    ("3505", "kabupaten", "Blitar"),
    ("3506", "kabupaten", "Kediri"),
    ("3507", "kabupaten", "Malang"),
    ("3509", "kabupaten", "Jember"),
    ("3510", "kabupaten", "Banyuwangi"),
    ("3511", "kabupaten", "Bondowoso"),
    ("3512", "kabupaten", "Situbondo"),
    ("3513", "kabupaten", "Probolinggo"),
    ("3514", "kabupaten", "Pasuruan"),
    ("3515", "kabupaten", "Sidoarjo"),
    ("3516", "kabupaten", "Mojokerto"),
    ("3517", "kabupaten", "Jombang"),
    ("3518", "kabupaten", "Nganjuk"),
    ("3519", "kabupaten", "Madiun"),
    ("3520", "kabupaten", "Magetan"),
    ("3521", "kabupaten", "Ngawi"),
    ("3522", "kabupaten", "Bojonegoro"),
    ("3523", "kabupaten", "Tuban"),
    ("3524", "kabupaten", "Lamongan"),
    ("3525", "kabupaten", "Gresik"),
    ("3526", "kabupaten", "Bangkalan"),
    ("3527", "kabupaten", "Sampang"),
    ("3528", "kabupaten", "Pamekasan"),
    ("3529", "kabupaten", "Sumenep"),
    ("3571", "kota", "Kediri"),
    ("3572", "kota", "Blitar"),
    ("3573", "kota", "Malang"),
    ("3575", "kota", "Pasuruan"),
    ("3576", "kota", "Mojokerto"),
    ("3577", "kota", "Madiun"),
    ("3578", "kota", "Surabaya"),
    ("3579", "kota", "Batu"),
]
JAWA_TENGAH = [
    ("3301", "kabupaten", "Cilacap"),
    ("3302", "kabupaten", "Banyumas"),
    ("3303", "kabupaten", "Purbalingga"),
    ("3304", "kabupaten", "Banjarnegara"),
    ("3305", "kabupaten", "Kebumen"),
    ("3306", "kabupaten", "Purworejo"),
    ("3307", "kabupaten", "Wonosobo"),
    ("3308", "kabupaten", "Magelang"),
    ("3309", "kabupaten", "Boyolali"),
    ("3310", "kabupaten", "Klaten"),
    ("3372", "kota", "Surakarta"),
    ("3374", "kota", "Semarang"),
]
JAWA_TENGAH_PROVINCE = {
    "slug": "prov-jawa-tengah",
    "region_code": "33",
    "level": "provinsi",
    "government": "Pemerintah Provinsi Jawa Tengah",
    "name": "Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Tengah",
    "short_name": "Disnakertrans",
    "address": "Jl. Pahlawan No. 16, Semarang",
    "region": "Provinsi Jawa Tengah",
    "province": "Jawa Tengah",
    "phone": "(024) 0000000",  # benchmark value
    "offers_job_exchange": False,
    "offers_akad": False,
    "offers_complaints": False,
}
COUNT = int(os.environ.get("BENCH_OFFICES", "50"))


def generated_values(code, level, name, province):
    kind = "Kota" if level == "kota" else "Kabupaten"
    short = "kota" if level == "kota" else "kab"
    return {
        "slug": f"{short}-{name.lower().replace(' ', '-')}",
        "region_code": code,
        "level": level,
        "government": f"Pemerintah {kind} {name}",
        "name": f"Dinas Tenaga Kerja {kind} {name}",
        "letterhead": f"PEMERINTAH {kind.upper()} {name.upper()}\nDINAS TENAGA KERJA",
        "address": f"Jl. Pemuda No. 1, {name}",
        "region": f"{kind} {name}",
        "province": province,
        "phone": f"(0{code[2:]}) 000000",  # benchmark value
        "complaint_number_format": f"{{seq}}/PGD-{code}/{{year}}",
        "permit_number_format": f"560/{{seq:04d}}/{code}/AKAD/{{year}}",
        "ak1_number_format": f"AK1-{code}/{{seq:06d}}/{{year}}",
    }


def bench_offices(count=None):
    """The benchmark's local offices (kota and kabupaten), created once, seed offices first.

    Returns a list of ``count`` (BENCH_OFFICES) offices; the province offices are their
    parents and hold no records.
    """
    from portal import standards
    from portal.demo import _office, load_offices
    from portal.models import Office

    count = COUNT if count is None else count
    first, jatim, lumajang = load_offices()
    local = [first, lumajang]
    jateng = None
    for code, level, name in JAWA_TIMUR + JAWA_TENGAH:
        if len(local) >= count:
            break
        if code.startswith("33"):
            jateng = jateng or _office(JAWA_TENGAH_PROVINCE)
            parent, province = jateng, "Jawa Tengah"
        else:
            parent, province = jatim, "Jawa Timur"
        local.append(_office(generated_values(code, level, name, province), parent=parent))
    # offices of an earlier, larger fill leave the portal (their records are gone)
    Office.objects.exclude(pk__in=[o.pk for o in local]).exclude(level="provinsi").update(
        is_active=False
    )
    Office.objects.filter(pk__in=[o.pk for o in local]).update(is_active=True)
    for office in local:
        standards.standards_from_template(office=office)
    return local[:count]
