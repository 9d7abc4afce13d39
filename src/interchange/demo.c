/* khai demo: a deterministic, realistic Thai civil-society database for trying khai and for
 * benchmarks, written in one transaction through the store's bulk write. */
#include "demo.h"
#include "bulk.h"
#include "db.h"
#include "lookup.h"
#include "messages.h"
#include "strbuf.h"
#include "xalloc.h"

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ------------------------------------------------------------------------------------------
 * A fixed-seed generator (splitmix64): the same size always gives the same data, whatever
 * the C library's rand() does. */

struct rng {
    uint64_t state;
};

#define RNG_STEP 0x9E3779B97F4A7C15u

static uint64_t rng_next(struct rng *r)
{
    uint64_t z = (r->state += RNG_STEP);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* Where n draws would have left the generator: each draw moves it by the same step. */
static void rng_skip(struct rng *r, uint64_t n)
{
    r->state += n * RNG_STEP;
}

/* 0 <= result < n, for n > 0. */
static int rng_below(struct rng *r, int n)
{
    return (int)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

static int rng_between(struct rng *r, int lo, int hi)
{
    return lo + rng_below(r, hi - lo + 1);
}
static bool rng_percent(struct rng *r, int percent)
{
    return rng_below(r, 100) < percent;
}

#define PICK(r, list) ((list)[rng_below((r), COUNT(list))])

/* An index into weights[0..n) with probability proportional to its weight. */
static int pick_weighted(struct rng *r, const int *weights, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++)
        total += weights[i];
    int x = rng_below(r, total);
    for (int i = 0; i < n; i++) {
        if (x < weights[i]) return i;
        x -= weights[i];
    }
    return n - 1;
}

/* ------------------------------------------------------------------------------------------
 * Calendar days counted from 2000-01-01 (a Saturday): enough for dates in 2000-2099. */

static bool leap_year(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap_year(y) ? 29 : days[m - 1];
}

static int day_number(int y, int m, int d)
{
    int n = d - 1;
    for (int year = 2000; year < y; year++)
        n += leap_year(year) ? 366 : 365;
    for (int month = 1; month < m; month++)
        n += days_in_month(y, month);
    return n;
}

struct ymd {
    int y, m, d;
};

static struct ymd day_date(int n)
{
    struct ymd v = {2000, 1, 1};
    while (n >= (leap_year(v.y) ? 366 : 365))
        n -= leap_year(v.y) ? 366 : 365, v.y++;
    while (n >= days_in_month(v.y, v.m))
        n -= days_in_month(v.y, v.m), v.m++;
    v.d = n + 1;
    return v;
}

static void day_iso(int n, char buf[16])
{
    struct ymd v = day_date(n);
    snprintf(buf, 16, "%04d-%02d-%02d", v.y, v.m, v.d);
}

/* 0 = Monday ... 6 = Sunday. */
static int weekday(int n)
{
    return (n + 5) % 7;
}

/* Statuses (held, planned, overdue) are decided against this fixed day rather than the real
 * today, so the data stays deterministic: mid-November 2026. */
#define DEMO_TODAY_Y 2026
#define DEMO_TODAY_M 11
#define DEMO_TODAY_D 15

/* ------------------------------------------------------------------------------------------
 * The data: names as Thai networks' rosters hold them. Romanised forms feed e-mail
 * addresses, LINE IDs and Facebook names. */

struct name {
    const char *th;
    const char *en;
};

static const struct name male_given[] = {
    {"สมชาย", "somchai"},    {"สมศักดิ์", "somsak"},       {"สมปอง", "sompong"},
    {"สมบัติ", "sombat"},      {"สมเกียรติ", "somkiat"},    {"สมคิด", "somkhit"},
    {"รัฐภูมิ", "rattaphum"},   {"บวร", "bowon"},          {"โกเมศว์", "komet"},
    {"อเนก", "anek"},        {"ประเสริฐ", "prasert"},    {"สุรชัย", "surachai"},
    {"วิชัย", "wichai"},       {"ธนากร", "thanakorn"},    {"กิตติศักดิ์", "kittisak"},
    {"ณัฐพล", "nattaphon"},   {"ชัยวัฒน์", "chaiwat"},      {"พงษ์ศักดิ์", "phongsak"},
    {"อภิชาติ", "aphichat"},   {"เกียรติศักดิ์", "kiattisak"}, {"ศุภชัย", "supachai"},
    {"ธีรวัฒน์", "theerawat"},  {"วีระพงษ์", "weeraphong"},  {"นพดล", "noppadon"},
    {"ไพโรจน์", "phairot"},   {"ไพศาล", "phaisan"},      {"เฉลิมชัย", "chaloemchai"},
    {"อนุชา", "anucha"},      {"ภานุวัฒน์", "phanuwat"},    {"ภูมิพัฒน์", "phumiphat"},
    {"ศักดิ์ชัย", "sakchai"},    {"ปัณณวัฒน์", "pannawat"},    {"ยุทธนา", "yutthana"},
    {"วรวุฒิ", "worawut"},     {"อำนาจ", "amnat"},        {"เอกชัย", "ekkachai"},
    {"โอภาส", "opas"},       {"ไกรสร", "kraisorn"},     {"เจษฎา", "chetsada"},
    {"ธวัชชัย", "thawatchai"}, {"บุญช่วย", "bunchuai"},     {"ปัญญา", "panya"},
    {"ปิยะชีพ", "piyachip"},   {"ธนวัฒน์", "thanawat"},     {"สุทธิพงษ์", "sutthiphong"},
    {"วิโรจน์", "wiroj"},      {"เอกพล", "ekkaphon"},     {"ไพบูลย์", "phaibun"},
    {"อุดม", "udom"},         {"จักรพันธ์", "chakkraphan"}, {"บุญเลิศ", "bunloet"},
    {"ทวีศักดิ์", "thawisak"},   {"ชาตรี", "chatri"},        {"วันชัย", "wanchai"},
    {"สุเทพ", "suthep"},      {"มานพ", "manop"},         {"เสกสรร", "seksan"},
    {"โชคชัย", "chokchai"},   {"อิทธิพล", "itthiphon"},    {"ณรงค์", "narong"},
    {"สมหมาย", "sommai"},    {"เดชา", "decha"},         {"ไชยา", "chaiya"},
    {"เสน่ห์", "sane"},        {"แสงชัย", "saengchai"},    {"ก้องเกียรติ", "kongkiat"},
};

static const struct name female_given[] = {
    {"สมหญิง", "somying"},     {"สมศรี", "somsri"},         {"สมพร", "somporn"},
    {"สมใจ", "somjai"},       {"วาสนา", "wasana"},        {"จิราพร", "jiraporn"},
    {"ศิริพร", "siriporn"},     {"สุภาพร", "supaporn"},      {"กาญจนา", "kanchana"},
    {"นิภาพร", "nipaporn"},    {"ปราณี", "pranee"},         {"รัชนี", "ratchanee"},
    {"อรุณี", "arunee"},        {"ดวงใจ", "duangjai"},      {"พรทิพย์", "pornthip"},
    {"มาลัย", "malai"},        {"ลำดวน", "lamduan"},       {"บุญเรือน", "bunruean"},
    {"ทองใบ", "thongbai"},    {"แสงเดือน", "saengduean"},  {"แก้วตา", "kaewta"},
    {"เพ็ญศรี", "pensri"},      {"ไพลิน", "phailin"},        {"ใจทิพย์", "jaithip"},
    {"โสภา", "sopha"},        {"โชติกา", "chotika"},       {"เยาวลักษณ์", "yaowalak"},
    {"ฐิติมา", "thitima"},      {"ปิ่นอนงค์", "pinanong"},     {"ณัฏฐ์ธิดา", "natthida"},
    {"ฤทัยรัตน์", "ruethairat"}, {"อัมพร", "amporn"},         {"อุไรวรรณ", "uraiwan"},
    {"เอื้อมพร", "ueamporn"},   {"ขวัญเรือน", "khwanruean"},  {"จุฑามาศ", "juthamat"},
    {"ชนิดา", "chanida"},      {"ทิพวรรณ", "thippawan"},    {"นันทนา", "nanthana"},
    {"บุษบา", "busaba"},       {"พิมพ์ชนก", "phimchanok"},   {"มณีรัตน์", "maneerat"},
    {"สุดารัตน์", "sudarat"},    {"หทัยชนก", "hathaichanok"}, {"ใบบุญ", "baibun"},
    {"แววดาว", "waeodao"},    {"เพ็ญนภา", "pennapha"},     {"เกศินี", "kesinee"},
    {"วิไลวรรณ", "wilaiwan"},  {"อำไพ", "amphai"},         {"อุษา", "usa"},
    {"ละเอียด", "laiat"},      {"จันทร์เพ็ญ", "chanpen"},     {"น้ำฝน", "namfon"},
    {"ศรีสุดา", "srisuda"},     {"กัลยา", "kanlaya"},        {"ลัดดา", "ladda"},
    {"ปิยะนุช", "piyanut"},     {"ธิดารัตน์", "thidarat"},     {"เบญจวรรณ", "benjawan"},
};

/* Common in the upper north (ล้านนา): คำ, แก้ว, อิน, บุญ names. */
static const struct name north_male_given[] = {
    {"คำแสง", "khamsaeng"}, {"อินสม", "insom"}, {"บุญทา", "buntha"}, {"แก้วมูล", "kaewmun"},
    {"คำปัน", "khampan"},    {"สุคำ", "sukham"}, {"ปั๋น", "pan"},      {"ศรีมูล", "srimun"},
};
static const struct name north_female_given[] = {
    {"บัวคำ", "buakham"},   {"ศรีนวล", "srinuan"}, {"จันทร์ตา", "chanta"},  {"คำปุ๋ย", "khampui"},
    {"แสงหล้า", "saengla"}, {"บัวผัน", "buaphan"},  {"คำเอ้ย", "kham-oei"}, {"ดอกแก้ว", "dokkaew"},
};

/* Malay-Muslim names of the southern border provinces, in Thai script. */
static const struct name muslim_male_given[] = {
    {"อับดุลเลาะ", "abdulloh"}, {"มูหะมัด", "muhammad"},      {"อิสมาแอ", "ismae"},    {"ยูโซะ", "yuso"},
    {"มะรอนิง", "maroning"},   {"อับดุลรอฮิม", "abdulrohim"}, {"สุไลมาน", "sulaiman"}, {"ฮาซัน", "hasan"},
    {"อาหามะ", "ahama"},      {"อิบรอฮิม", "ibrohim"},      {"ซูไฮมี", "suhaimi"},    {"รอมลี", "romli"},
};
static const struct name muslim_female_given[] = {
    {"ฟาตีเมาะ", "fatimoh"}, {"รอฮานี", "rohani"},      {"นูรีซัน", "nurisan"},
    {"ซารีนา", "sarina"},    {"ยามีละ", "yamila"},      {"คอลีเยาะ", "kholiyoh"},
    {"ซูไฮลา", "suhaila"},   {"นูรฮายาตี", "nurhayati"}, {"รอกีเยาะ", "rokiyoh"},
    {"อามีเนาะ", "aminoh"},  {"มารีเยาะ", "mariyoh"},   {"ฮาลีเมาะ", "halimoh"},
};

static const struct name family_names[] = {
    {"ด้วงฉุย", "duangchui"},
    {"ทองบุญชู", "thongbunchu"},
    {"คงทอง", "khongthong"},
    {"นาคะบุตร", "nakhabut"},
    {"แสงอรุณ", "saengarun"},
    {"วงศ์สวัสดิ์", "wongsawat"},
    {"รุ่งเรือง", "rungrueang"},
    {"ใจดี", "jaidee"},
    {"บุญมา", "bunma"},
    {"จันทร์เพ็ญ", "chanpen"},
    {"พึ่งบุญ", "phuengbun"},
    {"เพชรรัตน์", "phetcharat"},
    {"ศรีวิไล", "sriwilai"},
    {"ชัยมงคล", "chaimongkhon"},
    {"มั่นคง", "mankhong"},
    {"อินทร์แก้ว", "inkaew"},
    {"ปัญญาวงศ์", "panyawong"},
    {"สมบูรณ์ชัย", "sombunchai"},
    {"ประเสริฐวงศ์", "prasertwong"},
    {"ธนพัฒน์", "thanaphat"},
    {"กิตติวงศ์", "kittiwong"},
    {"วัฒนชัย", "watthanachai"},
    {"จิตรภักดี", "chitphakdi"},
    {"พรหมมา", "phromma"},
    {"สุวรรณรัตน์", "suwannarat"},
    {"ไชยศรี", "chaisri"},
    {"โพธิ์ทอง", "phothong"},
    {"เกิดผล", "koetphon"},
    {"เหล่าสุวรรณ", "laosuwan"},
    {"ลิ้มเจริญ", "limcharoen"},
    {"แซ่ตั้ง", "saetang"},
    {"แซ่ลี้", "saeli"},
    {"ตั้งจิตร", "tangchit"},
    {"หอมจันทร์", "homchan"},
    {"บุญประเสริฐ", "bunprasert"},
    {"ศักดิ์สิทธิ์", "saksit"},
    {"ฤทธิ์เดช", "ritthidet"},
    {"ภู่ทอง", "phuthong"},
    {"ผ่องใส", "phongsai"},
    {"ชื่นจิต", "chuenchit"},
    {"ยิ้มแย้ม", "yimyaem"},
    {"ขำคม", "khamkhom"},
    {"กล่ำสุข", "klamsuk"},
    {"ฉิมพลี", "chimphli"},
    {"ตรีเพชร", "triphet"},
    {"พุ่มพวง", "phumphuang"},
    {"ดำรงค์ศักดิ์", "damrongsak"},
    {"เสือคำ", "suekham"},
    {"อ่ำสำอาง", "amsam-ang"},
    {"นิ่มนวล", "nimnuan"},
    {"ทิพย์สุวรรณ", "thipsuwan"},
    {"ศรีทองคำ", "srithongkham"},
    {"บัวผัน", "buaphan"},
    {"ปิ่นแก้ว", "pinkaew"},
    {"เหมือนพะวงศ์", "mueanphawong"},
    {"ชูศรี", "chusri"},
    {"อุ่นเรือน", "unruean"},
    {"โชคดี", "chokdee"},
    {"ไม้งาม", "maingam"},
    {"แก่นจันทร์", "kaenchan"},
    {"สีหาราช", "siharat"},
    {"พูลสวัสดิ์", "phunsawat"},
    {"ธรรมวงศ์", "thammawong"},
    {"เปี่ยมสุข", "piamsuk"},
    {"วิเศษศักดิ์", "wisetsak"},
    {"อ่อนละมัย", "onlamai"},
    {"คุ้มภัย", "khumphai"},
    {"ดวงมณี", "duangmanee"},
    {"ศรีประเสริฐ", "sriprasert"},
    {"สุขสมบูรณ์", "suksombun"},
    {"อยู่เย็น", "yuyen"},
};

/* Many Thai family names are two words glued together: these make a few hundred more. */
static const struct name family_first[] = {
    {"ศรี", "sri"},    {"แก้ว", "kaew"}, {"ทอง", "thong"},   {"บุญ", "bun"},     {"สุข", "suk"},
    {"วงศ์", "wong"},  {"ชัย", "chai"},  {"เพชร", "phet"},   {"พรหม", "phrom"}, {"อินทร์", "in"},
    {"จันทร์", "chan"}, {"คำ", "kham"},  {"เรือง", "rueang"}, {"ใจ", "jai"},     {"แสง", "saeng"},
};
static const struct name family_last[] = {
    {"สุข", "suk"},   {"ทอง", "thong"},    {"มา", "ma"},           {"ดี", "dee"},
    {"วงศ์", "wong"}, {"เจริญ", "charoen"}, {"ประเสริฐ", "prasert"}, {"สวัสดิ์", "sawat"},
    {"รัตน์", "rat"},  {"ศรี", "sri"},       {"แก้ว", "kaew"},        {"มณี", "manee"},
    {"ชัย", "chai"},  {"วิไล", "wilai"},    {"สมบูรณ์", "sombun"},    {"เดช", "det"},
    {"งาม", "ngam"}, {"เย็น", "yen"},
};

static const struct name north_family[] = {
    {"อินต๊ะ", "inta"},          {"ปัญญาดี", "panyadee"},  {"คำแดง", "khamdaeng"},
    {"ใจคำ", "jaikham"},       {"ศรีวิชัย", "sriwichai"}, {"ไชยวงศ์", "chaiwong"},
    {"ขัติยะ", "khattiya"},      {"ธิมา", "thima"},       {"ต๊ะปัญญา", "tapanya"},
    {"คำมา", "khamma"},        {"ปันแก้ว", "pankaew"},   {"เป็งใจ", "pengjai"},
    {"กันทะวงศ์", "kanthawong"}, {"สุยะ", "suya"},        {"มูลเมือง", "munmueang"},
};

static const struct name muslim_family[] = {
    {"สาและ", "salae"},       {"ดอเลาะ", "doloh"},       {"มะแซ", "masae"},      {"เจ๊ะมะ", "chema"},
    {"หะยีสาแม", "hayisamae"}, {"บือราเฮง", "buerakheng"}, {"อาแว", "awae"},       {"แวมะ", "waema"},
    {"ดือราแม", "duerame"},    {"สะมะแอ", "samaae"},      {"เจะอาแซ", "cheasae"}, {"ลาเต๊ะ", "lateh"},
    {"มามะ", "mama"},         {"กาเซ็ม", "kasem"},        {"ยูโซะ", "yuso"},
};

static const char *const nicknames[] = {
    "ต้น",  "นก",  "ปู",    "แอ๋ว",  "หน่อย",   "เอ๋",   "ตุ๋ม",   "แดง",  "ดำ",   "อ้วน",  "เล็ก",  "น้อย",
    "ป้อม", "ต่าย", "กุ้ง",   "ปุ๊",    "ติ๊ก",     "เจี๊ยบ", "บี",    "เบียร์", "ฟ้า",   "มิ้นท์",  "ไข่มุก", "ใบเตย",
    "ปั๊ม",  "โอ๊ต", "เก่ง",  "กอล์ฟ", "ตั้ม",     "อั๋น",   "หนุ่ม",  "ตู่",    "จ๋า",   "แป้ง",  "ฝน",   "หมิว",
    "ก้อย", "แนน", "นุ่น",   "ต่อ",   "เต้ย",    "บอล",  "โจ้",   "ปอนด์", "เอ็ม",  "แจ๊ค",  "หมู",   "ไก่",
    "ส้ม",  "ขิม",  "ปิ่น",   "ฝ้าย",  "ข้าวหอม", "ตั๊ก",   "เฟิร์น", "ปุ๋ย",   "โหน่ง", "แหม่ม", "อ๋อง",  "ไผ่",
    "เอ",  "จอย", "แบงค์", "ยุ้ย",   "เปิ้ล",    "ดาว",  "โบว์",  "นัท",
};

/* A few foreign staff of foundations and universities, written in Latin letters. */
struct latin_person {
    const char *title, *given, *family, *gender;
};
static const struct latin_person latin_people[] = {
    {"Mr.", "John", "Smith", "male"},     {"Ms.", "Sarah", "Johnson", "female"},
    {"Mr.", "Hiroshi", "Tanaka", "male"}, {"Dr.", "Marie", "Dubois", "female"},
    {"Dr.", "Peter", "Brown", "male"},    {"Ms.", "Maria", "Santos", "female"},
    {"Mr.", "David", "Miller", "male"},   {"Dr.", "Anna", "Schmidt", "female"},
    {"Mr.", "Kenji", "Sato", "male"},     {"Ms.", "Emily", "Carter", "female"},
    {"Mr.", "Lars", "Eriksen", "male"},   {"Prof.", "Susan", "Whitfield", "female"},
};

/* The four coordinators of gen_thai_people.py: they come first so a search always finds
 * them, and their logins check people in at events. */
struct fixed_person {
    const char *title, *given, *family, *nickname, *gender, *given_en, *family_en;
};
static const struct fixed_person fixed_people[] = {
    {"นางสาว", "วาสนา", "ด้วงฉุย", "แอ๋ว", "female", "wasana", "duangchui"},
    {"นาย", "โกเมศว์", "ทองบุญชู", "ต้น", "male", "komet", "thongbunchu"},
    {"นางสาว", "จิราพร", "คงทอง", "ปุ๋ย", "female", "jiraporn", "khongthong"},
    {"ดร.", "อเนก", "นาคะบุตร", "เอ๋", "male", "anek", "nakhabut"},
};

/* Titles with their share in percent; the rest have none. */
struct title_share {
    const char *title;
    int percent;
    const char *position; /* a position the title implies, or NULL */
};
static const struct title_share male_titles[] = {
    {"นาย", 66, NULL},
    {"ดร.", 3, "อาจารย์"},
    {"ผศ.ดร.", 2, "อาจารย์"},
    {"รศ.ดร.", 1, "อาจารย์"},
    {"ผู้ใหญ่", 4, "ผู้ใหญ่บ้าน"},
    {"กำนัน", 2, "กำนัน"},
    {"อ.", 2, "อาจารย์"},
    {"นายแพทย์", 1, "แพทย์"},
    {"ว่าที่ร้อยตรี", 1, NULL},
    {"พ่อหลวง", 1, "ผู้ใหญ่บ้าน"},
    {"ปลัด", 1, "ปลัดองค์การบริหารส่วนตำบล"},
};
static const struct title_share female_titles[] = {
    {"นาง", 36, NULL},      {"นางสาว", 36, NULL}, {"ดร.", 3, "อาจารย์"},   {"ผศ.ดร.", 2, "อาจารย์"},
    {"ผู้ใหญ่", 1, "ผู้ใหญ่บ้าน"}, {"อ.", 2, "อาจารย์"},  {"แพทย์หญิง", 1, "แพทย์"},
};

/* Positions by the kind of the member's first organisation (indexes of org_kinds). */
static const char *const positions_by_kind[][6] = {
    /* government */ {"นักพัฒนาสังคม", "นักวิชาการสาธารณสุข", "เจ้าหน้าที่วิเคราะห์นโยบายและแผน", "ผู้อำนวยการ",
                      "นักวิชาการพัฒนาชุมชน", NULL},
    /* local_admin */
    {"นายกองค์การบริหารส่วนตำบล", "ปลัดองค์การบริหารส่วนตำบล", "นักพัฒนาชุมชน", "สมาชิกสภา อบต.",
     "ผู้อำนวยการกองสวัสดิการสังคม", NULL},
    /* foundation */ {"ผู้ประสานงานโครงการ", "เจ้าหน้าที่มูลนิธิ", "ผู้อำนวยการ", "กรรมการ", NULL},
    /* association */ {"นายกสมาคม", "อุปนายก", "เลขาธิการ", "กรรมการ", "สมาชิก", NULL},
    /* community */ {"ประธานกลุ่ม", "เลขานุการกลุ่ม", "เหรัญญิก", "สมาชิก", "แกนนำชุมชน", NULL},
    /* network */
    {"ผู้ประสานงานเครือข่าย", "แกนนำเครือข่าย", "คณะทำงาน", "ประธานสภาองค์กรชุมชน",
     "อาสาสมัครสาธารณสุขประจำหมู่บ้าน", NULL},
    /* university */ {"อาจารย์", "นักวิจัย", "ผู้ช่วยนักวิจัย", "นักศึกษาปริญญาโท", NULL},
    /* school */ {"ครู", "ผู้อำนวยการโรงเรียน", "ครูอัตราจ้าง", NULL},
    /* company */ {"ผู้จัดการ", "เจ้าหน้าที่ CSR", "ผู้ประสานงานวิสาหกิจเพื่อสังคม", NULL},
    /* media */ {"ผู้สื่อข่าว", "ช่างภาพ", "ผู้ผลิตรายการ", "นักจัดรายการวิทยุชุมชน", NULL},
    /* religious */ {"ไวยาวัจกร", "กรรมการมัสยิด", "อิหม่าม", "ผู้นำศาสนา", NULL},
    /* other */ {"อาสาสมัคร", "ที่ปรึกษา", "สมาชิก", NULL},
};

static const char *const skills[] = {
    "กระบวนกร",  "ถ่ายภาพ",    "ทำสื่อวิดีโอ",        "บัญชีและการเงิน", "ภาษามลายู", "ภาษาอังกฤษ",
    "ภาษาล้านนา", "ปฐมพยาบาล", "เกษตรอินทรีย์",      "เขียนโครงการ",  "ทำอาหาร",  "ดนตรีพื้นบ้าน",
    "ดูแลผู้สูงอายุ", "แผนที่ชุมชน",  "ระบบฐานข้อมูลตำบล", "ขับรถตู้",
};

static const char *const member_notes[] = {
    "แพ้อาหารทะเล",     "ทานมังสวิรัติ",          "ใช้รถเข็น ขอห้องชั้นล่าง",        "ติดต่อทางไลน์สะดวกที่สุด",
    "โทรหลัง 17.00 น.", "ย้ายมาจากเครือข่ายเดิม", "เคยเป็นวิทยากรหลักสูตรผู้นำชุมชน",
};

static const char *const tag_names[] = {
    "อสม.",     "แกนนำเยาวชน", "ผู้สูงอายุ", "สภาองค์กรชุมชน", "วิทยากร", "สื่อมวลชน",         "อาสาสมัคร",
    "ผู้นำศาสนา", "ผู้นำท้องถิ่น",    "VIP",    "กองทุนสวัสดิการ", "ภัยพิบัติ",  "ต้องการล่ามภาษามือ", "ทีมลงทะเบียน",
};

static const char *const mail_domains[] = {"gmail.com", "gmail.com",    "gmail.com",
                                           "gmail.com", "hotmail.com",  "hotmail.com",
                                           "yahoo.com", "outlook.co.th"};

/* Place names (ตำบล, บ้าน) as they are usually made: a landscape word and a qualifier. No
 * บ้าน-names here, since patterns put บ้าน in front ("โรงเรียนบ้าน%s"). */
static const char *const place_first[] = {
    "หนอง", "ดอน", "ห้วย", "นา",  "โนน", "ท่า",  "บาง", "แม่", "เวียง",
    "ทุ่ง",   "โพธิ์", "ป่า",  "วัง",  "สัน",  "ควน", "ปาก", "ลำ", "คลอง",
    "เกาะ", "ศรี",  "ไผ่",  "โคก", "หาด", "เขา", "บึง",  "น้ำ", "ดง",
};
static const char *const place_last[] = {
    "บัว",  "แก",   "ใหญ่", "ยาง",  "ทอง",  "หลวง", "ขาม",  "สะแก",   "เรือ",   "ไทร",    "ตาล", "งาม",
    "คำ",  "เหนือ", "ใต้",  "กลาง", "ม่วง",  "หิน",   "ทราย", "จันทร์",   "แดง",   "สูง",     "ผึ้ง",  "เตย",
    "ช้าง", "แก้ว",  "ใหม่", "เก่า",  "พร้าว", "ขาว",  "กุ่ม",   "ตะเคียน", "มะนาว", "ปลาไหล", "ยาว", "ลึก",
};

/* Real districts of the provinces weighted up, and Bangkok's เขต; elsewhere a made-up one. */
struct districts {
    const char *code;
    const char *names[9];
};
static const struct districts district_lists[] = {
    {"TH-10",
     {"บางรัก", "ปทุมวัน", "จตุจักร", "ดินแดง", "บางเขน", "ลาดพร้าว", "หลักสี่", "คลองเตย", "บางกะปิ"}},
    {"TH-50",
     {"แม่ริม", "สันทราย", "สันกำแพง", "หางดง", "ดอยสะเก็ด", "ฝาง", "เชียงดาว", "แม่แจ่ม", "จอมทอง"}},
    {"TH-51", {"ป่าซาง", "บ้านโฮ่ง", "ลี้", "แม่ทา", "ทุ่งหัวช้าง", "บ้านธิ", NULL}},
    {"TH-52", {"เกาะคา", "เถิน", "แจ้ห่ม", "ห้างฉัตร", "งาว", "แม่ทะ", NULL}},
    {"TH-54", {"เด่นชัย", "สูงเม่น", "ลอง", "ร้องกวาง", "วังชิ้น", "สอง", NULL}},
    {"TH-55", {"ปัว", "ท่าวังผา", "เวียงสา", "บ่อเกลือ", "นาน้อย", "ทุ่งช้าง", NULL}},
    {"TH-56", {"เชียงคำ", "ดอกคำใต้", "จุน", "ปง", "แม่ใจ", "ภูซาง", NULL}},
    {"TH-57", {"แม่สาย", "เชียงแสน", "เทิง", "พาน", "เวียงป่าเป้า", "แม่จัน", "เชียงของ", "แม่ฟ้าหลวง", NULL}},
    {"TH-58", {"ปาย", "แม่สะเรียง", "ขุนยวม", "ปางมะผ้า", "สบเมย", "แม่ลาน้อย", NULL}},
    {"TH-90", {"หาดใหญ่", "จะนะ", "เทพา", "นาทวี", "สะบ้าย้อย", "รัตภูมิ", "สะเดา", "สิงหนคร", NULL}},
    {"TH-94", {"ยะหริ่ง", "สายบุรี", "หนองจิก", "โคกโพธิ์", "ยะรัง", "มายอ", "ปะนาเระ", NULL}},
    {"TH-95", {"เบตง", "บันนังสตา", "ธารโต", "รามัน", "ยะหา", "กาบัง", "กรงปินัง", NULL}},
    {"TH-96", {"ตากใบ", "รือเสาะ", "ระแงะ", "สุไหงโก-ลก", "บาเจาะ", "ยี่งอ", "แว้ง", "เจาะไอร้อง", NULL}},
};

/* Most of the networks' work is in the upper north and the southern border provinces (with
 * Songkhla), so most demo people and organisations are there; Bangkok comes next. */
static const char *const upper_north[] = {"TH-50", "TH-51", "TH-52", "TH-54",
                                          "TH-55", "TH-56", "TH-57", "TH-58"};
static const char *const southern_border[] = {"TH-90", "TH-94", "TH-95", "TH-96"};
/* Where most people are Malay Muslims (names, mosques, halal meals). */
static const char *const malay_provinces[] = {"TH-94", "TH-95", "TH-96"};

/* Organisation kinds as in schema/001-core.sql, in the order of positions_by_kind. */
enum org_kind {
    OK_GOVERNMENT,
    OK_LOCAL_ADMIN,
    OK_FOUNDATION,
    OK_ASSOCIATION,
    OK_COMMUNITY,
    OK_NETWORK,
    OK_UNIVERSITY,
    OK_SCHOOL,
    OK_COMPANY,
    OK_MEDIA,
    OK_RELIGIOUS,
    OK_OTHER
};
static const char *const org_kinds[] = {"government", "local_admin", "foundation", "association",
                                        "community",  "network",     "university", "school",
                                        "company",    "media",       "religious",  "other"};

struct national_org {
    const char *name, *short_name;
    enum org_kind kind;
    const char *province; /* NULL: national */
    const char *website;
};
static const struct national_org national_orgs[] = {
    {"สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน)", "พอช.", OK_GOVERNMENT, NULL, "www.codi.or.th"},
    {"มูลนิธิยุวสถิรคุณ", "มยส.", OK_FOUNDATION, NULL, ""},
    {"สำนักงานกองทุนสนับสนุนการสร้างเสริมสุขภาพ", "สสส.", OK_GOVERNMENT, NULL, "www.thaihealth.or.th"},
    {"เครือข่ายสภาองค์กรชุมชนแห่งประเทศไทย", "", OK_NETWORK, NULL, ""},
    {"สมาคมสันนิบาตเทศบาลแห่งประเทศไทย", "ส.ท.ท.", OK_ASSOCIATION, NULL, ""},
    {"ไทยพีบีเอส", "Thai PBS", OK_MEDIA, NULL, "www.thaipbs.or.th"},
    {"สำนักงานคณะกรรมการสุขภาพแห่งชาติ", "สช.", OK_GOVERNMENT, NULL, "www.nationalhealth.or.th"},
    {"กรมส่งเสริมการปกครองท้องถิ่น", "สถ.", OK_GOVERNMENT, NULL, "www.dla.go.th"},
    {"มหาวิทยาลัยเชียงใหม่", "มช.", OK_UNIVERSITY, "TH-50", "www.cmu.ac.th"},
    {"มหาวิทยาลัยสงขลานครินทร์", "ม.อ.", OK_UNIVERSITY, "TH-90", "www.psu.ac.th"},
    {"มูลนิธิชุมชนไท", "", OK_FOUNDATION, NULL, ""},
    {"เครือข่ายองค์กรงดเหล้า", "สคล.", OK_NETWORK, NULL, ""},
    {"สำนักงานจุฬาราชมนตรี", "", OK_RELIGIOUS, NULL, ""},
    {"บริษัท ประชารัฐรักสามัคคี (ประเทศไทย) จำกัด", "", OK_COMPANY, NULL, ""},
    {"ชมรมแพทย์ชนบท", "", OK_OTHER, NULL, ""},
    {"สมาคมองค์การบริหารส่วนตำบลแห่งประเทศไทย", "", OK_ASSOCIATION, NULL, ""},
};

/* Name patterns: %s is the province (provincial tier) or a place (district and community
 * tiers). A short name pattern, when not NULL, is filled the same way. */
struct org_pattern {
    const char *name, *short_name;
    enum org_kind kind;
    int parent; /* provincial tier: index in national_orgs, -1 for none */
};
static const struct org_pattern provincial_patterns[] = {
    {"สภาองค์กรชุมชนจังหวัด%s", NULL, OK_NETWORK, 3},
    {"สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด%s", "พมจ.%s", OK_GOVERNMENT, 0},
    {"องค์การบริหารส่วนจังหวัด%s", "อบจ.%s", OK_LOCAL_ADMIN, 7},
    {"มหาวิทยาลัยราชภัฏ%s", "มรภ.%s", OK_UNIVERSITY, -1},
    {"มูลนิธิเพื่อการพัฒนาชุมชนจังหวัด%s", NULL, OK_FOUNDATION, 10},
    {"สมาคมผู้สื่อข่าวจังหวัด%s", NULL, OK_ASSOCIATION, -1},
    {"สถานีวิทยุกระจายเสียงแห่งประเทศไทยจังหวัด%s", "สวท.%s", OK_MEDIA, -1},
    {"สำนักงานสาธารณสุขจังหวัด%s", "สสจ.%s", OK_GOVERNMENT, 6},
    {"เครือข่ายความมั่นคงทางอาหารจังหวัด%s", NULL, OK_NETWORK, 0},
    {"เครือข่ายผู้สูงอายุจังหวัด%s", NULL, OK_NETWORK, 2},
    {"คณะสงฆ์จังหวัด%s", NULL, OK_RELIGIOUS, -1},
    {"หอการค้าจังหวัด%s", NULL, OK_ASSOCIATION, -1},
};
static const struct org_pattern muslim_provincial_pattern = {"สำนักงานคณะกรรมการอิสลามประจำจังหวัด%s",
                                                             "กอจ.%s", OK_RELIGIOUS, 12};
static const struct org_pattern district_patterns[] = {
    {"องค์การบริหารส่วนตำบล%s", "อบต.%s", OK_LOCAL_ADMIN, 0},
    {"โรงเรียนบ้าน%s", NULL, OK_SCHOOL, 0},
    {"โรงพยาบาลส่งเสริมสุขภาพตำบล%s", "รพ.สต.%s", OK_GOVERNMENT, 0},
    {"วัด%s", NULL, OK_RELIGIOUS, 0},
    {"สภาองค์กรชุมชนตำบล%s", NULL, OK_NETWORK, 0},
    {"บริษัท %sพัฒนา จำกัด", NULL, OK_COMPANY, 0},
    {"วิทยุชุมชนคนรัก%s", NULL, OK_MEDIA, 0},
    {"ศูนย์การเรียนรู้ชุมชน%s", NULL, OK_OTHER, 0},
    {"มูลนิธิพัฒนาชุมชน%s", NULL, OK_FOUNDATION, 0},
    {"เทศบาลตำบล%s", "ทต.%s", OK_LOCAL_ADMIN, 0},
    {"ชมรมผู้สูงอายุตำบล%s", NULL, OK_ASSOCIATION, 0},
    {"องค์การบริหารส่วนตำบล%s", "อบต.%s", OK_LOCAL_ADMIN, 0},
};
static const struct org_pattern mosque_pattern = {"มัสยิด%s", NULL, OK_RELIGIOUS, 0};
static const struct org_pattern community_patterns[] = {
    {"กลุ่มแม่บ้านเกษตรกร%s", NULL, OK_COMMUNITY, 0},
    {"กลุ่มออมทรัพย์เพื่อการผลิตบ้าน%s", NULL, OK_COMMUNITY, 0},
    {"กองทุนสวัสดิการชุมชนตำบล%s", NULL, OK_COMMUNITY, 0},
    {"กลุ่มเยาวชนรักษ์%s", NULL, OK_COMMUNITY, 0},
    {"วิสาหกิจชุมชนผ้าทอบ้าน%s", NULL, OK_COMMUNITY, 0},
    {"ชมรม อสม. ตำบล%s", NULL, OK_COMMUNITY, 0},
    {"กลุ่มอนุรักษ์ป่าชุมชนบ้าน%s", NULL, OK_COMMUNITY, 0},
};

static const char *const org_focus[] = {
    "ความมั่นคงทางอาหาร", "สวัสดิการชุมชน", "ที่อยู่อาศัยและที่ดิน",  "การจัดการภัยพิบัติ", "ผู้สูงอายุ",
    "เด็กและเยาวชน",     "เกษตรอินทรีย์",  "ท่องเที่ยวโดยชุมชน", "ป่าชุมชน",        "ลดปัจจัยเสี่ยงเหล้าบุหรี่",
    "ความปลอดภัยทางถนน", "สุขภาวะชุมชน",  "เศรษฐกิจฐานราก",
};
#define THEME_PEACE "สันติภาพชายแดนใต้"
#define THEME_HAZE "ไฟป่าและหมอกควัน"

static const char *const org_tag_names[] = {"ภาคีหลัก", "แหล่งทุน", "พื้นที่นำร่อง"};

/* Events. */
enum event_kind {
    EK_MEETING,
    EK_WORKSHOP,
    EK_TRAINING,
    EK_FORUM,
    EK_CONFERENCE,
    EK_FIELD,
    EK_OTHER
};
static const char *const event_kinds[] = {"meeting",    "workshop",    "training", "forum",
                                          "conference", "field_visit", "other"};
static const int event_kind_weights[] = {40, 15, 14, 10, 5, 11, 5};

enum event_status { ES_PLANNED, ES_HELD, ES_CANCELLED };
static const char *const event_statuses[] = {"planned", "held", "cancelled"};

static const char *const hotels[] = {"โรงแรมริเวอร์ไซด์",    "โรงแรมแกรนด์วิว",   "โรงแรมลำดวนพาเลซ",
                                     "โรงแรมบ้านสวนรีสอร์ท", "โรงแรมเดอะรีเจนท์", "โรงแรมศรีเมืองปาร์ค"};

static const char *const event_notes[] = {
    "งบประมาณสนับสนุนจาก สสส.", "ขอความร่วมมือแต่งกายผ้าพื้นเมือง",      "มีรถรับส่งจากศาลากลางจังหวัด 07.30 น.",
    "อาหารฮาลาลทุกมื้อ",         "เบิกค่าเดินทางตามจริงไม่เกิน 500 บาท", "ถ่ายทอดสดทางเพจเครือข่าย",
};

static const char *const agenda_text = "วาระที่ 1 เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ\n"
                                       "วาระที่ 2 รับรองรายงานการประชุมครั้งที่แล้ว\n"
                                       "วาระที่ 3 เรื่องสืบเนื่อง\n"
                                       "วาระที่ 4 เรื่องเพื่อพิจารณา\n"
                                       "วาระที่ 5 เรื่องอื่น ๆ";

static const char *const thai_months[] = {"มกราคม",  "กุมภาพันธ์", "มีนาคม",    "เมษายน",
                                          "พฤษภาคม", "มิถุนายน",  "กรกฎาคม",  "สิงหาคม",
                                          "กันยายน",  "ตุลาคม",   "พฤศจิกายน", "ธันวาคม"};

/* Participant categories for quotas, with the organisation kind whose people they count. */
struct category {
    const char *name;
    int weight;
    int org_kind; /* -1: any */
};
static const struct category categories[] = {
    {"ผู้บริหาร อปท.", 8, OK_LOCAL_ADMIN},
    {"เครือข่ายชุมชน", 4, OK_COMMUNITY},
    {"นักวิชาการ", 1, OK_UNIVERSITY},
    {"หน่วยงานรัฐ", 2, OK_GOVERNMENT},
    {"เยาวชน", 2, -1},
    {"สื่อมวลชน", 1, OK_MEDIA},
};

/* Attendance. */
static const char *const roles[] = {"participant", "speaker",  "facilitator",
                                    "organiser",   "observer", "staff"};
static const int role_weights[] = {88, 4, 3, 1, 1, 3};
static const char *const absent_reasons[] = {
    "น้ำท่วมถนน", "ติดภารกิจ", "ป่วย", "ติดประชุมอื่น", "รถเสียระหว่างทาง", "ดูแลผู้ป่วยที่บ้าน", "ไม่สะดวกเดินทาง"};
static const char *const cancel_reasons[] = {"แจ้งยกเลิกทางไลน์", "ส่งผู้แทนมาแทน", "ติดภารกิจเร่งด่วน"};

/* Tasks. */
static const char *const tasks_before[] = {
    "จัดทำหนังสือเชิญผู้เข้าร่วม", "จองห้องประชุมและอาหารว่าง",   "ประสานวิทยากร",
    "ยืนยันจำนวนผู้เข้าร่วม",    "จัดทำเอกสารประกอบการประชุม", "ประชาสัมพันธ์ผ่านกลุ่มไลน์",
    "เตรียมรถรับส่งผู้เข้าร่วม",  "ขออนุมัติงบประมาณกิจกรรม",
};
static const char *const tasks_after[] = {
    "ส่งรายงานสรุปผลการประชุม",   "เบิกจ่ายค่าเดินทางผู้เข้าร่วม",  "ส่งภาพถ่ายกิจกรรม",
    "จัดทำรายงานการเงินโครงการ", "ติดตามมติที่ประชุม",          "ถอดบทเรียนและเผยแพร่",
    "ส่งใบสำคัญรับเงินให้ฝ่ายบัญชี",   "บันทึกรายชื่อผู้เข้าร่วมลงระบบ",
};
static const char *const tasks_general[] = {
    "ลงพื้นที่เก็บข้อมูลครัวเรือน",     "ปรับปรุงทะเบียนสมาชิกเครือข่าย", "จัดทำแผนงานประจำปี",
    "ต่ออายุสัญญาโครงการกับ สสส.", "ประสานหน่วยงานเรื่องน้ำท่วม",   "รวบรวมข้อมูลผู้สูงอายุติดเตียง",
    "ทำบัญชีกองทุนสวัสดิการชุมชน",
};
static const char *const task_notes[] = {
    "รอเอกสารจากฝ่ายการเงิน", "โทรประสานแล้ว รอตอบกลับ", "ใช้แบบฟอร์มของ สสส.",
    "ส่งทางอีเมลและไลน์",      "ต้องมีลายเซ็นประธาน",
};
static const char *const task_priorities[] = {"low", "normal", "high", "urgent"};
static const int task_priority_weights[] = {15, 55, 22, 8};

/* ------------------------------------------------------------------------------------------
 * Generator state. */

struct sizes {
    int orgs, members, events, attendance, tasks;
};
static const struct sizes small_sizes = {40, 300, 30, 1500, 100};
static const struct sizes large_sizes = {2000, 100000, 5000, 300000, 20000};
static const struct sizes huge_sizes = {20000, 1000000, 50000, 3000000, 200000};

enum { MAX_PROVINCES = 80, MAX_QUOTAS = 4, MAX_MEMBER_ORGS = 3 };

struct province {
    char code[8];
    char *name;
    char region[12];
    int weight;
    const struct districts *districts; /* NULL: districts are made up */
};

struct org {
    long long id;
    int level;    /* 0 national, 1 provincial, 2 district, 3 community */
    int province; /* index, -1 for none */
    enum org_kind kind;
    char *name; /* for the titles of the events it hosts */
};

struct event {
    long long id;
    int start, end; /* day numbers */
    enum event_kind kind;
    enum event_status status;
    int province;
    int host; /* org index, -1 for none */
    int target;
    int nquotas;
    int quota_category[MAX_QUOTAS];
    int quota_target[MAX_QUOTAS];
    int nattendance;
    int owner; /* member index who follows the event up, -1 */
    bool morning;
};

struct fill {
    struct db *db;
    struct bulk *bulk;
    struct rng rng;
    /* Roles and dates in organisations, drawn as each member is written. They were drawn
     * after all the members, from the main generator: that one is moved on by as many draws
     * (aff_draws), so that everything after the members stays as it was. */
    struct rng aff_rng;
    long long aff_draws;
    struct sizes n;
    FILE *progress;
    int today; /* day number of DEMO_TODAY */

    struct province provinces[MAX_PROVINCES];
    int nprovinces;
    int province_weight_total;

    struct org *orgs;
    int norgs;
    int nnational;   /* the first organisations, in the order of national_orgs */
    int *orgs_start; /* organisations of province p: orgs_in[orgs_start[p] .. orgs_start[p+1]) */
    int *orgs_in;

    long long first_member_id; /* ids are consecutive: member m is first_member_id + m */
    int *member_province;
    char (*member_phones)[2][16];
    int *member_nphones;
    int *member_ntags;
    int (*member_tags)[2];
    int *member_norgs;
    int (*member_orgs)[MAX_MEMBER_ORGS];
    int *by_province_start; /* members of province p: by_province[start[p] .. start[p+1]) */
    int *by_province;

    struct event *events;
    unsigned phone_serial;
};

/* ------------------------------------------------------------------------------------------
 * Values as the bulk write takes them: by field name, in stored form. The strings are the
 * caller's; nothing here is freed. */

struct vals {
    enum kind kind;
    struct stored v[MAX_FIELDS];
};

static void vals_init(struct vals *x, enum kind k)
{
    memset(x, 0, sizeof *x);
    x->kind = k;
}

static struct stored *val(struct vals *x, enum field_id f)
{
    assert(field_kind(f) == x->kind);
    return &x->v[field_pos(f)];
}

static void set_text(struct vals *x, enum field_id f, const char *text)
{
    val(x, f)->text = (char *)text;
}

static void set_num(struct vals *x, enum field_id f, long long n)
{
    val(x, f)->num = n;
    val(x, f)->has_num = true;
}

/* Ids <= 0 are no reference: NULL. */
static void set_id(struct vals *x, enum field_id f, long long id)
{
    if (id > 0) set_num(x, f, id);
}

static void set_items(struct vals *x, enum field_id f, char **items, size_t n)
{
    val(x, f)->items = items;
    val(x, f)->n = n;
}

static void progress(struct fill *f, const char *what, long long n)
{
    if (!f->progress) return;
    fprintf(f->progress, "%s: %lld\n", _(what), n); /* what: an N_() message */
    fflush(f->progress);
}

/* ------------------------------------------------------------------------------------------
 * Provinces and tags. */

static int find_province(const struct fill *f, const char *code)
{
    for (int i = 0; i < f->nprovinces; i++)
        if (strcmp(f->provinces[i].code, code) == 0) return i;
    return -1;
}

static bool code_in(const char *code, const char *const *codes, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(code, codes[i]) == 0) return true;
    return false;
}

/* Pattani, Yala and Narathiwat. */
static bool is_border(const struct fill *f, int p)
{
    return p >= 0 && code_in(f->provinces[p].code, malay_provinces, COUNT(malay_provinces));
}

static bool is_upper_north(const struct fill *f, int p)
{
    return p >= 0 && code_in(f->provinces[p].code, upper_north, COUNT(upper_north));
}

/* The 12 provinces most of the work is in weigh 7 each: with Bangkok (5) over half the draws. */
static int province_weight(const char *code)
{
    if (code_in(code, upper_north, COUNT(upper_north)) ||
        code_in(code, southern_border, COUNT(southern_border)))
        return 7;
    return strcmp(code, "TH-10") == 0 ? 5 : 1;
}

/* Reads the provinces table: codes come from the schema, weights from the networks' reach. */
static int load_provinces(struct fill *f, char **err)
{
    struct province_row *rows;
    int n;
    if (province_rows(f->db, &rows, &n, err) != 0) return -1;
    for (int r = 0; r < n && f->nprovinces < MAX_PROVINCES; r++) {
        struct province *p = &f->provinces[f->nprovinces++];
        snprintf(p->code, sizeof p->code, "%s", rows[r].code);
        p->name = xstrdup(rows[r].name);
        snprintf(p->region, sizeof p->region, "%s", rows[r].region);
        p->weight = province_weight(p->code);
        f->province_weight_total += p->weight;
        for (int i = 0; i < COUNT(district_lists); i++)
            if (strcmp(district_lists[i].code, p->code) == 0) p->districts = &district_lists[i];
    }
    province_rows_free(rows, n);
    if (f->nprovinces == 0) {
        *err = xstrdup(_("the provinces table is empty: the database was not set up by khai"));
        return -1;
    }
    return 0;
}

static int pick_province(struct fill *f)
{
    int x = rng_below(&f->rng, f->province_weight_total);
    for (int i = 0; i < f->nprovinces; i++) {
        if (x < f->provinces[i].weight) return i;
        x -= f->provinces[i].weight;
    }
    return f->nprovinces - 1;
}

/* The tags first, in this order, so that their ids are the same in every fill. */
static int insert_tags(struct fill *f, const char *const *names, int n, char **err)
{
    for (int i = 0; i < n; i++) {
        long long id;
        if (bulk_tag(f->bulk, names[i], &id, err) != 0) return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------
 * Places and phones. */

static void place_name(struct fill *f, struct strbuf *sb)
{
    const char *a = PICK(&f->rng, place_first), *b;
    do
        b = PICK(&f->rng, place_last);
    while (strcmp(a, b) == 0);
    sb_add(sb, a);
    sb_add(sb, b);
}

/* Distinct, scattered 8-digit tails, so that no two demo phones are the same: serial numbers
 * through a small Feistel network on two 4-digit halves, which permutes 0..99999999. */
static unsigned phone_tail(struct fill *f)
{
    unsigned x = f->phone_serial++, hi = x / 10000 % 10000, lo = x % 10000;
    for (unsigned round = 0; round < 4; round++) {
        unsigned mixed = (lo * 2654435761u + round * 40503u) >> 7;
        unsigned next = (hi + mixed) % 10000;
        hi = lo;
        lo = next;
    }
    return hi * 10000 + lo;
}

static void mobile_phone(struct fill *f, char buf[16])
{
    static const char prefixes[] = {'6', '8', '8', '9', '9'};
    snprintf(buf, 16, "0%c%08u", prefixes[rng_below(&f->rng, COUNT(prefixes))], phone_tail(f));
}

/* Landlines: 02 and 7 digits in Bangkok, a three-digit area code and 6 digits elsewhere. */
static void landline_phone(struct fill *f, int p, char buf[16])
{
    unsigned tail = phone_tail(f);
    if (p < 0 || strcmp(f->provinces[p].code, "TH-10") == 0) {
        snprintf(buf, 16, "02%07u", tail % 10000000u);
        return;
    }
    const char *region = f->provinces[p].region;
    const char *area = strcmp(region, "north") == 0       ? "053"
                       : strcmp(region, "northeast") == 0 ? "043"
                       : strcmp(region, "east") == 0      ? "038"
                       : strcmp(region, "west") == 0      ? "032"
                       : is_border(f, p)                  ? "073"
                       : strcmp(region, "south") == 0     ? "074"
                                                          : "035";
    snprintf(buf, 16, "%s%06u", area, tail % 1000000u);
}

/* ------------------------------------------------------------------------------------------
 * Organisations: national bodies, provincial networks and offices under them, district
 * bodies under those, and community groups under the district bodies. */

struct org_row {
    struct strbuf name, short_name;
    enum org_kind kind;
    int level, parent, province;
    const char *website;
};

static void org_row_reset(struct org_row *o)
{
    sb_reset(&o->name);
    sb_reset(&o->short_name);
    o->website = "";
}

/* Whether organisation i is of level, in province p (any when p < -1), of a kind in mask
 * (any when 0). */
static bool org_fits(const struct fill *f, int i, int level, int p, unsigned mask)
{
    const struct org *o = &f->orgs[i];
    return o->level == level && (p < -1 || o->province == p) && (!mask || mask >> o->kind & 1);
}

/* A random organisation of level, preferring province p and then the kinds in mask. */
static int pick_org_at(struct fill *f, int level, int p, unsigned mask)
{
    const int places[4] = {p, p, -2, -2};
    const unsigned kinds[4] = {mask, 0, mask, 0};
    for (int pass = 0; pass < 4; pass++) {
        int n = 0;
        for (int i = 0; i < f->norgs; i++)
            n += org_fits(f, i, level, places[pass], kinds[pass]);
        if (n == 0) continue;
        int k = rng_below(&f->rng, n);
        for (int i = 0; i < f->norgs; i++)
            if (org_fits(f, i, level, places[pass], kinds[pass]) && k-- == 0) return i;
    }
    return rng_below(&f->rng, f->norgs);
}

static void fill_pattern(struct org_row *o, const struct org_pattern *pat, const char *where)
{
    sb_addf(&o->name, pat->name, where);
    if (pat->short_name) sb_addf(&o->short_name, pat->short_name, where);
    o->kind = pat->kind;
}

/* The first organisations of a tier go through its patterns in turn, so even the small demo
 * has every kind; after that the pattern is chosen at random. */
static const struct org_pattern *tier_pattern(struct fill *f, const struct org_pattern *pats,
                                              int npats, int nth, int p, bool mosque_ok)
{
    if (mosque_ok && is_border(f, p) && rng_percent(&f->rng, 40))
        return pats == provincial_patterns ? &muslim_provincial_pattern : &mosque_pattern;
    return &pats[nth < npats ? nth : rng_below(&f->rng, npats)];
}

#define KINDS(a, b, c) (1u << (a) | 1u << (b) | 1u << (c))

/* The kinds of organisation a district body or community group is preferably under. */
static unsigned parent_kinds(enum org_kind kind, int level)
{
    if (level == 3) /* the local authority, the ตำบล council or the health centre */
        return KINDS(OK_LOCAL_ADMIN, OK_NETWORK, OK_GOVERNMENT);
    switch (kind) {
    case OK_RELIGIOUS:
        return KINDS(OK_RELIGIOUS, OK_RELIGIOUS, OK_RELIGIOUS);
    case OK_SCHOOL:
    case OK_GOVERNMENT:
        return KINDS(OK_GOVERNMENT, OK_LOCAL_ADMIN, OK_LOCAL_ADMIN);
    case OK_LOCAL_ADMIN:
        return KINDS(OK_LOCAL_ADMIN, OK_NETWORK, OK_NETWORK);
    case OK_MEDIA:
        return KINDS(OK_MEDIA, OK_ASSOCIATION, OK_ASSOCIATION);
    default:
        return KINDS(OK_NETWORK, OK_FOUNDATION, OK_GOVERNMENT);
    }
}

static void make_org(struct fill *f, struct org_row *o, int level, int nth)
{
    org_row_reset(o);
    o->level = level;
    if (level == 0) {
        const struct national_org *n = &national_orgs[nth];
        sb_add(&o->name, n->name);
        sb_add(&o->short_name, n->short_name);
        o->kind = n->kind;
        o->province = n->province ? find_province(f, n->province) : -1;
        o->parent = -1;
        o->website = n->website;
        return;
    }
    if (level == 1) {
        o->province = pick_province(f);
        const struct org_pattern *pat = tier_pattern(
            f, provincial_patterns, COUNT(provincial_patterns), nth, o->province, true);
        fill_pattern(o, pat, f->provinces[o->province].name);
        o->parent = pat->parent < 0 ? -1 : pat->parent < f->nnational ? pat->parent : 0;
        return;
    }
    struct strbuf place = STRBUF_INIT;
    place_name(f, &place);
    o->province = pick_province(f);
    if (level == 2)
        fill_pattern(
            o, tier_pattern(f, district_patterns, COUNT(district_patterns), nth, o->province, true),
            sb_str(&place));
    else
        fill_pattern(
            o,
            tier_pattern(f, community_patterns, COUNT(community_patterns), nth, o->province, false),
            sb_str(&place));
    o->parent = pick_org_at(f, level - 1, o->province, parent_kinds(o->kind, level));
    if (f->orgs[o->parent].province >= 0) o->province = f->orgs[o->parent].province;
    sb_free(&place);
}

static void org_contacts(struct fill *f, struct org_row *o, char phone[16], struct strbuf *line,
                         struct strbuf *fb, struct strbuf *focus)
{
    phone[0] = '\0';
    if (rng_percent(&f->rng, 60)) landline_phone(f, o->province, phone);
    if (o->level >= 1 && rng_percent(&f->rng, 45)) sb_addf(line, "กลุ่มไลน์%s", sb_str(&o->name));
    if (rng_percent(&f->rng, 30)) /* pages go by the organisation's Thai name */
        sb_add(fb, sb_str(&o->name));
    int nfocus = rng_between(&f->rng, 0, 2), first = rng_below(&f->rng, COUNT(org_focus));
    for (int i = 0; i < nfocus; i++)
        sb_addf(focus, "%s%s", i ? ", " : "", org_focus[(first + i * 4) % COUNT(org_focus)]);
}

/* One organisation in ten carries one of the organisation tags. */
static int write_org(struct fill *f, struct org_row *o, char **err)
{
    char phone[16];
    struct strbuf line = STRBUF_INIT, fb = STRBUF_INIT, focus = STRBUF_INIT;
    org_contacts(f, o, phone, &line, &fb, &focus);
    char *phones[1] = {phone}, *tag[1];
    struct vals x;
    vals_init(&x, KIND_ORG);
    set_text(&x, F_ORG_NAME, sb_str(&o->name));
    set_text(&x, F_ORG_SHORT_NAME, sb_str(&o->short_name));
    set_text(&x, F_ORG_KIND, org_kinds[o->kind]);
    set_id(&x, F_ORG_PARENT, o->parent >= 0 ? f->orgs[o->parent].id : 0);
    set_text(&x, F_ORG_PROVINCE, o->province >= 0 ? f->provinces[o->province].code : NULL);
    set_items(&x, F_ORG_PHONE, phones, *phone ? 1 : 0);
    set_text(&x, F_ORG_EMAIL, "");
    set_text(&x, F_ORG_LINE_GROUP, sb_str(&line));
    set_text(&x, F_ORG_FACEBOOK, sb_str(&fb));
    set_text(&x, F_ORG_WEBSITE, o->website);
    set_text(&x, F_ORG_FOCUS, sb_str(&focus));
    set_text(&x, F_ORG_NOTES,
             o->level == 3 && rng_percent(&f->rng, 20) ? "จดทะเบียนกับ พอช. แล้ว" : "");
    if (rng_percent(&f->rng, 10)) {
        tag[0] = (char *)PICK(&f->rng, org_tag_names);
        set_items(&x, F_ORG_TAGS, tag, 1);
    }
    struct org *g = &f->orgs[f->norgs];
    int rc = bulk_add(f->bulk, KIND_ORG, x.v, &g->id, err);
    sb_free(&line);
    sb_free(&fb);
    sb_free(&focus);
    if (rc != 0) return -1;
    f->norgs++;
    g->level = o->level;
    g->province = o->province;
    g->kind = o->kind;
    g->name = xstrdup(sb_str(&o->name));
    return 0;
}

/* How many organisations of each tier: a handful of national bodies, then roughly 15%
 * provincial, 50% district and the rest community groups. */
static void org_tiers(const struct fill *f, int tiers[4])
{
    int n = f->n.orgs;
    tiers[0] = n / 10 < 4 ? 4 : n / 10 > COUNT(national_orgs) ? COUNT(national_orgs) : n / 10;
    tiers[1] = (n - tiers[0]) * 15 / 100;
    tiers[2] = (n - tiers[0]) * 50 / 100;
    tiers[3] = n - tiers[0] - tiers[1] - tiers[2];
}

static int fill_orgs(struct fill *f, char **err)
{
    f->orgs = xcalloc((size_t)f->n.orgs, sizeof *f->orgs);
    int tiers[4];
    org_tiers(f, tiers);
    f->nnational = tiers[0];
    struct org_row o = {STRBUF_INIT, STRBUF_INIT, OK_OTHER, 0, -1, -1, ""};
    int rc = 0;
    for (int level = 0; level < 4 && rc == 0; level++) {
        for (int nth = 0; nth < tiers[level] && rc == 0; nth++) {
            /* Names are unique, so a name always finds one organisation: another pattern or
             * place is tried, and in the end (or for a national body the database already
             * has) a number is added. */
            make_org(f, &o, level, nth);
            for (int tries = 1; level > 0 && tries < 50 && org_name_taken(f->db, sb_str(&o.name));
                 tries++)
                make_org(f, &o, level, nth + tries * 1000);
            if (org_name_taken(f->db, sb_str(&o.name))) sb_addf(&o.name, " แห่งที่ %d", f->norgs + 2);
            rc = write_org(f, &o, err);
        }
    }
    sb_free(&o.name);
    sb_free(&o.short_name);
    if (rc == 0) progress(f, N_("organisations"), f->norgs);
    return rc;
}

/* ------------------------------------------------------------------------------------------
 * Members. */

enum people { PEOPLE_THAI, PEOPLE_NORTH, PEOPLE_MUSLIM, PEOPLE_LATIN };

struct person {
    const char *title, *given, *family, *nickname, *gender, *position;
    const char *given_en, *family_en;
    struct strbuf family_buf, given_en_buf, family_en_buf; /* made-up ones */
    struct strbuf email, line, facebook, district, subdistrict, skills;
    const char *notes;
    char phones[2][16];
    int nphones;
    int province;
    bool active;
};

static const struct title_share *pick_title(struct fill *f, bool male)
{
    const struct title_share *list = male ? male_titles : female_titles;
    int n = male ? COUNT(male_titles) : COUNT(female_titles);
    int x = rng_below(&f->rng, 100);
    for (int i = 0; i < n; i++) {
        if (x < list[i].percent) return &list[i];
        x -= list[i].percent;
    }
    return NULL;
}

static void pick_family(struct fill *f, struct person *p, enum people who)
{
    const struct name *fam;
    if (who == PEOPLE_MUSLIM) {
        fam = &PICK(&f->rng, muslim_family);
    } else if (who == PEOPLE_NORTH && rng_percent(&f->rng, 50)) {
        fam = &PICK(&f->rng, north_family);
    } else if (rng_percent(&f->rng, 60)) {
        fam = &PICK(&f->rng, family_names);
    } else {
        const struct name *a = &PICK(&f->rng, family_first), *b;
        do
            b = &PICK(&f->rng, family_last);
        while (strcmp(a->th, b->th) == 0);
        sb_addf(&p->family_buf, "%s%s", a->th, b->th);
        sb_addf(&p->family_en_buf, "%s%s", a->en, b->en);
        p->family = sb_str(&p->family_buf);
        p->family_en = sb_str(&p->family_en_buf);
        return;
    }
    p->family = fam->th;
    p->family_en = fam->en;
}

static void pick_thai_name(struct fill *f, struct person *p, enum people who)
{
    bool male = rng_percent(&f->rng, 48);
    const struct name *given;
    if (who == PEOPLE_MUSLIM)
        given = male ? &PICK(&f->rng, muslim_male_given) : &PICK(&f->rng, muslim_female_given);
    else if (who == PEOPLE_NORTH && rng_percent(&f->rng, 30))
        given = male ? &PICK(&f->rng, north_male_given) : &PICK(&f->rng, north_female_given);
    else
        given = male ? &PICK(&f->rng, male_given) : &PICK(&f->rng, female_given);
    p->given = given->th;
    p->given_en = given->en;
    p->gender = rng_percent(&f->rng, 2) ? "" : male ? "male" : "female";
    pick_family(f, p, who);
    const struct title_share *t = pick_title(f, male);
    p->title = t ? t->title : "";
    p->position = t ? t->position : NULL;
    p->nickname = rng_percent(&f->rng, 80) ? PICK(&f->rng, nicknames) : "";
}

static void pick_address(struct fill *f, struct person *p)
{
    const struct province *pv = &f->provinces[p->province];
    bool bangkok = strcmp(pv->code, "TH-10") == 0;
    if (rng_percent(&f->rng, 15)) return;
    if (bangkok)
        sb_addf(&p->district, "เขต%s", pv->districts->names[rng_below(&f->rng, 9)]);
    else if (rng_percent(&f->rng, 35))
        sb_addf(&p->district, "อำเภอเมือง%s", pv->name);
    else if (pv->districts) {
        int n = 0;
        while (n < 9 && pv->districts->names[n])
            n++;
        sb_addf(&p->district, "อำเภอ%s", pv->districts->names[rng_below(&f->rng, n)]);
    } else {
        sb_add(&p->district, "อำเภอ");
        place_name(f, &p->district);
    }
    if (rng_percent(&f->rng, 80)) {
        sb_add(&p->subdistrict, bangkok ? "แขวง" : "ตำบล");
        place_name(f, &p->subdistrict);
    }
}

static void pick_contacts(struct fill *f, struct person *p)
{
    int x = rng_below(&f->rng, 100);
    p->nphones = x < 7 ? 0 : x < 85 ? 1 : 2;
    for (int i = 0; i < p->nphones; i++)
        mobile_phone(f, p->phones[i]);
    int born = rng_between(&f->rng, 60, 99);
    if (rng_percent(&f->rng, 55)) {
        const char *sep = rng_percent(&f->rng, 50) ? "." : "_";
        sb_addf(&p->email, "%s%s%.3s%d@%s", p->given_en, sep, p->family_en, born,
                PICK(&f->rng, mail_domains));
    }
    x = rng_below(&f->rng, 100);
    if (x < 15 && p->nphones)
        sb_add(&p->line, p->phones[0]);
    else if (x < 35)
        sb_addf(&p->line, "%s%d", p->given_en, born);
    else if (x < 45)
        sb_addf(&p->line, "%s.%.4s", p->given_en, p->family_en);
    if (rng_percent(&f->rng, 12))
        sb_addf(&p->facebook, "%c%s %c%s", p->given_en[0] - 'a' + 'A', p->given_en + 1,
                p->family_en[0] - 'a' + 'A', p->family_en + 1);
}

static void pick_extras(struct fill *f, struct person *p, enum people who)
{
    if (rng_percent(&f->rng, 25)) {
        sb_add(&p->skills, who == PEOPLE_MUSLIM && rng_percent(&f->rng, 50)
                               ? "ภาษามลายู"
                               : PICK(&f->rng, skills));
        const char *more = PICK(&f->rng, skills);
        if (rng_percent(&f->rng, 30) && strcmp(more, sb_str(&p->skills)) != 0)
            sb_addf(&p->skills, ", %s", more);
    }
    if (who == PEOPLE_MUSLIM && rng_percent(&f->rng, 50))
        p->notes = "ทานอาหารฮาลาล";
    else if (rng_percent(&f->rng, 4))
        p->notes = PICK(&f->rng, member_notes);
    else
        p->notes = "";
    p->active = rng_percent(&f->rng, 95);
}

static void pick_latin(struct fill *f, struct person *p)
{
    const struct latin_person *l = &PICK(&f->rng, latin_people);
    p->title = l->title;
    p->given = l->given;
    p->family = l->family;
    p->gender = l->gender;
    p->nickname = "";
    p->position = NULL;
    /* Romanised forms are lower case, like the Thai tables' (the names are ASCII letters). */
    sb_add(&p->given_en_buf, l->given);
    sb_add(&p->family_en_buf, l->family);
    p->given_en_buf.s[0] = (char)(p->given_en_buf.s[0] | 0x20);
    p->family_en_buf.s[0] = (char)(p->family_en_buf.s[0] | 0x20);
    p->given_en = sb_str(&p->given_en_buf);
    p->family_en = sb_str(&p->family_en_buf);
}

static void pick_fixed(struct person *p, int i)
{
    const struct fixed_person *x = &fixed_people[i];
    p->title = x->title;
    p->given = x->given;
    p->family = x->family;
    p->nickname = x->nickname;
    p->gender = x->gender;
    p->given_en = x->given_en;
    p->family_en = x->family_en;
    p->position = "ผู้ประสานงานเครือข่าย";
}

static void person_free(struct person *p)
{
    sb_free(&p->family_buf);
    sb_free(&p->given_en_buf);
    sb_free(&p->family_en_buf);
    sb_free(&p->email);
    sb_free(&p->line);
    sb_free(&p->facebook);
    sb_free(&p->district);
    sb_free(&p->subdistrict);
    sb_free(&p->skills);
}

static void make_person(struct fill *f, struct person *p, int index)
{
    memset(p, 0, sizeof *p);
    p->province = pick_province(f);
    enum people who = PEOPLE_THAI;
    if (is_border(f, p->province) && rng_percent(&f->rng, 70))
        who = PEOPLE_MUSLIM;
    else if (is_upper_north(f, p->province))
        who = PEOPLE_NORTH;
    else if (rng_percent(&f->rng, 1))
        who = PEOPLE_LATIN;
    if (index < COUNT(fixed_people))
        pick_fixed(p, index);
    else if (who == PEOPLE_LATIN)
        pick_latin(f, p);
    else
        pick_thai_name(f, p, who);
    pick_address(f, p);
    pick_contacts(f, p);
    pick_extras(f, p, who);
}

/* Groups organisation indexes by province (a counting sort), for picking local ones fast. */
static void index_orgs_by_province(struct fill *f)
{
    int np = f->nprovinces;
    f->orgs_start = xcalloc((size_t)np + 1, sizeof *f->orgs_start);
    f->orgs_in = xcalloc((size_t)f->norgs + 1, sizeof *f->orgs_in);
    for (int i = 0; i < f->norgs; i++)
        if (f->orgs[i].province >= 0) f->orgs_start[f->orgs[i].province + 1]++;
    for (int p = 0; p < np; p++)
        f->orgs_start[p + 1] += f->orgs_start[p];
    int *next = xmalloc(sizeof *next * (size_t)np);
    memcpy(next, f->orgs_start, sizeof *next * (size_t)np);
    for (int i = 0; i < f->norgs; i++)
        if (f->orgs[i].province >= 0) f->orgs_in[next[f->orgs[i].province]++] = i;
    free(next);
}

/* An organisation of province p, or any one when p has none. */
static int pick_org_in(struct fill *f, int p)
{
    int n = f->orgs_start[p + 1] - f->orgs_start[p];
    if (n == 0) return rng_below(&f->rng, f->norgs);
    return f->orgs_in[f->orgs_start[p] + rng_below(&f->rng, n)];
}

/* A member's organisations: mostly bodies of their own province, sometimes farther away. */
static void pick_member_orgs(struct fill *f, int m, int province)
{
    int x = rng_below(&f->rng, 100);
    int n = x < 4 ? 0 : x < 72 ? 1 : x < 93 ? 2 : 3;
    f->member_norgs[m] = 0;
    for (int i = 0; i < n; i++) {
        int o = rng_percent(&f->rng, 75) ? pick_org_in(f, province) : rng_below(&f->rng, f->norgs);
        bool seen = false;
        for (int j = 0; j < f->member_norgs[m]; j++)
            seen = seen || f->member_orgs[m][j] == o;
        if (!seen) f->member_orgs[m][f->member_norgs[m]++] = o;
    }
}

static const char *member_position(struct fill *f, const struct person *p, int m)
{
    if (p->position) return p->position;
    if (f->member_norgs[m] == 0 || rng_percent(&f->rng, 15)) return "";
    const char *const *list = positions_by_kind[f->orgs[f->member_orgs[m][0]].kind];
    int n = 0;
    while (n < 6 && list[n])
        n++;
    return list[rng_below(&f->rng, n)];
}

static const char *const affiliation_roles[] = {"",      "",       "",          "กรรมการ",
                                                "สมาชิก", "ที่ปรึกษา", "ผู้ประสานงาน"};

/* Roles and dates in the member's organisations: some have a role, some a date they joined
 * (the first of a month). */
static void affiliation_details(struct fill *f, int m, const char *role[], char since[][16],
                                const char *sincep[])
{
    struct rng *r = &f->aff_rng;
    for (int i = 0; i < f->member_norgs[m]; i++) {
        day_iso(day_number(rng_between(r, 2008, 2025), rng_between(r, 1, 12), 1), since[i]);
        role[i] = PICK(r, affiliation_roles);
        sincep[i] = rng_percent(r, 40) ? since[i] : NULL;
    }
    f->aff_draws += 4LL * f->member_norgs[m];
}

static int write_member(struct fill *f, const struct person *p, int m, char **err)
{
    char *phones[2] = {(char *)p->phones[0], (char *)p->phones[1]}, *tags[2];
    long long orgs[MAX_MEMBER_ORGS];
    struct vals x;
    vals_init(&x, KIND_MEMBER);
    set_text(&x, F_MEMBER_TITLE, p->title);
    set_text(&x, F_MEMBER_GIVEN_NAME, p->given);
    set_text(&x, F_MEMBER_FAMILY_NAME, p->family);
    set_text(&x, F_MEMBER_NICKNAME, p->nickname);
    set_text(&x, F_MEMBER_GENDER, p->gender);
    set_text(&x, F_MEMBER_EMAIL, sb_str(&p->email));
    set_text(&x, F_MEMBER_LINE_ID, sb_str(&p->line));
    set_text(&x, F_MEMBER_FACEBOOK, sb_str(&p->facebook));
    set_text(&x, F_MEMBER_PROVINCE, f->provinces[p->province].code);
    set_text(&x, F_MEMBER_DISTRICT, sb_str(&p->district));
    set_text(&x, F_MEMBER_SUBDISTRICT, sb_str(&p->subdistrict));
    set_text(&x, F_MEMBER_POSITION, member_position(f, p, m));
    set_text(&x, F_MEMBER_SKILLS, sb_str(&p->skills));
    set_text(&x, F_MEMBER_NOTES, p->notes);
    set_num(&x, F_MEMBER_ACTIVE, p->active);
    set_items(&x, F_MEMBER_PHONE, phones, (size_t)p->nphones);
    for (int i = 0; i < f->member_norgs[m]; i++)
        orgs[i] = f->orgs[f->member_orgs[m][i]].id;
    val(&x, F_MEMBER_ORGANISATIONS)->ids = orgs;
    val(&x, F_MEMBER_ORGANISATIONS)->n = (size_t)f->member_norgs[m];
    for (int i = 0; i < f->member_ntags[m]; i++)
        tags[i] = (char *)tag_names[f->member_tags[m][i]];
    set_items(&x, F_MEMBER_TAGS, tags, (size_t)f->member_ntags[m]);
    const char *role[MAX_MEMBER_ORGS], *sincep[MAX_MEMBER_ORGS];
    char since[MAX_MEMBER_ORGS][16];
    affiliation_details(f, m, role, since, sincep);
    long long id;
    if (bulk_add_member(f->bulk, x.v, role, sincep, &id, err) != 0) return -1;
    if (m == 0) f->first_member_id = id;
    return 0;
}

/* None, one, or two different tags (the second a fixed step from the first). */
static void pick_member_tags(struct fill *f, int m)
{
    int x = rng_below(&f->rng, 100), first = rng_below(&f->rng, COUNT(tag_names));
    f->member_ntags[m] = x < 70 ? 0 : x < 92 ? 1 : 2;
    for (int i = 0; i < f->member_ntags[m]; i++)
        f->member_tags[m][i] = (first + i * 5) % COUNT(tag_names);
}

static void make_member(struct fill *f, struct person *p, int m)
{
    make_person(f, p, m);
    f->member_province[m] = p->province;
    f->member_nphones[m] = p->nphones;
    memcpy(f->member_phones[m], p->phones, sizeof p->phones);
    pick_member_orgs(f, m, p->province);
    pick_member_tags(f, m);
}

static int fill_members(struct fill *f, char **err)
{
    size_t n = (size_t)f->n.members;
    f->member_province = xcalloc(n, sizeof *f->member_province);
    f->member_norgs = xcalloc(n, sizeof *f->member_norgs);
    f->member_orgs = xcalloc(n, sizeof *f->member_orgs);
    f->member_nphones = xcalloc(n, sizeof *f->member_nphones);
    f->member_phones = xcalloc(n, sizeof *f->member_phones);
    f->member_ntags = xcalloc(n, sizeof *f->member_ntags);
    f->member_tags = xcalloc(n, sizeof *f->member_tags);
    index_orgs_by_province(f);
    int rc = 0;
    for (int m = 0; rc == 0 && m < f->n.members; m++) {
        struct person p;
        make_member(f, &p, m);
        rc = write_member(f, &p, m, err);
        person_free(&p);
        if ((m + 1) % 25000 == 0 && m + 1 < f->n.members) progress(f, N_("members"), m + 1);
    }
    if (rc == 0) rc = bulk_flush(f->bulk, err);
    if (rc != 0) return -1;
    rng_skip(&f->rng, (uint64_t)f->aff_draws);
    progress(f, N_("members"), f->n.members);
    return 0;
}

static long long member_id(const struct fill *f, int m)
{
    return f->first_member_id + m;
}

/* Members by province (a counting sort), so that events draw mostly local people. */
static void index_members_by_province(struct fill *f)
{
    int np = f->nprovinces;
    f->by_province_start = xcalloc((size_t)np + 1, sizeof *f->by_province_start);
    f->by_province = xcalloc((size_t)f->n.members, sizeof *f->by_province);
    for (int m = 0; m < f->n.members; m++)
        f->by_province_start[f->member_province[m] + 1]++;
    for (int p = 0; p < np; p++)
        f->by_province_start[p + 1] += f->by_province_start[p];
    int *next = xmalloc(sizeof *next * (size_t)np);
    memcpy(next, f->by_province_start, sizeof *next * (size_t)np);
    for (int m = 0; m < f->n.members; m++)
        f->by_province[next[f->member_province[m]]++] = m;
    free(next);
}

/* ------------------------------------------------------------------------------------------
 * Events, 2023-2027: dates first (sorted, so ids follow the calendar), then the rest. */

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void plan_event_dates(struct fill *f)
{
    int first = day_number(2023, 1, 1), last = day_number(2027, 12, 31);
    int *starts = xcalloc((size_t)f->n.events, sizeof *starts);
    for (int i = 0; i < f->n.events; i++) {
        int d = rng_between(&f->rng, first, last - 3);
        /* Most events fall on working days. */
        if (weekday(d) >= 5 && rng_percent(&f->rng, 85)) d += 7 - weekday(d);
        starts[i] = d;
    }
    qsort(starts, (size_t)f->n.events, sizeof *starts, compare_ints);
    for (int i = 0; i < f->n.events; i++)
        f->events[i].start = starts[i];
    free(starts);
}

static const char *event_theme(struct fill *f, int p)
{
    if (is_border(f, p) && rng_percent(&f->rng, 25)) return THEME_PEACE;
    if (is_upper_north(f, p) && rng_percent(&f->rng, 25)) return THEME_HAZE;
    return PICK(&f->rng, org_focus);
}

static const char *host_name(struct fill *f, const struct event *e)
{
    return e->host < 0 ? NULL : f->orgs[e->host].name;
}

static void event_title(struct fill *f, const struct event *e, const char *host, struct strbuf *sb)
{
    struct ymd d = day_date(e->start);
    int be = d.y + 543, round = rng_between(&f->rng, 1, 12);
    const char *theme = event_theme(f, e->province);
    const char *prov = e->province >= 0 ? f->provinces[e->province].name : "เชียงใหม่";
    struct strbuf place = STRBUF_INIT;
    place_name(f, &place);
    const char *pl = sb_str(&place);
    int v = rng_below(&f->rng, 3);
    if (!host && e->kind == EK_MEETING) v = 1; /* the other meeting titles name the host */
    switch (e->kind) {
    case EK_MEETING:
        if (v == 0)
            sb_addf(sb, "ประชุมคณะกรรมการ%s ครั้งที่ %d/%d", host, round, be);
        else if (v == 1)
            sb_addf(sb, "ประชุมคณะทำงานขับเคลื่อน%sจังหวัด%s ครั้งที่ %d/%d", theme, prov, round, be);
        else
            sb_addf(sb, "ประชุมประจำเดือน%s เดือน%s %d", host, thai_months[d.m - 1], be);
        break;
    case EK_WORKSHOP:
        if (v == 0)
            sb_addf(sb, "ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบล%s", pl);
        else if (v == 1)
            sb_addf(sb, "ประชุมเชิงปฏิบัติการถอดบทเรียน%s", theme);
        else
            sb_addf(sb, "ประชุมเชิงปฏิบัติการออกแบบระบบ%sจังหวัด%s", theme, prov);
        break;
    case EK_TRAINING:
        if (v == 0)
            sb_addf(sb, "อบรมแกนนำ%s รุ่นที่ %d", theme, round);
        else if (v == 1)
            sb_addf(sb, "อบรมการใช้ระบบฐานข้อมูลตำบล รุ่นที่ %d", round);
        else
            sb_addf(sb, "อบรมหลักสูตรผู้ดูแลผู้สูงอายุ (Care Giver) รุ่นที่ %d", round);
        break;
    case EK_FORUM:
        if (v == 0)
            sb_addf(sb, "เวทีสมัชชา%sจังหวัด%s ปี %d", theme, prov, be);
        else if (v == 1)
            sb_addf(sb, "เวทีรับฟังความคิดเห็นเรื่อง%s", theme);
        else
            sb_addf(sb, "เวทีสาธารณะ \"%s\" ตำบล%s", theme, pl);
        break;
    case EK_CONFERENCE:
        if (v == 0)
            sb_addf(sb, "สัมมนาวิชาการ%sระดับชาติ ประจำปี %d", theme, be);
        else if (v == 1)
            sb_addf(sb, "มหกรรม%s ครั้งที่ %d", theme, round);
        else
            sb_addf(sb, "สัมมนาผู้บริหารท้องถิ่นเรื่อง%s", theme);
        break;
    case EK_FIELD:
        if (v == 0)
            sb_addf(sb, "ลงพื้นที่ติดตามโครงการ%s ตำบล%s", theme, pl);
        else if (v == 1)
            sb_addf(sb, "ศึกษาดูงานวิสาหกิจชุมชนบ้าน%s", pl);
        else
            sb_addf(sb, "ลงพื้นที่สำรวจความเสียหายหลังน้ำท่วม ตำบล%s", pl);
        break;
    case EK_OTHER:
        if (v == 0)
            sb_addf(sb, "ทอดผ้าป่าสามัคคีเพื่อกองทุนสวัสดิการชุมชน%s", pl);
        else if (v == 1)
            sb_addf(sb, "กิจกรรมปลูกป่าชุมชนบ้าน%s", pl);
        else
            sb_addf(sb, "งานวันผู้สูงอายุตำบล%s", pl);
        break;
    }
    sb_free(&place);
}

/* Online meetings have no province; big events meet in hotels and halls, small ones in the
 * host's own meeting room or a village hall. */
static void event_venue(struct fill *f, const struct event *e, const char *host, struct strbuf *sb)
{
    bool host_here = host && f->orgs[e->host].province == e->province;
    if (e->province < 0) {
        sb_add(sb, "ประชุมออนไลน์ผ่าน Zoom");
    } else if (e->kind == EK_CONFERENCE && strcmp(f->provinces[e->province].code, "TH-10") == 0) {
        sb_add(sb, "ศูนย์การประชุมแห่งชาติสิริกิติ์");
    } else if (e->kind == EK_FIELD || (!host_here && rng_percent(&f->rng, 50))) {
        sb_add(sb, "ศาลาอเนกประสงค์บ้าน");
        place_name(f, sb);
    } else if (e->kind == EK_CONFERENCE || e->kind == EK_FORUM || !host_here ||
               rng_percent(&f->rng, 20)) {
        sb_addf(sb, "%s จังหวัด%s", PICK(&f->rng, hotels), f->provinces[e->province].name);
    } else {
        sb_addf(sb, "ห้องประชุม%s", host);
    }
}

static void event_target(struct fill *f, struct event *e)
{
    static const int lo[] = {15, 30, 25, 100, 300, 10, 20};
    static const int hi[] = {60, 120, 80, 500, 1500, 40, 200};
    bool big = e->kind == EK_FORUM || e->kind == EK_CONFERENCE;
    if (!big && rng_percent(&f->rng, 12)) {
        e->target = 0;
        return;
    }
    int t = rng_between(&f->rng, lo[e->kind], hi[e->kind]);
    e->target = t >= 100 ? t / 50 * 50 : t / 5 * 5;
}

static void event_quotas(struct fill *f, struct event *e)
{
    int chance = e->kind == EK_FORUM || e->kind == EK_CONFERENCE ? 70
                 : e->kind == EK_WORKSHOP                        ? 25
                                                                 : 0;
    e->nquotas = 0;
    if (e->target < 40 || !rng_percent(&f->rng, chance)) return;
    int n = rng_between(&f->rng, 2, MAX_QUOTAS), first = rng_below(&f->rng, 2), wsum = 0;
    for (int i = 0; i < n; i++) {
        e->quota_category[i] = (first + i) % COUNT(categories);
        wsum += categories[e->quota_category[i]].weight;
    }
    for (int i = 0; i < n; i++) {
        int share = e->target * categories[e->quota_category[i]].weight / wsum;
        e->quota_target[i] = share >= 20 ? share / 10 * 10 : share < 5 ? 5 : share;
    }
    e->nquotas = n;
}

/* The first events go through the kinds in turn, so that even the small demo has each. */
static void make_event(struct fill *f, struct event *e, int nth)
{
    e->kind = (enum event_kind)pick_weighted(&f->rng, event_kind_weights, COUNT(event_kinds));
    if (nth < COUNT(event_kinds)) e->kind = (enum event_kind)nth;
    e->host = rng_percent(&f->rng, 92) ? rng_below(&f->rng, f->norgs) : -1;
    e->province = e->host >= 0 && f->orgs[e->host].province >= 0 ? f->orgs[e->host].province
                                                                 : pick_province(f);
    if (e->kind == EK_MEETING && rng_percent(&f->rng, 8)) e->province = -1;
    int days = 0;
    if (e->kind == EK_WORKSHOP || e->kind == EK_TRAINING || e->kind == EK_CONFERENCE)
        days = rng_percent(&f->rng, 50) ? rng_between(&f->rng, 1, 2) : 0;
    else if (e->kind == EK_FORUM)
        days = rng_percent(&f->rng, 20);
    e->end = e->start + days;
    if (e->start < f->today)
        e->status = rng_percent(&f->rng, 93) ? ES_HELD : ES_CANCELLED;
    else
        e->status = rng_percent(&f->rng, 96) ? ES_PLANNED : ES_CANCELLED;
    e->morning = days > 0 || rng_percent(&f->rng, 75);
    e->owner = -1;
    event_target(f, e);
    event_quotas(f, e);
}

static void event_minutes(struct fill *f, const struct event *e, struct strbuf *sb)
{
    struct ymd next = day_date(e->start + 30);
    if (e->status != ES_HELD || e->kind != EK_MEETING || !rng_percent(&f->rng, 50)) return;
    sb_addf(sb,
            "สรุปมติที่ประชุม\n1. ที่ประชุมรับทราบความก้าวหน้าของโครงการ\n2. มอบหมายฝ่ายเลขานุการ"
            "จัดทำรายงานเสนอคณะกรรมการ\n3. นัดประชุมครั้งต่อไปเดือน%s %d",
            thai_months[next.m - 1], next.y + 543);
}

static void event_times(struct fill *f, struct vals *x, const struct event *e, char start[16],
                        char end[16])
{
    day_iso(e->start, start);
    day_iso(e->end, end);
    set_text(x, F_EVENT_START_DATE, start);
    set_text(x, F_EVENT_END_DATE, end);
    bool timed = rng_percent(&f->rng, 80);
    set_text(x, F_EVENT_START_TIME, !timed ? "" : e->morning ? "09:00" : "13:30");
    set_text(x, F_EVENT_END_TIME,
             !timed                             ? ""
             : e->morning && e->start == e->end ? "12:00"
                                                : "16:30");
}

/* Half the events have no partners, the rest one to three (never the host). */
static size_t event_partners(struct fill *f, const struct event *e, long long ids[3])
{
    int x = rng_below(&f->rng, 100), n = x < 50 ? 0 : x < 80 ? 1 : x < 95 ? 2 : 3;
    size_t kept = 0;
    for (int i = 0; i < n; i++) {
        int o = rng_percent(&f->rng, 50) && e->province >= 0 ? pick_org_in(f, e->province)
                                                             : rng_below(&f->rng, f->norgs);
        if (o != e->host) ids[kept++] = f->orgs[o].id;
    }
    return kept;
}

static int write_event(struct fill *f, struct event *e, char **err)
{
    struct strbuf title = STRBUF_INIT, venue = STRBUF_INIT, minutes = STRBUF_INIT;
    const char *host = host_name(f, e);
    event_title(f, e, host, &title);
    event_venue(f, e, host, &venue);
    event_minutes(f, e, &minutes);
    bool recurring = e->kind == EK_MEETING && rng_percent(&f->rng, 10);
    bool agenda = e->kind == EK_MEETING ? rng_percent(&f->rng, 70)
                                        : e->kind == EK_WORKSHOP && rng_percent(&f->rng, 30);
    char start[16], end[16], quota[MAX_QUOTAS][96], *quotas[MAX_QUOTAS];
    long long partners[3];
    struct vals x;
    vals_init(&x, KIND_EVENT);
    set_text(&x, F_EVENT_TITLE, sb_str(&title));
    set_text(&x, F_EVENT_KIND, event_kinds[e->kind]);
    event_times(f, &x, e, start, end);
    set_text(&x, F_EVENT_VENUE, sb_str(&venue));
    set_text(&x, F_EVENT_PROVINCE, e->province >= 0 ? f->provinces[e->province].code : NULL);
    set_id(&x, F_EVENT_HOST, e->host >= 0 ? f->orgs[e->host].id : 0);
    if (e->target > 0) set_num(&x, F_EVENT_TARGET, e->target);
    set_text(&x, F_EVENT_STATUS, event_statuses[e->status]);
    set_num(&x, F_EVENT_RECURRENCE, recurring ? (rng_percent(&f->rng, 60) ? 1 : 3) : 0);
    set_text(&x, F_EVENT_AGENDA, agenda ? agenda_text : "");
    set_text(&x, F_EVENT_MINUTES, sb_str(&minutes));
    set_text(&x, F_EVENT_NOTES, rng_percent(&f->rng, 15) ? PICK(&f->rng, event_notes) : "");
    val(&x, F_EVENT_PARTNERS)->ids = partners;
    val(&x, F_EVENT_PARTNERS)->n = event_partners(f, e, partners);
    for (int i = 0; i < e->nquotas; i++) {
        snprintf(quota[i], sizeof quota[i], "%s\t%d", categories[e->quota_category[i]].name,
                 e->quota_target[i]);
        quotas[i] = quota[i];
    }
    set_items(&x, F_EVENT_QUOTAS, quotas, (size_t)e->nquotas);
    int rc = bulk_add(f->bulk, KIND_EVENT, x.v, &e->id, err);
    sb_free(&title);
    sb_free(&venue);
    sb_free(&minutes);
    return rc;
}

static int fill_events(struct fill *f, char **err)
{
    f->events = xcalloc((size_t)f->n.events, sizeof *f->events);
    plan_event_dates(f);
    for (int i = 0; i < f->n.events; i++) {
        struct event *e = &f->events[i];
        make_event(f, e, i);
        if (write_event(f, e, err) != 0) return -1;
    }
    progress(f, N_("events"), f->n.events);
    return 0;
}

/* ------------------------------------------------------------------------------------------
 * Attendance: each event gets a share of the rows by its target, drawn mostly from members
 * of its province, nobody twice. */

/* An event's share of the rows, by its target (a quarter for cancelled events). */
static int attendance_weight(const struct event *e)
{
    int w = e->target ? e->target : 40;
    return e->status == ES_CANCELLED ? w / 4 + 1 : w;
}

static void plan_attendance(struct fill *f)
{
    /* Nobody is on a list twice, and half the members at most come to one event. */
    int cap = f->n.members / 2 > 0 ? f->n.members / 2 : 1;
    long long wsum = 0, total = 0, want = f->n.attendance;
    if (want > (long long)cap * f->n.events) want = (long long)cap * f->n.events;
    for (int i = 0; i < f->n.events; i++)
        wsum += attendance_weight(&f->events[i]);
    for (int i = 0; i < f->n.events; i++) {
        struct event *e = &f->events[i];
        long long n = attendance_weight(e) * want / wsum;
        e->nattendance = (int)(n > cap ? cap : n);
        total += e->nattendance;
    }
    /* Rounding and the cap left some over: hand them out one by one where there is room. */
    for (int i = 0; total < want; i = (i + 1) % f->n.events) {
        if (f->events[i].nattendance < cap) {
            f->events[i].nattendance++;
            total++;
        }
    }
}

static int pick_attendee(struct fill *f, const struct event *e, const int *seen, int stamp)
{
    int p = e->province;
    int local = p >= 0 ? f->by_province_start[p + 1] - f->by_province_start[p] : 0;
    if (local > 0 && rng_percent(&f->rng, 70)) {
        int m = f->by_province[f->by_province_start[p] + rng_below(&f->rng, local)];
        if (seen[m] != stamp) return m;
    }
    int m;
    do
        m = rng_below(&f->rng, f->n.members);
    while (seen[m] == stamp);
    return m;
}

/* The quota category a person counts under: the one for their organisation's kind when the
 * event has it, otherwise one in proportion to the quotas. */
static const char *attendance_category(struct fill *f, const struct event *e, int org)
{
    if (e->nquotas == 0) return "";
    for (int i = 0; org >= 0 && i < e->nquotas; i++)
        if (categories[e->quota_category[i]].org_kind == (int)f->orgs[org].kind &&
            rng_percent(&f->rng, 85))
            return categories[e->quota_category[i]].name;
    return categories[e->quota_category[pick_weighted(&f->rng, e->quota_target, e->nquotas)]].name;
}

static const char *attendance_status(struct fill *f, const struct event *e, const char **reason)
{
    *reason = "";
    if (e->status == ES_CANCELLED) {
        *reason = "ผู้จัดยกเลิกงาน";
        return "cancelled";
    }
    int x = rng_below(&f->rng, 100);
    if (e->status == ES_PLANNED) return x < 55 ? "invited" : "confirmed";
    if (x < 84) return "attended";
    if (x < 93) {
        *reason = rng_percent(&f->rng, 70) ? PICK(&f->rng, absent_reasons) : "";
        return "absent";
    }
    if (x < 96) {
        *reason = PICK(&f->rng, cancel_reasons);
        return "cancelled";
    }
    return "confirmed";
}

/* Check-in times are stored in UTC: registration opens about half an hour before the
 * morning (09:00) or afternoon (13:30) start, Thai time (UTC+7). */
static void check_in_time(struct fill *f, const struct event *e, char buf[64])
{
    int day =
        e->start + (rng_percent(&f->rng, 80) ? 0 : rng_between(&f->rng, 0, e->end - e->start));
    char date[16];
    day_iso(day, date);
    int minute = (e->morning ? 8 * 60 : 12 * 60 + 45) + rng_below(&f->rng, 75) - 7 * 60;
    snprintf(buf, 64, "%sT%02d:%02d:%02dZ", date, minute / 60, minute % 60, rng_below(&f->rng, 60));
}

static int write_attendance(struct fill *f, struct event *e, int m, char **err)
{
    int org = f->member_norgs[m] ? f->member_orgs[m][rng_below(&f->rng, f->member_norgs[m])] : -1;
    const char *role = roles[pick_weighted(&f->rng, role_weights, COUNT(roles))];
    const char *reason, *status = attendance_status(f, e, &reason);
    bool attended = strcmp(status, "attended") == 0;
    bool grouped = (e->kind == EK_WORKSHOP || e->kind == EK_TRAINING) &&
                   strcmp(status, "cancelled") != 0 && rng_percent(&f->rng, 60);
    char checked[64], group[32];
    snprintf(group, sizeof group, "กลุ่ม %d", rng_between(&f->rng, 1, 5));
    if (attended) check_in_time(f, e, checked);
    const char *logins[] = {"wasana", "komet", "jiraporn", "anek", db_user(f->db)};
    struct vals x;
    vals_init(&x, KIND_ATTENDANCE);
    set_id(&x, F_ATTENDANCE_EVENT_ID, e->id);
    set_id(&x, F_ATTENDANCE_MEMBER_ID, member_id(f, m));
    set_id(&x, F_ATTENDANCE_ORGANISATION, org >= 0 ? f->orgs[org].id : 0);
    set_text(&x, F_ATTENDANCE_CATEGORY, attendance_category(f, e, org));
    set_text(&x, F_ATTENDANCE_ROLE, role);
    set_text(&x, F_ATTENDANCE_STATUS, status);
    set_text(&x, F_ATTENDANCE_REASON, reason);
    set_text(&x, F_ATTENDANCE_GROUP, grouped ? group : "");
    set_text(&x, F_ATTENDANCE_CHECKED_IN_AT, attended ? checked : NULL);
    set_text(&x, F_ATTENDANCE_CHECKED_IN_BY, attended ? PICK(&f->rng, logins) : NULL);
    if (e->owner < 0 || strcmp(role, "staff") == 0 || strcmp(role, "organiser") == 0) e->owner = m;
    return bulk_add(f->bulk, KIND_ATTENDANCE, x.v, NULL, err);
}

static int fill_attendance(struct fill *f, char **err)
{
    index_members_by_province(f);
    plan_attendance(f);
    int *seen = xcalloc((size_t)f->n.members, sizeof *seen);
    long long rows = 0;
    int rc = 0;
    for (int i = 0; i < f->n.events && rc == 0; i++) {
        struct event *e = &f->events[i];
        for (int k = 0; k < e->nattendance && rc == 0; k++) {
            int m = pick_attendee(f, e, seen, i + 1);
            seen[m] = i + 1;
            rc = write_attendance(f, e, m, err);
            rows++;
        }
    }
    free(seen);
    if (rc == 0) progress(f, N_("attendance"), rows);
    return rc;
}

/* ------------------------------------------------------------------------------------------
 * Follow-up tasks: before and after events, plus standing work of the networks. */

struct task {
    const char *title;
    int event;     /* index, -1 */
    int owner;     /* member index, -1 */
    int owner_org; /* org index, -1 */
    int due;       /* day number, -1 for none */
    const char *status;
    int done;
};

static const char *task_status(struct fill *f, const struct task *t, bool event_cancelled)
{
    int x = rng_below(&f->rng, 100);
    if (event_cancelled) return x < 80 ? "cancelled" : "done";
    if (t->due < 0) return x < 60 ? "open" : "in_progress";
    if (t->due < f->today - 14) /* long past: mostly done, some overdue */
        return x < 82 ? "done" : x < 86 ? "cancelled" : x < 92 ? "in_progress" : "open";
    if (t->due < f->today + 14) return x < 35 ? "done" : x < 70 ? "in_progress" : "open";
    return x < 70 ? "open" : x < 95 ? "in_progress" : "done";
}

static void make_task(struct fill *f, struct task *t)
{
    t->event = rng_percent(&f->rng, 85) ? rng_below(&f->rng, f->n.events) : -1;
    t->owner = t->owner_org = -1;
    if (t->event < 0) {
        t->title = PICK(&f->rng, tasks_general);
        t->due = rng_between(&f->rng, day_number(2023, 1, 1), day_number(2027, 6, 30));
        t->owner = rng_below(&f->rng, f->n.members);
        t->owner_org = rng_percent(&f->rng, 50) ? rng_below(&f->rng, f->norgs) : -1;
    } else {
        const struct event *e = &f->events[t->event];
        bool before = rng_percent(&f->rng, 50);
        t->title = before ? PICK(&f->rng, tasks_before) : PICK(&f->rng, tasks_after);
        t->due =
            before ? e->start - rng_between(&f->rng, 3, 14) : e->end + rng_between(&f->rng, 5, 30);
        t->owner = e->owner >= 0 && rng_percent(&f->rng, 75) ? e->owner
                   : rng_percent(&f->rng, 50)                ? rng_below(&f->rng, f->n.members)
                                                             : -1;
        t->owner_org = rng_percent(&f->rng, 60) ? e->host : -1;
        if (t->owner < 0 && t->owner_org < 0) t->owner = rng_below(&f->rng, f->n.members);
    }
    if (rng_percent(&f->rng, 5)) t->due = -1;
    t->status = task_status(f, t, t->event >= 0 && f->events[t->event].status == ES_CANCELLED);
    t->done = -1;
    if (strcmp(t->status, "done") == 0) {
        int base = t->due >= 0 ? t->due : f->today - 30;
        t->done = base + rng_between(&f->rng, -5, 5);
        t->done = t->done > f->today ? f->today : t->done;
    }
}

static int write_task(struct fill *f, const struct task *t, char **err)
{
    char due[16], done[16];
    if (t->due >= 0) day_iso(t->due, due);
    if (t->done >= 0) day_iso(t->done, done);
    struct vals x;
    vals_init(&x, KIND_TASK);
    set_text(&x, F_TASK_TITLE, t->title);
    set_id(&x, F_TASK_EVENT_ID, t->event >= 0 ? f->events[t->event].id : 0);
    set_id(&x, F_TASK_OWNER, t->owner >= 0 ? member_id(f, t->owner) : 0);
    set_id(&x, F_TASK_OWNER_ORG, t->owner_org >= 0 ? f->orgs[t->owner_org].id : 0);
    set_text(&x, F_TASK_DUE_DATE, t->due >= 0 ? due : NULL);
    set_text(&x, F_TASK_STATUS, t->status);
    set_text(&x, F_TASK_PRIORITY,
             task_priorities[pick_weighted(&f->rng, task_priority_weights, 4)]);
    set_text(&x, F_TASK_NOTES, rng_percent(&f->rng, 15) ? PICK(&f->rng, task_notes) : "");
    set_text(&x, F_TASK_DONE_DATE, t->done >= 0 ? done : NULL);
    return bulk_add(f->bulk, KIND_TASK, x.v, NULL, err);
}

static int fill_tasks(struct fill *f, char **err)
{
    int rc = 0;
    for (int i = 0; rc == 0 && i < f->n.tasks; i++) {
        struct task t;
        make_task(f, &t);
        rc = write_task(f, &t, err);
    }
    if (rc == 0) progress(f, N_("tasks"), f->n.tasks);
    return rc;
}

/* ------------------------------------------------------------------------------------------
 * Organisations invited to some events, and how they answered. Drawn from a generator of
 * their own, after everything else, so that the rest of the demo stays as it was. */

static const char *const invitation_reasons[] = {"น้ำท่วม ฝนตกหนัก", "ติดภารกิจในพื้นที่", "ไม่มีงบเดินทาง",
                                                 "ผู้บริหารติดประชุม"};

static const char *invitation_status(struct rng *r, const char **reason)
{
    int x = rng_below(r, 100);
    *reason = "";
    if (x < 55) return "confirmed";
    if (x < 70) return "invited";
    *reason = PICK(r, invitation_reasons);
    return x < 88 ? "cancelled" : "declined";
}

static int invite_orgs(struct fill *f, struct rng *r, const struct event *e, char **err)
{
    enum { MAX_INVITED = 8 };
    int chosen[MAX_INVITED], n = rng_between(r, 3, MAX_INVITED);
    for (int k = 0; k < n; k++) {
        int org;
        bool again;
        do { /* distinct organisations: there are always more of them than invitations */
            org = rng_below(r, f->norgs);
            again = false;
            for (int j = 0; j < k; j++)
                again = again || chosen[j] == org;
        } while (again);
        chosen[k] = org;
        const char *reason, *status = invitation_status(r, &reason);
        struct vals x;
        vals_init(&x, KIND_INVITATION);
        set_id(&x, F_INVITATION_EVENT_ID, e->id);
        set_id(&x, F_INVITATION_ORGANISATION, f->orgs[org].id);
        set_text(&x, F_INVITATION_STATUS, status);
        set_text(&x, F_INVITATION_REASON, reason);
        if (bulk_add(f->bulk, KIND_INVITATION, x.v, NULL, err) != 0) return -1;
    }
    return n;
}

static int fill_invitations(struct fill *f, char **err)
{
    struct rng r = {f->rng.state ^ 0x696e7669746564u};
    long long rows = 0;
    for (int i = 0; i < f->n.events; i++) {
        if (!rng_percent(&r, 30)) continue;
        int n = invite_orgs(f, &r, &f->events[i], err);
        if (n < 0) return -1;
        rows += n;
    }
    progress(f, N_("invitations"), rows);
    return 0;
}

/* ------------------------------------------------------------------------------------------
 * Goals: a programme's targets for the year of DEMO_TODAY, one of each measure. */

struct demo_goal {
    const char *title, *measure, *tag;
    long long target, value;
    bool network, year; /* members of the first network; counted in the year */
};

static const struct demo_goal demo_goals[] = {
    {"แกนนำเยาวชนอย่างน้อย 1,600 คน", "members", "แกนนำเยาวชน", 1600, -1, false, false},
    {"สมาชิกเครือข่ายหลัก 2,000 คน", "members", "", 2000, -1, true, false},
    {"คนที่มาร่วมงานในปีนี้ 20,000 คน", "people", "", 20000, -1, false, true},
    {"การเข้าร่วมงานในปีนี้ 80,000 ครั้ง", "attendances", "", 80000, -1, false, true},
    {"องค์กรที่มาร่วมในปีนี้ 1,500 องค์กร", "organisations", "", 1500, -1, false, true},
    {"ตำบลที่เข้าถึงในปีนี้ 3,000 ตำบล", "subdistricts", "", 3000, -1, false, true},
    {"ช่องทางสื่อสารอย่างน้อย 4 ช่องทาง", "manual", "", 4, 3, false, false},
};

static int fill_goals(struct fill *f, char **err)
{
    char from[16], to[16];
    day_iso(day_number(DEMO_TODAY_Y, 1, 1), from);
    day_iso(day_number(DEMO_TODAY_Y, 12, 31), to);
    for (size_t i = 0; i < COUNT(demo_goals); i++) {
        const struct demo_goal *g = &demo_goals[i];
        struct vals x;
        vals_init(&x, KIND_GOAL);
        set_text(&x, F_GOAL_TITLE, g->title);
        /* the small demo's goals are a fiftieth of the large one's, as its people are */
        bool large = f->n.members == large_sizes.members;
        set_num(&x, F_GOAL_TARGET, large || g->value >= 0 ? g->target : g->target / 50);
        set_text(&x, F_GOAL_DUE_DATE, to);
        set_text(&x, F_GOAL_MEASURE, g->measure);
        set_text(&x, F_GOAL_TAG, g->tag);
        set_text(&x, F_GOAL_NOTES, "");
        if (g->network && f->norgs) set_id(&x, F_GOAL_ORGANISATION, f->orgs[0].id);
        if (g->year) {
            set_text(&x, F_GOAL_FROM, from);
            set_text(&x, F_GOAL_TO, to);
        }
        if (g->value >= 0) set_num(&x, F_GOAL_VALUE, g->value);
        if (bulk_add(f->bulk, KIND_GOAL, x.v, NULL, err) != 0) return -1;
    }
    progress(f, N_("goals"), (long long)COUNT(demo_goals));
    return 0;
}

/* ------------------------------------------------------------------------------------------
 * Finishing: one audit row. */

/* One audit row for the whole fill rather than one per row: nobody changed these records,
 * and over 400,000 audit rows would double the write and bury real history. The row says who
 * filled the database, when and with what. */
static const char *size_name(enum demo_size size)
{
    return size == DEMO_HUGE ? "huge" : size == DEMO_LARGE ? "large" : "small";
}

static int write_audit(struct fill *f, enum demo_size size, char **err)
{
    char *json = xasprintf("{\"demo\":\"%s\",\"organisations\":\"%d\",\"members\":\"%d\","
                           "\"events\":\"%d\",\"attendance\":\"%d\",\"tasks\":\"%d\"}",
                           size_name(size), f->n.orgs, f->n.members, f->n.events, f->n.attendance,
                           f->n.tasks);
    int rc = bulk_audit_summary(f->bulk, "demo", json, err);
    free(json);
    return rc;
}

static int refuse_if_members(struct fill *f, char **err)
{
    long long n;
    if (member_rows_count(f->db, &n, err) != 0) return -1;
    if (n == 0) return 0;
    *err = xasprintf(P_("%s already holds %lld member: the demo fills only an empty database "
                        "(use a new file: khai --db FILE demo)",
                        "%s already holds %lld members: the demo fills only an empty database "
                        "(use a new file: khai --db FILE demo)",
                        n),
                     db_path(f->db), n);
    return -1;
}

static void fill_free(struct fill *f)
{
    for (int i = 0; i < f->nprovinces; i++)
        free(f->provinces[i].name);
    for (int i = 0; i < f->norgs; i++)
        free(f->orgs[i].name);
    free(f->orgs);
    free(f->orgs_start);
    free(f->orgs_in);
    free(f->member_province);
    free(f->member_norgs);
    free(f->member_orgs);
    free(f->member_phones);
    free(f->member_nphones);
    free(f->member_tags);
    free(f->member_ntags);
    free(f->by_province_start);
    free(f->by_province);
    free(f->events);
}

static int fill_all(struct fill *f, enum demo_size size, char **err)
{
    if (refuse_if_members(f, err) != 0 || load_provinces(f, err) != 0 ||
        insert_tags(f, tag_names, COUNT(tag_names), err) != 0 ||
        insert_tags(f, org_tag_names, COUNT(org_tag_names), err) != 0 || fill_orgs(f, err) != 0 ||
        fill_members(f, err) != 0 || fill_events(f, err) != 0 || fill_attendance(f, err) != 0 ||
        fill_tasks(f, err) != 0 || fill_invitations(f, err) != 0 || fill_goals(f, err) != 0 ||
        write_audit(f, size, err) != 0)
        return -1;
    return 0;
}

static int fill_with(struct db *db, enum demo_size size, FILE *progress_to, bool set_wise,
                     char **err)
{
    struct fill f;
    memset(&f, 0, sizeof f);
    f.db = db;
    /* huge is the large generator (same seed) at ten times the size */
    f.rng.state = size != DEMO_SMALL ? 0x6b6861694c415247u : 0x6b686169534d414cu;
    f.n = size == DEMO_HUGE ? huge_sizes : size == DEMO_LARGE ? large_sizes : small_sizes;
    f.progress = progress_to;
    f.today = day_number(DEMO_TODAY_Y, DEMO_TODAY_M, DEMO_TODAY_D);
    f.aff_rng.state = f.rng.state ^ 0x616666696c696174u;
    /* A page cache of 256 MiB (the large demo's whole file) and a rollback journal in place
     * of the write-ahead log (fresh_file): with 8 MiB and the log, a third of the large fill's
     * time went on writing pages spilled from the cache to the log, reading them back, and
     * writing them again into the file (22.4 s of CPU, 6.9 s of it the system's, against
     * 17.8 s and 4.3 s). Foreign keys are
     * not checked while filling: every reference is to a row written moments before in this
     * same transaction, and looking each parent up again costs a sixth of the time (1.5 s of
     * the large fill, mostly members for 300,000 attendance rows). The unit test runs the
     * foreign-key check over a filled database. No audit row per record: see write_audit.
     * The derived data is built once at the end (derive_after): row by row, the triggers
     * cost the large fill three quarters of its time. */
    const struct bulk_options opt = {
        .cache_kb = 262144, .trust_references = true, .fresh_file = true, .derive_after = set_wise};
    int rc = bulk_begin(db, &opt, &f.bulk, err);
    if (rc == 0) {
        rc = fill_all(&f, size, err);
        if (rc == 0)
            rc = bulk_commit(&f.bulk, err);
        else
            bulk_rollback(&f.bulk);
    }
    fill_free(&f);
    return rc;
}

int demo_fill(struct db *db, enum demo_size size, FILE *progress_to, char **err)
{
    return fill_with(db, size, progress_to, true, err);
}

int demo_fill_row_by_row(struct db *db, enum demo_size size, FILE *progress_to, char **err)
{
    return fill_with(db, size, progress_to, false, err);
}
