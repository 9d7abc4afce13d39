/* Sheet import: a CSV sheet from Excel (UTF-8, UTF-16 or Thai Windows-874; comma, semicolon or
 * tab; English or Thai headers), or a sheet of an .xlsx workbook read as rows of the same cells,
 * checked row by row with the model's own rules and written in one
 * transaction. New members take the store's bulk write, because rosters of 100,000 people are
 * real and record_save costs a third of a millisecond; every other write goes through
 * record_save. */
#include "import.h"
#include "collate.h"
#include "invitation.h"
#include "csv.h"
#include "db.h"
#include "encoding.h"
#include "honorific.h"
#include "identity.h"
#include "merge.h"
#include "map.h"
#include "messages.h"
#include "bulk.h"
#include "lookup.h"
#include "phone.h"
#include "stored.h"
#include "strbuf.h"
#include "suggest.h"
#include "thaidate.h"
#include "thainorm.h"
#include "outfile.h"
#include "xalloc.h"
#include "xlsx_read.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

enum { HEADER_SEARCH = 10, MAX_KEYS = 24, CACHE_KB = 16384 };
static const size_t max_file = (size_t)512 << 20;

/* Between the items of a list field of a staged member: normalised text never holds it. */
#define ITEM_SEP "\x1f"

/* ------------------------------------------------------------------------------------------
 * The report */

void import_report_add(struct import_report *rep, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    /* Capacity doubles at powers of two: the struct has no room for a capacity. */
    size_t count = rep->nmessages;
    if (count == 0 || (count & (count - 1)) == 0)
        rep->messages = xrealloc(rep->messages, sizeof *rep->messages * (count ? count * 2 : 1));
    rep->messages[rep->nmessages++] = msg;
}

void import_report_free(struct import_report *rep)
{
    for (size_t i = 0; i < rep->nmessages; i++)
        free(rep->messages[i]);
    free(rep->messages);
    free(rep->rejects_path);
    memset(rep, 0, sizeof *rep);
}

static char *id_key(long long id)
{
    return xasprintf("%lld", id);
}

/* ------------------------------------------------------------------------------------------
 * Columns: which field each header names. */

enum special {
    SP_FIELD,       /* a field of the imported kind (or, person, of the member) */
    SP_UNKNOWN,     /* reported and ignored */
    SP_IGNORE,      /* a row number or signature column: ignored silently */
    SP_ID,          /* the record's id: used to find the record to update */
    SP_FULL_NAME,   /* title, given and family name in one cell */
    SP_EVENT_TITLE, /* attendance: which event, by title */
    SP_EVENT_DATE,  /* attendance: which event, by date */
    SP_CHECKED_IN,  /* when someone checked in (attendance), an invitation last changed */
};

struct column {
    enum special special;
    bool person; /* attendance: a field of the member the row names */
    int field;
};

struct alias {
    enum kind kind;
    const char *field;
    const char *names; /* separated by '|'; compared as header_key() makes them */
};

/* Headers people write in Thai and English sheets, beyond the field names and labels. */
static const struct alias aliases[] = {
    {KIND_MEMBER, "title", "คำนำหน้าชื่อ|คำนำ|ยศ|prefix|honorific"},
    {KIND_MEMBER, "given_name", "ชื่อจริง|first name|firstname|given|forename"},
    {KIND_MEMBER, "family_name", "สกุล|surname|last name|lastname|family"},
    {KIND_MEMBER, "nickname", "nick"},
    {KIND_MEMBER, "gender", "sex"},
    {KIND_MEMBER, "phone",
     "เบอร์โทร|เบอร์โทรศัพท์|เบอร์|มือถือ|เบอร์มือถือ|โทร|โทรศัพท์มือถือ|หมายเลขโทรศัพท์|"
     "เบอร์ติดต่อ|tel|telephone|mobile|phone number|phones"},
    {KIND_MEMBER, "email", "อีเมล์|อีเมว|e-mail address|email address|mail"},
    {KIND_MEMBER, "line_id", "line|ไอดีไลน์|ไลน์ไอดี|id line|line id"},
    {KIND_MEMBER, "facebook", "เฟสบุ๊ค|เฟสบุ๊ก|เฟซบุ๊ค|fb"},
    {KIND_MEMBER, "province", "จ"},
    {KIND_MEMBER, "district", "เขต|อำเภอ/เขต|อ|amphoe"},
    {KIND_MEMBER, "subdistrict", "แขวง|ตำบล/แขวง|ต|tambon"},
    {KIND_MEMBER, "position", "job title|job"},
    {KIND_MEMBER, "organisations",
     "องค์กร|สังกัด|หน่วยงาน/องค์กร|ชื่อหน่วยงาน|ชื่อองค์กร|organisation|organization|"
     "organizations|org|orgs"},
    {KIND_MEMBER, "tags", "tag"},
    {KIND_MEMBER, "notes", "note|remark|remarks|comment|comments"},
    {KIND_MEMBER, "skills", "ความเชี่ยวชาญ|ความสามารถ"},
    /* Thai office sheets. */
    {KIND_MEMBER, "phone", "เบอร์โทรศัพท์มือถือ|หมายเลขโทรศัพท์มือถือ|เบอร์โทรติดต่อ"},
    {KIND_MEMBER, "email", "อีเมลล์|อีเมล์ติดต่อ"},
    {KIND_MEMBER, "line_id", "ไลน์ id|id ไลน์|lineid"},
    {KIND_MEMBER, "organisations", "หน่วยงาน/สังกัด|สังกัดหน่วยงาน|หน่วยงานต้นสังกัด"},
    {KIND_MEMBER, "street", "บ้านเลขที่|ที่อยู่ปัจจุบัน|ที่อยู่ที่ติดต่อได้|address|street"},
    {KIND_MEMBER, "postcode", "ไปรษณีย์|postal code|zip|zip code|postcode"},
    {KIND_MEMBER, "birthday", "วัน/เดือน/ปีเกิด|วันเดือนปีเกิด|date of birth|dob"},
    /* Google Contacts, the old header set and the 2023 one; a number in a header ("Phone 2 -
     * Value") is ignored when the header as it is names nothing (header_field). */
    {KIND_MEMBER, "title", "name prefix"},
    {KIND_MEMBER, "given_name", "given name"},
    {KIND_MEMBER, "family_name", "family name"},
    {KIND_MEMBER, "phone", "phone value"},
    {KIND_MEMBER, "email", "e-mail value|email value"},
    {KIND_MEMBER, "organisations", "organization name|organisation name"},
    {KIND_MEMBER, "position", "organization title"},
    {KIND_MEMBER, "tags", "labels|group membership"},
    {KIND_MEMBER, "street", "address street"},
    {KIND_MEMBER, "postcode", "address postal code"},
    /* Outlook in English ("Title" is the honorific, "Job Title" the position; "E-mail 2
     * Address") and in Thai. */
    {KIND_MEMBER, "phone",
     "mobile phone|business phone|home phone|primary phone|other phone|company main phone|"
     "car phone|โทรศัพท์มือถือ|โทรศัพท์ที่ทำงาน|โทรศัพท์บ้าน|โทรศัพท์หลัก|โทรศัพท์อื่นๆ|"
     "โทรศัพท์อื่น"},
    {KIND_MEMBER, "email", "ที่อยู่อีเมล"},
    /* Thunderbird's address book. */
    {KIND_MEMBER, "phone", "work phone|mobile number"},
    {KIND_MEMBER, "email", "primary email|secondary email"},
    {KIND_MEMBER, "organisations", "company|บริษัท"},
    {KIND_MEMBER, "position", "ตำแหน่งงาน"},
    {KIND_MEMBER, "tags", "categories|ประเภท|หมวดหมู่"},
    {KIND_MEMBER, "notes", "บันทึกย่อ|บันทึก"},
    {KIND_MEMBER, "street", "business street|home street|ถนนที่ทำงาน|ถนนที่บ้าน|ที่อยู่ที่ทำงาน"},
    {KIND_MEMBER, "postcode",
     "business postal code|home postal code|รหัสไปรษณีย์ที่ทำงาน|รหัสไปรษณีย์ที่บ้าน"},
    {KIND_ORG, "name", "ชื่อหน่วยงาน|องค์กร|หน่วยงาน|ชื่อ|organisation|organization"},
    {KIND_ORG, "short_name", "อักษรย่อ|abbreviation|acronym"},
    {KIND_ORG, "kind", "type"},
    {KIND_ORG, "parent", "หน่วยงานต้นสังกัด|parent organisation|parent organization"},
    {KIND_ORG, "phone", "เบอร์โทร|โทร|tel|telephone"},
    {KIND_ORG, "email", "อีเมล์|e-mail address|mail"},
    {KIND_ORG, "line_group", "ไลน์|line"},
    {KIND_ORG, "facebook", "เฟสบุ๊ค|เฟซบุ๊ค|fb"},
    {KIND_ORG, "website", "เว็บ|web|url"},
    {KIND_ORG, "focus", "ประเด็น|focus"},
    {KIND_ORG, "notes", "note|remark|remarks"},
    {KIND_EVENT, "title", "ชื่อกิจกรรม|กิจกรรม|งาน|ชื่อ|หัวข้อ|event|name"},
    {KIND_EVENT, "kind", "type"},
    {KIND_EVENT, "start_date", "วันที่|วันที่จัด|วันเริ่ม|date|start"},
    {KIND_EVENT, "end_date", "ถึงวันที่|วันสิ้นสุด|end"},
    {KIND_EVENT, "start_time", "เวลา|time"},
    {KIND_EVENT, "end_time", "ถึงเวลา"},
    {KIND_EVENT, "venue", "สถานที่จัด|place|location"},
    {KIND_EVENT, "host", "หน่วยงานผู้จัด|เจ้าภาพ|organiser|organizer"},
    {KIND_EVENT, "partners", "หน่วยงานร่วม|ภาคีร่วม|partner"},
    {KIND_EVENT, "target", "จำนวนเป้าหมาย|ผู้เข้าร่วมเป้าหมาย"},
    {KIND_EVENT, "notes", "note|remark|remarks"},
    {KIND_EVENT, "agenda", "วาระการประชุม"},
    {KIND_EVENT, "minutes", "รายงานการประชุม"},
    {KIND_TASK, "title", "ชื่องาน|รายการ|สิ่งที่ต้องทำ|task"},
    {KIND_TASK, "event_id", "กิจกรรม|event"},
    {KIND_TASK, "owner", "responsible"},
    {KIND_TASK, "owner_org", "หน่วยงาน"},
    {KIND_TASK, "due_date", "กำหนดส่ง|วันที่ครบกำหนด|วันที่|due|deadline"},
    {KIND_TASK, "priority", "ลำดับความสำคัญ"},
    {KIND_TASK, "notes", "note|remark|remarks"},
    {KIND_ATTENDANCE, "event_id", "รหัสกิจกรรม"},
    {KIND_ATTENDANCE, "organisation",
     "องค์กร|สังกัด|ชื่อหน่วยงาน|organization|org|organisations|organizations"},
    {KIND_ATTENDANCE, "category", "ประเภท|กลุ่ม|type"},
    {KIND_ATTENDANCE, "group", "กลุ่มที่|breakout"},
    {KIND_ATTENDANCE, "reason", "reason"},
    {KIND_INVITATION, "event_id", "รหัสกิจกรรม|event"},
    {KIND_INVITATION, "organisation",
     "หน่วยงาน|ชื่อองค์กร|ชื่อหน่วยงาน|องค์กรที่เชิญ|หน่วยงานที่เชิญ|org|organization|invited"},
    {KIND_INVITATION, "status", "การตอบรับ|ผลการตอบรับ|answer|reply"},
    {KIND_INVITATION, "reason", "สาเหตุ|หมายเหตุ|note|notes"},
};

static const char ignored_headers[] = "ลำดับ|ลำดับที่|ที่|เลขที่|no|number|#|ลายมือชื่อ|ลงชื่อ|ลายเซ็น|signature";
static const char full_name_headers[] =
    "ชื่อ-นามสกุล|ชื่อ-สกุล|ชื่อและนามสกุล|ชื่อผู้เข้าร่วม|ผู้เข้าร่วม|ชื่อ-นามสกุลผู้เข้าร่วม|full "
    "name|fullname|name|member_name|member name|display name";
static const char event_title_headers[] = "ชื่อกิจกรรม|กิจกรรม|งาน|event|event title";
static const char event_date_headers[] = "วันที่|วันที่จัด|วันที่เริ่ม|date|event date|start_date";

/* A header as compared: normalised, ASCII lower case, without spaces and punctuation that
 * people vary ("E-mail", "e_mail", "ชื่อ - สกุล"). */
static char *header_key(const char *s)
{
    char *norm = text_normalize(s, 0);
    struct strbuf sb = STRBUF_INIT;
    for (const char *p = norm; *p; p++) {
        if (strchr(" _-./():*", *p)) continue;
        sb_addc(&sb, (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p));
    }
    free(norm);
    return sb_take(&sb);
}

static bool key_in(const char *key, const char *names)
{
    for (const char *p = names; *p;) {
        size_t n = strcspn(p, "|");
        char *one = xstrndup(p, n);
        char *k = header_key(one);
        bool same = strcmp(k, key) == 0;
        free(one);
        free(k);
        if (same) return true;
        p += n + (p[n] != '\0');
    }
    return false;
}

/* The key without its ASCII digits: "phone2value" for Google's "Phone 2 - Value". */
static char *without_digits(const char *key)
{
    struct strbuf sb = STRBUF_INIT;
    for (const char *p = key; *p; p++)
        if (*p < '0' || *p > '9') sb_addc(&sb, *p);
    return sb_take(&sb);
}

static int field_by_exact_key(enum kind k, const char *key);

/* The field whose name, English label or Thai label the key is, in that order, or an alias;
 * else the same without the numbers of Google's and Outlook's repeated columns ("E-mail 2
 * Address", "Phone 3 - Value"), which several of merge into one field. */
static int field_by_key(enum kind k, const char *key)
{
    int fi = field_by_exact_key(k, key);
    if (fi >= 0 || !key[strcspn(key, "0123456789")]) return fi;
    char *bare = without_digits(key);
    fi = *bare ? field_by_exact_key(k, bare) : -1;
    free(bare);
    return fi;
}

static int field_by_exact_key(enum kind k, const char *key)
{
    const struct kind_info *ki = kind_info(k);
    for (int pass = 0; pass < 3; pass++) {
        for (int i = 0; i < ki->nfields; i++) {
            const struct field *f = &ki->fields[i];
            char *fk = header_key(pass == 0 ? f->name : pass == 1 ? f->en : f->th_alias);
            bool same = strcmp(fk, key) == 0;
            free(fk);
            if (same) return i;
        }
    }
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (aliases[i].kind == k && key_in(key, aliases[i].names))
            return field_index(ki, aliases[i].field);
    return -1;
}

static struct column field_column(enum kind k, int fi, bool person)
{
    const struct field *f = &kind_info(k)->fields[fi];
    struct column c = {SP_FIELD, person, fi};
    if (f->type == FT_ID)
        c.special = person ? SP_UNKNOWN : SP_ID;
    else if (field_id(k, fi) == F_ATTENDANCE_EVENT_TITLE)
        c.special = SP_EVENT_TITLE;
    else if (field_id(k, fi) == F_ATTENDANCE_MEMBER_NAME)
        c.special = SP_FULL_NAME;
    else if (field_id(k, fi) == F_ATTENDANCE_CHECKED_IN_AT ||
             field_id(k, fi) == F_INVITATION_UPDATED_AT)
        c.special = SP_CHECKED_IN;
    else if (f->flags & FIELD_READONLY)
        c.special = SP_IGNORE;
    return c;
}

static struct column match_header(enum kind k, const char *header)
{
    struct column c = {SP_UNKNOWN, false, -1};
    char *key = header_key(header);
    int fi;
    if (!*key)
        c.special = SP_UNKNOWN;
    else if ((fi = field_by_key(k, key)) >= 0)
        c = field_column(k, fi, false);
    else if (key_in(key, ignored_headers))
        c.special = SP_IGNORE;
    else if ((k == KIND_MEMBER || k == KIND_ATTENDANCE) && key_in(key, full_name_headers))
        c.special = SP_FULL_NAME;
    else if (k == KIND_ATTENDANCE && key_in(key, event_title_headers))
        c.special = SP_EVENT_TITLE;
    else if (k == KIND_ATTENDANCE && key_in(key, event_date_headers))
        c.special = SP_EVENT_DATE;
    else if (k == KIND_ATTENDANCE && (fi = field_by_key(KIND_MEMBER, key)) >= 0)
        c = field_column(KIND_MEMBER, fi, true);
    free(key);
    return c;
}

/* ------------------------------------------------------------------------------------------
 * The import's state */

struct src {
    long line;
    size_t start, end; /* the row's bytes in the decoded text, for the rejects file */
};

/* A new member waiting for the bulk insert: each field in stored form, list items separated
 * by ITEM_SEP. The fields are packed into one allocation (bit i of set says field i has a
 * value; the values follow each other, each ending in '\0'), and the rule's view of the
 * row is made again when a later row is compared with it: kept as a string and an identity
 * a field, 100,000 new people took 150 MB. */
struct staged {
    long line;
    long long file_id; /* the row's id column: rows with different ids are different people */
    char *packed;
    unsigned long long set;
    size_t prev_name; /* the staged row before with the same name (index + 1), or 0 */
};
_Static_assert(FI_MEMBER_COUNT <= 64, "a staged member's fields fit in struct staged's set");

/* Changes to a member that existed before the import, from one or more rows. */
struct pending {
    long long id;
    char *in[MAX_FIELDS];
    struct src *srcs;
    size_t nsrcs;
};

struct journal_entry {
    struct map *map;
    char *key;
};

struct import {
    struct db *db;
    struct bulk *bulk;
    enum kind kind;
    const struct kind_info *ki;
    const char *path;
    const struct import_options *opt;
    struct import_report *rep;
    char now[32];
    /* the sheet: CSV text (own_text, until write_staged frees it), or a workbook's sheet */
    const char *text;
    char *own_text;
    size_t len;
    enum text_encoding enc;
    char delim;
    size_t header_end;
    const struct xlsx_sheet *sheet;
    struct csv_record header; /* a workbook's header row, for the rejects file */
    struct column *cols;
    size_t ncols;
    bool has_family, has_status;
    /* organisations by normalised name */
    struct map org_by_name;
    struct map events;
    struct map province_memo;
    char *province_memo_code[256];
    size_t nprovince_memo;
    /* members by the phones ("p:"), e-mail ("e:") and LINE ID ("l:") rows of the file gave:
     * > 0 an existing member, < 0 a staged one; staged rows by name (index + 1 of the last) */
    struct map dups;
    struct map names;
    long kept_apart;    /* probable duplicates added as new people */
    struct map touched; /* ids this import added or changed */
    struct map file_of; /* the id column of the row that gave each of those, when it had one */
    struct staged *staged;
    size_t nstaged;
    struct pending *pending;
    size_t npending;
    struct map pending_at;
    long unchanged;
    /* what the current row added to the caches and report, undone when it fails */
    struct journal_entry *journal;
    size_t njournal;
    char **notes;
    size_t nnotes;
    long row_orgs;
    struct src *bad;
    size_t nbad;
};

static void note(struct import *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct import *im, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    im->notes = xrealloc(im->notes, sizeof *im->notes * (im->nnotes + 1));
    im->notes[im->nnotes++] = msg;
}

static void remember(struct import *im, struct map *m, const char *key, long long value)
{
    map_set(m, key, value);
    im->journal = xrealloc(im->journal, sizeof *im->journal * (im->njournal + 1));
    im->journal[im->njournal++] = (struct journal_entry){m, xstrdup(key)};
}

/* The row succeeded (keep) or was rolled back (forget what it added). */
static void row_end(struct import *im, bool keep)
{
    for (size_t i = 0; i < im->njournal; i++) {
        if (!keep) map_set(im->journal[i].map, im->journal[i].key, 0);
        free(im->journal[i].key);
    }
    im->njournal = 0;
    for (size_t i = 0; i < im->nnotes; i++) {
        if (keep) import_report_add(im->rep, "%s", im->notes[i]);
        free(im->notes[i]);
    }
    im->nnotes = 0;
    if (keep) im->rep->orgs_created += im->row_orgs;
    im->row_orgs = 0;
}

static void row_bad(struct import *im, struct src src, const char *why)
{
    import_report_add(im->rep, "%s:%ld: %s", im->path, src.line, why ? why : _("rejected"));
    im->bad = xrealloc(im->bad, sizeof *im->bad * (im->nbad + 1));
    im->bad[im->nbad++] = src;
}

/* ------------------------------------------------------------------------------------------
 * Small helpers */

static bool is_list(enum field_type t)
{
    return t == FT_PHONES || t == FT_ORGS || t == FT_TAGS || t == FT_QUOTAS;
}

static bool blank(const char *s)
{
    return !s || s[strspn(s, " \t\r\n")] == '\0';
}

static bool looks_like_id(const char *s)
{
    if (*s == '#') s++;
    size_t n = strspn(s, "0123456789");
    return n > 0 && n <= 12 && s[n] == '\0';
}

static long long parse_id(const char *s)
{
    return strtoll(*s == '#' ? s + 1 : s, NULL, 10);
}

static bool stored_empty(const struct stored *v)
{
    return (!v->text || !*v->text) && !v->has_num && v->n == 0;
}

/* Splits s at any of seps into trimmed, normalised, non-empty items. */
static size_t split(const char *s, const char *seps, char ***items)
{
    size_t n = 0;
    *items = NULL;
    for (const char *p = s; *p;) {
        size_t len = strcspn(p, seps);
        char *raw = xstrndup(p, len);
        char *item = text_normalize(raw, 0);
        free(raw);
        if (*item) {
            *items = xrealloc(*items, sizeof **items * (n + 1));
            (*items)[n++] = item;
        } else {
            free(item);
        }
        p += len + (p[len] != '\0');
    }
    return n;
}

static char *join(char **items, size_t n, const char *sep)
{
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < n; i++)
        sb_addf(&sb, "%s%s", i ? sep : "", items[i]);
    return sb_take(&sb);
}

static bool contains(char **items, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(items[i], s) == 0) return true;
    return false;
}

/* Phone numbers as a spreadsheet left them, made canonical where the lenient reading can
 * (812345678 lost its leading zero to Excel); anything else is left for the model to reject
 * by name. Numbers are separated by ";", "," or a line break, or "/" between whole numbers. */
static char *fix_phones(const char *cell)
{
    char **items;
    size_t n = split(cell, ";,\n", &items);
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        char digits[32];
        char **parts = NULL;
        size_t np = 0;
        bool whole = phone_normalize_lenient(items[i], digits, sizeof digits) != PHONE_INVALID;
        bool all = false;
        if (!whole && strchr(items[i], '/')) {
            np = split(items[i], "/", &parts);
            all = np > 1;
            for (size_t j = 0; all && j < np; j++)
                all = phone_normalize_lenient(parts[j], digits, sizeof digits) != PHONE_INVALID;
        }
        if (all) {
            for (size_t j = 0; j < np; j++) {
                phone_normalize_lenient(parts[j], digits, sizeof digits);
                sb_addf(&sb, "%s%s", sb.len ? "; " : "", digits);
            }
        } else {
            if (whole) phone_normalize_lenient(items[i], digits, sizeof digits);
            sb_addf(&sb, "%s%s", sb.len ? "; " : "", whole ? digits : items[i]);
        }
        strings_free(parts, np);
    }
    strings_free(items, n);
    return sb_take(&sb);
}

/* ------------------------------------------------------------------------------------------
 * Organisations named anywhere in a sheet: linked when known, created when new. */

/* "; did you mean มูลนิธิชุมชนไท (id 3)?" when the new name differs from an organisation khai
 * has only by a slip (suggest.h), else "". malloc'd. */
static char *did_you_mean(struct import *im, const char *name)
{
    struct org_suggestion *sg;
    size_t n;
    char *err = NULL;
    if (org_suggest(im->db, name, &sg, &n, &err) != 0) {
        free(err);
        return xstrdup("");
    }
    char *hint = org_suggest_text(sg, n);
    char *text = hint ? xasprintf("; %s", hint) : xstrdup("");
    free(hint);
    org_suggestions_free(sg, n);
    return text;
}

static int org_create(struct import *im, const char *name, long line, long long *id, char **why)
{
    char *hint = did_you_mean(im, name);
    struct record *r = record_new(KIND_ORG);
    record_set(r, F_ORG_NAME, name);
    char *err = NULL;
    int rc = record_save(im->db, r, &err);
    if (rc == 0) {
        *id = r->id;
        im->row_orgs++;
        note(im, _("%s:%ld: new organisation \"%s\"%s"), im->path, line, name, hint);
    } else {
        *why = xasprintf(_("organisation \"%s\": %s"), name, err);
        free(err);
    }
    record_free(&r);
    free(hint);
    return rc;
}

/* The organisation a name (or id) means: 0 when there is none. */
static int org_lookup(struct import *im, const char *name, long long *id, char **why)
{
    *id = map_get(&im->org_by_name, name);
    if (*id) return 0;
    if (!looks_like_id(name)) {
        long long n = org_name_count(im->db, name, why);
        if (n < 0) return -1;
        if (n == 0) return 0;
    }
    if (model_find(im->db, FT_ORG, name, id, why) != 0) return -1;
    remember(im, &im->org_by_name, name, *id);
    return 0;
}

static int org_resolve(struct import *im, const char *name, long line, long long *id, char **why)
{
    if (org_lookup(im, name, id, why) != 0) return -1;
    if (*id) return 0;
    if (org_create(im, name, line, id, why) != 0) return -1;
    remember(im, &im->org_by_name, name, *id);
    return 0;
}

/* The ids of the organisations a cell names, separated by ";" or line breaks; a piece that
 * names none is split at commas too before new organisations are made of it. */
static int org_ids(struct import *im, const char *cell, long line, char **out, char **why)
{
    char **pieces;
    size_t n = split(cell, ";\n", &pieces);
    struct strbuf sb = STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        long long id;
        rc = org_lookup(im, pieces[i], &id, why);
        if (rc == 0 && id) {
            sb_addf(&sb, "%s%lld", sb.len ? "; " : "", id);
            continue;
        }
        char **parts = NULL;
        size_t np = rc == 0 ? split(pieces[i], ",", &parts) : 0;
        for (size_t j = 0; rc == 0 && j < np; j++) {
            rc = org_resolve(im, parts[j], line, &id, why);
            if (rc == 0) sb_addf(&sb, "%s%lld", sb.len ? "; " : "", id);
        }
        strings_free(parts, np);
    }
    strings_free(pieces, n);
    *out = sb_take(&sb);
    if (rc != 0) {
        free(*out);
        *out = NULL;
    }
    return rc;
}

/* ------------------------------------------------------------------------------------------
 * Who is the same person: the store's rule (identity.h) against the database, through its
 * indexes, and against the rows of the file itself, through the keys below. */

struct keys {
    char *k[MAX_KEYS];
    size_t n;
};

static void keys_add(struct keys *ks, const char *prefix, const char *value)
{
    if (ks->n < MAX_KEYS && value && *value) ks->k[ks->n++] = xasprintf("%s%s", prefix, value);
}

static void keys_free(struct keys *ks)
{
    for (size_t i = 0; i < ks->n; i++)
        free(ks->k[i]);
    ks->n = 0;
}

/* What makes two people the same whatever their names: "p:" each phone, "e:" the e-mail,
 * "l:" the LINE ID; with names, "n:" given and family name too (an export's id column). */
static void keys_of(struct keys *ks, const struct identity *p, bool names)
{
    ks->n = 0;
    for (size_t i = 0; i < p->nphones; i++)
        keys_add(ks, "p:", p->phones[i]);
    keys_add(ks, "e:", p->email);
    keys_add(ks, "l:", p->line_id);
    if (names && p->given && *p->given) {
        char *name = xasprintf("%s\t%s", p->given, p->family ? p->family : "");
        keys_add(ks, "n:", name);
        free(name);
    }
}

static int fi_of(enum field_id f)
{
    return field_pos(f);
}

/* The identity of a row in the stored form field_store made (province as its code). */
static void identity_of_stored(const struct stored *vals, struct identity *p)
{
    static const enum field_id texts[] = {F_MEMBER_GIVEN_NAME, F_MEMBER_FAMILY_NAME,
                                          F_MEMBER_EMAIL,      F_MEMBER_LINE_ID,
                                          F_MEMBER_PROVINCE,   F_MEMBER_SUBDISTRICT};
    identity_init(p);
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        identity_set(p, texts[i], vals[fi_of(texts[i])].text);
    const struct stored *ph = &vals[fi_of(F_MEMBER_PHONE)];
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < ph->n; i++)
        sb_addf(&sb, "%s%s", i ? ";" : "", ph->items[i]);
    identity_set(p, F_MEMBER_PHONE, sb_str(&sb));
    sb_free(&sb);
}

/* The member with the row's id, when there is one and it shares a phone, the e-mail, the LINE
 * ID or the name with the row: re-importing an edited export updates the right namesake. */
static long long member_by_file_id(struct import *im, long long file_id, const struct identity *row)
{
    char *given, *family, *email, *list;
    struct identity has;
    identity_init(&has);
    if (member_keys_of(im->db, file_id, &given, &family, &email, &list)) {
        identity_set(&has, F_MEMBER_GIVEN_NAME, given);
        identity_set(&has, F_MEMBER_FAMILY_NAME, family);
        identity_set(&has, F_MEMBER_EMAIL, email);
        identity_set(&has, F_MEMBER_PHONE, list);
        free(given);
        free(family);
        free(email);
        free(list);
    }
    struct keys a, b;
    keys_of(&a, &has, true);
    keys_of(&b, row, true);
    bool same = false;
    for (size_t i = 0; i < a.n && !same; i++)
        for (size_t j = 0; j < b.n && !same; j++)
            same = strcmp(a.k[i], b.k[j]) == 0;
    keys_free(&a);
    keys_free(&b);
    identity_free(&has);
    return same ? file_id : 0;
}

/* A row's phone, e-mail or LINE ID that an earlier row of the file gave: that row's member
 * (> 0 one who existed, < 0 a staged new one). A row with an id (an export's) never matches
 * a staged row with another id: an export's rows are different people. */
static long long same_in_file(const struct import *im, const struct identity *p, long long file_id)
{
    struct keys ks;
    keys_of(&ks, p, false);
    long long found = 0;
    for (size_t i = 0; i < ks.n && !found; i++) {
        long long id = map_get(&im->dups, ks.k[i]);
        if (id < 0 && file_id && im->staged[-id - 1].file_id &&
            im->staged[-id - 1].file_id != file_id)
            continue;
        found = id;
    }
    keys_free(&ks);
    return found;
}

static void dups_add(struct import *im, const struct identity *p, long long target)
{
    struct keys ks;
    keys_of(&ks, p, false);
    for (size_t i = 0; i < ks.n; i++)
        if (!map_get(&im->dups, ks.k[i])) remember(im, &im->dups, ks.k[i], target);
    keys_free(&ks);
}

/* The rule against the database for importers that bring a few records at a time (vCards). */
int member_find_duplicate(struct db *db, const struct record *r, long long *id, char **err)
{
    struct record *norm = record_new(KIND_MEMBER);
    const struct kind_info *ki = kind_info(KIND_MEMBER);
    for (int i = 0; i < ki->nfields; i++)
        if (!(ki->fields[i].flags & FIELD_READONLY))
            record_set(norm, field_id(KIND_MEMBER, i), r->values[i]);
    char *phones = fix_phones(record_get(r, F_MEMBER_PHONE));
    record_set(norm, F_MEMBER_PHONE, phones);
    free(phones);
    struct identity p;
    identity_of_record(db, norm, &p);
    record_free(&norm);
    struct identity_match *m;
    size_t n;
    *id = 0;
    int rc = identity_find(db, &p, 0, &m, &n, err);
    identity_free(&p);
    if (rc != 0) return -1;
    const struct identity_match *best = identity_best(m, n, IDENTITY_PROBABLE);
    if (best) {
        *id = best->id;
        rc = best->judgement.verdict == IDENTITY_SAME ? 1 : 2;
    }
    identity_matches_free(m, n);
    return rc;
}

/* ------------------------------------------------------------------------------------------
 * The cells of one row, gathered by what they mean. */

struct cells {
    char *v[MAX_FIELDS];
    char *person[MAX_FIELDS];
    char *full_name, *event_title, *event_date, *checked_in, *id;
};

static void cells_free(struct cells *c)
{
    for (int i = 0; i < MAX_FIELDS; i++) {
        free(c->v[i]);
        free(c->person[i]);
    }
    free(c->full_name);
    free(c->event_title);
    free(c->event_date);
    free(c->checked_in);
    free(c->id);
}

/* Two columns giving one field: lists are joined, otherwise the first one counts. */
static void cell_put(char **slot, const char *value, bool list)
{
    if (!*slot) {
        *slot = xstrdup(value);
    } else if (list) {
        char *joined = xasprintf("%s; %s", *slot, value);
        free(*slot);
        *slot = joined;
    }
}

static void cell_fill(struct import *im, size_t i, const char *v, struct cells *c, long line);

/* A CSV cell as export wrote it: without the ' put before = + - @, or the ="..." around digits
 * a spreadsheet would have made a number of. A workbook's cells are text as they are. */
static void cells_fill(struct import *im, const struct csv_record *rec, struct cells *c)
{
    memset(c, 0, sizeof *c);
    size_t extra = 0;
    for (size_t i = 0; i < rec->n; i++) {
        char *unwrapped = im->sheet ? NULL : csv_unprotected(rec->fields[i]);
        const char *v = im->sheet   ? rec->fields[i]
                        : unwrapped ? unwrapped
                                    : csv_unguarded(rec->fields[i]);
        if (blank(v))
            ;
        else if (i >= im->ncols)
            extra++;
        else
            cell_fill(im, i, v, c, rec->line);
        free(unwrapped);
    }
    if (extra)
        note(im,
             P_("%s:%ld: %zu cell right of the last column ignored",
                "%s:%ld: %zu cells right of the last column ignored", extra),
             im->path, rec->line, extra);
}

/* Google's groups every contact is in, not tags anyone gave ("* starred" keeps its name). */
static bool is_system_group(const char *item)
{
    return strcmp(item, "* myContacts") == 0 || strcmp(item, "myContacts") == 0;
}

/* A Google cell holding several values ("081-234-5678 ::: 02-123-4567") as khai lists them,
 * joined by "; "; tags lose Google's "* " and its group of everyone. malloc'd. */
static char *google_values(const char *v, enum field_id f)
{
    struct strbuf sb = STRBUF_INIT;
    const char *sep = " ::: ";
    for (const char *p = v; p;) {
        const char *end = strstr(p, sep);
        char *item = xstrndup(p, end ? (size_t)(end - p) : strlen(p));
        if (f == F_MEMBER_TAGS && is_system_group(item))
            ;
        else if (f == F_MEMBER_TAGS && strncmp(item, "* ", 2) == 0)
            sb_addf(&sb, "%s%s", sb.len ? "; " : "", item + 2);
        else if (*item)
            sb_addf(&sb, "%s%s", sb.len ? "; " : "", item);
        free(item);
        p = end ? end + strlen(sep) : NULL;
    }
    return sb_take(&sb);
}

/* A member's cell from a phone's or mail program's sheet, made what khai keeps: Google's
 * several values in one cell split, Outlook's empty date (0/0/00) empty, a birthday without
 * a year and e-mails after the first left out with a note. NULL when nothing is left. */
static char *contact_cell(struct import *im, enum field_id f, const char *v, const char *had,
                          long line)
{
    char *out = google_values(v, f);
    if (f == F_MEMBER_EMAIL && (strchr(out, ';') || had)) {
        char **items;
        size_t n = split(out, ";", &items);
        for (size_t i = had ? 0 : 1; i < n; i++)
            if (!had || strcmp(items[i], had) != 0)
                note(im, _("%s:%ld: e-mail %s left out: khai keeps one"), im->path, line, items[i]);
        free(out);
        out = had || n == 0 ? NULL : xstrdup(items[0]);
        strings_free(items, n);
    } else if (f == F_MEMBER_GENDER &&
               (strcasecmp(out, "Unspecified") == 0 || strcmp(out, "ไม่ระบุ") == 0)) {
        free(out); /* Outlook's word for an empty gender */
        out = NULL;
    } else if (f == F_MEMBER_BIRTHDAY &&
               (strcmp(out, "0/0/00") == 0 || strcmp(out, "0/0/0000") == 0 ||
                strcmp(out, "00/00/0000") == 0)) {
        free(out);
        out = NULL;
    } else if (f == F_MEMBER_BIRTHDAY && strncmp(out, "--", 2) == 0) {
        note(im, _("%s:%ld: birthday %s has no year: left out"), im->path, line, out);
        free(out);
        out = NULL;
    }
    if (out && !*out) {
        free(out);
        out = NULL;
    }
    return out;
}

static void cell_fill(struct import *im, size_t i, const char *v, struct cells *c, long line)
{
    {
        const struct column *col = &im->cols[i];
        enum kind k = col->person ? KIND_MEMBER : im->kind;
        char **slot = NULL;
        switch (col->special) {
        case SP_FIELD:
            slot = col->person ? &c->person[col->field] : &c->v[col->field];
            if (k == KIND_MEMBER) {
                char *cell = contact_cell(im, field_id(k, col->field), v, *slot, line);
                if (cell) cell_put(slot, cell, is_list(kind_info(k)->fields[col->field].type));
                free(cell);
                break;
            }
            cell_put(slot, v, is_list(kind_info(k)->fields[col->field].type));
            break;
        case SP_ID:
            cell_put(&c->id, v, false);
            break;
        case SP_FULL_NAME:
            cell_put(&c->full_name, v, false);
            break;
        case SP_EVENT_TITLE:
            cell_put(&c->event_title, v, false);
            break;
        case SP_EVENT_DATE:
            cell_put(&c->event_date, v, false);
            break;
        case SP_CHECKED_IN:
            cell_put(&c->checked_in, v, false);
            break;
        default:
            break;
        }
    }
}

/* ------------------------------------------------------------------------------------------
 * Updating a record that exists: what the row gives replaces single values and joins lists;
 * an empty cell never erases anything. */

static bool same_stored(const struct stored *a, const struct stored *b)
{
    bool texts = (!a->text || !*a->text) ? (!b->text || !*b->text)
                                         : b->text && strcmp(a->text, b->text) == 0;
    if (!texts || a->has_num != b->has_num || (a->has_num && a->num != b->num) || a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++) {
        if (a->items && (!b->items || strcmp(a->items[i], b->items[i]) != 0)) return false;
        if (a->ids && (!b->ids || a->ids[i] != b->ids[i])) return false;
    }
    return true;
}

/* True when value would store what r holds in field fi. */
static bool same_value(struct import *im, const struct record *r, int fi, const char *value)
{
    const struct field *f = &kind_info(r->kind)->fields[fi];
    struct stored now = {0}, want = {0};
    char *err = NULL;
    bool same = false;
    if (field_store(im->db, r->kind, fi, value, &want, &err) == 0) {
        if (field_is_ref(f->type)) {
            const long long *ids;
            size_t n = record_refs(r, field_id(r->kind, fi), &ids);
            now.n = f->type == FT_ORGS ? n : 0;
            now.has_num = f->type != FT_ORGS && n > 0;
            now.num = now.has_num ? ids[0] : 0;
            now.ids = f->type == FT_ORGS ? (long long *)ids : NULL;
            same = same_stored(&now, &want);
            now.ids = NULL;
        } else if (field_store(im->db, r->kind, fi, r->values[fi], &now, &err) == 0) {
            same = same_stored(&now, &want);
        }
    }
    free(err);
    stored_free(&now);
    stored_free(&want);
    return same;
}

/* Items of a list field as they compare: phones as digits, the rest normalised. */
static size_t list_items(const struct field *f, const char *s, char ***items)
{
    size_t n = split(s, f->type == FT_ORGS ? ";" : ";,\n", items);
    for (size_t i = 0; f->type == FT_PHONES && i < n; i++) {
        char digits[32];
        if (phone_normalize_lenient((*items)[i], digits, sizeof digits) != PHONE_INVALID) {
            free((*items)[i]);
            (*items)[i] = xstrdup(digits);
        }
    }
    return n;
}

static char *union_value(const struct record *r, int fi, const char *input)
{
    const struct field *f = &kind_info(r->kind)->fields[fi];
    char **have;
    size_t n;
    if (f->type == FT_ORGS) {
        const long long *ids;
        n = record_refs(r, field_id(r->kind, fi), &ids);
        have = xcalloc(n ? n : 1, sizeof *have);
        for (size_t i = 0; i < n; i++)
            have[i] = id_key(ids[i]);
    } else {
        n = list_items(f, r->values[fi], &have);
    }
    char **add;
    size_t nadd = list_items(f, input, &add);
    for (size_t i = 0; i < nadd; i++) {
        if (contains(have, n, add[i])) continue;
        have = xrealloc(have, sizeof *have * (n + 1));
        have[n++] = xstrdup(add[i]);
    }
    char *joined = join(have, n, "; ");
    strings_free(have, n);
    strings_free(add, nadd);
    return joined;
}

/* Sets on r the fields in (inputs as record_set takes them) that change it; the count. */
static int apply_inputs(struct import *im, struct record *r, char *const *in)
{
    const struct kind_info *ki = kind_info(r->kind);
    int changed = 0;
    for (int fi = 0; fi < ki->nfields; fi++) {
        const struct field *f = &ki->fields[fi];
        if (blank(in[fi]) || (f->flags & FIELD_READONLY)) continue;
        char *value = r->id && is_list(f->type) && f->type != FT_QUOTAS ? union_value(r, fi, in[fi])
                                                                        : xstrdup(in[fi]);
        if (!r->id || !same_value(im, r, fi, value)) {
            record_set(r, field_id(r->kind, fi), value);
            changed++;
        }
        free(value);
    }
    return changed;
}

/* ------------------------------------------------------------------------------------------
 * Members: checked with field_store like a save, staged, then written in bulk. */

/* Many people's LINE ID is their mobile number; a spreadsheet that took 0812345678 for a
 * number left 812345678, nine digits beginning as a mobile number does after its 0. */
static bool line_id_lost_zero(const char *id)
{
    return strlen(id) == 9 && strspn(id, "0123456789") == 9 && strchr("689", id[0]);
}

/* A given-name column that holds whole names ("นางสาวจิราพร คงทอง") in a sheet with no
 * family-name column is split too: sign-in sheets often have only "ชื่อ". */
static int member_inputs(struct import *im, char *const *v, const char *full, char **in, char **why)
{
    const struct kind_info *ki = kind_info(KIND_MEMBER);
    for (int i = 0; i < ki->nfields; i++)
        in[i] = v[i] ? xstrdup(v[i]) : NULL;
    int gi = fi_of(F_MEMBER_GIVEN_NAME), ti = fi_of(F_MEMBER_TITLE),
        fa = fi_of(F_MEMBER_FAMILY_NAME);
    const char *whole = !in[gi] ? full : !im->has_family && !in[fa] ? in[gi] : NULL;
    if (whole) {
        struct record *r = record_new(KIND_MEMBER);
        char *name = xstrdup(whole);
        if (record_set_full_name(r, name, why) != 0) {
            free(name);
            record_free(&r);
            return -1;
        }
        free(name);
        if (!in[ti] && *record_get(r, F_MEMBER_TITLE))
            in[ti] = xstrdup(record_get(r, F_MEMBER_TITLE));
        free(in[gi]);
        in[gi] = xstrdup(record_get(r, F_MEMBER_GIVEN_NAME));
        if (!in[fa] && *record_get(r, F_MEMBER_FAMILY_NAME))
            in[fa] = xstrdup(record_get(r, F_MEMBER_FAMILY_NAME));
        record_free(&r);
    }
    int pi = fi_of(F_MEMBER_PHONE), li = fi_of(F_MEMBER_LINE_ID);
    if (in[pi]) {
        char *fixed = fix_phones(in[pi]);
        free(in[pi]);
        in[pi] = fixed;
    }
    if (in[li] && line_id_lost_zero(in[li])) {
        char *fixed = xasprintf("0%s", in[li]);
        free(in[li]);
        in[li] = fixed;
    }
    return 0;
}

/* field_store, remembering provinces: the lookup reads the province table every time, which
 * was a fifth of a large import, and a sheet names the same few provinces again and again. */
static int store_field(struct import *im, int fi, const char *input, struct stored *out, char **why)
{
    bool province = kind_info(KIND_MEMBER)->fields[fi].type == FT_PROVINCE && *input;
    long long at = province ? map_get(&im->province_memo, input) : 0;
    if (at) {
        memset(out, 0, sizeof *out);
        out->text = xstrdup(im->province_memo_code[at - 1]);
        return 0;
    }
    if (field_store(im->db, KIND_MEMBER, fi, input, out, why) != 0) return -1;
    if (province && out->text && im->nprovince_memo < 256) {
        im->province_memo_code[im->nprovince_memo++] = xstrdup(out->text);
        map_set(&im->province_memo, input, (long long)im->nprovince_memo);
    }
    return 0;
}

/* "given_name: required" as the model says it (the field's label in Thai). malloc'd. */
static char *required(int fi)
{
    struct model_error e = {0};
    model_error_set(&e, field_id(KIND_MEMBER, fi), N_("required"), NULL);
    char *text = model_error_text(&e);
    model_error_clear(&e);
    return text;
}

/* Exactly what record_save's checks do, field by field, except that every bad field of the
 * row is reported at once; organisations are resolved (and created) only once everything else
 * passed, so a bad row creates nothing. */
static int store_member(struct import *im, char **in, struct stored *vals, long line, char **why)
{
    const struct kind_info *ki = kind_info(KIND_MEMBER);
    int oi = fi_of(F_MEMBER_ORGANISATIONS);
    struct strbuf errors = STRBUF_INIT;
    for (int i = 0; i < ki->nfields; i++) {
        const struct field *f = &ki->fields[i];
        char *err = NULL;
        if (f->type == FT_ID || f->type == FT_DERIVED || i == oi) continue;
        if (store_field(im, i, in[i] ? in[i] : "", &vals[i], &err) != 0)
            sb_addf(&errors, "%s%s", errors.len ? "; " : "", err);
        else if ((f->flags & FIELD_REQUIRED) && stored_empty(&vals[i])) {
            char *req = required(i);
            sb_addf(&errors, "%s%s", errors.len ? "; " : "", req);
            free(req);
        }
        free(err);
    }
    if (errors.len) {
        *why = sb_take(&errors);
        return -1;
    }
    if (blank(in[oi])) return 0;
    char *ids;
    if (org_ids(im, in[oi], line, &ids, why) != 0) return -1;
    free(in[oi]);
    in[oi] = ids;
    return field_store(im->db, KIND_MEMBER, oi, ids, &vals[oi], why);
}

static char *stored_text(const struct field *f, const struct stored *v)
{
    struct strbuf sb = STRBUF_INIT;
    switch (f->type) {
    case FT_ID:
    case FT_DERIVED:
        return NULL;
    case FT_PHONES:
    case FT_TAGS:
        for (size_t i = 0; i < v->n; i++)
            sb_addf(&sb, "%s%s", i ? ITEM_SEP : "", v->items[i]);
        return v->n ? sb_take(&sb) : NULL;
    case FT_ORGS:
        for (size_t i = 0; i < v->n; i++)
            sb_addf(&sb, "%s%lld", i ? ITEM_SEP : "", v->ids[i]);
        return v->n ? sb_take(&sb) : NULL;
    case FT_BOOL:
        return v->has_num ? xstrdup(v->num ? "1" : "0") : NULL;
    default:
        return v->text ? xstrdup(v->text) : NULL;
    }
}

static size_t split_sep(const char *s, char ***items)
{
    size_t n = 0;
    *items = NULL;
    for (const char *p = s; p && *p;) {
        size_t len = strcspn(p, ITEM_SEP);
        *items = xrealloc(*items, sizeof **items * (n + 1));
        (*items)[n++] = xstrndup(p, len);
        p = p[len] ? p + len + 1 : NULL;
    }
    return n;
}

/* Field i of a staged row, NULL when it has none. */
static const char *staged_get(const struct staged *s, int i)
{
    if (!(s->set >> i & 1)) return NULL;
    const char *p = s->packed;
    for (int j = 0; j < i; j++)
        if (s->set >> j & 1) p += strlen(p) + 1;
    return p;
}

/* Packs f (NULL for no value) into s, in place of what it had; f stays the caller's. */
static void staged_pack(struct staged *s, char *const *f)
{
    int n = kind_info(KIND_MEMBER)->nfields;
    struct strbuf sb = STRBUF_INIT;
    s->set = 0;
    for (int i = 0; i < n; i++) {
        if (!f[i]) continue;
        s->set |= 1ULL << i;
        sb_addn(&sb, f[i], strlen(f[i]) + 1);
    }
    free(s->packed);
    s->packed = sb.len ? sb_take(&sb) : NULL;
    sb_free(&sb);
}

/* Copies of a staged row's fields, for a change (free each). */
static void staged_unpack(const struct staged *s, char **f)
{
    int n = kind_info(KIND_MEMBER)->nfields;
    for (int i = 0; i < n; i++) {
        const char *v = staged_get(s, i);
        f[i] = v ? xstrdup(v) : NULL;
    }
}

/* The rule's view of a staged row (free with identity_free). */
static void staged_who(const struct staged *s, struct identity *who)
{
    static const enum field_id fields[] = {
        F_MEMBER_GIVEN_NAME, F_MEMBER_FAMILY_NAME, F_MEMBER_EMAIL, F_MEMBER_LINE_ID,
        F_MEMBER_PROVINCE,   F_MEMBER_SUBDISTRICT, F_MEMBER_PHONE};
    identity_init(who);
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const char *had = staged_get(s, fi_of(fields[i]));
        char *v = xstrdup(had ? had : "");
        for (char *c = v; *c; c++)
            if (*c == ITEM_SEP[0]) *c = ';';
        identity_set(who, fields[i], v);
        free(v);
    }
}

static char *staged_name(const struct staged *s)
{
    const char *t = staged_get(s, fi_of(F_MEMBER_TITLE)),
               *g = staged_get(s, fi_of(F_MEMBER_GIVEN_NAME)),
               *f = staged_get(s, fi_of(F_MEMBER_FAMILY_NAME));
    return xasprintf("%s%s%s%s", t ? t : "", g ? g : "", f ? " " : "", f ? f : "");
}

static void stage(struct import *im, const struct stored *vals, long line, long long file_id)
{
    const struct kind_info *ki = kind_info(KIND_MEMBER);
    if (im->nstaged == 0 || (im->nstaged & (im->nstaged - 1)) == 0)
        im->staged = xrealloc(im->staged, sizeof *im->staged * (im->nstaged ? im->nstaged * 2 : 1));
    struct staged *s = &im->staged[im->nstaged++];
    memset(s, 0, sizeof *s);
    s->line = line;
    s->file_id = file_id;
    char *f[MAX_FIELDS];
    for (int i = 0; i < ki->nfields; i++)
        f[i] = stored_text(&ki->fields[i], &vals[i]);
    staged_pack(s, f);
    for (int i = 0; i < ki->nfields; i++)
        free(f[i]);
    struct identity who;
    staged_who(s, &who);
    char *name = xasprintf("%s\t%s", who.given, who.family);
    identity_free(&who);
    s->prev_name = (size_t)map_get(&im->names, name);
    map_set(&im->names, name, (long long)im->nstaged);
    free(name);
}

/* "phone" in English, the field's label in Thai, as the report names fields. */
static const char *field_word(const struct field *f)
{
    return messages_thai() ? field_label(f) : f->name;
}

/* A later row about the same new person: lists are joined, other values replaced. The fields
 * that changed are named in *changed (malloc'd, "" when none). */
static void staged_merge(struct staged *s, const struct stored *vals, char **changed)
{
    const struct kind_info *ki = kind_info(KIND_MEMBER);
    struct strbuf names = STRBUF_INIT;
    char *had[MAX_FIELDS];
    staged_unpack(s, had);
    for (int i = 0; i < ki->nfields; i++) {
        const struct field *f = &ki->fields[i];
        char *add = stored_text(f, &vals[i]);
        if (!add || (!*add && f->type != FT_BOOL)) {
            free(add);
            continue;
        }
        if (is_list(f->type) && had[i]) {
            char **have, **more;
            size_t n = split_sep(had[i], &have), nmore = split_sep(add, &more);
            for (size_t j = 0; j < nmore; j++) {
                if (contains(have, n, more[j])) continue;
                have = xrealloc(have, sizeof *have * (n + 1));
                have[n++] = xstrdup(more[j]);
            }
            free(add);
            add = join(have, n, ITEM_SEP);
            strings_free(have, n);
            strings_free(more, nmore);
        }
        if (!had[i] || strcmp(had[i], add) != 0)
            sb_addf(&names, "%s%s", names.len ? ", " : "", field_word(f));
        free(had[i]);
        had[i] = add;
    }
    staged_pack(s, had);
    for (int i = 0; i < ki->nfields; i++)
        free(had[i]);
    *changed = sb_take(&names);
}

static void pending_merge(struct import *im, long long id, char **in, struct src src)
{
    char *key = id_key(id);
    long long at = map_get(&im->pending_at, key);
    if (!at) {
        im->pending = xrealloc(im->pending, sizeof *im->pending * (im->npending + 1));
        struct pending *p = &im->pending[im->npending++];
        memset(p, 0, sizeof *p);
        p->id = id;
        at = (long long)im->npending;
        map_set(&im->pending_at, key, at);
        /* Counted as updated or unchanged once written. */
    } else {
        im->rep->merged++;
    }
    free(key);
    struct pending *p = &im->pending[at - 1];
    const struct kind_info *ki = kind_info(KIND_MEMBER);
    for (int i = 0; i < ki->nfields; i++) {
        if (blank(in[i])) continue;
        if (p->in[i] && is_list(ki->fields[i].type)) {
            char *joined = xasprintf("%s; %s", p->in[i], in[i]);
            free(p->in[i]);
            p->in[i] = joined;
        } else {
            free(p->in[i]);
            p->in[i] = xstrdup(in[i]);
        }
    }
    p->srcs = xrealloc(p->srcs, sizeof *p->srcs * (p->nsrcs + 1));
    p->srcs[p->nsrcs++] = src;
}

/* The closest namesake among the new people of the file: a probable one first. Returns its
 * index + 1 (0 when none) and the judgement. */
static size_t namesake_in_file(const struct import *im, const struct identity *p, long long file_id,
                               struct identity_judgement *j)
{
    char *name = xasprintf("%s\t%s", p->given ? p->given : "", p->family ? p->family : "");
    size_t best = 0;
    for (size_t at = (size_t)map_get(&im->names, name); at; at = im->staged[at - 1].prev_name) {
        const struct staged *s = &im->staged[at - 1];
        if (file_id && s->file_id && s->file_id != file_id) continue;
        struct identity who;
        staged_who(s, &who);
        struct identity_judgement here = identity_compare(p, &who);
        identity_free(&who);
        if (here.verdict == IDENTITY_PROBABLE || (!best && here.verdict == IDENTITY_DIFFERENT)) {
            best = at;
            *j = here;
        }
        if (here.verdict == IDENTITY_PROBABLE) break;
    }
    free(name);
    return best;
}

/* A probable duplicate is joined only with --merge probable; a namesake something tells
 * apart is someone else. Either way the report says so. Returns the member to join, or 0. */
static long long decide_namesake(struct import *im, const struct identity *p, long long file_id,
                                 const struct identity_match *db, long line)
{
    struct identity_judgement j = {IDENTITY_UNRELATED, F_NONE, 0, false, false};
    size_t at = namesake_in_file(im, p, file_id, &j);
    bool db_probable = db && db->judgement.verdict == IDENTITY_PROBABLE;
    bool file_probable = at && j.verdict == IDENTITY_PROBABLE;
    const char *joined = im->opt->merge_probable ? _(": joined") : "";
    if (db_probable || (!file_probable && db)) {
        note(im,
             db_probable ? _("%s:%ld: probably member %lld %s (%s)%s")
                         : _("%s:%ld: not member %lld %s (%s): added as someone else%s"),
             im->path, line, db->id, db->name, db->reason, db_probable ? joined : "");
    } else if (at) {
        char *name = staged_name(&im->staged[at - 1]), *reason = identity_reason(&j);
        note(im,
             file_probable ? _("%s:%ld: probably the same person as line %ld, %s (%s)%s")
                           : _("%s:%ld: not the same person as line %ld, %s (%s): added as "
                               "someone else%s"),
             im->path, line, im->staged[at - 1].line, name, reason, file_probable ? joined : "");
        free(name);
        free(reason);
    }
    if (!db_probable && !file_probable) return 0;
    if (!im->opt->merge_probable) {
        im->kept_apart++;
        return 0;
    }
    return db_probable ? db->id : -(long long)at;
}

/* The member a row is about: > 0 one who exists, < 0 a new one staged by an earlier row, 0
 * nobody yet. */
static int member_target(struct import *im, const struct identity *p, long long file_id, long line,
                         long long *target, char **why)
{
    *target = file_id ? member_by_file_id(im, file_id, p) : 0;
    if (*target) return 0;
    struct identity_match *m;
    size_t n;
    if (identity_find(im->db, p, 0, &m, &n, why) != 0) return -1;
    const struct identity_match *same = identity_best(m, n, IDENTITY_SAME);
    *target = same ? same->id : same_in_file(im, p, file_id);
    if (!*target) *target = decide_namesake(im, p, file_id, n ? &m[0] : NULL, line);
    identity_matches_free(m, n);
    return 0;
}

static void join_staged(struct import *im, long long target, const struct identity *p,
                        const struct stored *vals, long line)
{
    struct staged *s = &im->staged[-target - 1];
    struct identity who;
    staged_who(s, &who);
    struct identity_judgement j = identity_compare(p, &who);
    identity_free(&who);
    char *changed, *name = staged_name(s), *reason = identity_reason(&j);
    staged_merge(s, vals, &changed);
    if (j.verdict == IDENTITY_SAME)
        note(im,
             *changed ? _("%s:%ld: the same person as line %ld, %s (%s): %s changed")
                      : _("%s:%ld: the same person as line %ld, %s (%s)%s"),
             im->path, line, s->line, name, reason, changed);
    free(changed);
    free(name);
    free(reason);
    im->rep->merged++;
}

static void member_row(struct import *im, struct cells *c, struct src src)
{
    char *in[MAX_FIELDS] = {0};
    struct stored vals[MAX_FIELDS];
    memset(vals, 0, sizeof vals);
    char *why = NULL;
    struct identity who;
    identity_init(&who);
    long long file_id = c->id && looks_like_id(c->id) ? parse_id(c->id) : 0, target = 0;
    int rc = member_inputs(im, c->v, c->full_name, in, &why);
    if (rc == 0) rc = store_member(im, in, vals, src.line, &why);
    if (rc == 0) identity_of_stored(vals, &who);
    if (rc == 0) rc = member_target(im, &who, file_id, src.line, &target, &why);
    if (rc != 0) {
        row_end(im, false);
        row_bad(im, src, why);
    } else {
        if (target < 0) {
            join_staged(im, target, &who, vals, src.line);
        } else if (target > 0) {
            pending_merge(im, target, in, src);
        } else {
            stage(im, vals, src.line, file_id);
            target = -(long long)im->nstaged;
            im->rep->added++;
        }
        dups_add(im, &who, target);
        row_end(im, true);
    }
    identity_free(&who);
    free(why);
    for (int i = 0; i < MAX_FIELDS; i++) {
        free(in[i]);
        stored_free(&vals[i]);
    }
}

/* ------------------------------------------------------------------------------------------
 * Members: the bulk write of the store, which writes their search keys, phones,
 * organisations, tags and audit rows as record_save would. */

/* A staged member in the stored form field_store made of it. */
static void staged_values(const struct staged *s, struct stored *vals)
{
    const struct kind_info *ki = kind_info(KIND_MEMBER);
    for (int i = 0; i < ki->nfields; i++) {
        struct stored *v = &vals[i];
        memset(v, 0, sizeof *v);
        const char *f = staged_get(s, i);
        switch (ki->fields[i].type) {
        case FT_ID:
        case FT_DERIVED:
            break;
        case FT_PHONES:
        case FT_TAGS:
            v->n = split_sep(f, &v->items);
            break;
        case FT_ORGS: {
            char **items;
            v->n = split_sep(f, &items);
            v->ids = xcalloc(v->n ? v->n : 1, sizeof *v->ids);
            for (size_t j = 0; j < v->n; j++)
                v->ids[j] = strtoll(items[j], NULL, 10);
            strings_free(items, v->n);
            break;
        }
        case FT_BOOL:
            v->has_num = f != NULL;
            v->num = f ? atoi(f) : 0;
            break;
        default:
            v->text = f ? xstrdup(f) : NULL;
        }
    }
}

/* Each staged row is freed once it is written, and what only matching rows needed before it
 * (the file's text when no row was bad, the keys of the rows seen): SQLite's page cache grows
 * while the rows go in, and the import's memory stays that of one of the two. */
static int write_staged(struct import *im, char **err)
{
    map_free(&im->dups);
    map_free(&im->names);
    if (!im->nbad && !im->sheet && im->own_text) {
        free(im->own_text);
        im->own_text = NULL;
        im->text = NULL;
    }
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < im->nstaged; i++) {
        struct stored vals[MAX_FIELDS];
        staged_values(&im->staged[i], vals);
        free(im->staged[i].packed);
        im->staged[i].packed = NULL;
        rc = bulk_add_member(im->bulk, vals, NULL, NULL, NULL, err);
        for (int f = 0; f < kind_info(KIND_MEMBER)->nfields; f++)
            stored_free(&vals[f]);
    }
    return rc == 0 ? bulk_flush(im->bulk, err) : -1;
}

/* A value as a line of the report shows it: one line, "—" when empty. */
static char *shown(const char *v)
{
    if (!*v) return xstrdup("—");
    char *copy = xstrdup(v);
    for (char *c = copy; *c; c++)
        if (*c == '\n') *c = ' ';
    return copy;
}

/* Names each field a save changed, with its value before and after: an update never
 * replaces a value without saying so. */
static int report_changes(struct import *im, long line, const struct record *before,
                          const struct record *after, bool in_row)
{
    const struct kind_info *ki = kind_info(after->kind);
    char *name = record_display_name(after);
    int n = 0;
    for (int i = 0; i < ki->nfields; i++) {
        const struct field *f = &ki->fields[i];
        if ((f->flags & FIELD_READONLY) || strcmp(before->values[i], after->values[i]) == 0)
            continue;
        char *was = shown(before->values[i]), *now = shown(after->values[i]);
        const char *fmt = _("%s:%ld: %s %lld %s: %s: %s → %s");
        if (in_row) /* reported only if the row is kept */
            note(im, fmt, im->path, line, kind_noun(after->kind), after->id, name, field_word(f),
                 was, now);
        else
            import_report_add(im->rep, fmt, im->path, line, kind_noun(after->kind), after->id, name,
                              field_word(f), was, now);
        free(was);
        free(now);
        n++;
    }
    free(name);
    return n;
}

/* Changes to existing members go through record_save: few, and each needs its old values. */
static int write_pending(struct import *im, char **err)
{
    for (size_t i = 0; i < im->npending; i++) {
        struct pending *p = &im->pending[i];
        struct record *r = NULL;
        if (record_load(im->db, KIND_MEMBER, p->id, &r, err) != 0) return -1;
        struct record *before = record_copy(r);
        char *why = NULL;
        if (apply_inputs(im, r, p->in) == 0) {
            im->unchanged++;
        } else if (record_save(im->db, r, &why) != 0) {
            for (size_t j = 0; j < p->nsrcs; j++)
                row_bad(im, p->srcs[j], why);
            im->rep->merged -= (long)p->nsrcs - 1;
        } else if (report_changes(im, p->srcs[0].line, before, r, false) > 0) {
            im->rep->updated++;
        } else {
            im->unchanged++;
        }
        free(why);
        record_free(&before);
        record_free(&r);
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------
 * Other kinds: each row is a savepoint around record_save, so a rejected row leaves nothing
 * behind (not even the organisation or member it would have created). */

enum outcome { ADDED, UPDATED, MERGED, UNCHANGED };

static enum outcome outcome_of(struct import *im, long long id, bool existed, int changed)
{
    char *key = id_key(id);
    bool seen = map_get(&im->touched, key) != 0;
    map_set(&im->touched, key, 1);
    free(key);
    if (!existed) return ADDED;
    if (seen) return MERGED;
    return changed ? UPDATED : UNCHANGED;
}

/* The record a row of orgs, events or tasks is about: its id when the record with that id has
 * the row's name, else the live record of the same name (title and start date for events,
 * title and event for tasks); 0 for a new one. */
static int find_record(struct import *im, struct cells *c, char **in, long line, long long *id,
                       char **why)
{
    enum field_id name_field = im->kind == KIND_ORG     ? F_ORG_NAME
                               : im->kind == KIND_EVENT ? F_EVENT_TITLE
                               : im->kind == KIND_GOAL  ? F_GOAL_TITLE
                                                        : F_TASK_TITLE;
    const char *given = in[field_pos(name_field)];
    char *name = text_normalize(given ? given : "", 0);
    char *second = NULL;
    if (im->kind == KIND_EVENT && in[field_pos(F_EVENT_START_DATE)]) {
        struct date d, e;
        char msg[256];
        if (date_parse(in[field_pos(F_EVENT_START_DATE)], date_today(), &d, &e, msg, sizeof msg) ==
            0) {
            char iso[32];
            date_format(d, DATE_ISO, iso, sizeof iso);
            second = xstrdup(iso);
        }
    } else if (im->kind == KIND_TASK) {
        const char *ev = in[field_pos(F_TASK_EVENT_ID)];
        second = ev && looks_like_id(ev) ? id_key(parse_id(ev)) : NULL;
    }
    *id = 0;
    if (c->id && looks_like_id(c->id)) {
        char *has = record_name_of(im->db, im->kind, parse_id(c->id));
        size_t len = has ? strcspn(has, "\t") : 0;
        bool same = has && ((strlen(name) == len && strncmp(has, name, len) == 0) ||
                            (im->kind == KIND_ORG && strcmp(has + len + 1, name) == 0 && *name));
        if (same)
            *id = parse_id(c->id);
        else if (has)
            note(im, _("%s:%ld: id %s is \"%.*s\" here, not \"%s\": matched by name instead"),
                 im->path, line, c->id, (int)len, has, name);
        free(has);
    }
    int rc = 0;
    if (!*id && *name) {
        long long found = record_by_name(im->db, im->kind, name, second, why);
        rc = found < 0 ? -1 : 0;
        *id = found > 0 ? found : 0;
        /* An export's rows with different ids are different records, even of one name. */
        char *key = id_key(*id);
        long long from = *id ? map_get(&im->file_of, key) : 0;
        if (from && c->id && looks_like_id(c->id) && from != parse_id(c->id)) *id = 0;
        free(key);
    }
    free(name);
    free(second);
    return rc;
}

/* The one live member a name means, found the way the model finds one (given and family
 * name, or the nickname of someone without a family name) but through the indexes: the
 * model's own lookup reads every member, and a sheet of 20,000 tasks took minutes. 0 when
 * the name means nobody or several people: the model then says so by name. */
static long long member_by_name(struct import *im, const char *input)
{
    char digits[32];
    char *norm = text_normalize(input, 0);
    struct person_name pn;
    long long id = 0;
    if (!looks_like_id(norm) && phone_normalize(norm, digits, sizeof digits) == PHONE_INVALID &&
        name_split(norm, &pn) == 0) {
        char *err = NULL;
        long long first, count;
        if (member_name_matches(im->db, pn.given, pn.family, &first, &count, &err) == 0 &&
            count == 1)
            id = first;
        free(err);
        person_name_free(&pn);
    }
    free(norm);
    return id;
}

static void resolve_members(struct import *im, enum kind k, char **in)
{
    const struct kind_info *ki = kind_info(k);
    for (int i = 0; i < ki->nfields; i++) {
        if (ki->fields[i].type != FT_MEMBER || blank(in[i])) continue;
        long long id = member_by_name(im, in[i]);
        if (!id) continue;
        free(in[i]);
        in[i] = id_key(id);
    }
}

/* Organisation fields become ids: known names are linked, new ones created. */
static int resolve_orgs(struct import *im, enum kind k, char **in, long line, char **why)
{
    const struct kind_info *ki = kind_info(k);
    for (int i = 0; i < ki->nfields; i++) {
        enum field_type t = ki->fields[i].type;
        if (blank(in[i]) || (t != FT_ORG && t != FT_ORGS)) continue;
        char *ids;
        if (t == FT_ORGS) {
            if (org_ids(im, in[i], line, &ids, why) != 0) return -1;
        } else {
            long long id;
            char *name = text_normalize(in[i], 0);
            int rc = org_resolve(im, name, line, &id, why);
            free(name);
            if (rc != 0) return -1;
            ids = id_key(id);
        }
        free(in[i]);
        in[i] = ids;
    }
    return 0;
}

static void fix_phone_inputs(enum kind k, char **in)
{
    const struct kind_info *ki = kind_info(k);
    for (int i = 0; i < ki->nfields; i++) {
        if (ki->fields[i].type != FT_PHONES || blank(in[i])) continue;
        char *fixed = fix_phones(in[i]);
        free(in[i]);
        in[i] = fixed;
    }
}

static int save_row(struct import *im, struct record *r, bool existed, char **in, long line,
                    enum outcome *out, char **why)
{
    struct record *before = existed ? record_copy(r) : NULL;
    int changed = apply_inputs(im, r, in);
    int rc = (!existed || changed) ? record_save(im->db, r, why) : 0;
    if (rc == 0 && existed && changed) changed = report_changes(im, line, before, r, true);
    record_free(&before);
    if (rc != 0) return -1;
    *out = outcome_of(im, r->id, existed, changed);
    return 0;
}

static int plain_row(struct import *im, struct cells *c, long line, enum outcome *out, char **why)
{
    char *in[MAX_FIELDS] = {0};
    for (int i = 0; i < im->ki->nfields; i++)
        in[i] = c->v[i] ? xstrdup(c->v[i]) : NULL;
    fix_phone_inputs(im->kind, in);
    long long id = 0;
    struct record *r = NULL;
    int rc = find_record(im, c, in, line, &id, why);
    if (rc == 0) rc = resolve_orgs(im, im->kind, in, line, why);
    if (rc == 0) resolve_members(im, im->kind, in);
    if (rc == 0 && id)
        rc = record_load(im->db, im->kind, id, &r, why) == 0 ? 0 : -1;
    else if (rc == 0)
        r = record_new(im->kind);
    if (rc == 0) rc = save_row(im, r, id != 0, in, line, out, why);
    if (rc == 0 && c->id && looks_like_id(c->id)) {
        char *key = id_key(r->id);
        remember(im, &im->file_of, key, parse_id(c->id));
        free(key);
    }
    record_free(&r);
    for (int i = 0; i < MAX_FIELDS; i++)
        free(in[i]);
    return rc;
}

/* ------------------------------------------------------------------------------------------
 * Attendance: a row names an event and a person; a person khai does not know yet is added. */

static int event_by_title(struct import *im, const char *title_cell, const char *date_cell,
                          long long *id, char **why)
{
    char *title = text_normalize(title_cell, 0);
    char iso[32] = "";
    if (!blank(date_cell)) {
        struct date d, e;
        char msg[256];
        if (date_parse(date_cell, date_today(), &d, &e, msg, sizeof msg) != 0) {
            *why = xasprintf(_("date: %s"), msg);
            free(title);
            return -1;
        }
        date_format(d, DATE_ISO, iso, sizeof iso);
    }
    char *key = xasprintf("%s\t%s", title, iso);
    *id = map_get(&im->events, key);
    int rc = 0;
    if (!*id) {
        int n = 0;
        if (events_titled(im->db, title, iso, id, &n, why) != 0)
            rc = -1;
        else if (n == 0)
            *why = *iso ? xasprintf(_("event_title: no event \"%s\" on %s"), title, iso)
                        : xasprintf(_("event_title: no event \"%s\""), title);
        else if (n > 1)
            *why = xasprintf(_("event_title: %d events are called \"%s\": add a date column "
                               "(วันที่) or event_id"),
                             n, title);
        if (n != 1)
            rc = -1;
        else
            map_set(&im->events, key, *id);
    }
    free(key);
    free(title);
    return rc;
}

static int attendance_event(struct import *im, struct cells *c, long line, long long *id,
                            char **why)
{
    const char *cell = c->v[field_pos(F_ATTENDANCE_EVENT_ID)];
    const char *title = c->event_title;
    if (cell && looks_like_id(cell)) {
        if (model_find(im->db, FT_EVENT, cell, id, why) != 0) {
            if (!title) return -1;
            free(*why);
            *why = NULL;
        } else if (!title) {
            return 0;
        } else {
            char *want = text_normalize(title, 0);
            bool same = event_is_titled(im->db, *id, want);
            free(want);
            if (same) return 0;
            note(im, _("%s:%ld: event %s is not \"%s\": found by its title instead"), im->path,
                 line, cell, title);
        }
    } else if (cell && !title) {
        title = cell;
    }
    if (!title) {
        *why = xstrdup(_("no event: give event_id, or the event's title (and date)"));
        return -1;
    }
    return event_by_title(im, title, c->event_date, id, why);
}

/* The person cells of an attendance row as a member's inputs. */
static void person_inputs(struct cells *c, char **pin)
{
    const char *mid = c->v[field_pos(F_ATTENDANCE_MEMBER_ID)];
    char digits[32];
    for (int i = 0; i < MAX_FIELDS; i++)
        pin[i] = c->person[i] ? xstrdup(c->person[i]) : NULL;
    if (mid && !looks_like_id(mid)) {
        /* A "member" column of names or phones rather than ids. */
        int pi = fi_of(F_MEMBER_PHONE);
        if (phone_normalize_lenient(mid, digits, sizeof digits) != PHONE_INVALID && !pin[pi])
            pin[pi] = xstrdup(mid);
        else if (!c->full_name)
            c->full_name = xstrdup(mid);
    }
}

static bool same_person(struct import *im, long long id, char **pin)
{
    int gi = fi_of(F_MEMBER_GIVEN_NAME), fa = fi_of(F_MEMBER_FAMILY_NAME);
    if (!pin[gi]) return true; /* nothing to compare with */
    char *given = text_normalize(pin[gi], 0), *family = text_normalize(pin[fa] ? pin[fa] : "", 0);
    bool same = member_is_named(im->db, id, given, family, true);
    free(given);
    free(family);
    return same;
}

static int create_member(struct import *im, char **pin, const char *org, long line, long long *id,
                         char **why)
{
    const struct kind_info *ki = kind_info(KIND_MEMBER);
    struct record *r = record_new(KIND_MEMBER);
    for (int i = 0; i < ki->nfields; i++)
        if (!blank(pin[i]) && !(ki->fields[i].flags & FIELD_READONLY))
            record_set(r, field_id(KIND_MEMBER, i), pin[i]);
    if (org) record_set(r, F_MEMBER_ORGANISATIONS, org);
    char *err = NULL;
    int rc = record_save(im->db, r, &err);
    if (rc != 0) {
        *why = xasprintf(_("new member: %s"), err);
        free(err);
    } else {
        *id = r->id;
        char *name = record_display_name(r);
        note(im, _("%s:%ld: new member %s"), im->path, line, name);
        free(name);
    }
    record_free(&r);
    return rc;
}

/* The member id the row gives, when it is a live member with the row's name. */
static long long member_by_id(struct import *im, const char *mid, char **pin, long line, char **why)
{
    long long found;
    char *err = NULL;
    if (model_find(im->db, FT_MEMBER, mid, &found, &err) == 0) {
        if (same_person(im, found, pin)) return found;
        note(im, _("%s:%ld: member %s is someone else: found by phone, e-mail or name instead"),
             im->path, line, mid);
        return 0;
    }
    if (!pin[fi_of(F_MEMBER_GIVEN_NAME)] && !pin[fi_of(F_MEMBER_PHONE)] &&
        !pin[fi_of(F_MEMBER_EMAIL)]) {
        *why = err;
        return -1;
    }
    free(err);
    return 0;
}

/* The person the row names by the rule of identity.h: the same person, or (--merge probable)
 * a probable one; 0 for someone new. People added by earlier rows are in the database
 * already. */
static long long member_by_rule(struct import *im, char **pin, long line, char **why)
{
    struct record *probe = record_new(KIND_MEMBER);
    static const enum field_id keyed[] = {
        F_MEMBER_PHONE,       F_MEMBER_EMAIL,    F_MEMBER_LINE_ID,    F_MEMBER_GIVEN_NAME,
        F_MEMBER_FAMILY_NAME, F_MEMBER_PROVINCE, F_MEMBER_SUBDISTRICT};
    for (size_t i = 0; i < sizeof keyed / sizeof keyed[0]; i++) {
        const char *v = pin[fi_of(keyed[i])];
        char *norm = text_normalize(v ? v : "", 0);
        record_set(probe, keyed[i], norm);
        free(norm);
    }
    struct identity p;
    identity_of_record(im->db, probe, &p);
    record_free(&probe);
    struct identity_match *m;
    size_t n;
    long long id = -1;
    if (identity_find(im->db, &p, 0, &m, &n, why) == 0) {
        const struct identity_match *same = identity_best(m, n, IDENTITY_SAME);
        id = same ? same->id : decide_namesake(im, &p, 0, n ? &m[0] : NULL, line);
        identity_matches_free(m, n);
    }
    identity_free(&p);
    return id;
}

static int attendance_member(struct import *im, struct cells *c, const char *org, long line,
                             long long *id, char **why)
{
    char *raw[MAX_FIELDS] = {0}, *pin[MAX_FIELDS] = {0};
    person_inputs(c, raw);
    const char *mid = c->v[field_pos(F_ATTENDANCE_MEMBER_ID)];
    int rc = member_inputs(im, raw, c->full_name, pin, why);
    *id = 0;
    if (rc == 0 && mid && looks_like_id(mid))
        rc = (*id = member_by_id(im, mid, pin, line, why)) < 0 ? -1 : 0;
    if (rc == 0 && !*id) rc = (*id = member_by_rule(im, pin, line, why)) < 0 ? -1 : 0;
    if (rc == 0 && !*id) {
        if (!pin[fi_of(F_MEMBER_GIVEN_NAME)]) {
            *why = xstrdup(_("no person: give member_id, a phone, an e-mail or a name"));
            rc = -1;
        } else {
            rc = create_member(im, pin, org, line, id, why);
        }
    }
    for (int i = 0; i < MAX_FIELDS; i++) {
        free(raw[i]);
        free(pin[i]);
    }
    return rc;
}

/* When khai wrote the sheet: 2024-05-01T09:30:00Z (also with a space, or without seconds). */
static bool parse_timestamp(const char *s, char out[32])
{
    int y, mo, d, h, mi, sec = 0, n = 0;
    char sep;
    char *norm = text_normalize(s, 0);
    bool ok = sscanf(norm, "%4d-%2d-%2d%c%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi, &n) == 6 &&
              (sep == 'T' || sep == ' ');
    const char *rest = norm + n;
    if (ok && *rest == ':') {
        int m = 0;
        ok = sscanf(rest, ":%2d%n", &sec, &m) == 1;
        rest += m;
    }
    ok = ok && (strcmp(rest, "Z") == 0 || *rest == '\0') && date_valid(y, mo, d) && h < 24 &&
         mi < 60 && sec < 61;
    free(norm);
    if (ok) snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, h, mi, sec);
    return ok;
}

/* An import of an export keeps when people checked in, which record_save sets to now. */
static int keep_checked_in(struct import *im, long long id, const char *cell, char **why)
{
    char stamp[32];
    if (!parse_timestamp(cell, stamp)) {
        *why = xasprintf(_("checked_in_at: not a time as khai writes it (2024-05-01T09:30:00Z): "
                           "\"%s\""),
                         cell);
        return -1;
    }
    return attendance_set_checked_in(im->db, id, stamp, why);
}

/* A sheet never lowers a status (attended to confirmed, confirmed to invited) unless it
 * says so and --overwrite-status is given: an old sign-in sheet imported again must not undo
 * the check-ins at the door. */
static int keep_status(struct import *im, const struct record *r, char **status, long line,
                       char **why)
{
    if (!*status || im->opt->overwrite_status) return 0;
    struct stored want = {0};
    if (field_store(im->db, KIND_ATTENDANCE, field_pos(F_ATTENDANCE_STATUS), *status, &want, why) !=
        0)
        return -1;
    const char *have = record_get(r, F_ATTENDANCE_STATUS);
    if (want.text && attendance_status_rank(want.text) < attendance_status_rank(have)) {
        const struct field *f = field_info(F_ATTENDANCE_STATUS);
        note(im,
             _("%s:%ld: %s stays %s at event %s (the sheet says %s; --overwrite-status "
               "changes it)"),
             im->path, line, record_get(r, F_ATTENDANCE_MEMBER_NAME), choice_label(f, have),
             record_get(r, F_ATTENDANCE_EVENT_ID), choice_label(f, want.text));
        free(*status);
        *status = NULL;
    }
    stored_free(&want);
    return 0;
}

/* Someone a sheet of a past event says came, without a time: the event's day, not now. */
static int past_checked_in(struct import *im, long long id, long long event, char **why)
{
    char stamp[32];
    int past = event_past_start(im->db, event, stamp, why);
    if (past <= 0) return past;
    return attendance_set_checked_in(im->db, id, stamp, why);
}

static int attendance_row(struct import *im, struct cells *c, long line, enum outcome *out,
                          char **why)
{
    char *in[MAX_FIELDS] = {0};
    for (int i = 0; i < im->ki->nfields; i++)
        in[i] = c->v[i] ? xstrdup(c->v[i]) : NULL;
    int ei = field_pos(F_ATTENDANCE_EVENT_ID), mi = field_pos(F_ATTENDANCE_MEMBER_ID);
    long long event = 0, member = 0, existing = 0;
    struct record *r = NULL;
    free(in[ei]);
    free(in[mi]);
    in[ei] = in[mi] = NULL;
    int rc = attendance_event(im, c, line, &event, why);
    if (rc == 0) rc = resolve_orgs(im, KIND_ATTENDANCE, in, line, why);
    const char *org = in[field_pos(F_ATTENDANCE_ORGANISATION)];
    if (rc == 0) rc = attendance_member(im, c, org, line, &member, why);
    if (rc == 0) {
        in[ei] = id_key(event);
        in[mi] = id_key(member);
        existing = attendance_of(im->db, event, member, why);
        rc = existing < 0 ? -1 : 0;
    }
    int si = field_pos(F_ATTENDANCE_STATUS);
    if (rc == 0 && !existing && !in[si]) in[si] = xstrdup("attended");
    if (rc == 0 && existing)
        rc = record_load(im->db, KIND_ATTENDANCE, existing, &r, why) == 0 ? 0 : -1;
    else if (rc == 0)
        r = record_new(KIND_ATTENDANCE);
    bool came = r && strcmp(record_get(r, F_ATTENDANCE_STATUS), "attended") == 0;
    if (rc == 0 && existing) rc = keep_status(im, r, &in[si], line, why);
    if (rc == 0) rc = save_row(im, r, existing != 0, in, line, out, why);
    if (rc == 0 && !came && strcmp(record_get(r, F_ATTENDANCE_STATUS), "attended") == 0)
        rc = c->checked_in ? keep_checked_in(im, r->id, c->checked_in, why)
                           : past_checked_in(im, r->id, event, why);
    record_free(&r);
    for (int i = 0; i < MAX_FIELDS; i++)
        free(in[i]);
    return rc;
}

/* ------------------------------------------------------------------------------------------
 * Invitations: a row names an event by id and an organisation, which is added when new. */

static int invitation_row(struct import *im, struct cells *c, long line, enum outcome *out,
                          char **why)
{
    char *in[MAX_FIELDS] = {0};
    for (int i = 0; i < im->ki->nfields; i++)
        in[i] = c->v[i] ? xstrdup(c->v[i]) : NULL;
    const char *ev = in[field_pos(F_INVITATION_EVENT_ID)];
    long long existing = 0;
    struct record *r = NULL;
    int rc = resolve_orgs(im, KIND_INVITATION, in, line, why);
    const char *org = in[field_pos(F_INVITATION_ORGANISATION)];
    if (rc == 0 && ev && looks_like_id(ev) && org && looks_like_id(org))
        rc = (existing = invitation_of(im->db, parse_id(ev), parse_id(org), why)) < 0 ? -1 : 0;
    if (rc == 0 && existing)
        rc = record_load(im->db, KIND_INVITATION, existing, &r, why) == 0 ? 0 : -1;
    else if (rc == 0)
        r = record_new(KIND_INVITATION);
    if (rc == 0) rc = save_row(im, r, existing != 0, in, line, out, why);
    if (rc == 0 && !existing && c->checked_in) {
        char stamp[32];
        if (!parse_timestamp(c->checked_in, stamp)) {
            *why = xasprintf(_("updated_at: not a time as khai writes it (2024-07-10T09:30:00Z): "
                               "\"%s\""),
                             c->checked_in);
            rc = -1;
        } else {
            rc = invitation_set_changed_at(im->db, r->id, stamp, why);
        }
    }
    record_free(&r);
    for (int i = 0; i < MAX_FIELDS; i++)
        free(in[i]);
    return rc;
}

static void record_row(struct import *im, struct cells *c, struct src src)
{
    char *why = NULL;
    enum outcome out = ADDED;
    int rc = db_begin(im->db, &why);
    if (rc == 0) {
        rc = im->kind == KIND_ATTENDANCE   ? attendance_row(im, c, src.line, &out, &why)
             : im->kind == KIND_INVITATION ? invitation_row(im, c, src.line, &out, &why)
                                           : plain_row(im, c, src.line, &out, &why);
        if (rc == 0)
            rc = db_commit(im->db, &why); /* it rolls back itself when it fails */
        else
            db_rollback(im->db);
    }
    row_end(im, rc == 0);
    if (rc != 0) {
        row_bad(im, src, why);
    } else {
        /* Each row counts once: an unchanged record is not also "updated". */
        long *counts[] = {&im->rep->added, &im->rep->updated, &im->rep->merged, &im->unchanged};
        (*counts[out])++;
    }
    free(why);
}

/* ------------------------------------------------------------------------------------------
 * The sheet: reading, the header row, the order of organisation rows. */

/* "-" is standard input. */
static int read_file(const char *path, char **data, size_t *len, char **err)
{
    bool std = strcmp(path, "-") == 0;
    FILE *f = std ? stdin : fopen(path, "rb");
    if (!f) {
        *err = xasprintf(_("cannot read %s: %s"), path, strerror(errno));
        return -1;
    }
    struct strbuf sb = STRBUF_INIT;
    char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0 && sb.len <= max_file)
        sb_addn(&sb, buf, n);
    bool failed = ferror(f);
    if (!std) fclose(f);
    if (failed || sb.len > max_file) {
        *err = failed ? xasprintf(_("cannot read %s: %s"), path, strerror(errno))
                      : xasprintf(_("%s is larger than %zu MB: split it"), path, max_file >> 20);
        sb_free(&sb);
        return -1;
    }
    *len = sb.len;
    *data = sb_take(&sb);
    return 0;
}

/* Where the rows come from: CSV text, or a workbook's sheet. A copy of it is a place to come
 * back to (the organisations are read twice). */
struct rows {
    struct csv_reader csv;
    const struct xlsx_sheet *sheet;
    size_t at;    /* the sheet's next row */
    size_t width; /* cells made for a sheet's row: the header's columns once it is known */
};

/* A sheet's row as a CSV record: its cells in their columns up to the width, the cells
 * further right (only counted) after them, empty ones as "". The line is the row's number
 * and start the row's index, for the rejects file. */
static void sheet_record(const struct xlsx_sheet *s, size_t at, size_t width,
                         struct csv_record *rec)
{
    const struct xlsx_row *row = &s->rows[at];
    size_t last = row->n ? row->cells[row->n - 1].col + 1 : 0;
    size_t cols = last < width ? last : width, extra = 0;
    for (size_t i = 0; i < row->n; i++)
        extra += row->cells[i].col >= cols;
    csv_record_free(rec);
    rec->n = rec->cap = cols + extra;
    rec->fields = xcalloc(rec->cap ? rec->cap : 1, sizeof *rec->fields);
    for (size_t i = 0, more = cols; i < row->n; i++) {
        size_t c = row->cells[i].col;
        rec->fields[c < cols ? c : more++] = xstrdup(row->cells[i].text);
    }
    for (size_t i = 0; i < rec->n; i++)
        if (!rec->fields[i]) rec->fields[i] = xstrdup("");
    rec->line = row->number;
    rec->start = at;
    rec->end = at + 1;
}

static int rows_next(struct rows *r, struct csv_record *rec, char **err)
{
    if (!r->sheet) return csv_read(&r->csv, rec, err);
    if (r->at >= r->sheet->nrows) return 0;
    sheet_record(r->sheet, r->at++, r->width, rec);
    return 1;
}

static int header_score(enum kind k, const struct csv_record *rec)
{
    int score = 0;
    for (size_t i = 0; i < rec->n; i++) {
        struct column c = match_header(k, rec->fields[i]);
        score += c.special != SP_UNKNOWN;
    }
    return score;
}

/* The header is the first row that names at least two known columns (one for a one-column
 * sheet): title lines above it ("รายชื่อผู้เข้าร่วมประชุม ...") are skipped. */
static int find_header(struct import *im, struct rows *r, struct csv_record *header, char **err)
{
    struct rows start = *r;
    struct rows first_after = *r;
    bool have_first = false;
    struct csv_record rec = CSV_RECORD_INIT;
    long first_line = 0;
    for (int seen = 0; seen < HEADER_SEARCH;) {
        int rc = rows_next(r, &rec, err);
        if (rc < 0) {
            csv_record_free(&rec);
            return -1;
        }
        if (rc == 0) break;
        if (csv_record_blank(&rec)) continue;
        seen++;
        if (!have_first) {
            have_first = true;
            first_after = *r;
            first_line = rec.line;
        }
        int score = header_score(im->kind, &rec);
        if (score >= 2 || (rec.n == 1 && score == 1)) {
            if (rec.line > first_line)
                import_report_add(im->rep,
                                  _("%s:%ld: the lines above the header row (line %ld) "
                                    "were skipped"),
                                  im->path, first_line, rec.line);
            csv_record_free(header);
            *header = rec;
            return 0;
        }
    }
    csv_record_free(&rec);
    if (!have_first) {
        *err = xstrdup(_("the file has no rows"));
        return -1;
    }
    *r = start;
    while (rows_next(r, header, err) == 1 && csv_record_blank(header))
        ;
    *r = first_after;
    return 0;
}

static const char *required_hint(enum kind k)
{
    switch (k) {
    case KIND_MEMBER:
        return _("members need: expected given_name (ชื่อ) or a full name (ชื่อ-นามสกุล)");
    case KIND_ORG:
        return _("orgs need: expected name (ชื่อองค์กร)");
    case KIND_EVENT:
        return _("events need: expected title (ชื่องาน) and start_date (วันที่เริ่ม)");
    case KIND_TASK:
        return _("tasks need: expected title (งาน)");
    case KIND_INVITATION:
        return _("invitations need: expected event_id (รหัสงาน) and organisation (องค์กร)");
    case KIND_GOAL:
        return _("goals need: expected title (เป้าหมาย), target (ค่าเป้าหมาย) and measure "
                 "(สิ่งที่นับ)");
    default:
        return _("attendance need: expected an event (event_id, or event_title with a date) "
                 "and a person (member_id, a phone, an e-mail or a name)");
    }
}

static bool has_column(const struct import *im, enum special sp, bool person, const char *name)
{
    enum kind k = person ? KIND_MEMBER : im->kind;
    for (size_t i = 0; i < im->ncols; i++) {
        const struct column *c = &im->cols[i];
        if (c->special != sp || c->person != person) continue;
        if (!name || strcmp(kind_info(k)->fields[c->field].name, name) == 0) return true;
    }
    return false;
}

static bool has_required(const struct import *im)
{
    switch (im->kind) {
    case KIND_MEMBER:
        return has_column(im, SP_FIELD, false, "given_name") ||
               has_column(im, SP_FULL_NAME, false, NULL);
    case KIND_ORG:
        return has_column(im, SP_FIELD, false, "name");
    case KIND_EVENT:
        return has_column(im, SP_FIELD, false, "title") &&
               has_column(im, SP_FIELD, false, "start_date");
    case KIND_TASK:
        return has_column(im, SP_FIELD, false, "title");
    case KIND_INVITATION:
        return has_column(im, SP_FIELD, false, "event_id") &&
               has_column(im, SP_FIELD, false, "organisation");
    case KIND_GOAL:
        return has_column(im, SP_FIELD, false, "title") &&
               has_column(im, SP_FIELD, false, "target") &&
               has_column(im, SP_FIELD, false, "measure");
    default:
        return (has_column(im, SP_FIELD, false, "event_id") ||
                has_column(im, SP_EVENT_TITLE, false, NULL)) &&
               (has_column(im, SP_FIELD, false, "member_id") ||
                has_column(im, SP_FULL_NAME, false, NULL) ||
                has_column(im, SP_FIELD, true, "given_name") ||
                has_column(im, SP_FIELD, true, "phone") || has_column(im, SP_FIELD, true, "email"));
    }
}

static bool is_name_column(const struct column *c)
{
    if (c->special == SP_FULL_NAME) return true;
    if (c->special != SP_FIELD || c->person) return false;
    enum field_id f = field_id(KIND_MEMBER, c->field);
    return f == F_MEMBER_TITLE || f == F_MEMBER_GIVEN_NAME || f == F_MEMBER_FAMILY_NAME ||
           f == F_MEMBER_NICKNAME;
}

/* A sheet of people of which khai would keep only the names, while more columns than it
 * knows go unread (a contacts export from a program khai does not know): refused, so that
 * nobody is imported without the phones and e-mails the file has. */
static int names_only(const struct import *im, const struct csv_record *header, char **err)
{
    size_t known = 0, names = 0, unknown = 0;
    for (size_t i = 0; i < im->ncols; i++) {
        const struct column *c = &im->cols[i];
        if (c->special == SP_UNKNOWN && !blank(header->fields[i]))
            unknown++;
        else if (c->special != SP_UNKNOWN && c->special != SP_IGNORE)
            known++, names += is_name_column(c);
    }
    if (im->kind != KIND_MEMBER || names < known || unknown < 2 || unknown <= known) return 0;
    *err = xasprintf(_("of the %zu columns of the header row (line %ld) khai knows only the "
                       "names; the others (listed above) would be lost: nothing imported; "
                       "rename their headers to khai's column names (phone, email, line_id, "
                       "organisations, ...)"),
                     im->ncols, header->line);
    return -1;
}

static int map_columns(struct import *im, const struct csv_record *header, char **err)
{
    im->ncols = header->n;
    im->cols = xcalloc(header->n ? header->n : 1, sizeof *im->cols);
    for (size_t i = 0; i < header->n; i++) {
        im->cols[i] = match_header(im->kind, header->fields[i]);
        if (im->cols[i].special == SP_UNKNOWN && !blank(header->fields[i]))
            import_report_add(im->rep, _("%s:%ld: column \"%s\" is not a %s field: ignored"),
                              im->path, header->line, header->fields[i], kind_noun(im->kind));
    }
    im->has_family = has_column(im, SP_FIELD, im->kind == KIND_ATTENDANCE, "family_name");
    im->has_status = has_column(im, SP_FIELD, false, "status");
    if (!has_required(im)) {
        struct strbuf seen = STRBUF_INIT;
        for (size_t i = 0; i < header->n; i++)
            sb_addf(&seen, "%s\"%s\"", i ? ", " : "", header->fields[i]);
        *err = xasprintf(_("no column names what %s; the header row (line %ld) has %s"),
                         required_hint(im->kind), header->line, sb_str(&seen));
        sb_free(&seen);
        return -1;
    }
    if (names_only(im, header, err) != 0) return -1;
    if (im->kind == KIND_ATTENDANCE && !im->has_status)
        import_report_add(im->rep,
                          _("%s: no status column: everyone on the sheet is recorded as "
                            "attended"),
                          im->path);
    return 0;
}

/* Organisation rows are taken parents first, so that a parent named further down the sheet
 * is the one the sheet describes and not an empty organisation made up on the way. Each row
 * is known by the place it starts (marks[i]) and read again when it is needed: nothing but
 * the places is kept. */
static void order_orgs(struct import *im, const struct rows *marks, size_t n, size_t *order)
{
    int ni = field_pos(F_ORG_NAME), pi = field_pos(F_ORG_PARENT);
    struct map by_name = {0};
    char **parent = xcalloc(n ? n : 1, sizeof *parent);
    struct csv_record rec = CSV_RECORD_INIT;
    for (size_t i = 0; i < n; i++) {
        struct rows at = marks[i];
        char *err = NULL;
        if (rows_next(&at, &rec, &err) != 1) {
            free(err);
            continue;
        }
        struct cells c;
        cells_fill(im, &rec, &c);
        for (size_t j = 0; j < im->nnotes; j++)
            free(im->notes[j]);
        im->nnotes = 0;
        if (c.v[ni]) {
            char *name = text_normalize(c.v[ni], 0);
            if (!map_get(&by_name, name)) map_set(&by_name, name, (long long)i + 1);
            free(name);
        }
        parent[i] = c.v[pi] ? text_normalize(c.v[pi], 0) : NULL;
        cells_free(&c);
    }
    csv_record_free(&rec);
    char *state = xcalloc(n ? n : 1, 1); /* 0 new, 1 in progress, 2 placed */
    size_t placed = 0;
    size_t *stack = xcalloc(n ? n : 1, sizeof *stack);
    for (size_t i = 0; i < n; i++) {
        size_t depth = 0;
        stack[depth++] = i;
        while (depth) {
            size_t at = stack[depth - 1];
            if (state[at] == 2) {
                depth--;
                continue;
            }
            long long p = parent[at] ? map_get(&by_name, parent[at]) : 0;
            if (state[at] == 0 && p && state[p - 1] == 0) {
                state[at] = 1;
                stack[depth++] = (size_t)p - 1;
                continue;
            }
            state[at] = 2; /* a loop is left for the model to refuse */
            order[placed++] = at;
            depth--;
        }
    }
    free(stack);
    free(state);
    for (size_t i = 0; i < n; i++)
        free(parent[i]);
    free(parent);
    map_free(&by_name);
}

static void process(struct import *im, const struct csv_record *rec)
{
    struct cells c;
    struct src src = {rec->line, rec->start, rec->end};
    cells_fill(im, rec, &c);
    if (im->kind == KIND_MEMBER)
        member_row(im, &c, src);
    else
        record_row(im, &c, src);
    cells_free(&c);
}

static int process_orgs(struct import *im, struct rows *r, char **err)
{
    struct rows *marks = NULL;
    size_t n = 0;
    struct csv_record rec = CSV_RECORD_INIT;
    struct rows mark = *r;
    int rc;
    while ((rc = rows_next(r, &rec, err)) == 1) {
        if (!csv_record_blank(&rec)) {
            if (n == 0 || (n & (n - 1)) == 0)
                marks = xrealloc(marks, sizeof *marks * (n ? n * 2 : 1));
            marks[n++] = mark;
        }
        mark = *r;
    }
    if (rc == 0) {
        size_t *order = xcalloc(n ? n : 1, sizeof *order);
        order_orgs(im, marks, n, order);
        for (size_t i = 0; i < n; i++) {
            struct rows at = marks[order[i]];
            if (rows_next(&at, &rec, err) == 1) process(im, &rec);
        }
        free(order);
    }
    csv_record_free(&rec);
    free(marks);
    return rc;
}

static int process_rows(struct import *im, struct rows *r, char **err)
{
    if (im->kind == KIND_ORG) return process_orgs(im, r, err);
    struct csv_record rec = CSV_RECORD_INIT;
    int rc;
    while ((rc = rows_next(r, &rec, err)) == 1)
        if (!csv_record_blank(&rec)) process(im, &rec);
    csv_record_free(&rec);
    return rc;
}

/* ------------------------------------------------------------------------------------------
 * The rejects file: the header and the bad rows as they were read, in the file's encoding. */

static int compare_src(const void *a, const void *b)
{
    const struct src *x = a, *y = b;
    return (x->line > y->line) - (x->line < y->line);
}

static void add_slice(struct strbuf *sb, const char *text, size_t start, size_t end,
                      const char *eol)
{
    sb_addn(sb, text + start, end - start);
    if (end == start || (text[end - 1] != '\n' && text[end - 1] != '\r')) sb_add(sb, eol);
}

const char *import_rejects_base(const char *path)
{
    return strcmp(path, "-") == 0 ? "stdin" : path;
}

/* A workbook's rejected rows go out as CSV (UTF-8 with a byte-order mark, for Excel) with
 * each cell as export writes it, so that the file imports again once fixed. */
static void rejects_line(struct strbuf *utf8, const struct csv_record *r)
{
    for (size_t j = 0; j < r->n; j++) {
        if (j) sb_addc(utf8, ',');
        csv_write_cell(utf8, r->fields[j], ',');
    }
    sb_add(utf8, "\r\n");
}

static void sheet_rejects(const struct import *im, struct strbuf *utf8)
{
    struct csv_record rec = CSV_RECORD_INIT;
    rejects_line(utf8, &im->header);
    for (size_t i = 0; i < im->nbad; i++) {
        if (i > 0 && im->bad[i].start == im->bad[i - 1].start) continue;
        sheet_record(im->sheet, im->bad[i].start, XLSX_MAX_COLUMNS, &rec);
        rejects_line(utf8, &rec);
    }
    csv_record_free(&rec);
}

static void text_rejects(const struct import *im, struct strbuf *utf8)
{
    bool crlf = im->header_end >= 2 && im->text[im->header_end - 2] == '\r';
    const char *eol = crlf ? "\r\n" : "\n";
    add_slice(utf8, im->text, 0, im->header_end, eol);
    for (size_t i = 0; i < im->nbad; i++)
        if (i == 0 || im->bad[i].start != im->bad[i - 1].start)
            add_slice(utf8, im->text, im->bad[i].start, im->bad[i].end, eol);
}

static int write_rejects(struct import *im, char **err)
{
    qsort(im->bad, im->nbad, sizeof *im->bad, compare_src);
    struct strbuf utf8 = STRBUF_INIT, out = STRBUF_INIT;
    if (im->sheet)
        sheet_rejects(im, &utf8);
    else
        text_rejects(im, &utf8);
    size_t nbom, bad;
    const char *bom = encoding_bom(im->enc, &nbom);
    sb_addn(&out, bom, nbom);
    int rc = encoding_encode(sb_str(&utf8), utf8.len, im->enc, &out, &bad);
    char *path = NULL, *why = NULL;
    char *base = xasprintf("%s.rejects", import_rejects_base(im->path));
    int fd = rc == 0 ? outfile_create_new(base, ".csv", &path, &why) : -1;
    free(base);
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    bool ok = f && fwrite(sb_str(&out), 1, out.len, f) == out.len;
    if (f && fclose(f) != 0) ok = false;
    if (!f && fd >= 0) close(fd);
    if (!ok) {
        if (!why)
            why = path ? xasprintf(_("cannot write %s: %s"), path, strerror(errno))
                       : xasprintf(_("%s: the rows cannot be encoded back"), im->path);
        *err = xasprintf(_("%s: nothing was imported"), why);
        free(why);
        if (path) unlink(path);
        free(path);
    } else {
        im->rep->rejects_path = path;
    }
    sb_free(&utf8);
    sb_free(&out);
    return ok ? 0 : -1;
}

/* ------------------------------------------------------------------------------------------
 * The whole import */

static void import_free(struct import *im)
{
    free(im->cols);
    map_free(&im->org_by_name);
    map_free(&im->events);
    map_free(&im->province_memo);
    for (size_t i = 0; i < im->nprovince_memo; i++)
        free(im->province_memo_code[i]);
    map_free(&im->dups);
    map_free(&im->names);
    map_free(&im->touched);
    map_free(&im->file_of);
    for (size_t i = 0; i < im->nstaged; i++)
        free(im->staged[i].packed);
    free(im->staged);
    for (size_t i = 0; i < im->npending; i++) {
        for (int f = 0; f < MAX_FIELDS; f++)
            free(im->pending[i].in[f]);
        free(im->pending[i].srcs);
    }
    free(im->pending);
    map_free(&im->pending_at);
    row_end(im, false);
    free(im->journal);
    free(im->notes);
    free(im->bad);
}

static int decode_file(struct import *im, char *raw, size_t rawlen, char **data, size_t *len,
                       char **err)
{
    enum text_encoding want = ENC_AUTO;
    const char *name = im->opt->encoding;
    if (name && *name && !encoding_from_name(name, &want)) {
        free(raw);
        *err = xasprintf(_("unknown encoding \"%s\": use auto, utf-8, cp874, tis-620 or utf-16"),
                         name);
        return -1;
    }
    if (im->opt->sheet) {
        free(raw);
        *err = xasprintf(_("%s: --sheet goes with .xlsx workbooks, and this is a text file"),
                         im->path);
        return -1;
    }
    char *why = NULL;
    int rc = encoding_decode(raw, rawlen, want, data, len, &im->enc, &why);
    free(raw);
    if (rc != 0) {
        *err = xasprintf("%s: %s", im->path, why);
        free(why);
    }
    return rc;
}

/* Phase 2 and the end: bulk members, then commit, roll back (dry run), or refuse. */
static int finish(struct import *im, char **err)
{
    if (im->nbad && !im->opt->skip_bad) {
        bulk_rollback(&im->bulk);
        *err = xasprintf(P_("nothing was imported: %zu row is bad (see above); fix it, or give "
                            "--skip-bad to import the other rows",
                            "nothing was imported: %zu rows are bad (see above); fix them, or give "
                            "--skip-bad to import the other rows",
                            im->nbad),
                         im->nbad);
        return -1;
    }
    if (write_staged(im, err) != 0 || write_pending(im, err) != 0) {
        bulk_rollback(&im->bulk);
        return -1;
    }
    if (im->unchanged)
        import_report_add(im->rep,
                          P_("%s: %ld row matched records that needed no change",
                             "%s: %ld rows matched records that needed no change", im->unchanged),
                          im->path, im->unchanged);
    if (im->kept_apart)
        import_report_add(im->rep,
                          P_("%s: %ld row is probably someone khai knows but was added as a new "
                             "person: `khai duplicates` lists them, `khai merge` joins two; "
                             "--merge probable joins them on import",
                             "%s: %ld rows are probably someone khai knows but were added as new "
                             "people: `khai duplicates` lists them, `khai merge` joins two; "
                             "--merge probable joins them on import",
                             im->kept_apart),
                          im->path, im->kept_apart);
    im->rep->rejected = (long)im->nbad;
    if (im->opt->dry_run) {
        bulk_rollback(&im->bulk);
        return 0;
    }
    if (im->nbad && write_rejects(im, err) != 0) {
        bulk_rollback(&im->bulk);
        return -1;
    }
    if (bulk_commit(&im->bulk, err) != 0) {
        if (im->rep->rejects_path) unlink(im->rep->rejects_path);
        return -1;
    }
    return 0;
}

/* The rows of the file: a workbook's sheet when it is one, else its text decoded. */
static int open_rows(struct import *im, struct xlsx_sheet *sheet, char **text, struct rows *r,
                     char **err)
{
    char *raw;
    size_t rawlen;
    if (read_file(im->path, &raw, &rawlen, err) != 0) return -1;
    memset(r, 0, sizeof *r);
    if (xlsx_is_workbook(raw, rawlen)) {
        int rc = xlsx_read(im->path, raw, rawlen, im->opt->sheet, sheet, err);
        free(raw);
        if (rc != 0) return -1;
        im->sheet = sheet;
        im->enc = ENC_UTF8_BOM;
        r->sheet = sheet;
        r->width = XLSX_MAX_COLUMNS;
        return 0;
    }
    size_t len;
    if (decode_file(im, raw, rawlen, text, &len, err) != 0) return -1;
    im->text = *text;
    im->len = len;
    size_t skip;
    im->delim = csv_detect_delimiter(*text, len, &skip);
    csv_reader_init(&r->csv, *text, len, im->delim);
    r->csv.pos = skip;
    r->csv.line += skip > 0;
    return 0;
}

/* A sheet's rows are made as wide as its header (without the empty cells at its end): a cell
 * far to the right costs nothing but a count. */
static void header_width(struct rows *r, const struct csv_record *header)
{
    size_t n = header->n;
    while (n > 0 && blank(header->fields[n - 1]))
        n--;
    if (r->sheet) r->width = n;
}

int import_csv(struct db *db, enum kind k, const char *path, const struct import_options *opt,
               struct import_report *rep, char **err)
{
    struct import im = {
        .db = db, .kind = k, .ki = kind_info(k), .path = path, .opt = opt, .rep = rep};
    db_now(im.now);
    char *text = NULL;
    struct xlsx_sheet sheet = {0};
    struct rows r;
    if (open_rows(&im, &sheet, &text, &r, err) != 0) return -1;
    im.own_text = text;
    struct csv_record header = CSV_RECORD_INIT;
    char *why = NULL;
    int rc = find_header(&im, &r, &header, &why);
    if (rc == 0) {
        im.header_end = r.csv.pos;
        header_width(&r, &header);
        rc = map_columns(&im, &header, &why);
    }
    if (rc != 0) {
        *err = xasprintf("%s: %s", path, why);
        free(why);
    }
    im.header = header; /* for a workbook's rejects file */
    /* A bigger page cache for the one long transaction: fewer pages spilled to the
     * write-ahead log and read back. Every new member gets its audit row, as a save would. */
    const struct bulk_options bulk = {.cache_kb = CACHE_KB, .audit_each = true};
    if (rc == 0) rc = bulk_begin(db, &bulk, &im.bulk, err);
    if (rc == 0 && process_rows(&im, &r, &why) != 0) {
        bulk_rollback(&im.bulk);
        *err = xasprintf(_("%s: %s: nothing was imported"), path, why);
        free(why);
        rc = -1;
    }
    if (rc == 0) rc = finish(&im, err);
    import_free(&im);
    csv_record_free(&im.header);
    xlsx_sheet_free(&sheet);
    free(im.own_text);
    return rc;
}
