/* Tests of splitting full names into title, given name and family name. */
#include "test_support.h"
#include "honorific.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct split_case {
    const char *full;
    const char *title;
    const char *given;
    const char *family;
};

static void assert_optional_string(const char *got, const char *want, const char *full)
{
    if (!want && !got) return;
    if (!want || !got || strcmp(got, want) != 0) {
        print_error("name_split(\"%s\"): got \"%s\", want \"%s\"\n", full, got ? got : "NULL",
                    want ? want : "NULL");
        fail();
    }
}

static void check_splits(const struct split_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct person_name name;
        if (name_split(cases[i].full, &name) != 0) {
            print_error("name_split(\"%s\") failed\n", cases[i].full);
            fail();
        }
        assert_optional_string(name.title, cases[i].title, cases[i].full);
        assert_optional_string(name.given, cases[i].given, cases[i].full);
        assert_optional_string(name.family, cases[i].family, cases[i].full);
        person_name_free(&name);
    }
}

#define CHECK_SPLITS(cases) check_splits(cases, sizeof cases / sizeof cases[0])

static void name_splits_required_examples(void **state)
{
    (void)state;
    static const struct split_case cases[] = {
        {"นางสาวจิราพร คงทอง", "นางสาว", "จิราพร", "คงทอง"},
        {"ผู้ใหญ่โกเมศว์ ทองบุญชู", "ผู้ใหญ่", "โกเมศว์", "ทองบุญชู"},
        {"อ.บวร", "อ.", "บวร", NULL},
        {"ดร.อเนก นาคะบุตร", "ดร.", "อเนก", "นาคะบุตร"},
        {"ผศ.ดร.อเนก นาคะบุตร", "ผศ.ดร.", "อเนก", "นาคะบุตร"},
        {"น.ส. สมหญิง ใจดี", "น.ส.", "สมหญิง", "ใจดี"},
        {"นาย สมชาย  ใจดี", "นาย", "สมชาย", "ใจดี"},
        {"สมชาย ใจดี", NULL, "สมชาย", "ใจดี"},
        {"สมชาย", NULL, "สมชาย", NULL},
        {"อรุณี ศรีสุข", NULL, "อรุณี", "ศรีสุข"},
        {"Mr. John Smith", "Mr.", "John", "Smith"},
    };
    CHECK_SPLITS(cases);
}

static void name_splits_glued_and_spaced_titles(void **state)
{
    (void)state;
    static const struct split_case cases[] = {
        {"นายสมชาย ใจดี", "นาย", "สมชาย", "ใจดี"},
        {"นางสมศรี ใจดี", "นาง", "สมศรี", "ใจดี"},
        {"นางสาว สมศรี ใจดี", "นางสาว", "สมศรี", "ใจดี"},
        {"น.ส.สมหญิง ใจดี", "น.ส.", "สมหญิง", "ใจดี"},
        {"นส.สมหญิง ใจดี", "นส.", "สมหญิง", "ใจดี"},
        {"ด.ช.ก้อง ใจดี", "ด.ช.", "ก้อง", "ใจดี"},
        {"ด.ญ.ฝน ใจดี", "ด.ญ.", "ฝน", "ใจดี"},
        {"เด็กชายก้อง ใจดี", "เด็กชาย", "ก้อง", "ใจดี"},
        {"เด็กหญิงฝน ใจดี", "เด็กหญิง", "ฝน", "ใจดี"},
        {"ผู้ใหญ่บ้านสมบัติ ดีมาก", "ผู้ใหญ่บ้าน", "สมบัติ", "ดีมาก"},
        {"กำนันเสริม แก้วใส", "กำนัน", "เสริม", "แก้วใส"},
        {"ปลัดวิชัย มั่นคง", "ปลัด", "วิชัย", "มั่นคง"},
        {"พระครูสุนทร ธรรมโชติ", "พระครู", "สุนทร", "ธรรมโชติ"},
        {"พระมหาสมปอง ตาลปุตฺโต", "พระมหา", "สมปอง", "ตาลปุตฺโต"},
        {"แม่ชีศันสนีย์ เสถียรสุต", "แม่ชี", "ศันสนีย์", "เสถียรสุต"},
        {"ม.ร.ว.สุขุมพันธุ์ บริพัตร", "ม.ร.ว.", "สุขุมพันธุ์", "บริพัตร"},
        {"ม.ล.ปิ่น มาลากุล", "ม.ล.", "ปิ่น", "มาลากุล"},
        {"รศ.สมพร ดีใจ", "รศ.", "สมพร", "ดีใจ"},
        {"คุณ สมชาย ใจดี", "คุณ", "สมชาย", "ใจดี"},
        {"ป้า แดง", "ป้า", "แดง", NULL},
        {"นายก สมชาย ใจดี", "นายก", "สมชาย", "ใจดี"},
        {"อาจารย์สมศักดิ์ ดีงาม", "อาจารย์", "สมศักดิ์", "ดีงาม"},
    };
    CHECK_SPLITS(cases);
}

/* Informal titles glued to the name as the networks write them: cut where libthai's
 * dictionary ends a word right after the title and what is left can start a name. Given
 * names from /work/shared/tools/gen_thai_people.py (--seed 12) and the examples. */
static void name_splits_glued_informal_titles(void **state)
{
    (void)state;
    static const struct split_case cases[] = {
        {"พี่ปิยะชีพ", "พี่", "ปิยะชีพ", NULL},
        {"หมอแมน", "หมอ", "แมน", NULL},
        {"พี่ขวัญใจ รักดี", "พี่", "ขวัญใจ", "รักดี"},
        {"คุณหมอแมน ศรีสุข", "คุณหมอ", "แมน", "ศรีสุข"},
        {"ครูสมศรี ใจดี", "ครู", "สมศรี", "ใจดี"},
        {"พี่ต้น", "พี่", "ต้น", NULL},
        {"น้องฟ้า ใจดี", "น้อง", "ฟ้า", "ใจดี"},
        {"ป้าแดง", "ป้า", "แดง", NULL},
        {"ลุงชัย บุญมา", "ลุง", "ชัย", "บุญมา"},
        {"คุณอานนท์ ศรีสุข", "คุณ", "อานนท์", "ศรีสุข"},
        {"พี่อาทิตย์ ใจดี", "พี่", "อาทิตย์", "ใจดี"},
        {"น้องตาล", "น้อง", "ตาล", NULL},
        {"พี่ตา", "พี่", "ตา", NULL}, /* ตา is a nickname, not a second title */
        {"น้องอา ใจดี", "น้อง", "อา", "ใจดี"},
        {"พี่วาสนา", "พี่", "วาสนา", NULL},
        {"หมอโกเมศว์ ทองบุญชู", "หมอ", "โกเมศว์", "ทองบุญชู"},
        {"คุณจิราพร คงทอง", "คุณ", "จิราพร", "คงทอง"},
        {"น้องอเนก", "น้อง", "อเนก", NULL},
        {"ครูแววดาว แก่นจันทร์", "ครู", "แววดาว", "แก่นจันทร์"},
        {"ป้าปราณี อ่อนละมัย", "ป้า", "ปราณี", "อ่อนละมัย"},
        {"ลุงสมคิด", "ลุง", "สมคิด", NULL},
        {"น้าพงษ์ศักดิ์ เหล่าสุวรรณ", "น้า", "พงษ์ศักดิ์", "เหล่าสุวรรณ"},
        {"ยายบุญเรือน ฤทธิ์เดช", "ยาย", "บุญเรือน", "ฤทธิ์เดช"},
        {"แม่สมศรี", "แม่", "สมศรี", NULL},
        {"พ่อธีรวัฒน์ สมบูรณ์ชัย", "พ่อ", "ธีรวัฒน์", "สมบูรณ์ชัย"},
        {"เจ๊เอื้อมพร บัวผัน", "เจ๊", "เอื้อมพร", "บัวผัน"},
        {"เฮียเอกชัย", "เฮีย", "เอกชัย", NULL},
        {"ท่านณัฐพล ไชยศรี", "ท่าน", "ณัฐพล", "ไชยศรี"},
        {"คุณหมอวิชัย นาคะบุตร", "คุณหมอ", "วิชัย", "นาคะบุตร"},
        {"คุณครูฤทัยรัตน์", "คุณครู", "ฤทัยรัตน์", NULL},
        {"คุณป้ารัชนี ฤทธิ์เดช", "คุณป้า", "รัชนี", "ฤทธิ์เดช"},
        {"คุณลุงสมปอง ด้วงฉุย", "คุณลุง", "สมปอง", "ด้วงฉุย"},
        {"คุณยายมาลัย", "คุณยาย", "มาลัย", NULL},
        {"คุณแม่อัมพร ศรีประเสริฐ", "คุณแม่", "อัมพร", "ศรีประเสริฐ"},
        {"คุณตาไพโรจน์", "คุณตา", "ไพโรจน์", NULL},
        {"คุณอานิภาพร เรืองศรี", "คุณอา", "นิภาพร", "เรืองศรี"},
        {"พี่สมชาย ยิ้มแย้ม", "พี่", "สมชาย", "ยิ้มแย้ม"},
        {"หมออุไรวรรณ ฤทธิ์เดช", "หมอ", "อุไรวรรณ", "ฤทธิ์เดช"},
        {"น้องพิมพ์ชนก เรืองศรี", "น้อง", "พิมพ์ชนก", "เรืองศรี"},
        {"ครูกิตติศักดิ์ ชัยมงคล", "ครู", "กิตติศักดิ์", "ชัยมงคล"},
        {"ป้าศิริพร", "ป้า", "ศิริพร", NULL},
        {"ลุงไกรสร แสงอรุณ", "ลุง", "ไกรสร", "แสงอรุณ"},
        {"น้าทองใบ โชคดี", "น้า", "ทองใบ", "โชคดี"},
        {"เจ๊สุดารัตน์", "เจ๊", "สุดารัตน์", NULL},
        {"เฮียแก้วตา ไม้งาม", "เฮีย", "แก้วตา", "ไม้งาม"},
        {"คุณครูสมใจ ทองบุญชู", "คุณครู", "สมใจ", "ทองบุญชู"},
        {"คุณป้ากาญจนา เหมือนพะวงศ์", "คุณป้า", "กาญจนา", "เหมือนพะวงศ์"},
        {"พี่หมอสมเกียรติ", "พี่หมอ", "สมเกียรติ", NULL},
        {"คุณน้านันทนา อินทร์แก้ว", "คุณน้า", "นันทนา", "อินทร์แก้ว"},
        {"คุณพ่อเฉลิมชัย ผ่องใส", "คุณพ่อ", "เฉลิมชัย", "ผ่องใส"},
        {"พี่อรุณี ธรรมวงศ์", "พี่", "อรุณี", "ธรรมวงศ์"},
        {"หมอรัฐภูมิ", "หมอ", "รัฐภูมิ", NULL},
        {"น้องเยาวลักษณ์ ปิ่นแก้ว", "น้อง", "เยาวลักษณ์", "ปิ่นแก้ว"},
        {"ป้าบุษบา สีหาราช", "ป้า", "บุษบา", "สีหาราช"},
        {"ลุงวิชัย พึ่งบุญ", "ลุง", "วิชัย", "พึ่งบุญ"},
        {"ยายลำดวน ธนพัฒน์", "ยาย", "ลำดวน", "ธนพัฒน์"},
        {"แม่ชนิดา เปี่ยมสุข", "แม่", "ชนิดา", "เปี่ยมสุข"},
        {"พ่อสมบัติ", "พ่อ", "สมบัติ", NULL},
        {"เจ๊ทิพวรรณ สีหาราช", "เจ๊", "ทิพวรรณ", "สีหาราช"},
        {"เฮียสุรชัย นาคะบุตร", "เฮีย", "สุรชัย", "นาคะบุตร"},
        {"ท่านไพลิน", "ท่าน", "ไพลิน", NULL},
        {"คุณครูประเสริฐ ไม้งาม", "คุณครู", "ประเสริฐ", "ไม้งาม"},
        {"คุณยายบุญเรือน เสือคำ", "คุณยาย", "บุญเรือน", "เสือคำ"},
        {"คุณแม่สมศรี", "คุณแม่", "สมศรี", NULL},
        {"คุณตาอนุชา ศรีสุข", "คุณตา", "อนุชา", "ศรีสุข"},
        {"คุณน้าเกียรติศักดิ์", "คุณน้า", "เกียรติศักดิ์", NULL},
        {"คุณอาธวัชชัย ปิ่นแก้ว", "คุณอา", "ธวัชชัย", "ปิ่นแก้ว"},
        {"พี่คำปุน", "พี่", "คำปุน", NULL},
        {"หมอใบบุญ ดวงมณี", "หมอ", "ใบบุญ", "ดวงมณี"},
        {"คุณสมพร สุวรรณรัตน์", "คุณ", "สมพร", "สุวรรณรัตน์"},
        {"ครูจุฑามาศ เหล่าสุวรรณ", "ครู", "จุฑามาศ", "เหล่าสุวรรณ"},
        {"ป้าโสภา อยู่เย็น", "ป้า", "โสภา", "อยู่เย็น"},
    };
    CHECK_SPLITS(cases);
}

/* Real given names and words that begin with the letters of an informal title keep them:
 * the dictionary reads them as one word (คุณวุฒิ, หมอก, พี่น้อง, แม่น้ำ), what follows the
 * title cannot start a name (คุณากร: ากร), the title is one of those cut only before a space
 * (อานนท์, ตาล), or the word is nothing but a title (คุณหมอ). */
static void name_keeps_names_and_words_that_begin_like_informal_titles(void **state)
{
    (void)state;
    static const struct split_case cases[] = {
        {"คุณวุฒิ ศรีสุข", NULL, "คุณวุฒิ", "ศรีสุข"},
        {"คุณากร ทองดี", NULL, "คุณากร", "ทองดี"},
        {"คุณาวุฒิ แก้วมณี", NULL, "คุณาวุฒิ", "แก้วมณี"},
        {"คุณัญญา บุญมา", NULL, "คุณัญญา", "บุญมา"},
        {"คุณานนท์ ใจดี", NULL, "คุณานนท์", "ใจดี"},
        {"คุณาธิป พึ่งบุญ", NULL, "คุณาธิป", "พึ่งบุญ"},
        {"คุณธรรม ชัยมงคล", NULL, "คุณธรรม", "ชัยมงคล"},
        {"คุณภาพ", NULL, "คุณภาพ", NULL},
        {"คุณค่า", NULL, "คุณค่า", NULL},
        {"คุณลักษณะ", NULL, "คุณลักษณะ", NULL},
        {"คุณูปการ", NULL, "คุณูปการ", NULL},
        {"หมอก", NULL, "หมอก", NULL},
        {"หมอก ใจดี", NULL, "หมอก", "ใจดี"},
        {"หมอกมุ่ย", NULL, "หมอกมุ่ย", NULL},
        {"หมอบ", NULL, "หมอบ", NULL},
        {"หมอน", NULL, "หมอน", NULL},
        {"หมอลำ", NULL, "หมอลำ", NULL},
        {"หมอดู", NULL, "หมอดู", NULL},
        {"หมอผี", NULL, "หมอผี", NULL},
        {"หมอนวด", NULL, "หมอนวด", NULL},
        {"พี่น้อง", NULL, "พี่น้อง", NULL},
        {"พี่เลี้ยง", NULL, "พี่เลี้ยง", NULL},
        {"พี่ๆ", NULL, "พี่ๆ", NULL},
        {"น้องๆ", NULL, "น้องๆ", NULL},
        {"น้องใหม่", NULL, "น้องใหม่", NULL},
        {"ครุฑ", NULL, "ครุฑ", NULL},
        {"ป้าย", NULL, "ป้าย", NULL},
        {"ป้าน", NULL, "ป้าน", NULL},
        {"ยายี", NULL, "ยายี", NULL},
        {"แม่นยำ", NULL, "แม่นยำ", NULL},
        {"แม่น้ำ", NULL, "แม่น้ำ", NULL},
        {"แม่บ้าน", NULL, "แม่บ้าน", NULL},
        {"แม่ทัพ", NULL, "แม่ทัพ", NULL},
        {"แม่ค้า", NULL, "แม่ค้า", NULL},
        {"แม่นมาส", NULL, "แม่นมาส", NULL},
        {"พ่อค้า", NULL, "พ่อค้า", NULL},
        {"พ่อบ้าน", NULL, "พ่อบ้าน", NULL},
        {"น้าว", NULL, "น้าว", NULL},
        {"น้ำผึ้ง ใจงาม", NULL, "น้ำผึ้ง", "ใจงาม"},
        {"อานนท์ ศรีสุข", NULL, "อานนท์", "ศรีสุข"},
        {"อาทิตย์ คงทอง", NULL, "อาทิตย์", "คงทอง"},
        {"อารีย์ บุญมา", NULL, "อารีย์", "บุญมา"},
        {"อาภา ใจดี", NULL, "อาภา", "ใจดี"},
        {"อาภรณ์ ทองดี", NULL, "อาภรณ์", "ทองดี"},
        {"อารยา แสงอรุณ", NULL, "อารยา", "แสงอรุณ"},
        {"อานันท์ ปัญญาวงศ์", NULL, "อานันท์", "ปัญญาวงศ์"},
        {"อาคม เจริญสุข", NULL, "อาคม", "เจริญสุข"},
        {"อาวุธ มั่นคง", NULL, "อาวุธ", "มั่นคง"},
        {"อารีรัตน์ ชื่นจิต", NULL, "อารีรัตน์", "ชื่นจิต"},
        {"อานุภาพ โชคดี", NULL, "อานุภาพ", "โชคดี"},
        {"อาจารีย์ พรหมมา", NULL, "อาจารีย์", "พรหมมา"},
        {"ตาล ใจดี", NULL, "ตาล", "ใจดี"},
        {"ตาวัน ศรีสุข", NULL, "ตาวัน", "ศรีสุข"},
        {"เจ๊ก", NULL, "เจ๊ก", NULL},
        {"ท่าน", NULL, "ท่าน", NULL},
        {"คุณ", NULL, "คุณ", NULL},
        {"พี่", NULL, "พี่", NULL},
        {"น้อง", NULL, "น้อง", NULL},
        {"หมอ", NULL, "หมอ", NULL},
        {"ครู", NULL, "ครู", NULL},
        {"เฮีย", NULL, "เฮีย", NULL},
        {"คุณหมอ", NULL, "คุณหมอ", NULL},
        {"ลุง", NULL, "ลุง", NULL},
        {"ป้า", NULL, "ป้า", NULL},
        {"น้า", NULL, "น้า", NULL},
        {"พ่อ", NULL, "พ่อ", NULL},
        {"แม่", NULL, "แม่", NULL},
        {"ยาย", NULL, "ยาย", NULL},
        {"เจ๊", NULL, "เจ๊", NULL},
        {"คุณครู", NULL, "คุณครู", NULL},
        {"ตา", NULL, "ตา", NULL},
        {"อา", NULL, "อา", NULL},
        {"เฮียง", NULL, "เฮียง", NULL},
        {"พี่หมอ", NULL, "พี่หมอ", NULL},
        {"คุณธรรม", NULL, "คุณธรรม", NULL},
        {"พี่เลี้ยง ใจดี", NULL, "พี่เลี้ยง", "ใจดี"},
    };
    CHECK_SPLITS(cases);
}

/* Where the dictionary reads the title into a longer word (หมอขวัญ is a soul-caller, คุณสมบัติ
 * a qualification), its reading wins and the name stays whole: a name kept whole is still
 * found by a search, a name cut wrongly would lose its first letters. */
static void name_glued_informal_title_follows_the_dictionary(void **state)
{
    (void)state;
    static const struct split_case cases[] = {
        {"คุณสมบัติ", NULL, "คุณสมบัติ", NULL},
        {"หมอขวัญ", NULL, "หมอขวัญ", NULL},
        {"หมอขวัญเรือน ทองดี", NULL, "หมอขวัญเรือน", "ทองดี"},
        {"คุณสมบัติ ใจดี", NULL, "คุณสมบัติ", "ใจดี"},
    };
    CHECK_SPLITS(cases);
}

/* Names whose first letters spell a title must keep them. */
static void name_keeps_names_that_look_like_titles(void **state)
{
    (void)state;
    static const struct split_case cases[] = {
        {"อรุณ สว่างวงศ์", NULL, "อรุณ", "สว่างวงศ์"},
        {"นาฏยา ใจดี", NULL, "นาฏยา", "ใจดี"},
        {"นายิกา สุขใจ", NULL, "นายิกา", "สุขใจ"},
        {"ดรุณี ทองดี", NULL, "ดรุณี", "ทองดี"},
        {"คุณากร ใจดี", NULL, "คุณากร", "ใจดี"},
        {"คุณวุฒิ ใจดี", NULL, "คุณวุฒิ", "ใจดี"},
        {"ตาล ใจดี", NULL, "ตาล", "ใจดี"},
        {"พีระ ใจดี", NULL, "พีระ", "ใจดี"},
        {"Drew Barry", NULL, "Drew", "Barry"},
        {"Missy Elliott", NULL, "Missy", "Elliott"},
        /* a short informal title alone is a nickname */
        {"ตา", NULL, "ตา", NULL},
        {"น้อง ใจดี", "น้อง", "ใจดี", NULL},
        {"นายก", NULL, "นายก", NULL},
    };
    CHECK_SPLITS(cases);
}

/* The longest title that leaves a plausible name wins. */
static void name_prefers_longest_title_leaving_a_name(void **state)
{
    (void)state;
    static const struct split_case cases[] = {
        {"นางสาวสาวิตรี ดีงาม", "นางสาว", "สาวิตรี", "ดีงาม"},
        {"นางสาวิตรี ดีงาม", "นาง", "สาวิตรี", "ดีงาม"},
        {"นายกมล ใจดี", "นาย", "กมล", "ใจดี"},
        {"นายกรัฐ มนตรี", "นาย", "กรัฐ", "มนตรี"},
        {"นายแพทย์ประเวศ วะสี", "นายแพทย์", "ประเวศ", "วะสี"},
        {"ครูบาศรีวิชัย", "ครูบา", "ศรีวิชัย", NULL},
        {"ส.ต.อ.สมชาย ใจดี", "ส.ต.อ.", "สมชาย", "ใจดี"},
        {"คุณหญิงสุดารัตน์ เกยุราพันธุ์", "คุณหญิง", "สุดารัตน์", "เกยุราพันธุ์"},
    };
    CHECK_SPLITS(cases);
}

static void name_splits_combined_titles(void **state)
{
    (void)state;
    static const struct split_case cases[] = {
        {"ผศ. ดร. อเนก นาคะบุตร", "ผศ.ดร.", "อเนก", "นาคะบุตร"},
        {"ศ.ดร.สมชาย ใจดี", "ศ.ดร.", "สมชาย", "ใจดี"},
        {"รศ.ดร. สมชาย ใจดี", "รศ.ดร.", "สมชาย", "ใจดี"},
        {"ศ.นพ.ประเวศ วะสี", "ศ.นพ.", "ประเวศ", "วะสี"},
        {"พ.ต.อ.ดร.สมชาย ใจดี", "พ.ต.อ.ดร.", "สมชาย", "ใจดี"},
        {"Prof. Dr. John Smith", "Prof. Dr.", "John", "Smith"},
        {"พระครู ดร.สมชาย", "พระครู ดร.", "สมชาย", NULL},
    };
    CHECK_SPLITS(cases);
}

static void name_splits_ranks(void **state)
{
    (void)state;
    static const struct split_case cases[] = {
        {"พล.อ.ประยุทธ์ จันทร์โอชา", "พล.อ.", "ประยุทธ์", "จันทร์โอชา"},
        {"พล.ต.อ.สมชาย ใจดี", "พล.ต.อ.", "สมชาย", "ใจดี"},
        {"ร.ต.อ.หญิงสมศรี ใจดี", "ร.ต.อ.หญิง", "สมศรี", "ใจดี"},
        {"พ.ต.ท.หญิง สมศรี ใจดี", "พ.ต.ท.หญิง", "สมศรี", "ใจดี"},
        {"ร.ต.สมชาย ใจดี", "ร.ต.", "สมชาย", "ใจดี"},
        {"จ.ส.อ.สมชาย ใจดี", "จ.ส.อ.", "สมชาย", "ใจดี"},
        {"ด.ต. สมชาย ใจดี", "ด.ต.", "สมชาย", "ใจดี"},
        {"พลฯสมชาย ใจดี", "พลฯ", "สมชาย", "ใจดี"},
        {"ว่าที่ ร.ต. สมชาย ใจดี", "ว่าที่ร.ต.", "สมชาย", "ใจดี"},
        {"ว่าที่ร้อยตรีสมชาย ใจดี", "ว่าที่ร้อยตรี", "สมชาย", "ใจดี"},
        {"ร้อยตำรวจเอกหญิงสมศรี ใจดี", "ร้อยตำรวจเอกหญิง", "สมศรี", "ใจดี"},
        {"น.อ.สมชาย ใจดี", "น.อ.", "สมชาย", "ใจดี"},
        {"ว่าที่ใจดี", NULL, "ว่าที่ใจดี", NULL},
    };
    CHECK_SPLITS(cases);
}

static void name_splits_english_titles(void **state)
{
    (void)state;
    static const struct split_case cases[] = {
        {"mrs jane doe", "mrs", "jane", "doe"},
        {"MS. Jane Doe", "MS.", "Jane", "Doe"},
        {"Miss Jane", "Miss", "Jane", NULL},
        {"Dr.Drew Barry", "Dr.", "Drew", "Barry"},
        {"Dr Drew Barry", "Dr", "Drew", "Barry"},
        {"prof somchai jaidee", "prof", "somchai", "jaidee"},
    };
    CHECK_SPLITS(cases);
}

static void name_keeps_several_word_family_names(void **state)
{
    (void)state;
    static const struct split_case cases[] = {
        {"สมชาย ณ อยุธยา", NULL, "สมชาย", "ณ อยุธยา"},
        {"ม.ร.ว. สมชาย ณ  อยุธยา", "ม.ร.ว.", "สมชาย", "ณ อยุธยา"},
        {"John Paul Smith", NULL, "John", "Paul Smith"},
    };
    CHECK_SPLITS(cases);
}

static void name_cleans_spaces_and_invisible_characters(void **state)
{
    (void)state;
    static const struct split_case cases[] = {
        {"  นาย\u00A0สมชาย\u200B   ใจดี  ", "นาย", "สมชาย", "ใจดี"},
        {"\uFEFFสม\u200Dชาย\tใจ\u200Cดี\n", NULL, "สมชาย", "ใจดี"},
        {"ผศ.\u200B ดร.อเนก", "ผศ.ดร.", "อเนก", NULL},
    };
    CHECK_SPLITS(cases);
}

static void name_without_given_name_fails(void **state)
{
    (void)state;
    static const char *const inputs[] = {"",    "   ",     "\u200B",    "นาย", "นางสาว",
                                         "ดร.", "ผศ. ดร.", "ร.ต.อ.หญิง", "Mr.", "คุณหญิง"};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        struct person_name name = {(char *)"x", (char *)"y", (char *)"z"};
        if (name_split(inputs[i], &name) != -1) {
            print_error("name_split(\"%s\") should fail\n", inputs[i]);
            fail();
        }
        assert_null(name.title);
        assert_null(name.given);
        assert_null(name.family);
        person_name_free(&name);
    }
    struct person_name name;
    assert_int_equal(name_split(NULL, &name), -1);
}

static void name_is_title_recognises_titles(void **state)
{
    (void)state;
    static const char *const titles[] = {
        "คุณหมอ",     "พี่",   "ป้า", "ผศ.ดร.", "ผศ. ดร.", "นาย",      "นางสาว",    "น.ส.",    "คุณ",
        "ร.ต.อ.หญิง", "พลฯ", "Mr", "dr.",    "ม.ร.ว.",  "ว่าที่ ร.ต.", "พ.ต.อ.ดร.", "ผู้ใหญ่บ้าน",
    };
    static const char *const not_titles[] = {"พี่ปิยะชีพ", "หมอก",     "คุณวุฒิ",       "สมชาย",
                                             "",       "นายสมชาย", "ผศ.ดร.อเนก", "อรุณ",
                                             "ว่าที่",    "ดร",       "Drew",       "หญิง"};
    for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
        if (!name_is_title(titles[i])) {
            print_error("\"%s\" should be a title\n", titles[i]);
            fail();
        }
    for (size_t i = 0; i < sizeof not_titles / sizeof not_titles[0]; i++)
        if (name_is_title(not_titles[i])) {
            print_error("\"%s\" should not be a title\n", not_titles[i]);
            fail();
        }
    assert_false(name_is_title(NULL));
}

/* Random mixtures of title fragments, Thai marks, spaces and stray bytes: no crash, no read
 * past the end (ASan), and a success always carries a given name. */
static void name_survives_random_input(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "นาย", "นาง", "สาว", "ดร", ".",  " ", "\u00A0", "\u200B",   "ผศ",   "ร.ต.อ.", "หญิง", "ว่าที่",
        "ิ",    "่",    "์",    "ก",  "Mr", "s", "\xE0",   "\xE0\xB8", "\xFF", "คุณ",     "ฯ",   "พล",
    };
    uint32_t seed = 12345;
    char buf[64];
    for (int round = 0; round < 5000; round++) {
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        int count = (int)(seed >> 16) % 6;
        for (int k = 0; k < count; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
            size_t n = strlen(p);
            if (len + n >= sizeof buf) break;
            memcpy(buf + len, p, n);
            len += n;
        }
        /* exactly len bytes on the heap, so ASan sees any read past the terminator */
        char *s = malloc(len + 1);
        assert_non_null(s);
        memcpy(s, buf, len);
        s[len] = '\0';
        struct person_name name;
        if (name_split(s, &name) == 0) {
            assert_non_null(name.given);
            assert_true(name.given[0] != '\0');
        }
        person_name_free(&name);
        (void)name_is_title(s);
        free(s);
    }
}

const struct CMUnitTest honorific_tests[] = {
    cmocka_unit_test(name_splits_required_examples),
    cmocka_unit_test(name_splits_glued_and_spaced_titles),
    cmocka_unit_test(name_keeps_names_that_look_like_titles),
    cmocka_unit_test(name_splits_glued_informal_titles),
    cmocka_unit_test(name_keeps_names_and_words_that_begin_like_informal_titles),
    cmocka_unit_test(name_glued_informal_title_follows_the_dictionary),
    cmocka_unit_test(name_prefers_longest_title_leaving_a_name),
    cmocka_unit_test(name_splits_combined_titles),
    cmocka_unit_test(name_splits_ranks),
    cmocka_unit_test(name_splits_english_titles),
    cmocka_unit_test(name_keeps_several_word_family_names),
    cmocka_unit_test(name_cleans_spaces_and_invisible_characters),
    cmocka_unit_test(name_without_given_name_fails),
    cmocka_unit_test(name_is_title_recognises_titles),
    cmocka_unit_test(name_survives_random_input),
};
const size_t honorific_tests_count = sizeof honorific_tests / sizeof honorific_tests[0];
