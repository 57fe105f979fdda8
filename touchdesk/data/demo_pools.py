"""Word pools for demo data, per locale: people, places, businesses, and the notes staff write.

Persian names carry a Latin transliteration so their e-mail addresses look like real ones. These
texts are sample *data*, not interface strings, so they are not translated: an English demo is an
English business and a Persian demo an Iranian one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Pools:
    """Everything the generator draws from for one locale."""

    first_names: tuple[tuple[str, str], ...]  # (as written, Latin for e-mail addresses)
    last_names: tuple[tuple[str, str], ...]
    cities: tuple[tuple[str, int], ...]  # (city, weight)
    company_heads: tuple[str, ...]
    company_tails: tuple[str, ...]
    company_slugs: tuple[str, ...]  # Latin words for company e-mail domains
    mail_domains: tuple[str, ...]
    sources: tuple[tuple[str, int], ...]
    tags: tuple[tuple[str, float], ...]  # (tag, share of customers carrying it)
    customer_notes: tuple[str, ...]
    staff: tuple[str, ...]
    # Per touchpoint: (good note, bad note, decision note); an empty string means no note.
    notes: dict[str, tuple[str, str, str]]
    followup_titles: dict[str, tuple[str, ...]]  # decision, callback, feedback, manual
    mobile_prefixes: tuple[str, ...]
    company_name_first: bool  # "Arman Trading" vs "فروشگاه آرمان"


_EN_FIRST = [
    "Oliver",
    "Amelia",
    "George",
    "Isla",
    "Harry",
    "Ava",
    "Noah",
    "Mia",
    "Jack",
    "Ivy",
    "Leo",
    "Grace",
    "Arthur",
    "Freya",
    "Muhammad",
    "Lily",
    "Oscar",
    "Sophia",
    "Charlie",
    "Emily",
    "Henry",
    "Ella",
    "Thomas",
    "Poppy",
    "Jacob",
    "Rosie",
    "James",
    "Evie",
    "William",
    "Chloe",
    "Alfie",
    "Maya",
    "Joshua",
    "Hannah",
    "Daniel",
    "Priya",
    "Samuel",
    "Aisha",
    "Ethan",
    "Zara",
    "Lucas",
    "Ruby",
    "Adam",
    "Sienna",
    "Ryan",
    "Holly",
    "Owen",
    "Megan",
    "Liam",
    "Erin",
]
_EN_LAST = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Patel",
    "Wright",
    "Robinson",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Wood",
    "Jackson",
    "Clarke",
    "Khan",
    "Lewis",
    "Harris",
    "Hughes",
    "Turner",
    "Edwards",
    "Martin",
    "Cooper",
    "Hill",
    "Ward",
    "Morris",
    "Moore",
    "Clark",
    "Lee",
    "King",
    "Baker",
    "Harrison",
    "Morgan",
    "Allen",
    "James",
    "Scott",
    "Phillips",
    "Watson",
    "Davis",
    "Parker",
    "Price",
    "Bennett",
    "Young",
    "Griffiths",
]

# fmt: off
_FA_FIRST = (
    ("سارا", "sara"), ("مریم", "maryam"), ("زهرا", "zahra"), ("فاطمه", "fatemeh"),
    ("نگار", "negar"), ("الهام", "elham"), ("لیلا", "leila"), ("شیرین", "shirin"),
    ("پریسا", "parisa"), ("نازنین", "nazanin"), ("مهسا", "mahsa"), ("سمیرا", "samira"),
    ("آزاده", "azadeh"), ("مینا", "mina"), ("نرگس", "narges"), ("یاسمن", "yasaman"),
    ("هستی", "hasti"), ("ریحانه", "reyhaneh"), ("کیمیا", "kimia"), ("ترانه", "taraneh"),
    ("بهاره", "bahareh"), ("فرشته", "fereshteh"), ("سحر", "sahar"), ("آیدا", "aida"),
    ("علی", "ali"), ("محمد", "mohammad"), ("رضا", "reza"), ("حسین", "hossein"),
    ("مهدی", "mehdi"), ("امیر", "amir"), ("حمید", "hamid"), ("سعید", "saeed"),
    ("مجید", "majid"), ("کاوه", "kaveh"), ("بابک", "babak"), ("آرش", "arash"),
    ("پویا", "pouya"), ("سینا", "sina"), ("کیان", "kian"), ("فرهاد", "farhad"),
    ("بهرام", "bahram"), ("داریوش", "dariush"), ("میلاد", "milad"), ("پژمان", "pejman"),
    ("یوسف", "yousef"), ("جواد", "javad"), ("نیما", "nima"), ("امید", "omid"),
)
_FA_LAST = (
    ("احمدی", "ahmadi"), ("محمدی", "mohammadi"), ("حسینی", "hosseini"), ("رضایی", "rezaei"),
    ("کریمی", "karimi"), ("موسوی", "mousavi"), ("جعفری", "jafari"), ("صادقی", "sadeghi"),
    ("رحیمی", "rahimi"), ("کاظمی", "kazemi"), ("قاسمی", "ghasemi"), ("هاشمی", "hashemi"),
    ("نوری", "nouri"), ("طاهری", "taheri"), ("عباسی", "abbasi"), ("شریفی", "sharifi"),
    ("اکبری", "akbari"), ("یزدانی", "yazdani"), ("تهرانی", "tehrani"), ("شیرازی", "shirazi"),
    ("اصفهانی", "esfahani"), ("نجفی", "najafi"), ("فراهانی", "farahani"), ("کرمانی", "kermani"),
    ("بهرامی", "bahrami"), ("سلطانی", "soltani"), ("امینی", "amini"), ("زارعی", "zarei"),
    ("مرادی", "moradi"), ("فتحی", "fathi"), ("حیدری", "heidari"), ("ملکی", "maleki"),
    ("پورمحمدی", "pourmohammadi"), ("نیک‌نام", "niknam"), ("خسروی", "khosravi"),
    ("افشار", "afshar"), ("توکلی", "tavakoli"), ("میرزایی", "mirzaei"), ("سلیمانی", "soleimani"),
    ("کاشانی", "kashani"), ("قربانی", "ghorbani"), ("نظری", "nazari"),
)

EN = Pools(
    first_names=tuple((n, n.lower()) for n in _EN_FIRST),
    last_names=tuple((n, n.lower()) for n in _EN_LAST),
    cities=(
        ("London", 30), ("Manchester", 10), ("Birmingham", 9), ("Leeds", 6), ("Glasgow", 6),
        ("Bristol", 5), ("Liverpool", 5), ("Edinburgh", 5), ("Cardiff", 4), ("Belfast", 3),
        ("Nottingham", 3), ("Sheffield", 3), ("Brighton", 3), ("Oxford", 2), ("Cambridge", 2),
    ),
    company_heads=("Northwind", "Blue Harbour", "Oakridge", "Brightside", "Redbrick", "Greenway", "Silverline", "Kestrel", "Meadow", "Harbour Lane", "Copperleaf", "Fernhill"),
    company_tails=("Ltd", "Trading", "& Co", "Studio", "Supplies", "Group", "Partners", "Café"),
    company_slugs=("northwind", "blueharbour", "oakridge", "brightside", "redbrick", "greenway", "silverline", "kestrel", "meadow", "harbourlane", "copperleaf", "fernhill"),
    mail_domains=("gmail.com", "outlook.com", "yahoo.co.uk", "icloud.com", "hotmail.co.uk", "btinternet.com"),
    sources=(("instagram", 22), ("google", 20), ("referral", 18), ("walk-in", 14), ("website", 10), ("facebook", 7), ("trade fair", 5), ("newsletter", 4)),
    tags=(("vip", 0.06), ("wholesale", 0.05), ("newsletter", 0.25), ("b2b", 0.08), ("returning", 0.15), ("price-sensitive", 0.07)),
    customer_notes=(
        "Prefers e-mail over calls.", "Call after 5 pm, busy in the mornings.",
        "Asked about bulk discounts.", "Allergic to wool; only cotton products.",
        "Pays by bank transfer.", "Wants invoices addressed to the company.",
        "Found us at the spring fair.", "Usually orders before holidays.",
    ),
    staff=("Alex Morgan", "Sam Patel", "Jordan Lee", "Priya Shah", "Chris Evans"),
    notes={
        "social_media": ("Liked the new collection post and asked about sizes.", "Complained in the comments about a late reply.", "Asked for prices by DM; will decide after payday."),
        "online_advertising": ("Clicked the spring sale ad and signed up.", "Said the ad price did not match the shop.", "Saved the offer; wants to compare with others."),
        "digital_content": ("Read the buying guide and downloaded the PDF.", "Found the how-to video confusing.", "Reading the comparison article before choosing."),
        "company_events": ("Met at the open day; very interested.", "Left the workshop early, too crowded.", "Took a brochure at the fair; will call back."),
        "peer_referral": ("Recommended by a happy customer.", "Friend warned them about delivery times.", "Referred by a colleague; weighing options."),
        "sales_conversation": ("Agreed on the order over the phone.", "Found the quote too expensive.", "Sent a quote; waiting for their decision."),
        "product_catalog": ("Requested the full catalogue.", "Item in the catalogue was out of stock.", "Shortlisted three items from the catalogue."),
        "ecommerce": ("Ordered online, smooth checkout.", "Abandoned the cart at the shipping step.", "Items in basket for a week; sent a reminder."),
        "product_reviews": ("Left a five-star review.", "Posted a two-star review about quality.", "Reading reviews; unsure between two models."),
        "point_of_sale": ("Bought in store, happy with the service.", "Long queue at the till; left annoyed.", "Tried it in store; coming back with a partner."),
        "thank_you": ("Sent a thank-you card with the order.", "Thank-you e-mail bounced.", ""),
        "feedback_survey": ("Filled in the survey: 9 out of 10.", "Survey score 3/10: delivery was late.", "Half-completed the survey; asked for a call."),
        "upsell_cross_sell": ("Took up the accessory offer.", "Asked to stop sending offers.", "Interested in the upgrade; thinking about it."),
        "billing": ("Invoice paid on time.", "Charged twice; asked for a refund.", "Disputes one line on the invoice."),
        "subscription_renewal": ("Renewed for another year.", "Cancelled the subscription: too costly.", "Renewal due; considering the cheaper plan."),
        "support_channels": ("Issue solved on the first call.", "Waited too long for an answer; upset.", "Replacement offered; customer deciding."),
        "customer_success": ("Quarterly check-in went well.", "Not using most features; at risk.", "Reviewing the training plan with the team."),
        "onboarding": ("Set-up session done; all working.", "Installation failed; needs a technician.", "Wants a second session before going live."),
        "loyalty_program": ("Joined the loyalty club.", "Points did not show up on the card.", "Asked how points can be redeemed."),
        "self_service": ("Solved it with the help centre article.", "Could not find the answer in the FAQ.", "Searching the help centre about returns."),
    },
    followup_titles={
        "decision": ("Call back about the quote", "Check whether they have decided", "Send the comparison they asked for"),
        "callback": ("Call back about the complaint", "Reply to the support request", "Check the problem is solved"),
        "feedback": ("Ask how they like the purchase", "Invite them to leave a review"),
        "manual": ("Send the new price list", "Invite to the open day", "Wish happy birthday"),
    },
    mobile_prefixes=("7700", "7701", "7712", "7723", "7734", "7745", "7756", "7767", "7778", "7789", "7790", "7801", "7812", "7911", "7922", "7933", "7944", "7955", "7966", "7977"),
    company_name_first=True,
)

FA = Pools(
    first_names=_FA_FIRST,
    last_names=_FA_LAST,
    cities=(
        ("تهران", 32), ("اصفهان", 9), ("شیراز", 8), ("مشهد", 9), ("تبریز", 7), ("کرج", 6),
        ("قم", 3), ("اهواز", 3), ("رشت", 3), ("کرمان", 2), ("یزد", 2), ("همدان", 2),
        ("ارومیه", 2), ("ساری", 2), ("قزوین", 2), ("کرمانشاه", 2), ("بندرعباس", 1), ("اراک", 1),
    ),
    company_heads=("فروشگاه", "بازرگانی", "شرکت", "کافه", "گالری", "پخش", "تولیدی"),
    company_tails=("آرمان", "پارس", "نوین", "سپهر", "آفتاب", "البرز", "مهرگان", "ستاره", "کوثر", "دماوند", "نقش جهان", "زاگرس"),
    company_slugs=("arman", "pars", "novin", "sepehr", "aftab", "alborz", "mehregan", "setareh", "kowsar", "damavand", "naghshejahan", "zagros"),
    mail_domains=("gmail.com", "yahoo.com", "chmail.ir", "outlook.com", "mail.ir"),
    sources=(("اینستاگرام", 30), ("معرفی دوستان", 20), ("گوگل", 12), ("مراجعه حضوری", 14), ("دیوار", 8), ("تلگرام", 6), ("نمایشگاه", 5), ("وب‌سایت", 5)),
    tags=(("ویژه", 0.06), ("عمده", 0.06), ("همکار", 0.05), ("خبرنامه", 0.2), ("مشتری ثابت", 0.15), ("VIP", 0.03)),
    customer_notes=(
        "ترجیح می‌دهد در واتساپ پیام بگیرد.", "بعد از ساعت ۵ عصر تماس گرفته شود.",
        "درباره تخفیف خرید عمده پرسید.", "فاکتور رسمی به نام شرکت می‌خواهد.",
        "پرداخت با کارت‌به‌کارت.", "از نمایشگاه بهاره با ما آشنا شد.",
        "معمولاً نزدیک نوروز سفارش می‌دهد.", "شماره دوم مربوط به دفتر است.",
    ),
    staff=("مریم کاظمی", "رضا نوری", "نگار طاهری", "حمید امینی", "سینا فتحی"),
    notes={
        "social_media": ("پست محصول جدید را لایک کرد و سایز پرسید.", "در کامنت از دیر جواب دادن گله کرد.", "قیمت را در دایرکت پرسید؛ بعد از حقوق تصمیم می‌گیرد."),
        "online_advertising": ("روی تبلیغ حراج کلیک کرد و ثبت‌نام کرد.", "گفت قیمت تبلیغ با فروشگاه فرق دارد.", "پیشنهاد را ذخیره کرد؛ می‌خواهد مقایسه کند."),
        "digital_content": ("راهنمای خرید را خواند و دانلود کرد.", "ویدئوی آموزشی برایش گنگ بود.", "مقاله مقایسه را می‌خواند تا انتخاب کند."),
        "company_events": ("در روز معارفه آشنا شدیم؛ خیلی علاقه‌مند بود.", "کارگاه شلوغ بود و زود رفت.", "در نمایشگاه بروشور گرفت؛ تماس می‌گیرد."),
        "peer_referral": ("یکی از مشتریان راضی معرفی کرد.", "دوستش درباره دیر رسیدن سفارش هشدار داده بود.", "همکارش معرفی کرده؛ در حال بررسی است."),
        "sales_conversation": ("سفارش را تلفنی نهایی کرد.", "پیش‌فاکتور را گران دانست.", "پیش‌فاکتور ارسال شد؛ منتظر تصمیم مشتری."),
        "product_catalog": ("کاتالوگ کامل را خواست.", "کالای کاتالوگ موجود نبود.", "سه کالا از کاتالوگ انتخاب کرده است."),
        "ecommerce": ("سفارش آنلاین بدون مشکل ثبت شد.", "سبد خرید را در مرحله ارسال رها کرد.", "یک هفته کالا در سبد مانده؛ یادآوری شد."),
        "product_reviews": ("نظر پنج‌ستاره ثبت کرد.", "نظر دوستاره درباره کیفیت گذاشت.", "نظرها را می‌خواند؛ بین دو مدل مردد است."),
        "point_of_sale": ("حضوری خرید کرد و از برخورد راضی بود.", "صف صندوق طولانی بود؛ ناراضی رفت.", "در فروشگاه امتحان کرد؛ با همسرش برمی‌گردد."),
        "thank_you": ("کارت تشکر همراه سفارش فرستاده شد.", "پیامک تشکر نرسید.", ""),
        "feedback_survey": ("در نظرسنجی ۹ از ۱۰ داد.", "امتیاز ۳ از ۱۰: ارسال دیر بود.", "نیمی از نظرسنجی را پر کرد؛ تماس خواست."),
        "upsell_cross_sell": ("پیشنهاد لوازم جانبی را پذیرفت.", "خواست دیگر پیشنهاد نفرستیم.", "به ارتقا علاقه دارد؛ فکر می‌کند."),
        "billing": ("فاکتور به‌موقع پرداخت شد.", "دو بار از کارتش کسر شد؛ بازپرداخت می‌خواهد.", "به یک ردیف فاکتور اعتراض دارد."),
        "subscription_renewal": ("اشتراک را یک سال تمدید کرد.", "اشتراک را لغو کرد: گران است.", "موعد تمدید است؛ طرح ارزان‌تر را بررسی می‌کند."),
        "support_channels": ("مشکل در همان تماس اول حل شد.", "مدت زیادی منتظر پاسخ ماند؛ ناراحت است.", "تعویض پیشنهاد شد؛ مشتری تصمیم می‌گیرد."),
        "customer_success": ("جلسه بررسی فصلی خوب پیش رفت.", "از بیشتر امکانات استفاده نمی‌کند؛ در خطر ریزش.", "برنامه آموزش را با تیمش بررسی می‌کند."),
        "onboarding": ("جلسه راه‌اندازی انجام شد؛ همه‌چیز کار می‌کند.", "نصب ناموفق بود؛ تکنسین لازم است.", "قبل از شروع، جلسه دوم می‌خواهد."),
        "loyalty_program": ("عضو باشگاه مشتریان شد.", "امتیازها در کارتش ثبت نشده بود.", "پرسید امتیازها را چطور خرج کند."),
        "self_service": ("با مقاله راهنما مشکلش حل شد.", "جوابش را در پرسش‌های متداول پیدا نکرد.", "در راهنما درباره مرجوعی جستجو می‌کند."),
    },
    followup_titles={
        "decision": ("پیگیری پیش‌فاکتور", "تماس برای گرفتن تصمیم نهایی", "ارسال مقایسه‌ای که خواسته بود"),
        "callback": ("تماس درباره شکایت", "پاسخ به درخواست پشتیبانی", "اطمینان از حل شدن مشکل"),
        "feedback": ("پرسیدن نظر مشتری درباره خرید", "دعوت به ثبت نظر"),
        "manual": ("ارسال لیست قیمت جدید", "دعوت به جشنواره نوروزی", "تبریک تولد"),
    },
    mobile_prefixes=("0912", "0919", "0935", "0936", "0937", "0901", "0902", "0910", "0911", "0913", "0914", "0915", "0917", "0921", "0990", "0939"),
    company_name_first=False,
)

# fmt: on

POOLS = {"en": EN, "fa": FA}
