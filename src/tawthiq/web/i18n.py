"""The review app's words in Arabic and English: Arabic by default, right to left.

The language comes from ``?lang=`` (which also sets the ``lang`` cookie, so the choice sticks), else
from the cookie, else Arabic. Only the interface is translated: what the reports say, the neutral
actor names and the ACLED categories stay as recorded, so that a team sees the same record whatever
language they read it in; event types and statuses carry an Arabic label beside them.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

LANGUAGES = ("ar", "en")
DEFAULT = "ar"
COOKIE = "lang"

_STRINGS: dict[str, tuple[str, str]] = {
    # key: (English, Arabic)
    "app": ("tawthiq", "توثيق"),
    "tagline": ("Verified record of incidents", "سجلّ موثّق للحوادث"),
    "incidents": ("Incidents", "الحوادث"),
    "incident": ("Incident", "حادثة"),
    "map": ("Map", "الخريطة"),
    "timeline": ("Timeline", "الخط الزمني"),
    "audit": ("Audit log", "سجلّ التدقيق"),
    "admin": ("Administration", "الإدارة"),
    "login": ("Log in", "تسجيل الدخول"),
    "logout": ("Log out", "تسجيل الخروج"),
    "name": ("Name", "الاسم"),
    "password": ("Password", "كلمة المرور"),
    "login_failed": (
        "Wrong name or password, or the account is disabled.",
        "الاسم أو كلمة المرور غير صحيحة، أو الحساب معطّل.",
    ),
    "login_throttled": (
        "Too many failed log-ins. Wait {seconds} seconds, then try again.",
        "محاولات دخول فاشلة كثيرة. انتظر {seconds} ثانية ثم حاول مجدداً.",
    ),
    "login_expired": (
        "The log-in form expired. It has been reloaded: log in again.",
        "انتهت صلاحية نموذج الدخول. أُعيد تحميله: سجّل الدخول مجدداً.",
    ),
    "signed_in_as": ("Signed in as", "الحساب"),
    "public_view": ("Public read-only view", "عرض عام للقراءة فقط"),
    "language": ("العربية", "English"),
    "filters": ("Filters", "التصفية"),
    "since": ("From", "من تاريخ"),
    "until": ("To", "إلى تاريخ"),
    "admin1": ("Governorate", "المحافظة"),
    "event_type": ("Event type", "نوع الحدث"),
    "sub_event_type": ("Sub-event type", "النوع الفرعي"),
    "perpetrator": ("Perpetrator", "الجهة المنفّذة"),
    "target": ("Target", "المستهدَف"),
    "status": ("Verification", "التحقق"),
    "min_killed": ("Killed at least", "القتلى على الأقل"),
    "search": ("Search", "بحث"),
    "search_hint": ("Words in any Arabic spelling", "كلمات بأي تهجئة عربية"),
    "apply": ("Apply", "تطبيق"),
    "clear": ("Clear", "مسح"),
    "any": ("Any", "الكل"),
    "date": ("Date", "التاريخ"),
    "place": ("Place", "المكان"),
    "killed": ("Killed", "القتلى"),
    "sources": ("Sources", "المصادر"),
    "updated": ("Updated", "آخر تعديل"),
    "found": ("{count} incidents", "{count} حادثة"),
    "found_at_least": ("{count}+ incidents", "أكثر من {count} حادثة"),
    "none_found": (
        "No incident matches these filters. Clear them, or ingest reports with `tawthiq ingest`.",
        "لا حادثة تطابق هذه المعايير. امسح التصفية، أو أضف تقارير بالأمر `tawthiq ingest`.",
    ),
    "previous": ("Previous", "السابق"),
    "next": ("Next", "التالي"),
    "page_of": ("Page {page} of {pages}", "الصفحة {page} من {pages}"),
    "fields": ("Fields and where they come from", "الحقول ومصدرها"),
    "field": ("Field", "الحقل"),
    "value": ("Value", "القيمة"),
    "provenance": ("Provenance", "المصدر"),
    "machine_value": ("machine proposed", "اقتراح الآلة"),
    "set_by": ("set by {name}", "عدّله {name}"),
    "from_claim": ("from claim", "من الرواية"),
    "casualties": ("Killed: low / best / high", "القتلى: أدنى / أرجح / أعلى"),
    "conservative": ("Conservative (ACLED)", "الرقم المتحفّظ (ACLED)"),
    "flags": ("Flags", "تنبيهات"),
    "claims": ("Claims and sources", "الروايات والمصادر"),
    "claim": ("Claim", "رواية"),
    "document": ("Document", "الوثيقة"),
    "outlet": ("Outlet", "الناشر"),
    "published": ("Published", "تاريخ النشر"),
    "party_claim": ("A party speaking of its own war", "رواية طرف في النزاع"),
    "copy_of": ("Near-duplicate copy of", "نسخة مكرّرة من"),
    "attribution": ("According to", "بحسب"),
    "evidence": ("Supporting words", "النص الداعم"),
    "no_text": ("The source text is not shown in the public view.", "لا يظهر نص المصدر في العرض العام."),
    "review": ("Review", "المراجعة"),
    "assess": ("Assess", "التقييم"),
    "assess_help": (
        "Airwars' graded scale, strongest first.",
        "سلّم Airwars المتدرّج، من الأقوى إلى الأضعف.",
    ),
    "save": ("Save", "حفظ"),
    "edit": ("Edit fields", "تعديل الحقول"),
    "edit_help": (
        "Empty a field to restore the machine's value. What was there before is kept in the audit log.",
        "أفرغ الحقل لاستعادة قيمة الآلة. تبقى القيمة السابقة محفوظة في سجلّ التدقيق.",
    ),
    "notes": ("Notes", "الملاحظات"),
    "add_note": ("Add note", "إضافة ملاحظة"),
    "no_notes": ("No notes yet.", "لا ملاحظات بعد."),
    "merge": ("Merge", "دمج"),
    "merge_help": (
        "Merge this incident with another one (its id); later automatic linking keeps the merge.",
        "ادمج هذه الحادثة مع أخرى (رقمها)؛ يحافظ الربط الآلي اللاحق على الدمج.",
    ),
    "merge_with": ("Other incident id", "رقم الحادثة الأخرى"),
    "split": ("Split", "فصل"),
    "split_help": (
        "Tick the claims that report a different incident; they become an incident of their own.",
        "حدّد الروايات التي تصف حادثة مختلفة؛ تصبح حادثة مستقلة.",
    ),
    "split_none": ("One claim only: nothing to split.", "رواية واحدة فقط: لا شيء لفصله."),
    "note_label": ("Why (kept in the record)", "السبب (يُحفظ في السجل)"),
    "history": ("History", "السجلّ"),
    "stale_title": ("Someone else changed this incident", "عدّل شخص آخر هذه الحادثة"),
    "reload": ("Reload the incident", "أعد تحميل الحادثة"),
    "error_title": ("This could not be done", "تعذّر التنفيذ"),
    "back": ("Go back", "رجوع"),
    "not_found": ("Not found", "غير موجود"),
    "forbidden": ("Not allowed", "غير مسموح"),
    "original": ("Archived original", "الأصل المؤرشف"),
    "original_help": (
        "Shown sandboxed: no script or link in it can run or reach the network.",
        "يُعرض معزولاً: لا يعمل فيه أي نص برمجي ولا يتصل بالشبكة.",
    ),
    "cleaned_text": ("Cleaned text", "النص المنظَّف"),
    "sha256": ("SHA-256", "SHA-256"),
    "custody": ("Chain of custody", "سلسلة الحيازة"),
    "origin": ("Origin", "المصدر الأصلي"),
    "retrieved": ("Retrieved", "وقت الاسترجاع"),
    "stored": ("Archived", "وقت الأرشفة"),
    "media_type": ("Type", "النوع"),
    "size": ("Size (bytes)", "الحجم (بايت)"),
    "download": ("Download the original bytes", "تنزيل الأصل كما هو"),
    "incidents_here": ("Incidents reported here", "الحوادث الواردة هنا"),
    "map_missing_assets": (
        "The map library is not installed. Run `make assets` (npm ci --prefix src/tawthiq/web/frontend), "
        "then reload.",
        "مكتبة الخريطة غير مثبّتة. نفّذ `make assets` ثم أعد تحميل الصفحة.",
    ),
    "map_grouped": (
        "{total} incidents match, shown by location ({places} places): narrow the filters to see each "
        "incident and its verification status.",
        "{total} حادثة مطابقة، معروضة حسب الموقع ({places} موقعاً): "
        "ضيّق التصفية لرؤية كل حادثة وحالة التحقق منها.",
    ),
    "map_place": ("{incidents} incidents · killed: {killed}", "{incidents} حادثة · القتلى: {killed}"),
    "map_list": ("List them", "اعرضها في القائمة"),
    "map_one": ("Open one", "افتح إحداها"),
    "map_offline": (
        "Basemap: OCHA boundaries, works offline.",
        "الخريطة الأساسية: حدود OCHA، تعمل دون اتصال.",
    ),
    "incidents_per_week": ("Incidents per week, by perpetrator", "الحوادث أسبوعياً، حسب الجهة المنفّذة"),
    "killed_per_week": ("Killed per week, by perpetrator", "القتلى أسبوعياً، حسب الجهة المنفّذة"),
    "no_dated": ("No dated incident matches these filters.", "لا حادثة مؤرّخة تطابق هذه المعايير."),
    "unknown": ("Unknown", "غير معروف"),
    "others": ("Others", "جهات أخرى"),
    "when": ("When", "الوقت"),
    "who": ("Who", "من"),
    "action": ("Action", "الإجراء"),
    "what": ("What", "الهدف"),
    "before": ("Before", "قبل"),
    "after": ("After", "بعد"),
    "chain_ok": (
        "Hash chain intact: {entries} entries, head {head}",
        "سلسلة التجزئة سليمة: {entries} مدخلاً، آخرها {head}",
    ),
    "chain_broken": (
        "Hash chain BROKEN at entry {entry}: {problem}",
        "سلسلة التجزئة مكسورة عند المدخل {entry}: {problem}",
    ),
    "users": ("Accounts", "الحسابات"),
    "role": ("Role", "الدور"),
    "disabled": ("Disabled", "معطّل"),
    "enabled": ("Active", "فعّال"),
    "created": ("Created", "أُنشئ"),
    "add_user": ("Add account", "إضافة حساب"),
    "change": ("Change", "تغيير"),
    "disable": ("Disable", "تعطيل"),
    "enable": ("Enable", "تفعيل"),
    "public_on": (
        "The public read-only view is ON: anyone who can reach this server reads incidents without "
        "restricted fields (no report text, names or notes).",
        "العرض العام مفعّل: يستطيع كل من يصل إلى الخادم قراءة الحوادث دون الحقول المقيّدة "
        "(لا نصوص ولا أسماء ولا ملاحظات).",
    ),
    "public_off": (
        "The public read-only view is OFF: nothing is readable without logging in.",
        "العرض العام معطّل: لا يُقرأ شيء دون تسجيل الدخول.",
    ),
    "publish": ("Publish the public view", "نشر العرض العام"),
    "unpublish": ("Withdraw the public view", "سحب العرض العام"),
    "viewer_note": ("Your role reads only.", "دورك للقراءة فقط."),
    "version": ("Version", "النسخة"),
    "locked": ("Merged or split by a person", "دمجها أو فصلها شخص"),
    "tags": ("Tags", "الوسوم"),
    "sort_by": ("Sort", "الترتيب"),
    "newest": ("Newest first", "الأحدث أولاً"),
    "oldest": ("Oldest first", "الأقدم أولاً"),
    "most_killed": ("Most killed", "الأكثر قتلى"),
    "most_sources": ("Most sources", "الأكثر مصادر"),
    "recently_updated": ("Recently updated", "آخر ما عُدّل"),
    "skip": ("Skip to content", "انتقل إلى المحتوى"),
    "confidence": ("Machine confidence", "ثقة الآلة"),
    "done": ("Saved.", "حُفظ."),
}

EVENT_TYPES_AR: dict[str, str] = {
    "Battles": "معارك",
    "Explosions/Remote violence": "انفجارات/عنف عن بعد",
    "Violence against civilians": "عنف ضد المدنيين",
    "Strategic developments": "تطورات استراتيجية",
    "Protests": "احتجاجات",
    "Riots": "أعمال شغب",
    "Armed clash": "اشتباك مسلح",
    "Government regains territory": "استعادة الحكومة السيطرة",
    "Non-state actor overtakes territory": "سيطرة جهة غير حكومية",
    "Chemical weapon": "سلاح كيميائي",
    "Air/drone strike": "غارة جوية/مسيّرة",
    "Suicide bomb": "تفجير انتحاري",
    "Shelling/artillery/missile attack": "قصف مدفعي/صاروخي",
    "Remote explosive/landmine/IED": "عبوة ناسفة/لغم",
    "Grenade": "قنبلة يدوية",
    "Sexual violence": "عنف جنسي",
    "Attack": "هجوم",
    "Abduction/forced disappearance": "اختطاف/إخفاء قسري",
    "Agreement": "اتفاق",
    "Arrests": "اعتقالات",
    "Change to group/activity": "تغيّر في جماعة/نشاط",
    "Disrupted weapons use": "إحباط استخدام سلاح",
    "Headquarters or base established": "إنشاء مقر أو قاعدة",
    "Looting/property destruction": "نهب/تدمير ممتلكات",
    "Non-violent transfer of territory": "انتقال سيطرة دون عنف",
    "Other": "أخرى",
    "Excessive force against protesters": "قوة مفرطة ضد محتجين",
    "Protest with intervention": "احتجاج مع تدخل",
    "Peaceful protest": "احتجاج سلمي",
    "Violent demonstration": "تظاهرة عنيفة",
    "Mob violence": "عنف جماعي",
}

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "unreviewed": ("Unreviewed", "لم يُراجَع"),
    "confirmed": ("Confirmed", "مؤكَّد"),
    "fair": ("Fair", "مرجّح"),
    "weak": ("Weak", "ضعيف"),
    "contested": ("Contested", "متنازع عليه"),
    "discounted": ("Discounted", "مستبعَد"),
}

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "event_type": ("Event type", "نوع الحدث"),
    "sub_event_type": ("Sub-event type", "النوع الفرعي"),
    "date_start": ("Date from", "التاريخ من"),
    "date_end": ("Date to", "التاريخ إلى"),
    "place": ("Place", "المكان"),
    "admin1": ("Governorate", "المحافظة"),
    "admin2": ("District", "المنطقة"),
    "lat": ("Latitude", "خط العرض"),
    "lon": ("Longitude", "خط الطول"),
    "perpetrator": ("Perpetrator", "الجهة المنفّذة"),
    "target": ("Target", "المستهدَف"),
    "killed": ("Killed", "القتلى"),
    "civilians": ("Civilians killed", "قتلى مدنيون"),
    "children": ("Children killed", "أطفال قتلى"),
    "women": ("Women killed", "نساء قتيلات"),
    "injured": ("Injured", "الجرحى"),
}

ROLE_LABELS: dict[str, tuple[str, str]] = {
    "viewer": ("Viewer", "مطّلع"),
    "analyst": ("Analyst", "محلّل"),
    "reviewer": ("Reviewer", "مراجِع"),
    "admin": ("Admin", "مدير"),
}


@dataclass(frozen=True, slots=True)
class Language:
    """The interface language of one request, with its direction and its words."""

    code: str

    @property
    def dir(self) -> str:
        return "rtl" if self.code == "ar" else "ltr"

    @property
    def other(self) -> str:
        return "en" if self.code == "ar" else "ar"

    def __call__(self, key: str, **values: object) -> str:
        """The interface string ``key``, with ``{placeholders}`` filled."""
        english, arabic = _STRINGS[key]
        text = arabic if self.code == "ar" else english
        return text.format(**values) if values else text

    def event_type(self, name: str) -> str:
        """An ACLED type as recorded, with its Arabic label in the Arabic interface."""
        if self.code == "ar" and name in EVENT_TYPES_AR:
            return EVENT_TYPES_AR[name]
        return name

    def status(self, status: str) -> str:
        english, arabic = STATUS_LABELS.get(status, (status, status))
        return arabic if self.code == "ar" else english

    def field(self, name: str) -> str:
        english, arabic = FIELD_LABELS.get(name, (name, name))
        return arabic if self.code == "ar" else english

    def role(self, role: str) -> str:
        english, arabic = ROLE_LABELS.get(role, (role, role))
        return arabic if self.code == "ar" else english


def language_of(request: Request) -> Language:
    """The language asked for by ``?lang=``, else the ``lang`` cookie, else Arabic."""
    for candidate in (request.query_params.get("lang"), request.cookies.get(COOKIE)):
        if candidate in LANGUAGES:
            return Language(candidate)
    return Language(DEFAULT)


def strings_complete() -> bool:
    """Whether every string has both languages (a test keeps it so)."""
    return all(english and arabic for english, arabic in _STRINGS.values())
